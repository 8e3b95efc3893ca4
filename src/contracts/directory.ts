import { z } from 'zod';
import { Email, Id, Version } from './common.js';

/*
 * The partner directory (Verzeichnis der Hilfeangebote): organisations, their services and
 * locations, modelled on Open Referral HSDS 3.0. It is no client data: every signed-in user of
 * the district reads it; the import/export formats are HSDS JSON and HSDS tabular CSV.
 */

/** What a service helps with: the codes of the directory's taxonomy (labels in web.json, HSDS terms in the domain). */
export const DIRECTORY_CATEGORIES = [
  'housing_emergency', // Wohnungsnotfallhilfe
  'emergency_accommodation', // Notunterkunft / ordnungsrechtliche Unterbringung
  'addiction_help', // Suchthilfe
  'social_psychiatric_service', // Sozialpsychiatrischer Dienst
  'debt_counselling', // Schuldnerberatung
  'clinic', // Klinik
  'prison_social_service', // Sozialdienst Justizvollzug / Straffälligenhilfe
  'womens_shelter', // Frauenhaus
  'jobcenter', // Jobcenter (SGB II)
  'social_office', // Sozialamt (SGB XII)
  'youth_welfare', // Jugendamt
  'court', // Amtsgericht
  'housing_company', // Wohnungsunternehmen
  'migration_counselling', // Migrationsberatung
  'legal_advice', // Rechtsberatung, Mieterverein
] as const;
export const DirectoryCategory = z.enum(DIRECTORY_CATEGORIES);
export type DirectoryCategory = z.infer<typeof DirectoryCategory>;

/** HSDS service status values, unchanged. */
export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export const ServiceStatus = z.enum(SERVICE_STATUSES);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

/** iCalendar weekday codes, as HSDS schedules use them (byday). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const PhoneNumber = z.string().trim().regex(/^[+\d][\d ()/-]{3,30}$/);
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Website = z.url({ protocol: /^https?$/ }).max(500);
/** ISO 639-1 (or 639-2/3 where no two-letter code exists), lower case. */
export const LanguageTag = z.string().regex(/^[a-z]{2,3}$/);

// ---- inputs ------------------------------------------------------------------------------------
// Children (phones, hours, contacts) carry the id they were read with, so an edit keeps their
// HSDS identifiers stable across exports; new ones come without an id.

export const OpeningHoursInput = z
  .strictObject({
    id: Id.optional(),
    days: z.array(Weekday).min(1).max(7),
    opens: Time,
    closes: Time,
    note: OptionalText(200),
  })
  .refine((h) => h.opens < h.closes, { message: 'closes_before_opens', path: ['closes'] });
export const PhoneInput = z.strictObject({ id: Id.optional(), number: PhoneNumber, description: OptionalText(100) });
export const ContactInput = z
  .strictObject({
    id: Id.optional(),
    name: OptionalText(120),
    title: OptionalText(120),
    email: Email.nullable().optional(),
    phone: PhoneNumber.nullable().optional(),
  })
  .refine((c) => Boolean(c.name || c.title || c.email || c.phone), { message: 'required', path: ['name'] });

const OrganizationFields = z.strictObject({
  name: Text(200),
  alternateName: OptionalText(100),
  description: Text(2000),
  email: Email.nullable().optional(),
  website: Website.nullable().optional(),
  /** The Bleibe organisation that maintains the entry (system administrators only; see the routes). */
  bleibeOrgId: Id.nullable().optional(),
});
export const DirectoryOrganizationInput = OrganizationFields;
export const DirectoryOrganizationPatch = OrganizationFields.partial().extend({ version: Version });

export const DirectoryAddress = z.strictObject({
  /** Street and house number, as on a letter ("Lindenstraße 12a"): HSDS address_1. */
  street: Text(200),
  postalCode: z.string().regex(/^\d{5}$/),
  city: Text(100),
});
export type DirectoryAddress = z.infer<typeof DirectoryAddress>;

const LocationFields = z.strictObject({
  name: Text(200),
  description: OptionalText(1000),
  address: DirectoryAddress,
  /** Derived from the postal code when it names exactly one municipality. */
  municipalityId: Id.nullable().optional(),
  transportation: OptionalText(500),
  accessibility: OptionalText(500),
  phones: z.array(PhoneInput).max(10),
  openingHours: z.array(OpeningHoursInput).max(30),
  languages: z.array(LanguageTag).max(30),
});
export const DirectoryLocationInput = LocationFields.extend({
  organizationId: Id,
  phones: LocationFields.shape.phones.default([]),
  openingHours: LocationFields.shape.openingHours.default([]),
  languages: LocationFields.shape.languages.default([]),
});
export const DirectoryLocationPatch = LocationFields.partial().extend({ version: Version });

const ServiceFields = z.strictObject({
  name: Text(200),
  alternateName: OptionalText(100),
  description: Text(4000),
  url: Website.nullable().optional(),
  email: Email.nullable().optional(),
  status: ServiceStatus,
  categories: z.array(DirectoryCategory).min(1).max(DIRECTORY_CATEGORIES.length),
  applicationProcess: OptionalText(1000),
  eligibility: OptionalText(1000),
  fees: OptionalText(500),
  /** The municipalities the service is for (HSDS service_area). */
  areaMunicipalityIds: z.array(Id).max(100),
  /** Directory locations where the service is offered (HSDS service_at_location), of any organisation. */
  locationIds: z.array(Id).max(50),
  languages: z.array(LanguageTag).max(30),
  phones: z.array(PhoneInput).max(10),
  contacts: z.array(ContactInput).max(20),
  openingHours: z.array(OpeningHoursInput).max(30),
});
export const DirectoryServiceInput = ServiceFields.extend({
  organizationId: Id,
  status: ServiceStatus.default('active'),
  areaMunicipalityIds: ServiceFields.shape.areaMunicipalityIds.default([]),
  locationIds: ServiceFields.shape.locationIds.default([]),
  languages: ServiceFields.shape.languages.default([]),
  phones: ServiceFields.shape.phones.default([]),
  contacts: ServiceFields.shape.contacts.default([]),
  openingHours: ServiceFields.shape.openingHours.default([]),
});
export const DirectoryServicePatch = ServiceFields.partial().extend({ version: Version });

export const VersionBody = z.strictObject({ version: Version });

// ---- answers -----------------------------------------------------------------------------------

export const OpeningHours = z.object({ id: Id, days: z.array(Weekday), opens: z.string(), closes: z.string(), note: z.string().nullable() });
export type OpeningHours = z.infer<typeof OpeningHours>;
export const DirectoryPhone = z.object({ id: Id, number: z.string(), description: z.string().nullable() });
export const DirectoryContact = z.object({
  id: Id,
  name: z.string().nullable(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
const MunicipalityRef = z.object({ id: Id, name: z.string() });

export const DirectoryLocation = z.object({
  id: Id,
  organizationId: Id,
  organizationName: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  address: DirectoryAddress.nullable(),
  municipality: MunicipalityRef.nullable(),
  transportation: z.string().nullable(),
  accessibility: z.string().nullable(),
  phones: z.array(DirectoryPhone),
  openingHours: z.array(OpeningHours),
  languages: z.array(z.string()),
  version: z.number().int(),
  mayEdit: z.boolean(),
});
export type DirectoryLocation = z.infer<typeof DirectoryLocation>;

export const DirectoryServiceSummary = z.object({
  id: Id,
  name: z.string(),
  status: ServiceStatus,
  organization: z.object({ id: Id, name: z.string() }),
  categories: z.array(DirectoryCategory),
  /** Short text for the result list (the description, cut). */
  summary: z.string(),
  areas: z.array(MunicipalityRef),
  locations: z.array(z.object({ id: Id, name: z.string(), city: z.string().nullable() })),
});
export type DirectoryServiceSummary = z.infer<typeof DirectoryServiceSummary>;

export const DirectorySearchQuery = z.object({
  category: DirectoryCategory.optional(),
  municipalityId: Id.optional(),
  q: z.string().trim().max(100).optional(),
  /** Services that are defunct or inactive are left out unless asked for. */
  includeInactive: z.enum(['true', 'false']).optional(),
});
export const DirectorySearchResult = z.object({ items: z.array(DirectoryServiceSummary), total: z.number().int() });

export const DirectoryService = z.object({
  id: Id,
  name: z.string(),
  alternateName: z.string().nullable(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  email: z.string().nullable(),
  status: ServiceStatus,
  categories: z.array(DirectoryCategory),
  applicationProcess: z.string().nullable(),
  eligibility: z.string().nullable(),
  fees: z.string().nullable(),
  organization: z.object({ id: Id, name: z.string(), website: z.string().nullable(), email: z.string().nullable() }),
  areas: z.array(MunicipalityRef),
  locations: z.array(DirectoryLocation),
  languages: z.array(z.string()),
  phones: z.array(DirectoryPhone),
  contacts: z.array(DirectoryContact),
  openingHours: z.array(OpeningHours),
  lastModified: z.string().nullable(),
  version: z.number().int(),
  mayEdit: z.boolean(),
});
export type DirectoryService = z.infer<typeof DirectoryService>;

export const DirectoryOrganization = z.object({
  id: Id,
  name: z.string(),
  alternateName: z.string().nullable(),
  description: z.string(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  bleibeOrgId: Id.nullable(),
  services: z.array(z.object({ id: Id, name: z.string(), status: ServiceStatus, categories: z.array(DirectoryCategory) })),
  locations: z.array(DirectoryLocation),
  version: z.number().int(),
  mayEdit: z.boolean(),
});
export type DirectoryOrganization = z.infer<typeof DirectoryOrganization>;

export const DirectoryOrganizationList = z.object({
  items: z.array(z.object({ id: Id, name: z.string(), services: z.number().int(), locations: z.number().int(), mayEdit: z.boolean() })),
  /** May the caller create entries (its own organisation's, or any as system administrator)? */
  mayCreate: z.boolean(),
  mayImport: z.boolean(),
});

// ---- HSDS import -------------------------------------------------------------------------------

/** Import limits: the whole district fits easily; the cap keeps one request bounded. */
export const DIRECTORY_IMPORT_LIMITS = { maxFileBytes: 10 * 1024 * 1024, maxUnpackedBytes: 50 * 1024 * 1024, maxRecords: 50_000 } as const;
const MAX_BASE64_CHARS = Math.ceil(DIRECTORY_IMPORT_LIMITS.maxFileBytes / 3) * 4 + 4;

export const DirectoryImportRequest = z.strictObject({
  /** .json: an HSDS organisation package; .zip: HSDS tabular CSV files (organizations.csv, services.csv, …). */
  fileName: z.string().trim().min(1).max(255).regex(/\.(json|zip)$/i),
  contentBase64: z.base64().min(1).max(MAX_BASE64_CHARS),
  /** true: report what would happen and change nothing. */
  dryRun: z.boolean(),
});
export type DirectoryImportRequest = z.infer<typeof DirectoryImportRequest>;

export const DIRECTORY_TABLES = [
  'organization', 'service', 'location', 'address', 'service_at_location', 'service_area', 'attribute',
  'phone', 'contact', 'schedule', 'language', 'accessibility',
] as const;
export const DirectoryTable = z.enum(DIRECTORY_TABLES);
export type DirectoryTable = z.infer<typeof DirectoryTable>;

export const DirectoryImportReport = z.object({
  dryRun: z.boolean(),
  format: z.enum(['json', 'csv']),
  /** Per HSDS table: records read, and what became of them. */
  counts: z.array(
    z.object({
      table: DirectoryTable,
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      removed: z.number().int(),
      rejected: z.number().int(),
    }),
  ),
  /** Every rejected record: where it is in the file, its id, the field and why. */
  rejections: z.array(
    z.object({
      table: DirectoryTable,
      id: z.string().nullable(),
      where: z.string(),
      field: z.string().nullable(),
      message: z.string(),
    }),
  ),
});
export type DirectoryImportReport = z.infer<typeof DirectoryImportReport>;

export const DirectoryExportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
