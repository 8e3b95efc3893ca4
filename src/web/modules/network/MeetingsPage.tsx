import { Anchor, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MEETING_KINDS, type MeetingKind } from '../../../contracts/network';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { MeetingForm } from './MeetingForm';
import { MEETING_STATUS_TONES, networkKeys, type MeetingSummary } from './shared';

const TIMINGS = ['upcoming', 'past'] as const;

/** /network/meetings: the district's network meetings, upcoming (soonest first) or past (latest first). */
export function MeetingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const timing = params.get('timing') === 'past' ? 'past' : 'upcoming';
  const kindParam = params.get('kind');
  const kind = (MEETING_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as MeetingKind) : '';
  const set = (k: string, v: string) =>
    setParams((p) => {
      if (v) p.set(k, v);
      else p.delete(k);
      return p;
    }, { replace: true });
  const query = useQuery({
    queryKey: networkKeys.meetings(timing, kind),
    queryFn: () => api.get<{ items: MeetingSummary[]; mayCreate: boolean }>('/network/meetings', { timing, kind }),
  });
  const { can } = useSession();

  return (
    <>
      <PageHeader
        title={t('network.meetings.title')}
        description={t('network.meetings.description')}
        actions={
          can('network.manage') ? (
            <Button component={Link} to="/network/meetings/new">
              {t('network.meetings.new')}
            </Button>
          ) : undefined
        }
      />
      <Paper withBorder p="md">
        <Stack gap="md">
          <Group gap="md" wrap="wrap" align="flex-end">
            <SegmentedControl
              aria-label={t('network.meetings.timingLabel')}
              value={timing}
              onChange={(v) => set('timing', v === 'upcoming' ? '' : v)}
              data={TIMINGS.map((x) => ({ value: x, label: t(`network.meetings.timings.${x}`) }))}
            />
            <NativeSelect
              label={t('network.meetings.kindFilter')}
              value={kind}
              onChange={(e) => set('kind', e.currentTarget.value)}
              data={[{ value: '', label: t('network.meetings.allKinds') }, ...MEETING_KINDS.map((k) => ({ value: k, label: t(`network.kinds.${k}`) }))]}
            />
          </Group>
          {query.isPending ? (
            <Loading />
          ) : query.isError ? (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          ) : query.data.items.length === 0 ? (
            <Text>{t(`network.meetings.empty.${timing}`)}</Text>
          ) : (
            <TableScroll label={t('network.meetings.tableLabel')} minWidth={900}>
              <Table striped>
                <Table.Caption>{t(`network.meetings.caption.${timing}`, { count: query.data.items.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('network.fields.date')}</Table.Th>
                    <Table.Th scope="col">{t('network.fields.title')}</Table.Th>
                    <Table.Th scope="col">{t('network.fields.kind')}</Table.Th>
                    <Table.Th scope="col">{t('network.fields.place')}</Table.Th>
                    <Table.Th scope="col">{t('network.fields.organiser')}</Table.Th>
                    <Table.Th scope="col">{t('network.fields.status')}</Table.Th>
                    <Table.Th scope="col">{t('network.meetings.participantsColumn')}</Table.Th>
                    <Table.Th scope="col">{t('network.meetings.openActionsColumn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        <Day value={m.date} />
                        <Text size="sm" component="span" display="block">
                          {t('network.timeRange', { from: m.startTime, to: m.endTime })}
                        </Text>
                      </Table.Td>
                      <Table.Th scope="row" fw={400}>
                        <Anchor component={Link} to={`/network/meetings/${m.id}`}>
                          {m.title}
                        </Anchor>
                        {m.hasMinutes && (
                          <Text size="sm" component="span" display="block">
                            {t('network.meetings.hasMinutes')}
                          </Text>
                        )}
                      </Table.Th>
                      <Table.Td>{t(`network.kinds.${m.kind}`)}</Table.Td>
                      <Table.Td>{[m.place, m.municipality?.name].filter(Boolean).join(', ') || '–'}</Table.Td>
                      <Table.Td>{m.organiser.name}</Table.Td>
                      <Table.Td>
                        <StatusBadge tone={MEETING_STATUS_TONES[m.status]}>{t(`network.statuses.${m.status}`)}</StatusBadge>
                      </Table.Td>
                      <Table.Td>{m.participants}</Table.Td>
                      <Table.Td>{m.openActions}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Stack>
      </Paper>
    </>
  );
}

/** /network/meetings/new: plan a meeting (organisations with network.manage). */
export function NewMeetingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('network.form.newTitle')} />
      <Paper withBorder p="md">
        <MeetingForm onSaved={(m) => navigate(`/network/meetings/${m.id}`, { state: { created: true } })} onCancel={() => navigate('/network/meetings')} />
      </Paper>
    </>
  );
}
