import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../contracts/directory.js';
import { fixtureDirectory, fixtureId, MUNIS } from './fixtures.js';
import { describeDays, parseByDay, parseLocalTime } from './hours.js';
import { organizationToHsds, toHsdsPackage, type HsdsRecord } from './hsds-export.js';
import { municipalityForPostalCode, parseHsdsPackage, type ImportContext } from './hsds-import.js';
import { assembleOrganizations, diffRows, emptyRows, organizationRows } from './rows.js';
import { packageToTables, readCsvFiles, tablesToCsvFiles, tablesToPackage, toCsv } from './tabular.js';
import { TAXONOMY_TERMS } from './taxonomy.js';

const ctx: ImportContext = { municipalities: MUNIS, knownLocationIds: new Set() };
const byId = new Map(MUNIS.map((m) => [m.id, m]));

describe('opening hours', () => {
  it.each<[string, Weekday[] | null]>([
    ['MO', ['MO']],
    ['mo, we ,FR', ['MO', 'WE', 'FR']],
    ['FR,MO,MO', ['MO', 'FR']],
    ['2MO', null],
    ['-1FR', null],
    ['', null],
    ['XX', null],
  ])('byday %j → %j', (input, expected) => expect(parseByDay(input)).toEqual(expected));

  it.each<[string, string | null]>([
    ['09:00', '09:00'],
    ['09:00:00', '09:00'],
    ['9:00', null],
    ['09:00+01:00', '09:00'],
    ['17:30:00+02:00', '17:30'],
    ['09:00Z', null], // UTC names another wall-clock time in Germany
    ['09:00-05:00', null],
    ['09:00:30', null],
    ['24:00', null],
    ['noon', null],
  ])('time %j → %j', (input, expected) => expect(parseLocalTime(input)).toBe(expected));

  it.each<[Weekday[], string]>([
    [['MO'], 'Mo'],
    [['MO', 'TU'], 'Mo, Di'],
    [['MO', 'TU', 'WE', 'FR'], 'Mo–Mi, Fr'],
    [['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'], 'Mo–So'],
  ])('describes %j as %s', (days, text) => expect(describeDays(days)).toBe(text));
});

describe('postal code → municipality', () => {
  it.each<[string, string | null]>([
    ['05101', MUNIS[0].id],
    ['05120', MUNIS[1].id],
    ['99999', null],
  ])('%s → %s', (code, expected) => expect(municipalityForPostalCode(MUNIS, code)).toBe(expected));
  it('is null when two municipalities share the code', () => {
    expect(municipalityForPostalCode([...MUNIS, { ...MUNIS[0], id: 'x', postalCodes: ['05101'] }], '05101')).toBeNull();
  });
});

describe('HSDS export', () => {
  const [org] = fixtureDirectory();
  const hsds = organizationToHsds(org, byId);
  const service = (hsds.services as HsdsRecord[])[0];

  it.each<[string, (h: HsdsRecord) => unknown, unknown]>([
    ['keeps the HSDS ids', (h) => h.id, fixtureId(1)],
    ['leaves unknown values out instead of null', (h) => 'alternate_name' in (h.services as HsdsRecord[])[0], false],
    ['names the service status as HSDS does', () => service.status, 'active'],
    ['links the service to its organisation', () => service.organization_id, fixtureId(1)],
    ['gives opening hours as a weekly rule', () => (service.schedules as HsdsRecord[])[0], {
      id: fixtureId(18), service_id: fixtureId(10), freq: 'WEEKLY', wkst: 'MO', byday: 'TH', opens_at: '14:00', closes_at: '18:00',
      description: 'Do 14:00–18:00 Uhr', notes: 'nur nach Vereinbarung', valid_from: '2026-01-01', valid_to: '2026-12-31',
    }],
    ['names a service area by its AGS', () => (service.service_areas as HsdsRecord[])[1], {
      id: fixtureId(14), service_id: fixtureId(10), name: 'Lindenau', extent: '05899012', extent_type: 'text', description: 'Gemeinde (AGS 05899012)',
    }],
    ['gives a language its German name when none is stored', () => (service.languages as HsdsRecord[])[0], { id: fixtureId(19), service_id: fixtureId(10), name: 'Türkisch', code: 'tr' }],
    ['links categories as attributes with the taxonomy term', () => {
      const a = (service.attributes as HsdsRecord[])[0];
      return [a.link_id, a.link_entity, a.taxonomy_term_id, (a.taxonomy_term as HsdsRecord).name];
    }, [fixtureId(10), 'service', TAXONOMY_TERMS.find((t) => t.code === 'addiction_help')!.id, 'Suchthilfe']],
    ['gives the location its address', (h) => ((h.locations as HsdsRecord[])[0].addresses as HsdsRecord[])[0], {
      id: fixtureId(6), location_id: fixtureId(5), address_1: 'Lindenstraße 4', city: 'Musterstadt', state_province: 'NW', postal_code: '05101', country: 'DE', address_type: 'physical',
    }],
    ['names the location of a service at another organisation by id', () => (service.service_at_locations as HsdsRecord[])[1], {
      id: fixtureId(16), service_id: fixtureId(10), location_id: fixtureId(25), description: 'Außensprechstunde',
    }],
    ['puts a contact phone under the contact', (h) => ((h.contacts as HsdsRecord[])[0].phones as HsdsRecord[])[0], { id: fixtureId(4), contact_id: fixtureId(3), number: '05101 124' }],
  ])('%s', (_label, pick, expected) => expect(pick(hsds)).toEqual(expected));
});

describe('HSDS import', () => {
  it('reads its own export back into the same directory', () => {
    const dir = fixtureDirectory();
    const parsed = parseHsdsPackage(toHsdsPackage(dir, MUNIS), ctx)!;
    expect(parsed.rejections).toEqual([]);
    expect(parsed.organizations).toEqual(dir);
  });

  it('accepts one organization and an API page of them', () => {
    const [org] = toHsdsPackage(fixtureDirectory(), MUNIS);
    expect(parseHsdsPackage(org, { ...ctx, knownLocationIds: new Set([fixtureId(25)]) })!.organizations).toHaveLength(1);
    expect(parseHsdsPackage({ contents: [org], total_items: 1 }, { ...ctx, knownLocationIds: new Set([fixtureId(25)]) })!.organizations).toHaveLength(1);
    expect(parseHsdsPackage('nonsense', ctx)).toBeNull();
    expect(parseHsdsPackage({ foo: 1 }, ctx)).toBeNull();
  });

  /** The fixture export with one change; the expected rejections as [table, field, reason]. */
  type Change = (pkg: any[]) => void;
  it.each<[string, Change, [string, string | null, string][], { orgs: number; services: number }]>([
    ['an organisation without a name', (p) => delete p[0].name, [['organization', 'name', 'required']], { orgs: 1, services: 0 }],
    ['an id that is no UUID', (p) => (p[0].services[0].id = '42'), [['service', 'id', 'invalid_uuid']], { orgs: 2, services: 0 }],
    ['the same id twice', (p) => (p[1].id = p[0].id), [['organization', 'id', 'duplicate_id'], ['service_at_location', 'location_id', 'unknown_location']], { orgs: 1, services: 1 }],
    ['a service without status', (p) => delete p[0].services[0].status, [['service', 'status', 'required']], { orgs: 2, services: 0 }],
    ['an unknown status', (p) => (p[0].services[0].status = 'open'), [['service', 'status', 'invalid_value']], { orgs: 2, services: 0 }],
    ['a bad phone number', (p) => (p[0].services[0].phones[0].number = 'ruf an'), [['phone', 'number', 'invalid_phone']], { orgs: 2, services: 1 }],
    ['a bad e-mail address', (p) => (p[0].email = 'keine-adresse'), [['organization', 'email', 'invalid_email']], { orgs: 1, services: 0 }],
    ['a website that is no http URL', (p) => (p[0].website = 'javascript:alert(1)'), [['organization', 'website', 'invalid_url']], { orgs: 1, services: 0 }],
    ['a monthly schedule', (p) => (p[0].services[0].schedules[0].byday = '2MO'), [['schedule', 'byday', 'unsupported_schedule']], { orgs: 2, services: 1 }],
    ['a schedule in UTC', (p) => (p[0].services[0].schedules[0].opens_at = '08:00Z'), [['schedule', 'opens_at', 'invalid_time']], { orgs: 2, services: 1 }],
    ['a schedule closing before it opens', (p) => (p[0].services[0].schedules[0].closes_at = '13:00'), [['schedule', 'closes_at', 'closes_before_opens']], { orgs: 2, services: 1 }],
    ['an unknown category', (p) => { p[0].services[0].attributes[0].taxonomy_term_id = fixtureId(99); p[0].services[0].attributes[0].taxonomy_term.id = fixtureId(99); p[0].services[0].attributes[0].taxonomy_term.code = 'x'; }, [['attribute', 'taxonomy_term_id', 'unknown_category']], { orgs: 2, services: 1 }],
    ['an unknown municipality', (p) => { p[0].services[0].service_areas[0].extent = '09999999'; p[0].services[0].service_areas[0].name = 'Atlantis'; }, [['service_area', 'extent', 'unknown_municipality']], { orgs: 2, services: 1 }],
    ['a service at a location nobody knows', (p) => (p[0].services[0].service_at_locations[0].location_id = fixtureId(98)), [['service_at_location', 'location_id', 'unknown_location']], { orgs: 2, services: 1 }],
    ['a second address', (p) => p[0].locations[0].addresses.push({ ...p[0].locations[0].addresses[0], id: fixtureId(97) }), [['address', null, 'extra_address']], { orgs: 2, services: 1 }],
    ['a postal code that is not German', (p) => (p[0].locations[0].addresses[0].postal_code = '1234'), [['address', 'postal_code', 'invalid_postal_code']], { orgs: 2, services: 1 }],
    ['a language without code', (p) => delete p[0].services[0].languages[0].code, [['language', 'code', 'required']], { orgs: 2, services: 1 }],
    ['a record that is no object', (p) => (p[0].services[0].phones[0] = 'x'), [['phone', null, 'not_an_object']], { orgs: 2, services: 1 }],
    ['a NUL character', (p) => (p[0].services[0].name = 'a\u0000b'), [['service', 'name', 'invalid_text']], { orgs: 2, services: 0 }],
    ['a service of another organisation nested here', (p) => (p[0].services[0].organization_id = fixtureId(20)), [['service', 'organization_id', 'parent_mismatch']], { orgs: 2, services: 0 }],
    ['a location that is rejected takes its services\' link with it', (p) => (p[1].locations[0].location_type = 'boat'), [['location', 'location_type', 'invalid_value'], ['service_at_location', 'location_id', 'unknown_location']], { orgs: 2, services: 1 }],
  ])('rejects %s with the reason', (_label, change, expected, taken) => {
    const pkg = JSON.parse(JSON.stringify(toHsdsPackage(fixtureDirectory(), MUNIS)));
    change(pkg);
    const parsed = parseHsdsPackage(pkg, ctx)!;
    expect(parsed.rejections.map((r) => [r.table, r.field, r.reason])).toEqual(expected);
    expect(parsed.rejections.every((r) => r.where.startsWith('['))).toBe(true);
    expect([parsed.organizations.length, parsed.organizations.flatMap((o) => o.services).length]).toEqual([taken.orgs, taken.services]);
  });
});

describe('HSDS tabular (CSV)', () => {
  it.each<[string, string[], Record<string, string | number>[], string]>([
    ['plain values', ['id', 'name'], [{ id: 'a', name: 'b' }], 'id,name\r\na,b\r\n'],
    ['quotes, commas and line breaks', ['name'], [{ name: 'say "hi", then\nleave' }], 'name\r\n"say ""hi"", then\nleave"\r\n'],
    ['absent values as empty cells', ['id', 'x', 'n'], [{ id: 'a', n: 2.5 }], 'id,x,n\r\na,,2.5\r\n'],
  ])('writes %s', (_l, columns, rows, csv) => expect(toCsv(columns, rows)).toBe(csv));

  it('writes one file per HSDS table and reads it back into the same directory', () => {
    const dir = fixtureDirectory();
    const files = tablesToCsvFiles(packageToTables(toHsdsPackage(dir, MUNIS)));
    expect(files.map((f) => f.name)).toContain('service_at_location.csv');
    const services = files.find((f) => f.name === 'services.csv')!.content;
    expect(services.split('\r\n')[0]).toMatch(/^id,organization_id,program_id,name,/);
    const { pkg, rejections } = tablesToPackage(readCsvFiles(new Map(files.map((f) => [f.name, f.content]))));
    expect(rejections).toEqual([]);
    const parsed = parseHsdsPackage(pkg, ctx)!;
    expect(parsed.rejections).toEqual([]);
    expect(parsed.organizations).toEqual(dir);
  });

  it('rejects rows whose parent is not in the files, naming file and row', () => {
    const files = new Map(tablesToCsvFiles(packageToTables(toHsdsPackage(fixtureDirectory(), MUNIS))).map((f) => [f.name, f.content]));
    files.set('phones.csv', files.get('phones.csv')! + `${fixtureId(90)},,${fixtureId(91)},,,,05101 9,,,\r\n`);
    const { rejections } = tablesToPackage(readCsvFiles(files));
    expect(rejections).toEqual([{ table: 'phone', id: fixtureId(90), where: 'phones.csv:6', field: 'service_id', reason: 'orphan' }]);
  });

  it('names the row of a bad record', () => {
    const files = new Map(tablesToCsvFiles(packageToTables(toHsdsPackage(fixtureDirectory(), MUNIS))).map((f) => [f.name, f.content]));
    files.set('schedules.csv', files.get('schedules.csv')!.replace(',14:00,18:00,', ',25:00,18:00,'));
    const { pkg } = tablesToPackage(readCsvFiles(files));
    const parsed = parseHsdsPackage(pkg, ctx)!;
    expect(parsed.rejections.map((r) => [r.where, r.field, r.reason])).toEqual([['schedules.csv:2', 'opens_at', 'invalid_time']]);
  });

  it('refuses a file set without organizations.csv', () => {
    expect(() => readCsvFiles(new Map([['services.csv', 'id\r\n']]))).toThrow(/organizations.csv/);
  });
});

describe('rows', () => {
  it('a directory stored as rows assembles to the same trees', () => {
    const dir = fixtureDirectory();
    const rows = emptyRows();
    for (const o of dir) organizationRows(o, rows);
    expect(assembleOrganizations(rows)).toEqual(dir);
  });

  it('compares stored and incoming rows by id', () => {
    const [a] = fixtureDirectory();
    const stored = organizationRows(a);
    const changed = structuredClone(a);
    changed.services[0].name = 'Neue Suchtberatung';
    changed.services[0].phones = [];
    changed.locations[0].hours.push({ id: fixtureId(50), days: ['FR'], opens: '08:00', closes: '09:00', note: null, validFrom: null, validTo: null });
    const d = diffRows(stored, organizationRows(changed));
    expect(d.directory_services).toEqual({ created: [], updated: [fixtureId(10)], unchanged: [], removed: [] });
    expect(d.directory_phones.removed).toEqual([fixtureId(17)]);
    expect(d.directory_schedules.created).toEqual([fixtureId(50)]);
    expect(d.directory_organizations.unchanged).toEqual([fixtureId(1)]);
  });
});
