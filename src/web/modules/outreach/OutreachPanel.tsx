import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONTACT_CHANNELS } from '../../../contracts/outreach';
import { OUTCOMES_BY_CHANNEL, type ContactChannel } from '../../../domain/casework/outreach';
import { ApiError, api, apiRequest } from '../../app/api';
import { FormError, QueryError, errorMessage, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import { localInputToInstant, nowForInput, outreachKeys, type Attempt, type AttemptListResponse, type RecordEntry, type RecordResponse, type CasePanelProps } from './types';
import { DefinitionItem } from '../../ui/DefinitionItem';
import { useFormatters } from '../../ui/format';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md">
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function ReachSummary({ list }: { list: AttemptListResponse }) {
  const { t } = useTranslation();
  const r = list.reach;
  const days = (n: number | null) => (n === null ? t('outreach.reach.notYet') : t('outreach.reach.days', { count: n }));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" component="dl" className="outreach-facts">
      <DefinitionItem label={t('outreach.reach.status')}>
        <StatusBadge tone={r.reached ? 'success' : 'neutral'}>{r.reached ? t('outreach.reach.reached') : t('outreach.reach.notReached')}</StatusBadge>
      </DefinitionItem>
      <DefinitionItem label={t('outreach.reach.daysToFirstAttempt')}>
        {days(r.daysToFirstAttempt)}
      </DefinitionItem>
      <DefinitionItem label={t('outreach.reach.daysToFirstConversation')}>
        {days(r.daysToFirstConversation)}
      </DefinitionItem>
      <DefinitionItem label={t('outreach.reach.homeVisits')}>
        {t('outreach.reach.homeVisitsOf', { count: r.homeVisits, required: list.requiredHomeVisits })}
      </DefinitionItem>
    </SimpleGrid>
  );
}

const outcomeOptions = (channel: ContactChannel, t: (k: string) => string) => [
  { value: '', label: t('outreach.attempts.chooseOutcome') },
  ...OUTCOMES_BY_CHANNEL[channel].map((o) => ({ value: o, label: t(`outreach.outcomes.${o}`) })),
];

/** Record a contact attempt: made (time and outcome) or planned (a day, e.g. a home visit). */
function AttemptForm({ caseId, onSaved }: { caseId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<ContactChannel>('letter');
  const [mode, setMode] = useState<'made' | 'planned'>('made');
  const [attemptedAt, setAttemptedAt] = useState(nowForInput());
  const [plannedOn, setPlannedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () =>
      api.post(`/cases/${caseId}/contact-attempts`, {
        channel,
        ...(mode === 'made' ? { attemptedAt: localInputToInstant(attemptedAt), outcome: outcome || null } : { plannedOn: plannedOn || null }),
        notes: notes.trim() || null,
      }),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      setOutcome('');
      setNotes('');
      onSaved();
    },
    onError: errors.setError,
  });
  return (
    <form
      noValidate
      aria-labelledby="outreach-add-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={3} size="h4" id="outreach-add-heading" mb="xs">
        {t('outreach.attempts.add')}
      </Title>
      <Stack gap="sm">
        <FormError error={errors.error} knownPaths={['channel', 'attemptedAt', 'outcome', 'plannedOn', 'notes']} />
        <Group align="flex-end" gap="md" wrap="wrap">
          <NativeSelect
            label={t('outreach.attempts.channel')}
            value={channel}
            onChange={(e) => {
              setChannel(e.currentTarget.value as ContactChannel);
              setOutcome('');
            }}
            data={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`outreach.channels.${c}`) }))}
            error={errors.field('channel')}
          />
          <Radio.Group label={t('outreach.attempts.mode')} value={mode} onChange={(v) => setMode(v as 'made' | 'planned')}>
            <Group gap="md" mt={6}>
              <Radio value="made" label={t('outreach.attempts.modeMade')} />
              <Radio value="planned" label={t('outreach.attempts.modePlanned')} />
            </Group>
          </Radio.Group>
        </Group>
        {mode === 'made' ? (
          <Group align="flex-start" gap="md" wrap="wrap">
            <TextInput
              type="datetime-local"
              label={t('outreach.attempts.attemptedAt')}
              value={attemptedAt}
              onChange={(e) => setAttemptedAt(e.currentTarget.value)}
              error={errors.field('attemptedAt')}
              required
            />
            <NativeSelect
              label={t('outreach.attempts.outcome')}
              value={outcome}
              onChange={(e) => setOutcome(e.currentTarget.value)}
              data={outcomeOptions(channel, t)}
              error={errors.field('outcome')}
              required
            />
          </Group>
        ) : (
          <TextInput
            type="date"
            label={t('outreach.attempts.plannedOn')}
            value={plannedOn}
            onChange={(e) => setPlannedOn(e.currentTarget.value)}
            error={errors.field('plannedOn')}
            required
            w={220}
          />
        )}
        <Textarea label={t('outreach.attempts.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.field('notes')} rows={2} maxLength={4000} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('outreach.attempts.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** How a planned attempt went. */
function OutcomeModal({ attempt, onClose, onSaved, onConflict }: { attempt: Attempt; onClose: () => void; onSaved: () => void; onConflict: (message: string) => void }) {
  const { t } = useTranslation();
  const [attemptedAt, setAttemptedAt] = useState(nowForInput());
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState(attempt.notes ?? '');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () =>
      apiRequest(`/contact-attempts/${attempt.id}`, {
        method: 'PATCH',
        body: { version: attempt.version, attemptedAt: localInputToInstant(attemptedAt), outcome: outcome || null, notes: notes.trim() || null },
      }),
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: (e) => {
      if (e instanceof ApiError && e.isVersionConflict) onConflict(`${errorMessage(e, t)} ${t('errors.conflictReloaded')}`);
      else errors.setError(e);
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('outreach.attempts.recordOutcomeOf', { channel: t(`outreach.channels.${attempt.channel}`) })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <FormError error={errors.error} knownPaths={['attemptedAt', 'outcome', 'notes']} />
          <TextInput
            type="datetime-local"
            label={t('outreach.attempts.attemptedAt')}
            value={attemptedAt}
            onChange={(e) => setAttemptedAt(e.currentTarget.value)}
            error={errors.field('attemptedAt')}
            required
            data-autofocus
          />
          <NativeSelect
            label={t('outreach.attempts.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value)}
            data={outcomeOptions(attempt.channel, t)}
            error={errors.field('outcome')}
            required
          />
          <Textarea label={t('outreach.attempts.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} rows={2} maxLength={4000} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('outreach.attempts.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AttemptTable({ items, canEdit, onRecord }: { items: Attempt[]; canEdit: boolean; onRecord: (a: Attempt) => void }) {
  const { t } = useTranslation();
  const instant = useFormatters().dateTime;
  if (items.length === 0) return <Text>{t('outreach.attempts.empty')}</Text>;
  return (
    <TableScroll label={t('outreach.attempts.heading')} minWidth={720}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>{t('outreach.attempts.caption', { count: items.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('outreach.attempts.when')}</Table.Th>
            <Table.Th scope="col">{t('outreach.attempts.channel')}</Table.Th>
            <Table.Th scope="col">{t('outreach.attempts.outcome')}</Table.Th>
            <Table.Th scope="col">{t('outreach.attempts.by')}</Table.Th>
            <Table.Th scope="col">{t('outreach.attempts.notes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                {a.attemptedAt ? (
                  instant(a.attemptedAt)
                ) : (
                  <>
                    {t('outreach.attempts.plannedFor')} <Day value={a.plannedOn!} />
                  </>
                )}
              </Table.Td>
              <Table.Td>{t(`outreach.channels.${a.channel}`)}</Table.Td>
              <Table.Td>
                {a.outcome ? (
                  t(`outreach.outcomes.${a.outcome}`)
                ) : canEdit ? (
                  <Button size="xs" variant="default" onClick={() => onRecord(a)}>
                    {t('outreach.attempts.recordOutcome')}
                  </Button>
                ) : (
                  t('outreach.attempts.open')
                )}
              </Table.Td>
              <Table.Td>{a.assignee?.name ?? a.createdBy?.name ?? ''}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{a.notes ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function entryText(e: RecordEntry, t: (k: string, o?: Record<string, unknown>) => string): string {
  const f = e.facts;
  switch (e.type) {
    case 'attempt':
      return [t(`outreach.channels.${f.channel}`), f.outcome ? t(`outreach.outcomes.${f.outcome}`) : t('outreach.record.plannedAttempt')].join(': ');
    case 'notice':
      return t('outreach.record.noticeFrom', { kind: t(`intake.kinds.${f.kind}`), source: f.source ?? '' });
    case 'assignment':
      return f.to ? t('outreach.record.assignedTo', { name: f.to }) : t('outreach.record.unassigned');
    case 'closure':
      return t('outreach.record.closedAs', { outcome: t(`closure.outcomes.${f.outcome}`) });
    case 'task_done':
      return f.kind === 'follow_up'
        ? t('outreach.record.followUpAnswered', { months: f.followUpMonths, answer: t(`tasks.answers.${f.followUpAnswer}`) })
        : t('outreach.record.taskDone');
    default:
      return '';
  }
}

/** The chronological record: newest first, with a form for a note and the time spent. */
function RecordSection({ caseId, canEdit }: { caseId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: outreachKeys.record(caseId), queryFn: () => api.get<RecordResponse>(`/cases/${caseId}/record`) });
  const [notedOn, setNotedOn] = useState(todayIso());
  const [minutes, setMinutes] = useState<number | string>('');
  const [text, setText] = useState('');
  const errors = useFormErrors();
  const { notice, show, clear } = useNotice();
  const save = useMutation({
    mutationFn: () => api.post(`/cases/${caseId}/notes`, { notedOn, minutes: minutes === '' ? null : Number(minutes), text }),
    onMutate: () => {
      errors.clear();
      clear();
    },
    onSuccess: async () => {
      setText('');
      setMinutes('');
      show(t('outreach.record.noteSaved'));
      await queryClient.invalidateQueries({ queryKey: outreachKeys.record(caseId) });
    },
    onError: errors.setError,
  });
  return (
    <Section id="outreach-record" title={t('outreach.record.heading')}>
      <Stack gap="md">
        {canEdit && (
          <form
            noValidate
            aria-labelledby="outreach-note-heading"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <Title order={3} size="h4" id="outreach-note-heading" mb="xs">
              {t('outreach.record.addNote')}
            </Title>
            <Notice notice={notice} onClose={clear} />
            <Stack gap="sm">
              <FormError error={errors.error} knownPaths={['notedOn', 'minutes', 'text']} />
              <Group align="flex-start" gap="md">
                <TextInput type="date" label={t('outreach.record.notedOn')} value={notedOn} onChange={(e) => setNotedOn(e.currentTarget.value)} error={errors.field('notedOn')} required />
                <NumberInput label={t('outreach.record.minutes')} value={minutes} onChange={setMinutes} min={0} max={1440} allowDecimal={false} error={errors.field('minutes')} w={200} />
              </Group>
              <Textarea label={t('outreach.record.text')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.field('text')} required rows={3} maxLength={8000} />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('outreach.record.saveNote')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <RecordList record={query.data} />
        )}
      </Stack>
    </Section>
  );
}

function RecordList({ record }: { record: RecordResponse }) {
  const { t } = useTranslation();
  if (record.entries.length === 0) return <Text>{t('outreach.record.empty')}</Text>;
  return (
    <>
      <Text>{t('outreach.record.totalMinutes', { count: record.totalMinutes })}</Text>
      <Title order={3} size="h4" id="outreach-record-list">
        {t('outreach.record.entries')}
      </Title>
      <List listStyleType="none" spacing="sm" aria-labelledby="outreach-record-list" data-testid="case-record">
        {record.entries.map((e) => {
          const summary = entryText(e, t);
          return (
            <List.Item key={`${e.type}-${e.id}`}>
              <Paper withBorder p="sm">
                <Group gap="xs" wrap="wrap">
                  <Text fw={700}>
                    <Day value={e.on} />
                  </Text>
                  <StatusBadge tone="neutral">{t(`outreach.record.types.${e.type}`)}</StatusBadge>
                  {e.by && <Text size="sm">{e.by.name}</Text>}
                  {e.minutes !== null && <Text size="sm">{t('outreach.record.minutesShort', { count: e.minutes })}</Text>}
                </Group>
                {summary && <Text>{summary}</Text>}
                {e.text && <Text style={{ whiteSpace: 'pre-wrap' }}>{e.text}</Text>}
              </Paper>
            </List.Item>
          );
        })}
      </List>
    </>
  );
}

/** Case tab "Kontakte & Verlauf": reach indicator, contact attempts, chronological record. */
export function OutreachPanel({ summary, onCaseChanged }: CasePanelProps) {
  const { t } = useTranslation();
  const { can } = useSession();
  const canEdit = can('cases.edit');
  const queryClient = useQueryClient();
  const { notice, show, clear } = useNotice();
  const [recording, setRecording] = useState<Attempt | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const query = useQuery({ queryKey: outreachKeys.attempts(summary.id), queryFn: () => api.get<AttemptListResponse>(`/cases/${summary.id}/contact-attempts`) });
  const refresh = async (message: string) => {
    show(message);
    setConflict(null);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: outreachKeys.attempts(summary.id) }),
      queryClient.invalidateQueries({ queryKey: outreachKeys.record(summary.id) }),
      queryClient.invalidateQueries({ queryKey: outreachKeys.closure(summary.id) }),
      onCaseChanged(),
    ]);
  };

  return (
    <Stack gap="lg">
      <Notice notice={notice} onClose={clear} />
      {conflict && (
        <Alert color="red" role="alert" title={t('errors.conflictTitle')}>
          {conflict}
        </Alert>
      )}
      <Section id="outreach-attempts" title={t('outreach.attempts.heading')}>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Stack gap="md">
            <ReachSummary list={query.data} />
            <AttemptTable items={query.data.items} canEdit={canEdit} onRecord={setRecording} />
            {canEdit && <AttemptForm caseId={summary.id} onSaved={() => void refresh(t('outreach.attempts.saved'))} />}
          </Stack>
        )}
      </Section>
      <RecordSection caseId={summary.id} canEdit={canEdit} />
      {recording && (
        <OutcomeModal
          attempt={recording}
          onClose={() => setRecording(null)}
          onSaved={() => {
            setRecording(null);
            void refresh(t('outreach.attempts.outcomeSaved'));
          }}
          onConflict={(message) => {
            setRecording(null);
            setConflict(message);
            void queryClient.invalidateQueries({ queryKey: outreachKeys.attempts(summary.id) });
          }}
        />
      )}
    </Stack>
  );
}
