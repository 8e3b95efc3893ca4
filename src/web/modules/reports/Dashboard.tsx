import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Dashboard as DashboardData } from '../../../contracts/reports';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day, deadlineKindLabel } from '../deadlines/DeadlineParts';
import { reportKeys } from './params';

/** A headline figure with the page where the work behind it is done. */
function Figure({ label, value, href, linkLabel }: { label: string; value: number; href: string; linkLabel: string }) {
  return (
    <Paper component="li" withBorder p="md">
      <Text size="sm" fw={700}>
        {label}
      </Text>
      <Text fz={32} fw={700} lh={1.2}>
        {value}
      </Text>
      <Anchor component={Link} to={href} size="sm">
        {linkLabel}
      </Anchor>
    </Paper>
  );
}

function DashboardView({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const urgent = data.openCasesByUrgency;
  const openTotal = urgent.reduce((n, b) => n + b.count, 0);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} component="ul" className="plain-list">
        <Figure label={t('reports.dashboard.newNotices')} value={data.newNoticesThisWeek} href="/cases?scope=team" linkLabel={t('reports.dashboard.toQueue')} />
        <Figure label={t('reports.dashboard.myOverdueFirstContacts')} value={data.overdueFirstContacts} href="/cases?scope=mine" linkLabel={t('reports.dashboard.toMyCases')} />
        <Figure label={t('reports.dashboard.myTasksOpen')} value={data.myTasks.open} href="/tasks" linkLabel={t('reports.dashboard.toTasks')} />
        <Figure label={t('reports.dashboard.myTasksOverdue')} value={data.myTasks.overdue} href="/tasks" linkLabel={t('reports.dashboard.toTasks')} />
      </SimpleGrid>
      <Text size="sm">{t('reports.dashboard.tasksDueToday', { count: data.myTasks.dueToday })}</Text>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <TableScroll label={t('reports.dashboard.urgencyCaption', { count: openTotal })} minWidth={300}>
          <Table>
            <Table.Caption>{t('reports.dashboard.urgencyCaption', { count: openTotal })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reports.dashboard.band')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('reports.dashboard.cases')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {urgent.map((b) => (
                <Table.Tr key={b.band}>
                  <Table.Th scope="row" fw={400}>
                    {t(`reports.dashboard.bands.${b.band}`)}
                  </Table.Th>
                  <Table.Td ta="right">{b.count}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>

        <div>
          <Title order={3} size="h4" mb="xs" id="dashboard-deadlines">
            {t('reports.dashboard.deadlinesHeading')}
          </Title>
          {data.deadlinesNext14Days.length === 0 ? (
            <Text>{t('reports.dashboard.noDeadlines')}</Text>
          ) : (
            <ul className="plain-list" aria-labelledby="dashboard-deadlines">
              {data.deadlinesNext14Days.map((d) => (
                <li key={`${d.caseId}:${d.kind}:${d.date}`} style={{ marginBottom: 8 }}>
                  <Group gap="xs" wrap="wrap">
                    <Day value={d.date} />
                    <Anchor component={Link} to={`/cases/${d.caseId}`}>
                      {d.caseNumber} – {d.householdName}
                    </Anchor>
                    <Text span size="sm">
                      {deadlineKindLabel(d.kind, t)}
                    </Text>
                    {d.estimate && <StatusBadge tone="neutral">{t('deadlines.estimate')}</StatusBadge>}
                  </Group>
                </li>
              ))}
            </ul>
          )}
        </div>
      </SimpleGrid>

      {data.team && (
        <div>
          <Title order={3} size="h4" mb="xs">
            {t('reports.dashboard.teamHeading')}
          </Title>
          <TableScroll label={t('reports.dashboard.teamCaption')} minWidth={520}>
            <Table striped>
              <Table.Caption>{t('reports.dashboard.teamCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.dashboard.member')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('reports.dashboard.openCases')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('reports.dashboard.overdueFirstContacts')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('reports.dashboard.openTasks')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.team.map((m) => (
                  <Table.Tr key={m.userId}>
                    <Table.Th scope="row" fw={400}>
                      {m.name}
                    </Table.Th>
                    <Table.Td ta="right">{m.openCases}</Table.Td>
                    <Table.Td ta="right">{m.overdueFirstContacts}</Table.Td>
                    <Table.Td ta="right">{m.openTasks}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </div>
      )}
    </Stack>
  );
}

/**
 * The start page's overview: for case work the figures of the day (GET /reports/dashboard), for the
 * statistics role a way into the district report. Renders nothing for everyone else.
 */
export function StartDashboard() {
  const { t } = useTranslation();
  const { can } = useSession();
  const cases = can('cases.read');
  const query = useQuery({ queryKey: reportKeys.dashboard, queryFn: () => api.get<DashboardData>('/reports/dashboard'), enabled: cases });
  if (!cases) {
    if (!can('reports.aggregate')) return null;
    return (
      <Paper component="section" aria-labelledby="start-reports" withBorder p="md" bg="blue.0">
        <Title order={2} size="h3" id="start-reports" mb="xs">
          {t('reports.dashboard.districtHeading')}
        </Title>
        <Text mb="md">{t('reports.dashboard.districtText')}</Text>
        <Button component={Link} to="/reports?scope=district" size="md">
          {t('reports.dashboard.districtButton')}
        </Button>
      </Paper>
    );
  }
  return (
    <Paper component="section" aria-labelledby="start-dashboard" withBorder p="md">
      <Group justify="space-between" align="baseline" mb="md">
        <Title order={2} size="h3" id="start-dashboard">
          {t('reports.dashboard.heading')}
        </Title>
        {can('reports.read') && (
          <Anchor component={Link} to="/reports">
            {t('reports.dashboard.toReport')}
          </Anchor>
        )}
      </Group>
      {query.isPending ? <Loading /> : query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : <DashboardView data={query.data} />}
    </Paper>
  );
}
