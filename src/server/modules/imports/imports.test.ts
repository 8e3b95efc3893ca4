import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportJob, ImportPreview, IMPORT_LIMITS } from '../../../contracts/imports.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import type { Services } from '../../platform/services.js';
import { createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';
import { convertRows, parseDate, parseNumber } from './columns.js';
import { decodeText, detectDelimiter, readSheet, zipUnpackedSize } from './file.js';
import { importsIdle, resumeImports } from './runner.js';

let t: TestApp;
let fkA: Client;
let fkB: Client;
let jc: Client;

beforeAll(async () => {
  t = await createTestApp({}, testClock(new Date('2026-04-20T09:00:00Z')));
  await seedDemo(t.db);
  fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
  fkB = await login(t.app, 'fk.b@demo.test', DEMO_PASSWORD);
  jc = await login(t.app, 'jc@demo.test', DEMO_PASSWORD);
});
afterAll(() => t?.close());

const HEADER = 'externalId;kind;receivedOn;tenant1FirstName;tenant1LastName;tenant1BirthDate;street;houseNumber;postalCode;city;monthlyRent;arrears;courtName;courtFileNumber;courtServedOn';

/** Synthetic, well-separated surnames, so person matching never links two rows of a test. */
const LETTERS = 'bcdfghklmnprstvwz';
function surname() {
  const hex = uniqueSuffix() + uniqueSuffix();
  let s = '';
  for (let i = 0; i < 8; i++) s += LETTERS[parseInt(hex.slice(i, i + 2), 16) % LETTERS.length] + 'aeiou'[i % 5];
  return s[0].toUpperCase() + s.slice(1);
}

function csvRow(id: string, over: Partial<Record<string, string>> = {}) {
  const v: Record<string, string> = {
    externalId: id,
    kind: 'Räumungsklage',
    receivedOn: '12.04.2026',
    tenant1FirstName: 'Erika',
    tenant1LastName: surname(),
    tenant1BirthDate: '03.07.1980',
    street: 'Lindenstraße',
    houseNumber: '5',
    postalCode: '05101',
    city: 'Musterstadt',
    monthlyRent: '620,50',
    arrears: '1.234,56',
    courtName: 'Amtsgericht Musterstadt',
    courtFileNumber: `12 C ${id}/26`,
    courtServedOn: '10.04.2026',
    ...over,
  };
  return HEADER.split(';').map((k) => v[k] ?? '').join(';');
}

const b64 = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s).toString('base64');
const upload = (c: Client, url: string, fileName: string, content: string | Buffer) => c.post(url, { fileName, contentBase64: b64(content) });

async function importAndWait(c: Client, fileName: string, content: string | Buffer) {
  const res = await upload(c, '/api/v1/imports', fileName, content);
  expect(res.statusCode, res.body).toBe(202);
  await importsIdle(t.db);
  const done = await c.get(`/api/v1/imports/${res.json().id}`);
  expect(done.statusCode).toBe(200);
  return ImportJob.parse(done.json());
}

async function noticesWith(ids: string[]) {
  return unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('notices').select(['external_id', 'channel', 'payload', 'org_id', 'source_org_id']).where('external_id', 'in', ids).execute(),
  );
}

function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.message.length).toBeGreaterThan(0);
  return res.json().error as { code: string; message: string; fields?: { path: string; message: string }[] };
}

describe('reading files', () => {
  it('German and international numbers and dates', () => {
    expect(parseNumber('1.234,56')).toBe(1234.56);
    expect(parseNumber('620,5')).toBe(620.5);
    expect(parseNumber('1.350')).toBe(1350);
    expect(parseNumber('1234.56')).toBe(1234.56);
    expect(parseNumber('1,234.56')).toBe(1234.56);
    expect(parseNumber(' 1.234,56 € ')).toBe(1234.56);
    expect(parseNumber('12 EUR')).toBe(12);
    expect(parseNumber('abc')).toBe('abc');
    expect(parseNumber('')).toBeUndefined();
    expect(parseDate('12.04.2026')).toBe('2026-04-12');
    expect(parseDate('1.4.2026')).toBe('2026-04-01');
    expect(parseDate('2026-04-12')).toBe('2026-04-12');
    expect(parseDate('2026-04-12T00:00:00')).toBe('2026-04-12');
    expect(parseDate(new Date(Date.UTC(2026, 3, 12)))).toBe('2026-04-12');
    expect(parseDate(46124)).toBe('2026-04-12'); // an Excel serial number
    expect(parseDate('12.04.26')).toBe('12.04.26'); // left for the validator to refuse
  });

  it('detects the separator and the encoding', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('"x;y",b,c\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(decodeText(Buffer.from('\ufeffStraße', 'utf8'))).toEqual({ text: 'Straße', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('Straße', 'latin1'))).toEqual({ text: 'Straße', encoding: 'windows-1252' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Straße', 'utf16le')]))).toEqual({ text: 'Straße', encoding: 'utf-16le' });
  });

  it('quoted fields with separators, quotes and line breaks; the row numbers are the file\'s', async () => {
    const csv = [
      'externalId,kind,receivedOn,tenant1FirstName,tenant1LastName,street,houseNumber,postalCode,city,note',
      'Q1,other,2026-04-01,Anna,"Meier, geb. Schulz",Hauptstraße,1,05101,Musterstadt,"Zeile eins',
      'Zeile zwei mit ""Zitat"""',
      '',
      'Q2,other,2026-04-01,Ben,Otto,Hauptstraße,2,05101,Musterstadt,',
      'Q3,unbekannt,2026-04-01,Ben,Otto,Hauptstraße,2,05101,Musterstadt,',
    ].join('\r\n');
    const sheet = await readSheet('x.csv', Buffer.from(csv));
    const { valid, rejected } = convertRows(sheet);
    expect(valid.map((v) => [v.row, v.input.externalId])).toEqual([[2, 'Q1'], [4, 'Q2']]);
    expect(valid[0].input.tenants[0].lastName).toBe('Meier, geb. Schulz');
    expect(valid[0].input.note).toBe('Zeile eins\r\nZeile zwei mit "Zitat"');
    expect(rejected.map((r) => r.row)).toEqual([5]);
  });

  it('reads the central directory of a zip and refuses what is none', () => {
    expect(zipUnpackedSize(Buffer.from('not a zip at all, just text'))).toBeNull();
  });
});

describe(`bulk import of notices (${engineName()})`, () => {
  it('template: the column layout with hints, in German Excel\'s dialect, and it reads back as an empty file', async () => {
    const res = await fkA.get('/api/v1/imports/template.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body.startsWith('\ufeffexternalId (Pflicht: Ihre eindeutige Nummer')).toBe(true);
    for (const col of ['kind', 'receivedOn', 'tenant1FirstName', 'tenant2LastName', 'postalCode', 'arrears', 'courtHearingOn', 'evictionOn', 'note']) {
      expect(res.body).toContain(col);
    }
    // Its headings are understood: a file made from it with one row is a valid import.
    const header = res.body.replace(/^\ufeff/, '').trim();
    const cells = header.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((h) => {
      const key = h.replace(/^"/, '').split(' ')[0];
      const v: Record<string, string> = { externalId: `T-${uniqueSuffix()}`, kind: 'other', receivedOn: '01.04.2026', tenant1FirstName: 'Tom', tenant1LastName: surname(), street: 'Weg', houseNumber: '1', postalCode: '05101', city: 'Musterstadt' };
      return v[key] ?? '';
    });
    const preview = await upload(fkA, '/api/v1/imports/preview', 'vorlage.csv', `${res.body}${cells.join(';')}\r\n`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ totalRows: 1, validRows: 1, rejectedRows: 0 });
    const en = await fkA.request('GET', '/api/v1/imports/template.csv', undefined, { 'accept-language': 'en' });
    expect(en.body).toContain('externalId (required: your unique number');
  });

  it('CSV with ";", BOM and German formats: the dry run writes nothing, the import creates the notices through the pipeline', async () => {
    const ids = [1, 2, 3].map((i) => `DE-${uniqueSuffix()}-${i}`);
    const csv = `\ufeff${HEADER}\r\n${ids.map((id) => csvRow(id)).join('\r\n')}\r\n`;
    const before = await unsafeInternalTx(t.db, null, async (tx) => (await sql<{ n: number }>`select count(*)::int as n from notices`.execute(tx.db)).rows[0].n);

    const res = await upload(fkA, '/api/v1/imports/preview', 'meldungen.csv', csv);
    expect(res.statusCode, res.body).toBe(200);
    const preview = ImportPreview.parse(res.json());
    expect(preview).toMatchObject({ fileType: 'csv', delimiter: ';', encoding: 'utf-8', totalRows: 3, validRows: 3, rejectedRows: 0, knownRows: 0, rejections: [] });
    expect(preview.sample[0]).toMatchObject({ row: 2, externalId: ids[0], kind: 'court_eviction_suit', receivedOn: '2026-04-12', address: 'Lindenstraße 5, 05101 Musterstadt' });
    const after = await unsafeInternalTx(t.db, null, async (tx) => (await sql<{ n: number }>`select count(*)::int as n from notices`.execute(tx.db)).rows[0].n);
    expect(after).toBe(before);

    const job = await importAndWait(fkA, 'meldungen.csv', csv);
    expect(job).toMatchObject({ status: 'done', totalRows: 3, processedRows: 3, importedRows: 3, duplicateRows: 0, rejectedRows: 0, createdBy: 'Fatma Fachkraft', error: null });
    expect(job.finishedAt).not.toBeNull();
    const notices = await noticesWith(ids);
    expect(notices).toHaveLength(3);
    const payload = notices[0].payload as Record<string, unknown>;
    expect(notices[0].channel).toBe('import');
    expect(payload).toMatchObject({
      kind: 'court_eviction_suit',
      receivedOn: '2026-04-12',
      monthlyRent: 620.5,
      arrears: 1234.56,
      tenants: [{ firstName: 'Erika', birthDate: '1980-07-03' }],
      court: { name: 'Amtsgericht Musterstadt', servedOn: '2026-04-10' },
    });
    // Routed like any notice: Musterstadt belongs to Träger A.
    const orgs = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('organisations').select(['id', 'name']).execute());
    expect(orgs.find((o) => o.id === notices[0].org_id)?.name).toBe('Wohnhilfe Musterland e.V.');
  });

  it('CSV with "," as written by a Windows program in Windows-1252', async () => {
    const id = `WIN-${uniqueSuffix()}`;
    const csv = [
      'Externe ID,Art,Eingang,Mieter1 Vorname,Mieter1 Nachname,Straße,Hausnummer,PLZ,Ort,Mietrückstand',
      `${id},Kündigung,01.03.2026,Jürgen,${surname()},Müllerstraße,7,05101,Musterstadt,"2.500,00"`,
    ].join('\r\n');
    const job = await importAndWait(fkA, 'alt.csv', Buffer.from(csv, 'latin1'));
    expect(job).toMatchObject({ status: 'done', importedRows: 1, rejectedRows: 0 });
    const [n] = await noticesWith([id]);
    expect(n.payload).toMatchObject({ kind: 'termination_notice', arrears: 2500, tenants: [{ firstName: 'Jürgen' }], address: { street: 'Müllerstraße' } });
  });

  it('XLSX: dates, numbers and a postal code stored as a number; German headings; the first sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Meldungen');
    ws.addRow(['Externe ID', 'Art', 'Eingang', 'Mieter 1 Vorname', 'Mieter 1 Nachname', 'Mieter1 Geburtsdatum', 'Straße', 'Hausnummer', 'PLZ', 'Ort', 'Miete', 'Mietrückstand', 'Kinder']);
    const ids = [`XL-${uniqueSuffix()}`, `XL-${uniqueSuffix()}`, `XL-${uniqueSuffix()}`];
    ws.addRow([ids[0], 'jobcenter_warning', new Date(Date.UTC(2026, 3, 2)), 'Lena', surname(), new Date(Date.UTC(1990, 0, 31)), 'Marktplatz', 3, 5101, 'Musterstadt', 700, 1400.5, 2]);
    ws.addRow([ids[1], 'Jobcenter', '02.04.2026', 'Paul', surname(), '', 'Marktplatz', '4a', '05101', 'Musterstadt', '700,00', '', '']);
    ws.addRow([ids[2], 'Jobcenter', 'gestern', 'Paul', surname(), '', 'Marktplatz', '4a', '05101', 'Musterstadt', '700,00', '', 'zwei']);
    wb.addWorksheet('Notizen').addRow(['wird nicht gelesen']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());

    const preview = ImportPreview.parse((await upload(fkA, '/api/v1/imports/preview', 'meldungen.xlsx', buf)).json());
    expect(preview).toMatchObject({ fileType: 'xlsx', delimiter: null, totalRows: 3, validRows: 2, rejectedRows: 1 });
    expect(preview.rejections).toEqual([
      {
        row: 4,
        externalId: ids[2],
        errors: [
          { column: 'Eingang', message: 'Kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).' },
          { column: 'Kinder', message: 'Keine ganze Zahl.' },
        ],
      },
    ]);
    const job = await importAndWait(fkA, 'meldungen.xlsx', buf);
    expect(job).toMatchObject({ fileType: 'xlsx', status: 'done', importedRows: 2, rejectedRows: 1 });
    const notices = await noticesWith(ids);
    const first = notices.find((n) => n.external_id === ids[0])!.payload;
    expect(first).toMatchObject({ kind: 'jobcenter_warning', receivedOn: '2026-04-02', monthlyRent: 700, arrears: 1400.5, children: 2, address: { houseNumber: '3', postalCode: '05101' }, tenants: [{ birthDate: '1990-01-31' }] });
    expect(notices.find((n) => n.external_id === ids[1])!.payload).toMatchObject({ kind: 'jobcenter_warning', receivedOn: '2026-04-02', address: { houseNumber: '4a' } });
  });

  it('broken rows: each is reported with its row, column and reason (in the caller\'s language); the valid rows are imported', async () => {
    const s = uniqueSuffix();
    const lines = [
      csvRow(`B-${s}-1`),
      csvRow(`B-${s}-2`, { receivedOn: '31.02.2026' }),
      csvRow(`B-${s}-3`),
      csvRow(`B-${s}-4`, { postalCode: '5101', arrears: '-5' }),
      csvRow(`B-${s}-5`, { kind: 'Brief' }),
      csvRow('', {}),
      csvRow(`B-${s}-1`),
      csvRow(`B-${s}-8`, { tenant1LastName: '', monthlyRent: '12,345' }),
      csvRow(`B-${s}-9`),
    ];
    const csv = `${HEADER}\n${lines.join('\n')}\n`;
    const res = await upload(fkA, '/api/v1/imports/preview', 'kaputt.csv', csv);
    const preview = ImportPreview.parse(res.json());
    expect(preview).toMatchObject({ totalRows: 9, validRows: 3, rejectedRows: 6 });
    const byRow = Object.fromEntries(preview.rejections.map((r) => [r.row, r.errors.map((e) => `${e.column}: ${e.message}`)]));
    expect(byRow).toEqual({
      3: ['receivedOn: Kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).'],
      5: ['postalCode: Keine gültige Postleitzahl (fünf Ziffern).', 'arrears: Der Wert muss mindestens 0 sein.'],
      6: [expect.stringMatching(/^kind: Unbekannte Art der Meldung\. Erlaubt: court_eviction_suit, /)],
      7: ['externalId: Pflichtfeld.'],
      8: ['externalId: Diese externe ID steht schon in Zeile 2 der Datei.'],
      9: ['tenant1LastName: Pflichtfeld.', 'monthlyRent: Höchstens zwei Nachkommastellen.'],
    });

    const job = await importAndWait(fkA, 'kaputt.csv', csv);
    expect(job).toMatchObject({ status: 'done', totalRows: 9, processedRows: 9, importedRows: 3, duplicateRows: 0, rejectedRows: 6 });
    expect(job.rejections.map((r) => r.row)).toEqual([3, 5, 6, 7, 8, 9]);
    expect(job.rejections).toEqual(preview.rejections);
    expect((await noticesWith([1, 3, 9].map((i) => `B-${s}-${i}`))).length).toBe(3);

    const en = await fkA.request('GET', `/api/v1/imports/${job.id}`, undefined, { 'accept-language': 'en' });
    expect(en.json().rejections[0].errors[0]).toEqual({ column: 'receivedOn', message: 'Not a valid date (DD.MM.YYYY or YYYY-MM-DD).' });
    // Polling the progress leaves the rows out.
    const light = await fkA.get(`/api/v1/imports/${job.id}?rejections=none`);
    expect(light.json()).toMatchObject({ rejectedRows: 6, rejections: [] });
  });

  it('a file without a valid row: the job ends at once with its report', async () => {
    const csv = `${HEADER}\n${csvRow(`NONE-${uniqueSuffix()}`, { postalCode: 'x' })}\n${csvRow('', {})}\n`;
    const res = await upload(fkA, '/api/v1/imports', 'nichts.csv', csv);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'done', totalRows: 2, processedRows: 2, importedRows: 0, rejectedRows: 2 });
    expect(res.json().rejections.map((r: { row: number }) => r.row)).toEqual([2, 3]);
    expect(res.json().finishedAt).not.toBeNull();
  });

  it('uploading the same file again creates nothing twice: every row is a duplicate', async () => {
    const ids = [1, 2, 3, 4].map((i) => `RE-${uniqueSuffix()}-${i}`);
    const csv = `${HEADER}\n${ids.map((id) => csvRow(id)).join('\n')}\n`;
    const first = await importAndWait(fkA, 'zweimal.csv', csv);
    expect(first).toMatchObject({ importedRows: 4, duplicateRows: 0 });

    const preview = ImportPreview.parse((await upload(fkA, '/api/v1/imports/preview', 'zweimal.csv', csv)).json());
    expect(preview).toMatchObject({ validRows: 4, knownRows: 4 });
    const second = await importAndWait(fkA, 'zweimal.csv', csv);
    expect(second).toMatchObject({ status: 'done', importedRows: 0, duplicateRows: 4, rejectedRows: 0 });
    expect(second.id).not.toBe(first.id);
    expect(await noticesWith(ids)).toHaveLength(4);
    const receipts = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('notice_receipts').select('id').where('external_id', 'in', ids).execute());
    expect(receipts).toHaveLength(4);
  });

  it('a file that is still being imported is not started a second time: its job is returned', async () => {
    const csv = `${HEADER}\n${csvRow(`DC-${uniqueSuffix()}`)}\n`;
    const fk = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select(['id', 'org_id']).where('email', '=', 'fk.a@demo.test').executeTakeFirstOrThrow());
    // As a first upload leaves it while its runner is busy.
    const running = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db
        .insertInto('import_jobs')
        .values({
          org_id: fk.org_id, file_name: 'doppelklick.csv', file_sha256: createHash('sha256').update(csv).digest('hex'), status: 'running', total_rows: 1,
          pending_rows: '[]', created_by: fk.id, lease_token: randomUUID(), leased_until: sql<Date>`now() + interval '1 hour'`,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const again = await upload(fkA, '/api/v1/imports', 'doppelklick.csv', csv);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ id: running.id, status: 'running' });
    await unsafeInternalTx(t.db, null, (tx) => tx.db.updateTable('import_jobs').set({ status: 'done', pending_rows: null }).where('id', '=', running.id).execute());
    // Another organisation's upload of the same file is its own import.
    const other = await upload(fkB, '/api/v1/imports', 'doppelklick.csv', csv);
    expect(other.statusCode).toBe(202);
    expect(other.json().id).not.toBe(running.id);
    await importsIdle(t.db);
  });

  it('is audited once for the job (start and end), besides the pipeline\'s entry per notice', async () => {
    const ids = [1, 2].map((i) => `AU-${uniqueSuffix()}-${i}`);
    const job = await importAndWait(fkA, 'audit.csv', `${HEADER}\n${ids.map((id) => csvRow(id)).join('\n')}\n`);
    const entries = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['action', 'actor_label', 'details']).where('entity_id', '=', job.id).orderBy('id').execute(),
    );
    expect(entries.map((e) => e.action)).toEqual(['import.start', 'import.finish']);
    expect(entries.every((e) => e.actor_label === 'fk.a@demo.test')).toBe(true);
    expect(entries[1].details).toMatchObject({ importedRows: 2, rejectedRows: 0, duplicateRows: 0 });
    // No file content in the audit log, and no personal data in the job once it is done.
    expect(JSON.stringify(entries)).not.toContain('Erika');
    const stored = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('import_jobs').select(['pending_rows', 'lease_token']).where('id', '=', job.id).executeTakeFirstOrThrow());
    expect(stored).toEqual({ pending_rows: null, lease_token: null });
  });

  it('a job whose runner is gone is taken over once its lease has run out (restart)', async () => {
    const ids = [1, 2, 3].map((i) => `RS-${uniqueSuffix()}-${i}`);
    const csv = `${HEADER}\n${ids.map((id) => csvRow(id)).join('\n')}\n`;
    const { valid } = convertRows(await readSheet('x.csv', Buffer.from(csv)));
    const fk = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select(['id', 'org_id']).where('email', '=', 'fk.a@demo.test').executeTakeFirstOrThrow());
    // As an interrupted runner leaves it: the first row sent and counted, the lease expired.
    const { submitNotice } = await import('../intake/pipeline.js');
    const services: Services = { db: t.db, config: t.config, log: t.app.log, now: t.clock.now };
    await submitNotice(services, valid[0].input, { orgId: fk.org_id, userId: fk.id, label: 'fk.a@demo.test', channel: 'import', requestId: null });
    const job = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db
        .insertInto('import_jobs')
        .values({
          org_id: fk.org_id, file_name: 'neustart.csv', file_sha256: 'x', status: 'running', total_rows: 3, processed_rows: 1, imported_rows: 1,
          pending_rows: JSON.stringify(valid), next_index: 1, created_by: fk.id, lease_token: randomUUID(), leased_until: new Date('2000-01-01'),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    expect(await resumeImports(services)).toBe(1);
    await importsIdle(t.db);
    const done = ImportJob.parse((await fkA.get(`/api/v1/imports/${job.id}`)).json());
    expect(done).toMatchObject({ status: 'done', processedRows: 3, importedRows: 3, duplicateRows: 0 });
    expect(await noticesWith(ids)).toHaveLength(3);
    expect(await resumeImports(services)).toBe(0);
  });

  it('lists the organisation\'s imports; another organisation can neither read nor list them (404)', async () => {
    const job = await importAndWait(fkA, 'eigene.csv', `${HEADER}\n${csvRow(`OWN-${uniqueSuffix()}`)}\n`);
    const list = (await fkA.get('/api/v1/imports')).json().items;
    expect(list[0]).toMatchObject({ id: job.id, fileName: 'eigene.csv', status: 'done' });
    expect(list[0].rejections).toBeUndefined();
    expectError(await fkB.get(`/api/v1/imports/${job.id}`), 404, 'not_found');
    expect((await fkB.get('/api/v1/imports')).json().items.some((j: { id: string }) => j.id === job.id)).toBe(false);
    expectError(await fkA.get('/api/v1/imports/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    // Reporters send notices one by one; importing is for the staff.
    expectError(await upload(jc, '/api/v1/imports/preview', 'x.csv', `${HEADER}\n`), 403, 'forbidden');
    expectError(await jc.get('/api/v1/imports'), 403, 'forbidden');
  });

  it('wrong file types are refused with a clear message (415)', async () => {
    const csv = `${HEADER}\n${csvRow('WT-1')}\n`;
    const xlsx = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer());
    const cases: [string, string | Buffer][] = [
      ['bericht.pdf', '%PDF-1.7 ...'],
      ['meldungen.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
      ['meldungen.xlsx', csv], // a CSV with an Excel name
      ['meldungen.csv', xlsx], // an Excel file with a CSV name
      ['bild.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
      ['ohne-endung', csv],
    ];
    for (const [name, content] of cases) {
      for (const url of ['/api/v1/imports/preview', '/api/v1/imports']) {
        const e = expectError(await upload(fkA, url, name, content), 415, 'import_unsupported_file_type');
        expect(e.message, name).toBe('Dieser Dateityp kann nicht importiert werden. Bitte laden Sie eine CSV-Datei (.csv) oder eine Excel-Arbeitsmappe (.xlsx) hoch.');
      }
    }
    // A broken workbook and a broken CSV are unreadable (400), and say where when they can.
    expectError(await upload(fkA, '/api/v1/imports/preview', 'kaputt.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])), 400, 'import_file_unreadable');
    const e = expectError(await upload(fkA, '/api/v1/imports/preview', 'kaputt.csv', `${HEADER}\n${csvRow('Q-1')}\n"offen;x\n`), 400, 'import_file_unreadable');
    expect(e.fields).toEqual([{ path: 'file', message: 'Fehler in Zeile 3, zum Beispiel ein nicht geschlossenes Anführungszeichen.' }]);
    // Not base64 at all: a validation error on the field.
    const bad = await fkA.post('/api/v1/imports/preview', { fileName: 'x.csv', contentBase64: '***' });
    expect(expectError(bad, 400, 'validation_failed').fields?.[0].path).toBe('contentBase64');
  });

  it('columns: unknown, repeated and missing ones are named (422); nothing is imported', async () => {
    const e = expectError(
      await upload(fkA, '/api/v1/imports', 'spalten.csv', 'externalId;kind;Lieblingsfarbe;receivedOn;Eingang;tenant1FirstName;tenant1LastName;street;houseNumber;city\nx;other;blau;2026-01-01;;A;B;C;1;D\n'),
      422,
      'import_columns_invalid',
    );
    expect(e.fields).toEqual([
      { path: 'Lieblingsfarbe', message: 'Unbekannte Spalte. Bitte verwenden Sie die Spaltenüberschriften der Importvorlage.' },
      { path: 'Eingang', message: 'Die Spalte kommt doppelt vor (auch als „receivedOn“).' },
      { path: 'postalCode', message: 'Diese Pflichtspalte fehlt.' },
    ]);
    // A value under an empty heading would be lost: the row is refused; an empty trailing column is fine.
    const preview = ImportPreview.parse(
      (await upload(fkA, '/api/v1/imports/preview', 'rand.csv', `${HEADER};\n${csvRow('RAND-1')};\n${csvRow('RAND-2')};verloren\n`)).json(),
    );
    expect(preview).toMatchObject({ validRows: 1, rejectedRows: 1 });
    expect(preview.rejections[0]).toEqual({ row: 3, externalId: 'RAND-2', errors: [{ column: null, message: 'Wert in Spalte 16, die keine Überschrift hat.' }] });
  });

  it('limits: empty files, more rows than allowed, files too large', async () => {
    expectError(await upload(fkA, '/api/v1/imports/preview', 'leer.csv', `${HEADER}\n\n;;;\n`), 422, 'import_empty_file');
    expectError(await upload(fkA, '/api/v1/imports/preview', 'leer.csv', '\ufeff'), 422, 'import_empty_file');

    const row = csvRow('L-1', { tenant1LastName: 'Muster' });
    const tooMany = `${HEADER}\n${`${row}\n`.repeat(IMPORT_LIMITS.maxRows + 1)}`;
    const e = expectError(await upload(fkA, '/api/v1/imports', 'viel.csv', tooMany), 413, 'import_too_many_rows');
    expect(e.fields?.[0].message).toBe('Höchstens 20000 Zeilen je Datei.');
    // Exactly at the limit is fine (here every row after the first repeats its externalId).
    const atLimit = ImportPreview.parse((await upload(fkA, '/api/v1/imports/preview', 'grenze.csv', `${HEADER}\n${`${row}\n`.repeat(IMPORT_LIMITS.maxRows)}`)).json());
    expect(atLimit).toMatchObject({ totalRows: 20_000, validRows: 1, rejectedRows: 19_999 });

    const big = Buffer.alloc(IMPORT_LIMITS.maxFileBytes + 1, 'a');
    expect(expectError(await upload(fkA, '/api/v1/imports/preview', 'gross.csv', big), 413, 'import_file_too_large').fields?.[0].message).toBe('Höchstens 20 MB je Datei.');
    // Beyond what any allowed file can be in base64, the body limit answers first.
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/preview',
      headers: { cookie: fkA.cookie, 'x-csrf-token': fkA.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ fileName: 'x.csv', contentBase64: 'A'.repeat(33 * 1024 * 1024) }),
    });
    expectError(huge, 413, 'payload_too_large');
  });

  it('requests are answered while an import runs', async () => {
    const csv = `${HEADER}\n${Array.from({ length: 120 }, (_, i) => csvRow(`RESP-${uniqueSuffix()}-${i}`)).join('\n')}\n`;
    const res = await upload(fkA, '/api/v1/imports', 'lang.csv', csv);
    const id = res.json().id;
    const latencies: number[] = [];
    let progress: number[] = [];
    for (;;) {
      const start = performance.now();
      const poll = (await fkA.get(`/api/v1/imports/${id}?rejections=none`)).json();
      latencies.push(performance.now() - start);
      progress.push(poll.processedRows);
      if (poll.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await importsIdle(t.db);
    progress = [...new Set(progress)];
    expect(progress.length, 'the progress moved in steps').toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(120);
    // One notice at most stands between a request and its answer.
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });
});
