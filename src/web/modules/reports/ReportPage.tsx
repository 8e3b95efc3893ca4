import type { ReactNode } from 'react';
import { Button, Group, NativeSelect, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../contracts/admin';
import { TARGET_GROUPS } from '../../../contracts/casefile';
import { NOTICE_KINDS } from '../../../contracts/intake';
import type { Distribution, EvaluationReport, Indicator, ReportScope } from '../../../contracts/reports';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useMunicipalities, useOrganisations } from '../../app/queries';
import { useSession } from '../../app/session';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { Day } from '../deadlines/DeadlineParts';
import { BreakdownView } from './charts';
import { CountCell, suppressedText, useNumber } from './labels';
import {
  drillDownHref,
  exportHref,
  matchingPreset,
  parseReportParams,
  presetPeriod,
  PRESETS,
  reportKeys,
  reportSearch,
  type FilterKey,
  type ReportParams,
} from './params';

/** The scopes this session may see, the one shown first first. */
export function useReportScopes(): ReportScope[] {
  const { can } = useSession();
  const scopes: ReportScope[] = [];
  if (can('reports.read')) scopes.push('organisation');
  if (can('reports.aggregate')) scopes.push('district');
  return scopes;
}

/** The report parameters from the address, and a setter that pushes a history entry (back undoes a change). */
export function useReportParams() {
  const [search, setSearch] = useSearchParams();
  const scopes = useReportScopes();
  const params = parseReportParams(search, scopes);
  const update = (next: ReportParams) => setSearch(reportSearch(next));
  return { params, update, scopes };
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={`report-${id}`} withBorder p="md">
      <Title order={2} size="h3" id={`report-${id}`} mb="xs">
        {title}
      </Title>
      {intro && (
        <Text size="sm" mb="sm">
          {intro}
        </Text>
      )}
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

function Filters({ params, update, scopes }: ReturnType<typeof useReportParams>) {
  const { t } = useTranslation();
  const { session } = useSession();
  const district = params.scope === 'district';
  const municipalities = useMunicipalities();
  const organisations = useOrganisations(district);
  const locations = useQuery({
    queryKey: ['locations', 'reports'],
    queryFn: async () => (await api.get<{ items: Location[] }>('/locations')).items,
  });
  const reversed = params.from > params.to;
  const preset = matchingPreset(params.from, params.to);
  const setFilter = (key: FilterKey, value: string) => update({ ...params, filters: { ...params.filters, [key]: value || undefined } });
  const ownOrg = session?.organisation.id;
  const locationOptions = (locations.data ?? [])
    .filter((l) => district || l.orgId === ownOrg)
    .filter((l) => !district || !params.filters.orgId || l.orgId === params.filters.orgId)
    .map((l) => ({ value: l.id, label: district ? `${l.name} (${l.orgName})` : l.name }));
  const all = { value: '', label: t('reports.filters.all') };

  return (
    <Paper component="form" role="search" aria-label={t('reports.filters.label')} withBorder p="md" onSubmit={(e) => e.preventDefault()}>
      <Stack gap="md">
        {scopes.length > 1 && (
          <div role="group" aria-labelledby="report-scope-label">
            <Text id="report-scope-label" size="sm" fw={500} mb={4}>
              {t('reports.scope.label')}
            </Text>
            <SegmentedControl
              value={params.scope}
              onChange={(value) => update({ ...params, scope: value as ReportScope, filters: value === 'district' ? params.filters : { ...params.filters, orgId: undefined } })}
              data={scopes.map((s) => ({ value: s, label: t(`reports.scope.${s}`) }))}
            />
          </div>
        )}
        <div role="group" aria-labelledby="report-presets-label">
          <Text id="report-presets-label" size="sm" fw={500} mb={4}>
            {t('reports.presets.label')}
          </Text>
          <Group gap="xs">
            {PRESETS.map((p) => (
              <Button
                key={p}
                size="compact-sm"
                variant={preset === p ? 'filled' : 'default'}
                aria-pressed={preset === p}
                onClick={() => update({ ...params, ...presetPeriod(p) })}
              >
                {t(`reports.presets.${p}`)}
              </Button>
            ))}
          </Group>
        </div>
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput type="date" label={t('reports.filters.from')} value={params.from} onChange={(e) => e.currentTarget.value && update({ ...params, from: e.currentTarget.value })} />
          <TextInput
            type="date"
            label={t('reports.filters.to')}
            value={params.to}
            onChange={(e) => e.currentTarget.value && update({ ...params, to: e.currentTarget.value })}
            error={reversed ? t('reports.filters.toBeforeFrom') : undefined}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: district ? 3 : 4 }} spacing="md">
          {district && (
            <NativeSelect
              label={t('reports.filters.organisation')}
              value={params.filters.orgId ?? ''}
              onChange={(e) => setFilter('orgId', e.currentTarget.value)}
              data={[all, ...(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
            />
          )}
          <NativeSelect
            label={t('reports.filters.municipality')}
            value={params.filters.municipalityId ?? ''}
            onChange={(e) => setFilter('municipalityId', e.currentTarget.value)}
            data={[all, ...(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))]}
          />
          <NativeSelect
            label={t('reports.filters.location')}
            value={params.filters.locationId ?? ''}
            onChange={(e) => setFilter('locationId', e.currentTarget.value)}
            data={[all, ...locationOptions]}
          />
          <NativeSelect
            label={t('reports.filters.targetGroup')}
            value={params.filters.targetGroup ?? ''}
            onChange={(e) => setFilter('targetGroup', e.currentTarget.value)}
            data={[all, ...TARGET_GROUPS.map((g) => ({ value: g, label: t(`casefile.targetGroups.${g}`) }))]}
          />
          <NativeSelect
            label={t('reports.filters.noticeKind')}
            value={params.filters.noticeKind ?? ''}
            onChange={(e) => setFilter('noticeKind', e.currentTarget.value)}
            data={[all, ...NOTICE_KINDS.map((k) => ({ value: k, label: t(`intake.kinds.${k}`) }))]}
          />
        </SimpleGrid>
        {Object.values(params.filters).some(Boolean) && (
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => update({ ...params, filters: {} })}>
              {t('reports.filters.reset')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function Downloads({ params }: { params: ReportParams }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  return (
    <Paper component="section" aria-labelledby="report-downloads" withBorder p="md">
      <Title order={2} size="h4" id="report-downloads" mb="xs">
        {t('reports.downloads.heading')}
      </Title>
      <Group gap="sm">
        {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
          <Button key={format} component="a" href={exportHref(params, format, lang)} download variant="default" size="sm">
            {t(`reports.downloads.${format}`)}
          </Button>
        ))}
      </Group>
    </Paper>
  );
}

function DistributionView({ indicator, d, title, minimumCell, drill }: { indicator: Indicator; d: Distribution; title: string; minimumCell: number | null; drill: ((i: Indicator, k: string) => string) | null }) {
  const { t } = useTranslation();
  const n = useNumber();
  const days = (v: number | null) => (v === null ? (d.n === null ? suppressedText('secondary', minimumCell, t) : '–') : t('reports.days', { count: v, formatted: n.days(v) }));
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {title}
      </Title>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" m={0}>
        <DefinitionItem label={t('reports.distribution.n')}>
          <CountCell count={d.n} suppressed={d.n === null ? 'primary' : null} minimumCell={minimumCell} label={title} />
        </DefinitionItem>
        <DefinitionItem label={t('reports.distribution.median')}>{days(d.median)}</DefinitionItem>
        <DefinitionItem label={t('reports.distribution.q1')}>{days(d.q1)}</DefinitionItem>
        <DefinitionItem label={t('reports.distribution.q3')}>{days(d.q3)}</DefinitionItem>
      </SimpleGrid>
      <BreakdownView
        indicator={indicator}
        breakdown={d.buckets}
        caption={t('reports.distribution.caption', { title })}
        keyHeader={t('reports.distribution.bucket')}
        chart="columns"
        minimumCell={minimumCell}
        drill={drill}
      />
    </Stack>
  );
}

function Report({ report, params }: { report: EvaluationReport; params: ReportParams }) {
  const { t } = useTranslation();
  const n = useNumber();
  const organisation = report.scope === 'organisation';
  const drill = organisation ? (indicator: Indicator, key: string) => drillDownHref(params, indicator, key) : null;
  const min = report.minimumCell;
  const common = { minimumCell: min, drill };
  const households = report.households.rows[0] ?? { key: 'all', count: report.households.total, suppressed: report.households.totalSuppressed };
  const firstAttempt = report.daysToFirstAttempt.median;
  const amount = (v: number | null) => (v === null ? suppressedText('secondary', min, t) : n.money(v));

  return (
    <Stack gap="lg">
      {!organisation && min !== null && (
        <Paper withBorder p="md" bg="gray.0" component="aside" aria-labelledby="report-suppression">
          <Title order={2} size="h4" id="report-suppression" mb={4}>
            {t('reports.suppression.heading')}
          </Title>
          <Text size="sm">{t('reports.suppression.primary', { min })}</Text>
          <Text size="sm">{t('reports.suppression.secondary')}</Text>
        </Paper>
      )}
      {organisation && <Text size="sm">{t('reports.drill.hint')}</Text>}
      <Paper component="section" aria-labelledby="report-summary" withBorder p="md">
        <Title order={2} size="h3" id="report-summary" mb="sm">
          {t('reports.summary.heading')}
        </Title>
        <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="md" m={0}>
          <DefinitionItem label={t('reports.summary.households')} size="lg">
            <CountCell count={households.count} suppressed={households.suppressed} minimumCell={min} href={drill?.('households', 'all')} label={t('reports.summary.households')} />
          </DefinitionItem>
          <DefinitionItem label={t('reports.summary.notices')} size="lg">
            <CountCell count={report.noticesByKind.total} suppressed={report.noticesByKind.totalSuppressed} minimumCell={min} label={t('reports.summary.notices')} />
          </DefinitionItem>
          <DefinitionItem label={t('reports.summary.reachRate')} size="lg">
            {report.reachRate === null ? '–' : n.percent(report.reachRate)}
          </DefinitionItem>
          <DefinitionItem label={t('reports.summary.medianFirstAttempt')} size="lg">
            {firstAttempt === null ? '–' : t('reports.days', { count: firstAttempt, formatted: n.days(firstAttempt) })}
          </DefinitionItem>
        </SimpleGrid>
      </Paper>

      <Section id="notices" title={t('reports.sections.notices')} intro={t('reports.intro.notices')}>
        <BreakdownView indicator="notices_by_kind" breakdown={report.noticesByKind} caption={t('reports.captions.noticesByKind')} keyHeader={t('reports.headers.channel')} chart="bars" {...common} />
        <BreakdownView indicator="notices_by_month" breakdown={report.noticesByMonth} caption={t('reports.captions.noticesByMonth')} keyHeader={t('reports.headers.month')} chart="line" {...common} />
      </Section>

      <Section id="households" title={t('reports.sections.households')} intro={t('reports.intro.households')}>
        <BreakdownView indicator="target_groups" breakdown={report.targetGroups} caption={t('reports.captions.targetGroups')} keyHeader={t('reports.headers.targetGroup')} chart="bars" showTotal={false} {...common} />
      </Section>

      <Section id="reach" title={t('reports.sections.reach')} intro={t('reports.intro.reach')}>
        <Text>
          <strong>{t('reports.summary.reachRate')}:</strong> {report.reachRate === null ? '–' : n.percent(report.reachRate)}
        </Text>
        <BreakdownView indicator="reach" breakdown={report.reach} caption={t('reports.captions.reach')} keyHeader={t('reports.headers.reach')} {...common} />
      </Section>

      <Section id="speed" title={t('reports.sections.speed')} intro={t('reports.intro.speed')}>
        <DistributionView indicator="days_to_first_attempt" d={report.daysToFirstAttempt} title={t('reports.captions.daysToFirstAttempt')} {...common} />
        <DistributionView indicator="days_to_first_conversation" d={report.daysToFirstConversation} title={t('reports.captions.daysToFirstConversation')} {...common} />
      </Section>

      <Section id="outcomes" title={t('reports.sections.outcomes')} intro={t('reports.intro.outcomes')}>
        <BreakdownView indicator="outcomes" breakdown={report.outcomes} caption={t('reports.captions.outcomes')} keyHeader={t('reports.headers.outcome')} chart="bars" {...common} />
      </Section>

      <Section id="causes" title={t('reports.sections.causes')} intro={t('reports.intro.causes')}>
        <BreakdownView indicator="causes" breakdown={report.causes} caption={t('reports.captions.causes')} keyHeader={t('reports.headers.cause')} chart="bars" showTotal={false} {...common} />
      </Section>

      <Section id="measures" title={t('reports.sections.measures')} intro={t('reports.intro.measures')}>
        <BreakdownView indicator="measures" breakdown={report.measures} caption={t('reports.captions.measures')} keyHeader={t('reports.headers.measure')} chart="bars" {...common} />
      </Section>

      <Section id="rent-debt" title={t('reports.sections.rentDebt')} intro={t('reports.intro.rentDebt')}>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0} maw={640}>
          <DefinitionItem label={t('reports.rentDebt.applied')}>{amount(report.rentDebt.appliedAmount)}</DefinitionItem>
          <DefinitionItem label={t('reports.rentDebt.assumed')}>{amount(report.rentDebt.assumedAmount)}</DefinitionItem>
        </SimpleGrid>
        <BreakdownView indicator="rent_debt" breakdown={report.rentDebt.applications} caption={t('reports.captions.rentDebt')} keyHeader={t('reports.headers.status')} {...common} />
      </Section>

      <Section id="placements" title={t('reports.sections.placements')} intro={t('reports.intro.placements')}>
        <BreakdownView indicator="placements_by_month" breakdown={report.placementsByMonth} caption={t('reports.captions.placements')} keyHeader={t('reports.headers.month')} chart="columns" {...common} />
      </Section>

      <Section id="tenancy" title={t('reports.sections.tenancy')} intro={t('reports.intro.tenancy')}>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <BreakdownView indicator="tenancy_after_6" breakdown={report.tenancyAfter6} caption={t('reports.captions.tenancyAfter6')} keyHeader={t('reports.headers.tenancy')} {...common} />
          <BreakdownView indicator="tenancy_after_12" breakdown={report.tenancyAfter12} caption={t('reports.captions.tenancyAfter12')} keyHeader={t('reports.headers.tenancy')} {...common} />
        </SimpleGrid>
      </Section>
    </Stack>
  );
}

/** /reports: the evaluation report for a period, with filters, charts, tables, drill-down and downloads. */
export function ReportPage() {
  const { t } = useTranslation();
  const state = useReportParams();
  const { params } = state;
  const qs = reportSearch(params).toString();
  const reversed = params.from > params.to;
  const query = useQuery({
    queryKey: reportKeys.evaluation(qs),
    queryFn: () => api.get<EvaluationReport>(`/reports/evaluation?${qs}`),
    enabled: !reversed,
  });

  return (
    <>
      <PageHeader title={t('reports.title')} description={t('reports.description')} />
      <Stack gap="lg">
        <Filters {...state} />
        {!reversed && (
          <Text size="sm" aria-live="polite">
            {t(`reports.periodLine.${params.scope}`)} <Day value={params.from} /> – <Day value={params.to} />
          </Text>
        )}
        {!reversed && <Downloads params={params} />}
        {reversed ? null : query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Report report={query.data} params={params} />
        )}
      </Stack>
    </>
  );
}
