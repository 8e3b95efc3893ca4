import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { APPOINTMENT_KINDS, type AppointmentKind, type AppointmentStatus } from '../../../contracts/appointments';
import { ApiError, api } from '../../app/api';
import { FormError, QueryError, errorMessage, useFormErrors } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso, useDayFormat } from '../deadlines/dates';
import type { CaseTabProps } from '../cases/types';
import { appointmentKeys, icsUrl, useCaseworkers, useOwnLocations, type Appointment } from './shared';

export const STATUS_TONES: Record<AppointmentStatus, Tone> = { planned: 'info', held: 'success', missed: 'danger', cancelled: 'neutral' };

/** Book an appointment for the household: caseworker, kind, place, day and Berlin wall-clock times. */
function BookingForm({ caseId, defaultLocationId, onBooked }: { caseId: string; defaultLocationId: string | null; onBooked: (a: Appointment) => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const staff = useCaseworkers();
  const locations = useOwnLocations();
  const [kind, setKind] = useState<AppointmentKind>('office');
  const [userId, setUserId] = useState(session.user.id);
  const [locationId, setLocationId] = useState(defaultLocationId ?? '');
  const [date, setDate] = useState(todayIso());
  const [startTime, setStartTime] = useState('09:00');
  const [endTime, setEndTime] = useState('09:45');
  const [note, setNote] = useState('');
  const [outside, setOutside] = useState(false);
  const errors = useFormErrors();
  const outsideRefused = errors.fields.some((f) => f.path === 'startTime') && errors.error instanceof ApiError && errors.error.status === 422;
  const save = useMutation({
    mutationFn: () =>
      api.post<Appointment>(`/cases/${caseId}/appointments`, {
        kind, userId, locationId: locationId || null, date, startTime, endTime, note: note.trim() || null, allowOutsideOfficeHours: outside,
      }),
    onMutate: () => errors.clear(),
    onSuccess: (a) => {
      setNote('');
      setOutside(false);
      onBooked(a);
    },
    onError: errors.setError,
  });
  const staffOptions = (staff.data ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  if (!staffOptions.some((o) => o.value === session.user.id)) staffOptions.unshift({ value: session.user.id, label: session.user.displayName });
  return (
    <form
      noValidate
      aria-labelledby="appointment-book-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={3} size="h4" id="appointment-book-heading" mb="xs">
        {t('appointments.book.title')}
      </Title>
      <Stack gap="sm">
        <FormError error={errors.error} knownPaths={['kind', 'userId', 'locationId', 'date', 'startTime', 'endTime', 'note']} />
        <Group align="flex-start" gap="md" wrap="wrap">
          <NativeSelect
            label={t('appointments.fields.kind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as AppointmentKind)}
            data={APPOINTMENT_KINDS.map((k) => ({ value: k, label: t(`appointments.kinds.${k}`) }))}
            error={errors.field('kind')}
          />
          <NativeSelect label={t('appointments.fields.user')} value={userId} onChange={(e) => setUserId(e.currentTarget.value)} data={staffOptions} error={errors.field('userId')} />
          <NativeSelect
            label={t('appointments.fields.location')}
            value={locationId}
            onChange={(e) => setLocationId(e.currentTarget.value)}
            data={[{ value: '', label: t('appointments.fields.noLocation') }, ...(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))]}
            error={errors.field('locationId')}
            required={kind === 'office'}
          />
        </Group>
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput type="date" label={t('appointments.fields.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.field('date')} required />
          <TextInput type="time" label={t('appointments.fields.startTime')} value={startTime} onChange={(e) => setStartTime(e.currentTarget.value)} error={errors.field('startTime')} required />
          <TextInput type="time" label={t('appointments.fields.endTime')} value={endTime} onChange={(e) => setEndTime(e.currentTarget.value)} error={errors.field('endTime')} required />
        </Group>
        <Text size="sm">{t('appointments.book.timeZoneHint')}</Text>
        {(outsideRefused || outside) && kind === 'office' && (
          <Checkbox label={t('appointments.book.allowOutside')} checked={outside} onChange={(e) => setOutside(e.currentTarget.checked)} />
        )}
        <Textarea label={t('appointments.fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} autosize minRows={2} maxLength={1000} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('appointments.book.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Record what happened to an appointment (held, missed, cancelled). */
function StatusActions({ a, onChanged, onError }: { a: Appointment; onChanged: (message: string) => void; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const change = useMutation({
    mutationFn: (status: AppointmentStatus) => api.patch<Appointment>(`/appointments/${a.id}`, { version: a.version, status }),
    onSuccess: (saved) => onChanged(t('appointments.statusSaved', { status: t(`appointments.statuses.${saved.status}`) })),
    onError: (e) => onError(errorMessage(e, t)),
  });
  if (a.status !== 'planned') return null;
  const label = (s: AppointmentStatus) => t(`appointments.mark.${s}`, { time: `${day.short(a.date)} ${a.startTime}` });
  return (
    <Group gap="xs" wrap="nowrap">
      {(['held', 'missed', 'cancelled'] as const).map((s) => (
        <Button key={s} size="compact-sm" variant="default" onClick={() => change.mutate(s)} loading={change.isPending && change.variables === s} aria-label={label(s)}>
          {t(`appointments.markShort.${s}`)}
        </Button>
      ))}
    </Group>
  );
}

export function AppointmentsPanel({ summary }: CaseTabProps) {
  const { t } = useTranslation();
  // Dates in messages and button names as the reader writes them, not as ISO strings.
  const day = useDayFormat();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const query = useQuery({ queryKey: appointmentKeys.ofCase(summary.id), queryFn: () => api.get<{ items: Appointment[] }>(`/cases/${summary.id}/appointments`) });
  const refresh = async (message: string) => {
    notice.show(message);
    await queryClient.invalidateQueries({ queryKey: appointmentKeys.all });
  };
  return (
    <Stack gap="md">
      <Notice notice={notice.notice} onClose={notice.clear} />
      <Paper component="section" aria-labelledby="appointments-list-heading" withBorder p="md">
        <Title order={2} size="h3" id="appointments-list-heading" mb="sm">
          {t('appointments.tab')}
        </Title>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <Text>{t('appointments.none')}</Text>
        ) : (
          <TableScroll label={t('appointments.tableLabel')}>
            <Table striped>
              <Table.Caption>{t('appointments.caseCaption', { caseNumber: summary.caseNumber })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('appointments.fields.date')}</Table.Th>
                  <Table.Th scope="col">{t('appointments.fields.time')}</Table.Th>
                  <Table.Th scope="col">{t('appointments.fields.kind')}</Table.Th>
                  <Table.Th scope="col">{t('appointments.fields.location')}</Table.Th>
                  <Table.Th scope="col">{t('appointments.fields.user')}</Table.Th>
                  <Table.Th scope="col">{t('common.status')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Day value={a.date} />
                    </Table.Td>
                    <Table.Td>
                      {t('appointments.timeRange', { from: a.startTime, to: a.endTime })}
                      {a.outsideOfficeHours && (
                        <Text size="sm" component="span" display="block">
                          {t('appointments.outsideOfficeHours')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`appointments.kinds.${a.kind}`)}</Table.Td>
                    <Table.Td>{a.location?.name ?? '–'}</Table.Td>
                    <Table.Td>{a.user.name}</Table.Td>
                    <Table.Td>
                      <StatusBadge tone={STATUS_TONES[a.status]}>{t(`appointments.statuses.${a.status}`)}</StatusBadge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {can('cases.edit') && <StatusActions a={a} onChanged={(m) => void refresh(m)} onError={notice.show} />}
                        <Anchor href={icsUrl(`/appointments/${a.id}/ics`)} download aria-label={t('appointments.icsOne', { time: `${day.short(a.date)} ${a.startTime}` })}>
                          {t('appointments.ics')}
                        </Anchor>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Paper>
      {can('cases.edit') && (
        <Paper withBorder p="md">
          <BookingForm
            caseId={summary.id}
            defaultLocationId={summary.location?.id ?? null}
            onBooked={(a) => void refresh(t('appointments.booked', { date: day.short(a.date), time: a.startTime }))}
          />
        </Paper>
      )}
    </Stack>
  );
}
