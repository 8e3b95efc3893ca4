import type { DirectoryCategory, ServiceStatus, Weekday } from '../../contracts/directory.js';
import type { DirContact, DirLanguage, DirLocation, DirOpeningHours, DirOrganization, DirPhone, DirService, LocationType } from './model.js';

/*
 * The directory tree ↔ the rows of the directory_* tables (column names as in
 * migrations/011_directory.sql). `position` keeps every list in the order it was given, so an
 * export reads back identically. Comparing the rows of an import with the stored ones tells
 * which records are new, changed, unchanged or gone.
 */

export interface OrganizationRow { id: string; name: string; alternate_name: string | null; description: string; email: string | null; website: string | null }
export interface LocationRow {
  id: string; organization_id: string; location_type: LocationType; name: string | null; description: string | null;
  address_id: string | null; street: string | null; postal_code: string | null; city: string | null; state_province: string | null; country: string | null;
  municipality_id: string | null; transportation: string | null; accessibility_id: string | null; accessibility: string | null;
  latitude: number | null; longitude: number | null; position: number;
}
export interface ServiceRow {
  id: string; organization_id: string; name: string; alternate_name: string | null; description: string | null; url: string | null; email: string | null;
  status: ServiceStatus; application_process: string | null; eligibility_description: string | null; fees_description: string | null;
  interpretation_services: string | null; position: number;
}
export interface CategoryRow { id: string; organization_id: string; service_id: string; category: DirectoryCategory; position: number }
export interface AreaRow { id: string; organization_id: string; service_id: string; municipality_id: string; position: number }
export interface ServiceLocationRow { id: string; organization_id: string; service_id: string; location_id: string; description: string | null; position: number }
interface Owned { organization_id: string; service_id: string | null; location_id: string | null }
export interface ContactRow extends Owned { id: string; name: string | null; title: string | null; department: string | null; email: string | null; position: number }
export interface PhoneRow extends Owned { id: string; contact_id: string | null; number: string; description: string | null; position: number }
export interface ScheduleRow extends Owned { id: string; days: Weekday[]; opens_at: string; closes_at: string; note: string | null; valid_from: string | null; valid_to: string | null; position: number }
export interface LanguageRow extends Owned { id: string; code: string; position: number }

export interface DirectoryRows {
  directory_organizations: OrganizationRow[];
  directory_locations: LocationRow[];
  directory_services: ServiceRow[];
  directory_service_categories: CategoryRow[];
  directory_service_areas: AreaRow[];
  directory_service_locations: ServiceLocationRow[];
  directory_contacts: ContactRow[];
  directory_phones: PhoneRow[];
  directory_schedules: ScheduleRow[];
  directory_languages: LanguageRow[];
}
export type DirectoryRowTable = keyof DirectoryRows;

/** Parents before children: the order to insert in (and the reverse to delete in). */
export const ROW_TABLES: readonly DirectoryRowTable[] = [
  'directory_organizations', 'directory_locations', 'directory_services', 'directory_service_categories', 'directory_service_areas',
  'directory_service_locations', 'directory_contacts', 'directory_phones', 'directory_schedules', 'directory_languages',
];

export const emptyRows = (): DirectoryRows => Object.fromEntries(ROW_TABLES.map((t) => [t, []])) as unknown as DirectoryRows;

type Owner = { service_id?: string; location_id?: string };

function pushOwned(rows: DirectoryRows, orgId: string, owner: Owner, x: { phones: DirPhone[]; hours?: DirOpeningHours[]; languages?: DirLanguage[]; contacts?: DirContact[] }) {
  const base = { organization_id: orgId, service_id: owner.service_id ?? null, location_id: owner.location_id ?? null };
  x.contacts?.forEach((c, i) => {
    rows.directory_contacts.push({ id: c.id, ...base, name: c.name, title: c.title, department: c.department, email: c.email, position: i });
    c.phones.forEach((p, j) =>
      rows.directory_phones.push({ id: p.id, organization_id: orgId, service_id: null, location_id: null, contact_id: c.id, number: p.number, description: p.description, position: j }),
    );
  });
  x.phones.forEach((p, i) => rows.directory_phones.push({ id: p.id, ...base, contact_id: null, number: p.number, description: p.description, position: i }));
  x.hours?.forEach((h, i) =>
    rows.directory_schedules.push({ id: h.id, ...base, days: [...h.days], opens_at: h.opens, closes_at: h.closes, note: h.note, valid_from: h.validFrom, valid_to: h.validTo, position: i }),
  );
  x.languages?.forEach((l, i) => rows.directory_languages.push({ id: l.id, ...base, code: l.code, position: i }));
}

export function locationRows(rows: DirectoryRows, l: DirLocation, position: number) {
  rows.directory_locations.push({
    id: l.id, organization_id: l.organizationId, location_type: l.type, name: l.name, description: l.description,
    address_id: l.address?.id ?? null, street: l.address?.street ?? null, postal_code: l.address?.postalCode ?? null, city: l.address?.city ?? null,
    state_province: l.address?.stateProvince ?? null, country: l.address?.country ?? null, municipality_id: l.municipalityId,
    transportation: l.transportation, accessibility_id: l.accessibility?.id ?? null, accessibility: l.accessibility?.description ?? null,
    latitude: l.latitude, longitude: l.longitude, position,
  });
  pushOwned(rows, l.organizationId, { location_id: l.id }, l);
}

export function serviceRows(rows: DirectoryRows, s: DirService, position: number) {
  const org = s.organizationId;
  rows.directory_services.push({
    id: s.id, organization_id: org, name: s.name, alternate_name: s.alternateName, description: s.description, url: s.url, email: s.email, status: s.status,
    application_process: s.applicationProcess, eligibility_description: s.eligibility, fees_description: s.fees, interpretation_services: s.interpretationServices, position,
  });
  s.categories.forEach((c, i) => rows.directory_service_categories.push({ id: c.id, organization_id: org, service_id: s.id, category: c.code, position: i }));
  s.areas.forEach((a, i) => rows.directory_service_areas.push({ id: a.id, organization_id: org, service_id: s.id, municipality_id: a.municipalityId, position: i }));
  s.atLocations.forEach((x, i) =>
    rows.directory_service_locations.push({ id: x.id, organization_id: org, service_id: s.id, location_id: x.locationId, description: x.description, position: i }),
  );
  pushOwned(rows, org, { service_id: s.id }, s);
}

export function organizationRows(o: DirOrganization, rows = emptyRows()): DirectoryRows {
  rows.directory_organizations.push({ id: o.id, name: o.name, alternate_name: o.alternateName, description: o.description, email: o.email, website: o.website });
  pushOwned(rows, o.id, {}, { phones: o.phones, contacts: o.contacts });
  o.locations.forEach((l, i) => locationRows(rows, l, i));
  o.services.forEach((s, i) => serviceRows(rows, s, i));
  return rows;
}

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;

/** Rows (as stored) → trees, one per organisation, lists in stored order. */
export function assembleOrganizations(rows: DirectoryRows, lastModified: ReadonlyMap<string, string> = new Map()): DirOrganization[] {
  const group = <T, K>(items: T[], key: (t: T) => K) => {
    const m = new Map<K, T[]>();
    for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
    return m;
  };
  const ownerKey = (r: Owned & { contact_id?: string | null }) =>
    r.contact_id ? `c:${r.contact_id}` : r.service_id ? `s:${r.service_id}` : r.location_id ? `l:${r.location_id}` : `o:${r.organization_id}`;
  const phones = group([...rows.directory_phones].sort(byPosition), ownerKey);
  const hours = group([...rows.directory_schedules].sort(byPosition), ownerKey);
  const langs = group([...rows.directory_languages].sort(byPosition), ownerKey);
  const contacts = group([...rows.directory_contacts].sort(byPosition), ownerKey);
  const cats = group([...rows.directory_service_categories].sort(byPosition), (r) => r.service_id);
  const areas = group([...rows.directory_service_areas].sort(byPosition), (r) => r.service_id);
  const sal = group([...rows.directory_service_locations].sort(byPosition), (r) => r.service_id);
  const locs = group([...rows.directory_locations].sort(byPosition), (r) => r.organization_id);
  const svcs = group([...rows.directory_services].sort(byPosition), (r) => r.organization_id);

  const phonesOf = (k: string): DirPhone[] => (phones.get(k) ?? []).map((p) => ({ id: p.id, number: p.number, description: p.description }));
  const hoursOf = (k: string): DirOpeningHours[] =>
    (hours.get(k) ?? []).map((h) => ({ id: h.id, days: [...h.days], opens: h.opens_at, closes: h.closes_at, note: h.note, validFrom: h.valid_from, validTo: h.valid_to }));
  const langsOf = (k: string): DirLanguage[] => (langs.get(k) ?? []).map((l) => ({ id: l.id, code: l.code }));
  const contactsOf = (k: string): DirContact[] =>
    (contacts.get(k) ?? []).map((c) => ({ id: c.id, name: c.name, title: c.title, department: c.department, email: c.email, phones: phonesOf(`c:${c.id}`) }));

  return rows.directory_organizations.map((o) => ({
    id: o.id, name: o.name, alternateName: o.alternate_name, description: o.description, email: o.email, website: o.website,
    phones: phonesOf(`o:${o.id}`), contacts: contactsOf(`o:${o.id}`),
    locations: (locs.get(o.id) ?? []).map((l) => ({
      id: l.id, organizationId: o.id, type: l.location_type, name: l.name, description: l.description,
      address: l.address_id
        ? { id: l.address_id, street: l.street!, postalCode: l.postal_code!, city: l.city!, stateProvince: l.state_province ?? 'NW', country: l.country ?? 'DE' }
        : null,
      municipalityId: l.municipality_id, transportation: l.transportation,
      accessibility: l.accessibility_id ? { id: l.accessibility_id, description: l.accessibility ?? '' } : null,
      latitude: l.latitude, longitude: l.longitude,
      phones: phonesOf(`l:${l.id}`), hours: hoursOf(`l:${l.id}`), languages: langsOf(`l:${l.id}`),
    })),
    services: (svcs.get(o.id) ?? []).map((s) => ({
      id: s.id, organizationId: o.id, name: s.name, alternateName: s.alternate_name, description: s.description, url: s.url, email: s.email,
      status: s.status, applicationProcess: s.application_process, eligibility: s.eligibility_description, fees: s.fees_description,
      interpretationServices: s.interpretation_services, lastModified: lastModified.get(s.id) ?? null,
      categories: (cats.get(s.id) ?? []).map((c) => ({ id: c.id, code: c.category })),
      areas: (areas.get(s.id) ?? []).map((a) => ({ id: a.id, municipalityId: a.municipality_id })),
      atLocations: (sal.get(s.id) ?? []).map((x) => ({ id: x.id, locationId: x.location_id, description: x.description })),
      phones: phonesOf(`s:${s.id}`), contacts: contactsOf(`s:${s.id}`), hours: hoursOf(`s:${s.id}`), languages: langsOf(`s:${s.id}`),
    })),
  }));
}

export interface TableDiff {
  created: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

const canonical = (row: object) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));

/** Stored rows vs incoming rows of the same scope, table by table, by id. */
export function diffRows(stored: DirectoryRows, incoming: DirectoryRows): Record<DirectoryRowTable, TableDiff> {
  const out = {} as Record<DirectoryRowTable, TableDiff>;
  for (const t of ROW_TABLES) {
    const before = new Map((stored[t] as { id: string }[]).map((r) => [r.id, canonical(r)]));
    const d: TableDiff = { created: [], updated: [], unchanged: [], removed: [] };
    const seen = new Set<string>();
    for (const r of incoming[t] as { id: string }[]) {
      seen.add(r.id);
      const old = before.get(r.id);
      if (old === undefined) d.created.push(r.id);
      else if (old === canonical(r)) d.unchanged.push(r.id);
      else d.updated.push(r.id);
    }
    for (const id of before.keys()) if (!seen.has(id)) d.removed.push(id);
    out[t] = d;
  }
  return out;
}
