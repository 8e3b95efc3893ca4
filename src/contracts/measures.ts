import { z } from 'zod';
import { Id, IsoDate, Version } from './common.js';

/** A calendar day the case work can compute with (the domain's date arithmetic covers 1900–2199). */
const Day = IsoDate.refine((d) => d >= '1900-01-01' && d <= '2199-12-31', { message: 'invalid_date' });

/**
 * Measures (Maßnahmen) that secure a tenancy, grouped into categories. The category decides which
 * statuses a measure goes through (src/domain/casework/measures.ts); an organisation's catalogue
 * names its measure types and gives each a category.
 */
export const MEASURE_CATEGORIES = [
  'rent_debt_assumption', // Mietschuldenübernahme, § 22 Abs. 8 SGB II / § 36 SGB XII
  'instalment_agreement', // Ratenzahlungsvereinbarung mit der Vermieterseite
  'direct_payment', // Direktzahlung der Miete (§ 22 Abs. 7 SGB II)
  'landlord_negotiation', // Verhandlung mit der Vermieterseite
  'referral', // Vermittlung (Schuldnerberatung, Suchthilfe, SpDi, Klinik, Sozialdienst JVA)
  'accompaniment', // Begleitung zu Terminen
  'benefit_application', // Wohngeld, SGB II, SGB XII
  'other',
] as const;

export const RENT_DEBT_STATUSES = ['draft', 'applied', 'approved', 'partly_approved', 'rejected', 'withdrawn'] as const;

export const MEASURE_STATUSES = [
  'planned', 'in_progress', 'done', 'failed', 'cancelled', // work steps
  'referred', 'attended', 'not_attended', // referrals
  'applied', 'approved', 'partly_approved', 'rejected', 'withdrawn', // applications
  'draft', // rent-debt applications not yet submitted
] as const;

export const MeasureCategory = z.enum(MEASURE_CATEGORIES);
export type MeasureCategory = z.infer<typeof MeasureCategory>;
export const MeasureStatus = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof MeasureStatus>;
export const RentDebtStatus = z.enum(RENT_DEBT_STATUSES);
export type RentDebtStatus = z.infer<typeof RentDebtStatus>;

/** Who pays: the Jobcenter (§ 22 Abs. 8 SGB II) or the social office (§ 36 SGB XII). */
export const RentDebtBody = z.enum(['jobcenter', 'social_office']);
export type RentDebtBody = z.infer<typeof RentDebtBody>;
/** Darlehen or Beihilfe. */
export const RentDebtForm = z.enum(['loan', 'grant']);
export type RentDebtForm = z.infer<typeof RentDebtForm>;

const Money = z.number().min(0).max(1_000_000).multipleOf(0.01);
const PositiveMoney = z.number().min(0.01).max(1_000_000).multipleOf(0.01);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

// ---- catalogue -------------------------------------------------------------------------------
export const MeasureType = z.object({
  id: Id,
  key: z.string(),
  category: MeasureCategory,
  label: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});
export type MeasureType = z.infer<typeof MeasureType>;

export const MeasureSettings = z.object({
  schonfristWarningDays: z.number().int(),
  /** 0 while the organisation still uses the defaults. */
  version: z.number().int(),
});
export type MeasureSettings = z.infer<typeof MeasureSettings>;

export const MeasureCatalogue = z.object({ items: z.array(MeasureType), settings: MeasureSettings });
export type MeasureCatalogue = z.infer<typeof MeasureCatalogue>;

export const MeasureTypeInput = z.strictObject({
  category: MeasureCategory,
  label: z.string().trim().min(1).max(200),
  sortOrder: z.number().int().min(0).max(100_000).default(1000),
  active: z.boolean().default(true),
});
export const MeasureTypePatch = z.strictObject({
  version: Version,
  label: z.string().trim().min(1).max(200).optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  active: z.boolean().optional(),
});
export const MeasureSettingsInput = z.strictObject({
  schonfristWarningDays: z.number().int().min(0).max(60),
  /** The version shown (0 for the defaults). */
  version: z.number().int().min(0).max(2_147_483_647),
});

// ---- measures --------------------------------------------------------------------------------
export const RentDebtWarning = z.object({
  code: z.enum([
    'commitment_after_schonfrist',
    'commitment_close_to_schonfrist',
    'undecided_schonfrist_near',
    'commitment_missing_schonfrist_near',
    'schonfrist_passed_without_commitment',
  ]),
  days: z.number().int(),
});

export const RentDebtDecision = z.object({
  amount: z.number().nullable(),
  form: RentDebtForm.nullable(),
  decidedOn: IsoDate.nullable(),
  note: z.string().nullable(),
  decidedByName: z.string().nullable(),
});

/** A rent-debt assumption application as the case's caseworker sees it. */
export const RentDebtApplication = z.object({
  status: RentDebtStatus,
  amount: z.number(),
  body: RentDebtBody,
  form: RentDebtForm,
  reasoning: z.string().nullable(),
  decidingOrg: z.object({ id: Id, name: z.string() }).nullable(),
  submittedAt: z.string().nullable(),
  decision: RentDebtDecision.nullable(),
  commitmentOn: IsoDate.nullable(),
  /** The case's Schonfrist end now (it may have been recomputed since the submission). */
  schonfristEnd: IsoDate.nullable(),
  schonfristEstimate: z.boolean(),
  warningDays: z.number().int(),
  warnings: z.array(RentDebtWarning),
});
export type RentDebtApplication = z.infer<typeof RentDebtApplication>;

export const Measure = z.object({
  id: Id,
  caseId: Id,
  type: z.object({ id: Id, key: z.string(), label: z.string() }),
  category: MeasureCategory,
  /** For rent-debt assumptions the application's status. */
  status: MeasureStatus,
  startedOn: IsoDate.nullable(),
  dueOn: IsoDate.nullable(),
  completedOn: IsoDate.nullable(),
  amount: z.number().nullable(),
  counterpart: z.string().nullable(),
  note: z.string().nullable(),
  rentDebt: RentDebtApplication.nullable(),
  /** For rent-debt assumptions the application's version (the deciding organisation changes it too). */
  version: z.number().int(),
});
export type Measure = z.infer<typeof Measure>;
export const MeasureList = z.object({ items: z.array(Measure) });

export const RentDebtInput = z.strictObject({
  amount: PositiveMoney,
  body: RentDebtBody,
  form: RentDebtForm,
  reasoning: OptionalText(4000),
  decidingOrgId: Id.nullable().optional(),
});

export const MeasureInput = z.strictObject({
  typeId: Id,
  /** Default: the category's first status. */
  status: MeasureStatus.optional(),
  startedOn: Day.nullable().optional(),
  dueOn: Day.nullable().optional(),
  completedOn: Day.nullable().optional(),
  amount: Money.nullable().optional(),
  counterpart: OptionalText(200),
  note: OptionalText(4000),
  /** Required for (and only for) a rent-debt assumption. */
  rentDebt: RentDebtInput.optional(),
});
export type MeasureInput = z.input<typeof MeasureInput>;

export const MeasurePatch = z.strictObject({
  version: Version,
  /** For a rent-debt assumption: 'applied' submits it to the deciding organisation, 'withdrawn' takes it back. */
  status: MeasureStatus.optional(),
  startedOn: Day.nullable().optional(),
  dueOn: Day.nullable().optional(),
  completedOn: Day.nullable().optional(),
  amount: Money.nullable().optional(),
  counterpart: OptionalText(200),
  note: OptionalText(4000),
  rentDebt: RentDebtInput.partial()
    .extend({
      /** Reported by the landlord or the paying body after the decision. */
      commitmentOn: Day.nullable().optional(),
    })
    .strict()
    .optional(),
});
export type MeasurePatch = z.input<typeof MeasurePatch>;

// ---- the deciding organisation's view --------------------------------------------------------
/**
 * What the deciding organisation sees: the application as submitted, nothing else of the case.
 */
export const SubmittedApplication = z.object({
  id: Id,
  status: RentDebtStatus,
  caseNumber: z.string(),
  submittingOrg: z.object({ id: Id, name: z.string() }),
  submittedAt: z.string(),
  submittedByName: z.string().nullable(),
  applicantNames: z.string(),
  householdAddress: z.string(),
  landlordName: z.string().nullable(),
  amount: z.number(),
  body: RentDebtBody,
  form: RentDebtForm,
  reasoning: z.string().nullable(),
  schonfristEnd: IsoDate.nullable(),
  schonfristEstimate: z.boolean(),
  decision: RentDebtDecision.nullable(),
  commitmentOn: IsoDate.nullable(),
  warnings: z.array(RentDebtWarning),
  version: z.number().int(),
});
export type SubmittedApplication = z.infer<typeof SubmittedApplication>;
export const SubmittedApplicationList = z.object({ items: z.array(SubmittedApplication), warningDays: z.number().int() });

export const SubmittedApplicationQuery = z.object({
  /** open: waiting for a decision; decided: approved, partly approved or rejected. */
  status: z.enum(['open', 'decided', 'all']).default('open'),
});

export const DecisionInput = z
  .strictObject({
    version: Version,
    status: z.enum(['approved', 'partly_approved', 'rejected']),
    /** Required unless rejected; for a partial approval less than applied for. */
    amount: PositiveMoney.nullable().optional(),
    form: RentDebtForm.nullable().optional(),
    decidedOn: Day,
    /** The day the payment commitment reached the landlord, once it has. */
    commitmentOn: Day.nullable().optional(),
    note: OptionalText(4000),
  })
  .superRefine((d, ctx) => {
    const granted = d.status !== 'rejected';
    if (granted && d.amount == null) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'required' });
    if (granted && d.form == null) ctx.addIssue({ code: 'custom', path: ['form'], message: 'required' });
    if (!granted && d.amount != null) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'measure.not_with_rejection' });
    if (!granted && d.commitmentOn != null) ctx.addIssue({ code: 'custom', path: ['commitmentOn'], message: 'measure.not_with_rejection' });
    if (d.commitmentOn && d.commitmentOn < d.decidedOn) ctx.addIssue({ code: 'custom', path: ['commitmentOn'], message: 'measure.commitment_before_decision' });
  });
export type DecisionInput = z.input<typeof DecisionInput>;
