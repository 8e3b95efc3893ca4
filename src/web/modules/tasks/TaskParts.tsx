import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/admin';
import { FOLLOW_UP_ANSWERS } from '../../../contracts/outreach';
import { ApiError, api, apiRequest } from '../../app/api';
import { FormError, errorMessage, useFormErrors } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import type { Task } from '../outreach/types';

/** A task's title in the reader's language: follow-ups ask the same question of every household. */
export function taskTitle(task: Task, t: (k: string, o?: Record<string, unknown>) => string) {
  return task.kind === 'follow_up' ? t('tasks.followUpTitle', { months: task.followUpMonths }) : (task.title ?? '');
}

function DueState({ task }: { task: Task }) {
  const { t } = useTranslation();
  if (task.status === 'done') return <StatusBadge tone="success">{t('tasks.statuses.done')}</StatusBadge>;
  if (task.status === 'cancelled') return <StatusBadge tone="neutral">{t('tasks.statuses.cancelled')}</StatusBadge>;
  const today = todayIso();
  if (task.dueOn < today) return <StatusBadge tone="danger">{t('tasks.overdue')}</StatusBadge>;
  if (task.dueOn === today) return <StatusBadge tone="info">{t('tasks.dueToday')}</StatusBadge>;
  return <StatusBadge tone="neutral">{t('tasks.statuses.open')}</StatusBadge>;
}

/** Done/undone, or — for a follow-up — the answer "still housed?", saved at once. */
function TaskAction({ task, onChanged, onError }: { task: Task; onChanged: () => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const update = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiRequest<Task>(`/tasks/${task.id}`, { method: 'PATCH', body: { version: task.version, ...body } }),
    onSuccess: onChanged,
    onError,
  });
  if (task.status === 'cancelled') return <Text size="sm">{t('tasks.withdrawn')}</Text>;
  if (task.kind === 'follow_up') {
    return (
      <NativeSelect
        aria-label={t('tasks.answerFor', { title: taskTitle(task, t) })}
        value={task.followUpAnswer ?? ''}
        disabled={update.isPending}
        onChange={(e) => update.mutate({ followUpAnswer: e.currentTarget.value || null })}
        data={[{ value: '', label: t('tasks.noAnswer') }, ...FOLLOW_UP_ANSWERS.map((a) => ({ value: a, label: t(`tasks.answers.${a}`) }))]}
        size="xs"
        w={200}
      />
    );
  }
  return (
    <Checkbox
      label={t('tasks.doneLabel')}
      aria-label={t('tasks.doneFor', { title: taskTitle(task, t) })}
      checked={task.status === 'done'}
      disabled={update.isPending}
      onChange={(e) => update.mutate({ done: e.currentTarget.checked })}
    />
  );
}

export function TaskTable({
  tasks,
  caption,
  showCase,
  onChanged,
}: {
  tasks: Task[];
  caption: string;
  showCase: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [error, setError] = useState<unknown>(null);
  if (tasks.length === 0) return <Text>{t('tasks.empty')}</Text>;
  const handleError = (e: unknown) => {
    setError(e);
    // A conflict means someone else changed it: show what is stored now.
    if (e instanceof ApiError && e.isVersionConflict) onChanged();
  };
  return (
    <Stack gap="sm">
      {error ? <FormError error={error} /> : null}
      <TableScroll label={caption} minWidth={720}>
        <Table verticalSpacing="xs" striped>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tasks.dueOn')}</Table.Th>
              <Table.Th scope="col">{t('tasks.taskTitle')}</Table.Th>
              {showCase && <Table.Th scope="col">{t('tasks.case')}</Table.Th>}
              <Table.Th scope="col">{t('tasks.assignee')}</Table.Th>
              <Table.Th scope="col">{t('common.status')}</Table.Th>
              <Table.Th scope="col">{t('tasks.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td>
                  <Day value={task.dueOn} />
                </Table.Td>
                <Table.Th scope="row" fw={400}>
                  {taskTitle(task, t)}
                </Table.Th>
                {showCase && (
                  <Table.Td>
                    {task.case ? (
                      <Anchor component={Link} to={`/cases/${task.case.id}?tab=tasks`}>
                        {task.case.caseNumber}
                      </Anchor>
                    ) : (
                      t('tasks.general')
                    )}
                  </Table.Td>
                )}
                <Table.Td>{task.assignee.name}</Table.Td>
                <Table.Td>
                  <DueState task={task} />
                </Table.Td>
                <Table.Td>
                  {can('cases.edit') ? (
                    <TaskAction
                      task={task}
                      onChanged={() => {
                        setError(null);
                        onChanged();
                      }}
                      onError={handleError}
                    />
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {error instanceof ApiError && error.isVersionConflict ? <Text size="sm">{errorMessage(error, t)}</Text> : null}
    </Stack>
  );
}

/** A new task, for a case or general; the assignee is me unless a team lead chooses someone. */
export function NewTaskForm({ caseId, onSaved, headingId }: { caseId: string | null; onSaved: () => void; headingId: string }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState(todayIso());
  const [assigneeId, setAssigneeId] = useState('');
  const errors = useFormErrors();
  const users = useQuery({
    queryKey: ['users', 'list', { orgId: session.organisation.id, q: '' }],
    queryFn: async () => (await api.get<{ items: User[] }>('/users', { orgId: session.organisation.id })).items,
    enabled: can('users.read'),
  });
  const candidates = (users.data ?? []).filter((u) => u.orgId === session.organisation.id && u.active && u.roles.some((r) => r === 'caseworker' || r === 'team_lead'));
  const save = useMutation({
    mutationFn: () => api.post('/tasks', { caseId, title, dueOn, assigneeId: assigneeId || null }),
    onMutate: () => errors.clear(),
    onSuccess: async () => {
      setTitle('');
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onSaved();
    },
    onError: errors.setError,
  });
  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={3} size="h4" id={headingId} mb="xs">
        {t('tasks.new')}
      </Title>
      <Stack gap="sm">
        <FormError error={errors.error} knownPaths={['title', 'dueOn', 'assigneeId']} />
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput label={t('tasks.taskTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.field('title')} required maxLength={300} w={360} />
          <TextInput type="date" label={t('tasks.dueOn')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={errors.field('dueOn')} required />
          {candidates.length > 0 && (
            <NativeSelect
              label={t('tasks.assignee')}
              value={assigneeId}
              onChange={(e) => setAssigneeId(e.currentTarget.value)}
              data={[{ value: '', label: t('tasks.me') }, ...candidates.filter((u) => u.id !== session.user.id).map((u) => ({ value: u.id, label: u.displayName }))]}
              error={errors.field('assigneeId')}
            />
          )}
        </Group>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('tasks.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
