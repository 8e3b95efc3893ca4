import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, Radio, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useActiveSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import { STATUS_TONES } from './AppointmentsPanel';
import { appointmentKeys, icsUrl, shiftDay, useCaseworkers, useOwnLocations, type CalendarWeek } from './shared';

/**
 * A week of appointments per caseworker or per location. Each day is a section with a heading and
 * a table (not a grid of boxes): screen readers get the days in order, keyboard users tab through
 * the links, and the page prints as a plain list.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const staff = useCaseworkers();
  const locations = useOwnLocations();
  const [scope, setScope] = useState<'user' | 'location'>('user');
  const [userId, setUserId] = useState(session.user.id);
  const [locationId, setLocationId] = useState('');
  const [date, setDate] = useState(todayIso());
  const id = scope === 'user' ? userId : locationId || locations.data?.[0]?.id || '';
  const query = useQuery({
    queryKey: appointmentKeys.week(scope, id, date),
    queryFn: () => api.get<CalendarWeek>('/appointments', { [scope === 'user' ? 'userId' : 'locationId']: id, date }),
    enabled: Boolean(id),
  });
  const week = query.data;
  const staffOptions = (staff.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  if (!staffOptions.some((o) => o.value === session.user.id)) staffOptions.unshift({ value: session.user.id, label: session.user.displayName });

  return (
    <>
      <PageHeader title={t('appointments.calendar.title')} description={t('appointments.calendar.description')} />
      <Stack gap="md">
        <Paper withBorder p="md">
          <Group align="flex-end" gap="md" wrap="wrap">
            <Radio.Group label={t('appointments.calendar.scope')} value={scope} onChange={(v) => setScope(v as 'user' | 'location')}>
              <Group gap="md" mt={6}>
                <Radio value="user" label={t('appointments.calendar.byUser')} />
                <Radio value="location" label={t('appointments.calendar.byLocation')} />
              </Group>
            </Radio.Group>
            {scope === 'user' ? (
              <NativeSelect label={t('appointments.fields.user')} value={userId} onChange={(e) => setUserId(e.currentTarget.value)} data={staffOptions} />
            ) : (
              <NativeSelect
                label={t('appointments.fields.location')}
                value={id}
                onChange={(e) => setLocationId(e.currentTarget.value)}
                data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
              />
            )}
          </Group>
        </Paper>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="xs">
            <Button variant="default" onClick={() => setDate(shiftDay(week?.monday ?? date, -7))}>
              {t('appointments.calendar.previous')}
            </Button>
            <Button variant="default" onClick={() => setDate(todayIso())}>
              {t('appointments.calendar.thisWeek')}
            </Button>
            <Button variant="default" onClick={() => setDate(shiftDay(week?.monday ?? date, 7))}>
              {t('appointments.calendar.next')}
            </Button>
          </Group>
          {week && (
            <Anchor href={icsUrl('/appointments/calendar.ics', { [scope === 'user' ? 'userId' : 'locationId']: id, date: week.monday })} download>
              {t('appointments.calendar.ics')}
            </Anchor>
          )}
        </Group>
        {!id ? (
          <Text>{t('appointments.calendar.noLocation')}</Text>
        ) : query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <WeekView week={query.data} />
        )}
      </Stack>
    </>
  );
}

function WeekView({ week }: { week: CalendarWeek }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="calendar-week-heading">
      <Title order={2} id="calendar-week-heading" mb="sm" aria-live="polite">
        {t('appointments.calendar.weekOf', { name: week.scope.name, week: week.isoWeek, year: week.isoYear })}
      </Title>
      <Stack gap="sm">
        {week.days.map((day, i) => {
          const items = week.items.filter((a) => a.date === day);
          const hours = week.officeHours.filter((h) => h.weekday === i + 1);
          const headingId = `calendar-day-${day}`;
          return (
            <Paper key={day} component="section" aria-labelledby={headingId} withBorder p="sm">
              <Title order={3} size="h4" id={headingId}>
                <Day value={day} long />
              </Title>
              {hours.length > 0 && (
                <Text size="sm">
                  {t('appointments.calendar.officeHours', { hours: hours.map((h) => t('appointments.timeRange', { from: h.opens, to: h.closes })).join(', ') })}
                </Text>
              )}
              {items.length === 0 ? (
                <Text size="sm" mt={4}>
                  {t('appointments.calendar.free')}
                </Text>
              ) : (
                <Table mt="xs">
                  <Table.Caption>
                    <VisuallyHidden>{t('appointments.calendar.dayCaption')}</VisuallyHidden>
                  </Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('appointments.fields.time')}</Table.Th>
                      <Table.Th scope="col">{t('appointments.fields.case')}</Table.Th>
                      <Table.Th scope="col">{t('appointments.fields.kind')}</Table.Th>
                      <Table.Th scope="col">{week.scope.kind === 'user' ? t('appointments.fields.location') : t('appointments.fields.user')}</Table.Th>
                      <Table.Th scope="col">{t('common.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          {t('appointments.timeRange', { from: a.startTime, to: a.endTime })}
                          {a.outsideOfficeHours && (
                            <Text size="sm" component="span" display="block">
                              {t('appointments.outsideOfficeHours')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/cases/${a.caseId}?tab=appointments`}>
                            {a.caseNumber}
                          </Anchor>{' '}
                          {a.initials}
                        </Table.Td>
                        <Table.Td>{t(`appointments.kinds.${a.kind}`)}</Table.Td>
                        <Table.Td>{week.scope.kind === 'user' ? (a.location?.name ?? '–') : a.user.name}</Table.Td>
                        <Table.Td>
                          <StatusBadge tone={STATUS_TONES[a.status]}>{t(`appointments.statuses.${a.status}`)}</StatusBadge>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          );
        })}
      </Stack>
    </section>
  );
}
