import { z } from 'zod';
import { Id, IsoDate, Version } from './common.js';

/** What a client may consent to: the flows of their data to other parties. */
export const CONSENT_PURPOSES = ['case_share', 'case_transfer', 'referral', 'status_report', 'landlord_contact'] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/**
 * The data categories a consent names and a disclosure carries. The last three are special
 * categories (Art. 9/10 GDPR): only someone with the sensitive-data permission can send them.
 */
export const DATA_CATEGORIES = ['identity', 'contact', 'household', 'tenancy', 'income', 'health', 'addiction', 'criminal_record'] as const;
export const DataCategory = z.enum(DATA_CATEGORIES);
export type DataCategory = z.infer<typeof DataCategory>;
export const SENSITIVE_CATEGORIES: readonly DataCategory[] = ['health', 'addiction', 'criminal_record'];

export const CONSENT_FORMS = ['written', 'verbal_witnessed'] as const;

const categories = z.array(DataCategory).min(1).max(DATA_CATEGORIES.length).refine((a) => new Set(a).size === a.length, 'duplicate');

export const ConsentRecipientInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('organisation'), orgId: Id }),
  z.strictObject({ kind: z.literal('directory'), directoryOrganizationId: Id }),
  z.strictObject({ kind: z.literal('landlord') }),
]);
export type ConsentRecipientInput = z.infer<typeof ConsentRecipientInput>;

export const ConsentInput = z.strictObject({
  /** The household member who consents. */
  personId: Id,
  recipients: z.array(ConsentRecipientInput).min(1).max(20),
  purposes: z.array(ConsentPurpose).min(1).max(CONSENT_PURPOSES.length).refine((a) => new Set(a).size === a.length, 'duplicate'),
  categories,
  givenOn: IsoDate,
  /** Required unless openEnded is true: an empty date is never read as "forever". */
  validUntil: IsoDate.nullable().optional(),
  openEnded: z.boolean().default(false),
  form: z.enum(CONSENT_FORMS),
  /** Required for a consent recorded verbally. */
  witness: z.string().trim().min(1).max(200).nullable().optional(),
  /** The scanned form: a document of this case (kind consent_form). */
  documentId: Id.nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type ConsentInput = z.input<typeof ConsentInput>;

export const RevokeConsentInput = z.strictObject({
  revokedOn: IsoDate,
  note: z.string().trim().max(2000).nullable().optional(),
});

export const ConsentState = z.enum(['valid', 'revoked', 'expired', 'not_yet_valid']);
export type ConsentState = z.infer<typeof ConsentState>;

const Ref = z.object({ id: Id, name: z.string() });

export const ConsentRecipient = z.object({
  kind: z.enum(['organisation', 'directory', 'landlord']),
  orgId: Id.nullable(),
  directoryOrganizationId: Id.nullable(),
  name: z.string(),
});

export const ConsentEvent = z.object({
  at: z.string(),
  event: z.enum(['recorded', 'revoked', 'used']),
  user: z.string().nullable(),
  disclosureId: Id.nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const Consent = z.object({
  id: Id,
  caseId: Id,
  person: Ref,
  recipients: z.array(ConsentRecipient),
  purposes: z.array(ConsentPurpose),
  categories: z.array(DataCategory),
  givenOn: IsoDate,
  validUntil: IsoDate.nullable(),
  openEnded: z.boolean(),
  form: z.enum(CONSENT_FORMS),
  witness: z.string().nullable(),
  document: Ref.nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  revokedOn: IsoDate.nullable(),
  revocationNote: z.string().nullable(),
  state: ConsentState,
  /** The consent's own trail: recorded, every use, revocation. */
  events: z.array(ConsentEvent),
});
export type Consent = z.infer<typeof Consent>;
export const ConsentList = z.object({ items: z.array(Consent) });

// ---- disclosures: shares, referrals, transfers, status reports ----------------------------------

export const DISCLOSURE_KINDS = ['share', 'referral', 'transfer', 'status_report'] as const;
export const DisclosureKind = z.enum(DISCLOSURE_KINDS);
export type DisclosureKind = z.infer<typeof DisclosureKind>;
export const DISCLOSURE_STATUSES = ['open', 'accepted', 'declined', 'withdrawn', 'ended', 'completed'] as const;

/** Share, referral or status report; a transfer has its own route (it needs the transfer permission). */
export const DisclosureInput = z
  .strictObject({
    kind: z.enum(['share', 'referral', 'status_report']),
    /** A Bleibe organisation, or an entry of the partner directory (with one of its services for a referral). */
    recipientOrgId: Id.nullable().optional(),
    directoryServiceId: Id.nullable().optional(),
    categories,
    message: z.string().trim().max(4000).nullable().optional(),
  })
  .refine((b) => !!b.recipientOrgId !== !!b.directoryServiceId, { path: ['recipientOrgId'], message: 'consent.one_recipient' });
export type DisclosureInput = z.input<typeof DisclosureInput>;

export const TransferInput = z.strictObject({
  recipientOrgId: Id,
  categories,
  message: z.string().trim().max(4000).nullable().optional(),
});
export type TransferInput = z.input<typeof TransferInput>;

export const DisclosureResponseInput = z.strictObject({
  decision: z.enum(['accept', 'decline']),
  reason: z.string().trim().max(2000).nullable().optional(),
  version: Version,
});

/** The copy of the consented categories that travels with a disclosure; absent sections were not consented. */
export const DisclosurePayload = z.object({
  identity: z
    .object({ members: z.array(z.object({ firstName: z.string(), lastName: z.string(), birthDate: IsoDate.nullable(), relation: z.string() })) })
    .optional(),
  contact: z
    .object({
      address: z.object({ street: z.string(), houseNumber: z.string(), postalCode: z.string(), city: z.string() }),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      postalAddress: z.string().nullable(),
      bestTimes: z.string().nullable(),
      preferredLanguage: z.string().nullable(),
      interpreterNeeded: z.boolean(),
    })
    .optional(),
  household: z
    .object({
      size: z.number().int(),
      children: z.number().int(),
      targetGroups: z.array(z.string()),
      livingSituation: z.string().nullable(),
    })
    .optional(),
  tenancy: z
    .object({
      landlord: z.string().nullable(),
      totalRent: z.number().nullable(),
      baseRent: z.number().nullable(),
      serviceCharges: z.number().nullable(),
      heatingCosts: z.number().nullable(),
      arrears: z.number().nullable(),
      arrearsMonths: z.number().nullable(),
      terminationType: z.string().nullable(),
      terminationReceivedOn: IsoDate.nullable(),
      courtName: z.string().nullable(),
      courtFileNumber: z.string().nullable(),
      hearingOn: IsoDate.nullable(),
      evictionOn: IsoDate.nullable(),
      deadlines: z.array(z.object({ kind: z.string(), date: IsoDate })),
    })
    .optional(),
  income: z.object({ sources: z.array(z.string()), note: z.string().nullable() }).optional(),
  health: z.object({ markers: z.array(z.string()), note: z.string().nullable() }).optional(),
  addiction: z.object({ markers: z.array(z.string()), note: z.string().nullable() }).optional(),
  criminalRecord: z.object({ markers: z.array(z.string()), note: z.string().nullable() }).optional(),
});
export type DisclosurePayload = z.infer<typeof DisclosurePayload>;

export const Disclosure = z.object({
  id: Id,
  kind: DisclosureKind,
  /** The sender's case: only for the sending organisation (the recipient learns no internal ids). */
  caseId: Id.nullable(),
  caseNumber: z.string().nullable(),
  sender: Ref,
  recipient: z.object({ orgId: Id.nullable(), directoryOrganizationId: Id.nullable(), serviceName: z.string().nullable(), name: z.string() }),
  consentId: Id,
  categories: z.array(DataCategory),
  message: z.string().nullable(),
  status: z.enum(DISCLOSURE_STATUSES),
  /** The consent no longer holds (revoked or expired): the recipient has lost access. */
  consentLapsed: z.boolean(),
  responseReason: z.string().nullable(),
  respondedAt: z.string().nullable(),
  respondedBy: z.string().nullable(),
  replyDueOn: IsoDate.nullable(),
  /** A referral not answered in time. */
  replyOverdue: z.boolean(),
  endReason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  newCaseId: Id.nullable(),
  version: z.number().int(),
});
export type Disclosure = z.infer<typeof Disclosure>;
export const DisclosureList = z.object({ items: z.array(Disclosure) });
export const DisclosureDetail = Disclosure.extend({ payload: DisclosurePayload });
export type DisclosureDetail = z.infer<typeof DisclosureDetail>;

export const SentDisclosuresQuery = z.object({
  /** Only referrals whose reply is overdue. */
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
