import { sql } from 'kysely';
import { Dashboard, URGENCY_BANDS } from '../../../contracts/reports.js';
import { addDays, mondayOf } from '../../../domain/casework/appointments.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { urgencyBand } from '../../../domain/reports/dashboard.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { route, signedIn } from '../../platform/http/route.js';
import { workQueue } from '../cases/queue.js';
import { householdNames } from '../housing/store.js';

/*
 * The start page's figures (issue 7 item 1). The open cases, their urgency and overdue first
 * contacts come from the work queue (modules/cases/queue.ts with domain/urgency), so the
 * dashboard and the queue never disagree; deadlines from case_deadlines. "Mine" is the queue's
 * "mine": the own cases and those of absent colleagues the user stands in for.
 */

/** Deadlines shown this many days ahead. */
const DEADLINE_DAYS = 14;
/** The queue reads at most this many open cases (its own cap). */
const QUEUE_CAP = 2000;

export async function dashboard(tx: Tx, actor: Actor, now: Date): Promise<Dashboard> {
  const today = localDay(now);
  const mine = await workQueue(tx, actor, { scope: 'mine', limit: QUEUE_CAP }, now);

  const bands = new Map<(typeof URGENCY_BANDS)[number], number>(URGENCY_BANDS.map((b) => [b, 0]));
  for (const c of mine) bands.set(urgencyBand(c.daysLeft), (bands.get(urgencyBand(c.daysLeft)) ?? 0) + 1);

  const notices = await tx.db
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', actor.orgId)
    .where('received_on', '>=', mondayOf(today))
    .where('received_on', '<=', today)
    .executeTakeFirstOrThrow();

  const ids = mine.map((c) => c.id);
  const deadlines = ids.length
    ? await tx.db
        .selectFrom('case_deadlines as d')
        .innerJoin('cases as c', 'c.id', 'd.case_id')
        .select(['d.case_id', 'c.case_number', 'd.kind', 'd.date', 'd.estimate'])
        .where('d.org_id', '=', actor.orgId)
        .where('d.case_id', 'in', ids)
        .where('d.date', '>=', today)
        .where('d.date', '<=', addDays(today, DEADLINE_DAYS))
        .orderBy('d.date')
        .orderBy('c.case_number')
        .orderBy('d.kind')
        .limit(200)
        .execute()
    : [];
  const names = await householdNames(tx, [...new Set(deadlines.map((d) => d.case_id))]);

  const tasks = await tx.db
    .selectFrom('tasks')
    .select([
      (eb) => eb.fn.countAll<string>().as('open'),
      sql<string>`count(*) filter (where due_on = ${today}::date)`.as('due_today'),
      sql<string>`count(*) filter (where due_on < ${today}::date)`.as('overdue'),
    ])
    .where('org_id', '=', actor.orgId)
    .where('assignee_id', '=', actor.userId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();

  return {
    newNoticesThisWeek: Number(notices.n),
    openCasesByUrgency: URGENCY_BANDS.map((band) => ({ band, count: bands.get(band) ?? 0 })),
    deadlinesNext14Days: deadlines.map((d) => ({
      caseId: d.case_id,
      caseNumber: d.case_number,
      householdName: names.get(d.case_id) ?? '',
      kind: d.kind,
      date: String(d.date),
      estimate: d.estimate,
    })),
    overdueFirstContacts: mine.filter((c) => c.overdueFirstContact).length,
    myTasks: { open: Number(tasks.open), dueToday: Number(tasks.due_today), overdue: Number(tasks.overdue) },
    team: actor.permissions.has('cases.assign') ? await teamLoad(tx, actor, now) : null,
  };
}

/** Per caseworker of the organisation: open cases, overdue first contacts (the queue's rule), open tasks. */
async function teamLoad(tx: Tx, actor: Actor, now: Date): Promise<NonNullable<Dashboard['team']>> {
  const members = await tx.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('org_id', '=', actor.orgId)
    .where('active', '=', true)
    .where(sql<boolean>`roles && array['caseworker', 'team_lead']::text[]`)
    .orderBy('display_name')
    .execute();
  const team = await workQueue(tx, actor, { scope: 'team', limit: QUEUE_CAP }, now);
  const tasks = await tx.db
    .selectFrom('tasks')
    .select(['assignee_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('org_id', '=', actor.orgId)
    .where('status', '=', 'open')
    .groupBy('assignee_id')
    .execute();
  const openTasks = new Map(tasks.map((t) => [t.assignee_id, Number(t.n)]));
  return members.map((m) => {
    const own = team.filter((c) => c.assignee?.id === m.id);
    return {
      userId: m.id,
      name: m.display_name,
      openCases: own.length,
      overdueFirstContacts: own.filter((c) => c.overdueFirstContact).length,
      openTasks: openTasks.get(m.id) ?? 0,
    };
  });
}

export const dashboardRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/reports/dashboard',
    access: 'cases.read',
    summary:
      "The start page's figures for the signed-in user: new notices of the organisation this week (Monday to today), the user's open cases by urgency band, " +
      'their deadlines in the next 14 days, overdue first contacts, own tasks (open, due today, overdue); for team leads (cases.assign) the load per caseworker',
    tags: ['reports'],
    response: Dashboard,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const d = await dashboard(tx, actor, ctx.services.now());
        // It names households (the deadline list): audited like the work queue.
        tx.audit({ action: 'report.dashboard', entityType: 'case', details: { ids: [...new Set(d.deadlinesNext14Days.map((x) => x.caseId))] } });
        return d;
      });
    },
  }),
];
