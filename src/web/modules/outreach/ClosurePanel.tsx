import { useState } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CLOSURE_OUTCOMES, DEBT_CAUSES, NOT_REACHED_REASONS } from '../../../contracts/outreach';
import { ApiError, api } from '../../app/api';
import { FormError, QueryError, errorMessage, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { Day } from '../deadlines/DeadlineParts';
import { outreachKeys, type ClosureResponse, type CasePanelProps } from './types';

type Closure = NonNullable<ClosureResponse['current']>;

function ClosureFacts({ closure }: { closure: Closure }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text>
        <strong>{t('closure.closedOn')}:</strong> <Day value={closure.closedOn} />
        {closure.closedBy ? ` · ${closure.closedBy.name}` : ''}
      </Text>
      <Text>
        <strong>{t('closure.outcome')}:</strong> {t(`closure.outcomes.${closure.outcome}`)}
      </Text>
      <Text>
        <strong>{t('closure.causes')}:</strong>{' '}
        {closure.causes.length ? closure.causes.map((c) => t(`closure.causeLabels.${c}`)).join(', ') : t('closure.noCauses')}
      </Text>
      {closure.notReachedReason && (
        <Text>
          <strong>{t('closure.notReachedReason')}:</strong> {t(`closure.reasons.${closure.notReachedReason}`)}
        </Text>
      )}
      <Text>
        <strong>{t('closure.homeVisitsAtClosure')}:</strong> {closure.homeVisits}
      </Text>
      {closure.note && (
        <Text style={{ whiteSpace: 'pre-wrap' }}>
          <strong>{t('closure.note')}:</strong> {closure.note}
        </Text>
      )}
      {closure.reopenedAt && (
        <Text>
          <strong>{t('closure.reopened')}:</strong> {closure.reopenedBy?.name ?? ''} – {closure.reopenReason}
        </Text>
      )}
    </Stack>
  );
}

function CloseForm({ state, onDone, onConflict }: { state: ClosureResponse; onDone: () => void; onConflict: (m: string) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('');
  const [causes, setCauses] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const errors = useFormErrors();
  const notReached = outcome === 'not_reached';
  const close = useMutation({
    mutationFn: () =>
      api.post(`/cases/${state.caseId}/close`, {
        version: state.version,
        outcome: outcome || null,
        causes,
        notReachedReason: notReached && reason ? reason : null,
        note: note.trim() || null,
      }),
    onMutate: () => errors.clear(),
    onSuccess: onDone,
    onError: (e) => {
      if (e instanceof ApiError && e.isVersionConflict) onConflict(`${errorMessage(e, t)} ${t('errors.conflictReloaded')}`);
      else errors.setError(e);
    },
  });
  return (
    <form
      noValidate
      aria-labelledby="closure-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate();
      }}
    >
      <Title order={3} size="h4" id="closure-form-heading" mb="xs">
        {t('closure.close')}
      </Title>
      <Stack gap="sm">
        <FormError error={errors.error} knownPaths={['outcome', 'causes', 'notReachedReason', 'note']} />
        <NativeSelect
          label={t('closure.outcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          data={[{ value: '', label: t('closure.chooseOutcome') }, ...CLOSURE_OUTCOMES.map((o) => ({ value: o, label: t(`closure.outcomes.${o}`) }))]}
          error={errors.field('outcome')}
          required
          maw={480}
        />
        <Checkbox.Group label={t('closure.causes')} description={t('closure.causesHint')} value={causes} onChange={setCauses} error={errors.field('causes')}>
          <Stack gap={6} mt={6}>
            {DEBT_CAUSES.map((c) => (
              <Checkbox key={c} value={c} label={t(`closure.causeLabels.${c}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        {notReached && (
          <>
            <Text>{t('closure.homeVisitsSoFar', { count: state.homeVisits, required: state.requiredHomeVisits })}</Text>
            <NativeSelect
              label={t('closure.notReachedReason')}
              description={t('closure.reasonHint', { required: state.requiredHomeVisits })}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data={[{ value: '', label: t('closure.noReason') }, ...NOT_REACHED_REASONS.map((r) => ({ value: r, label: t(`closure.reasons.${r}`) }))]}
              error={errors.field('notReachedReason')}
              maw={480}
            />
          </>
        )}
        <Textarea label={t('closure.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} rows={2} maxLength={4000} />
        <Text size="sm">{t('closure.followUpHint')}</Text>
        <Group>
          <Button type="submit" loading={close.isPending}>
            {t('closure.closeButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReopenForm({ state, onDone, onConflict }: { state: ClosureResponse; onDone: () => void; onConflict: (m: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const reopen = useMutation({
    mutationFn: () => api.post(`/cases/${state.caseId}/reopen`, { version: state.version, reason }),
    onMutate: () => errors.clear(),
    onSuccess: onDone,
    onError: (e) => {
      if (e instanceof ApiError && e.isVersionConflict) onConflict(`${errorMessage(e, t)} ${t('errors.conflictReloaded')}`);
      else errors.setError(e);
    },
  });
  return (
    <form
      noValidate
      aria-labelledby="closure-reopen-heading"
      onSubmit={(e) => {
        e.preventDefault();
        reopen.mutate();
      }}
    >
      <Title order={3} size="h4" id="closure-reopen-heading" mb="xs">
        {t('closure.reopen')}
      </Title>
      <Stack gap="sm">
        <FormError error={errors.error} knownPaths={['reason']} />
        <Textarea label={t('closure.reopenReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.field('reason')} required rows={2} maxLength={2000} />
        <Group>
          <Button type="submit" variant="default" loading={reopen.isPending}>
            {t('closure.reopenButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Case tab "Abschluss": close with outcome and causes (follow-ups follow), or reopen with a reason. */
export function ClosurePanel({ summary, onCaseChanged }: CasePanelProps) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { notice, show, clear } = useNotice();
  const [conflict, setConflict] = useState<string | null>(null);
  const query = useQuery({ queryKey: outreachKeys.closure(summary.id), queryFn: () => api.get<ClosureResponse>(`/cases/${summary.id}/closure`) });
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: outreachKeys.closure(summary.id) }),
      queryClient.invalidateQueries({ queryKey: outreachKeys.record(summary.id) }),
      queryClient.invalidateQueries({ queryKey: outreachKeys.caseTasks(summary.id) }),
      queryClient.invalidateQueries({ queryKey: ['tasks'] }),
      onCaseChanged(),
    ]);
  };
  const done = (message: string) => {
    setConflict(null);
    show(message);
    void refresh();
  };
  const conflicted = (message: string) => {
    clear();
    setConflict(message);
    void refresh();
  };

  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const state = query.data;
  const earlier = state.history.filter((h) => h.id !== state.current?.id);
  return (
    <Stack gap="lg">
      <Notice notice={notice} onClose={clear} />
      {conflict && (
        <Alert color="red" role="alert" title={t('errors.conflictTitle')}>
          {conflict}
        </Alert>
      )}
      <Paper component="section" aria-labelledby="closure-heading" withBorder p="md">
        <Title order={2} size="h3" id="closure-heading" mb="sm">
          {t('closure.heading')}
        </Title>
        <Stack gap="md">
          {state.current ? <ClosureFacts closure={state.current} /> : <Text>{t('closure.notClosed')}</Text>}
          {can('cases.edit') &&
            (state.status === 'closed' ? (
              <ReopenForm key={state.version} state={state} onDone={() => done(t('closure.reopenedNotice'))} onConflict={conflicted} />
            ) : (
              <CloseForm key={state.version} state={state} onDone={() => done(t('closure.closedNotice'))} onConflict={conflicted} />
            ))}
        </Stack>
      </Paper>
      {earlier.length > 0 && (
        <Paper component="section" aria-labelledby="closure-history-heading" withBorder p="md">
          <Title order={2} size="h3" id="closure-history-heading" mb="sm">
            {t('closure.history')}
          </Title>
          <Stack gap="md">
            {earlier.map((h) => (
              <ClosureFacts key={h.id} closure={h} />
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
