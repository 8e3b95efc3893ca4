import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, Version } from './common.js';
import { ProviderType, ProvisionType, WelfareAssociation } from './official-statistics.js';

/*
 * Housing (issue 5): the emergency-shelter register, landlords with cooperation agreements,
 * rent-adequacy tables, flat offers, and brokerage — searching households matched to offers,
 * proposals, viewings, leases, and what became of the tenancies.
 *
 * Accommodations and adequacy tables are district information (every organisation reads them);
 * landlords are the owner's unless shared; placements, searches, offers and proposals name
 * households and stay within one organisation.
 */

/** Calendar days the domain's date arithmetic covers; anything else is a typing error. */
const Day = IsoDate.refine((d) => d >= '1900-01-01' && d <= '2199-12-31', { message: 'invalid_date' });
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Money = z.number().min(0).max(1_000_000).multipleOf(0.01);
const Area = z.number().min(1).max(10_000).multipleOf(0.01);
const PostalCode = z.string().regex(/^\d{5}$/);
// At most 40 characters in all, as the columns hold (the optional + included).
const Phone = z.string().trim().max(40).regex(/^\+?[0-9 ()/.-]{3,40}$/);
const Email = z.email().max(254).transform((s) => s.toLowerCase());
/** Optional and clearable: absent = unchanged (in patches), null = none. */
const opt = <T extends z.ZodType>(s: T) => s.nullable().optional();

// ---- catalogues ------------------------------------------------------------------------------

export const ACCOMMODATION_KINDS = [
  'emergency_shelter', // Notunterkunft (ordnungsrechtliche Unterbringung)
  'transitional_housing', // Übergangswohnheim
  'refugee_accommodation', // Gemeinschaftsunterkunft für Geflüchtete
  'hostel', // Pension / Hotel
  'temporary_flat', // befristet zur Verfügung gestellte Wohnung
] as const;
export const AccommodationKind = z.enum(ACCOMMODATION_KINDS);
export type AccommodationKind = z.infer<typeof AccommodationKind>;

export const MOVE_OUT_REASONS = ['own_flat', 'other_accommodation', 'relatives', 'institution', 'unknown', 'other'] as const;
export const MoveOutReason = z.enum(MOVE_OUT_REASONS);
export type MoveOutReason = z.infer<typeof MoveOutReason>;

export const LANDLORD_KINDS = ['private', 'housing_company', 'cooperative', 'municipal_company', 'other'] as const;
export const LandlordKind = z.enum(LANDLORD_KINDS);
export type LandlordKind = z.infer<typeof LandlordKind>;

export const SEARCH_STATUSES = ['active', 'paused', 'housed', 'ended'] as const;
export const SearchStatus = z.enum(SEARCH_STATUSES);
export type SearchStatus = z.infer<typeof SearchStatus>;

export const OFFER_STATUSES = ['open', 'reserved', 'let', 'withdrawn'] as const;
export const OfferStatus = z.enum(OFFER_STATUSES);
export type OfferStatus = z.infer<typeof OfferStatus>;

export const PROPOSAL_STATUSES = [
  'proposed',
  'viewing_planned',
  'viewed',
  'accepted_by_landlord',
  'declined_by_landlord',
  'declined_by_household',
  'withdrawn',
  'lease_signed',
] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

// ---- adequacy (Angemessenheit der Kosten der Unterkunft) ----------------------------------------

export const AdequacyLimitRow = z.strictObject({
  householdSize: z.number().int().min(1).max(30),
  /** Bruttokaltmiete limit: base rent plus service charges, without heating. */
  grossColdRent: Money.min(0.01),
  floorArea: Area,
});
export type AdequacyLimitRow = z.infer<typeof AdequacyLimitRow>;

export const AdequacyTableInput = z.strictObject({
  validFrom: Day,
  validUntil: opt(Day),
  source: OptionalText(500),
  /** For households larger than the largest row: added per further person. */
  extraPersonRent: opt(Money),
  extraPersonArea: opt(Area),
  limits: z.array(AdequacyLimitRow).min(1).max(30),
});
export type AdequacyTableInput = z.input<typeof AdequacyTableInput>;
export const AdequacyTablePatch = AdequacyTableInput.partial().extend({ version: Version });

export const AdequacyAreaInput = z.strictObject({
  name: Text(200),
  municipalityIds: z.array(Id).max(500),
});
export const AdequacyAreaPatch = AdequacyAreaInput.partial().extend({ version: Version });

export const AdequacyTable = z.object({
  id: Id,
  validFrom: IsoDate,
  validUntil: IsoDate.nullable(),
  source: z.string().nullable(),
  extraPersonRent: z.number().nullable(),
  extraPersonArea: z.number().nullable(),
  limits: z.array(AdequacyLimitRow),
  version: z.number(),
});
export type AdequacyTable = z.infer<typeof AdequacyTable>;

export const AdequacyArea = z.object({
  id: Id,
  name: z.string(),
  municipalities: z.array(z.object({ id: Id, name: z.string() })),
  tables: z.array(AdequacyTable),
  version: z.number(),
});
export type AdequacyArea = z.infer<typeof AdequacyArea>;
export const AdequacyAreaList = z.object({ items: z.array(AdequacyArea), canEdit: z.boolean() });

/** Why a flat's cost or size is (not) adequate for a household (domain/housing/adequacy). */
export const ADEQUACY_VERDICTS = ['adequate', 'rent_too_high', 'rent_unknown', 'no_limit'] as const;
export const AdequacyCheck = z.object({
  verdict: z.enum(ADEQUACY_VERDICTS),
  householdSize: z.number().int(),
  grossColdRent: z.number().nullable(),
  rentLimit: z.number().nullable(),
  /** Positive: how far the rent is above the limit. */
  rentExcess: z.number().nullable(),
  floorArea: z.number().nullable(),
  areaLimit: z.number().nullable(),
  /**
   * Floor area above the limit does not make a flat inadequate when the rent stays within the
   * limit (Produkttheorie, BSG): it is a note for the Jobcenter's file, not a refusal.
   */
  areaAboveLimit: z.boolean(),
  areaName: z.string().nullable(),
  tableValidFrom: IsoDate.nullable(),
});
export type AdequacyCheck = z.infer<typeof AdequacyCheck>;

export const AdequacyQuery = z.strictObject({
  municipalityId: Id,
  householdSize: z.coerce.number().int().min(1).max(30),
  grossColdRent: z.coerce.number().min(0).max(1_000_000).optional(),
  floorArea: z.coerce.number().min(1).max(10_000).optional(),
  on: Day.optional(),
});

// ---- shelter register -----------------------------------------------------------------------------

export const AccommodationInput = z.strictObject({
  kind: AccommodationKind,
  name: Text(200),
  provider: OptionalText(200),
  street: OptionalText(200),
  houseNumber: OptionalText(20),
  postalCode: opt(PostalCode),
  city: OptionalText(100),
  municipalityId: Id,
  places: z.number().int().min(0).max(10_000),
  active: z.boolean().default(true),
  note: OptionalText(2000),
  /** § 4 WoBerichtsG (contracts/official-statistics.ts): kind of provision, provider, and for a voluntary provider its welfare association. */
  provisionType: ProvisionType.default('short_term'),
  providerType: ProviderType.default('municipality'),
  /** Required when providerType is voluntary, else none. */
  welfareAssociation: opt(WelfareAssociation),
});
export type AccommodationInput = z.input<typeof AccommodationInput>;
/** `active` without its default: a patch that does not send it leaves it as it is (it would reopen a closed house otherwise). */
export const AccommodationPatch = AccommodationInput.extend({ active: z.boolean(), provisionType: ProvisionType, providerType: ProviderType })
  .partial()
  .extend({ version: Version });

export const Accommodation = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  kind: AccommodationKind,
  name: z.string(),
  provider: z.string().nullable(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  municipality: z.object({ id: Id, name: z.string() }),
  places: z.number().int(),
  active: z.boolean(),
  note: z.string().nullable(),
  provisionType: ProvisionType,
  providerType: ProviderType,
  welfareAssociation: WelfareAssociation.nullable(),
  /** Across every organisation placing households there (counts only). */
  occupancy: z.object({ households: z.number().int(), persons: z.number().int(), free: z.number().int() }),
  canEdit: z.boolean(),
  version: z.number(),
});
export type Accommodation = z.infer<typeof Accommodation>;
export const AccommodationList = z.object({ items: z.array(Accommodation) });

export const PlacementInput = z.strictObject({
  accommodationId: Id,
  persons: z.number().int().min(1).max(30),
  movedInOn: Day,
  note: OptionalText(2000),
});
export type PlacementInput = z.input<typeof PlacementInput>;
export const PlacementPatch = z
  .strictObject({
    version: Version,
    persons: z.number().int().min(1).max(30).optional(),
    movedInOn: Day.optional(),
    movedOutOn: opt(Day),
    moveOutReason: opt(MoveOutReason),
    note: OptionalText(2000),
  })
  .refine((p) => p.movedOutOn === undefined || (p.movedOutOn === null) === (p.moveOutReason == null), {
    message: 'housing.move_out_reason_required',
    path: ['moveOutReason'],
  });
export type PlacementPatch = z.input<typeof PlacementPatch>;

export const Placement = z.object({
  id: Id,
  caseId: Id,
  accommodation: z.object({ id: Id, name: z.string(), kind: AccommodationKind, municipalityName: z.string() }),
  persons: z.number().int(),
  movedInOn: IsoDate,
  movedOutOn: IsoDate.nullable(),
  moveOutReason: MoveOutReason.nullable(),
  note: z.string().nullable(),
  /** Whole months of the stay so far (or of the whole stay, once it ended). */
  months: z.number().int(),
  version: z.number(),
});
export type Placement = z.infer<typeof Placement>;
export const PlacementList = z.object({ items: z.array(Placement) });

/** Households staying longer than the configured time: the priority group for brokerage. */
export const LongStay = z.object({
  caseId: Id,
  caseNumber: z.string(),
  householdName: z.string(),
  persons: z.number().int(),
  children: z.number().int(),
  accommodation: z.object({ id: Id, name: z.string(), kind: AccommodationKind }),
  movedInOn: IsoDate,
  months: z.number().int(),
  search: z.object({ id: Id, status: SearchStatus }).nullable(),
});
export type LongStay = z.infer<typeof LongStay>;
export const LongStayList = z.object({ items: z.array(LongStay), thresholdMonths: z.number().int() });

/** A current placement as the accommodation's page lists it (the own organisation's households only). */
export const AccommodationPlacement = Placement.extend({ caseNumber: z.string(), householdName: z.string() });
export type AccommodationPlacement = z.infer<typeof AccommodationPlacement>;
export const AccommodationDetail = z.object({ accommodation: Accommodation, placements: z.array(AccommodationPlacement) });
export type AccommodationDetail = z.infer<typeof AccommodationDetail>;

// ---- landlords ----------------------------------------------------------------------------------------

export const LandlordContactInput = z.strictObject({
  name: Text(200),
  function: OptionalText(200),
  phone: opt(Phone),
  email: opt(Email),
});

export const LandlordInput = z.strictObject({
  kind: LandlordKind,
  name: Text(200),
  street: OptionalText(200),
  houseNumber: OptionalText(20),
  postalCode: opt(PostalCode),
  city: OptionalText(100),
  phone: opt(Phone),
  email: opt(Email),
  shared: z.boolean().default(false),
  note: OptionalText(4000),
  contacts: z.array(LandlordContactInput).max(50).default([]),
});
export type LandlordInput = z.input<typeof LandlordInput>;
/** Contacts, when sent, replace the list as a whole. */
export const LandlordPatch = z.strictObject({
  version: Version,
  kind: LandlordKind.optional(),
  name: Text(200).optional(),
  street: OptionalText(200),
  houseNumber: OptionalText(20),
  postalCode: opt(PostalCode),
  city: OptionalText(100),
  phone: opt(Phone),
  email: opt(Email),
  shared: z.boolean().optional(),
  note: OptionalText(4000),
  contacts: z.array(LandlordContactInput).max(50).optional(),
});
export type LandlordPatch = z.input<typeof LandlordPatch>;

export const LandlordAgreementInput = z.strictObject({
  title: Text(200),
  validFrom: Day,
  validUntil: opt(Day),
  flatsPerYear: opt(z.number().int().min(0).max(10_000)),
  subject: OptionalText(4000),
});
export type LandlordAgreementInput = z.input<typeof LandlordAgreementInput>;
export const LandlordAgreementPatch = LandlordAgreementInput.partial().extend({ version: Version });

export const LANDLORD_AGREEMENT_STATES = ['active', 'expiring', 'upcoming', 'expired'] as const;
export const LandlordAgreement = z.object({
  id: Id,
  title: z.string(),
  validFrom: IsoDate,
  validUntil: IsoDate.nullable(),
  flatsPerYear: z.number().int().nullable(),
  subject: z.string().nullable(),
  state: z.enum(LANDLORD_AGREEMENT_STATES),
  /** Leases signed for this landlord's flats in the current agreement year (own organisation). */
  lettingsThisYear: z.number().int(),
  version: z.number(),
});
export type LandlordAgreement = z.infer<typeof LandlordAgreement>;

export const LandlordSummary = z.object({
  id: Id,
  kind: LandlordKind,
  name: z.string(),
  city: z.string().nullable(),
  orgName: z.string(),
  shared: z.boolean(),
  /** A cooperation agreement in force today. */
  cooperating: z.boolean(),
  openOffers: z.number().int(),
  canEdit: z.boolean(),
});
export type LandlordSummary = z.infer<typeof LandlordSummary>;
export const LandlordList = z.object({ items: z.array(LandlordSummary) });
export const LandlordsQuery = z.strictObject({ q: z.string().trim().max(100).optional() });

export const Landlord = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  kind: LandlordKind,
  name: z.string(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  shared: z.boolean(),
  note: z.string().nullable(),
  contacts: z.array(z.object({ name: z.string(), function: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })),
  agreements: z.array(LandlordAgreement),
  /** The own organisation's offers of this landlord, newest first, with how each ended. */
  offers: z.array(z.object({ id: Id, address: z.string(), availableFrom: IsoDate, status: OfferStatus, leaseSignedOn: IsoDate.nullable() })),
  canEdit: z.boolean(),
  version: z.number(),
});
export type Landlord = z.infer<typeof Landlord>;

// ---- flat offers --------------------------------------------------------------------------------------

const OfferFields = {
  landlordId: Id,
  street: Text(200),
  houseNumber: Text(20),
  postalCode: PostalCode,
  city: Text(100),
  municipalityId: Id,
  floorArea: Area,
  rooms: z.number().min(1).max(20).multipleOf(0.5),
  /** 0 = ground floor, -1 = basement. */
  floor: z.number().int().min(-1).max(60),
  stepFree: z.boolean(),
  lift: z.boolean(),
  baseRent: Money,
  serviceCharges: Money,
  heatingCosts: Money,
  deposit: opt(Money),
  availableFrom: Day,
  wbsRequired: z.boolean(),
  note: OptionalText(2000),
};
export const OfferInput = z.strictObject({ ...OfferFields, stepFree: z.boolean().default(false), lift: z.boolean().default(false), wbsRequired: z.boolean().default(false) });
export type OfferInput = z.input<typeof OfferInput>;
/** A let offer is changed only through its lease; open, reserved and withdrawn are set here. */
export const OfferPatch = z.strictObject({ ...OfferFields, status: z.enum(['open', 'reserved', 'withdrawn']) }).partial().extend({ version: Version });
export type OfferPatch = z.input<typeof OfferPatch>;

export const Offer = z.object({
  id: Id,
  landlord: z.object({ id: Id, name: z.string(), kind: LandlordKind, cooperating: z.boolean() }),
  street: z.string(),
  houseNumber: z.string(),
  postalCode: z.string(),
  city: z.string(),
  municipality: z.object({ id: Id, name: z.string() }),
  floorArea: z.number(),
  rooms: z.number(),
  floor: z.number().int(),
  stepFree: z.boolean(),
  lift: z.boolean(),
  baseRent: z.number(),
  serviceCharges: z.number(),
  heatingCosts: z.number(),
  grossColdRent: z.number(),
  deposit: z.number().nullable(),
  availableFrom: IsoDate,
  wbsRequired: z.boolean(),
  status: OfferStatus,
  note: z.string().nullable(),
  proposals: z.number().int(),
  version: z.number(),
});
export type Offer = z.infer<typeof Offer>;
export const OfferList = z.object({ items: z.array(Offer) });
export const OffersQuery = z.strictObject({ status: OfferStatus.optional() });

// ---- searches and matching --------------------------------------------------------------------------

export const SearchInput = z
  .strictObject({
    startedOn: Day,
    persons: z.number().int().min(1).max(30),
    children: z.number().int().min(0).max(29).default(0),
    minRooms: opt(z.number().min(1).max(20).multipleOf(0.5)),
    needsStepFree: z.boolean().default(false),
    hasWbs: z.boolean().default(false),
    preferredMunicipalityIds: z.array(Id).max(100).default([]),
    neededBy: opt(Day),
    note: OptionalText(2000),
  })
  .refine((s) => s.children < s.persons, { message: 'housing.children_not_below_persons', path: ['children'] });
export type SearchInput = z.input<typeof SearchInput>;
export const SearchPatch = z
  .strictObject({
    version: Version,
    status: z.enum(['active', 'paused', 'ended']).optional(),
    persons: z.number().int().min(1).max(30).optional(),
    children: z.number().int().min(0).max(29).optional(),
    minRooms: opt(z.number().min(1).max(20).multipleOf(0.5)),
    needsStepFree: z.boolean().optional(),
    hasWbs: z.boolean().optional(),
    preferredMunicipalityIds: z.array(Id).max(100).optional(),
    neededBy: opt(Day),
    note: OptionalText(2000),
  });
export type SearchPatch = z.input<typeof SearchPatch>;

/** Why a household fits an offer or not (domain/housing/matching). */
export const FIT_BLOCKERS = [
  'too_few_rooms', // the flat is too small for the household
  'too_many_rooms', // more rooms than the household needs: the rent limit would not carry it, the landlord will not let it
  'rent_above_limit', // the gross cold rent exceeds the adequacy limit for this household size
  'no_adequacy_limit', // no adequacy table covers the municipality and day
  'not_step_free', // the household needs step-free access
  'wbs_missing', // the flat needs a Wohnberechtigungsschein the household does not have
  'below_min_rooms', // fewer rooms than the search asks for
] as const;
export const FIT_NOTES = [
  'preferred_municipality', // in a municipality the household prefers
  'other_municipality', // outside the preferred municipalities
  'long_shelter_stay', // living in a shelter longer than the alert threshold
  'in_shelter', // living in a shelter
  'children', // children in the household
  'available_in_time', // free before the household must move
  'available_too_late', // free only after the day the household must move
  'area_above_limit', // larger than the adequate floor area (the rent still is within the limit)
  'long_search', // searching for a long time
] as const;
export const FitBlocker = z.enum(FIT_BLOCKERS);
export const FitNote = z.enum(FIT_NOTES);
export type FitBlocker = z.infer<typeof FitBlocker>;
export type FitNote = z.infer<typeof FitNote>;

export const Fit = z.object({
  fits: z.boolean(),
  score: z.number(),
  blockers: z.array(FitBlocker),
  notes: z.array(FitNote),
  rentLimit: z.number().nullable(),
  shelterMonths: z.number().int().nullable(),
  /** Whole months since the search started, on the server's (the district's) day: the browser's clock may be in another day. */
  searchMonths: z.number().int(),
});
export type Fit = z.infer<typeof Fit>;

export const Candidate = z.object({
  searchId: Id,
  caseId: Id,
  caseNumber: z.string(),
  householdName: z.string(),
  persons: z.number().int(),
  children: z.number().int(),
  searchingSince: IsoDate,
  fit: Fit,
  /** The household is already proposed for this offer. */
  proposalId: Id.nullable(),
});
export type Candidate = z.infer<typeof Candidate>;
export const CandidateList = z.object({
  /** Fitting households, best first (at most `limit`). */
  items: z.array(Candidate),
  /** How many households fit in all. */
  fitting: z.number().int(),
  /** Households that do not fit, counted by the first reason. */
  excluded: z.array(z.object({ blocker: FitBlocker, count: z.number().int() })),
  /** Non-fitting households closest to fitting, with their reasons (at most 20). */
  nearMisses: z.array(Candidate),
});
export type CandidateList = z.infer<typeof CandidateList>;
export const CandidatesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const OfferFit = z.object({ offer: Offer, fit: Fit, proposalId: Id.nullable() });
export const Proposal = z.object({
  id: Id,
  offerId: Id,
  searchId: Id,
  caseId: Id,
  caseNumber: z.string(),
  householdName: z.string(),
  offerAddress: z.string(),
  landlordName: z.string(),
  status: ProposalStatus,
  proposedOn: IsoDate,
  viewingAt: IsoDateTime.nullable(),
  viewingPlace: z.string().nullable(),
  accompaniedBy: z.object({ id: Id, name: z.string() }).nullable(),
  decidedOn: IsoDate.nullable(),
  declineReason: z.string().nullable(),
  leaseSignedOn: IsoDate.nullable(),
  tenancyStart: IsoDate.nullable(),
  note: z.string().nullable(),
  version: z.number(),
});
export type Proposal = z.infer<typeof Proposal>;

export const Search = z.object({
  id: Id,
  caseId: Id,
  status: SearchStatus,
  startedOn: IsoDate,
  endedOn: IsoDate.nullable(),
  persons: z.number().int(),
  children: z.number().int(),
  minRooms: z.number().nullable(),
  needsStepFree: z.boolean(),
  hasWbs: z.boolean(),
  preferredMunicipalities: z.array(z.object({ id: Id, name: z.string() })),
  neededBy: IsoDate.nullable(),
  note: z.string().nullable(),
  version: z.number(),
});
export type Search = z.infer<typeof Search>;

/** A case's housing: its shelter stays, its search, the offers that fit and its proposals. */
export const CaseHousing = z.object({
  placements: z.array(Placement),
  search: Search.nullable(),
  /** Open offers of the organisation, fitting first, each with its reasons (only while a search is active). */
  offers: z.array(OfferFit),
  proposals: z.array(Proposal),
  /** Previous searches (housed or ended). */
  pastSearches: z.array(Search),
});
export type CaseHousing = z.infer<typeof CaseHousing>;

export const ProposalInput = z.strictObject({ searchId: Id, note: OptionalText(2000) });
export const ProposalPatch = z.strictObject({
  version: Version,
  status: ProposalStatus.optional(),
  viewingAt: opt(z.iso.datetime({ offset: true })),
  viewingPlace: OptionalText(300),
  accompaniedBy: opt(Id),
  decidedOn: opt(Day),
  declineReason: OptionalText(1000),
  leaseSignedOn: opt(Day),
  tenancyStart: opt(Day),
  note: OptionalText(2000),
});
export type ProposalPatch = z.input<typeof ProposalPatch>;
export const OfferDetail = z.object({
  offer: Offer,
  /** The adequacy of the rent for each household size the rooms suit. */
  adequacy: z.array(AdequacyCheck),
  proposals: z.array(Proposal),
  canEdit: z.boolean(),
});
export type OfferDetail = z.infer<typeof OfferDetail>;

// ---- outcomes --------------------------------------------------------------------------------------

export const OutcomesQuery = z.strictObject({ from: Day, to: Day });
export const HousingOutcomes = z.object({
  from: IsoDate,
  to: IsoDate,
  /** Leases signed per month (YYYY-MM) within the period. */
  placementsPerMonth: z.array(z.object({ month: z.string(), placements: z.number().int() })),
  /** Days from the search's start to the signed lease, for the leases of the period. */
  daysToLease: z.object({ count: z.number().int(), median: z.number().nullable(), q1: z.number().nullable(), q3: z.number().nullable() }),
  /** Tenancies begun through brokerage whose 6- and 12-month follow-up is due by the period end. */
  sustainment: z.array(z.object({ months: z.number().int(), due: z.number().int(), checked: z.number().int(), inPlace: z.number().int() })),
});
export type HousingOutcomes = z.infer<typeof HousingOutcomes>;

export const FollowUpPatch = z.strictObject({ inPlace: z.boolean(), checkedOn: Day, note: OptionalText(1000) });
export const FollowUp = z.object({
  proposalId: Id,
  caseId: Id,
  caseNumber: z.string(),
  householdName: z.string(),
  address: z.string(),
  months: z.number().int(),
  dueOn: IsoDate,
  inPlace: z.boolean().nullable(),
  checkedOn: IsoDate.nullable(),
  note: z.string().nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;
export const FollowUpList = z.object({ items: z.array(FollowUp) });
/** A follow-up is named by its proposal and the months after the tenancy start (6 or 12). */
export const FollowUpParams = z.object({
  proposalId: Id,
  months: z.coerce
    .number()
    .int()
    .refine((m) => m === 6 || m === 12, { message: 'housing.follow_up_months' }),
});
