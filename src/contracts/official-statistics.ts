import { z } from 'zod';
import { IsoDate } from './common.js';

/*
 * Official statistics and the evaluators' export (issue 7 items 3 and 4; docs/statistics.md):
 *
 * - The federal stock count (Wohnungslosenberichterstattungsgesetz, WoBerichtsG): every person
 *   placed in an accommodation on the night of the reference day (31 January), one record per
 *   person with the characteristics of § 4 in the law's order.
 * - The NRW count (Integrierte Wohnungsnotfall-Berichterstattung, 30 June): the placed persons plus
 *   the members of open cases counselled as roofless or houseless that day and not placed.
 * - The pseudonymised case export: one row per case received in a period, without direct
 *   identifiers, with pseudonyms stable per export key.
 *
 * The catalogues below are also the codes of the CSV files. Housing and the case file import them
 * (accommodation and person fields); this file depends on nothing of ours but common.
 */

/** Calendar days the statistics cover. */
const Day = IsoDate.refine((d) => d >= '1990-01-01' && d <= '2199-12-31', { message: 'invalid_date' });

// ---- catalogues (§ 4 WoBerichtsG) --------------------------------------------------------------

/** Sex (§ 4 no. 1): "unspecified" is the civil-status entry "ohne Angabe"; a person without any entry is unknown. */
export const SEXES = ['female', 'male', 'diverse', 'unspecified'] as const;
export const Sex = z.enum(SEXES);
export type Sex = z.infer<typeof Sex>;

/** Nationality (§ 4 no. 3): ISO 3166-1 alpha-2 ('DE' German), 'XX' stateless; null unknown. */
export const STATELESS = 'XX';
export const Nationality = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, { message: 'invalid_country_code' }));

/** Kind of provision (§ 4 no. 6, Art der Überlassung). */
export const PROVISION_TYPES = [
  'short_term', // kurzfristige Angebote wie Notunterkünfte
  'semi_residential', // teilstationär
  'residential', // stationär
  'other', // sonstige
] as const;
export const ProvisionType = z.enum(PROVISION_TYPES);
export type ProvisionType = z.infer<typeof ProvisionType>;

/** Provider (§ 4 no. 7, Anbieter). */
export const PROVIDER_TYPES = [
  'supra_local_social_assistance', // überörtlicher Träger der Sozialhilfe
  'municipality', // Gemeinde / Gemeindeverband
  'voluntary', // freier Träger
  'commercial', // gewerblicher Anbieter
  'other',
] as const;
export const ProviderType = z.enum(PROVIDER_TYPES);
export type ProviderType = z.infer<typeof ProviderType>;

/** The welfare association of a voluntary provider (only then, and then required). */
export const WELFARE_ASSOCIATIONS = [
  'awo', // Arbeiterwohlfahrt
  'caritas', // Deutscher Caritasverband
  'drk', // Deutsches Rotes Kreuz
  'paritaetischer', // Der Paritätische
  'diakonie', // Diakonie Deutschland
  'zwst', // Zentralwohlfahrtsstelle der Juden in Deutschland
  'other', // anderer Verband / keiner
] as const;
export const WelfareAssociation = z.enum(WELFARE_ASSOCIATIONS);
export type WelfareAssociation = z.infer<typeof WelfareAssociation>;

/** Household type (§ 4 no. 4), derived from the members' relations and ages (domain/reports/official.ts). */
export const HOUSEHOLD_TYPES = [
  'single_person',
  'couple_without_children',
  'couple_with_children',
  'single_parent',
  'other_multi_person',
  'unknown', // some placed persons are not on file
] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

/** Nationality as the federal file writes it: the code column carries the ISO code for foreign. */
export const NATIONALITY_KINDS = ['german', 'foreign', 'stateless', 'unknown'] as const;
export type NationalityKind = (typeof NATIONALITY_KINDS)[number];

// ---- the federal count ---------------------------------------------------------------------------

export const OFFICIAL_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;

export const OfficialQuery = z.strictObject({
  /** The reference day; default: the last 31 January (federal) or 30 June (NRW), Europe/Berlin. */
  on: Day.optional(),
  format: z.enum(OFFICIAL_FORMATS).default('json'),
  lang: z.enum(['de', 'en']).default('de'),
});
export type OfficialQuery = z.input<typeof OfficialQuery>;

/** One placed person: § 4 characteristics in the law's order. */
export const FederalRecord = z.object({
  /** null: not recorded. */
  sex: Sex.nullable(),
  /** Age on the reference day; null: birth date unknown. */
  age: z.number().int().nullable(),
  nationality: z.enum(NATIONALITY_KINDS),
  /** The ISO 3166-1 code for a foreign nationality, else null. */
  nationalityCode: z.string().nullable(),
  householdType: z.enum(HOUSEHOLD_TYPES),
  householdSize: z.number().int(),
  provisionType: ProvisionType,
  providerType: ProviderType,
  welfareAssociation: WelfareAssociation.nullable(),
  /** Start of the placement. */
  placedSince: IsoDate,
  /** Amtlicher Gemeindeschlüssel of the accommodation's municipality. */
  municipalityKey: z.string(),
});
export type FederalRecord = z.infer<typeof FederalRecord>;

/** Counts per code of one characteristic ('unknown' for null), sorted by the catalogue's order. */
export const Totals = z.array(z.object({ key: z.string(), count: z.number().int() }));
export type Totals = z.infer<typeof Totals>;

export const FederalCount = z.object({
  on: IsoDate,
  persons: z.number().int(),
  /** Placements (households) counted. */
  placements: z.number().int(),
  /** Records added for placed persons the case file does not list (all characteristics of the person unknown). */
  unlistedPersons: z.number().int(),
  records: z.array(FederalRecord),
  totals: z.object({
    sex: Totals,
    ageGroup: Totals,
    nationality: Totals,
    householdType: Totals,
    householdSize: Totals,
    provisionType: Totals,
    providerType: Totals,
    welfareAssociation: Totals,
    municipalityKey: Totals,
  }),
});
export type FederalCount = z.infer<typeof FederalCount>;

// ---- the NRW count ---------------------------------------------------------------------------

export const AGE_GROUPS = ['0-17', '18-20', '21-24', '25-29', '30-39', '40-49', '50-59', '60-64', '65+', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const NATIONALITY_GROUPS = ['german', 'eu', 'non_eu', 'stateless', 'unknown'] as const;
export type NationalityGroup = (typeof NATIONALITY_GROUPS)[number];
/**
 * The situation on the reference day: placed (by kind of provision) or, not placed, the ETHOS Light
 * category of the living situation (roofless: 1, 2; houseless: 3, 4).
 */
export const NRW_SITUATIONS = [
  'placed_short_term',
  'placed_semi_residential',
  'placed_residential',
  'placed_other',
  'rough_sleeping',
  'emergency_accommodation',
  'homeless_accommodation',
  'institution',
] as const;
export type NrwSituation = (typeof NRW_SITUATIONS)[number];

export const NrwRecord = z.object({
  ageGroup: z.enum(AGE_GROUPS),
  sex: z.enum([...SEXES, 'unknown']),
  nationalityGroup: z.enum(NATIONALITY_GROUPS),
  householdType: z.enum(HOUSEHOLD_TYPES),
  situation: z.enum(NRW_SITUATIONS),
  municipalityKey: z.string().nullable(),
});
export type NrwRecord = z.infer<typeof NrwRecord>;

export const NrwCount = z.object({
  on: IsoDate,
  persons: z.number().int(),
  placed: z.number().int(),
  counselled: z.number().int(),
  records: z.array(NrwRecord),
  totals: z.object({
    ageGroup: Totals,
    sex: Totals,
    nationalityGroup: Totals,
    householdType: Totals,
    situation: Totals,
  }),
});
export type NrwCount = z.infer<typeof NrwCount>;

// ---- the pseudonymised case export ------------------------------------------------------------------

export const PseudonymisedExportInput = z.strictObject({
  from: Day,
  to: Day,
  /** The evaluator's export key: the same key gives the same pseudonyms, another key unlinkable ones. */
  key: z.string().min(12).max(200),
  format: z.enum(['csv', 'xlsx', 'pdf']).default('csv'),
});
export type PseudonymisedExportInput = z.input<typeof PseudonymisedExportInput>;

/** The export's columns in their order (the CSV header); multi-valued fields joined with '|'. */
export const PSEUDONYMISED_COLUMNS = [
  'case_pseudonym',
  'household_pseudonym',
  'received_month',
  'notice_kinds',
  'municipality_key',
  'target_groups',
  'living_situation',
  'household_size',
  'children',
  'age_groups',
  'reached',
  'days_to_first_attempt',
  'days_to_first_conversation',
  'outcome',
  'closed_month',
  'causes',
  'measures',
  'arrears_rounded',
  'rent_debt_applied_rounded',
  'rent_debt_assumed_rounded',
  'shelter_placement',
  'brokered_lease_month',
] as const;
