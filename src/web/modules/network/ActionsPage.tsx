import { Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ActionTable } from './ActionParts';
import { networkKeys, type NetworkAction } from './shared';

const STATUSES = ['open', 'done', 'all'] as const;
const RESPONSIBLE = ['all', 'own'] as const;

/** /network/actions: the actions agreed in all meetings of the district, open ones overdue first. */
export function ActionsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as (typeof STATUSES)[number]) : 'open';
  const responsible = params.get('responsible') === 'own' ? 'own' : 'all';
  const set = (k: string, v: string) =>
    setParams((p) => {
      p.set(k, v);
      return p;
    }, { replace: true });
  const query = useQuery({
    queryKey: networkKeys.actions(status, responsible),
    queryFn: () => api.get<{ items: NetworkAction[] }>('/network/actions', { status, responsible }),
  });
  const refresh = async (message: string) => {
    notice.show(message);
    await queryClient.invalidateQueries({ queryKey: networkKeys.all });
  };
  const overdue = query.data?.items.filter((a) => a.state === 'overdue').length ?? 0;

  return (
    <>
      <PageHeader title={t('network.actions.title')} description={t('network.actions.description')} />
      <Stack gap="md">
        <Notice notice={notice.notice} onClose={notice.clear} />
        <Paper withBorder p="md">
          <Stack gap="md">
            <Group gap="md" wrap="wrap">
              <SegmentedControl
                aria-label={t('network.actions.statusFilter')}
                value={status}
                onChange={(v) => set('status', v)}
                data={STATUSES.map((s) => ({ value: s, label: t(`network.actions.filters.${s}`) }))}
              />
              <SegmentedControl
                aria-label={t('network.actions.responsibleFilter')}
                value={responsible}
                onChange={(v) => set('responsible', v)}
                data={RESPONSIBLE.map((s) => ({ value: s, label: t(`network.actions.responsibleFilters.${s}`) }))}
              />
            </Group>
            {query.isPending ? (
              <Loading />
            ) : query.isError ? (
              <QueryError error={query.error} onRetry={() => void query.refetch()} />
            ) : query.data.items.length === 0 ? (
              <Text>{t('network.actions.empty')}</Text>
            ) : (
              <>
                {overdue > 0 && <Text fw={700}>{t('network.actions.overdueCount', { count: overdue })}</Text>}
                <ActionTable
                  actions={query.data.items}
                  caption={t('network.actions.caption', { count: query.data.items.length })}
                  showMeeting
                  onChanged={(m) => void refresh(m)}
                  onError={notice.show}
                />
              </>
            )}
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}
