import { Anchor, Button, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { NotFoundPage } from '../../app/StatusPages';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { useFormatters } from '../../ui/format';
import { useDayFormat } from '../deadlines/dates';
import { casesKeys, type CaseSummary } from '../cases/types';
import { AccessLogView } from './AccessLogView';
import { PeriodInputs, useAccessLog, useAccessPeriod } from './AccessLogPanel';
import './print.css';

/**
 * /cases/:id/access-log: the access log of a client on paper, for an answer to a request for
 * access under Art. 15 GDPR — the case (when the reader may see it), the period, when it was
 * made, and who saw, changed, received or passed on the data.
 */
export function AccessLogPrintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const fmt = useFormatters();
  const day = useDayFormat();
  const period = useAccessPeriod();
  const mayReadCase = can('cases.read');
  // Administrators answer requests without access to the case file: they see its id only.
  const summary = useQuery({ queryKey: casesKeys.detail(id), queryFn: () => api.get<CaseSummary>(`/cases/${id}`), enabled: mayReadCase });
  const log = useAccessLog(id, period.from, period.to, !period.reversed);

  if (log.error instanceof ApiError && log.error.status === 404) return <NotFoundPage />;
  const c = summary.data;
  const periodText =
    period.from && period.to
      ? t('accessLog.periodBetween', { from: day.short(period.from), to: day.short(period.to) })
      : period.from
        ? t('accessLog.periodFrom', { from: day.short(period.from) })
        : period.to
          ? t('accessLog.periodTo', { to: day.short(period.to) })
          : t('accessLog.periodAll');

  return (
    <div className="access-log-print">
      <PageHeader
        title={t('accessLog.printTitle')}
        documentTitle={t('accessLog.documentTitle')}
        actions={
          <>
            {mayReadCase && (
              <Anchor className="no-print" component={Link} to={`/cases/${id}?tab=access-log`}>
                {t('accessLog.backToCase')}
              </Anchor>
            )}
            <Button className="no-print" variant="default" onClick={() => window.print()}>
              {t('accessLog.printNow')}
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md" className="no-print">
          <PeriodInputs period={period} />
        </Paper>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
          <DefinitionItem label={t('accessLog.caseLabel')}>
            {c ? t('accessLog.caseLine', { caseNumber: c.caseNumber, tenants: c.tenants.map((x) => `${x.firstName} ${x.lastName}`).join(', ') }) : id}
          </DefinitionItem>
          {c && (
            <DefinitionItem label={t('accessLog.addressLabel')}>
              {`${c.household.address.street} ${c.household.address.houseNumber}, ${c.household.address.postalCode} ${c.household.address.city}`}
            </DefinitionItem>
          )}
          <DefinitionItem label={t('accessLog.period')}>{periodText}</DefinitionItem>
          <DefinitionItem label={t('accessLog.generatedAt')}>{log.data ? fmt.dateTime(log.data.generatedAt) : ''}</DefinitionItem>
        </SimpleGrid>
        <Text size="sm">{t('accessLog.printIntro')}</Text>
        {period.reversed ? null : log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <QueryError error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <AccessLogView log={log.data} headingLevel={2} />
        )}
      </Stack>
    </div>
  );
}
