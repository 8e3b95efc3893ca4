import { Anchor, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/admin';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { todayIso, useDayFormat } from '../deadlines/dates';
import { outreachKeys, type DayListResponse } from './types';
import './print.css';

const isDay = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** /outreach/home-visits: the planned home visits of a day as a printable route sheet. */
export function HomeVisitsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const fmt = useDayFormat();
  const [params, setParams] = useSearchParams();
  const date = isDay(params.get('date')) ? params.get('date')! : todayIso();
  const scope = params.get('scope') === 'team' ? 'team' : 'mine';
  const assigneeId = scope === 'team' ? (params.get('assignee') ?? '') : '';
  const set = (changes: Record<string, string>) =>
    setParams((p) => {
      for (const [k, v] of Object.entries(changes)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      return p;
    }, { replace: true });

  const users = useQuery({
    queryKey: ['users', 'list', { orgId: session.organisation.id, q: '' }],
    queryFn: async () => (await api.get<{ items: User[] }>('/users', { orgId: session.organisation.id })).items,
    enabled: scope === 'team' && can('users.read'),
  });
  const colleagues = (users.data ?? []).filter((u) => u.orgId === session.organisation.id && u.active && u.roles.some((r) => r === 'caseworker' || r === 'team_lead'));
  const query = useQuery({
    queryKey: [...outreachKeys.dayList(date, scope), assigneeId],
    queryFn: () => api.get<DayListResponse>('/outreach/home-visits', { date, scope, assigneeId: assigneeId || undefined }),
  });

  return (
    <div className="day-list">
      <PageHeader
        title={t('outreach.dayList.title', { date: fmt.long(date) })}
        documentTitle={t('outreach.dayList.documentTitle')}
        actions={
          <Button className="no-print" variant="default" onClick={() => window.print()}>
            {t('outreach.dayList.print')}
          </Button>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" className="no-print">
          <Group align="flex-end" gap="md" wrap="wrap">
            <TextInput type="date" label={t('outreach.dayList.date')} value={date} onChange={(e) => isDay(e.currentTarget.value) && set({ date: e.currentTarget.value })} />
            <SegmentedControl
              aria-label={t('outreach.dayList.scope')}
              value={scope}
              onChange={(v) => set({ scope: v, assignee: '' })}
              data={[
                { value: 'mine', label: t('outreach.dayList.scopeMine') },
                { value: 'team', label: t('outreach.dayList.scopeTeam') },
              ]}
            />
            {scope === 'team' && colleagues.length > 0 && (
              <NativeSelect
                label={t('outreach.dayList.caseworker')}
                value={assigneeId}
                onChange={(e) => set({ assignee: e.currentTarget.value })}
                data={[{ value: '', label: t('outreach.dayList.everybody') }, ...colleagues.map((u) => ({ value: u.id, label: u.displayName }))]}
              />
            )}
          </Group>
        </Paper>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.count === 0 ? (
          <Text>{t('outreach.dayList.empty')}</Text>
        ) : (
          <>
            <Text>{t('outreach.dayList.count', { count: query.data.count })}</Text>
            {query.data.groups.map((g, gi) => (
              <section key={g.municipality} aria-labelledby={`day-list-m-${gi}`}>
                <Title order={2} size="h3" id={`day-list-m-${gi}`} mb="xs">
                  {g.municipality}
                </Title>
                <Stack gap="md">
                  {g.streets.map((s) => (
                    <TableScroll key={s.street} label={`${g.municipality}, ${s.street}`} minWidth={720}>
                      <Table verticalSpacing="xs" withTableBorder>
                        <Table.Caption>{t('outreach.dayList.streetCaption', { street: s.street, count: s.visits.length })}</Table.Caption>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th scope="col">{t('outreach.dayList.address')}</Table.Th>
                            <Table.Th scope="col">{t('outreach.dayList.household')}</Table.Th>
                            <Table.Th scope="col">{t('outreach.dayList.caseNumber')}</Table.Th>
                            {scope === 'team' && <Table.Th scope="col">{t('outreach.dayList.caseworker')}</Table.Th>}
                            <Table.Th scope="col">{t('outreach.dayList.notes')}</Table.Th>
                            <Table.Th scope="col">{t('outreach.dayList.outcomeColumn')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {s.visits.map((v) => (
                            <Table.Tr key={v.attemptId}>
                              <Table.Th scope="row" fw={400}>
                                {`${v.street} ${v.houseNumber}, ${v.postalCode} ${v.city}`}
                              </Table.Th>
                              <Table.Td>{v.tenants.join(', ')}</Table.Td>
                              <Table.Td>
                                <Anchor component={Link} to={`/cases/${v.caseId}?tab=outreach`}>
                                  {v.caseNumber}
                                </Anchor>
                              </Table.Td>
                              {scope === 'team' && <Table.Td>{v.assignee?.name ?? ''}</Table.Td>}
                              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{v.notes ?? ''}</Table.Td>
                              <Table.Td style={{ minWidth: 160 }} />
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </TableScroll>
                  ))}
                </Stack>
              </section>
            ))}
          </>
        )}
      </Stack>
    </div>
  );
}
