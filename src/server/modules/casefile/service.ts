import { sql } from 'kysely';
import type { z } from 'zod';
import type { ArrearsInput, CaseFilePatch, HandoverInput, MembersInput, SensitiveData, SensitiveInput } from '../../../contracts/casefile.js';
import {
  checkArrears,
  checkIncomeSources,
  checkLegalTimeline,
  checkLivingSituation,
  checkMembers,
  currentArrears,
  householdFacts,
  isVulnerable,
  mayHandOver,
  rentTotal,
  type FileProblem,
} from '../../../domain/casework/casefile.js';
import { blockingKeys } from '../../../domain/matching/index.js';
import { can, type Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { AppError, invalidInput, versionConflict } from '../../platform/http/errors.js';
import { recomputeDeadlines } from '../intake/pipeline.js';
import { loadCaseForActor } from '../cases/access.js';
import { householdMembers } from './read.js';
import { substitutesFor } from './absences.js';
import { colleague } from './colleagues.js';

type Patch = z.output<typeof CaseFilePatch>;

function refuse(problems: FileProblem[]) {
  if (problems.length) throw invalidInput(problems);
}

/**
 * The optimistic lock of the case file: the case's version moves on with every edit, and an edit
 * made on an older version changes nothing (409). The update also takes the row lock, so two
 * concurrent edits run one after the other and the second sees the first's version.
 */
async function bumpVersion(tx: Tx, caseId: string, version: number, set: Record<string, unknown> = {}) {
  const updated = await tx.db
    .updateTable('cases')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', caseId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw versionConflict();
}

/** Field names present in a group of the patch (for the audit entry: which fields, never values). */
const named = (group: object | undefined) => (group ? Object.keys(group) : []);

/**
 * A partial edit of the case file: situation, tenancy, legal timeline, contact. Checks the rules
 * of domain/casework, writes, and recomputes the deadlines when a legal fact or a service date
 * changed.
 */
export async function patchCaseFile(tx: Tx, actor: Actor, caseId: string, p: Patch) {
  const c = await loadCaseForActor(tx, actor, caseId);
  const legalRow = await tx.db.selectFrom('case_legal').selectAll().where('case_id', '=', c.id).executeTakeFirst();

  // ---- checks (all of them before anything is written) ----
  const problems: FileProblem[] = [];
  if (p.situation?.livingSituation) problems.push(...checkLivingSituation(p.situation.livingSituation));
  if (p.situation?.incomeSources) problems.push(...checkIncomeSources(p.situation.incomeSources));
  if (p.legal) {
    const str = (d: unknown) => (d ? String(d) : null);
    const stored = {
      suitFiledOn: str(legalRow?.suit_filed_on),
      hearingOn: str(legalRow?.hearing_on),
      judgmentOn: str(legalRow?.judgment_on),
      judgmentFinalOn: str(legalRow?.judgment_final_on),
      raeumungsfristEnd: str(legalRow?.raeumungsfrist_end),
      evictionOn: str(legalRow?.eviction_on),
    };
    problems.push(...checkLegalTimeline({ ...stored, ...p.legal }));
  }
  let tenants: Set<string> | null = null;
  if (p.legal?.service) {
    tenants = new Set((await tx.db.selectFrom('case_tenants').select('person_id').where('case_id', '=', c.id).execute()).map((t) => t.person_id));
    p.legal.service.forEach((s, i) => {
      if (!tenants!.has(s.personId.toLowerCase())) problems.push({ path: `legal.service.${i}.personId`, key: 'casefile.not_a_case_tenant' });
    });
  }
  refuse(problems);

  // ---- the case row (and the version) ----
  const caseSet: Record<string, unknown> = {};
  const s = p.situation;
  if (s?.targetGroups) {
    caseSet.target_groups = [...new Set(s.targetGroups)];
    caseSet.vulnerable = isVulnerable(s.targetGroups);
  }
  if (s?.livingSituation !== undefined) {
    caseSet.living_situation = s.livingSituation?.situation ?? null;
    caseSet.living_situation_since = s.livingSituation?.since ?? null;
  }
  if (s?.incomeSources) caseSet.income_sources = s.incomeSources;
  if (s?.incomeNote !== undefined) caseSet.income_note = s.incomeNote || null;
  const k = p.contact;
  if (k?.phone !== undefined) caseSet.contact_phone = k.phone || null;
  if (k?.email !== undefined) caseSet.contact_email = k.email || null;
  if (k?.postalAddress !== undefined) caseSet.contact_address = k.postalAddress || null;
  if (k?.bestTimes !== undefined) caseSet.contact_times = k.bestTimes || null;
  if (k?.preferredLanguage !== undefined) caseSet.preferred_language = k.preferredLanguage;
  if (k?.interpreterNeeded !== undefined) caseSet.interpreter_needed = k.interpreterNeeded;
  await bumpVersion(tx, c.id, p.version, caseSet);

  // ---- tenancy and legal facts (one row per case) ----
  const legalSet: Record<string, unknown> = {};
  const t = p.tenancy;
  if (t) {
    if (t.landlord !== undefined) legalSet.landlord = t.landlord ? JSON.stringify(t.landlord) : null;
    if (t.baseRent !== undefined) legalSet.base_rent = t.baseRent;
    if (t.serviceCharges !== undefined) legalSet.service_charges = t.serviceCharges;
    if (t.heatingCosts !== undefined) legalSet.heating_costs = t.heatingCosts;
    if (t.tenancyStart !== undefined) legalSet.tenancy_start = t.tenancyStart;
    if (t.floorArea !== undefined) legalSet.floor_area = t.floorArea;
    if (t.monthlyRent !== undefined) legalSet.monthly_rent = t.monthlyRent;
    // With the whole split known, the total is its sum, whatever was reported before.
    const pick = <K extends 'base_rent' | 'service_charges' | 'heating_costs'>(col: K) =>
      (col in legalSet ? legalSet[col] : (legalRow?.[col] ?? null)) as number | null;
    const total = rentTotal({ baseRent: pick('base_rent'), serviceCharges: pick('service_charges'), heatingCosts: pick('heating_costs') }, null);
    if (total !== null) legalSet.monthly_rent = total;
  }
  const l = p.legal;
  if (l) {
    const cols = {
      terminationType: 'termination_type',
      terminationReceivedOn: 'termination_received_on',
      courtName: 'court_name',
      courtFileNumber: 'court_file_number',
      suitFiledOn: 'suit_filed_on',
      hearingOn: 'hearing_on',
      judgmentOn: 'judgment_on',
      judgmentFinalOn: 'judgment_final_on',
      raeumungsfristEnd: 'raeumungsfrist_end',
      evictionOn: 'eviction_on',
    } as const;
    for (const [field, col] of Object.entries(cols)) {
      const v = l[field as keyof typeof cols];
      if (v !== undefined) legalSet[col] = v === '' ? null : v;
    }
    if (l.earlierCuredTerminations) legalSet.earlier_cured_terminations = [...new Set(l.earlierCuredTerminations)].sort();
  }
  if (Object.keys(legalSet).length) {
    await tx.db
      .insertInto('case_legal')
      .values({ case_id: c.id, org_id: c.org_id, ...legalSet } as never)
      .onConflict((oc) => oc.column('case_id').doUpdateSet({ ...legalSet, version: sql`case_legal.version + 1` } as never))
      .execute();
  }
  for (const sv of l?.service ?? []) {
    await tx.db.updateTable('case_tenants').set({ served_on: sv.servedOn }).where('case_id', '=', c.id).where('person_id', '=', sv.personId.toLowerCase()).execute();
  }
  if (l) await recomputeDeadlines(tx, c.id);

  tx.audit({
    action: 'case.file.update',
    entityType: 'case',
    entityId: c.id,
    details: { situation: named(p.situation), tenancy: named(p.tenancy), legal: named(p.legal), contact: named(p.contact) },
  });
}

/** Keeps a person findable by the intake matching after their name or birth date changed. */
async function refreshMatchKeys(tx: Tx, orgId: string, personId: string, record: Parameters<typeof blockingKeys>[0]) {
  await tx.db.deleteFrom('person_match_keys').where('person_id', '=', personId).execute();
  const keys = [...new Set(blockingKeys(record))];
  if (keys.length) await tx.db.insertInto('person_match_keys').values(keys.map((key) => ({ org_id: orgId, key, person_id: personId }))).execute();
}

/**
 * The household's members as a whole list. Members with a personId must already belong to the
 * household; the case's tenants (defendants with service dates) cannot be left out. The counts
 * of the household (size, children) follow from the list, so the work queue weighs them.
 */
export async function replaceMembers(tx: Tx, actor: Actor, caseId: string, input: z.output<typeof MembersInput>, today: string) {
  const c = await loadCaseForActor(tx, actor, caseId);
  const hh = await tx.db
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .select(['h.id', 'h.street', 'h.house_number', 'h.postal_code', 'h.city'])
    .where('c.id', '=', c.id)
    .executeTakeFirstOrThrow();
  const current = await householdMembers(tx, c.id, hh.id);
  const currentIds = new Set(current.map((m) => m.id));
  const members = input.members.map((m) => ({ ...m, personId: m.personId?.toLowerCase() }));

  const problems: FileProblem[] = checkMembers(members, today);
  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (!m.personId) return;
    if (!currentIds.has(m.personId) || seen.has(m.personId)) problems.push({ path: `members.${i}.personId`, key: 'casefile.not_a_member' });
    seen.add(m.personId);
  });
  const leaving = current.filter((m) => !seen.has(m.id));
  for (const m of leaving.filter((x) => x.tenant_of_case !== null)) {
    problems.push({ path: 'members', key: 'casefile.tenant_cannot_leave', params: { name: `${m.first_name} ${m.last_name}` } });
  }
  refuse(problems);

  const facts = householdFacts(members, today);
  await bumpVersion(tx, c.id, input.version, { children: facts.children });

  const byId = new Map(current.map((m) => [m.id, m]));
  const address = { street: hh.street, houseNumber: hh.house_number, postalCode: hh.postal_code, city: hh.city };
  let added = 0;
  let changed = 0;
  for (const [position, m] of members.entries()) {
    const record = { firstName: m.firstName, lastName: m.lastName, birthDate: m.birthDate, ...address };
    if (m.personId) {
      const before = byId.get(m.personId)!;
      const personChanged = before.first_name !== m.firstName || before.last_name !== m.lastName || (before.birth_date ? String(before.birth_date) : null) !== m.birthDate;
      // Sex and nationality (official statistics): absent leaves them as they are.
      const sex = m.sex === undefined ? before.sex : m.sex;
      const nationality = m.nationality === undefined ? before.nationality : m.nationality;
      const statsChanged = sex !== before.sex || nationality !== before.nationality;
      if (personChanged || statsChanged) {
        await tx.db
          .updateTable('persons')
          .set({ first_name: m.firstName, last_name: m.lastName, birth_date: m.birthDate, sex, nationality, version: sql`version + 1`, updated_at: sql`now()` })
          .where('id', '=', m.personId)
          .execute();
      }
      if (personChanged) await refreshMatchKeys(tx, c.org_id, m.personId, record);
      if (personChanged || statsChanged || before.role !== m.relation) changed++;
      await tx.db.updateTable('household_members').set({ role: m.relation, position }).where('household_id', '=', hh.id).where('person_id', '=', m.personId).execute();
    } else {
      const person = await tx.db
        .insertInto('persons')
        .values({ org_id: c.org_id, first_name: m.firstName, last_name: m.lastName, birth_date: m.birthDate, sex: m.sex ?? null, nationality: m.nationality ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await refreshMatchKeys(tx, c.org_id, person.id, record);
      await tx.db.insertInto('household_members').values({ org_id: c.org_id, household_id: hh.id, person_id: person.id, role: m.relation, position }).execute();
      added++;
    }
  }
  if (leaving.length) {
    await tx.db.deleteFrom('household_members').where('household_id', '=', hh.id).where('person_id', 'in', leaving.map((m) => m.id)).execute();
  }
  await tx.db
    .updateTable('households')
    .set({ size: facts.size || null, children: facts.children, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', hh.id)
    .execute();
  tx.audit({ action: 'case.members.update', entityType: 'case', entityId: c.id, details: { added, changed, removed: leaving.length, size: facts.size } });
}

/** The arrears history as a whole list; the latest entry becomes the case's current arrears. */
export async function replaceArrears(tx: Tx, actor: Actor, caseId: string, input: z.output<typeof ArrearsInput>, today: string) {
  const c = await loadCaseForActor(tx, actor, caseId);
  const existing = new Set((await tx.db.selectFrom('case_arrears').select('id').where('case_id', '=', c.id).execute()).map((r) => r.id));
  const entries = input.entries.map((e) => ({ ...e, id: e.id?.toLowerCase() }));
  const problems = checkArrears(entries, today);
  const kept = new Set<string>();
  entries.forEach((e, i) => {
    if (!e.id) return;
    if (!existing.has(e.id) || kept.has(e.id)) problems.push({ path: `entries.${i}.id`, key: 'casefile.unknown_entry' });
    kept.add(e.id);
  });
  refuse(problems);
  await bumpVersion(tx, c.id, input.version);

  const removed = [...existing].filter((id) => !kept.has(id));
  if (removed.length) await tx.db.deleteFrom('case_arrears').where('case_id', '=', c.id).where('id', 'in', removed).execute();
  for (const e of entries) {
    const values = { recorded_on: e.recordedOn, amount: e.amount, months: e.months ?? null, note: e.note || null };
    if (e.id) await tx.db.updateTable('case_arrears').set(values).where('id', '=', e.id).where('case_id', '=', c.id).execute();
    else await tx.db.insertInto('case_arrears').values({ ...values, org_id: c.org_id, case_id: c.id, created_by: actor.userId }).execute();
  }
  const latest = currentArrears(entries);
  if (latest) {
    await tx.db
      .insertInto('case_legal')
      .values({ case_id: c.id, org_id: c.org_id, arrears: latest.amount })
      .onConflict((oc) => oc.column('case_id').doUpdateSet({ arrears: latest.amount, version: sql`case_legal.version + 1` }))
      .execute();
  }
  tx.audit({ action: 'case.arrears.update', entityType: 'case', entityId: c.id, details: { entries: entries.length, removed: removed.length } });
}

// ---- special categories of data --------------------------------------------------------------

/**
 * The sensitive part of the case file. Row-level security shows the row only when the
 * transaction carries app.sensitive (set from `cases.sensitive`); the route demands the same
 * permission. Every view is audited, whether or not anything is recorded.
 */
export async function readSensitive(tx: Tx, actor: Actor, caseId: string): Promise<SensitiveData> {
  const c = await loadCaseForActor(tx, actor, caseId);
  const row = await tx.db
    .selectFrom('case_sensitive as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.version', 's.markers', 's.health_note', 's.addiction_note', 's.criminal_record_note', 's.updated_at', 'u.display_name'])
    .where('s.case_id', '=', c.id)
    .executeTakeFirst();
  tx.audit({ action: 'case.sensitive.read', entityType: 'case', entityId: c.id, details: { recorded: Boolean(row) } });
  if (!row) return { version: 0, markers: [], healthNote: null, addictionNote: null, criminalRecordNote: null, updatedAt: null, updatedBy: null };
  return {
    version: row.version,
    markers: row.markers as SensitiveData['markers'],
    healthNote: row.health_note,
    addictionNote: row.addiction_note,
    criminalRecordNote: row.criminal_record_note,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.display_name,
  };
}

export async function writeSensitive(tx: Tx, actor: Actor, caseId: string, input: z.output<typeof SensitiveInput>) {
  const c = await loadCaseForActor(tx, actor, caseId);
  const values = {
    markers: [...new Set(input.markers)],
    health_note: input.healthNote || null,
    addiction_note: input.addictionNote || null,
    criminal_record_note: input.criminalRecordNote || null,
    updated_by: actor.userId,
    updated_at: sql`now()`,
  };
  // Version 0: nothing recorded yet. A concurrent first save loses the insert race (conflict).
  const written =
    input.version === 0
      ? await tx.db
          .insertInto('case_sensitive')
          .values({ case_id: c.id, org_id: c.org_id, ...values } as never)
          .onConflict((oc) => oc.column('case_id').doNothing())
          .returning('case_id')
          .executeTakeFirst()
      : await tx.db
          .updateTable('case_sensitive')
          .set({ ...values, version: sql`version + 1` } as never)
          .where('case_id', '=', c.id)
          .where('version', '=', input.version)
          .returning('case_id')
          .executeTakeFirst();
  if (!written) throw versionConflict();
  // Which fields are filled, never what they say: the audit log is read by administrators.
  const filled = Object.entries({ markers: values.markers.length > 0, healthNote: values.health_note, addictionNote: values.addiction_note, criminalRecordNote: values.criminal_record_note })
    .filter(([, v]) => Boolean(v))
    .map(([k]) => k);
  tx.audit({ action: 'case.sensitive.update', entityType: 'case', entityId: c.id, details: { filled } });
}

// ---- handover -------------------------------------------------------------------------------

/**
 * Hands the case to a colleague with a note the colleague reads in the case. Team leads hand over
 * any case; caseworkers their own and those of a colleague they stand in for (domain rule).
 */
export async function handOver(tx: Tx, actor: Actor, caseId: string, input: z.output<typeof HandoverInput>, today: string) {
  const c = await loadCaseForActor(tx, actor, caseId);
  const standsInFor = (await substitutesFor(tx, actor.userId, today)).map((a) => a.user_id);
  const allowed = mayHandOver({ userId: actor.userId, mayAssign: can(actor, 'cases.assign'), mayEdit: can(actor, 'cases.edit'), standsInFor }, c.assigned_user_id);
  if (!allowed) throw new AppError(403, 'forbidden');
  const to = await colleague(tx, actor, input.toUserId, 'toUserId');
  if (to.id === c.assigned_user_id) throw invalidInput([{ path: 'toUserId', key: 'casefile.already_assigned' }]);
  await bumpVersion(tx, c.id, input.version, { assigned_user_id: to.id, status: sql`case when status = 'new' then 'open' else status end` });
  await tx.db
    .insertInto('case_handovers')
    .values({ org_id: c.org_id, case_id: c.id, from_user_id: c.assigned_user_id, to_user_id: to.id, note: input.note, created_by: actor.userId })
    .execute();
  tx.audit({ action: 'case.handover', entityType: 'case', entityId: c.id, details: { from: c.assigned_user_id, to: to.id } });
}
