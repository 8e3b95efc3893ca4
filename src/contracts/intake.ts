import { z } from 'zod';
import { Id, IsoDate } from './common.js';

export const NOTICE_KINDS = [
  'court_eviction_suit', // Mitteilung in Zivilsachen (MiZi) über eine Räumungsklage
  'jobcenter_warning', // Frühwarnung des Jobcenters (Mietrückstände)
  'landlord_notice', // Meldung von Vermieter / Wohnungsunternehmen
  'termination_notice', // Kündigung
  'eviction_date', // Räumungstermin des Gerichtsvollziehers
  'self_referral', // Selbstmelder:in
  'other',
] as const;
export const NoticeKind = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKind>;

const Name = z.string().trim().min(1).max(100);

/**
 * A date of the case (received, served, hearing, eviction …). The deadline engine's calendar runs
 * 1900–2199 and its deadlines reach two years back and one ahead; within 1950–2149 every deadline
 * can be computed, outside it a date is a typo, refused naming the field (not a 500 later).
 */
// abort: an unparseable date is reported once, not again by the range check.
export const CaseDate = z.iso.date({ abort: true }).refine((d) => d >= '1950-01-01' && d <= '2149-12-31', { message: 'invalid_date' });
/** A birth date: only stored and compared, but year 0 or 9999 is no one's (and year 0 cannot be stored). */
const BirthDate = z.iso.date({ abort: true }).refine((d) => d >= '1900-01-01' && d <= '2149-12-31', { message: 'invalid_date' });
const Money = z.number().min(0).max(1_000_000).multipleOf(0.01);

export const NoticeTenant = z.strictObject({
  firstName: Name,
  lastName: Name,
  birthDate: BirthDate.optional(),
  servedOn: CaseDate.optional(),
  phone: z.string().trim().max(40).optional(),
  email: z.email().max(254).optional(),
});

export const NoticeAddress = z.strictObject({
  street: z.string().trim().min(1).max(200),
  houseNumber: z.string().trim().min(1).max(20),
  postalCode: z.string().regex(/^\d{5}$/),
  city: z.string().trim().min(1).max(100),
});

/** The partner API contract (POST /api/v1/notices): dates YYYY-MM-DD, amounts in euros. */
export const NoticeInput = z.strictObject({
  externalId: z.string().trim().min(1).max(100),
  kind: NoticeKind,
  receivedOn: CaseDate,
  tenants: z.array(NoticeTenant).min(1).max(20),
  householdSize: z.number().int().min(1).max(30).optional(),
  children: z.number().int().min(0).max(25).optional(),
  address: NoticeAddress,
  landlord: z
    .strictObject({
      name: z.string().trim().min(1).max(200),
      address: z.string().trim().max(300).optional(),
      contact: z.string().trim().max(300).optional(),
    })
    .optional(),
  monthlyRent: Money.optional(),
  arrears: Money.optional(),
  termination: z.strictObject({ type: z.enum(['without_notice', 'ordinary', 'both']), receivedOn: CaseDate }).optional(),
  court: z
    .strictObject({
      name: z.string().trim().min(1).max(200),
      fileNumber: z.string().trim().min(1).max(60),
      filedOn: CaseDate.optional(),
      servedOn: CaseDate.optional(),
      hearingOn: CaseDate.optional(),
    })
    .optional(),
  evictionOn: CaseDate.optional(),
  note: z.string().trim().max(4000).optional(),
});
export type NoticeInput = z.infer<typeof NoticeInput>;

export const MatchOutcome = z.enum(['new', 'linked', 'review']);
export type MatchOutcome = z.infer<typeof MatchOutcome>;

export const DeadlineOut = z.object({
  kind: z.string(),
  date: IsoDate,
  rawDate: IsoDate.optional(),
  basis: z.string(),
  estimate: z.boolean().optional(),
});

export const NoticeResult = z.object({
  id: Id,
  household: z.object({ id: Id, match: MatchOutcome }),
  persons: z.array(z.object({ id: Id, match: MatchOutcome })),
  assignedTo: z.object({ orgId: Id, orgName: z.string(), locationId: Id.optional() }),
  deadlines: z.array(DeadlineOut),
});
export type NoticeResult = z.infer<typeof NoticeResult>;

export const NoticeBatchInput = z.strictObject({ notices: z.array(z.unknown()).min(1).max(10_000) });
export const NoticeBatchItem = z.union([
  z.object({ index: z.number().int(), status: z.union([z.literal(201), z.literal(200)]), result: NoticeResult }),
  z.object({
    index: z.number().int(),
    status: z.number().int(),
    error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
  }),
]);
export const NoticeBatchResult = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  rejected: z.number().int(),
  items: z.array(NoticeBatchItem),
});

export const ReceiptStatus = z.enum(['received', 'in_progress', 'contact_made', 'closed']);
export const Receipt = z.object({
  id: Id,
  externalId: z.string(),
  kind: NoticeKind,
  channel: z.string(),
  receivedOn: IsoDate,
  status: ReceiptStatus,
  createdAt: z.string(),
});
export const ReceiptList = z.object({ items: z.array(Receipt) });

export const SchonfristQuery = z.object({
  servedOn: z.union([IsoDate, z.array(IsoDate).min(1).max(20)]).transform((v) => (Array.isArray(v) ? v : [v])),
  state: z.enum(['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH']).default('NW'),
});
export const SchonfristResult = z.object({
  end: IsoDate,
  rawEnd: IsoDate,
  shifts: z.array(z.object({ date: IsoDate, reason: z.string() })),
  state: z.string(),
  basis: z.string(),
});
