import { Anchor, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { FormError, QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { outreachKeys, type RemindersResponse, type TaskListResponse } from '../outreach/types';
import { NewTaskForm, TaskTable, taskTitle } from './TaskParts';

const SCOPES = ['mine', 'team'] as const;
const STATUSES = ['open', 'done'] as const;

function Reminders() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: outreachKeys.reminders, queryFn: () => api.get<RemindersResponse>('/reminders') });
  const read = useMutation({
    mutationFn: (id: string) => api.post(`/reminders/${id}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: outreachKeys.reminders }),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.items;
  return (
    <Paper component="section" aria-labelledby="reminders-heading" withBorder p="md">
      <Title order={2} size="h3" id="reminders-heading" mb="sm">
        {t('tasks.reminders.heading')}
      </Title>
      {read.error ? <FormError error={read.error} /> : null}
      {items.length === 0 ? (
        <Text>{t('tasks.reminders.empty')}</Text>
      ) : (
        <TableScroll label={t('tasks.reminders.heading')} minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Caption>{t('tasks.reminders.caption', { count: items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tasks.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('tasks.taskTitle')}</Table.Th>
                <Table.Th scope="col">{t('tasks.case')}</Table.Th>
                <Table.Th scope="col">{t('tasks.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Day value={r.dueOn} />
                  </Table.Td>
                  <Table.Th scope="row" fw={400}>
                    {taskTitle(r.task, t)}
                  </Table.Th>
                  <Table.Td>
                    {r.task.case ? (
                      <Anchor component={Link} to={`/cases/${r.task.case.id}?tab=tasks`}>
                        {r.task.case.caseNumber}
                      </Anchor>
                    ) : (
                      t('tasks.general')
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" loading={read.isPending && read.variables === r.id} onClick={() => read.mutate(r.id)} aria-label={t('tasks.reminders.markReadFor', { title: taskTitle(r.task, t) })}>
                      {t('tasks.reminders.markRead')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}

/** /tasks: my reminders, and my (or the team's) tasks, open or done. */
export function TasksPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { notice, show, clear } = useNotice();
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') === 'team' ? 'team' : 'mine';
  const status = params.get('status') === 'done' ? 'done' : 'open';
  const set = (key: string, value: string) =>
    setParams((p) => {
      p.set(key, value);
      return p;
    }, { replace: true });
  const query = useQuery({ queryKey: outreachKeys.tasks(scope, status), queryFn: () => api.get<TaskListResponse>('/tasks', { scope, status }) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['tasks'] });

  return (
    <>
      <PageHeader title={t('tasks.title')} />
      <Stack gap="lg">
        <Notice notice={notice} onClose={clear} />
        <Reminders />
        <Paper component="section" aria-labelledby="tasks-list-heading" withBorder p="md">
          <Title order={2} size="h3" id="tasks-list-heading" mb="sm">
            {t('tasks.listHeading')}
          </Title>
          <Stack gap="md">
            <Group gap="md" wrap="wrap">
              <SegmentedControl
                aria-label={t('tasks.scopeLabel')}
                value={scope}
                onChange={(v) => set('scope', v)}
                data={SCOPES.map((s) => ({ value: s, label: t(`tasks.scopes.${s}`) }))}
              />
              <SegmentedControl
                aria-label={t('tasks.statusLabel')}
                value={status}
                onChange={(v) => set('status', v)}
                data={STATUSES.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
              />
            </Group>
            {query.isPending ? (
              <Loading />
            ) : query.isError ? (
              <QueryError error={query.error} onRetry={() => void query.refetch()} />
            ) : (
              <TaskTable tasks={query.data.items} caption={t('tasks.listCaption', { count: query.data.items.length })} showCase onChanged={refresh} />
            )}
          </Stack>
        </Paper>
        {can('cases.edit') && (
          <Paper withBorder p="md">
            <NewTaskForm caseId={null} headingId="tasks-new-heading" onSaved={() => show(t('tasks.saved'))} />
          </Paper>
        )}
      </Stack>
    </>
  );
}
