import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LETTER_LANGUAGES, LETTER_TEMPLATES, type LetterLanguage, type LetterTemplateKey } from '../../../contracts/letters.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { newTotpSecret } from '../../platform/auth/totp.js';
import { clientFor, createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { createUser } from '../../test/factories.js';
import { mintSession } from '../../test/sessions.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';

/*
 * Documents and letters of a case, through the HTTP API: uploads (type sniffing, size limit, empty
 * and misnamed fields), downloads (headers, audit, integrity), soft delete, isolation between
 * Träger, and letters in every template and language, read back with pdftotext.
 */

let t: TestApp;
let fkA: Client;
let fkB: Client;
let caseId: string;
let caseNumber: string;
let appointmentId: string;
const storageDir = mkdtempSync(join(tmpdir(), 'bleibe-docs-'));
const LIMIT_MB = 1;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]);

type Part = { name: string; value: string } | { name: string; filename: string; type: string; data: Buffer };

/** A multipart/form-data body as a browser's FormData sends it. */
function form(parts: Part[]) {
  const boundary = `----bleibe${uniqueSuffix()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const upload = (c: Client, id: string, parts: Part[], headers: Record<string, string> = {}) => {
  const f = form(parts);
  return t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/documents`, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': f.contentType, ...headers }, payload: f.payload });
};
const file = (data: Buffer, filename = 'scan.pdf', type = 'application/pdf'): Part => ({ name: 'file', filename, type, data });

function expectField(res: LightMyRequestResponse, status: number, code: string, field: string) {
  expect(res.statusCode, res.body).toBe(status);
  const e = res.json().error;
  expect(e.code).toBe(code);
  expect(e.fields.map((f: { path: string }) => f.path), res.body).toContain(field);
  expect(e.fields.every((f: { message: string }) => f.message && !f.message.startsWith('field.'))).toBe(true);
}

const auditOf = (action: string) =>
  unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('audit_log').select(['details', 'actor_label', 'entity_id']).where('action', '=', action).execute());
const storedFiles = () => readdirSync(storageDir).sort();

beforeAll(async () => {
  t = await createTestApp({ BLEIBE_STORAGE_DIR: storageDir, BLEIBE_UPLOAD_MAX_MB: String(LIMIT_MB) }, testClock(new Date('2026-11-20T09:00:00Z')));
  await seedDemo(t.db);
  fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
  fkB = await login(t.app, 'fk.b@demo.test', DEMO_PASSWORD);
  // A court notice about a household in Musterstadt: Träger A's case, with two tenants and a landlord.
  const id = uniqueSuffix();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: { authorization: 'Bearer demo-court-key', 'content-type': 'application/json' },
    payload: JSON.stringify({
      externalId: `AG-DOC-${id}`,
      kind: 'court_eviction_suit',
      receivedOn: '2026-11-16',
      tenants: [
        { firstName: 'Ayşe', lastName: `Yılmaz${id.slice(0, 4)}`, birthDate: '1981-04-05', servedOn: '2026-11-12' },
        { firstName: 'Olena', lastName: `Schewtschenko${id.slice(0, 4)}`, birthDate: '1983-09-10', servedOn: '2026-11-12' },
      ],
      address: { street: 'Lindenstraße', houseNumber: '7', postalCode: '05101', city: 'Musterstadt' },
      landlord: { name: 'Musterländer Wohnungsbau GmbH', address: 'Am Markt 2, 05101 Musterstadt' },
      arrears: 1840,
      court: { name: 'Amtsgericht Musterstadt', fileNumber: `12 C ${id}/26`, servedOn: '2026-11-12' },
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const c = await unsafeInternalTx(t.db, null, (tx) =>
    tx.db
      .selectFrom('notices as n')
      .innerJoin('cases as c', 'c.id', 'n.case_id')
      .select(['c.id', 'c.case_number', 'c.location_id', 'c.org_id'])
      .where('n.id', '=', res.json().id)
      .executeTakeFirstOrThrow(),
  );
  caseId = c.id;
  caseNumber = c.case_number;
  // An office appointment of the case (the appointments module books them; here it is simply there).
  appointmentId = await unsafeInternalTx(t.db, null, async (tx) => {
    const user = await tx.db.selectFrom('users').select('id').where('email', '=', 'fk.a@demo.test').executeTakeFirstOrThrow();
    await tx.db.updateTable('cases').set({ assigned_user_id: user.id }).where('id', '=', caseId).execute();
    const r = await sql<{ id: string }>`insert into appointments (org_id, case_id, location_id, user_id, starts_at, ends_at, kind)
      values (${c.org_id}, ${caseId}, ${c.location_id}, ${user.id}, '2026-12-03T09:30:00Z', '2026-12-03T10:30:00Z', 'office') returning id`.execute(tx.db);
    return r.rows[0].id;
  });
  // The landlord letter discloses social data: the tenant consented to it (modules/consents tests the refusals).
  const consent = await fkA.post(`/api/v1/cases/${caseId}/consents`, {
    personId: res.json().persons[0].id, recipients: [{ kind: 'landlord' }], purposes: ['landlord_contact'],
    categories: ['identity', 'tenancy', 'income'], givenOn: '2026-11-19', openEnded: true, form: 'written',
  });
  expect(consent.statusCode, consent.body).toBe(201);
});
afterAll(() => t?.close());

describe(`documents (${engineName()})`, () => {
  let docId: string;

  it('uploads a PDF with type and note: stored outside the database under a random name, with its sha256', async () => {
    const before = storedFiles();
    const res = await upload(fkA, caseId, [{ name: 'type', value: 'termination' }, { name: 'note', value: 'Kündigung vom 1.10.' }, file(PDF, 'Kündigung März.pdf')]);
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ caseId, type: 'termination', fileName: 'Kündigung März.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, note: 'Kündigung vom 1.10.', letter: null });
    docId = doc.id;
    const added = storedFiles().filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(readFileSync(join(storageDir, added[0]))).toEqual(PDF);
    const row = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('documents').selectAll().where('id', '=', docId).executeTakeFirstOrThrow());
    expect(row.sha256).toBe(doc.sha256);
    expect(row.storage_key).toBe(added[0]);
    expect((await auditOf('document.upload')).some((a) => (a.details as { documentId: string }).documentId === docId)).toBe(true);
  });

  it('lists the case\'s documents (audited) and downloads one as an attachment of its real type, audited', async () => {
    const list = await fkA.get(`/api/v1/cases/${caseId}/documents`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).toContain(docId);
    expect(list.json().maxUploadBytes).toBe(LIMIT_MB * 1024 * 1024);
    const res = await fkA.get(`/api/v1/documents/${docId}/content`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(PDF);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Kundigung Marz.pdf"; filename*=UTF-8''${encodeURIComponent('Kündigung März.pdf')}`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const downloads = await auditOf('document.download');
    expect(downloads.find((a) => (a.details as { documentId: string }).documentId === docId)).toMatchObject({ actor_label: 'fk.a@demo.test', entity_id: caseId });
    expect((await auditOf('document.list')).some((a) => a.entity_id === caseId)).toBe(true);
  });

  it('trusts the bytes, not the browser: a PNG sent as "PDF" is stored as PNG, with a fitting name', async () => {
    const res = await upload(fkA, caseId, [{ name: 'type', value: 'other' }, file(PNG, 'foto.pdf', 'application/pdf')]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'image/png', fileName: 'foto.png', note: null });
  });

  it('refuses what is no PDF, JPEG or PNG, whatever it claims to be (415, field file), and stores nothing', async () => {
    const before = storedFiles();
    expectField(await upload(fkA, caseId, [{ name: 'type', value: 'other' }, file(EXE, 'rechnung.pdf')]), 415, 'document_type_unsupported', 'file');
    expectField(await upload(fkA, caseId, [{ name: 'type', value: 'other' }, file(Buffer.from('<html><script>alert(1)</script>'), 'x.png', 'image/png')]), 415, 'document_type_unsupported', 'file');
    expect(storedFiles()).toEqual(before);
  });

  it('refuses a file over the limit with 413 naming the field and the limit', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT_MB * 1024 * 1024, 0x20)]);
    const res = await upload(fkA, caseId, [{ name: 'type', value: 'other' }, file(big)]);
    expectField(res, 413, 'document_too_large', 'file');
    expect(res.json().error.fields[0].message).toContain('1 MB');
  });

  it('names every problem of a form: empty file, missing or misnamed file, bad type, unknown fields, no form at all', async () => {
    expectField(await upload(fkA, caseId, [{ name: 'type', value: 'other' }, file(Buffer.alloc(0))]), 400, 'validation_failed', 'file');
    expectField(await upload(fkA, caseId, [{ name: 'type', value: 'other' }]), 400, 'validation_failed', 'file');
    const misnamed = await upload(fkA, caseId, [{ name: 'type', value: 'other' }, { ...file(PDF), name: 'document' } as Part]);
    expectField(misnamed, 400, 'validation_failed', 'file');
    expectField(misnamed, 400, 'validation_failed', 'document');
    expectField(await upload(fkA, caseId, [file(PDF)]), 400, 'validation_failed', 'type');
    expectField(await upload(fkA, caseId, [{ name: 'type', value: 'passport' }, file(PDF)]), 400, 'validation_failed', 'type');
    expectField(await upload(fkA, caseId, [{ name: 'type', value: 'other' }, { name: 'isAdmin', value: 'true' }, file(PDF)]), 400, 'validation_failed', 'isAdmin');
    expectField(await upload(fkA, caseId, [{ name: 'type', value: 'other' }, { name: 'note', value: 'x'.repeat(1001) }, file(PDF)]), 400, 'validation_failed', 'note');
    expectField(await upload(fkA, caseId, [{ name: 'type', value: 'other' }, file(PDF), file(PDF)]), 400, 'validation_failed', 'file');
    // A broken form (the body ends in the middle of the file).
    const f = form([{ name: 'type', value: 'other' }, file(PDF)]);
    const cut = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, headers: { cookie: fkA.cookie, 'x-csrf-token': fkA.csrf, 'content-type': f.contentType }, payload: f.payload.subarray(0, f.payload.length - 60) });
    expect(cut.statusCode, cut.body).toBeGreaterThanOrEqual(400);
    expect(cut.statusCode).toBeLessThan(500);
    const json = await fkA.post(`/api/v1/cases/${caseId}/documents`, { type: 'other' });
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'multipart_required']);
    // ... and a form where JSON is expected is refused like any other foreign content type.
    const f2 = form([{ name: 'template', value: 'first_contact' }]);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/letters`, headers: { cookie: fkA.cookie, 'x-csrf-token': fkA.csrf, 'content-type': f2.contentType }, payload: f2.payload });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([415, 'unsupported_media_type']);
  });

  it('needs the CSRF token like every write', async () => {
    const res = await upload(fkA, caseId, [{ name: 'type', value: 'other' }, file(PDF)], { 'x-csrf-token': 'falsch' });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'csrf_failed']);
  });

  it("another Träger's caseworker gets 404 on the case's documents and letters, and changes nothing", async () => {
    const before = storedFiles();
    const count = async () => (await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow())).n;
    const n = await count();
    const answers = [
      await fkB.get(`/api/v1/cases/${caseId}/documents`),
      await upload(fkB, caseId, [{ name: 'type', value: 'other' }, file(PDF)]),
      await fkB.get(`/api/v1/documents/${docId}/content`),
      await fkB.request('DELETE', `/api/v1/documents/${docId}`),
      await fkB.get(`/api/v1/cases/${caseId}/letter-options`),
      await fkB.post(`/api/v1/cases/${caseId}/letters`, { template: 'first_contact', language: 'de' }),
    ];
    for (const r of answers) {
      expect([r.statusCode, r.json().error.code], r.body).toEqual([404, 'not_found']);
      expect(r.body).not.toContain(caseNumber);
    }
    expect(storedFiles()).toEqual(before);
    expect(Number(await count())).toBe(Number(n));
  });

  it('a changed file is not handed out', async () => {
    const res = await upload(fkA, caseId, [{ name: 'type', value: 'other' }, file(PDF, 'b.pdf')]);
    const key = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('documents').select('storage_key').where('id', '=', res.json().id).executeTakeFirstOrThrow());
    writeFileSync(join(storageDir, key.storage_key), Buffer.concat([PDF, Buffer.from('x')]));
    const dl = await fkA.get(`/api/v1/documents/${res.json().id}/content`);
    expect(dl.statusCode).toBe(500);
    expect(dl.body).not.toContain('%PDF');
  });

  it('deleting is a soft delete: gone from the list and the download, the row and file kept, audited', async () => {
    const res = await fkA.request('DELETE', `/api/v1/documents/${docId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await fkA.get(`/api/v1/cases/${caseId}/documents`)).json().items.map((d: { id: string }) => d.id)).not.toContain(docId);
    expect((await fkA.get(`/api/v1/documents/${docId}/content`)).statusCode).toBe(404);
    expect((await fkA.request('DELETE', `/api/v1/documents/${docId}`)).statusCode).toBe(404);
    const row = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('documents').select(['deleted_at', 'deleted_by', 'storage_key']).where('id', '=', docId).executeTakeFirstOrThrow());
    expect(row.deleted_at).not.toBeNull();
    expect(storedFiles()).toContain(row.storage_key);
    expect((await auditOf('document.delete')).some((a) => (a.details as { documentId: string }).documentId === docId)).toBe(true);
  });
});

// ---- letters -------------------------------------------------------------------------------

/** The text of a PDF as pdftotext reads it: bidi marks removed, one line, spaces collapsed. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'bleibe-letter-'));
  const path = join(dir, 'letter.pdf');
  writeFileSync(path, pdf);
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return out.replace(/[\u202a-\u202e]/g, '').replace(/\s+/g, ' ').trim();
}

const PHRASES: Record<LetterTemplateKey, Record<LetterLanguage, string>> = {
  first_contact: {
    de: 'Wir möchten Ihnen helfen, Ihre Wohnung zu behalten.',
    de_easy: 'Die Hilfe kostet nichts.',
    en: 'We would like to help you keep your home.',
    tr: 'Danışmanlığımız ücretsiz ve gizlidir.',
    ar: 'نود مساعدتكم في الحفاظ على مسكنكم',
    uk: 'Наші консультації безкоштовні та конфіденційні.',
  },
  appointment_confirmation: {
    de: 'hiermit bestätigen wir Ihren Termin',
    de_easy: 'Sie haben einen Termin bei uns.',
    en: 'We are writing to confirm your appointment',
    tr: 'Randevunuzu aşağıdaki şekilde onaylıyoruz',
    ar: 'نؤكد لكم موعدكم',
    uk: 'Підтверджуємо Ваш запис на прийом',
  },
  landlord: {
    de: 'Eine Schweigepflichtentbindung liegt uns vor.',
    de_easy: 'Es gibt Miet-Schulden.',
    en: 'We hold a signed consent to share information with you.',
    tr: 'Sizinle bilgi paylaşmamız için kiracınızın yazılı onayı elimizdedir.',
    ar: 'لدينا موافقة خطية تسمح لنا بالتواصل معكم',
    uk: 'Ми маємо письмову згоду на обмін інформацією з Вами.',
  },
};

describe(`letters (${engineName()})`, () => {
  const texts = new Map<string, string>();

  it('offers the case\'s appointments and knows its landlord; the language comes from the case when it has one', async () => {
    const res = await fkA.get(`/api/v1/cases/${caseId}/letter-options`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ landlordKnown: true, appointments: [{ id: appointmentId, kind: 'office', status: 'planned' }] });
    expect(res.json().suggestedLanguage).toBe('de');
  });

  it('writes every template in all six languages as a PDF, filed in the case as a letter', async () => {
    const before = (await auditOf('letter.generate')).length;
    for (const template of LETTER_TEMPLATES) {
      for (const language of LETTER_LANGUAGES) {
        const body = { template, language, ...(template === 'appointment_confirmation' ? { appointmentId } : {}) };
        const res = await fkA.post(`/api/v1/cases/${caseId}/letters`, body);
        expect(res.statusCode, `${template}/${language}: ${res.body}`).toBe(201);
        const doc = res.json();
        expect(doc).toMatchObject({ type: 'letter', contentType: 'application/pdf', letter: { template, language } });
        expect(doc.fileName).toContain(caseNumber);
        const pdf = await fkA.get(`/api/v1/documents/${doc.id}/content`);
        expect(pdf.statusCode).toBe(200);
        expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
        texts.set(`${template}/${language}`, pdfText(pdf.rawPayload));
      }
    }
    expect((await auditOf('letter.generate')).length - before).toBe(18);
  });

  it('the PDFs say what they should, in their language, with the case number, names and office', () => {
    for (const template of LETTER_TEMPLATES) {
      for (const language of LETTER_LANGUAGES) {
        const text = texts.get(`${template}/${language}`)!;
        const label = `${template}/${language}: ${text.slice(0, 400)}`;
        expect(text, label).toContain(PHRASES[template][language]);
        expect(text, label).toContain(caseNumber);
        expect(text, label).toContain('Ayşe Yılmaz');
        expect(text, label).toContain('Fatma Fachkraft');
        expect(text, label).toContain('Beratungsstelle Musterstadt');
        if (template === 'appointment_confirmation') expect(text, label).toContain('10:30');
        if (template === 'landlord') expect(text, label).toContain('Musterländer Wohnungsbau GmbH');
      }
    }
    expect(texts.get('first_contact/uk')).toContain('Olena');
    expect(texts.get('first_contact/tr')).toContain('Saygılarımla');
    expect(texts.get('appointment_confirmation/de')).toContain('Donnerstag, 3. Dezember 2026 um 10:30 Uhr');
    expect(texts.get('appointment_confirmation/en')).toContain('Thursday, 3 December 2026 at 10:30');
  });

  it('Arabic comes out in logical order: joined letters, words, and the numbers and Latin names among them', () => {
    const ar = texts.get('appointment_confirmation/ar')!;
    // Words containing the lam-alef ligature, which extraction tends to turn around.
    expect(ar).toContain('عقد الإيجار');
    expect(ar).toContain('الاجتماعية');
    // Date, time, place and name in the order of the sentence: date … "at" time … "with" name.
    let at = 0;
    for (const part of ['نؤكد لكم موعدكم', 'الخميس', 'ديسمبر', '2026', 'الساعة', '10:30', 'Beratungsstelle Musterstadt', 'ستلتقون مع', 'Fatma Fachkraft']) {
      const found = ar.indexOf(part, at);
      expect(found, `${part} after position ${at}: ${ar}`).toBeGreaterThanOrEqual(at);
      at = found + part.length;
    }
    // Extraction (not the page) puts sentence punctuation next to the wrong side of a space; the
    // words themselves come out whole and in reading order.
    // A phone number keeps its own order inside the Arabic sentence.
    expect(ar).toMatch(/الرقم ?05101 5500-1/);
  });

  it('embeds one font for all scripts', async () => {
    const list = await fkA.get(`/api/v1/cases/${caseId}/documents`);
    const letter = list.json().items.find((d: { letter: { language: string } | null }) => d.letter?.language === 'ar');
    const pdf = (await fkA.get(`/api/v1/documents/${letter.id}/content`)).rawPayload;
    const dir = mkdtempSync(join(tmpdir(), 'bleibe-fonts-'));
    writeFileSync(join(dir, 'a.pdf'), pdf);
    const fonts = execFileSync('pdffonts', [join(dir, 'a.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s/);
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line, fonts).toMatch(/\byes\s+yes\s+yes\b/);
  });

  it('refuses a confirmation without an appointment, or with one of another case, naming the field', async () => {
    expectField(await fkA.post(`/api/v1/cases/${caseId}/letters`, { template: 'appointment_confirmation', language: 'de' }), 422, 'validation_failed', 'appointmentId');
    expectField(
      await fkA.post(`/api/v1/cases/${caseId}/letters`, { template: 'appointment_confirmation', language: 'de', appointmentId: '00000000-0000-4000-8000-000000000000' }),
      422, 'validation_failed', 'appointmentId',
    );
    expectField(await fkA.post(`/api/v1/cases/${caseId}/letters`, { template: 'first_contact', language: 'fr' }), 400, 'validation_failed', 'language');
  });

  it("uses the organisation's own wording and letterhead; refuses unknown placeholders and stale versions", async () => {
    // An administrator of Träger A (the demo has none), signed in with a second factor.
    const org = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select('org_id').where('email', '=', 'fk.a@demo.test').executeTakeFirstOrThrow());
    const u = await createUser(t.db, { id: org.org_id, name: 'Träger A' }, ['org_admin'], { totpSecret: newTotpSecret() });
    const session = await mintSession(t.db, t.clock, u);
    const orgAdmin = clientFor(t.app, session.cookie, session.csrf);
    const bad = await orgAdmin.request('PUT', '/api/v1/letter-templates', { template: 'first_contact', language: 'de', subject: 'Hallo {{recipent}}', body: 'Text {{caseworker}}' });
    expectField(bad, 422, 'validation_failed', 'subject');
    const put = await orgAdmin.request('PUT', '/api/v1/letter-templates', { template: 'first_contact', language: 'de', subject: 'Ein Angebot für {{recipient}}', body: 'Wir sind für Sie da.\n\n{{caseworker}}' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ custom: true, version: 1 });
    const stale = await orgAdmin.request('PUT', '/api/v1/letter-templates', { template: 'first_contact', language: 'de', subject: 'x', body: 'y' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
    const head = await orgAdmin.request('PUT', '/api/v1/letterhead', { senderName: 'Träger A – Fachdienst Wohnungssicherung', footer: 'IBAN DE02 1234 5678 9012 3456 78' });
    expect(head.statusCode, head.body).toBe(200);
    const res = await fkA.post(`/api/v1/cases/${caseId}/letters`, { template: 'first_contact', language: 'de' });
    const text = pdfText((await fkA.get(`/api/v1/documents/${res.json().id}/content`)).rawPayload);
    expect(text).toContain('Wir sind für Sie da.');
    expect(text).toContain('Ein Angebot für Olena Schewtschenko');
    expect(text).toContain('Träger A – Fachdienst Wohnungssicherung');
    expect(text).toContain('IBAN DE02 1234 5678 9012 3456 78');
    // Other languages keep the default text; a reset brings the default back.
    expect((await orgAdmin.get('/api/v1/letter-templates')).json().templates.filter((x: { custom: boolean }) => x.custom)).toHaveLength(1);
    const reset = await orgAdmin.post('/api/v1/letter-templates/reset', { template: 'first_contact', language: 'de', version: 1 });
    expect(reset.json()).toMatchObject({ custom: false, version: null, subject: 'Unser Angebot: Wir helfen Ihnen, Ihre Wohnung zu behalten' });
    // A caseworker may write letters but not change the texts.
    expect((await fkA.request('PUT', '/api/v1/letterhead', { senderName: null, footer: null, version: 1 })).statusCode).toBe(403);
  });
});
