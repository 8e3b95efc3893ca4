import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RentDebtForm } from '../../../contracts/measures';
import { ApiError, api } from '../../app/api';
import { FormError, QueryError, useFormErrors } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import { RentDebtWarnings, measureKeys, statusTone, useMoney, type SubmittedApplication } from './shared';
import { DefinitionItem } from '../../ui/DefinitionItem';

type Filter = 'open' | 'decided' | 'all';

/** The decision on one application: approved, partly approved or rejected, with what was granted. */
function DecisionModal({ app, onClose, onSaved }: { app: SubmittedApplication; onClose: () => void; onSaved: (a: SubmittedApplication) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'approved' | 'partly_approved' | 'rejected'>((app.status === 'applied' ? 'approved' : app.status) as 'approved');
  const [amount, setAmount] = useState<number | string>(app.decision?.amount ?? app.amount);
  const [form, setForm] = useState<RentDebtForm>(app.decision?.form ?? app.form);
  const [decidedOn, setDecidedOn] = useState(app.decision?.decidedOn ?? todayIso());
  const [commitmentOn, setCommitmentOn] = useState(app.commitmentOn ?? '');
  const [note, setNote] = useState(app.decision?.note ?? '');
  const errors = useFormErrors();
  const granted = status !== 'rejected';
  const save = useMutation({
    mutationFn: () =>
      api.post<SubmittedApplication>(`/rent-debt-applications/${app.id}/decision`, {
        version: app.version,
        status,
        ...(granted ? { amount: typeof amount === 'number' ? amount : null, form, commitmentOn: commitmentOn || null } : {}),
        decidedOn,
        note: note.trim() || null,
      }),
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: errors.setError,
  });
  return (
    <Modal opened onClose={onClose} title={t('applications.decide.title', { name: app.applicantNames })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <FormError error={errors.error} knownPaths={['status', 'amount', 'form', 'decidedOn', 'commitmentOn', 'note']} />
          {errors.error instanceof ApiError && errors.error.isVersionConflict && <Text>{t('applications.decide.conflict')}</Text>}
          <NativeSelect
            label={t('applications.decide.outcome')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as typeof status)}
            data={(['approved', 'partly_approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`measures.statuses.${s}`) }))}
            error={errors.field('status')}
          />
          {granted && (
            <Group align="flex-start" gap="md" wrap="wrap">
              <NumberInput
                label={t('applications.decide.amount')}
                value={amount}
                onChange={setAmount}
                min={0.01}
                decimalScale={2}
                decimalSeparator=","
                thousandSeparator="."
                suffix=" €"
                error={errors.field('amount')}
                required
              />
              <NativeSelect
                label={t('measures.fields.form')}
                value={form}
                onChange={(e) => setForm(e.currentTarget.value as RentDebtForm)}
                data={(['loan', 'grant'] as const).map((f) => ({ value: f, label: t(`measures.forms.${f}`) }))}
                error={errors.field('form')}
              />
            </Group>
          )}
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput type="date" label={t('applications.decide.decidedOn')} value={decidedOn} onChange={(e) => setDecidedOn(e.currentTarget.value)} error={errors.field('decidedOn')} required />
            {granted && (
              <TextInput
                type="date"
                label={t('measures.fields.commitmentOn')}
                description={t('applications.decide.commitmentHint')}
                value={commitmentOn}
                onChange={(e) => setCommitmentOn(e.currentTarget.value)}
                error={errors.field('commitmentOn')}
              />
            )}
          </Group>
          <Textarea label={t('applications.decide.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} rows={3} maxLength={4000} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('applications.decide.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ApplicationCard({ app, onDecide }: { app: SubmittedApplication; onDecide: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const headingId = `application-${app.id}`;
  const fact = (label: string, value: React.ReactNode) => (
    <DefinitionItem label={label} size="sm">
      {value}
    </DefinitionItem>
  );
  return (
    <Paper component="article" aria-labelledby={headingId} withBorder p="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {t('applications.cardTitle', { name: app.applicantNames, caseNumber: app.caseNumber })}
        </Title>
        <StatusBadge tone={statusTone(app.status)}>{t(`measures.statuses.${app.status}`)}</StatusBadge>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} spacing="xs" mt="xs">
        {fact(t('applications.address'), app.householdAddress)}
        {fact(t('applications.landlord'), app.landlordName ?? '–')}
        {fact(t('measures.fields.amountApplied'), money(app.amount))}
        {fact(t('measures.fields.body'), t(`measures.bodies.${app.body}`))}
        {fact(t('measures.fields.form'), t(`measures.forms.${app.form}`))}
        {fact(
          t('measures.fields.schonfristEnd'),
          app.schonfristEnd ? (
            <>
              <Day value={app.schonfristEnd} />
              {app.schonfristEstimate ? ` ${t('measures.estimate')}` : ''}
            </>
          ) : (
            t('measures.noSchonfrist')
          ),
        )}
        {fact(t('applications.submitted'), `${app.submittingOrg.name}${app.submittedByName ? `, ${app.submittedByName}` : ''}`)}
        {app.decision && fact(t('measures.fields.decision'), app.decision.amount !== null ? `${money(app.decision.amount)}, ${app.decision.form ? t(`measures.forms.${app.decision.form}`) : ''}` : t('measures.statuses.rejected'))}
        {app.commitmentOn && fact(t('measures.fields.commitmentOn'), <Day value={app.commitmentOn} />)}
      </SimpleGrid>
      {app.reasoning && (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {t('applications.reasoning', { text: app.reasoning })}
        </Text>
      )}
      <RentDebtWarnings warnings={app.warnings} />
      {app.status !== 'withdrawn' && (
        <Button mt="sm" onClick={onDecide} aria-label={t('applications.decideFor', { name: app.applicantNames })}>
          {app.status === 'applied' ? t('applications.decide.open') : t('applications.decide.correct')}
        </Button>
      )}
    </Paper>
  );
}

/**
 * The finance staff's work list (Wirtschaftsdienst): rent-debt assumption applications submitted to
 * their organisation, nearest Schonfrist end first. Only the application is shown — the case file
 * behind it belongs to the submitting organisation.
 */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const [filter, setFilter] = useState<Filter>('open');
  const [deciding, setDeciding] = useState<SubmittedApplication | null>(null);
  const query = useQuery({
    queryKey: measureKeys.applications(filter),
    queryFn: () => api.get<{ items: SubmittedApplication[]; warningDays: number }>('/rent-debt-applications', { status: filter }),
  });
  return (
    <>
      <PageHeader title={t('applications.title')} description={t('applications.description')} />
      <Notice notice={notice.notice} onClose={notice.clear} />
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('applications.filter')}
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={(['open', 'decided', 'all'] as const).map((f) => ({ value: f, label: t(`applications.filters.${f}`) }))}
          w="fit-content"
        />
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <Text>{t('applications.none')}</Text>
        ) : (
          query.data.items.map((app) => <ApplicationCard key={app.id} app={app} onDecide={() => setDeciding(app)} />)
        )}
      </Stack>
      {deciding && (
        <DecisionModal
          app={deciding}
          onClose={() => setDeciding(null)}
          onSaved={(a) => {
            setDeciding(null);
            notice.show(t('applications.decided', { name: a.applicantNames, status: t(`measures.statuses.${a.status}`) }));
            void queryClient.invalidateQueries({ queryKey: measureKeys.all });
          }}
        />
      )}
    </>
  );
}

