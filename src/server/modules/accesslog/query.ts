import { sql } from 'kysely';
import { summariseAccess, type AccessEntry, type AccessSummary } from '../../../domain/accesslog/summary.js';
import type { Tx } from '../../platform/db/tenant.js';

interface LogRow {
  entry_id: number | string;
  entry_at: Date | string;
  org_id: string | null;
  org_name: string | null;
  org_kind: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_label: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  details: Record<string, unknown> | string | null;
}

const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * The audit entries about the household of a case, of every organisation (case_access_log(),
 * migrations/014_access_log.sql: it checks that the case is the caller's organisation's), grouped
 * for the client. `from` inclusive, `to` exclusive, null for an open end.
 */
export async function caseAccessLog(tx: Tx, c: { id: string; org_id: string }, period: { from: Date | null; to: Date | null }): Promise<AccessSummary> {
  const rows = (
    await sql<LogRow>`select * from case_access_log(${c.id}::uuid, ${period.from}::timestamptz, ${period.to}::timestamptz)`.execute(tx.db)
  ).rows;
  const entries: AccessEntry[] = rows.map((r) => ({
    id: Number(r.entry_id),
    at: new Date(r.entry_at),
    orgId: r.org_id,
    orgName: r.org_name,
    orgKind: r.org_kind,
    userId: r.actor_user_id,
    userName: r.actor_name,
    label: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
  }));

  // Recipients named only by id (a rent-debt application's deciding organisation), and the
  // current state of the case's disclosures (the sender reads its own).
  const orgIds = new Set<string>();
  const disclosureIds = new Set<string>();
  for (const e of entries) {
    for (const key of ['recipientOrgId', 'decidingOrgId']) {
      const v = e.details?.[key];
      if (isUuid(v)) orgIds.add(v.toLowerCase());
    }
    const d = e.details?.disclosureId;
    if (isUuid(d)) disclosureIds.add(d.toLowerCase());
  }
  const [orgs, disclosures] = await Promise.all([
    orgIds.size ? tx.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', [...orgIds]).execute() : [],
    disclosureIds.size
      ? tx.db.selectFrom('disclosures').select(['id', 'status']).where('id', 'in', [...disclosureIds]).execute()
      : [],
  ]);
  return summariseAccess(entries, {
    ownOrgId: c.org_id,
    orgNames: new Map(orgs.map((o) => [o.id, o.name])),
    disclosureStatus: new Map(disclosures.map((d) => [d.id, d.status])),
  });
}
