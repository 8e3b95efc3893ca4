import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { outreachKeys, type RemindersResponse } from '../outreach/types';

/** In the header: how many reminders of due tasks are waiting, as a link to the task list. */
export function ReminderBadge() {
  const { t } = useTranslation();
  const { can } = useSession();
  const query = useQuery({
    queryKey: outreachKeys.reminders,
    queryFn: () => api.get<RemindersResponse>('/reminders'),
    enabled: can('cases.read'),
    // The job writes reminders hourly; a few minutes' delay in the header is fine.
    refetchInterval: 5 * 60_000,
    retry: false,
  });
  const unread = query.data?.unread ?? 0;
  if (!unread) return null;
  return (
    <Anchor component={Link} to="/tasks" size="sm" fw={700}>
      {t('tasks.reminders.badge', { count: unread })}
    </Anchor>
  );
}
