import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import type { CaseTabProps } from '../cases/types';
import { ConsentCard } from './ConsentCard';
import { ConsentForm } from './ConsentForm';
import { DisclosureTable, SendForm, TransferForm } from './DisclosureParts';
import { consentKeys, type Consent, type Disclosure } from './shared';

/**
 * Case tab "Einwilligungen & Übermittlungen": the client's consents (Schweigepflichtentbindungen)
 * with their trail, and every flow of data out of the case that rests on them — shares, referrals,
 * status reports and the transfer of the case.
 */
export function ConsentsPanel({ summary, onCaseChanged }: CaseTabProps) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const consents = useQuery({ queryKey: consentKeys.ofCase(summary.id), queryFn: () => api.get<{ items: Consent[] }>(`/cases/${summary.id}/consents`) });
  const disclosures = useQuery({
    queryKey: consentKeys.disclosuresOfCase(summary.id),
    queryFn: () => api.get<{ items: Disclosure[] }>(`/cases/${summary.id}/disclosures`),
  });
  const refresh = async (message: string) => {
    if (message) notice.show(message);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: consentKeys.ofCase(summary.id) }),
      queryClient.invalidateQueries({ queryKey: ['disclosures'] }),
    ]);
  };
  const closed = summary.status === 'closed';
  return (
    <Stack gap="lg">
      <Notice notice={notice.notice} onClose={notice.clear} />
      <Paper component="section" aria-labelledby="consents-heading" withBorder p="md">
        <Title order={2} size="h3" id="consents-heading" mb="xs">
          {t('consents.heading')}
        </Title>
        <Text size="sm" mb="sm">
          {t('consents.intro')}
        </Text>
        {consents.isPending ? (
          <Loading />
        ) : consents.isError ? (
          <QueryError error={consents.error} onRetry={() => void consents.refetch()} />
        ) : consents.data.items.length === 0 ? (
          <Text>{t('consents.none')}</Text>
        ) : (
          <Stack gap="sm">
            {consents.data.items.map((c) => (
              <ConsentCard
                key={`${c.id}:${c.state}`}
                consent={c}
                canManage={can('consents.manage')}
                onRevoked={(saved) => void refresh(t('consents.revoke.done', { person: saved.person.name }))}
              />
            ))}
          </Stack>
        )}
        {can('consents.manage') && (
          <Paper withBorder p="md" mt="md">
            <ConsentForm summary={summary} onSaved={(saved) => void refresh(t('consents.new.saved', { person: saved.person.name }))} />
          </Paper>
        )}
      </Paper>

      <Paper component="section" aria-labelledby="disclosures-heading" withBorder p="md">
        <Title order={2} size="h3" id="disclosures-heading" mb="sm">
          {t('disclosures.heading')}
        </Title>
        {disclosures.isPending ? (
          <Loading />
        ) : disclosures.isError ? (
          <QueryError error={disclosures.error} onRetry={() => void disclosures.refetch()} />
        ) : (
          <DisclosureTable items={disclosures.data.items} onChanged={(message) => void refresh(message)} />
        )}
        {can('cases.edit') && !closed && (
          <Paper withBorder p="md" mt="md">
            <SendForm caseId={summary.id} onSent={(d) => void refresh(t('disclosures.send.sent', { what: t(`disclosures.kinds.${d.kind}`), recipient: d.recipient.name }))} />
          </Paper>
        )}
        {can('cases.transfer') && !closed && (
          <Paper withBorder p="md" mt="md">
            <TransferForm
              caseId={summary.id}
              onSent={(d) => {
                void refresh(t('disclosures.transfer.sent', { recipient: d.recipient.name }));
                void onCaseChanged();
              }}
            />
          </Paper>
        )}
      </Paper>
    </Stack>
  );
}
