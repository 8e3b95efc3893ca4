import { Anchor, Group, Pagination, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DrillDownList } from '../../../contracts/reports';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { useKeyLabel } from './labels';
import { drillDownHref, parseDrillDown, reportKeys, reportSearch } from './params';
import { useReportParams } from './ReportPage';

const STATUS_TONES = { new: 'info', open: 'success', closed: 'neutral' } as const;

/**
 * /reports/cases?indicator=&key=&…: the cases behind one number of the report (own organisation
 * only), with links to the cases. The report's filters come along, so "back to the report" lands
 * on the same report.
 */
export function DrillDownPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { params } = useReportParams();
  const drill = parseDrillDown(search);
  const label = useKeyLabel();
  const reportHref = `/reports?${reportSearch(params).toString()}`;
  const qs = drill ? `${reportSearch({ ...params, scope: 'organisation' }).toString()}&indicator=${encodeURIComponent(drill.indicator)}&key=${encodeURIComponent(drill.key)}&page=${drill.page}` : '';
  const query = useQuery({
    queryKey: reportKeys.cases(qs),
    queryFn: () => api.get<DrillDownList>(`/reports/evaluation/cases?${qs}`),
    enabled: drill !== null,
  });
  const what = drill ? `${t(`reports.indicators.${drill.indicator}`)}: ${label(drill.indicator, drill.key)}` : '';

  return (
    <>
      <PageHeader title={drill ? t('reports.drill.title', { what }) : t('reports.drill.invalidTitle')} documentTitle={t('reports.drill.documentTitle')} />
      <Stack gap="md">
        <Text>
          <Anchor component={Link} to={reportHref}>
            {t('reports.drill.back')}
          </Anchor>
        </Text>
        <Text size="sm">
          {t('reports.drill.period')} <Day value={params.from} /> – <Day value={params.to} />
        </Text>
        {!drill ? (
          <Text role="alert">{t('reports.drill.invalid')}</Text>
        ) : query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <Paper withBorder p="md">
            <Text>{t('reports.drill.empty')}</Text>
          </Paper>
        ) : (
          <>
            <TableScroll label={t('reports.drill.tableLabel')} minWidth={640}>
              <Table striped>
                <Table.Caption>{t('reports.drill.caption', { count: query.data.total, what })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('reports.drill.caseNumber')}</Table.Th>
                    <Table.Th scope="col">{t('reports.drill.household')}</Table.Th>
                    <Table.Th scope="col">{t('reports.drill.municipality')}</Table.Th>
                    <Table.Th scope="col">{t('reports.drill.receivedOn')}</Table.Th>
                    <Table.Th scope="col">{t('reports.drill.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((c) => (
                    <Table.Tr key={c.caseId}>
                      <Table.Th scope="row" fw={400}>
                        <Anchor component={Link} to={`/cases/${c.caseId}`}>
                          {c.caseNumber}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{c.householdName}</Table.Td>
                      <Table.Td>{c.municipality ?? '–'}</Table.Td>
                      <Table.Td>
                        <Day value={c.receivedOn} />
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge tone={STATUS_TONES[c.status]}>{t(`reports.drill.statuses.${c.status}`)}</StatusBadge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
            {query.data.total > query.data.pageSize && (
              <Group justify="center" component="nav" aria-label={t('imports.pagination.label')}>
                <Pagination
                  total={Math.ceil(query.data.total / query.data.pageSize)}
                  value={query.data.page}
                  onChange={(page) => void navigate(drillDownHref(params, drill.indicator, drill.key, page))}
                  siblings={1}
                  getControlProps={(control) => ({ 'aria-label': t(`imports.pagination.${control}`) })}
                  getItemProps={(page) => ({ 'aria-label': t('imports.pagination.page', { page }) })}
                />
              </Group>
            )}
          </>
        )}
      </Stack>
    </>
  );
}
