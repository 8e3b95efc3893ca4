import type { ConsentPurpose, ConsentState, DataCategory, DisclosurePayload } from '../../contracts/consents.js';
import type { CaseSummary } from '../../contracts/cases.js';
import { SENSITIVE_MARKERS, type SensitiveData } from '../../contracts/casefile.js';

/** A consent as the checks need it. Dates are ISO days. */
export interface ConsentFacts {
  id: string;
  purposes: readonly ConsentPurpose[];
  categories: readonly DataCategory[];
  recipients: readonly { kind: 'organisation' | 'directory' | 'landlord'; orgId: string | null; directoryOrganizationId: string | null }[];
  givenOn: string;
  validUntil: string | null;
  revokedOn: string | null;
}

/**
 * Who is to receive the data. A Bleibe organisation is also named by the directory entries it
 * maintains: a consent "for the Suchtberatung" written against its directory entry covers it.
 */
export type RecipientTarget =
  | { kind: 'organisation'; orgId: string; directoryOrganizationIds: readonly string[] }
  | { kind: 'directory'; directoryOrganizationId: string }
  | { kind: 'landlord' };

export function consentState(c: Pick<ConsentFacts, 'givenOn' | 'validUntil' | 'revokedOn'>, today: string): ConsentState {
  if (c.revokedOn !== null && c.revokedOn <= today) return 'revoked';
  if (c.givenOn > today) return 'not_yet_valid';
  if (c.validUntil !== null && c.validUntil < today) return 'expired';
  return 'valid';
}

export function coversRecipient(c: Pick<ConsentFacts, 'recipients'>, t: RecipientTarget): boolean {
  return c.recipients.some((r) => {
    if (t.kind === 'landlord') return r.kind === 'landlord';
    if (t.kind === 'directory') return r.kind === 'directory' && r.directoryOrganizationId === t.directoryOrganizationId;
    if (r.kind === 'organisation') return r.orgId === t.orgId;
    return r.kind === 'directory' && r.directoryOrganizationId !== null && t.directoryOrganizationIds.includes(r.directoryOrganizationId);
  });
}

export interface FlowRequest {
  purpose: ConsentPurpose;
  recipient: RecipientTarget;
  categories: readonly DataCategory[];
}

/** Why a flow is refused, from the most specific reason to none at all. */
export type ConsentRefusal =
  | { reason: 'revoked'; consentId: string }
  | { reason: 'expired'; consentId: string }
  | { reason: 'not_yet_valid'; consentId: string }
  | { reason: 'categories_missing'; consentId: string; missing: DataCategory[] }
  | { reason: 'purpose_not_covered'; consentId: string }
  | { reason: 'no_consent' };

export type ConsentDecision = { ok: true; consentId: string } | ({ ok: false } & ConsentRefusal);

const REFUSAL_RANK: Record<ConsentRefusal['reason'], number> = {
  revoked: 5,
  expired: 4,
  not_yet_valid: 3,
  categories_missing: 2,
  purpose_not_covered: 1,
  no_consent: 0,
};

/**
 * Does a consent of the client allow this flow today? It must name the recipient and the
 * purpose, cover every data category, and be neither revoked, expired nor dated in the future.
 * The newest such consent is used. Otherwise the refusal names the nearest miss, so the
 * caseworker learns what is lacking (e.g. "health not covered", "revoked on …").
 */
export function checkConsent(consents: readonly ConsentFacts[], req: FlowRequest, today: string): ConsentDecision {
  let best: ConsentRefusal = { reason: 'no_consent' };
  const newestFirst = [...consents].sort((a, b) => (a.givenOn < b.givenOn ? 1 : a.givenOn > b.givenOn ? -1 : 0));
  for (const c of newestFirst) {
    if (!coversRecipient(c, req.recipient)) continue;
    let refusal: ConsentRefusal;
    if (!c.purposes.includes(req.purpose)) refusal = { reason: 'purpose_not_covered', consentId: c.id };
    else {
      const missing = req.categories.filter((k) => !c.categories.includes(k));
      if (missing.length) refusal = { reason: 'categories_missing', consentId: c.id, missing };
      else {
        const state = consentState(c, today);
        if (state === 'valid') return { ok: true, consentId: c.id };
        refusal = { reason: state, consentId: c.id };
      }
    }
    if (REFUSAL_RANK[refusal.reason] > REFUSAL_RANK[best.reason]) best = refusal;
  }
  return { ok: false, ...best };
}

/** The consent category of each sensitive-marker category of the case file. */
const MARKER_CATEGORY = { health: 'health', addiction: 'addiction', criminal: 'criminal_record' } as const;

const sensitiveSection = (s: SensitiveData | null, category: DataCategory, note: string | null | undefined) => ({
  markers: (s?.markers ?? []).filter((m) => SENSITIVE_MARKERS.some((d) => d.code === m && MARKER_CATEGORY[d.category] === category)),
  note: note ?? null,
});

/**
 * The copy of a case that travels with a disclosure: exactly the consented categories, nothing
 * else (no free text of the record, no notes, no documents). `sensitive` is read only when a
 * special category is sent.
 */
export function disclosurePayload(c: CaseSummary, sensitive: SensitiveData | null, categories: readonly DataCategory[]): DisclosurePayload {
  const has = (k: DataCategory) => categories.includes(k);
  const f = c.file;
  const a = c.household.address;
  return {
    ...(has('identity')
      ? { identity: { members: f.members.map((m) => ({ firstName: m.firstName, lastName: m.lastName, birthDate: m.birthDate, relation: m.relation })) } }
      : {}),
    ...(has('contact')
      ? {
          contact: {
            address: { street: a.street, houseNumber: a.houseNumber, postalCode: a.postalCode, city: a.city },
            phone: f.contact.phone,
            email: f.contact.email,
            postalAddress: f.contact.postalAddress,
            bestTimes: f.contact.bestTimes,
            preferredLanguage: f.contact.preferredLanguage,
            interpreterNeeded: f.contact.interpreterNeeded,
          },
        }
      : {}),
    ...(has('household')
      ? {
          household: {
            size: f.facts.size,
            children: f.facts.children,
            targetGroups: [...new Set([...f.targetGroups, ...f.derivedTargetGroups])],
            livingSituation: f.livingSituation?.situation ?? null,
          },
        }
      : {}),
    ...(has('tenancy')
      ? {
          tenancy: {
            landlord: c.legal.landlord?.name ?? null,
            totalRent: f.tenancy.totalRent,
            baseRent: f.tenancy.baseRent,
            serviceCharges: f.tenancy.serviceCharges,
            heatingCosts: f.tenancy.heatingCosts,
            arrears: f.arrears.current,
            arrearsMonths: f.arrears.months,
            terminationType: c.legal.terminationType,
            terminationReceivedOn: c.legal.terminationReceivedOn,
            courtName: c.legal.courtName,
            courtFileNumber: c.legal.courtFileNumber,
            hearingOn: c.legal.hearingOn,
            evictionOn: c.legal.evictionOn,
            deadlines: c.deadlines.map((d) => ({ kind: d.kind, date: d.date })),
          },
        }
      : {}),
    ...(has('income') ? { income: { sources: [...f.incomeSources], note: f.incomeNote } } : {}),
    ...(has('health') ? { health: sensitiveSection(sensitive, 'health', sensitive?.healthNote) } : {}),
    ...(has('addiction') ? { addiction: sensitiveSection(sensitive, 'addiction', sensitive?.addictionNote) } : {}),
    ...(has('criminal_record')
      ? { criminalRecord: sensitiveSection(sensitive, 'criminal_record', sensitive?.criminalRecordNote) }
      : {}),
  };
}

/**
 * What the landlord letter discloses: the tenants' names, their tenancy and arrears, and that the
 * Jobcenter or social office may assume the debt — which reveals benefit receipt (income).
 */
export const LANDLORD_LETTER_CATEGORIES: readonly DataCategory[] = ['identity', 'tenancy', 'income'];

/** A referral is flagged when the partner has not answered by the due day. */
export function replyOverdue(d: { kind: string; status: string; replyDueOn: string | null }, today: string): boolean {
  return d.kind === 'referral' && d.status === 'open' && d.replyDueOn !== null && d.replyDueOn < today;
}
