import type { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import { CaseNote, CaseRecord, NoteInput, type RecordEntry } from '../../../contracts/outreach.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { newestFirst } from '../../../domain/casework/outreach.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { invalidInput } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { attemptsOfCase } from './attempts.js';
import { day, instant, userNames, userRef } from './shared.js';

type Entry = z.infer<typeof RecordEntry>;

/**
 * The chronological record (Verlauf) of a case in one list, newest first: notes with the time
 * spent, contact attempts, the notices behind the case, assignments (from the audit log, the one
 * place that has them all), closures and reopenings, tasks done.
 */
async function caseRecord(tx: Tx, caseId: string) {
  const [notes, attempts, notices, assignments, closures, tasks] = await Promise.all([
    tx.db.selectFrom('case_notes').selectAll().where('case_id', '=', caseId).execute(),
    attemptsOfCase(tx, caseId),
    tx.db
      .selectFrom('notices as n')
      .innerJoin('organisations as o', 'o.id', 'n.source_org_id')
      .select(['n.id', 'n.kind', 'n.channel', 'n.received_on', 'n.created_at', 'n.created_by', 'o.name as source'])
      .where('n.case_id', '=', caseId)
      .execute(),
    tx.db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_user_id', 'details'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', caseId)
      .where('action', '=', 'case.assign')
      .execute(),
    tx.db.selectFrom('case_closures').selectAll().where('case_id', '=', caseId).execute(),
    tx.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).where('status', '=', 'done').execute(),
  ]);
  const names = await userNames(tx, [
    ...notes.map((n) => n.created_by),
    ...attempts.flatMap((a) => [a.created_by, a.assignee_id]),
    ...notices.map((n) => n.created_by),
    ...assignments.flatMap((a) => [a.actor_user_id, (a.details as { to?: string | null } | null)?.to ?? null]),
    ...closures.flatMap((c) => [c.closed_by, c.reopened_by]),
    ...tasks.map((t) => t.done_by),
  ]);
  const entries: Entry[] = [];
  const base = { text: null, minutes: null, facts: {} };
  for (const n of notes) {
    entries.push({ ...base, type: 'note', id: n.id, on: String(n.noted_on), at: instant(n.created_at)!, by: userRef(names, n.created_by), text: n.text, minutes: n.minutes });
  }
  for (const a of attempts) {
    entries.push({
      ...base,
      type: 'attempt',
      id: a.id,
      // A planned attempt stands at its day, a made one at the day it was made.
      on: a.attempted_at ? localDay(new Date(a.attempted_at)) : day(a.planned_on)!,
      at: instant(a.attempted_at ?? a.created_at)!,
      by: userRef(names, a.assignee_id ?? a.created_by),
      text: a.notes,
      facts: { channel: a.channel, outcome: a.outcome, plannedOn: day(a.planned_on) },
    });
  }
  for (const n of notices) {
    entries.push({ ...base, type: 'notice', id: n.id, on: String(n.received_on), at: instant(n.created_at)!, by: userRef(names, n.created_by), facts: { kind: n.kind, channel: n.channel, source: n.source } });
  }
  for (const a of assignments) {
    const to = (a.details as { to?: string | null } | null)?.to ?? null;
    entries.push({
      ...base,
      type: 'assignment',
      id: `audit-${a.id}`,
      on: localDay(new Date(a.at)),
      at: instant(a.at)!,
      by: userRef(names, a.actor_user_id),
      facts: { to: to ? (names.get(to) ?? '') : null },
    });
  }
  for (const c of closures) {
    entries.push({
      ...base,
      type: 'closure',
      id: c.id,
      on: String(c.closed_on),
      at: instant(c.closed_at)!,
      by: userRef(names, c.closed_by),
      text: c.note,
      facts: { outcome: c.outcome, causes: c.causes.join(','), notReachedReason: c.not_reached_reason },
    });
    if (c.reopened_at) {
      entries.push({ ...base, type: 'reopening', id: `${c.id}-reopened`, on: localDay(new Date(c.reopened_at)), at: instant(c.reopened_at)!, by: userRef(names, c.reopened_by), text: c.reopen_reason });
    }
  }
  for (const t of tasks) {
    if (!t.done_at) continue;
    entries.push({
      ...base,
      type: 'task_done',
      id: t.id,
      on: localDay(new Date(t.done_at)),
      at: instant(t.done_at)!,
      by: userRef(names, t.done_by),
      text: t.title,
      facts: { kind: t.kind, followUpMonths: t.follow_up_months === null ? null : String(t.follow_up_months), followUpAnswer: t.follow_up_answer },
    });
  }
  return { entries: newestFirst(entries), totalMinutes: notes.reduce((sum, n) => sum + (n.minutes ?? 0), 0) };
}

export const recordRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/record',
    access: 'cases.read',
    summary: 'The chronological record (Verlauf) of a case: notes, contact attempts, notices, assignments, closures — newest first',
    tags: ['outreach'],
    params: IdParams,
    response: CaseRecord,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await loadCaseForActor(tx, actor, ctx.params.id);
        tx.audit({ action: 'case.record.read', entityType: 'case', entityId: ctx.params.id });
        return caseRecord(tx, ctx.params.id);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/notes',
    access: 'cases.edit',
    summary: 'Add a note to the chronological record: day, minutes spent, text',
    tags: ['outreach'],
    params: IdParams,
    body: NoteInput,
    status: 201,
    response: CaseNote,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        // Notes record what happened: not on a day still to come.
        if (ctx.body.notedOn > localDay(ctx.services.now())) throw invalidInput([{ path: 'notedOn', key: 'outreach.note_in_future' }]);
        const n = await tx.db
          .insertInto('case_notes')
          .values({ org_id: actor.orgId, case_id: c.id, noted_on: ctx.body.notedOn, minutes: ctx.body.minutes ?? null, text: ctx.body.text, created_by: actor.userId })
          .returningAll()
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'case.note.create', entityType: 'case', entityId: c.id, details: { noteId: n.id, minutes: n.minutes } });
        const names = await userNames(tx, [n.created_by]);
        return { id: n.id, caseId: n.case_id, notedOn: String(n.noted_on), minutes: n.minutes, text: n.text, author: userRef(names, n.created_by), createdAt: instant(n.created_at)! };
      });
    },
  }),
];
