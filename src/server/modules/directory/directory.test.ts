import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, login, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { createOrg, createUser } from '../../test/factories.js';
import { mintSession } from '../../test/sessions.js';
import { DEMO_PASSWORD, MUNICIPALITIES } from '../demo/demo-data.js';
import { demoId } from '../demo/directory-seed.js';
import { seedDemo } from '../demo/seed.js';
import { TAXONOMY_TERMS } from '../../../domain/directory/taxonomy.js';

/** A session for a demo account without signing in (administrators would need a second factor). */
async function sessionOf(t: TestApp, email: string): Promise<Client> {
  const u = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select(['id', 'org_id']).where('email', '=', email).executeTakeFirstOrThrow());
  const s = await mintSession(t.db, t.clock, { id: u.id, orgId: u.org_id });
  return clientFor(t.app, s.cookie, s.csrf);
}

/** A district with the demo municipalities and nothing else: where an exported directory is imported. */
async function emptyDistrict(): Promise<{ t: TestApp; admin: Client }> {
  const t = await createTestApp();
  await unsafeInternalTx(t.db, null, async (tx) => {
    for (const m of MUNICIPALITIES) await tx.db.insertInto('municipalities').values({ name: m.name, ags: m.ags, postal_codes: [...m.postalCodes] }).execute();
  });
  const org = await createOrg(t.db, 'district_office');
  const user = await createUser(t.db, org, ['system_admin']);
  const s = await mintSession(t.db, t.clock, user);
  return { t, admin: clientFor(t.app, s.cookie, s.csrf) };
}

const upload = (fileName: string, content: string | Buffer, dryRun = false) => ({
  fileName,
  contentBase64: Buffer.from(content).toString('base64'),
  dryRun,
});

/** The export without the times of last change, which differ between installations by nature. */
function withoutTimes(json: string) {
  return JSON.parse(json, (k, v) => (k === 'last_modified' ? undefined : v));
}

const svc = (key: string) => demoId(`svc:${key}`);

describe('category labels', () => {
  it.each(['de', 'en'] as const)('the UI (%s) names each need as the HSDS taxonomy does', (lang) => {
    const web = JSON.parse(readFileSync(new URL(`../../../i18n/${lang}/web.json`, import.meta.url), 'utf8'));
    expect(web.directory.categories).toEqual(Object.fromEntries(TAXONOMY_TERMS.map((term) => [term.code, term[lang]])));
  });
});

describe(`partner directory (${engineName()})`, () => {
  let t: TestApp;
  let fkA: Client;
  let jc: Client;
  let kreis: Client;
  let admin: Client;
  let musterstadt: string;
  let ahrensberg: string;
  let lindenau: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.db);
    fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
    jc = await login(t.app, 'jc@demo.test', DEMO_PASSWORD);
    kreis = await sessionOf(t, 'kreis@demo.test');
    admin = await sessionOf(t, 'admin@demo.test');
    const munis = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('municipalities').select(['id', 'name']).execute());
    const id = (name: string) => munis.find((m) => m.name === name)!.id;
    [musterstadt, ahrensberg, lindenau] = [id('Musterstadt'), id('Ahrensberg'), id('Lindenau')];
  });
  afterAll(() => t?.close());

  describe('search', () => {
    const names = async (query: Record<string, string>) => {
      const res = await fkA.get(`/api/v1/directory/services?${new URLSearchParams(query)}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { name: string }[]).map((i) => i.name);
    };

    it('the demo directory has about twenty services across every need', async () => {
      const res = await fkA.get('/api/v1/directory/services');
      const items = res.json().items as { categories: string[] }[];
      expect(items.length).toBeGreaterThanOrEqual(20);
      expect(new Set(items.flatMap((i) => i.categories)).size).toBe(15);
    });

    it.each<[string, () => Record<string, string>, string[], string[]]>([
      // The Talweg shelter serves Musterstadt only; the Fachstelle and the women's shelter serve the whole district.
      ['emergency accommodation for Ahrensberg', () => ({ category: 'emergency_accommodation', municipalityId: ahrensberg }),
        ['Frauenhaus Musterland', 'Vermittlung in Notunterkünfte'], ['Notunterkunft Talweg']],
      ['emergency accommodation for Musterstadt', () => ({ category: 'emergency_accommodation', municipalityId: musterstadt }),
        ['Frauenhaus Musterland', 'Notunterkunft Talweg', 'Vermittlung in Notunterkünfte'], []],
      // Debt counselling is offered in the south only.
      ['debt counselling for Ahrensberg', () => ({ category: 'debt_counselling', municipalityId: ahrensberg }), ['Schuldner- und Insolvenzberatung'], []],
      ['debt counselling for Musterstadt', () => ({ category: 'debt_counselling', municipalityId: musterstadt }), [], ['Schuldner- und Insolvenzberatung']],
      ['free text in the name', () => ({ q: 'sucht' }), ['Ambulante Nachsorge', 'Suchtberatung'], []],
      ['free text matching a need in English', () => ({ q: 'addiction' }), ['Ambulante Nachsorge', 'Suchtberatung'], []],
      ['free text without umlauts', () => ({ q: 'schuldnerberatung' }), ['Schuldner- und Insolvenzberatung'], []],
      ['a need and free text together', () => ({ category: 'housing_emergency', q: 'Lindenau' }), ['Beratung bei drohendem Wohnungsverlust'], ['Anlaufstelle Wohnen']],
    ])('%s', async (_label, query, includes, excludes) => {
      const found = await names(query());
      if (!excludes.length && includes.length) expect(found).toEqual(includes);
      for (const n of includes) expect(found).toContain(n);
      for (const n of excludes) expect(found).not.toContain(n);
    });

    it('a service offered at a location in a municipality covers it even outside its areas', async () => {
      // Notunterkunft Talweg: area Musterstadt only; give it a location in Lindenau.
      const detail = (await admin.get(`/api/v1/directory/services/${svc('nu')}`)).json();
      expect(await names({ category: 'emergency_accommodation', municipalityId: lindenau })).not.toContain('Notunterkunft Talweg');
      const res = await admin.patch(`/api/v1/directory/services/${svc('nu')}`, { version: detail.version, locationIds: [demoId('loc:nu'), demoId('loc:wh-lindenau')] });
      expect(res.statusCode, res.body).toBe(200);
      expect(await names({ category: 'emergency_accommodation', municipalityId: lindenau })).toContain('Notunterkunft Talweg');
    });
  });

  it('a service in detail: organisation, locations of other organisations, hours, contacts', async () => {
    const res = await jc.get(`/api/v1/directory/services/${svc('sucht-beratung')}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.organization.name).toBe('Drogen- und Suchtberatung Musterland e.V.');
    expect(s.locations.map((l: { name: string; organizationName: string }) => [l.name, l.organizationName])).toEqual([
      ['Suchtberatungsstelle', 'Drogen- und Suchtberatung Musterland e.V.'],
      ['Beratungsstelle Lindenau', 'Wohnhilfe Musterland e.V.'],
    ]);
    expect(s.locations[0].openingHours).toEqual([
      expect.objectContaining({ days: ['MO', 'WE'], opens: '09:00', closes: '16:00' }),
      expect.objectContaining({ days: ['TH'], opens: '13:00', closes: '19:00' }),
    ]);
    expect(s.locations[0].municipality.name).toBe('Musterstadt');
    expect(s.languages).toEqual(['de', 'ru', 'pl']);
    expect(s.mayEdit).toBe(false);
    expect((await jc.get('/api/v1/directory/services/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  describe('who may change what', () => {
    it('every signed-in user reads; only administrators write', async () => {
      expect((await jc.get('/api/v1/directory/organizations')).statusCode).toBe(200);
      const stat = await login(t.app, 'stat@demo.test', DEMO_PASSWORD);
      expect((await stat.get('/api/v1/directory/services?q=Jobcenter')).statusCode).toBe(200);
      const body = { version: 1, name: 'Übernommen' };
      for (const who of [fkA, jc, stat]) {
        const res = await who.patch(`/api/v1/directory/services/${svc('wh-beratung')}`, body);
        expect([res.statusCode, res.json().error.code]).toEqual([403, 'forbidden']);
      }
      const imp = await kreis.post('/api/v1/directory/import', upload('x.json', '[]', true));
      expect(imp.statusCode).toBe(403);
    });

    it("an organisation's administrator edits its own entry, and another organisation's is not found", async () => {
      const own = (await kreis.get(`/api/v1/directory/services/${svc('wohnungssicherung')}`)).json();
      expect(own.mayEdit).toBe(true);
      const ok = await kreis.patch(`/api/v1/directory/services/${svc('wohnungssicherung')}`, { version: own.version, fees: 'kostenlos und vertraulich' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ fees: 'kostenlos und vertraulich', version: own.version + 1 });

      const foreign = (await kreis.get(`/api/v1/directory/services/${svc('wh-beratung')}`)).json();
      expect(foreign.mayEdit).toBe(false);
      const before = JSON.stringify(foreign);
      for (const [url, body] of [
        [`/api/v1/directory/services/${svc('wh-beratung')}`, { version: foreign.version, name: 'Gekapert' }],
        [`/api/v1/directory/locations/${demoId('loc:wh-musterstadt')}`, { version: 1, name: 'Gekapert' }],
        [`/api/v1/directory/organizations/${demoId('org:wohnhilfe')}`, { version: 1, name: 'Gekapert' }],
      ] as const) {
        const res = await kreis.patch(url, body);
        expect([res.statusCode, res.json().error.code], url).toEqual([404, 'not_found']);
      }
      const res = await kreis.post('/api/v1/directory/services', { organizationId: demoId('org:wohnhilfe'), name: 'Fremd', description: 'x', categories: ['court'] });
      expect(res.statusCode).toBe(404);
      expect(JSON.stringify((await kreis.get(`/api/v1/directory/services/${svc('wh-beratung')}`)).json())).toBe(before);
    });

    it('row-level security refuses what the code would let through', async () => {
      const kreisUser = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select(['id', 'org_id']).where('email', '=', 'kreis@demo.test').executeTakeFirstOrThrow());
      const actor = { userId: kreisUser.id, orgId: kreisUser.org_id, globalAdmin: false, email: 'kreis@demo.test', permissions: new Set(['locations.write']) } as never;
      const changed = await inTenantTx(t.db, actor, null, (tx) =>
        tx.db.updateTable('directory_services').set({ name: 'Gekapert' }).where('id', '=', svc('wh-beratung')).returning('id').execute(),
      );
      expect(changed).toEqual([]);
      await expect(
        inTenantTx(t.db, actor, null, (tx) =>
          tx.db.insertInto('directory_phones').values({ id: crypto.randomUUID(), organization_id: demoId('org:wohnhilfe'), number: '0', service_id: null, location_id: null, contact_id: null, description: null, position: 9 }).execute(),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('an administrator creates the own entry once, linked to the own organisation', async () => {
      const b = await createOrg(t.db, 'provider');
      const bAdmin = await createUser(t.db, b, ['org_admin']);
      const s = await mintSession(t.db, t.clock, bAdmin);
      const c = clientFor(t.app, s.cookie, s.csrf);
      expect((await c.get('/api/v1/directory/organizations')).json().mayCreate).toBe(true);
      const made = await c.post('/api/v1/directory/organizations', { name: 'Neuer Träger', description: 'Beratung' });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ bleibeOrgId: b.id, mayEdit: true });
      const again = await c.post('/api/v1/directory/organizations', { name: 'Zweiter Eintrag', description: 'x' });
      expect([again.statusCode, again.json().error.code]).toEqual([409, 'directory_entry_exists']);
      const other = await c.post('/api/v1/directory/organizations', { name: 'Fremd', description: 'x', bleibeOrgId: (await createOrg(t.db)).id });
      expect([other.statusCode, other.json().error.fields[0].path]).toEqual([422, 'bleibeOrgId']);
      const loc = await c.post('/api/v1/directory/locations', {
        organizationId: made.json().id, name: 'Büro', address: { street: 'Marktplatz 1', postalCode: '05140', city: 'Ahrensberg' },
        openingHours: [{ days: ['FR', 'MO'], opens: '09:00', closes: '12:00' }], languages: ['de'],
      });
      expect(loc.statusCode, loc.body).toBe(201);
      expect(loc.json()).toMatchObject({ municipality: { id: ahrensberg }, openingHours: [{ days: ['MO', 'FR'] }] });
      const service = await c.post('/api/v1/directory/services', {
        organizationId: made.json().id, name: 'Mietschuldenberatung', description: 'Hilfe', categories: ['housing_emergency'],
        locationIds: [loc.json().id], areaMunicipalityIds: [ahrensberg], contacts: [{ name: 'Frau Test', phone: '05140 1' }],
      });
      expect(service.statusCode, service.body).toBe(201);
      const sv = service.json();
      // Children keep their ids when sent back; an id of another record is refused.
      const edited = await c.patch(`/api/v1/directory/services/${sv.id}`, { version: sv.version, contacts: [{ id: sv.contacts[0].id, name: 'Frau Test', phone: '05140 2' }] });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().contacts[0]).toMatchObject({ id: sv.contacts[0].id, phone: '05140 2' });
      const stale = await c.patch(`/api/v1/directory/services/${sv.id}`, { version: sv.version, name: 'Veraltet' });
      expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
      const alien = await c.patch(`/api/v1/directory/services/${sv.id}`, { version: sv.version + 1, phones: [{ id: demoId('svc:nu:phone'), number: '05140 3' }] });
      expect([alien.statusCode, alien.json().error.fields[0].path]).toEqual([422, 'phones.0.id']);
      const badArea = await c.patch(`/api/v1/directory/services/${sv.id}`, { version: sv.version + 1, areaMunicipalityIds: [demoId('nirgends')] });
      expect([badArea.statusCode, badArea.json().error.fields[0].path]).toEqual([422, 'areaMunicipalityIds.0']);
    });

    it('every change is audited', async () => {
      const actions = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('audit_log').select('action').where('action', 'like', 'directory.%').execute());
      expect(new Set(actions.map((a) => a.action))).toEqual(
        new Set(['directory.service.update', 'directory.organization.create', 'directory.location.create', 'directory.service.create']),
      );
    });
  });

  describe('HSDS export and import', () => {
    it('exports JSON and zipped CSV; both import into an empty district as the same directory, idempotently', async () => {
      const json = await fkA.get('/api/v1/directory/export?format=json');
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-disposition']).toContain('hsds-verzeichnis.json');
      const zip = await fkA.get('/api/v1/directory/export?format=csv');
      expect(zip.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(zip.rawPayload));
      expect(Object.keys(files)).toContain('organizations.csv');

      for (const [fileName, content] of [['verzeichnis.json', json.body], ['verzeichnis.zip', zip.rawPayload]] as const) {
        const { t: t2, admin: admin2 } = await emptyDistrict();
        try {
          const dry = await admin2.post('/api/v1/directory/import', upload(fileName, content, true));
          expect(dry.statusCode, dry.body).toBe(200);
          const counts = Object.fromEntries(dry.json().counts.map((c: { table: string }) => [c.table, c]));
          expect(dry.json().rejections).toEqual([]);
          expect(counts.service.created).toBeGreaterThanOrEqual(20);
          expect((await admin2.get('/api/v1/directory/organizations')).json().items).toEqual([]);

          const real = await admin2.post('/api/v1/directory/import', upload(fileName, content));
          expect(real.json().counts).toEqual(dry.json().counts);
          const again = await admin2.get('/api/v1/directory/export?format=json');
          expect(withoutTimes(again.body)).toEqual(withoutTimes(json.body));

          const twice = await admin2.post('/api/v1/directory/import', upload(fileName, content));
          for (const c of twice.json().counts) expect([c.table, c.created, c.updated, c.removed]).toEqual([c.table, 0, 0, 0]);
        } finally {
          await t2.close();
        }
      }
    });

    it('rejects bad records with reasons and takes the rest', async () => {
      const pkg = JSON.parse((await fkA.get('/api/v1/directory/export')).body);
      const sucht = pkg.find((o: { name: string }) => o.name.startsWith('Drogen'));
      sucht.services[0].phones = [{ id: demoId('neu:phone'), number: 'bitte anrufen' }];
      sucht.services[1].attributes[0].taxonomy_term_id = demoId('neu:term');
      sucht.services[1].attributes[0].taxonomy_term = { id: demoId('neu:term'), name: 'Yoga', description: 'x' };
      delete pkg[0].name;
      const res = await admin.post('/api/v1/directory/import', upload('fehler.json', JSON.stringify(pkg), true));
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r.rejections.map((x: { table: string; field: string | null; where: string }) => [x.table, x.field, x.where])).toEqual(
        expect.arrayContaining([['organization', 'name', '[0]'], ['phone', 'number', expect.stringMatching(/services\[0\]\.phones\[0\]$/)], ['attribute', 'taxonomy_term_id', expect.stringMatching(/attributes\[0\]$/)]]),
      );
      expect(r.rejections.find((x: { table: string }) => x.table === 'phone').message).toBe('number ist keine gültige Telefonnummer.');
      expect(r.counts.find((c: { table: string }) => c.table === 'organization')).toMatchObject({ rejected: 1, unchanged: pkg.length - 1 });
    });

    it.each<[string, () => { fileName: string; contentBase64: string; dryRun: boolean }, number, string]>([
      ['a zip that is none', () => upload('x.zip', 'kein zip'), 400, 'directory_file_unreadable'],
      ['JSON that is none', () => upload('x.json', '{"a":'), 400, 'directory_file_unreadable'],
      ['JSON that is no HSDS', () => upload('x.json', '{"a":1}'), 400, 'directory_file_unreadable'],
      ['a zip without organizations.csv', () => ({ fileName: 'x.zip', contentBase64: Buffer.from(zipOf({ 'services.csv': 'id\r\n' })).toString('base64'), dryRun: true }), 400, 'directory_file_unreadable'],
    ])('refuses %s, naming the file', async (_l, body, status, code) => {
      const res = await admin.post('/api/v1/directory/import', body());
      expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
      expect(res.json().error.fields[0].path).toBe('contentBase64');
    });
  });
});

function zipOf(files: Record<string, string>) {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}
