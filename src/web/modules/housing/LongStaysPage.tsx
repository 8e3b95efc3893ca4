import { Alert, Anchor, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { LongStayList } from '../../../contracts/housing';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { PersonsText, housingKeys, type LongStay } from './housingShared';

/** Longest stay first; among equal months, who moved in earlier first (the server's order, kept when it ties). */
export function longestFirst(items: readonly LongStay[]): LongStay[] {
  return [...items].sort((a, b) => b.months - a.months || (a.movedInOn < b.movedInOn ? -1 : a.movedInOn > b.movedInOn ? 1 : 0));
}

/** Whether the household is being helped into a flat right now: an active or paused search. */
const searching = (s: LongStay) => s.search !== null && (s.search.status === 'active' || s.search.status === 'paused');

const SEARCH_TONES: Record<string, Tone> = { active: 'success', paused: 'info', housed: 'success', ended: 'neutral' };

/**
 * /housing/long-stays: the own organisation's households living in accommodation for at least the
 * configured number of months — the priority group for brokerage — with the way to their search.
 */
export function LongStaysPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: housingKeys.longStays, queryFn: () => api.get<z.infer<typeof LongStayList>>('/housing/long-stays') });
  const threshold = query.data?.thresholdMonths;
  const items = longestFirst(query.data?.items ?? []);
  const withoutSearch = items.filter((s) => !searching(s)).length;

  return (
    <>
      <PageHeader
        title={t('housing.placements.longStays.title')}
        description={threshold === undefined ? undefined : t('housing.placements.longStays.description', { count: threshold })}
      />
      <Paper withBorder p="md">
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          <Text>{t('housing.placements.longStays.empty', { count: threshold })}</Text>
        ) : (
          <Stack gap="md">
            <Alert color={withoutSearch > 0 ? 'red' : 'blue'} title={t('housing.placements.longStays.summary', { count: items.length, months: threshold })}>
              {withoutSearch > 0 ? t('housing.placements.longStays.withoutSearch', { count: withoutSearch }) : t('housing.placements.longStays.allSearching')}
            </Alert>
            <TableScroll label={t('housing.placements.longStays.tableLabel')} minWidth={960}>
              <Table striped>
                <Table.Caption>{t('housing.placements.longStays.caption', { count: items.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('housing.placements.fields.duration')}</Table.Th>
                    <Table.Th scope="col">{t('housing.placements.fields.household')}</Table.Th>
                    <Table.Th scope="col">{t('housing.placements.fields.persons')}</Table.Th>
                    <Table.Th scope="col">{t('housing.placements.fields.accommodation')}</Table.Th>
                    <Table.Th scope="col">{t('housing.placements.fields.movedInOn')}</Table.Th>
                    <Table.Th scope="col">{t('housing.placements.longStays.searchColumn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((s) => (
                    <Table.Tr key={s.caseId}>
                      <Table.Td>
                        <StatusBadge tone="danger">{t('housing.placements.months', { count: s.months })}</StatusBadge>
                      </Table.Td>
                      <Table.Th scope="row" fw={400}>
                        <Anchor component={Link} to={`/cases/${s.caseId}`} fw={600}>
                          {s.caseNumber}
                        </Anchor>
                        <Text size="sm" component="span" display="block">
                          {s.householdName}
                        </Text>
                      </Table.Th>
                      <Table.Td>
                        <PersonsText persons={s.persons} children={s.children} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/housing/shelters/${s.accommodation.id}`}>
                          {s.accommodation.name}
                        </Anchor>
                        <Text size="sm" component="span" display="block">
                          {t(`housing.shelters.kinds.${s.accommodation.kind}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Day value={s.movedInOn} />
                      </Table.Td>
                      <Table.Td>
                        {s.search && <StatusBadge tone={SEARCH_TONES[s.search.status] ?? 'neutral'}>{t(`housing.placements.longStays.searchStatuses.${s.search.status}`)}</StatusBadge>}
                        <Anchor component={Link} to={`/cases/${s.caseId}?tab=housing`} display="block" size="sm">
                          {searching(s) ? t('housing.placements.longStays.openSearch') : t('housing.placements.longStays.startSearch')}
                          {' '}
                          <VisuallyHidden>({s.caseNumber})</VisuallyHidden>
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </Stack>
        )}
      </Paper>
    </>
  );
}
