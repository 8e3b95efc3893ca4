import { sql } from 'kysely';
import type { MatchOutcome, NoticeInput, NoticeResult } from '../../../contracts/intake.js';
import { computeCaseDeadlines, firstContactDue, type StateCode } from '../../../domain/deadlines/index.js';
import { blockingKeys, DEFAULT_THRESHOLDS, matchRecord, normaliseHouseNumber, normaliseStreet, type PersonRecord, type Thresholds } from '../../../domain/matching/index.js';
import { unsafeInternalTx, type Tx } from '../../platform/db/tenant.js';
import type { Services } from '../../platform/services.js';
import { assignToOrganisation, routeAddress, type Assignment } from './routing.js';

export type Channel = 'web' | 'portal' | 'api' | 'import';

export interface Submitter {
  /** The organisation that sends the notice (a partner, or the staff member's own organisation). */
  orgId: string;
  userId: string | null;
  label: string;
  channel: Channel;
  requestId: string | null;
  /** A case transferred by consent goes to the organisation that accepted it, not where the address routes. */
  assignTo?: string;
}

export interface Submitted {
  /** 201: created; 200: this externalId was sent before — the existing notice, nothing changed. */
  status: 200 | 201;
  result: NoticeResult;
}

export const addressKey = (a: { street: string; houseNumber: string; postalCode: string }) =>
  `${normaliseStreet(a.street)}|${normaliseHouseNumber(a.houseNumber)}|${a.postalCode.trim()}`;

/**
 * The one pipeline every way in (web form, partner portal, API, import) goes through:
 * idempotency by (sender, externalId) → routing → person and household matching in the receiving
 * organisation → case (new, or the household's open one) → deadlines → receipt for the sender.
 * It runs as a platform-internal transaction: the sender may not see the receiving
 * organisation's data, and the receiving organisation is only known after routing.
 */
export async function submitNotice(s: Services, input: NoticeInput, by: Submitter): Promise<Submitted> {
  try {
    // One transaction for the check and the creation: a commit is the dearest statement here.
    return await unsafeInternalTx(s.db, by.requestId, async (tx) => {
      const existing = await existingResult(tx, by.orgId, input.externalId);
      if (existing) return { status: 200 as const, result: existing };
      return { status: 201 as const, result: await createNotice(s, tx, input, by) };
    });
  } catch (err) {
    // The same externalId sent twice at the same moment: the second loses the unique race.
    const again = await unsafeInternalTx(s.db, by.requestId, (tx) => existingResult(tx, by.orgId, input.externalId));
    if (again && (err as { code?: string }).code === '23505') return { status: 200, result: again };
    throw err;
  }
}

async function existingResult(tx: Tx, senderOrgId: string, externalId: string): Promise<NoticeResult | null> {
  const notice = await tx.db
    .selectFrom('notices as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .innerJoin('organisations as o', 'o.id', 'n.org_id')
    .select(['n.id', 'n.case_id', 'n.org_id', 'o.name as org_name', 'c.location_id', 'c.household_id', 'n.household_match', 'n.payload'])
    .where('n.source_org_id', '=', senderOrgId)
    .where('n.external_id', '=', externalId)
    .executeTakeFirst();
  if (!notice) return null;
  const stored = notice.payload as { personMatches?: { id: string; match: MatchOutcome }[] };
  return {
    id: notice.id,
    household: { id: notice.household_id, match: notice.household_match as MatchOutcome },
    persons: stored.personMatches ?? [],
    assignedTo: { orgId: notice.org_id, orgName: notice.org_name, ...(notice.location_id ? { locationId: notice.location_id } : {}) },
    deadlines: await deadlinesOf(tx, notice.case_id),
  };
}

async function deadlinesOf(tx: Tx, caseId: string) {
  const rows = await tx.db
    .selectFrom('case_deadlines')
    .select(['kind', 'date', 'raw_date', 'basis', 'estimate'])
    .where('case_id', '=', caseId)
    .orderBy('date')
    .execute();
  return rows.map((d) => toResultDeadline({ kind: d.kind, date: String(d.date), rawDate: d.raw_date ? String(d.raw_date) : undefined, basis: d.basis, estimate: d.estimate }));
}

/** A deadline as the partner API contract shows it: the raw date only where the shift moved it. */
function toResultDeadline(d: { kind: string; date: string; rawDate?: string; basis: string; estimate?: boolean }) {
  return {
    kind: d.kind,
    date: d.date,
    ...(d.rawDate && d.rawDate !== d.date ? { rawDate: d.rawDate } : {}),
    basis: d.basis,
    ...(d.estimate ? { estimate: true } : {}),
  };
}

interface MatchedPerson {
  id: string;
  match: MatchOutcome;
}

/** Finds the person among the receiving organisation's records, or creates them (with a review entry when unsure). */
/** The engine's precision-first defaults, unless the installation configured its own. */
function thresholdsFrom(s: Services): Thresholds {
  const { matchLinkThreshold: link, matchReviewThreshold: review } = s.config.intake;
  return { ...DEFAULT_THRESHOLDS, ...(link !== undefined ? { link } : {}), ...(review !== undefined ? { review } : {}) };
}

async function matchPerson(tx: Tx, orgId: string, thresholds: Thresholds, p: PersonRecord & { phone?: string; email?: string }): Promise<MatchedPerson> {
  const keys = blockingKeys(p);
  // Two steps on purpose: the ids sharing a key (an index range), then those persons by primary
  // key. As one join, a database without statistics yet (a new installation, a fresh import) may
  // plan a scan of all persons for every notice.
  const ids = keys.length
    ? (
        await tx.db
          .selectFrom('person_match_keys')
          .select('person_id')
          .distinct()
          .where('org_id', '=', orgId)
          .where('key', 'in', keys)
          .limit(500)
          .execute()
      ).map((r) => r.person_id)
    : [];
  const candidates = ids.length
    ? await tx.db
        .selectFrom('persons as c')
        .leftJoin('household_members as hm', 'hm.person_id', 'c.id')
        .leftJoin('households as h', 'h.id', 'hm.household_id')
        // A merged record still carries a spelling of its person: it stands in for the survivor.
        .select([sql<string>`coalesce(c.merged_into, c.id)`.as('id'), 'c.first_name', 'c.last_name', 'c.birth_date', 'c.phone', 'h.street', 'h.house_number', 'h.postal_code', 'h.city'])
        .where('c.id', 'in', ids)
        .execute()
    : [];
  const result = matchRecord(
    p,
    candidates.map((c) => ({
      personId: c.id,
      record: {
        firstName: c.first_name,
        lastName: c.last_name,
        birthDate: c.birth_date ? String(c.birth_date) : null,
        street: c.street ?? undefined,
        houseNumber: c.house_number ?? undefined,
        postalCode: c.postal_code ?? undefined,
        city: c.city ?? undefined,
        // Phone numbers are evidence too (same household); identifiers have no contract field yet.
        phone: c.phone,
      },
    })),
    thresholds,
  );
  if (result.decision === 'link' && result.personId) return { id: result.personId, match: 'linked' };
  const person = await tx.db
    .insertInto('persons')
    .values({ org_id: orgId, first_name: p.firstName, last_name: p.lastName, birth_date: p.birthDate ?? null, phone: p.phone ?? null, email: p.email ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (keys.length) {
    await tx.db
      .insertInto('person_match_keys')
      .values([...new Set(keys)].map((key) => ({ org_id: orgId, key, person_id: person.id })))
      .execute();
  }
  if (result.decision === 'review') {
    // The few best candidates go side by side in front of a caseworker.
    await tx.db
      .insertInto('match_reviews')
      .values(
        result.review.slice(0, 3).map((r) => ({
          org_id: orgId,
          person_id: person.id,
          candidate_id: r.personId,
          score: r.score,
          reasons: JSON.stringify([...r.reasons, ...r.conflicts.map((c) => ({ conflict: c }))]),
        })),
      )
      .execute();
    return { id: person.id, match: 'review' };
  }
  return { id: person.id, match: 'new' };
}

async function createNotice(s: Services, tx: Tx, input: NoticeInput, by: Submitter): Promise<NoticeResult> {
  const assignment = by.assignTo ? await assignToOrganisation(tx, input.address, by.assignTo) : await routeAddress(tx, input.address);
  const orgId = assignment.orgId;

  const persons: MatchedPerson[] = [];
  for (const t of input.tenants) {
    persons.push(
      await matchPerson(tx, orgId, thresholdsFrom(s), {
        firstName: t.firstName,
        lastName: t.lastName,
        birthDate: t.birthDate ?? null,
        street: input.address.street,
        houseNumber: input.address.houseNumber,
        postalCode: input.address.postalCode,
        city: input.address.city,
        phone: t.phone,
        email: t.email,
      }),
    );
  }

  const { householdId, householdMatch, created } = await findOrCreateHousehold(tx, orgId, input, assignment, persons);
  // A household created just now has no open case to join.
  const openCaseId = created ? null : await findOpenCase(tx, householdId, input);
  const caseId = openCaseId ?? (await openCase(tx, orgId, householdId, input, assignment, s.config.intake.firstContactWorkingDays));

  for (const [i, t] of input.tenants.entries()) {
    const servedOn = t.servedOn ?? input.court?.servedOn ?? null;
    await tx.db
      .insertInto('case_tenants')
      .values({ org_id: orgId, case_id: caseId, person_id: persons[i].id, served_on: servedOn })
      .onConflict((oc) => oc.columns(['case_id', 'person_id']).doUpdateSet(servedOn ? { served_on: servedOn } : { served_on: sql`case_tenants.served_on` }))
      .execute();
  }
  await recordLegalFacts(tx, orgId, caseId, input);

  const receipt = await tx.db
    .insertInto('notice_receipts')
    .values({ org_id: by.orgId, external_id: input.externalId, kind: input.kind, channel: by.channel, received_on: input.receivedOn, submitted_by: by.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notice = await tx.db
    .insertInto('notices')
    .values({
      org_id: orgId,
      source_org_id: by.orgId,
      receipt_id: receipt.id,
      external_id: input.externalId,
      kind: input.kind,
      channel: by.channel,
      received_on: input.receivedOn,
      case_id: caseId,
      household_match: householdMatch,
      payload: JSON.stringify({ ...input, personMatches: persons }),
      created_by: by.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // After the notice row: a court notice's receipt day is where an estimated Schonfrist starts.
  const deadlines = await recomputeDeadlines(tx, caseId);
  tx.audit({
    action: 'notice.create',
    entityType: 'notice',
    entityId: notice.id,
    actor: { orgId: by.orgId, userId: by.userId, label: by.label },
    details: { channel: by.channel, assignedOrgId: orgId, caseId, routing: assignment.note ?? 'routed' },
  });
  return {
    id: notice.id,
    household: { id: householdId, match: householdMatch },
    persons,
    assignedTo: { orgId, orgName: assignment.orgName, ...(assignment.locationId ? { locationId: assignment.locationId } : {}) },
    deadlines: deadlines.map(toResultDeadline),
  };
}

/**
 * A household is the tenancy at an address. A linked person brings their household when it is at
 * the same address; otherwise a household at that address is reused only when someone in it was
 * linked — strangers at one address (a new tenant after a move) get a household of their own.
 */
async function findOrCreateHousehold(tx: Tx, orgId: string, input: NoticeInput, a: Assignment, persons: MatchedPerson[]) {
  const key = addressKey(input.address);
  const linkedIds = persons.filter((p) => p.match === 'linked').map((p) => p.id);
  if (linkedIds.length) {
    const hh = await tx.db
      .selectFrom('households as h')
      .innerJoin('household_members as m', 'm.household_id', 'h.id')
      .select('h.id')
      .where('h.org_id', '=', orgId)
      .where('h.address_key', '=', key)
      .where('m.person_id', 'in', linkedIds)
      .orderBy('h.created_at', 'desc')
      .executeTakeFirst();
    if (hh) {
      await addMembers(tx, orgId, hh.id, persons, false);
      await tx.db
        .updateTable('households')
        .set({
          ...(input.householdSize ? { size: input.householdSize } : {}),
          ...(input.children !== undefined ? { children: input.children } : {}),
          updated_at: sql`now()`,
        })
        .where('id', '=', hh.id)
        .execute();
      return { householdId: hh.id, householdMatch: 'linked' as MatchOutcome, created: false };
    }
  }
  const hh = await tx.db
    .insertInto('households')
    .values({
      org_id: orgId,
      street: input.address.street,
      house_number: input.address.houseNumber,
      postal_code: input.address.postalCode,
      city: input.address.city,
      address_key: key,
      municipality_id: a.municipalityId ?? null,
      size: input.householdSize ?? null,
      children: input.children ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addMembers(tx, orgId, hh.id, persons, true);
  const match: MatchOutcome = persons.some((p) => p.match === 'review') ? 'review' : linkedIds.length ? 'linked' : 'new';
  return { householdId: hh.id, householdMatch: match, created: true };
}

/**
 * The notice's tenants join the household: in a new household the first named is the main
 * tenant; in a known one newcomers are co-tenants (the case file corrects relations later).
 */
async function addMembers(tx: Tx, orgId: string, householdId: string, persons: MatchedPerson[], newHousehold: boolean) {
  await tx.db
    .insertInto('household_members')
    .values(
      persons.map((p, i) => ({
        org_id: orgId,
        household_id: householdId,
        person_id: p.id,
        role: newHousehold && i === 0 ? 'main_tenant' : 'co_tenant',
        position: i,
      })),
    )
    .onConflict((oc) => oc.columns(['household_id', 'person_id']).doNothing())
    .execute();
}

/** A new notice about a household with an open case joins that case. */
async function findOpenCase(tx: Tx, householdId: string, input: NoticeInput): Promise<string | null> {
  const open = await tx.db
    .selectFrom('cases')
    .select('id')
    .where('household_id', '=', householdId)
    .where('status', '!=', 'closed')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!open) return null;
  await tx.db
    .updateTable('cases')
    .set({ ...(input.children !== undefined ? { children: input.children } : {}), updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', open.id)
    .execute();
  return open.id;
}

async function openCase(tx: Tx, orgId: string, householdId: string, input: NoticeInput, a: Assignment, firstContactWorkingDays: number) {
  const state: StateCode = 'NW';
  const row = await tx.db
    .insertInto('cases')
    .values({
      org_id: orgId,
      // e.g. 2026-000123: the year of receipt and a district-wide running number.
      case_number: sql<string>`${input.receivedOn.slice(0, 4)} || '-' || lpad(nextval('case_number_seq')::text, 6, '0')`,
      household_id: householdId,
      location_id: a.locationId ?? null,
      state,
      received_on: input.receivedOn,
      first_contact_due: firstContactDue({ receivedOn: input.receivedOn, workingDays: firstContactWorkingDays, state }).date,
      children: input.children ?? null,
      routing_note: a.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Keeps the case's legal facts: a later notice fills in what an earlier one did not know. */
async function recordLegalFacts(tx: Tx, orgId: string, caseId: string, n: NoticeInput) {
  const facts = {
    landlord: n.landlord ? JSON.stringify(n.landlord) : undefined,
    monthly_rent: n.monthlyRent,
    arrears: n.arrears,
    termination_type: n.termination?.type,
    termination_received_on: n.termination?.receivedOn,
    court_name: n.court?.name,
    court_file_number: n.court?.fileNumber,
    suit_filed_on: n.court?.filedOn,
    hearing_on: n.court?.hearingOn,
    eviction_on: n.evictionOn,
  };
  const defined = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
  await tx.db
    .insertInto('case_legal')
    .values({ case_id: caseId, org_id: orgId, ...defined } as never)
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ ...defined, version: sql`case_legal.version + 1` } as never))
    .execute();
}

/** Recomputes every deadline of a case from its current facts (after a notice or an edit); returns them. */
export async function recomputeDeadlines(tx: Tx, caseId: string) {
  const c = await tx.db
    .selectFrom('cases as c')
    .leftJoin('case_legal as l', 'l.case_id', 'c.id')
    .select(['c.org_id', 'c.state', 'c.received_on', 'l.hearing_on', 'l.eviction_on', 'l.judgment_final_on', 'l.raeumungsfrist_end', 'l.termination_received_on', 'l.earlier_cured_terminations'])
    .select(['l.court_name', 'l.court_file_number', 'l.suit_filed_on'])
    .select((eb) =>
      eb
        .selectFrom('notices as n')
        .select((n) => n.fn.min('n.received_on').as('on'))
        .whereRef('n.case_id', '=', 'c.id')
        .where('n.kind', '=', 'court_eviction_suit')
        .as('court_notice_on'),
    )
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const tenants = await tx.db.selectFrom('case_tenants').select('served_on').where('case_id', '=', caseId).execute();
  const str = (d: unknown) => (d ? String(d) : undefined);
  // Only an eviction suit starts a Schonfrist. Without its service date the estimate runs from a
  // day on or before the service: the court's notice (sent when the suit arrives), else the day
  // the suit was filed, else — a suit recorded by hand — the case's first notice. A Jobcenter
  // warning or a self-referral without a suit has no Schonfrist at all.
  const suitRecorded = Boolean(c.court_notice_on || c.court_name || c.court_file_number || c.suit_filed_on);
  const deadlines = computeCaseDeadlines({
    state: c.state as StateCode,
    receivedOn: suitRecorded ? str(c.court_notice_on) ?? str(c.suit_filed_on) ?? String(c.received_on) : undefined,
    // null = this tenant's service date is not known yet (the engine then marks an estimate).
    servedOn: tenants.map((t) => str(t.served_on) ?? null),
    hearingOn: str(c.hearing_on),
    evictionOn: str(c.eviction_on),
    judgmentFinalOn: str(c.judgment_final_on),
    raeumungsfristEnd: str(c.raeumungsfrist_end),
    terminationReceivedOn: str(c.termination_received_on),
    earlierCuredTerminations: (c.earlier_cured_terminations ?? []).map(String),
  });
  await tx.db.deleteFrom('case_deadlines').where('case_id', '=', caseId).execute();
  if (deadlines.length) {
    await tx.db
      .insertInto('case_deadlines')
      .values(
        deadlines.map((d) => ({
          org_id: c.org_id,
          case_id: caseId,
          kind: d.kind,
          date: d.date,
          raw_date: d.rawDate ?? null,
          act_by: d.actBy ?? null,
          estimate: Boolean(d.estimate),
          basis: d.basis,
          shifts: JSON.stringify(d.shifts ?? []),
          warnings: JSON.stringify(d.warnings ?? []),
        })),
      )
      .execute();
  }
  return deadlines;
}
