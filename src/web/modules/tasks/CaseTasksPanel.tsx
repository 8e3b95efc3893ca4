import { Paper, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { outreachKeys, type TaskListResponse, type CasePanelProps } from '../outreach/types';
import { NewTaskForm, TaskTable } from './TaskParts';

/** Case tab "Aufgaben": the case's tasks, including the follow-up questions after closure. */
export function CaseTasksPanel({ summary }: CasePanelProps) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { notice, show, clear } = useNotice();
  const query = useQuery({ queryKey: outreachKeys.caseTasks(summary.id), queryFn: () => api.get<TaskListResponse>(`/cases/${summary.id}/tasks`) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    void queryClient.invalidateQueries({ queryKey: outreachKeys.record(summary.id) });
  };
  return (
    <Paper component="section" aria-labelledby="case-tasks-heading" withBorder p="md">
      <Title order={2} size="h3" id="case-tasks-heading" mb="sm">
        {t('tasks.caseHeading')}
      </Title>
      <Stack gap="md">
        <Notice notice={notice} onClose={clear} />
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <TaskTable tasks={query.data.items} caption={t('tasks.caseCaption', { count: query.data.items.length })} showCase={false} onChanged={refresh} />
        )}
        {can('cases.edit') && <NewTaskForm caseId={summary.id} headingId="case-task-new" onSaved={() => show(t('tasks.saved'))} />}
      </Stack>
    </Paper>
  );
}
