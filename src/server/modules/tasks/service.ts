import type { Task } from '../../../contracts/tasks.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import { loadCaseForActor } from '../cases/access.js';
import { day, instant, userNames, userRef } from '../outreach/shared.js';

export const TASK_COLUMNS = [
  't.id', 't.case_id', 't.kind', 't.title', 't.due_on', 't.assignee_id', 't.status', 't.done_at', 't.done_by',
  't.follow_up_months', 't.follow_up_answer', 't.created_at', 't.version', 'c.case_number',
] as const;

/** Tasks with the file number of their case (general tasks have none). */
export function selectTasks(tx: Tx) {
  return tx.db.selectFrom('tasks as t').leftJoin('cases as c', 'c.id', 't.case_id').select(TASK_COLUMNS);
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['execute']>>[number];

export async function presentTasks(tx: Tx, rows: TaskRow[]): Promise<Task[]> {
  const names = await userNames(tx, rows.flatMap((r) => [r.assignee_id, r.done_by]));
  return rows.map((r) => ({
    id: r.id,
    case: r.case_id ? { id: r.case_id, caseNumber: r.case_number ?? '' } : null,
    kind: r.kind as Task['kind'],
    title: r.title,
    dueOn: day(r.due_on)!,
    assignee: userRef(names, r.assignee_id)!,
    status: r.status as Task['status'],
    doneAt: instant(r.done_at),
    doneBy: userRef(names, r.done_by),
    followUpMonths: r.follow_up_months,
    followUpAnswer: r.follow_up_answer as Task['followUpAnswer'],
    createdAt: instant(r.created_at)!,
    version: r.version,
  }));
}

export async function taskById(tx: Tx, id: string) {
  return (await presentTasks(tx, [await selectTasks(tx).where('t.id', '=', id).executeTakeFirstOrThrow()]))[0];
}

/** One access rule for a task: the actor's organisation's, and — when it has one — its case is the actor's too. */
export async function loadTaskForActor(tx: Tx, actor: Actor, id: string) {
  const row = await tx.db.selectFrom('tasks').selectAll().where('id', '=', id).where('org_id', '=', actor.orgId).executeTakeFirst();
  if (!row) throw notFound();
  if (row.case_id) await loadCaseForActor(tx, actor, row.case_id);
  return row;
}
