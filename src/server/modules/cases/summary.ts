import type { Tx } from '../../platform/db/tenant.js';
import { caseFileOf } from '../casefile/read.js';

const day = (d: unknown) => (d ? String(d) : null);

/**
 * A case as the case page shows it: household, tenants, legal facts, deadlines, notices and the
 * household case file (never its sensitive part, which has a route and a permission of its own).
 */
export async function caseSummary(tx: Tx, caseId: string, today: string) {
  const c = await tx.db
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .leftJoin('users as u', 'u.id', 'c.assigned_user_id')
    .leftJoin('locations as l', 'l.id', 'c.location_id')
    .leftJoin('case_legal as cl', 'cl.case_id', 'c.id')
    .select([
      'c.id', 'c.case_number', 'c.status', 'c.version', 'c.received_on', 'c.first_contact_due', 'c.assigned_user_id',
      'u.display_name as assignee_name', 'c.location_id', 'l.name as location_name', 'c.routing_note',
      'h.id as household_id', 'h.street', 'h.house_number', 'h.postal_code', 'h.city', 'h.size', 'h.children',
      'cl.landlord', 'cl.monthly_rent', 'cl.arrears', 'cl.termination_type', 'cl.termination_received_on',
      'cl.court_name', 'cl.court_file_number', 'cl.suit_filed_on', 'cl.hearing_on', 'cl.judgment_on', 'cl.judgment_final_on',
      'cl.raeumungsfrist_end', 'cl.eviction_on', 'cl.earlier_cured_terminations',
      'cl.base_rent', 'cl.service_charges', 'cl.heating_costs', 'cl.tenancy_start', 'cl.floor_area',
      'c.target_groups', 'c.living_situation', 'c.living_situation_since', 'c.income_sources', 'c.income_note',
      'c.contact_phone', 'c.contact_email', 'c.contact_address', 'c.contact_times', 'c.preferred_language', 'c.interpreter_needed',
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const tenants = await tx.db
    .selectFrom('case_tenants as ct')
    .innerJoin('persons as p', 'p.id', 'ct.person_id')
    .select(['p.id', 'p.first_name', 'p.last_name', 'p.birth_date', 'ct.served_on'])
    .where('ct.case_id', '=', caseId)
    .orderBy('p.last_name')
    .execute();
  const deadlines = await tx.db.selectFrom('case_deadlines').selectAll().where('case_id', '=', caseId).orderBy('date').execute();
  const notices = await tx.db
    .selectFrom('notices as n')
    .innerJoin('organisations as o', 'o.id', 'n.source_org_id')
    .select(['n.id', 'n.kind', 'n.channel', 'n.received_on', 'o.name as source_name', 'n.household_match'])
    .where('n.case_id', '=', caseId)
    .orderBy('n.created_at')
    .execute();
  return {
    id: c.id,
    caseNumber: c.case_number,
    status: c.status as 'new',
    version: c.version,
    receivedOn: String(c.received_on),
    firstContactDue: String(c.first_contact_due),
    assignee: c.assigned_user_id ? { id: c.assigned_user_id, name: c.assignee_name ?? '' } : null,
    location: c.location_id ? { id: c.location_id, name: c.location_name ?? '' } : null,
    routingNote: c.routing_note,
    household: {
      id: c.household_id,
      address: { street: c.street, houseNumber: c.house_number, postalCode: c.postal_code, city: c.city },
      size: c.size,
      children: c.children,
    },
    tenants: tenants.map((t) => ({ personId: t.id, firstName: t.first_name, lastName: t.last_name, birthDate: day(t.birth_date), servedOn: day(t.served_on) })),
    legal: {
      landlord: (c.landlord as { name: string } | null) ?? null,
      monthlyRent: c.monthly_rent,
      arrears: c.arrears,
      terminationType: c.termination_type,
      terminationReceivedOn: day(c.termination_received_on),
      courtName: c.court_name,
      courtFileNumber: c.court_file_number,
      suitFiledOn: day(c.suit_filed_on),
      hearingOn: day(c.hearing_on),
      judgmentOn: day(c.judgment_on),
      judgmentFinalOn: day(c.judgment_final_on),
      raeumungsfristEnd: day(c.raeumungsfrist_end),
      evictionOn: day(c.eviction_on),
      earlierCuredTerminations: (c.earlier_cured_terminations ?? []).map(String),
    },
    file: await caseFileOf(
      tx,
      caseId,
      {
        ...c,
        // A case without a legal row yet (left join): no tenancy facts.
        target_groups: c.target_groups ?? [],
        income_sources: c.income_sources ?? [],
        landlord: c.landlord ?? null,
        monthly_rent: c.monthly_rent ?? null,
        arrears: c.arrears ?? null,
        base_rent: c.base_rent ?? null,
        service_charges: c.service_charges ?? null,
        heating_costs: c.heating_costs ?? null,
        floor_area: c.floor_area ?? null,
      },
      today,
    ),
    deadlines: deadlines.map((d) => ({
      kind: d.kind,
      date: String(d.date),
      rawDate: day(d.raw_date),
      actBy: day(d.act_by),
      estimate: d.estimate,
      basis: d.basis,
      shifts: d.shifts as { date: string; reason: string }[],
      warnings: d.warnings as string[],
    })),
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind as 'other',
      channel: n.channel,
      receivedOn: String(n.received_on),
      sourceOrgName: n.source_name,
      householdMatch: n.household_match as 'new',
    })),
  };
}

