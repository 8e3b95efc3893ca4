import { useState } from 'react';
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api';
import { FormError, QueryError, emptyToNull, useFormErrors } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { NotFoundPage } from '../../app/StatusPages';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { useFormatters } from '../../ui/format';
import { Day } from '../deadlines/DeadlineParts';
import { DisclosureStatus } from './DisclosureParts';
import { PayloadView } from './PayloadView';
import { consentKeys, useCategoryList, type Disclosure, type DisclosureDetail } from './shared';

/**
 * Accept, or decline with a reason. Shares and referrals are answered by anyone who receives them;
 * a transfer only by someone allowed to take over cases (it opens a case here).
 */
function ResponseForm({ d, onAnswered }: { d: DisclosureDetail; onAnswered: (saved: Disclosure, decision: 'accept' | 'decline') => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const transfer = d.kind === 'transfer';
  const respond = useMutation({
    mutationFn: (decision: 'accept' | 'decline') =>
      api.post<Disclosure>(`/disclosures/${d.id}/${transfer ? 'transfer-response' : 'respond'}`, { decision, reason: emptyToNull(reason), version: d.version }),
    onMutate: () => errors.clear(),
    onSuccess: (saved, decision) => onAnswered(saved, decision),
    onError: errors.setError,
  });
  return (
    <Paper component="section" aria-labelledby="inbox-response" withBorder p="md">
      <Title order={2} size="h3" id="inbox-response" mb="xs">
        {t(transfer ? 'inbox.detail.respondTransfer' : 'inbox.detail.respond')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t(transfer ? 'inbox.detail.respondTransferIntro' : 'inbox.detail.respondIntro')}</Text>
        <FormError error={errors.error} knownPaths={['reason']} />
        <Group>
          <Button loading={respond.isPending && respond.variables === 'accept'} disabled={respond.isPending} onClick={() => respond.mutate('accept')}>
            {t(transfer ? 'inbox.detail.acceptTransfer' : 'inbox.detail.accept')}
          </Button>
        </Group>
        <Textarea
          label={t('inbox.detail.reason')}
          description={t('inbox.detail.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.field('reason')}
          autosize
          minRows={2}
          maxLength={2000}
          maw={560}
        />
        <Group>
          <Button variant="default" color="red" loading={respond.isPending && respond.variables === 'decline'} disabled={respond.isPending} onClick={() => respond.mutate('decline')}>
            {t(transfer ? 'inbox.detail.declineTransfer' : 'inbox.detail.decline')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** What happened to it so far: the answer, and after an accepted transfer the new case. */
function Outcome({ d }: { d: DisclosureDetail }) {
  const { t } = useTranslation();
  const f = useFormatters();
  if (d.status === 'open' || !d.respondedAt) return null;
  return (
    <Stack gap={4}>
      <Text>
        {t(`inbox.detail.outcome.${d.status === 'declined' ? 'declined' : 'accepted'}`, { at: f.dateTime(d.respondedAt) })}
        {d.responseReason ? ` ${t('disclosures.reason', { reason: d.responseReason })}` : ''}
      </Text>
      {d.newCaseId && (
        <Anchor component={Link} to={`/cases/${d.newCaseId}`}>
          {t('inbox.detail.newCase')}
        </Anchor>
      )}
    </Stack>
  );
}

/** /inbox/:id: one disclosure with the data it carries; opening it is recorded for the client's "who saw this?". */
export function InboxDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useActiveSession();
  const { can } = useSession();
  const f = useFormatters();
  const categoryList = useCategoryList();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const query = useQuery({ queryKey: consentKeys.detail(id), queryFn: () => api.get<DisclosureDetail>(`/disclosures/${id}`) });

  if (query.isPending) return <Loading />;
  // Withdrawn, or its consent revoked or expired: for the recipient it no longer exists at all.
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t('inbox.title')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const d = query.data;
  const kind = t(`disclosures.kinds.${d.kind}`);
  const sent = d.sender.id === session.organisation.id;
  const mayAnswer =
    !sent && d.status === 'open' && (d.kind === 'transfer' ? can('cases.transfer') : d.kind === 'share' || d.kind === 'referral');

  return (
    <>
      <PageHeader
        title={sent ? t('inbox.detail.titleSent', { kind, recipient: d.recipient.name }) : t('inbox.detail.title', { kind, sender: d.sender.name })}
        actions={
          sent ? (
            <Anchor component={Link} to={`/cases/${d.caseId}?tab=consents`}>
              {t('inbox.detail.backToCase')}
            </Anchor>
          ) : (
            <Anchor component={Link} to="/inbox">
              {t('inbox.detail.back')}
            </Anchor>
          )
        }
      />
      <Notice notice={notice.notice} onClose={notice.clear} />
      <Stack gap="lg">
        <Paper component="section" aria-labelledby="inbox-facts" withBorder p="md">
          <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
            <Title order={2} size="h3" id="inbox-facts">
              {t('inbox.detail.facts')}
            </Title>
            <DisclosureStatus d={d} />
          </Group>
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="xs">
            <DefinitionItem label={t('disclosures.columns.kind')}>{kind}</DefinitionItem>
            <DefinitionItem label={t('inbox.received.sender')}>{d.sender.name}</DefinitionItem>
            <DefinitionItem label={t('disclosures.columns.recipient')}>{d.recipient.name}</DefinitionItem>
            <DefinitionItem label={t('inbox.received.receivedAt')}>{f.dateTime(d.createdAt)}</DefinitionItem>
            <DefinitionItem label={t('disclosures.columns.categories')}>{categoryList(d.categories)}</DefinitionItem>
            {d.replyDueOn && (
              <DefinitionItem label={t('disclosures.replyDue')}>
                <Day value={d.replyDueOn} />
              </DefinitionItem>
            )}
          </SimpleGrid>
          {d.message && (
            <>
              <Text fw={700} mt="sm">
                {t('inbox.detail.message')}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{d.message}</Text>
            </>
          )}
          <Stack mt="sm">
            <Outcome d={d} />
          </Stack>
        </Paper>
        {mayAnswer && (
          <ResponseForm
            d={d}
            onAnswered={(saved, decision) => {
              notice.show(t(`inbox.detail.${decision === 'accept' ? 'acceptedNotice' : 'declinedNotice'}`, { kind }));
              queryClient.setQueryData(consentKeys.detail(id), { ...d, ...saved });
              void queryClient.invalidateQueries({ queryKey: ['disclosures'] });
            }}
          />
        )}
        {!sent && d.kind === 'transfer' && d.status === 'open' && !can('cases.transfer') && <Text>{t('inbox.detail.transferNeedsLead')}</Text>}
        <section aria-labelledby="inbox-payload">
          <Title order={2} size="h3" id="inbox-payload" mb="xs">
            {t('inbox.detail.payload')}
          </Title>
          <Text size="sm" mb="sm">
            {t('inbox.detail.payloadIntro')}
          </Text>
          <Stack gap="sm">
            <PayloadView payload={d.payload} />
          </Stack>
        </section>
      </Stack>
    </>
  );
}
