import { sql } from 'kysely';
import { IdParams, Ok } from '../../../contracts/common.js';
import { ReminderList, Task, TaskInput, TaskList, TasksQuery, TaskUpdate } from '../../../contracts/tasks.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { AppError, invalidInput, notFound, versionConflict, type FieldProblem } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { assertCaseStaff } from '../outreach/shared.js';
import { loadTaskForActor, presentTasks, selectTasks, taskById } from './service.js';

export const taskRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/tasks',
    access: 'cases.read',
    summary: 'Tasks: mine or the whole team’s, open or done, by due date',
    tags: ['tasks'],
    query: TasksQuery,
    response: TaskList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const q = ctx.query;
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        let query = selectTasks(tx).where('t.org_id', '=', actor.orgId).where('t.status', '!=', 'cancelled');
        if (q.scope === 'mine') query = query.where('t.assignee_id', '=', actor.userId);
        if (q.status !== 'all') query = query.where('t.status', '=', q.status);
        const rows = await query
          .orderBy('t.due_on', q.status === 'done' ? 'desc' : 'asc')
          .orderBy('t.created_at')
          .limit(q.limit)
          .execute();
        tx.audit({ action: 'task.list', entityType: 'task', details: { scope: q.scope, status: q.status, count: rows.length } });
        return { items: await presentTasks(tx, rows) };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/tasks',
    access: 'cases.read',
    summary: 'Tasks of a case, including its follow-up questions after closure',
    tags: ['tasks'],
    params: IdParams,
    response: TaskList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const rows = await selectTasks(tx).where('t.case_id', '=', c.id).orderBy('t.due_on').orderBy('t.created_at').execute();
        tx.audit({ action: 'task.list', entityType: 'case', entityId: c.id });
        return { items: await presentTasks(tx, rows) };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/tasks',
    access: 'cases.edit',
    summary: 'Create a task for a case or a general one, with a due date and an assignee of the own organisation',
    tags: ['tasks'],
    body: TaskInput,
    status: 201,
    response: Task,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        // The case first: another organisation's case is "not found", whoever the assignee.
        const c = b.caseId ? await loadCaseForActor(tx, actor, b.caseId.toLowerCase()) : null;
        const assignee = b.assigneeId ? await assertCaseStaff(tx, actor, b.assigneeId, 'assigneeId') : actor.userId;
        const row = await tx.db
          .insertInto('tasks')
          .values({ org_id: actor.orgId, case_id: c?.id ?? null, title: b.title, due_on: b.dueOn, assignee_id: assignee, created_by: actor.userId })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'task.create', entityType: 'task', entityId: row.id, details: { caseId: c?.id ?? null, assigneeId: assignee, dueOn: b.dueOn } });
        return taskById(tx, row.id);
      });
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/tasks/:id',
    access: 'cases.edit',
    summary: 'Change a task, mark it done or undone; a follow-up question is answered (still housed: yes/no/unknown) and so done',
    tags: ['tasks'],
    params: IdParams,
    body: TaskUpdate,
    response: Task,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const task = await loadTaskForActor(tx, actor, ctx.params.id);
        if (task.version !== b.version) throw versionConflict();
        if (task.status === 'cancelled') throw new AppError(409, 'task_cancelled');
        const followUp = task.kind === 'follow_up';
        const problems: FieldProblem[] = [];
        if (!followUp && b.followUpAnswer != null) problems.push({ path: 'followUpAnswer', key: 'tasks.answer_only_for_follow_up' });
        if (followUp && b.title !== undefined) problems.push({ path: 'title', key: 'tasks.follow_up_title_fixed' });
        // An answer makes a follow-up done; taking the answer back makes it open again.
        const answer = followUp ? (b.done === false ? null : b.followUpAnswer !== undefined ? b.followUpAnswer : task.follow_up_answer) : null;
        const done = b.done ?? (followUp && b.followUpAnswer !== undefined ? b.followUpAnswer !== null : task.status === 'done');
        if (followUp && done && !answer) problems.push({ path: 'followUpAnswer', key: 'required' });
        if (problems.length) throw invalidInput(problems);
        const assignee = b.assigneeId ? await assertCaseStaff(tx, actor, b.assigneeId, 'assigneeId') : task.assignee_id;
        const wasDone = task.status === 'done';
        const updated = await tx.db
          .updateTable('tasks')
          .set({
            title: b.title ?? task.title,
            due_on: b.dueOn ?? String(task.due_on),
            assignee_id: assignee,
            // A new assignee has not been reminded yet.
            reminded_for: assignee === task.assignee_id ? task.reminded_for : null,
            status: done ? 'done' : 'open',
            done_at: done ? (wasDone ? task.done_at : ctx.services.now()) : null,
            done_by: done ? (wasDone ? task.done_by : actor.userId) : null,
            follow_up_answer: answer,
            version: sql`version + 1`,
            updated_at: sql`now()`,
          })
          .where('id', '=', task.id)
          .where('version', '=', b.version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw versionConflict();
        tx.audit({
          action: 'task.update',
          entityType: 'task',
          entityId: task.id,
          details: { caseId: task.case_id, done, ...(followUp ? { followUpAnswer: answer } : {}), ...(assignee !== task.assignee_id ? { assigneeId: assignee } : {}) },
        });
        return taskById(tx, task.id);
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/reminders',
    access: 'cases.read',
    summary: 'My unread reminders of tasks that are due',
    tags: ['tasks'],
    response: ReminderList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        // Row-level security shows each person only their own reminders; the filter says so too.
        const reminders = await tx.db
          .selectFrom('reminders as r')
          .innerJoin('tasks as t', 't.id', 'r.task_id')
          .select(['r.id', 'r.due_on', 'r.created_at', 'r.task_id'])
          .where('r.user_id', '=', actor.userId)
          .where('r.org_id', '=', actor.orgId)
          .where('r.read_at', 'is', null)
          .where('t.status', '=', 'open')
          .orderBy('r.due_on')
          .limit(100)
          .execute();
        const tasks = reminders.length ? await presentTasks(tx, await selectTasks(tx).where('t.id', 'in', reminders.map((r) => r.task_id)).execute()) : [];
        const byId = new Map(tasks.map((t) => [t.id, t]));
        // Asked every few minutes by the header; only a list that shows tasks is a read worth recording.
        if (reminders.length) tx.audit({ action: 'reminder.list', entityType: 'task', details: { ids: reminders.map((r) => r.task_id) } });
        return {
          items: reminders.map((r) => ({ id: r.id, dueOn: String(r.due_on), createdAt: new Date(r.created_at).toISOString(), task: byId.get(r.task_id)! })),
          unread: reminders.length,
        };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/reminders/:id/read',
    access: 'cases.read',
    summary: 'Mark one of my reminders as read',
    tags: ['tasks'],
    params: IdParams,
    response: Ok,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const done = await tx.db
          .updateTable('reminders')
          .set({ read_at: ctx.services.now() })
          .where('id', '=', ctx.params.id)
          .where('user_id', '=', actor.userId)
          .where('org_id', '=', actor.orgId)
          .where('read_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!done) {
          // Already read is fine; anybody else's (or nobody's) is not found.
          const mine = await tx.db.selectFrom('reminders').select('id').where('id', '=', ctx.params.id).where('user_id', '=', actor.userId).executeTakeFirst();
          if (!mine) throw notFound();
        } else tx.audit({ action: 'reminder.read', entityType: 'reminder', entityId: done.id });
        return { ok: true as const };
      });
    },
  }),
];
