import { z } from 'zod';
import { Id, IsoDate, Version } from './common.js';
import { Nationality, Sex } from './official-statistics.js';
import { CaseDate } from './intake.js';

/*
 * The household case file (Fallakte): catalogues shared by server, domain rules and web, the
 * case-file part of a case, and the requests that edit it. Every edit carries the case's version
 * (optimistic locking); the sensitive part has a version of its own.
 */

// ---- catalogues (labels: web.json casefile.*) -------------------------------------------------

/** How a member belongs to the household (the first is the one the tenancy is in the name of). */
export const MEMBER_RELATIONS = ['main_tenant', 'co_tenant', 'partner', 'child', 'relative', 'other'] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];
/** Relations that make a member a party to the lease (a defendant in an eviction suit). */
export const TENANT_RELATIONS: readonly MemberRelation[] = ['main_tenant', 'co_tenant'];

/**
 * Target groups named by the programme's seeds that are NOT special categories of personal data.
 * Chronic illness (Art. 9 GDPR) and release from prison (Art. 10 GDPR) are target groups too, but
 * they live among the sensitive markers below, so only staff with `cases.sensitive` see them.
 */
export const TARGET_GROUPS = [
  'families_with_children',
  'single_parents',
  'women_without_own_lease', // women living without their own lease in dependent arrangements
  'refugees_in_shelter', // refugees in municipal shelters for more than a year
  'young_adults', // under 25
  'seniors', // 65 and older
  'large_households',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** Special categories of data (Art. 9 and 10 GDPR): stored apart, shown only with `cases.sensitive`. */
export const SENSITIVE_MARKERS = [
  { code: 'chronically_ill', category: 'health', targetGroup: true },
  { code: 'mental_illness', category: 'health', targetGroup: false },
  { code: 'disability', category: 'health', targetGroup: false },
  { code: 'addiction', category: 'addiction', targetGroup: false },
  { code: 'released_from_prison', category: 'criminal', targetGroup: true },
  { code: 'in_prison', category: 'criminal', targetGroup: false },
  { code: 'criminal_proceedings', category: 'criminal', targetGroup: false },
] as const;
export type SensitiveMarker = (typeof SENSITIVE_MARKERS)[number]['code'];
export const SENSITIVE_MARKER_CODES = SENSITIVE_MARKERS.map((m) => m.code) as [SensitiveMarker, ...SensitiveMarker[]];

/**
 * ETHOS Light (FEANTSA 2007): six operational categories of homelessness, each with its living
 * situations. Most prevention cases are still housed; for them the catalogue adds ETHOS
 * category 9 ("living under threat of eviction") from the full typology, and for households
 * housed again (a brokered flat) "housed", both marked `extension`.
 */
export const ETHOS_CATEGORIES = [
  { code: 'rough_sleeping', number: 1, situations: ['public_space'] },
  { code: 'emergency_accommodation', number: 2, situations: ['overnight_shelter'] },
  {
    code: 'homeless_accommodation',
    number: 3,
    situations: ['homeless_hostel', 'temporary_accommodation', 'transitional_supported', 'womens_shelter'],
  },
  { code: 'institution', number: 4, situations: ['health_care_institution', 'penal_institution'] },
  { code: 'non_conventional', number: 5, situations: ['mobile_home', 'non_conventional_building', 'temporary_structure'] },
  { code: 'with_family_or_friends', number: 6, situations: ['not_usual_residence'] },
  { code: 'threat_of_eviction', number: 9, situations: ['rented_housing', 'owned_housing'], extension: true },
  // After a placement through brokerage (or another move into an own flat): housed again, no ETHOS
  // category; the case still needs to say so, for the follow-up and the evaluation.
  { code: 'housed', number: null, situations: ['own_tenancy'], extension: true },
] as const;
export type EthosCategory = (typeof ETHOS_CATEGORIES)[number]['code'];
export type EthosSituation = (typeof ETHOS_CATEGORIES)[number]['situations'][number];
export const ETHOS_CATEGORY_CODES = ETHOS_CATEGORIES.map((c) => c.code) as [EthosCategory, ...EthosCategory[]];
export const ETHOS_SITUATION_CODES = ETHOS_CATEGORIES.flatMap((c) => [...c.situations]) as [EthosSituation, ...EthosSituation[]];

/** Where the household's money comes from (several at once; "none" only alone). */
export const INCOME_SOURCES = [
  'wages',
  'sgb2', // Bürgergeld (SGB II)
  'sgb12', // Sozialhilfe / Grundsicherung (SGB XII)
  'asylum_seekers_benefits', // AsylbLG
  'pension',
  'unemployment_benefit', // Arbeitslosengeld I (SGB III)
  'child_benefit', // Kindergeld
  'child_supplement', // Kinderzuschlag
  'housing_benefit', // Wohngeld
  'maintenance', // Unterhalt / Unterhaltsvorschuss
  'student_aid', // BAföG / Berufsausbildungsbeihilfe
  'none',
  'other',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

/** ISO 639-1 codes: the household's preferred language is one of them. */
export const ISO_639_1 = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en ' +
  'eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja ' +
  'jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb ' +
  'nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq ' +
  'sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

/** Languages the letters are written in; a preferred language among them is pre-selected there. */
export const LETTER_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk'] as const;

export const TERMINATION_TYPES = ['without_notice', 'ordinary', 'both'] as const;

// ---- what the case shows ---------------------------------------------------------------------

const Person = z.object({ id: Id, name: z.string() });

export const CaseMember = z.object({
  personId: Id,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: IsoDate.nullable(),
  age: z.number().int().nullable(),
  relation: z.enum(MEMBER_RELATIONS),
  /** A defendant of the case (a tenant named on a notice): stays in the household. */
  isCaseTenant: z.boolean(),
  /** For the official statistics (§ 4 WoBerichtsG); null: not recorded. */
  sex: Sex.nullable(),
  /** ISO 3166-1 alpha-2, 'XX' stateless; null: unknown. */
  nationality: z.string().nullable(),
});
export type CaseMember = z.infer<typeof CaseMember>;

export const ArrearsEntry = z.object({
  id: Id,
  recordedOn: IsoDate,
  amount: z.number(),
  months: z.number().nullable(),
  note: z.string().nullable(),
});

export const Handover = z.object({
  id: Id,
  at: z.string(),
  from: Person.nullable(),
  to: Person,
  by: Person,
  note: z.string(),
});

export const Landlord = z.object({ name: z.string(), address: z.string().optional(), contact: z.string().optional() });

export const CaseFile = z.object({
  members: z.array(CaseMember),
  /** Derived from the members (domain/casework householdFacts). */
  facts: z.object({ size: z.number().int(), children: z.number().int(), adults: z.number().int(), ageUnknown: z.number().int() }),
  targetGroups: z.array(z.enum(TARGET_GROUPS)),
  derivedTargetGroups: z.array(z.enum(TARGET_GROUPS)),
  livingSituation: z.object({ category: z.enum(ETHOS_CATEGORY_CODES), situation: z.enum(ETHOS_SITUATION_CODES), since: IsoDate.nullable() }).nullable(),
  incomeSources: z.array(z.enum(INCOME_SOURCES)),
  incomeNote: z.string().nullable(),
  tenancy: z.object({
    landlord: Landlord.nullable(),
    baseRent: z.number().nullable(),
    serviceCharges: z.number().nullable(),
    heatingCosts: z.number().nullable(),
    /** The sum of the split when all of it is known, else the total as reported. */
    totalRent: z.number().nullable(),
    tenancyStart: IsoDate.nullable(),
    floorArea: z.number().nullable(),
  }),
  arrears: z.object({
    current: z.number().nullable(),
    /** The current arrears in monthly rents (two allow a termination without notice). */
    months: z.number().nullable(),
    entries: z.array(ArrearsEntry),
  }),
  contact: z.object({
    phone: z.string().nullable(),
    email: z.string().nullable(),
    postalAddress: z.string().nullable(),
    bestTimes: z.string().nullable(),
    /** ISO 639-1; letters pre-select it when it is one of LETTER_LANGUAGES. */
    preferredLanguage: z.string().nullable(),
    interpreterNeeded: z.boolean(),
  }),
  handovers: z.array(Handover),
});
export type CaseFile = z.infer<typeof CaseFile>;

// ---- edits -----------------------------------------------------------------------------------

const Money = z.number().min(0).max(1_000_000).multipleOf(0.01);
const Text = (max: number) => z.string().trim().max(max);
/** Optional and clearable: absent = unchanged, null = cleared. */
const opt = <T extends z.ZodType>(s: T) => s.nullable().optional();
const BirthDate = z.iso.date({ abort: true }).refine((d) => d >= '1900-01-01' && d <= '2149-12-31', { message: 'invalid_date' });
const Phone = z.string().trim().regex(/^\+?[0-9 ()/.-]{3,40}$/);
const Email = z.email().max(254).transform((s) => s.toLowerCase());

export const LivingSituationInput = z.strictObject({
  category: z.enum(ETHOS_CATEGORY_CODES),
  situation: z.enum(ETHOS_SITUATION_CODES),
  since: opt(CaseDate),
});

/**
 * A partial edit of the case file: each group that is present changes the fields it names; a
 * field set to null is cleared. Legal changes recompute every deadline.
 */
export const CaseFilePatch = z.strictObject({
  version: Version,
  situation: z
    .strictObject({
      targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length).optional(),
      livingSituation: opt(LivingSituationInput),
      incomeSources: z.array(z.enum(INCOME_SOURCES)).max(INCOME_SOURCES.length).optional(),
      incomeNote: opt(Text(1000)),
    })
    .optional(),
  tenancy: z
    .strictObject({
      landlord: opt(z.strictObject({ name: Text(200).min(1), address: Text(300).optional(), contact: Text(300).optional() })),
      baseRent: opt(Money),
      serviceCharges: opt(Money),
      heatingCosts: opt(Money),
      /** The total rent, where the split is not known (with the full split, the sum counts). */
      monthlyRent: opt(Money),
      tenancyStart: opt(CaseDate),
      floorArea: opt(z.number().min(1).max(10_000).multipleOf(0.01)),
    })
    .optional(),
  legal: z
    .strictObject({
      terminationType: opt(z.enum(TERMINATION_TYPES)),
      terminationReceivedOn: opt(CaseDate),
      courtName: opt(Text(200)),
      courtFileNumber: opt(Text(100)),
      suitFiledOn: opt(CaseDate),
      hearingOn: opt(CaseDate),
      judgmentOn: opt(CaseDate),
      judgmentFinalOn: opt(CaseDate),
      raeumungsfristEnd: opt(CaseDate),
      evictionOn: opt(CaseDate),
      /** Terminations cured within the last two years (the Schonfrist then may not apply again). */
      earlierCuredTerminations: z.array(CaseDate).max(10).optional(),
      /** Service of the suit on each tenant of the case. */
      service: z.array(z.strictObject({ personId: Id, servedOn: CaseDate.nullable() })).max(20).optional(),
    })
    .optional(),
  contact: z
    .strictObject({
      phone: opt(Phone),
      email: opt(Email),
      postalAddress: opt(Text(300)),
      bestTimes: opt(Text(300)),
      preferredLanguage: opt(z.enum(ISO_639_1 as [string, ...string[]])),
      interpreterNeeded: z.boolean().optional(),
    })
    .optional(),
});
export type CaseFilePatch = z.input<typeof CaseFilePatch>;

/** The household's members, as a whole list: without personId a member is new; one left out leaves. */
export const MembersInput = z.strictObject({
  version: Version,
  members: z
    .array(
      z.strictObject({
        personId: Id.optional(),
        firstName: Text(100).min(1),
        lastName: Text(100).min(1),
        birthDate: BirthDate.nullable(),
        relation: z.enum(MEMBER_RELATIONS),
        /** Absent: unchanged (a new member: not recorded); null: cleared. */
        sex: Sex.nullable().optional(),
        /** ISO 3166-1 alpha-2 ('DE' German), 'XX' stateless; absent: unchanged; null: unknown. */
        nationality: Nationality.nullable().optional(),
      }),
    )
    .max(30),
});
export type MembersInput = z.input<typeof MembersInput>;

/** The arrears history, as a whole list: without id an entry is new; one left out is removed. */
export const ArrearsInput = z.strictObject({
  version: Version,
  entries: z
    .array(
      z.strictObject({
        id: Id.optional(),
        recordedOn: CaseDate,
        amount: Money,
        months: opt(z.number().min(0).max(999).multipleOf(0.1)),
        note: opt(Text(500)),
      }),
    )
    .max(200),
});
export type ArrearsInput = z.input<typeof ArrearsInput>;

// ---- special categories of data -------------------------------------------------------------

export const SensitiveData = z.object({
  /** 0: nothing recorded yet. */
  version: z.number().int(),
  markers: z.array(z.enum(SENSITIVE_MARKER_CODES)),
  healthNote: z.string().nullable(),
  addictionNote: z.string().nullable(),
  criminalRecordNote: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type SensitiveData = z.infer<typeof SensitiveData>;

export const SensitiveInput = z.strictObject({
  /** The version read (0 when nothing was recorded yet). */
  version: z.number().int().min(0).max(2_147_483_647),
  markers: z.array(z.enum(SENSITIVE_MARKER_CODES)).max(SENSITIVE_MARKER_CODES.length),
  healthNote: z.string().trim().max(5000).nullable(),
  addictionNote: z.string().trim().max(5000).nullable(),
  criminalRecordNote: z.string().trim().max(5000).nullable(),
});
export type SensitiveInput = z.input<typeof SensitiveInput>;

// ---- handover and absences -------------------------------------------------------------------

export const HandoverInput = z.strictObject({
  version: Version,
  toUserId: Id,
  note: z.string().trim().min(1).max(2000),
});
export type HandoverInput = z.input<typeof HandoverInput>;

export const Absence = z.object({
  id: Id,
  user: Person,
  substitute: Person,
  startsOn: IsoDate,
  endsOn: IsoDate,
  note: z.string().nullable(),
  /** Covers today. */
  current: z.boolean(),
});
export type Absence = z.infer<typeof Absence>;
export const Absences = z.object({ items: z.array(Absence) });

export const AbsenceInput = z.strictObject({
  /** Whose absence; default the caller. Team leads may record anyone's of their organisation. */
  userId: Id.optional(),
  substituteId: Id,
  startsOn: CaseDate,
  endsOn: CaseDate,
  note: opt(Text(500)),
});
export type AbsenceInput = z.input<typeof AbsenceInput>;
