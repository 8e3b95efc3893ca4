import { sql } from 'kysely';
import type { z } from 'zod';
import type { QueueItem, QueueQuery } from '../../../contracts/cases.js';
import { urgency } from '../../../domain/urgency/urgency.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { substitutesFor } from '../casefile/absences.js';

/** Deadlines that decide the tenancy and so order the queue (not the hearing or a warning date). */
const DECISIVE = ['schonfrist_end', 'eviction', 'protection_request_765a', 'raeumungsfrist_extension_request'];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The urgency work queue of the actor's organisation: open cases with their nearest decisive
 * deadline, ordered by urgency (domain/urgency). Two queries regardless of the number of cases.
 */
export async function workQueue(tx: Tx, actor: Actor, q: z.output<typeof QueueQuery>, now: Date): Promise<QueueItem[]> {
  let query = tx.db
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .leftJoin('users as u', 'u.id', 'c.assigned_user_id')
    .leftJoin('locations as l', 'l.id', 'c.location_id')
    .leftJoin('case_legal as cl', 'cl.case_id', 'c.id')
    .select([
      'c.id', 'c.case_number', 'c.status', 'c.received_on', 'c.first_contact_due', 'c.first_contact_attempt_at',
      'c.children', 'c.vulnerable', 'c.assigned_user_id', 'u.display_name as assignee_name', 'l.name as location_name',
      'h.street', 'h.house_number', 'h.postal_code', 'h.city', 'h.children as household_children', 'cl.court_file_number',
      (eb) =>
        eb
          .selectFrom('case_deadlines as d')
          .select(sql<string>`json_build_object('kind', d.kind, 'date', d.date, 'estimate', d.estimate)::text`.as('x'))
          .whereRef('d.case_id', '=', 'c.id')
          .where('d.kind', 'in', DECISIVE)
          // The nearest upcoming deadline; when all have passed, the one passed most recently.
          .orderBy(sql`case when d.date >= ${isoDay(now)}::date then 0 else 1 end`)
          .orderBy(sql`abs(d.date - ${isoDay(now)}::date)`)
          .limit(1)
          .as('next_deadline'),
    ])
    .where('c.org_id', '=', actor.orgId)
    .where('c.status', '!=', 'closed');
  // Absence cover: "mine" also holds the cases of colleagues the actor stands in for today.
  const standIn = await substitutesFor(tx, actor.userId, localDay(now));
  if (q.scope === 'mine') {
    const covered = standIn.map((a) => a.user_id);
    query = covered.length
      ? query.where((eb) => eb.or([eb('c.assigned_user_id', '=', actor.userId), eb('c.assigned_user_id', 'in', covered)]))
      : query.where('c.assigned_user_id', '=', actor.userId);
  }
  if (q.scope === 'unassigned') query = query.where('c.assigned_user_id', 'is', null);
  if (q.assigneeId) query = query.where('c.assigned_user_id', '=', q.assigneeId);
  if (q.q) {
    const term = q.q.toLowerCase();
    const like = `%${term.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    // Name (spelling-tolerant via trigram similarity), file numbers and address.
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(c.case_number)`, 'like', like),
        eb(sql`lower(cl.court_file_number)`, 'like', like),
        eb(sql`lower(h.street || ' ' || h.house_number || ' ' || h.postal_code || ' ' || h.city)`, 'like', like),
        eb.exists(
          eb
            .selectFrom('case_tenants as ct')
            .innerJoin('persons as p', 'p.id', 'ct.person_id')
            .select(sql`1`.as('one'))
            .whereRef('ct.case_id', '=', 'c.id')
            .where((w) =>
              w.or([
                w(sql`lower(p.first_name || ' ' || p.last_name)`, 'like', like),
                w(sql`word_similarity(${term}, lower(p.first_name || ' ' || p.last_name))`, '>=', sql`0.5`),
              ]),
            ),
        ),
      ]),
    );
  }
  const rows = await query.limit(2000).execute();
  const ids = rows.map((r) => r.id);
  const tenants = ids.length
    ? await tx.db
        .selectFrom('case_tenants as ct')
        .innerJoin('persons as p', 'p.id', 'ct.person_id')
        .select(['ct.case_id', 'p.first_name', 'p.last_name'])
        .where('ct.case_id', 'in', ids)
        .orderBy('p.last_name')
        .execute()
    : [];
  const today = isoDay(now);
  const until = new Map(standIn.map((a) => [a.user_id, String(a.ends_on)]));
  const cover = (assignee: string | null, name: string | null) =>
    assignee && until.has(assignee) ? { id: assignee, name: name ?? '', until: until.get(assignee)! } : null;
  const items = rows.map((r) => {
    const next = r.next_deadline ? (JSON.parse(r.next_deadline) as { kind: string; date: string; estimate: boolean }) : null;
    const children = r.children ?? r.household_children ?? 0;
    const u = urgency({
      today,
      nextDeadline: next,
      children,
      vulnerable: r.vulnerable,
      firstContactDue: String(r.first_contact_due),
      firstContactAttempted: r.first_contact_attempt_at !== null,
    });
    return {
      id: r.id,
      caseNumber: r.case_number,
      status: r.status as QueueItem['status'],
      receivedOn: String(r.received_on),
      assignee: r.assigned_user_id ? { id: r.assigned_user_id, name: r.assignee_name ?? '' } : null,
      locationName: r.location_name,
      address: `${r.street} ${r.house_number}, ${r.postal_code} ${r.city}`,
      tenants: tenants.filter((t) => t.case_id === r.id).map((t) => `${t.first_name} ${t.last_name}`),
      courtFileNumber: r.court_file_number,
      nextDeadline: next,
      daysLeft: u.daysLeft,
      children,
      vulnerable: r.vulnerable,
      overdueFirstContact: u.overdueFirstContact,
      firstContactDue: String(r.first_contact_due),
      urgency: u.score,
      urgencyReasons: u.reasons,
      substituteFor: cover(r.assigned_user_id, r.assignee_name),
    };
  });
  items.sort((a, b) => b.urgency - a.urgency || a.receivedOn.localeCompare(b.receivedOn));
  return items.slice(0, q.limit);
}
