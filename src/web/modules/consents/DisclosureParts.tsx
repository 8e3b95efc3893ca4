import { useState, type KeyboardEvent } from 'react';
import { Anchor, Button, Group, NativeSelect, Radio, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DataCategory } from '../../../contracts/consents';
import { DIRECTORY_CATEGORIES, type DirectoryServiceSummary } from '../../../contracts/directory';
import { ApiError, api } from '../../app/api';
import { FormError, emptyToNull, errorMessage, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import { Day } from '../deadlines/DeadlineParts';
import { CaseDataForm, CategoryChecks, DISCLOSURE_STATUS_TONE, useCategoryList, useOtherOrganisations, type Disclosure } from './shared';

/** Status, and what the sender must know beside it: the reply is late, or the consent no longer holds. */
export function DisclosureStatus({ d }: { d: Disclosure }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      <StatusBadge tone={DISCLOSURE_STATUS_TONE[d.status]}>{t(`disclosures.statuses.${d.status}`)}</StatusBadge>
      {d.replyOverdue && <StatusBadge tone="danger">{t('disclosures.overdue')}</StatusBadge>}
      {d.consentLapsed && <StatusBadge tone="danger">{t('disclosures.consentLapsed')}</StatusBadge>}
    </Group>
  );
}

/** The withdrawal of a share, referral or transfer: the recipient loses access at once. */
function WithdrawButton({ d, label, onDone, onError }: { d: Disclosure; label: string; onDone: () => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => api.post<Disclosure>(`/disclosures/${d.id}/withdraw`),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
    onError: (e) => {
      setOpen(false);
      onError(e);
    },
  });
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)} aria-label={t('disclosures.withdraw.buttonFor', { what: label })}>
        {t('disclosures.withdraw.button')}
      </Button>
      <ConfirmModal
        opened={open}
        title={t('disclosures.withdraw.title')}
        message={t('disclosures.withdraw.message', { what: label })}
        confirmLabel={t('disclosures.withdraw.confirm')}
        danger
        pending={withdraw.isPending}
        onConfirm={() => withdraw.mutate()}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/**
 * A partner outside Bleibe answers by letter or phone; the referring organisation records the
 * answer (accepted, or declined with the reason) so the referral does not stay "overdue".
 */
function RecordReplyButton({ d, label, onDone }: { d: Disclosure; label: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [decision, setDecision] = useState<'accept' | 'decline'>('accept');
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const reply = useMutation({
    mutationFn: () => api.post<Disclosure>(`/disclosures/${d.id}/respond`, { decision, reason: emptyToNull(reason), version: d.version }),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
    onError: errors.setError,
  });
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)} aria-label={t('disclosures.recordReply.buttonFor', { what: label })}>
        {t('disclosures.recordReply.button')}
      </Button>
      <ConfirmModal
        opened={open}
        title={t('disclosures.recordReply.title')}
        message={t('disclosures.recordReply.message', { what: label })}
        confirmLabel={t('disclosures.recordReply.confirm')}
        pending={reply.isPending}
        onConfirm={() => reply.mutate()}
        onClose={() => setOpen(false)}
      >
        <FormError error={errors.error} knownPaths={['decision', 'reason']} />
        <Radio.Group label={t('disclosures.recordReply.decision')} value={decision} onChange={(v) => setDecision(v as 'accept' | 'decline')} required>
          <Group gap="md" mt={6}>
            <Radio value="accept" label={t('disclosures.recordReply.accepted')} />
            <Radio value="decline" label={t('disclosures.recordReply.declined')} />
          </Group>
        </Radio.Group>
        <Textarea label={t('inbox.detail.reason')} required={decision === 'decline'} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.field('reason')} autosize minRows={2} maxLength={2000} />
      </ConfirmModal>
    </>
  );
}

/** What left the case: kind, recipient, data, state; the sender can withdraw it or record a partner's reply. */
export function DisclosureTable({ items, onChanged }: { items: Disclosure[]; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const f = useFormatters();
  const categoryList = useCategoryList();
  const [error, setError] = useState<unknown>(null);
  if (items.length === 0) return <Text>{t('disclosures.none')}</Text>;
  const caption = t('disclosures.caption', { count: items.length });
  return (
    <Stack gap="sm">
      {error ? <FormError error={error} /> : null}
      <TableScroll label={caption} minWidth={860}>
        <Table verticalSpacing="xs" striped>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('disclosures.columns.sentAt')}</Table.Th>
              <Table.Th scope="col">{t('disclosures.columns.kind')}</Table.Th>
              <Table.Th scope="col">{t('disclosures.columns.recipient')}</Table.Th>
              <Table.Th scope="col">{t('disclosures.columns.categories')}</Table.Th>
              <Table.Th scope="col">{t('common.status')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => {
              const label = t('disclosures.label', { kind: t(`disclosures.kinds.${d.kind}`), recipient: d.recipient.name });
              const live = d.status === 'open' || d.status === 'accepted';
              return (
                <Table.Tr key={d.id} data-testid="disclosure">
                  <Table.Td>
                    <time dateTime={d.createdAt}>{f.dateTime(d.createdAt)}</time>
                  </Table.Td>
                  <Table.Th scope="row" fw={400}>
                    {t(`disclosures.kinds.${d.kind}`)}
                  </Table.Th>
                  <Table.Td>{d.recipient.name}</Table.Td>
                  <Table.Td>{categoryList(d.categories)}</Table.Td>
                  <Table.Td>
                    <DisclosureStatus d={d} />
                    {d.replyDueOn && d.status === 'open' && (
                      <Text size="xs" mt={2}>
                        {t('disclosures.replyDue')} <Day value={d.replyDueOn} />
                      </Text>
                    )}
                    {d.responseReason && (
                      <Text size="xs" mt={2}>
                        {t('disclosures.reason', { reason: d.responseReason })}
                      </Text>
                    )}
                    {d.endReason && d.endReason !== 'withdrawn' && d.endReason !== 'completed' && (
                      <Text size="xs" mt={2}>
                        {t(`disclosures.endReasons.${d.endReason}`, { defaultValue: d.endReason })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="wrap">
                      {can('disclosures.receive') && (
                        <Anchor component={Link} to={`/inbox/${d.id}`} size="sm" aria-label={t('disclosures.viewFor', { what: label })}>
                          {t('disclosures.view')}
                        </Anchor>
                      )}
                      {can('disclosures.receive') && !d.recipient.orgId && d.status === 'open' && (d.kind === 'referral' || d.kind === 'share') && (
                        <RecordReplyButton d={d} label={label} onDone={() => onChanged(t('disclosures.recordReply.done'))} />
                      )}
                      {can('cases.edit') && live && d.kind !== 'status_report' && (
                        <WithdrawButton
                          d={d}
                          label={label}
                          onDone={() => {
                            setError(null);
                            onChanged(t('disclosures.withdraw.done', { what: label }));
                          }}
                          onError={(e) => {
                            setError(e);
                            if (e instanceof ApiError && e.status === 409) onChanged('');
                          }}
                        />
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

type SendKind = 'referral' | 'share' | 'status_report';

/** A service of the partner directory, found by need and free text (the directory's own search). */
function ServicePicker({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ q: '', category: '' });
  const [criteria, setCriteria] = useState({ q: '', category: '' });
  const results = useQuery({
    queryKey: ['directory', 'search', criteria],
    queryFn: () => api.get<{ items: DirectoryServiceSummary[]; total: number }>('/directory/services', criteria),
  });
  const search = () => setCriteria({ q: draft.q.trim(), category: draft.category });
  // Enter in the search field searches; it must not send the referral around it.
  const onEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      search();
    }
  };
  const LIMIT = 25;
  const items = results.data?.items ?? [];
  const shown = items.slice(0, LIMIT);
  const [picked, setPicked] = useState<{ id: string; label: string } | null>(null);
  const optionLabel = (s: DirectoryServiceSummary) => t('disclosures.send.serviceOption', { service: s.name, organisation: s.organization.name });
  // The chosen service stays listed after a search that no longer finds it.
  const keepChosen = value && picked?.id === value && !shown.some((s) => s.id === value) ? [picked] : [];
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label={t('disclosures.send.serviceSearch')} value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })} onKeyDown={onEnter} maxLength={100} />
        <NativeSelect
          label={t('directory.need')}
          value={draft.category}
          onChange={(e) => setDraft({ ...draft, category: e.currentTarget.value })}
          data={[{ value: '', label: t('directory.anyNeed') }, ...DIRECTORY_CATEGORIES.map((c) => ({ value: c, label: t(`directory.categories.${c}`) }))]}
        />
        <Button type="button" variant="default" onClick={search}>
          {t('disclosures.send.searchServices')}
        </Button>
      </Group>
      <Text size="sm" role="status">
        {results.isSuccess ? (items.length > LIMIT ? t('disclosures.send.tooMany', { count: items.length, shown: LIMIT }) : t('disclosures.send.found', { count: items.length })) : ''}
      </Text>
      {results.isError && <Text size="sm">{errorMessage(results.error, t)}</Text>}
      <Radio.Group
        label={t('disclosures.send.service')}
        value={value}
        onChange={(id) => {
          const s = items.find((x) => x.id === id);
          if (s) setPicked({ id, label: optionLabel(s) });
          onChange(id);
        }}
        error={error}
        required
      >
        <Stack gap={6} mt={6}>
          {keepChosen.map((p) => (
            <Radio key={p.id} value={p.id} label={p.label} />
          ))}
          {shown.map((s) => (
            <Radio key={s.id} value={s.id} label={optionLabel(s)} />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}

/** Share, referral or status report: the server sends it only if a valid consent covers it, else says what is lacking. */
export function SendForm({ caseId, onSent }: { caseId: string; onSent: (d: Disclosure) => void }) {
  const { t } = useTranslation();
  const orgs = useOtherOrganisations();
  const [kind, setKind] = useState<SendKind>('referral');
  const [recipientOrgId, setRecipientOrgId] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const errors = useFormErrors();
  const send = useMutation({
    mutationFn: () =>
      api.post<Disclosure>(`/cases/${caseId}/disclosures`, {
        kind,
        ...(kind === 'referral' ? { directoryServiceId: serviceId || null } : { recipientOrgId: recipientOrgId || null }),
        categories: categories as DataCategory[],
        message: emptyToNull(message),
      }),
    onMutate: () => errors.clear(),
    onSuccess: (d) => {
      setMessage('');
      setCategories([]);
      onSent(d);
    },
    onError: errors.setError,
  });
  const field = errors.field;
  return (
    <CaseDataForm
      headingId="disclosure-send-heading"
      heading={t('disclosures.send.heading')}
      intro={t('disclosures.send.intro')}
      error={errors.error}
      knownPaths={['kind', 'recipientOrgId', 'directoryServiceId', 'recipient', 'categories', 'message']}
      onSubmit={() => send.mutate()}
      submitLabel={t(`disclosures.send.submit.${kind}`)}
      pending={send.isPending}
    >
      <Radio.Group label={t('disclosures.send.kind')} value={kind} onChange={(v) => setKind(v as SendKind)} error={field('kind')} required>
        <Stack gap={6} mt={6}>
          {(['referral', 'share', 'status_report'] as const).map((k) => (
            <Radio key={k} value={k} label={t(`disclosures.kinds.${k}`)} description={t(`disclosures.send.kindHints.${k}`)} />
          ))}
        </Stack>
      </Radio.Group>
      {kind === 'referral' ? (
        <ServicePicker value={serviceId} onChange={setServiceId} error={field('directoryServiceId') ?? field('recipient')} />
      ) : (
        <NativeSelect
          label={t('disclosures.send.recipientOrg')}
          required
          value={recipientOrgId}
          onChange={(e) => setRecipientOrgId(e.currentTarget.value)}
          data={[{ value: '', label: t('disclosures.send.chooseOrg') }, ...(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
          error={field('recipientOrgId') ?? field('recipient')}
          maw={480}
        />
      )}
      <CategoryChecks label={t('disclosures.send.categories')} description={t('disclosures.send.categoriesHint')} value={categories} onChange={setCategories} error={field('categories')} />
      <Textarea label={t('disclosures.send.message')} value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={field('message')} autosize minRows={2} maxLength={4000} />
    </CaseDataForm>
  );
}

/** Hand the case over to another provider or the district office; only with a consent for the transfer. */
export function TransferForm({ caseId, onSent }: { caseId: string; onSent: (d: Disclosure) => void }) {
  const { t } = useTranslation();
  const orgs = useOtherOrganisations();
  const candidates = (orgs.data ?? []).filter((o) => o.kind === 'provider' || o.kind === 'district_office');
  const [recipientOrgId, setRecipientOrgId] = useState('');
  // The receiving organisation opens its case from these two: who, and where.
  const [categories, setCategories] = useState<string[]>(['identity', 'contact']);
  const [message, setMessage] = useState('');
  const errors = useFormErrors();
  const transfer = useMutation({
    mutationFn: () => api.post<Disclosure>(`/cases/${caseId}/transfer`, { recipientOrgId, categories: categories as DataCategory[], message: emptyToNull(message) }),
    onMutate: () => errors.clear(),
    onSuccess: (d) => {
      setMessage('');
      onSent(d);
    },
    onError: errors.setError,
  });
  const field = errors.field;
  return (
    <CaseDataForm
      headingId="transfer-heading"
      heading={t('disclosures.transfer.heading')}
      intro={t('disclosures.transfer.intro')}
      error={errors.error}
      knownPaths={['recipientOrgId', 'recipient', 'categories', 'message']}
      onSubmit={() => transfer.mutate()}
      submitLabel={t('disclosures.transfer.submit')}
      pending={transfer.isPending}
    >
      <NativeSelect
        label={t('disclosures.transfer.recipient')}
        required
        value={recipientOrgId}
        onChange={(e) => setRecipientOrgId(e.currentTarget.value)}
        data={[{ value: '', label: t('disclosures.send.chooseOrg') }, ...candidates.map((o) => ({ value: o.id, label: `${o.name} (${t(`organisationKinds.${o.kind}`)})` }))]}
        error={field('recipientOrgId') ?? field('recipient')}
        maw={480}
      />
      <CategoryChecks label={t('disclosures.send.categories')} description={t('disclosures.send.categoriesHint')} value={categories} onChange={setCategories} error={field('categories')} />
      <Textarea label={t('disclosures.send.message')} value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={field('message')} autosize minRows={2} maxLength={4000} />
    </CaseDataForm>
  );
}
