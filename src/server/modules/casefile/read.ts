import type { CaseFile } from '../../../contracts/casefile.js';
import { arrearsInMonths, ageOn, derivedTargetGroups, ethosCategoryOf, householdFacts, rentTotal } from '../../../domain/casework/casefile.js';
import type { Tx } from '../../platform/db/tenant.js';

const day = (d: unknown) => (d ? String(d) : null);

/** The columns of `cases` and `case_legal` the case file is built from (selected by caseSummary). */
export interface CaseFileRow {
  household_id: string;
  target_groups: string[];
  living_situation: string | null;
  living_situation_since: unknown;
  income_sources: string[];
  income_note: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  contact_address: string | null;
  contact_times: string | null;
  preferred_language: string | null;
  interpreter_needed: boolean;
  landlord: unknown;
  monthly_rent: number | null;
  arrears: number | null;
  base_rent: number | null;
  service_charges: number | null;
  heating_costs: number | null;
  tenancy_start: unknown;
  floor_area: number | null;
}

export async function householdMembers(tx: Tx, caseId: string, householdId: string) {
  return tx.db
    .selectFrom('household_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .leftJoin('case_tenants as ct', (j) => j.onRef('ct.person_id', '=', 'm.person_id').on('ct.case_id', '=', caseId))
    .select(['p.id', 'p.first_name', 'p.last_name', 'p.birth_date', 'p.sex', 'p.nationality', 'm.role', 'ct.person_id as tenant_of_case'])
    .where('m.household_id', '=', householdId)
    .orderBy('m.position')
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
}

/**
 * The household case file of one case (never the sensitive part): members with their ages and
 * the facts derived from them, situation, tenancy with arrears history, contact, handovers.
 */
export async function caseFileOf(tx: Tx, caseId: string, c: CaseFileRow, today: string): Promise<CaseFile> {
  const members = await householdMembers(tx, caseId, c.household_id);
  const arrears = await tx.db
    .selectFrom('case_arrears')
    .select(['id', 'recorded_on', 'amount', 'months', 'note'])
    .where('case_id', '=', caseId)
    .orderBy('recorded_on')
    .orderBy('created_at')
    .execute();
  const handovers = await tx.db
    .selectFrom('case_handovers as h')
    .leftJoin('users as f', 'f.id', 'h.from_user_id')
    .innerJoin('users as t', 't.id', 'h.to_user_id')
    .innerJoin('users as b', 'b.id', 'h.created_by')
    .select(['h.id', 'h.created_at', 'h.note', 'h.from_user_id', 'f.display_name as from_name', 'h.to_user_id', 't.display_name as to_name', 'h.created_by', 'b.display_name as by_name'])
    .where('h.case_id', '=', caseId)
    .orderBy('h.created_at', 'desc')
    .execute();

  const facts = householdFacts(
    members.map((m) => ({ relation: m.role as CaseFile['members'][number]['relation'], birthDate: day(m.birth_date) })),
    today,
  );
  const split = { baseRent: c.base_rent, serviceCharges: c.service_charges, heatingCosts: c.heating_costs };
  const totalRent = rentTotal(split, c.monthly_rent);
  const category = c.living_situation ? ethosCategoryOf(c.living_situation) : null;
  return {
    members: members.map((m) => ({
      personId: m.id,
      firstName: m.first_name,
      lastName: m.last_name,
      birthDate: day(m.birth_date),
      age: ageOn(day(m.birth_date), today),
      relation: m.role as CaseFile['members'][number]['relation'],
      isCaseTenant: m.tenant_of_case !== null,
      sex: m.sex,
      nationality: m.nationality,
    })),
    facts: { size: facts.size, children: facts.children, adults: facts.adults, ageUnknown: facts.ageUnknown },
    targetGroups: c.target_groups as CaseFile['targetGroups'],
    derivedTargetGroups: derivedTargetGroups(facts),
    livingSituation:
      c.living_situation && category
        ? { category, situation: c.living_situation as never, since: day(c.living_situation_since) }
        : null,
    incomeSources: c.income_sources as CaseFile['incomeSources'],
    incomeNote: c.income_note,
    tenancy: {
      landlord: (c.landlord as CaseFile['tenancy']['landlord']) ?? null,
      ...split,
      totalRent,
      tenancyStart: day(c.tenancy_start),
      floorArea: c.floor_area,
    },
    arrears: {
      current: c.arrears,
      months: arrearsInMonths(c.arrears, totalRent),
      entries: arrears.map((a) => ({ id: a.id, recordedOn: String(a.recorded_on), amount: a.amount, months: a.months, note: a.note })),
    },
    contact: {
      phone: c.contact_phone,
      email: c.contact_email,
      postalAddress: c.contact_address,
      bestTimes: c.contact_times,
      preferredLanguage: c.preferred_language,
      interpreterNeeded: c.interpreter_needed,
    },
    handovers: handovers.map((h) => ({
      id: h.id,
      at: new Date(h.created_at).toISOString(),
      from: h.from_user_id ? { id: h.from_user_id, name: h.from_name ?? '' } : null,
      to: { id: h.to_user_id, name: h.to_name },
      by: { id: h.created_by, name: h.by_name },
      note: h.note,
    })),
  };
}
