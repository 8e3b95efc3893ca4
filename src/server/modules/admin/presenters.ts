import type { Location, Municipality, Organisation, User } from '../../../contracts/admin.js';
import type { LanguageCode } from '../../../contracts/common.js';
import type { OfficeHour } from '../../../contracts/admin.js';
import type { OrganisationKind, Role } from '../../../contracts/roles.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentOrganisation(r: {
  id: string; name: string; short_name: string | null; kind: string; email: string | null; phone: string | null;
  street: string | null; house_number: string | null; postal_code: string | null; city: string | null; active: boolean; version: number;
}): Organisation {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind as OrganisationKind,
    email: r.email,
    phone: r.phone,
    address: r.street && r.house_number && r.postal_code && r.city
      ? { street: r.street, houseNumber: r.house_number, postalCode: r.postal_code, city: r.city }
      : null,
    active: r.active,
    version: r.version,
  };
}

export function presentMunicipality(r: { id: string; name: string; ags: string; postal_codes: string[]; version: number }): Municipality {
  return { id: r.id, name: r.name, ags: r.ags, postalCodes: r.postal_codes, version: r.version };
}

export function presentLocation(r: {
  id: string; org_id: string; org_name: string; name: string; street: string; house_number: string; postal_code: string; city: string;
  phone: string | null; email: string | null; office_hours: unknown; municipality_ids: string[]; active: boolean; version: number;
}): Location {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    address: { street: r.street, houseNumber: r.house_number, postalCode: r.postal_code, city: r.city },
    phone: r.phone,
    email: r.email,
    officeHours: r.office_hours as OfficeHour[],
    municipalityIds: r.municipality_ids,
    active: r.active,
    version: r.version,
  };
}

export function presentUser(r: {
  id: string; org_id: string; org_name: string; email: string; display_name: string; roles: string[]; language: string;
  active: boolean; totp_enabled_at: Date | null; locked_until: Date | null; last_login_at: Date | null; version: number;
}, now: Date): User {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles as Role[],
    language: r.language as LanguageCode,
    active: r.active,
    totpEnabled: r.totp_enabled_at !== null,
    lockedUntil: r.locked_until && new Date(r.locked_until) > now ? iso(r.locked_until) : null,
    lastLoginAt: iso(r.last_login_at),
    version: r.version,
  };
}
