import { useState } from 'react';
import { Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { useDayFormat } from '../deadlines/dates';
import { outreachKeys, type TeamReachResponse } from './types';

type Figures = TeamReachResponse['organisation'];

/** /outreach/reach: how many households the organisation and each caseworker reach, and how fast. */
export function ReachPage() {
  const { t, i18n } = useTranslation();
  const fmt = useDayFormat();
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [draft, setDraft] = useState(period);
  const query = useQuery({
    queryKey: outreachKeys.reach(period.from, period.to),
    queryFn: () => api.get<TeamReachResponse>('/outreach/reach', { from: period.from || undefined, to: period.to || undefined }),
  });
  const number = new Intl.NumberFormat(i18n.language.startsWith('en') ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(i18n.language.startsWith('en') ? 'en-GB' : 'de-DE', { style: 'percent', maximumFractionDigits: 0 });
  const cells = (f: Figures) => [
    f.cases,
    f.attempted,
    f.reached,
    f.shareReached === null ? '–' : percent.format(f.shareReached),
    f.medianDaysToFirstAttempt === null ? '–' : number.format(f.medianDaysToFirstAttempt),
    f.medianDaysToFirstConversation === null ? '–' : number.format(f.medianDaysToFirstConversation),
  ];
  return (
    <>
      <PageHeader title={t('outreach.reachPage.title')} description={t('outreach.reachPage.intro')} />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <form
            noValidate
            aria-label={t('outreach.reachPage.period')}
            onSubmit={(e) => {
              e.preventDefault();
              setPeriod(draft);
            }}
          >
            <Group align="flex-end" gap="md" wrap="wrap">
              <TextInput type="date" label={t('outreach.reachPage.from')} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
              <TextInput type="date" label={t('outreach.reachPage.to')} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
              <Button type="submit">{t('outreach.reachPage.show')}</Button>
            </Group>
          </form>
        </Paper>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Text>{t('outreach.reachPage.periodShown', { from: fmt.short(query.data.from), to: fmt.short(query.data.to) })}</Text>
            <TableScroll label={t('outreach.reachPage.title')} minWidth={820}>
              <Table verticalSpacing="xs" striped>
                <Table.Caption>{t('outreach.reachPage.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('outreach.reachPage.who')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.reachPage.cases')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.reachPage.attempted')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.reachPage.reached')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.reachPage.share')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.reachPage.medianAttempt')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.reachPage.medianConversation')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">{t('outreach.reachPage.organisation')}</Table.Th>
                    {cells(query.data.organisation).map((c, i) => (
                      <Table.Td key={i}>{c}</Table.Td>
                    ))}
                  </Table.Tr>
                  {query.data.byAssignee.map((g) => (
                    <Table.Tr key={g.assignee?.id ?? 'none'}>
                      <Table.Th scope="row" fw={400}>
                        {g.assignee?.name ?? t('outreach.reachPage.unassigned')}
                      </Table.Th>
                      {cells(g.figures).map((c, i) => (
                        <Table.Td key={i}>{c}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </>
        )}
      </Stack>
    </>
  );
}
