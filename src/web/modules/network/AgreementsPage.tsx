import { useState } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, Paper, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_KINDS, AGREEMENT_STATES, type AgreementKind, type AgreementState } from '../../../contracts/network';
import { api } from '../../app/api';
import { QueryError, useFormErrors } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import { AGREEMENT_STATE_TONES, NetworkForm, networkKeys, useDirectoryOrganisations, type Agreement, type AgreementList } from './shared';

const KNOWN_PATHS = ['directoryOrganizationId', 'kind', 'title', 'subject', 'validFrom', 'validUntil', 'note'];

/** Record an agreement or change one: partner, kind, title, subject, validity (open-ended when ticked), note. */
function AgreementForm({ agreement, onSaved, onCancel }: { agreement?: Agreement; onSaved: (a: Agreement) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const partners = useDirectoryOrganisations();
  const [partner, setPartner] = useState(agreement?.partner.id ?? '');
  const [kind, setKind] = useState<AgreementKind>(agreement?.kind ?? 'cooperation');
  const [title, setTitle] = useState(agreement?.title ?? '');
  const [subject, setSubject] = useState(agreement?.subject ?? '');
  const [validFrom, setValidFrom] = useState(agreement?.validFrom ?? todayIso());
  const [openEnded, setOpenEnded] = useState(agreement ? agreement.validUntil === null : false);
  const [validUntil, setValidUntil] = useState(agreement?.validUntil ?? '');
  const [note, setNote] = useState(agreement?.note ?? '');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => {
      const body = {
        directoryOrganizationId: partner,
        kind,
        title: title.trim(),
        subject: subject.trim() || null,
        validFrom,
        validUntil: openEnded ? null : validUntil,
        note: note.trim() || null,
      };
      return agreement ? api.patch<Agreement>(`/network/agreements/${agreement.id}`, { version: agreement.version, ...body }) : api.post<Agreement>('/network/agreements', body);
    },
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: errors.setError,
  });
  const headingId = agreement ? `agreement-edit-heading-${agreement.id}` : 'agreement-new-heading';
  return (
    <NetworkForm
      labelledBy={headingId}
      heading={
        <Title order={agreement ? 3 : 2} size={agreement ? 'h4' : 'h3'} id={headingId} mb="sm">
          {agreement ? t('network.agreements.editHeading', { title: agreement.title }) : t('network.agreements.newHeading')}
        </Title>
      }
      error={errors.error}
      knownPaths={KNOWN_PATHS}
      onSubmit={() => save.mutate()}
      submitLabel={agreement ? t('common.save') : t('network.agreements.add')}
      pending={save.isPending}
      onCancel={onCancel}
    >
      <Group align="flex-start" gap="md" wrap="wrap">
        <NativeSelect
          label={t('network.agreements.fields.partner')}
          value={partner}
          onChange={(e) => setPartner(e.currentTarget.value)}
          data={[{ value: '', label: t('network.agreements.fields.choosePartner') }, ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          error={errors.field('directoryOrganizationId')}
          required
        />
        <NativeSelect
          label={t('network.agreements.fields.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as AgreementKind)}
          data={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`network.agreements.kinds.${k}`) }))}
          error={errors.field('kind')}
        />
      </Group>
      <TextInput label={t('network.agreements.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.field('title')} required maxLength={200} />
      <Textarea label={t('network.agreements.fields.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.field('subject')} autosize minRows={2} maxLength={4000} />
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput type="date" label={t('network.agreements.fields.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} error={errors.field('validFrom')} required />
        <TextInput
          type="date"
          label={t('network.agreements.fields.validUntil')}
          value={openEnded ? '' : validUntil}
          disabled={openEnded}
          onChange={(e) => setValidUntil(e.currentTarget.value)}
          error={errors.field('validUntil')}
          required={!openEnded}
        />
        <Checkbox label={t('network.agreements.fields.openEnded')} checked={openEnded} onChange={(e) => setOpenEnded(e.currentTarget.checked)} mb={8} />
      </Group>
      <Textarea label={t('network.agreements.fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} autosize minRows={1} maxLength={2000} />
    </NetworkForm>
  );
}

function Validity({ a }: { a: Agreement }) {
  const { t } = useTranslation();
  return (
    <>
      <StatusBadge tone={AGREEMENT_STATE_TONES[a.state]}>{t(`network.agreements.states.${a.state}`)}</StatusBadge>
      {a.state === 'expiring' && a.daysLeft !== null && (
        <Text size="sm" component="span" display="block">
          {t('network.agreements.daysLeft', { count: a.daysLeft })}
        </Text>
      )}
    </>
  );
}

/** /network/agreements: cooperation agreements of the district's organisations with partners, and how long they are valid. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state') ?? '';
  const state = (AGREEMENT_STATES as readonly string[]).includes(stateParam) ? (stateParam as AgreementState) : '';
  const scope = params.get('scope') === 'own' ? 'own' : 'all';
  const [editing, setEditing] = useState<Agreement | null>(null);
  const set = (k: string, v: string) =>
    setParams((p) => {
      if (v) p.set(k, v);
      else p.delete(k);
      return p;
    }, { replace: true });
  // The whole list once; the state filter works on it, so the counts stay visible.
  const query = useQuery({ queryKey: [...networkKeys.agreements, scope], queryFn: () => api.get<AgreementList>('/network/agreements', { scope }) });
  const refresh = async (message: string) => {
    notice.show(message);
    await queryClient.invalidateQueries({ queryKey: networkKeys.agreements });
  };
  const items = query.data?.items.filter((a) => !state || a.state === state) ?? [];
  const counts = query.data?.counts;
  const total = counts ? Object.values(counts).reduce((n, c) => n + c, 0) : 0;

  return (
    <>
      <PageHeader title={t('network.agreements.title')} description={t('network.agreements.description')} />
      <Stack gap="md">
        <Notice notice={notice.notice} onClose={notice.clear} />
        <Paper withBorder p="md">
          <Stack gap="md">
            <Group gap="md" wrap="wrap">
              <SegmentedControl
                aria-label={t('network.agreements.stateFilter')}
                value={state}
                onChange={(v) => set('state', v)}
                data={[
                  { value: '', label: t('network.agreements.allStates', { count: total }) },
                  ...AGREEMENT_STATES.map((s) => ({ value: s, label: `${t(`network.agreements.states.${s}`)} (${counts?.[s] ?? 0})` })),
                ]}
              />
              <SegmentedControl
                aria-label={t('network.agreements.scopeFilter')}
                value={scope}
                onChange={(v) => set('scope', v === 'all' ? '' : v)}
                data={(['all', 'own'] as const).map((s) => ({ value: s, label: t(`network.agreements.scopes.${s}`) }))}
              />
            </Group>
            {query.isPending ? (
              <Loading />
            ) : query.isError ? (
              <QueryError error={query.error} onRetry={() => void query.refetch()} />
            ) : items.length === 0 ? (
              <Text>{t('network.agreements.empty')}</Text>
            ) : (
              <TableScroll label={t('network.agreements.tableLabel')} minWidth={960}>
                <Table striped>
                  <Table.Caption>{t('network.agreements.caption', { count: items.length })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('network.agreements.fields.validity')}</Table.Th>
                      <Table.Th scope="col">{t('network.agreements.fields.title')}</Table.Th>
                      <Table.Th scope="col">{t('network.agreements.fields.partner')}</Table.Th>
                      <Table.Th scope="col">{t('network.agreements.fields.owner')}</Table.Th>
                      <Table.Th scope="col">{t('network.agreements.fields.kind')}</Table.Th>
                      <Table.Th scope="col">{t('network.agreements.fields.period')}</Table.Th>
                      <Table.Th scope="col">{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          <Validity a={a} />
                        </Table.Td>
                        <Table.Th scope="row" fw={400}>
                          <Text fw={700} size="sm">
                            {a.title}
                          </Text>
                          {a.subject && <Text size="sm">{a.subject}</Text>}
                          {a.note && (
                            <Text size="sm" fs="italic">
                              {a.note}
                            </Text>
                          )}
                        </Table.Th>
                        <Table.Td>{a.partner.name}</Table.Td>
                        <Table.Td>{a.owner.name}</Table.Td>
                        <Table.Td>{t(`network.agreements.kinds.${a.kind}`)}</Table.Td>
                        <Table.Td>
                          <Day value={a.validFrom} /> – {a.validUntil ? <Day value={a.validUntil} /> : t('network.agreements.openEnded')}
                        </Table.Td>
                        <Table.Td>
                          {a.mayEdit ? (
                            <Button size="compact-sm" variant="default" onClick={() => setEditing(a)} aria-label={t('common.editNamed', { name: a.title })}>
                              {t('common.edit')}
                            </Button>
                          ) : (
                            '–'
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </Stack>
        </Paper>
        {query.data?.mayCreate && (
          <Paper withBorder p="md">
            <AgreementForm onSaved={(a) => void refresh(t('common.created', { name: a.title }))} key={query.dataUpdatedAt} />
          </Paper>
        )}
      </Stack>
      {editing && (
        <Modal opened onClose={() => setEditing(null)} title={t('network.agreements.editTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
          <AgreementForm
            agreement={editing}
            onSaved={(a) => {
              setEditing(null);
              void refresh(t('common.saved', { name: a.title }));
            }}
            onCancel={() => setEditing(null)}
          />
        </Modal>
      )}
    </>
  );
}
