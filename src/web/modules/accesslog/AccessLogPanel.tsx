import { Anchor, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AccessLog } from '../../../contracts/accesslog';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import type { CaseTabProps } from '../cases/types';
import { AccessLogView, accessLogKeys, isDay } from './AccessLogView';

/** The period of the access log, kept in the page address (?from=&to=) so it survives a reload and goes to the print view. */
export function useAccessPeriod() {
  const [params, setParams] = useSearchParams();
  const from = isDay(params.get('from')) ? params.get('from')! : '';
  const to = isDay(params.get('to')) ? params.get('to')! : '';
  const set = (key: 'from' | 'to', value: string) =>
    setParams((p) => {
      if (isDay(value)) p.set(key, value);
      else p.delete(key);
      return p;
    }, { replace: true });
  return { from, to, set, reversed: Boolean(from && to && from > to) };
}

export function useAccessLog(caseId: string, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: accessLogKeys.log(caseId, from, to),
    queryFn: () => api.get<AccessLog>(`/cases/${caseId}/access-log`, { from: from || undefined, to: to || undefined }),
    enabled,
  });
}

export function PeriodInputs({ period }: { period: ReturnType<typeof useAccessPeriod> }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" gap="md" wrap="wrap">
      <TextInput type="date" label={t('accessLog.from')} value={period.from} onChange={(e) => period.set('from', e.currentTarget.value)} />
      <TextInput
        type="date"
        label={t('accessLog.to')}
        value={period.to}
        onChange={(e) => period.set('to', e.currentTarget.value)}
        error={period.reversed ? t('accessLog.toBeforeFrom') : undefined}
      />
    </Group>
  );
}

/** Case tab "Zugriffe": who saw this client's data (team leads and administrators only). */
export function AccessLogPanel({ summary }: CaseTabProps) {
  const { t } = useTranslation();
  const period = useAccessPeriod();
  const query = useAccessLog(summary.id, period.from, period.to, !period.reversed);
  const printParams = new URLSearchParams({ ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) }).toString();

  return (
    <Paper component="section" aria-labelledby="access-log-heading" withBorder p="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" mb="sm">
        <Title order={2} size="h3" id="access-log-heading">
          {t('accessLog.heading')}
        </Title>
        <Anchor component={Link} to={`/cases/${summary.id}/access-log${printParams ? `?${printParams}` : ''}`}>
          {t('accessLog.printView')}
        </Anchor>
      </Group>
      <Stack gap="md">
        <Text size="sm">{t('accessLog.intro')}</Text>
        <PeriodInputs period={period} />
        {period.reversed ? null : query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <AccessLogView log={query.data} headingLevel={3} />
        )}
      </Stack>
    </Paper>
  );
}
