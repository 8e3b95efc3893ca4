import { SERVICE_STATUSES, type DirectoryTable, type ServiceStatus } from '../../contracts/directory.js';
import { parseByDay, parseLocalTime } from './hours.js';
import type {
  DirAddress, DirContact, DirLanguage, DirLocation, DirOpeningHours, DirOrganization, DirPhone, DirService, LocationType, MunicipalityRef,
} from './model.js';
import { findTerm } from './taxonomy.js';

/*
 * HSDS 3.0 JSON (an organization package, one organization, or an API page with `contents`) →
 * directory trees, and a list of every record that could not be taken with the reason. A bad
 * record is left out with what hangs below it; its siblings and its parent are still taken, so
 * one wrong phone number does not lose an organisation. Reasons are catalogue keys
 * (errors.json: directory_import.*) with parameters, rendered in the reader's language.
 */

/** Where a record came from in a tabular (CSV) import: "services.csv, row 5". Set by tabular.ts. */
export const ORIGIN = Symbol('origin');

export interface Rejection {
  table: DirectoryTable;
  id: string | null;
  /** JSON path ("[0].services[2].phones[0]") or file and row ("phones.csv:7"). */
  where: string;
  field: string | null;
  reason: string;
  params?: Record<string, string | number>;
}

export interface ImportContext {
  municipalities: readonly MunicipalityRef[];
  /** Directory locations already stored, which a service of another organisation may be offered at. */
  knownLocationIds: ReadonlySet<string>;
}

export interface ParsedPackage {
  organizations: DirOrganization[];
  rejections: Rejection[];
  /** Records read per table (taken or not). */
  received: Record<DirectoryTable, number>;
}

type Obj = Record<string | symbol, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+\d][\d ()/-]{3,30}$/;
const UNSTORABLE = /\u0000|\p{Cs}/u;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function isHttpUrl(v: string) {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Reads one record, collecting its problems; `ok` tells whether it may be taken. */
class RecordReader {
  readonly problems: Rejection[] = [];
  readonly id: string | null;
  constructor(
    private readonly obj: Obj,
    private readonly table: DirectoryTable,
    private readonly where: string,
    private readonly seen: Set<string>,
  ) {
    const raw = obj.id;
    if (raw === undefined || raw === null || raw === '') {
      this.id = null;
      this.fail('id', 'required');
    } else if (typeof raw !== 'string' || !UUID.test(raw)) {
      this.id = null;
      this.fail('id', 'invalid_uuid');
    } else if (seen.has(raw.toLowerCase())) {
      this.id = raw.toLowerCase();
      this.fail('id', 'duplicate_id');
    } else {
      this.id = raw.toLowerCase();
      seen.add(this.id);
    }
  }

  get ok() {
    return this.problems.length === 0;
  }

  fail(field: string | null, reason: string, params?: Record<string, string | number>) {
    this.problems.push({ table: this.table, id: this.id ?? (typeof this.obj.id === 'string' ? this.obj.id.slice(0, 60) : null), where: this.where, field, reason, ...(params ? { params } : {}) });
  }

  /** A text field: trimmed, empty → null; too long, not text or unstorable → a problem. */
  str(field: string, opts: { required?: boolean; max?: number } = {}): string | null {
    const v = this.obj[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (opts.required) this.fail(field, 'required');
      return null;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.fail(field, 'invalid_type');
      return null;
    }
    const s = String(v).trim();
    if (UNSTORABLE.test(s)) {
      this.fail(field, 'invalid_text');
      return null;
    }
    const max = opts.max ?? 1000;
    if (s.length > max) {
      this.fail(field, 'too_long', { max });
      return null;
    }
    return s;
  }

  email(field: string): string | null {
    const s = this.str(field, { max: 254 });
    if (s !== null && !EMAIL.test(s)) this.fail(field, 'invalid_email');
    return s?.toLowerCase() ?? null;
  }

  url(field: string): string | null {
    const s = this.str(field, { max: 500 });
    if (s !== null && !isHttpUrl(s)) this.fail(field, 'invalid_url');
    return s;
  }

  num(field: string, min: number, max: number): number | null {
    const v = this.obj[field];
    if (v === undefined || v === null || v === '') return null;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
    if (!Number.isFinite(n) || n < min || n > max) {
      this.fail(field, 'invalid_number');
      return null;
    }
    return n;
  }

  date(field: string): string | null {
    const s = this.str(field, { max: 10 });
    if (s === null) return null;
    const d = new Date(`${s}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      this.fail(field, 'invalid_date');
      return null;
    }
    return s;
  }

  /** A reference to another record's id (service_id, location_id …); null when absent. */
  ref(field: string): string | null {
    const v = this.obj[field];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string' || !UUID.test(v)) {
      this.fail(field, 'invalid_uuid');
      return null;
    }
    return v.toLowerCase();
  }

  /** An array-valued field (absent → []); anything else is a problem. */
  list(field: string): unknown[] {
    const v = this.obj[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(field, 'invalid_type');
      return [];
    }
    return v;
  }
}

const TABLES: readonly DirectoryTable[] = [
  'organization', 'service', 'location', 'address', 'service_at_location', 'service_area', 'attribute', 'phone', 'contact', 'schedule', 'language', 'accessibility',
];

/** The organizations of an import file, whichever HSDS envelope holds them. */
function organizationsOf(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (isObj(json) && Array.isArray(json.contents)) return json.contents;
  if (isObj(json) && typeof json.id === 'string' && 'name' in json) return [json];
  return null;
}

export function parseHsdsPackage(json: unknown, ctx: ImportContext): ParsedPackage | null {
  const list = organizationsOf(json);
  if (!list) return null;
  const received = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<DirectoryTable, number>;
  const rejections: Rejection[] = [];
  const seen = new Set<string>();
  const byAgs = new Map(ctx.municipalities.map((m) => [m.ags, m]));
  const byName = new Map<string, MunicipalityRef[]>();
  for (const m of ctx.municipalities) byName.set(m.name.toLowerCase(), [...(byName.get(m.name.toLowerCase()) ?? []), m]);

  const reader = (value: unknown, table: DirectoryTable, where: string): RecordReader | null => {
    received[table]++;
    const origin = isObj(value) && typeof value[ORIGIN] === 'string' ? (value[ORIGIN] as string) : where;
    if (!isObj(value)) {
      rejections.push({ table, id: null, where: origin, field: null, reason: 'not_an_object' });
      return null;
    }
    return new RecordReader(value, table, origin, seen);
  };
  /** Takes the record if it has no problems, else reports them; children are read only for taken records. */
  const settle = (r: RecordReader) => {
    rejections.push(...r.problems);
    return r.ok;
  };

  const phones = (items: unknown[], where: string): DirPhone[] =>
    items.flatMap((p, i) => {
      const r = reader(p, 'phone', `${where}.phones[${i}]`);
      if (!r) return [];
      const number = r.str('number', { required: true, max: 40 });
      if (number !== null && !PHONE.test(number)) r.fail('number', 'invalid_phone');
      const description = r.str('description', { max: 100 });
      return settle(r) ? [{ id: r.id!, number: number!, description }] : [];
    });

  const hours = (items: unknown[], where: string): DirOpeningHours[] =>
    items.flatMap((s, i) => {
      const r = reader(s, 'schedule', `${where}.schedules[${i}]`);
      if (!r) return [];
      const freq = r.str('freq', { max: 10 });
      if (freq !== null && freq.toUpperCase() !== 'WEEKLY') r.fail('freq', 'unsupported_schedule');
      const byday = r.str('byday', { required: true, max: 40 });
      const days = byday === null ? null : parseByDay(byday);
      if (byday !== null && !days) r.fail('byday', 'unsupported_schedule');
      const interval = r.num('interval', 1, 52);
      if (interval !== null && interval !== 1) r.fail('interval', 'unsupported_schedule');
      const opensRaw = r.str('opens_at', { required: true, max: 20 });
      const closesRaw = r.str('closes_at', { required: true, max: 20 });
      const opens = opensRaw === null ? null : parseLocalTime(opensRaw);
      const closes = closesRaw === null ? null : parseLocalTime(closesRaw);
      if (opensRaw !== null && !opens) r.fail('opens_at', 'invalid_time');
      if (closesRaw !== null && !closes) r.fail('closes_at', 'invalid_time');
      if (opens && closes && opens >= closes) r.fail('closes_at', 'closes_before_opens');
      const note = r.str('notes', { max: 200 });
      const validFrom = r.date('valid_from');
      const validTo = r.date('valid_to');
      if (validFrom && validTo && validFrom > validTo) r.fail('valid_to', 'invalid_date');
      return settle(r) ? [{ id: r.id!, days: days!, opens: opens!, closes: closes!, note, validFrom, validTo }] : [];
    });

  const languages = (items: unknown[], where: string): DirLanguage[] =>
    items.flatMap((l, i) => {
      const r = reader(l, 'language', `${where}.languages[${i}]`);
      if (!r) return [];
      const code = r.str('code', { required: true, max: 10 })?.toLowerCase() ?? null;
      if (code !== null && !/^[a-z]{2,3}$/.test(code)) r.fail('code', 'invalid_language');
      r.str('name', { max: 100 }); // checked, but the name is derived from the code
      return settle(r) ? [{ id: r.id!, code: code! }] : [];
    });

  const contacts = (items: unknown[], where: string): DirContact[] =>
    items.flatMap((c, i) => {
      const here = `${where}.contacts[${i}]`;
      const r = reader(c, 'contact', here);
      if (!r) return [];
      const name = r.str('name', { max: 120 });
      const title = r.str('title', { max: 120 });
      const department = r.str('department', { max: 120 });
      const email = r.email('email');
      const phoneItems = r.list('phones');
      if (!name && !title && !department && !email && !phoneItems.length) r.fail('name', 'required');
      if (!settle(r)) return [];
      return [{ id: r.id!, name, title, department, email, phones: phones(phoneItems, here) }];
    });

  const location = (value: unknown, organizationId: string, where: string): DirLocation | null => {
    const r = reader(value, 'location', where);
    if (!r) return null;
    const type = r.str('location_type', { required: true, max: 10 }) as LocationType | null;
    if (type !== null && !['physical', 'postal', 'virtual'].includes(type)) r.fail('location_type', 'invalid_value');
    const orgRef = r.ref('organization_id');
    if (orgRef !== null && orgRef !== organizationId) r.fail('organization_id', 'parent_mismatch');
    const name = r.str('name', { max: 200 });
    const description = r.str('description', { max: 1000 });
    const transportation = r.str('transportation', { max: 500 });
    const latitude = r.num('latitude', -90, 90);
    const longitude = r.num('longitude', -180, 180);
    const addressItems = r.list('addresses');
    const accessItems = r.list('accessibility');
    const phoneItems = r.list('phones');
    const scheduleItems = r.list('schedules');
    const languageItems = r.list('languages');
    if (!settle(r)) return null;
    const id = r.id!;
    // One postal address per location: the first physical one (HSDS allows several).
    let address: DirAddress | null = null;
    addressItems.forEach((a, i) => {
      const ar = reader(a, 'address', `${where}.addresses[${i}]`);
      if (!ar) return;
      const street = ar.str('address_1', { required: true, max: 200 });
      const city = ar.str('city', { required: true, max: 100 });
      const postalCode = ar.str('postal_code', { required: true, max: 10 });
      const country = (ar.str('country', { required: true, max: 2 }) ?? '').toUpperCase();
      const stateProvince = ar.str('state_province', { required: true, max: 50 });
      if (country === 'DE' && postalCode !== null && !/^\d{5}$/.test(postalCode)) ar.fail('postal_code', 'invalid_postal_code');
      if (country && country !== 'DE') ar.fail('country', 'invalid_value');
      const addressType = ar.str('address_type', { max: 10 }) ?? 'physical';
      if (addressType !== 'physical') ar.fail('address_type', 'unsupported_address');
      if (address) ar.fail(null, 'extra_address');
      if (settle(ar)) address = { id: ar.id!, street: street!, city: city!, postalCode: postalCode!, country, stateProvince: stateProvince! };
    });
    let accessibility: DirLocation['accessibility'] = null;
    accessItems.forEach((a, i) => {
      const ar = reader(a, 'accessibility', `${where}.accessibility[${i}]`);
      if (!ar) return;
      const text = ar.str('description', { required: true, max: 500 });
      if (accessibility) ar.fail(null, 'extra_accessibility');
      if (settle(ar)) accessibility = { id: ar.id!, description: text! };
    });
    const addr = address as DirAddress | null;
    return {
      id, organizationId, type: type!, name, description, address: addr,
      municipalityId: addr ? municipalityForPostalCode(ctx.municipalities, addr.postalCode) : null,
      transportation, accessibility, latitude, longitude,
      phones: phones(phoneItems, where), hours: hours(scheduleItems, where), languages: languages(languageItems, where),
    };
  };

  const service = (value: unknown, organizationId: string, locationIds: ReadonlySet<string>, where: string): DirService | null => {
    const r = reader(value, 'service', where);
    if (!r) return null;
    const orgRef = r.ref('organization_id');
    if (orgRef !== null && orgRef !== organizationId) r.fail('organization_id', 'parent_mismatch');
    const name = r.str('name', { required: true, max: 200 });
    const status = r.str('status', { required: true, max: 20 }) as ServiceStatus | null;
    if (status !== null && !(SERVICE_STATUSES as readonly string[]).includes(status)) r.fail('status', 'invalid_value');
    const s = {
      alternateName: r.str('alternate_name', { max: 100 }),
      description: r.str('description', { max: 4000 }),
      url: r.url('url'),
      email: r.email('email'),
      applicationProcess: r.str('application_process', { max: 1000 }),
      eligibility: r.str('eligibility_description', { max: 1000 }),
      fees: r.str('fees_description', { max: 500 }),
      interpretationServices: r.str('interpretation_services', { max: 500 }),
    };
    const lists = {
      phones: r.list('phones'), schedules: r.list('schedules'), areas: r.list('service_areas'), sal: r.list('service_at_locations'),
      languages: r.list('languages'), contacts: r.list('contacts'), attributes: r.list('attributes'),
    };
    if (!settle(r)) return null;
    const id = r.id!;
    const categories: DirService['categories'] = [];
    lists.attributes.forEach((a, i) => {
      const ar = reader(a, 'attribute', `${where}.attributes[${i}]`);
      if (!ar) return;
      const link = ar.ref('link_id');
      if (link !== null && link !== id) ar.fail('link_id', 'parent_mismatch');
      const entity = ar.str('link_entity', { max: 40 });
      if (entity !== null && entity !== 'service') ar.fail('link_entity', 'invalid_value');
      const nested = a && typeof a === 'object' ? (a as Obj).taxonomy_term : undefined;
      const term = findTerm({ id: (a as Obj).taxonomy_term_id, code: isObj(nested) ? nested.code : undefined }) ?? (isObj(nested) ? findTerm({ id: nested.id }) : null);
      if (!term) ar.fail('taxonomy_term_id', 'unknown_category');
      else if (categories.some((c) => c.code === term.code)) ar.fail('taxonomy_term_id', 'duplicate_category');
      if (settle(ar)) categories.push({ id: ar.id!, code: term!.code });
    });
    const areas: DirService['areas'] = [];
    lists.areas.forEach((a, i) => {
      const ar = reader(a, 'service_area', `${where}.service_areas[${i}]`);
      if (!ar) return;
      const extent = ar.str('extent', { max: 100000 });
      const areaName = ar.str('name', { max: 200 });
      // The official key first (our exports name it), then a unique name.
      const byKey = extent !== null && /^\d{8}$/.test(extent) ? byAgs.get(extent) : undefined;
      const named = areaName ? byName.get(areaName.toLowerCase()) : undefined;
      const m = byKey ?? (named?.length === 1 ? named[0] : undefined);
      if (!m) ar.fail('extent', 'unknown_municipality', { name: areaName ?? extent?.slice(0, 40) ?? '' });
      else if (areas.some((x) => x.municipalityId === m.id)) ar.fail('extent', 'duplicate_area');
      if (settle(ar)) areas.push({ id: ar.id!, municipalityId: m!.id });
    });
    const atLocations: DirService['atLocations'] = [];
    lists.sal.forEach((x, i) => {
      const xr = reader(x, 'service_at_location', `${where}.service_at_locations[${i}]`);
      if (!xr) return;
      const sid = xr.ref('service_id');
      if (sid !== null && sid !== id) xr.fail('service_id', 'parent_mismatch');
      const locationId = xr.ref('location_id');
      const nestedId = isObj((x as Obj).location) ? String(((x as Obj).location as Obj).id ?? '').toLowerCase() : null;
      const target = locationId ?? (nestedId && UUID.test(nestedId) ? nestedId : null);
      if (!target) xr.fail('location_id', 'required');
      else if (!locationIds.has(target) && !ctx.knownLocationIds.has(target)) xr.fail('location_id', 'unknown_location');
      else if (atLocations.some((y) => y.locationId === target)) xr.fail('location_id', 'duplicate_location');
      const description = xr.str('description', { max: 500 });
      if (settle(xr)) atLocations.push({ id: xr.id!, locationId: target!, description });
    });
    return {
      id, organizationId, name: name!, status: status!, ...s, lastModified: null,
      categories, areas, atLocations,
      phones: phones(lists.phones, where), contacts: contacts(lists.contacts, where),
      hours: hours(lists.schedules, where), languages: languages(lists.languages, where),
    };
  };

  // Two passes: every organisation with its locations first, then the services, because a
  // service may be offered at a location of another organisation further down the file.
  const pending: { org: DirOrganization; services: unknown[]; where: string }[] = [];
  list.forEach((value, i) => {
    const where = `[${i}]`;
    const r = reader(value, 'organization', where);
    if (!r) return;
    const name = r.str('name', { required: true, max: 200 });
    const description = r.str('description', { required: true, max: 2000 });
    const alternateName = r.str('alternate_name', { max: 100 });
    const email = r.email('email');
    const website = r.url('website');
    const lists = { phones: r.list('phones'), contacts: r.list('contacts'), locations: r.list('locations'), services: r.list('services') };
    if (!settle(r)) return;
    const id = r.id!;
    const org: DirOrganization = {
      id, name: name!, description: description!, alternateName, email, website,
      phones: phones(lists.phones, where), contacts: contacts(lists.contacts, where),
      locations: lists.locations.flatMap((l, j) => location(l, id, `${where}.locations[${j}]`) ?? []),
      services: [],
    };
    pending.push({ org, services: lists.services, where });
  });
  const takenLocations = new Set(pending.flatMap((p) => p.org.locations.map((l) => l.id)));
  for (const p of pending) {
    p.org.services = p.services.flatMap((s, j) => service(s, p.org.id, takenLocations, `${p.where}.services[${j}]`) ?? []);
  }
  const organizations = pending.map((p) => p.org);
  return { organizations, rejections, received };
}

/** The one municipality a postal code belongs to, or null when none or several share it. */
export function municipalityForPostalCode(municipalities: readonly MunicipalityRef[], postalCode: string): string | null {
  const hits = municipalities.filter((m) => m.postalCodes.includes(postalCode));
  return hits.length === 1 ? hits[0].id : null;
}
