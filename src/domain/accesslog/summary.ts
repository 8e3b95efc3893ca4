import {
  ACCESS_ACTIVITIES,
  ACCESS_KINDS,
  type AccessLogActivity,
  type AccessLogActor,
  type AccessLogDisclosure,
  type AccessLogOrganisation,
} from '../../contracts/accesslog.js';
import { utcOffsetMinutes } from '../casework/appointments.js';
import { CASEWORK_TIME_ZONE } from '../casework/calendar-day.js';
import type { IsoDate } from '../deadlines/iso-date.js';
import { classifyAction } from './activities.js';

/** One audit entry about the client's data, as case_access_log() (migrations/014) returns it. */
export interface AccessEntry {
  id: number;
  at: Date;
  orgId: string | null;
  orgName: string | null;
  orgKind: string | null;
  userId: string | null;
  /** The account's display name (null: no account, e.g. a partner system's key). */
  userName: string | null;
  /** What the entry recorded as its actor (an e-mail address, `api-key:<name>`, 'system'). */
  label: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  /** Only for passing data on ('disclosure.create', 'rent_debt.submit'): the recipient. */
  details: Record<string, unknown> | null;
}

export interface AccessSummary {
  total: number;
  organisations: AccessLogOrganisation[];
  disclosures: AccessLogDisclosure[];
}

export interface SummaryContext {
  /** The organisation holding the case: listed first, marked as "own". */
  ownOrgId: string;
  /** Names of organisations the entries name as recipients (rent-debt applications name only the id). */
  orgNames: ReadonlyMap<string, string>;
  /** The current state of each disclosure of the case, where known. */
  disclosureStatus: ReadonlyMap<string, string>;
}

const API_KEY_LABEL = 'api-key:';

interface Span {
  count: number;
  firstAt: Date;
  lastAt: Date;
}

const newSpan = (at: Date): Span => ({ count: 0, firstAt: at, lastAt: at });
function extend(span: Span, at: Date) {
  span.count++;
  if (at < span.firstAt) span.firstAt = at;
  if (at > span.lastAt) span.lastAt = at;
}
const spanOut = (s: Span) => ({ count: s.count, firstAt: s.firstAt.toISOString(), lastAt: s.lastAt.toISOString() });

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
const texts = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Who acted: an account, a partner system's API key, or Bleibe itself. */
export function actorOf(e: Pick<AccessEntry, 'userId' | 'userName' | 'label'>): Pick<AccessLogActor, 'kind' | 'userId' | 'name'> {
  if (e.userId) return { kind: 'user', userId: e.userId, name: e.userName ?? e.label ?? '' };
  if (e.label?.startsWith(API_KEY_LABEL)) return { kind: 'api_key', userId: null, name: e.label.slice(API_KEY_LABEL.length) };
  return { kind: 'system', userId: null, name: e.label ?? '' };
}

/** To whom an entry passed the data on, if it did. */
function recipientOf(e: AccessEntry, orgNames: ReadonlyMap<string, string>): { orgId: string | null; name: string } | null {
  if (!e.details) return null;
  if (e.action === 'disclosure.create') {
    const orgId = text(e.details.recipientOrgId);
    return { orgId, name: text(e.details.recipientName) ?? (orgId ? (orgNames.get(orgId) ?? '') : '') };
  }
  if (e.action === 'rent_debt.submit') {
    const orgId = text(e.details.decidingOrgId);
    return orgId ? { orgId, name: orgNames.get(orgId) ?? '' } : null;
  }
  return null;
}

const kindOrder = (k: string) => ACCESS_KINDS.indexOf(k as (typeof ACCESS_KINDS)[number]);
const activityOrder = (a: string) => ACCESS_ACTIVITIES.indexOf(a as (typeof ACCESS_ACTIVITIES)[number]);
const byFirst = <T extends { span: Span; key: string }>(a: T, b: T) => a.span.firstAt.getTime() - b.span.firstAt.getTime() || a.key.localeCompare(b.key);

interface ActivityAcc {
  key: string;
  rule: ReturnType<typeof classifyAction>;
  actions: Set<string>;
  recipients: Set<string>;
  span: Span;
}
interface ActorAcc {
  key: string;
  actor: ReturnType<typeof actorOf>;
  span: Span;
  activities: Map<string, ActivityAcc>;
}
interface OrgAcc {
  key: string;
  orgId: string | null;
  name: string | null;
  kind: string | null;
  span: Span;
  actors: Map<string, ActorAcc>;
}

/**
 * The access log of a client, grouped by organisation and then by who acted, with the first and
 * last time and how often, and what they did in the client's words. The holding organisation
 * comes first, the others in the order they first touched the data; within an organisation, its
 * people in the same order; activities by kind (read, list, change, transmit, receive).
 */
export function summariseAccess(entries: readonly AccessEntry[], ctx: SummaryContext): AccessSummary {
  const orgs = new Map<string, OrgAcc>();
  for (const e of entries) {
    const orgKey = e.orgId ?? '';
    let org = orgs.get(orgKey);
    if (!org) orgs.set(orgKey, (org = { key: orgKey, orgId: e.orgId, name: e.orgName, kind: e.orgKind, span: newSpan(e.at), actors: new Map() }));
    extend(org.span, e.at);

    const actor = actorOf(e);
    const actorKey = actor.userId ?? `${actor.kind}:${actor.name}`;
    let acc = org.actors.get(actorKey);
    if (!acc) org.actors.set(actorKey, (acc = { key: actorKey, actor, span: newSpan(e.at), activities: new Map() }));
    extend(acc.span, e.at);

    const rule = classifyAction(e.action, e.entityType);
    let activity = acc.activities.get(rule.activity);
    if (!activity) acc.activities.set(rule.activity, (activity = { key: rule.activity, rule, actions: new Set(), recipients: new Set(), span: newSpan(e.at) }));
    extend(activity.span, e.at);
    activity.actions.add(e.action);
    const recipient = recipientOf(e, ctx.orgNames);
    if (recipient?.name) activity.recipients.add(recipient.name);
  }

  const organisations = [...orgs.values()]
    .sort((a, b) => Number(b.orgId === ctx.ownOrgId) - Number(a.orgId === ctx.ownOrgId) || byFirst(a, b))
    .map(
      (o): AccessLogOrganisation => ({
        orgId: o.orgId,
        name: o.name,
        kind: o.kind,
        own: o.orgId === ctx.ownOrgId,
        ...spanOut(o.span),
        actors: [...o.actors.values()].sort(byFirst).map(
          (a): AccessLogActor => ({
            ...a.actor,
            ...spanOut(a.span),
            activities: [...a.activities.values()]
              .sort((x, y) => kindOrder(x.rule.kind) - kindOrder(y.rule.kind) || activityOrder(x.key) - activityOrder(y.key))
              .map(
                (x): AccessLogActivity => ({
                  activity: x.rule.activity,
                  kind: x.rule.kind,
                  actions: [...x.actions].sort(),
                  recipients: [...x.recipients].sort((p, q) => p.localeCompare(q)),
                  ...spanOut(x.span),
                }),
              ),
          }),
        ),
      }),
    );
  return { total: entries.length, organisations, disclosures: disclosuresOf(entries, ctx) };
}

/**
 * Every flow of the client's data to another party, oldest first: shares, referrals, transfers
 * and status reports, and rent-debt applications submitted to a deciding organisation — with what
 * the recipient did with it in Bleibe (read it, answered, decided).
 */
export function disclosuresOf(entries: readonly AccessEntry[], ctx: SummaryContext): AccessLogDisclosure[] {
  const out: AccessLogDisclosure[] = [];
  for (const e of entries) {
    const recipient = recipientOf(e, ctx.orgNames);
    if (!recipient || !e.details) continue;
    const disclosure = e.action === 'disclosure.create';
    const id = disclosure ? text(e.details.disclosureId) : null;
    const kind = disclosure ? (text(e.details.kind) ?? 'share') : 'rent_debt_application';
    // What the recipient organisation did with it, after it was sent.
    const received = entries.filter(
      (r) =>
        r.at >= e.at &&
        r.orgId !== null &&
        r.orgId === recipient.orgId &&
        r.orgId !== e.orgId &&
        (disclosure
          ? (r.entityType === 'disclosure' && r.entityId === id) || (kind === 'transfer' && r.action === 'case.transfer_received')
          : r.action.startsWith('rent_debt.') && r.action !== 'rent_debt.submit'),
    );
    let span: Span | null = null;
    for (const r of received) extend((span ??= newSpan(r.at)), r.at);
    out.push({
      id,
      kind,
      at: e.at.toISOString(),
      fromOrgId: e.orgId,
      fromOrgName: e.orgName,
      by: actorOf(e).name,
      recipientOrgId: recipient.orgId,
      recipientName: recipient.name,
      categories: texts(e.details.categories),
      status: id ? (ctx.disclosureStatus.get(id) ?? null) : null,
      received: span ? spanOut(span) : null,
    });
  }
  return out;
}

export type PeriodProblem = 'from_after_to';

/**
 * The instants a period of Berlin calendar days covers: from the start of `from` (inclusive) to
 * the start of the day after `to` (exclusive); null for an open end. Midnight never falls into a
 * clock change in Germany (it happens at 2 and 3 o'clock), so the offset of the evening before
 * is midnight's.
 */
export function accessPeriod(from: IsoDate | null | undefined, to: IsoDate | null | undefined, timeZone = CASEWORK_TIME_ZONE): { from: Date | null; to: Date | null; problem: PeriodProblem | null } {
  if (from && to && from > to) return { from: null, to: null, problem: 'from_after_to' };
  // Plain arithmetic on UTC midnights: the deadline calendar's date helpers stop at 1900, the
  // query accepts any year from 1000.
  const startOf = (wall: number) => new Date(wall - utcOffsetMinutes(new Date(wall - 12 * 3_600_000), timeZone) * 60_000);
  const midnight = (day: IsoDate) => Date.parse(`${day}T00:00:00Z`);
  return { from: from ? startOf(midnight(from)) : null, to: to ? startOf(midnight(to) + 86_400_000) : null, problem: null };
}
