import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FederalCount, NrwCount } from '../../../contracts/official-statistics.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, testClock, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { DEMO_SHELTER_FAMILY } from '../demo/housing-seed.js';
import { seedDemo } from '../demo/seed.js';

/*
 * The official counts and the pseudonymised export on the demo district (three organisations'
 * cases, the Rahimi family in the district office's shelter for fourteen months), plus placements
 * and living situations made here: what counts on which day, that later changes leave a past day's
 * count alone, the files, and that the export names nobody.
 */

const NOW = new Date('2026-11-23T08:30:00Z'); // Monday
const TODAY = '2026-11-23';
let t: TestApp;
let stat: Client;
let fkA: Client;
let tlA: Client;
const caseOf = async (externalId: string) =>
  (await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('notices').select('case_id').where('external_id', '=', externalId).executeTakeFirstOrThrow())).case_id;
const accommodationId = async (name: string) =>
  (await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('accommodations').select('id').where('name', '=', name).executeTakeFirstOrThrow())).id;

beforeAll(async () => {
  t = await createTestApp({}, testClock(NOW));
  expect(await seedDemo(t.db, { cases: { config: t.config, now: NOW } })).toBe(true);
  stat = await login(t.app, 'stat@demo.test', DEMO_PASSWORD);
  fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
  tlA = await login(t.app, 'tl.a@demo.test', DEMO_PASSWORD);
}, 240_000);
afterAll(() => t?.close());

const federal = async (on: string) => {
  const res = await stat.get(`/api/v1/reports/official/federal?on=${on}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as FederalCount;
};
const nrw = async (on: string) => {
  const res = await stat.get(`/api/v1/reports/official/nrw?on=${on}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as NrwCount;
};

describe(`official counts (${engineName()})`, () => {
  it("the federal count: the shelter family's four persons with the § 4 characteristics, across organisations", async () => {
    const c = await federal(TODAY);
    expect(c).toMatchObject({ on: TODAY, persons: DEMO_SHELTER_FAMILY.persons, placements: 1, unlistedPersons: 0 });
    const musterstadt = (await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('municipalities').select('ags').where('name', '=', 'Musterstadt').executeTakeFirstOrThrow())).ags;
    for (const r of c.records) {
      expect(r).toMatchObject({ householdType: 'couple_with_children', householdSize: 4, provisionType: 'short_term', providerType: 'municipality', welfareAssociation: null, municipalityKey: musterstadt });
    }
    expect(c.records.map((r) => [r.sex, r.nationality, r.nationalityCode])).toEqual([
      ['female', 'foreign', 'AF'],
      ['male', 'stateless', null],
      ['female', 'foreign', 'AF'],
      ['male', 'foreign', 'AF'],
    ]);
    expect(c.records.filter((r) => r.age !== null && r.age < 18)).toHaveLength(2);
    expect(c.totals.householdType.find((x) => x.key === 'couple_with_children')?.count).toBe(4);
    // Before the family moved in: nobody.
    expect((await federal('2025-01-31')).persons).toBe(0);
    // The default reference day is the last 31 January.
    expect((await stat.get('/api/v1/reports/official/federal')).json().on).toBe('2026-01-31');
    expect((await stat.get('/api/v1/reports/official/nrw')).json().on).toBe('2026-06-30');
  });

  it('a past day stays as it was: a move-out after the day changes nothing for it; unlisted persons count as unknown', async () => {
    const caseId = await caseOf('DEMO-markovic');
    const shelter = await accommodationId('Übergangswohnhaus Gartenweg');
    const placed = await fkA.post(`/api/v1/cases/${caseId}/placements`, { accommodationId: shelter, persons: 4, movedInOn: '2026-10-01' });
    expect(placed.statusCode, placed.body).toBe(201);
    const before = await federal('2026-10-15');
    expect(before.persons).toBe(8);
    expect(before.placements).toBe(2);
    // The Marković file lists the two tenants only: two placed persons are unknown.
    expect(before.unlistedPersons).toBe(2);
    const gartenweg = before.records.filter((r) => r.placedSince === '2026-10-01');
    expect(gartenweg).toHaveLength(4);
    expect(gartenweg[0]).toMatchObject({ householdType: 'unknown', householdSize: 4, provisionType: 'semi_residential', providerType: 'voluntary', welfareAssociation: 'paritaetischer' });
    expect(gartenweg.filter((r) => r.sex === null && r.age === null && r.nationality === 'unknown')).toHaveLength(2);
    // The day it moved in counts; the day before does not.
    expect((await federal('2026-10-01')).persons).toBe(8);
    expect((await federal('2026-09-30')).persons).toBe(4);

    const moved = await fkA.patch(`/api/v1/housing/placements/${placed.json().id}`, { version: placed.json().version, movedOutOn: '2026-11-02', moveOutReason: 'relatives' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await federal('2026-10-15')).toEqual(before);
    // The night of the move-out no longer counts.
    expect((await federal('2026-11-02')).persons).toBe(4);
    expect((await federal('2026-11-01')).persons).toBe(8);
  });

  it('the NRW count adds the counselled roofless and houseless persons of that day, from the living situation’s history', async () => {
    const caseId = await caseOf('DEMO-brandhorst');
    const base = await nrw('2026-11-10');
    const setSituation = async (situation: object) => {
      const file = (await fkA.get(`/api/v1/cases/${caseId}`)).json();
      const res = await fkA.patch(`/api/v1/cases/${caseId}/file`, { version: file.version, situation: { livingSituation: situation } });
      expect(res.statusCode, res.body).toBe(200);
    };
    await setSituation({ category: 'rough_sleeping', situation: 'public_space', since: '2026-11-05' });
    const during = await nrw('2026-11-10');
    expect(during.persons).toBe(base.persons + 1);
    expect(during.counselled).toBe(base.counselled + 1);
    const added = during.totals.situation.find((x) => x.key === 'rough_sleeping')!.count - base.totals.situation.find((x) => x.key === 'rough_sleeping')!.count;
    expect(added).toBe(1);
    expect(during.records.filter((r) => r.situation === 'rough_sleeping' && r.sex === 'female' && r.ageGroup === '50-59' && r.nationalityGroup === 'german')).toHaveLength(
      base.records.filter((r) => r.situation === 'rough_sleeping' && r.sex === 'female' && r.ageGroup === '50-59' && r.nationalityGroup === 'german').length + 1,
    );
    // The day before "since": not yet.
    expect((await nrw('2026-11-04')).counselled).toBe(base.counselled);

    // Housed again from today: the 10 November count is unchanged.
    await setSituation({ category: 'housed', situation: 'own_tenancy', since: TODAY });
    expect(await nrw('2026-11-10')).toEqual(during);
    // The placed persons are part of the NRW count too.
    expect(during.placed).toBe((await federal('2026-11-10')).persons);
    expect(during.totals.situation.find((x) => x.key === 'placed_short_term')?.count).toBe(4);
  });

  it('files: CSV in the characteristics’ order with codes, XLSX with totals and records, PDF', async () => {
    const csv = await stat.get(`/api/v1/reports/official/federal?on=${TODAY}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`bleibe-bundesstatistik-${TODAY}.csv`);
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('sex,age,nationality,nationality_code,household_type,household_size,provision_type,provider_type,welfare_association,placed_since,municipality_key');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^female,\d+,foreign,AF,couple_with_children,4,short_term,municipality,,\d{4}-\d{2}-\d{2},\d{8}$/);

    const xlsx = await stat.get(`/api/v1/reports/official/nrw?on=${TODAY}&format=xlsx&lang=en`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('Persons (records)');
    expect(wb.worksheets.map((w) => w.name)).toContain('Age group');

    const pdf = await stat.get(`/api/v1/reports/official/federal?on=${TODAY}&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('only the statistics role; bad input answers 400 naming the field', async () => {
    expect((await fkA.get('/api/v1/reports/official/federal')).statusCode).toBe(403);
    expect((await tlA.get('/api/v1/reports/official/nrw')).statusCode).toBe(403);
    const bad = await stat.get('/api/v1/reports/official/federal?on=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('on');
    expect((await stat.get('/api/v1/reports/official/nrw?format=docx')).statusCode).toBe(400);
  });
});

describe(`pseudonymised export (${engineName()})`, () => {
  const KEY = 'evaluation-key-2026-alpha';
  const exportCsv = async (key: string, client = stat) => {
    const res = await client.post('/api/v1/reports/pseudonymised-export', { from: '2020-01-01', to: TODAY, key, format: 'csv' });
    return res;
  };
  const parse = (body: string) =>
    body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));

  it('contains no direct identifier of any seeded person, only codes; audited without the key', async () => {
    const res = await exportCsv(KEY);
    expect(res.statusCode, res.body).toBe(200);
    const text = res.body;
    const [header, ...rows] = parse(text);
    expect(header[0]).toBe('case_pseudonym');
    const caseCount = await unsafeInternalTx(t.db, null, async (tx) => (await tx.db.selectFrom('cases').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    expect(rows).toHaveLength(Number(caseCount));
    // No free text: every cell is a code, a number, a month, a pseudonym or empty.
    for (const r of rows) {
      expect(r).toHaveLength(header.length);
      for (const cell of r) expect(cell).toMatch(/^[a-z0-9_|+-]*$/);
    }
    const identifiers = await unsafeInternalTx(t.db, null, async (tx) => {
      const persons = await tx.db.selectFrom('persons').select(['first_name', 'last_name', 'birth_date', 'phone', 'email']).execute();
      const households = await tx.db.selectFrom('households').select(['street', 'house_number', 'postal_code', 'city']).execute();
      const cases = await tx.db.selectFrom('cases').select(['case_number', 'contact_phone', 'contact_email', 'id', 'household_id']).execute();
      const date = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : d ? String(d).slice(0, 10) : null);
      return [
        ...persons.flatMap((p) => {
          const d = date(p.birth_date);
          return [p.first_name, p.last_name, p.phone, p.email, d, d ? `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}` : null];
        }),
        ...households.flatMap((h) => [h.street, `${h.street} ${h.house_number}`, h.postal_code]),
        ...cases.flatMap((c) => [c.case_number, c.contact_phone, c.contact_email, c.id, c.household_id]),
      ].filter((s): s is string => !!s && s.length >= 3);
    });
    expect(identifiers.length).toBeGreaterThan(100);
    // The pseudonyms are keyed hashes (random-looking hex, different ids each run): a postal code
    // or a phone number's digits can turn up inside one by chance, which discloses nothing. They
    // are checked for their form; every other cell is searched for the identifiers.
    const pseudonymColumns = header.flatMap((h, i) => (h.endsWith('_pseudonym') ? [i] : []));
    expect(pseudonymColumns).toHaveLength(2);
    for (const r of rows) for (const i of pseudonymColumns) expect(r[i]).toMatch(/^[0-9a-f]{16}$/);
    const searched = [header, ...rows].map((r) => r.filter((_, i) => !pseudonymColumns.includes(i)).join(',')).join('\n');
    const found = identifiers.filter((s) => searched.includes(s));
    expect(found).toEqual([]);
    // The audit names the export, not the key.
    const audit = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.pseudonymised_export').execute());
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(KEY);
    expect(JSON.stringify(audit[0])).toContain(String(rows.length));
  });

  it('the same key gives the same pseudonyms, another key none in common; XLSX and PDF too', async () => {
    const a = parse((await exportCsv(KEY)).body).slice(1);
    const b = parse((await exportCsv(KEY)).body).slice(1);
    const c = parse((await exportCsv('another-evaluators-key')).body).slice(1);
    expect(b.map((r) => r[0])).toEqual(a.map((r) => r[0]));
    const pseudonymsA = new Set(a.flatMap((r) => [r[0], r[1]]));
    expect(c.flatMap((r) => [r[0], r[1]]).filter((p) => pseudonymsA.has(p))).toEqual([]);
    // Households with several cases keep one household pseudonym per key.
    expect(new Set(a.map((r) => r[1])).size).toBeLessThanOrEqual(a.length);
    const xlsx = await stat.post('/api/v1/reports/pseudonymised-export', { from: '2020-01-01', to: TODAY, key: KEY, format: 'xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const pdf = await stat.post('/api/v1/reports/pseudonymised-export', { from: '2020-01-01', to: TODAY, key: KEY, format: 'pdf' });
    expect(pdf.statusCode).toBe(200);
  });

  it('refuses short keys, reversed periods and other roles', async () => {
    const short = await stat.post('/api/v1/reports/pseudonymised-export', { from: '2026-01-01', to: TODAY, key: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('key');
    const reversed = await stat.post('/api/v1/reports/pseudonymised-export', { from: TODAY, to: '2026-01-01', key: KEY });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('to');
    expect((await exportCsv(KEY, fkA)).statusCode).toBe(403);
  });
});
