import { formatByDay, describeHours } from './hours.js';
import type { DirContact, DirLanguage, DirLocation, DirOpeningHours, DirOrganization, DirPhone, DirService, MunicipalityRef } from './model.js';
import { TAXONOMY, termOf } from './taxonomy.js';

/*
 * The directory → HSDS 3.0 "compiled" JSON: an organization package (an array of organizations,
 * each with its services and locations nested, as schema/compiled/organization.json has them).
 * HSDS types its fields as plain strings and numbers, so an absent value is left out, never null.
 * A service_at_location names its location by location_id; the location itself is listed once,
 * under the organisation that owns it.
 */

export type HsdsRecord = Record<string, unknown>;

/** Drops null, undefined and empty arrays, so the record holds only what is known. */
function compact(record: Record<string, unknown>): HsdsRecord {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

type Owner = { organization_id?: string; service_id?: string; location_id?: string; contact_id?: string };

const phone = (p: DirPhone, owner: Owner) => compact({ id: p.id, ...owner, number: p.number, description: p.description });

const schedule = (h: DirOpeningHours, owner: Owner) =>
  compact({
    id: h.id,
    ...owner,
    freq: 'WEEKLY',
    wkst: 'MO',
    byday: formatByDay(h.days),
    opens_at: h.opens,
    closes_at: h.closes,
    description: describeHours(h),
    notes: h.note,
    valid_from: h.validFrom,
    valid_to: h.validTo,
  });

const languageNames = new Intl.DisplayNames(['de'], { type: 'language' });
/** The language's German name, as HSDS `name` (the code is what counts on import). */
export function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}
const language = (l: DirLanguage, owner: Owner) => compact({ id: l.id, ...owner, name: languageName(l.code), code: l.code });

const contact = (c: DirContact, owner: Owner) =>
  compact({
    id: c.id,
    ...owner,
    name: c.name,
    title: c.title,
    department: c.department,
    email: c.email,
    phones: c.phones.map((p) => phone(p, { contact_id: c.id })),
  });

export function locationToHsds(l: DirLocation): HsdsRecord {
  const own = { location_id: l.id };
  return compact({
    id: l.id,
    location_type: l.type,
    organization_id: l.organizationId,
    name: l.name,
    description: l.description,
    transportation: l.transportation,
    latitude: l.latitude,
    longitude: l.longitude,
    addresses: l.address
      ? [
          compact({
            id: l.address.id,
            location_id: l.id,
            address_1: l.address.street,
            city: l.address.city,
            state_province: l.address.stateProvince,
            postal_code: l.address.postalCode,
            country: l.address.country,
            address_type: 'physical',
          }),
        ]
      : [],
    accessibility: l.accessibility ? [{ id: l.accessibility.id, location_id: l.id, description: l.accessibility.description }] : [],
    phones: l.phones.map((p) => phone(p, own)),
    schedules: l.hours.map((h) => schedule(h, own)),
    languages: l.languages.map((x) => language(x, own)),
  });
}

export function serviceToHsds(s: DirService, municipalities: ReadonlyMap<string, MunicipalityRef>): HsdsRecord {
  const own = { service_id: s.id };
  return compact({
    id: s.id,
    organization_id: s.organizationId,
    name: s.name,
    alternate_name: s.alternateName,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    interpretation_services: s.interpretationServices,
    application_process: s.applicationProcess,
    fees_description: s.fees,
    eligibility_description: s.eligibility,
    last_modified: s.lastModified,
    phones: s.phones.map((p) => phone(p, own)),
    schedules: s.hours.map((h) => schedule(h, own)),
    // A municipality is named by its official key (AGS) in `extent`: names are not unique in Germany.
    service_areas: s.areas.map((a) => {
      const m = municipalities.get(a.municipalityId);
      return compact({ id: a.id, service_id: s.id, name: m?.name ?? a.municipalityId, extent: m?.ags, extent_type: m ? 'text' : undefined, description: m ? `Gemeinde (AGS ${m.ags})` : undefined });
    }),
    service_at_locations: s.atLocations.map((x) => compact({ id: x.id, service_id: s.id, location_id: x.locationId, description: x.description })),
    languages: s.languages.map((x) => language(x, own)),
    contacts: s.contacts.map((c) => contact(c, own)),
    attributes: s.categories.map((c) => {
      const term = termOf(c.code);
      return {
        id: c.id,
        link_id: s.id,
        link_type: 'need',
        link_entity: 'service',
        taxonomy_term_id: term.id,
        taxonomy_term: {
          id: term.id,
          code: term.code,
          name: term.de,
          description: term.description,
          taxonomy: TAXONOMY.name,
          taxonomy_id: TAXONOMY.id,
          language: 'de',
          taxonomy_detail: { id: TAXONOMY.id, name: TAXONOMY.name, description: TAXONOMY.description, version: TAXONOMY.version },
        },
      };
    }),
  });
}

export function organizationToHsds(o: DirOrganization, municipalities: ReadonlyMap<string, MunicipalityRef>): HsdsRecord {
  const own = { organization_id: o.id };
  return compact({
    id: o.id,
    name: o.name,
    alternate_name: o.alternateName,
    description: o.description,
    email: o.email,
    website: o.website,
    phones: o.phones.map((p) => phone(p, own)),
    contacts: o.contacts.map((c) => contact(c, own)),
    locations: o.locations.map(locationToHsds),
    services: o.services.map((s) => serviceToHsds(s, municipalities)),
  });
}

/** The whole directory as an HSDS organization package (the JSON export). */
export function toHsdsPackage(orgs: readonly DirOrganization[], municipalities: readonly MunicipalityRef[]): HsdsRecord[] {
  const byId = new Map(municipalities.map((m) => [m.id, m]));
  return orgs.map((o) => organizationToHsds(o, byId));
}
