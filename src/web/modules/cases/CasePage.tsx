import { useState } from 'react';
import { Alert, Anchor, Tabs } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { NotFoundPage } from '../../app/StatusPages';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { CaseFileTab } from '../casefile/CaseFileTab';
import { CASE_TABS } from './tabs';
import { casesKeys, type CaseSummary } from './types';

const tenantName = (tn: CaseSummary['tenants'][number]) => `${tn.firstName} ${tn.lastName}`;

/** /cases/:id: everything known about one case, its deadlines, and who works on it. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { notice, show, clear } = useNotice();
  const [conflict, setConflict] = useState<string | null>(null);
  const [searchParams, setSearchParams] = useSearchParams();
  const tabs = CASE_TABS.filter((tab) => !tab.permission || can(tab.permission));
  const activeTab = tabs.some((tab) => tab.value === searchParams.get('tab')) ? searchParams.get('tab')! : 'file';
  const chooseTab = (value: string | null) =>
    setSearchParams((params) => {
      if (!value || value === 'file') params.delete('tab');
      else params.set('tab', value);
      return params;
    }, { replace: true });

  const query = useQuery({
    queryKey: casesKeys.detail(id),
    queryFn: () => api.get<CaseSummary>(`/cases/${id}`),
  });

  const stored = (c: CaseSummary) => {
    queryClient.setQueryData(casesKeys.detail(c.id), c);
    void queryClient.invalidateQueries({ queryKey: [...casesKeys.all, 'queue'] });
  };
  const reload = async () => {
    const fresh = await api.get<CaseSummary>(`/cases/${id}`);
    stored(fresh);
    return fresh;
  };

  if (query.isPending) return <Loading />;
  // Another organisation's case (or none) is answered with 404 by the server: show the not-found page, which
  // says no more than an unknown address would, and offers no pointless retry.
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t('case.titleUnknown')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
        <Anchor component={Link} to="/cases" mt="md" display="inline-block">
          {t('case.backToQueue')}
        </Anchor>
      </>
    );
  }
  const c = query.data;

  return (
    <>
      <PageHeader
        title={t('case.title', { caseNumber: c.caseNumber })}
        description={
          <>
            {t(`case.status.${c.status}`)} · {c.tenants.map(tenantName).join(', ')}
          </>
        }
        actions={
          <Anchor component={Link} to="/cases">
            {t('case.backToQueue')}
          </Anchor>
        }
      />
      <Notice notice={notice} onClose={clear} />
      {conflict && (
        <Alert color="red" role="alert" title={t('errors.conflictTitle')} mb="md" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setConflict(null)}>
          {conflict}
        </Alert>
      )}
      <Tabs value={activeTab} onChange={chooseTab} keepMounted={false}>
        <Tabs.List mb="md" aria-label={t('case.tabs.label')}>
          <Tabs.Tab value="file">{t('case.tabs.file')}</Tabs.Tab>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {t(tab.labelKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value}>
            <Panel summary={c} onCaseChanged={reload} />
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="file">
          <CaseFileTab
            summary={c}
            reload={reload}
            onSaved={(fresh, message) => {
              setConflict(null);
              stored(fresh);
              show(message);
            }}
            onConflict={(message) => {
              clear();
              setConflict(message);
              void reload();
            }}
          />
        </Tabs.Panel>
      </Tabs>

    </>
  );
}
