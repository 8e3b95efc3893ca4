import { useState } from 'react';
import { Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../contracts/admin';
import type { MeasureStatus, RentDebtBody, RentDebtForm } from '../../../contracts/measures';
import { checkTransition, initialStatuses, statusesOf, type MeasureCategory } from '../../../domain/casework/measures';
import { ApiError, api } from '../../app/api';
import { FormError, QueryError, errorMessage, useFormErrors } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { StatusBadge } from '../../ui/StatusBadge';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import type { CaseTabProps } from '../cases/types';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { RentDebtWarnings, measureKeys, statusTone, useCatalogue, useMoney, useTypeLabel, type Measure } from './shared';
import { CaseAdequacyCheck } from '../housing/AdequacyCheckView';

/** Organisations a rent-debt application can be submitted to: the district office, Jobcenters, or the own one. */
function useDecidingOrgs() {
  const session = useActiveSession();
  return useQuery({
    queryKey: ['measures', 'deciding-orgs'],
    queryFn: async () =>
      (await api.get<{ items: Organisation[] }>('/organisations')).items.filter(
        (o) => o.active && (o.kind === 'district_office' || o.kind === 'jobcenter' || o.id === session.organisation.id),
      ),
  });
}

function NewMeasureForm({ caseId, onSaved }: { caseId: string; onSaved: (m: Measure) => void }) {
  const { t } = useTranslation();
  const typeLabel = useTypeLabel();
  const catalogue = useCatalogue();
  const deciding = useDecidingOrgs();
  const types = (catalogue.data?.items ?? []).filter((x) => x.active);
  const [typeId, setTypeId] = useState('');
  const type = types.find((x) => x.id === typeId) ?? types[0];
  const category = type?.category as MeasureCategory | undefined;
  const [status, setStatus] = useState('');
  const [startedOn, setStartedOn] = useState(todayIso());
  const [dueOn, setDueOn] = useState('');
  const [counterpart, setCounterpart] = useState('');
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [body, setBody] = useState<RentDebtBody>('jobcenter');
  const [form, setForm] = useState<RentDebtForm>('loan');
  const [reasoning, setReasoning] = useState('');
  const [decidingOrgId, setDecidingOrgId] = useState('');
  const errors = useFormErrors();
  const rentDebt = category === 'rent_debt_assumption';
  const save = useMutation({
    mutationFn: () =>
      api.post<Measure>(`/cases/${caseId}/measures`, {
        typeId: type?.id,
        ...(status && !rentDebt ? { status } : {}),
        startedOn: startedOn || null,
        dueOn: dueOn || null,
        counterpart: counterpart.trim() || null,
        note: note.trim() || null,
        ...(rentDebt
          ? { rentDebt: { amount: typeof amount === 'number' ? amount : null, body, form, reasoning: reasoning.trim() || null, decidingOrgId: decidingOrgId || deciding.data?.[0]?.id || null } }
          : {}),
      }),
    onMutate: () => errors.clear(),
    onSuccess: (m) => {
      setNote('');
      setCounterpart('');
      setReasoning('');
      setAmount('');
      onSaved(m);
    },
    onError: errors.setError,
  });
  if (catalogue.isPending) return <Loading />;
  return (
    <form
      noValidate
      aria-labelledby="measure-new-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={3} size="h4" id="measure-new-heading" mb="xs">
        {t('measures.new.title')}
      </Title>
      <Stack gap="sm">
        <FormError error={errors.error} knownPaths={['typeId', 'status', 'startedOn', 'dueOn', 'counterpart', 'note', 'rentDebt']} />
        <Group align="flex-start" gap="md" wrap="wrap">
          <NativeSelect
            label={t('measures.fields.type')}
            value={type?.id ?? ''}
            onChange={(e) => {
              setTypeId(e.currentTarget.value);
              setStatus('');
            }}
            data={types.map((x) => ({ value: x.id, label: typeLabel(x) }))}
            error={errors.field('typeId')}
          />
          {category && !rentDebt && (
            <NativeSelect
              label={t('measures.fields.status')}
              value={status || initialStatuses(category)[0]}
              onChange={(e) => setStatus(e.currentTarget.value)}
              data={initialStatuses(category).map((s) => ({ value: s, label: t(`measures.statuses.${s}`) }))}
              error={errors.field('status')}
            />
          )}
          <TextInput type="date" label={t('measures.fields.startedOn')} value={startedOn} onChange={(e) => setStartedOn(e.currentTarget.value)} error={errors.field('startedOn')} />
          <TextInput type="date" label={t('measures.fields.dueOn')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={errors.field('dueOn')} />
        </Group>
        {rentDebt && (
          <Group align="flex-start" gap="md" wrap="wrap">
            <NumberInput
              label={t('measures.fields.amountApplied')}
              value={amount}
              onChange={setAmount}
              min={0.01}
              decimalScale={2}
              decimalSeparator=","
              thousandSeparator="."
              suffix=" €"
              error={errors.field('rentDebt.amount')}
              required
            />
            <NativeSelect
              label={t('measures.fields.body')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value as RentDebtBody)}
              data={(['jobcenter', 'social_office'] as const).map((b) => ({ value: b, label: t(`measures.bodies.${b}`) }))}
              error={errors.field('rentDebt.body')}
            />
            <NativeSelect
              label={t('measures.fields.form')}
              value={form}
              onChange={(e) => setForm(e.currentTarget.value as RentDebtForm)}
              data={(['loan', 'grant'] as const).map((f) => ({ value: f, label: t(`measures.forms.${f}`) }))}
              error={errors.field('rentDebt.form')}
            />
            <NativeSelect
              label={t('measures.fields.decidingOrg')}
              value={decidingOrgId || deciding.data?.[0]?.id || ''}
              onChange={(e) => setDecidingOrgId(e.currentTarget.value)}
              data={(deciding.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              error={errors.field('rentDebt.decidingOrgId')}
            />
          </Group>
        )}
        {rentDebt && (
          <Textarea label={t('measures.fields.reasoning')} description={t('measures.fields.reasoningHint')} value={reasoning} onChange={(e) => setReasoning(e.currentTarget.value)} error={errors.field('rentDebt.reasoning')} autosize minRows={3} maxLength={4000} />
        )}
        <TextInput label={t('measures.fields.counterpart')} value={counterpart} onChange={(e) => setCounterpart(e.currentTarget.value)} error={errors.field('counterpart')} maxLength={200} />
        <Textarea label={t('measures.fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} autosize minRows={2} maxLength={4000} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!type}>
            {t('measures.new.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <DefinitionItem label={label} size="sm">
      {children}
    </DefinitionItem>
  );
}

/** One measure: its facts, the next status, and for a rent-debt assumption submission and commitment. */
function MeasureCard({ m, canEdit, onSaved, onError }: { m: Measure; canEdit: boolean; onSaved: (message: string) => void; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const typeLabel = useTypeLabel();
  const money = useMoney();
  const [next, setNext] = useState('');
  const [commitmentOn, setCommitmentOn] = useState(m.rentDebt?.commitmentOn ?? '');
  const headingId = `measure-${m.id}`;
  const patch = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Measure>(`/measures/${m.id}`, { version: m.version, ...body }),
    onSuccess: (saved) => onSaved(t('measures.saved', { name: typeLabel(saved.type) })),
    onError: (e) => onError(`${errorMessage(e, t)}${e instanceof ApiError && e.fields.length ? ` ${e.fields.map((f) => f.message).join(' ')}` : ''}`),
  });
  const category = m.category as MeasureCategory;
  const options = statusesOf(category).filter((s) => s !== m.status && checkTransition(category, m.status, s, 'case').ok);
  const r = m.rentDebt;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {typeLabel(m.type)}
        </Title>
        <StatusBadge tone={statusTone(m.status)}>{t(`measures.statuses.${m.status}`)}</StatusBadge>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} spacing="xs" mt="xs">
        {m.startedOn && <Fact label={t('measures.fields.startedOn')}><Day value={m.startedOn} /></Fact>}
        {m.dueOn && <Fact label={t('measures.fields.dueOn')}><Day value={m.dueOn} /></Fact>}
        {m.completedOn && <Fact label={t('measures.fields.completedOn')}><Day value={m.completedOn} /></Fact>}
        {m.counterpart && <Fact label={t('measures.fields.counterpart')}>{m.counterpart}</Fact>}
        {m.amount !== null && <Fact label={t('measures.fields.amount')}>{money(m.amount)}</Fact>}
        {r && <Fact label={t('measures.fields.amountApplied')}>{money(r.amount)}</Fact>}
        {r && <Fact label={t('measures.fields.body')}>{t(`measures.bodies.${r.body}`)}</Fact>}
        {r && <Fact label={t('measures.fields.form')}>{t(`measures.forms.${r.form}`)}</Fact>}
        {r?.decidingOrg && <Fact label={t('measures.fields.decidingOrg')}>{r.decidingOrg.name}</Fact>}
        {r && (
          <Fact label={t('measures.fields.schonfristEnd')}>
            {r.schonfristEnd ? <Day value={r.schonfristEnd} /> : t('measures.noSchonfrist')}
            {r.schonfristEstimate ? ` ${t('measures.estimate')}` : ''}
          </Fact>
        )}
        {r?.decision && (
          <Fact label={t('measures.fields.decision')}>
            {r.decision.amount !== null ? `${money(r.decision.amount)}, ${r.decision.form ? t(`measures.forms.${r.decision.form}`) : ''}` : t('measures.statuses.rejected')}
            {r.decision.decidedOn && (
              <>
                {' · '}
                <Day value={r.decision.decidedOn} />
              </>
            )}
            {r.decision.decidedByName ? ` · ${r.decision.decidedByName}` : ''}
          </Fact>
        )}
        {r?.commitmentOn && <Fact label={t('measures.fields.commitmentOn')}><Day value={r.commitmentOn} /></Fact>}
      </SimpleGrid>
      {m.note && <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>{m.note}</Text>}
      {r?.decision?.note && <Text size="sm" mt="xs">{t('measures.decisionNote', { note: r.decision.note })}</Text>}
      {r && <RentDebtWarnings warnings={r.warnings} />}
      {/* Beside the application: whether the Jobcenter would pay the flat's rent at all (housing.read only). */}
      {r && <CaseAdequacyCheck caseId={m.caseId} />}
      {canEdit && (
        <Group align="flex-end" gap="sm" mt="sm" wrap="wrap">
          {options.length > 0 && (
            <>
              <NativeSelect
                label={t('measures.nextStatus', { name: typeLabel(m.type) })}
                value={next || options[0]}
                onChange={(e) => setNext(e.currentTarget.value)}
                data={options.map((s) => ({ value: s, label: t(`measures.statusActions.${s}`, { defaultValue: t(`measures.statuses.${s}`) }) }))}
              />
              <Button variant="default" loading={patch.isPending} onClick={() => patch.mutate({ status: (next || options[0]) as MeasureStatus })}>
                {t('measures.changeStatus')}
              </Button>
            </>
          )}
          {r && (r.status === 'approved' || r.status === 'partly_approved') && (
            <>
              <TextInput type="date" label={t('measures.fields.commitmentOn')} value={commitmentOn} onChange={(e) => setCommitmentOn(e.currentTarget.value)} />
              <Button variant="default" loading={patch.isPending} onClick={() => patch.mutate({ rentDebt: { commitmentOn: commitmentOn || null } })}>
                {t('measures.saveCommitment')}
              </Button>
            </>
          )}
        </Group>
      )}
    </Paper>
  );
}

export function MeasuresPanel({ summary }: CaseTabProps) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const query = useQuery({ queryKey: measureKeys.ofCase(summary.id), queryFn: () => api.get<{ items: Measure[] }>(`/cases/${summary.id}/measures`) });
  const refresh = async (message: string) => {
    notice.show(message);
    await queryClient.invalidateQueries({ queryKey: measureKeys.ofCase(summary.id) });
  };
  return (
    <Stack gap="md">
      <Notice notice={notice.notice} onClose={notice.clear} />
      <section aria-labelledby="measures-heading">
        <Title order={2} size="h3" id="measures-heading" mb="sm">
          {t('measures.tab')}
        </Title>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <Text>{t('measures.none')}</Text>
        ) : (
          <Stack gap="sm">
            {query.data.items.map((m) => (
              <MeasureCard
                key={`${m.id}:${m.version}`}
                m={m}
                canEdit={can('cases.edit')}
                onSaved={(message) => void refresh(message)}
                onError={(message) => {
                  notice.show(message);
                  void queryClient.invalidateQueries({ queryKey: measureKeys.ofCase(summary.id) });
                }}
              />
            ))}
          </Stack>
        )}
      </section>
      {can('cases.edit') && (
        <Paper withBorder p="md">
          <NewMeasureForm caseId={summary.id} onSaved={(m) => void refresh(t('measures.created', { status: t(`measures.statuses.${m.status}`) }))} />
        </Paper>
      )}
    </Stack>
  );
}
