import { sql } from 'kysely';
import type { z } from 'zod';
import type { ContactAttempt, ContactAttemptInput } from '../../../contracts/outreach.js';
import { REQUIRED_HOME_VISITS } from '../../../domain/casework/closure.js';
import { caseReach, isConversation, outcomeFits, type AttemptFact, type ContactChannel, type ContactOutcome } from '../../../domain/casework/outreach.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { invalidInput, notFound, type FieldProblem } from '../../platform/http/errors.js';
import { loadCaseForActor } from '../cases/access.js';
import { day, instant, userNames, userRef } from './shared.js';

type AttemptRow = {
  id: string;
  case_id: string;
  channel: string;
  planned_on: string | null;
  attempted_at: Date | null;
  outcome: string | null;
  notes: string | null;
  assignee_id: string | null;
  created_by: string | null;
  created_at: Date | string;
  version: number;
};

const COLUMNS = ['id', 'case_id', 'channel', 'planned_on', 'attempted_at', 'outcome', 'notes', 'assignee_id', 'created_by', 'created_at', 'version'] as const;

export async function presentAttempts(tx: Tx, rows: AttemptRow[]): Promise<ContactAttempt[]> {
  const names = await userNames(tx, rows.flatMap((r) => [r.assignee_id, r.created_by]));
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    channel: r.channel as ContactAttempt['channel'],
    plannedOn: day(r.planned_on),
    attemptedAt: instant(r.attempted_at),
    outcome: r.outcome as ContactAttempt['outcome'],
    notes: r.notes,
    assignee: userRef(names, r.assignee_id),
    createdBy: userRef(names, r.created_by),
    createdAt: instant(r.created_at)!,
    version: r.version,
  }));
}

export const attemptFacts = (rows: Pick<AttemptRow, 'channel' | 'attempted_at' | 'outcome'>[]): AttemptFact[] =>
  rows.map((r) => ({
    channel: r.channel as ContactChannel,
    attemptedAt: r.attempted_at ? new Date(r.attempted_at) : null,
    outcome: r.outcome as ContactOutcome | null,
  }));

export function attemptsOfCase(tx: Tx, caseId: string) {
  return tx.db
    .selectFrom('contact_attempts')
    .select(COLUMNS)
    .where('case_id', '=', caseId)
    .orderBy(sql`coalesce(attempted_at, planned_on::timestamptz)`, 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** The attempts of a case, newest first, with the case's reach indicator. */
export async function attemptList(tx: Tx, caseId: string) {
  const c = await tx.db.selectFrom('cases').select('received_on').where('id', '=', caseId).executeTakeFirstOrThrow();
  const rows = await attemptsOfCase(tx, caseId);
  return {
    items: await presentAttempts(tx, rows),
    reach: caseReach(String(c.received_on), attemptFacts(rows)),
    requiredHomeVisits: REQUIRED_HOME_VISITS,
  };
}

/** One access rule for an attempt: it is the actor's organisation's, and so is its case. */
export async function loadAttemptForActor(tx: Tx, actor: Actor, id: string) {
  const row = await tx.db.selectFrom('contact_attempts').select(COLUMNS).where('id', '=', id).where('org_id', '=', actor.orgId).executeTakeFirst();
  if (!row) throw notFound();
  await loadCaseForActor(tx, actor, row.case_id);
  return row;
}

export type AttemptFields = Pick<z.output<typeof ContactAttemptInput>, 'channel' | 'plannedOn' | 'attemptedAt' | 'outcome'>;

/**
 * What makes an attempt incomplete or contradictory, by field: a made attempt has its time and
 * outcome together, a planned one its day; the outcome fits the channel; nothing happened in the
 * future (a few minutes of clock difference aside).
 */
export function attemptProblems(a: AttemptFields, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const made = Boolean(a.attemptedAt);
  const hasOutcome = Boolean(a.outcome);
  if (made && !hasOutcome) problems.push({ path: 'outcome', key: 'required' });
  if (hasOutcome && !made) problems.push({ path: 'attemptedAt', key: 'required' });
  if (!made && !hasOutcome && !a.plannedOn) problems.push({ path: 'plannedOn', key: 'outreach.planned_or_made' });
  if (a.outcome && !outcomeFits(a.channel, a.outcome)) problems.push({ path: 'outcome', key: 'outreach.outcome_not_for_channel' });
  if (a.attemptedAt && new Date(a.attemptedAt).getTime() > now.getTime() + 5 * 60_000) {
    problems.push({ path: 'attemptedAt', key: 'outreach.attempt_in_future' });
  }
  return problems;
}

export function assertAttempt(a: AttemptFields, now: Date) {
  const problems = attemptProblems(a, now);
  if (problems.length) throw invalidInput(problems);
}

/**
 * Keeps the case in step with its attempts: the earliest attempt made is its first contact
 * attempt (the work queue's overdue marker looks at it), and a new case with an attempt is open.
 * Not a user's edit of the case, so its version stays: nobody editing the case file is refused.
 */
export async function syncCaseWithAttempts(tx: Tx, caseId: string) {
  await tx.db
    .updateTable('cases')
    .set({
      first_contact_attempt_at: sql`(select min(attempted_at) from contact_attempts where case_id = ${caseId})`,
      status: sql`case when status = 'new' and exists (select 1 from contact_attempts where case_id = ${caseId} and attempted_at is not null) then 'open' else status end`,
      updated_at: sql`now()`,
    })
    .where('id', '=', caseId)
    .execute();
}

export async function caseWasReached(tx: Tx, caseId: string) {
  const rows = await tx.db.selectFrom('contact_attempts').select('outcome').where('case_id', '=', caseId).where('outcome', 'is not', null).execute();
  return rows.some((r) => isConversation(r.outcome as ContactOutcome));
}
