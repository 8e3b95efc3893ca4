import { z } from 'zod';
import { Email, Id, LanguageCode, PostalAddress, Version } from './common.js';
import { OrganisationKind, Role } from './roles.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Phone = z.string().trim().regex(/^[+\d][\d ()/-]{3,30}$/);

// ---- Organisations -------------------------------------------------------
// Patch schemas are built from the shapes without defaults: in a PATCH an absent field means
// "unchanged", and a default would silently overwrite it.
const OrganisationFields = z.strictObject({
  name: Text(200),
  shortName: OptionalText(40),
  kind: OrganisationKind,
  email: Email.nullable().optional(),
  phone: Phone.nullable().optional(),
  address: PostalAddress.nullable().optional(),
  active: z.boolean(),
});
export const OrganisationInput = OrganisationFields.extend({ active: z.boolean().default(true) });
export const OrganisationPatch = OrganisationFields.partial().extend({ version: Version });
export const Organisation = z.object({
  id: Id,
  name: z.string(),
  shortName: z.string().nullable(),
  kind: OrganisationKind,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: PostalAddress.nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Organisation = z.infer<typeof Organisation>;
export const OrganisationList = z.object({ items: z.array(Organisation) });

// ---- Municipalities (Gemeinden) -------------------------------------------
/** AGS: the 8-digit official municipality key (Amtlicher Gemeindeschlüssel). */
export const Ags = z.string().regex(/^\d{8}$/);
const MunicipalityFields = z.strictObject({
  name: Text(120),
  ags: Ags,
  postalCodes: z.array(z.string().regex(/^\d{5}$/)).max(200),
});
export const MunicipalityInput = MunicipalityFields.extend({ postalCodes: MunicipalityFields.shape.postalCodes.default([]) });
export const MunicipalityPatch = MunicipalityFields.partial().extend({ version: Version });
export const Municipality = z.object({
  id: Id,
  name: z.string(),
  ags: z.string(),
  postalCodes: z.array(z.string()),
  version: z.number().int(),
});
export type Municipality = z.infer<typeof Municipality>;
export const MunicipalityList = z.object({ items: z.array(Municipality) });

// ---- Locations (Beratungsstellen) ----------------------------------------
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const OfficeHour = z
  .strictObject({
    weekday: z.number().int().min(1).max(7), // ISO weekday, 1 = Monday
    opens: Time,
    closes: Time,
    note: OptionalText(200),
  })
  .refine((h) => h.opens < h.closes, { message: 'closes_before_opens', path: ['closes'] });
export type OfficeHour = z.infer<typeof OfficeHour>;

const LocationFields = z.strictObject({
  name: Text(200),
  address: PostalAddress,
  phone: Phone.nullable().optional(),
  email: Email.nullable().optional(),
  officeHours: z.array(OfficeHour).max(50),
  municipalityIds: z.array(Id).max(100),
  active: z.boolean(),
});
export const LocationInput = LocationFields.extend({
  orgId: Id,
  officeHours: LocationFields.shape.officeHours.default([]),
  municipalityIds: LocationFields.shape.municipalityIds.default([]),
  active: z.boolean().default(true),
});
export const LocationPatch = LocationFields.partial().extend({ version: Version });
export const Location = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  name: z.string(),
  address: PostalAddress,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  officeHours: z.array(OfficeHour),
  municipalityIds: z.array(Id),
  active: z.boolean(),
  version: z.number().int(),
});
export type Location = z.infer<typeof Location>;
export const LocationList = z.object({ items: z.array(Location) });
export const LocationListQuery = z.object({ orgId: Id.optional() });

// ---- Users ---------------------------------------------------------------
export const UserCreate = z.strictObject({
  orgId: Id,
  email: Email,
  displayName: Text(120),
  roles: z.array(Role).min(1).max(7),
  language: LanguageCode.default('de'),
});
export const UserPatch = z.strictObject({
  displayName: Text(120).optional(),
  roles: z.array(Role).min(1).max(7).optional(),
  language: LanguageCode.optional(),
  active: z.boolean().optional(),
  version: Version,
});
export const User = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  language: LanguageCode,
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type User = z.infer<typeof User>;
export const UserList = z.object({ items: z.array(User) });
export const UserListQuery = z.object({
  orgId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
/** Returned once: the temporary password an administrator hands over; it must be changed at next login. */
export const TemporaryPassword = z.object({ user: User, temporaryPassword: z.string() });
