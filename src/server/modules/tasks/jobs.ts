import { sql } from 'kysely';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import type { Job } from '../../platform/jobs/scheduler.js';

/**
 * Reminds assignees of their due tasks, in the app (there is no e-mail service): every open task
 * due today or earlier (on the Berlin calendar) whose assignee was not yet reminded of this due
 * date gets one reminder, and the task is marked with the due date it was reminded of. Running
 * twice reminds once; moving the due date or the assignee lets the job remind again.
 * One statement for all organisations: the job runs platform-internal.
 */
export async function remindDueTasks(db: Parameters<typeof unsafeInternalTx>[0], now: Date): Promise<number> {
  const today = localDay(now);
  return unsafeInternalTx(db, null, async (tx) => {
    const result = await sql<{ n: number }>`
      with due as (
        update tasks set reminded_for = due_on
        where status = 'open' and due_on <= ${today}::date and reminded_for is distinct from due_on
        returning id, org_id, assignee_id, due_on
      ), made as (
        insert into reminders (org_id, user_id, task_id, due_on)
        select org_id, assignee_id, id, due_on from due
        on conflict (task_id, user_id, due_on) do nothing
        returning 1
      )
      select count(*)::int as n from made`.execute(tx.db);
    return result.rows[0]?.n ?? 0;
  });
}

export const taskReminderJob: Job = {
  name: 'tasks.reminders',
  intervalSeconds: 60 * 60,
  async run(s) {
    return { reminders: await remindDueTasks(s.db, s.now()) };
  },
};
