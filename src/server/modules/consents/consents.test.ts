import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consent, Disclosure, DisclosureDetail } from '../../../contracts/consents.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { createUser } from '../../test/factories.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';

let t: TestApp;
let fkA: Client;
let tlA: Client;
let fkB: Client;
let tlB: Client;
let jc: Client;
let sb: Client;
/** A caseworker of Träger A without the sensitive-data permission. */
let plainA: Client;
const org: Record<'a' | 'b' | 'jobcenter' | 'sucht', string> = { a: '', b: '', jobcenter: '', sucht: '' };
let suchtEntry: string;
let suchtService: string;

const NOW = new Date('2026-11-21T09:00:00Z');
const TODAY = '2026-11-21';

beforeAll(async () => {
  t = await createTestApp({}, testClock(NOW));
  await seedDemo(t.db);
  const ids = await unsafeInternalTx(t.db, null, async (tx) => {
    const orgs = await tx.db.selectFrom('organisations').select(['id', 'name']).execute();
    const byName = (n: string) => orgs.find((o) => o.name === n)!.id;
    const service = await tx.db
      .selectFrom('directory_services as s')
      .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
      .select(['s.id', 'o.id as org_id'])
      .where('o.name', '=', 'Drogen- und Suchtberatung Musterland e.V.')
      .where('s.name', '=', 'Suchtberatung')
      .executeTakeFirstOrThrow();
    return {
      a: byName('Wohnhilfe Musterland e.V.'),
      b: byName('Sozialwerk Ahrensberg gGmbH'),
      jobcenter: byName('Jobcenter Kreis Musterland'),
      sucht: byName('Drogen- und Suchtberatung Musterland e.V.'),
      service,
    };
  });
  Object.assign(org, { a: ids.a, b: ids.b, jobcenter: ids.jobcenter, sucht: ids.sucht });
  suchtEntry = ids.service.org_id;
  suchtService = ids.service.id;
  const lead = await createUser(t.db, { id: ids.b, name: 'Sozialwerk Ahrensberg gGmbH' }, ['team_lead', 'caseworker']);
  const plain = await createUser(t.db, { id: ids.a, name: 'Wohnhilfe Musterland e.V.' }, ['caseworker']);
  signInAll = async () => {
    fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
    tlA = await login(t.app, 'tl.a@demo.test', DEMO_PASSWORD);
    fkB = await login(t.app, 'fk.b@demo.test', DEMO_PASSWORD);
    jc = await login(t.app, 'jc@demo.test', DEMO_PASSWORD);
    sb = await login(t.app, 'sb@demo.test', DEMO_PASSWORD);
    tlB = await login(t.app, lead.email, lead.password);
    plainA = await login(t.app, plain.email, plain.password);
  };
  await signInAll();
});
/** Everyone signs in again (after the clock moved, idle sessions have ended). */
let signInAll: () => Promise<void>;
afterAll(() => t.close());

interface NewCase {
  id: string;
  personId: string;
}

/** A court notice (court API key) about a household in Musterstadt: a case of Träger A, with a landlord. */
async function newCase(): Promise<NewCase> {
  const id = uniqueSuffix();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: { authorization: 'Bearer demo-court-key', 'content-type': 'application/json' },
    payload: JSON.stringify({
      externalId: `AG-CONSENT-${id}`,
      kind: 'court_eviction_suit',
      receivedOn: '2026-11-16',
      tenants: [{ firstName: 'Erika', lastName: `Einwilligung${id}`, birthDate: '1979-03-04', servedOn: '2026-11-13' }],
      address: { street: `Schweigeweg ${id}`, houseNumber: '5', postalCode: '05101', city: 'Musterstadt' },
      landlord: { name: 'Musterländer Wohnungsbau GmbH' },
      arrears: 1650,
      court: { name: 'Amtsgericht Musterstadt', fileNumber: `12 C ${id}/26`, servedOn: '2026-11-13' },
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const caseId = await unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('notices').select('case_id').where('id', '=', res.json().id).executeTakeFirstOrThrow(),
  );
  return { id: caseId.case_id, personId: res.json().persons[0].id };
}

type Recipient = { kind: 'organisation'; orgId: string } | { kind: 'directory'; directoryOrganizationId: string } | { kind: 'landlord' };

async function recordConsent(c: NewCase, over: Record<string, unknown> & { recipients: Recipient[]; purposes: string[]; categories: string[] }) {
  const res = await fkA.post(`/api/v1/cases/${c.id}/consents`, {
    personId: c.personId,
    givenOn: '2026-11-20',
    validUntil: '2027-11-19',
    form: 'written',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return Consent.parse(res.json());
}

function expectRefusal(res: LightMyRequestResponse, key: string, path: string) {
  expect(res.statusCode, res.body).toBe(409);
  const e = res.json().error;
  expect(e.code).toBe('consent_required');
  expect(e.fields).toEqual([expect.objectContaining({ path })]);
  expect(e.fields[0].message).not.toMatch(/^field\./);
  return e.fields[0].message as string;
}

interface Flow {
  name: string;
  purpose: string;
  recipient: () => Recipient;
  categories: string[];
  send: (c: NewCase) => Promise<LightMyRequestResponse>;
  /** The receiving organisation's client (null: a letter leaves Bleibe). */
  reader: () => Client | null;
}

const FLOWS: Flow[] = [
  {
    name: 'sharing the case with another Träger',
    purpose: 'case_share',
    recipient: () => ({ kind: 'organisation', orgId: org.b }),
    categories: ['identity', 'contact'],
    send: (c) => fkA.post(`/api/v1/cases/${c.id}/disclosures`, { kind: 'share', recipientOrgId: org.b, categories: ['identity', 'contact'] }),
    reader: () => fkB,
  },
  {
    name: 'a referral with client data to the addiction service',
    purpose: 'referral',
    recipient: () => ({ kind: 'directory', directoryOrganizationId: suchtEntry }),
    categories: ['identity', 'contact', 'addiction'],
    send: (c) =>
      fkA.post(`/api/v1/cases/${c.id}/disclosures`, { kind: 'referral', directoryServiceId: suchtService, categories: ['identity', 'contact', 'addiction'], message: 'Bitte um Termin' }),
    reader: () => sb,
  },
  {
    name: 'a status report to the Jobcenter',
    purpose: 'status_report',
    recipient: () => ({ kind: 'organisation', orgId: org.jobcenter }),
    categories: ['identity', 'tenancy'],
    send: (c) =>
      fkA.post(`/api/v1/cases/${c.id}/disclosures`, { kind: 'status_report', recipientOrgId: org.jobcenter, categories: ['identity', 'tenancy'], message: 'Antrag auf Mietschuldenübernahme folgt.' }),
    reader: () => jc,
  },
  {
    name: 'handing the case over to another Träger',
    purpose: 'case_transfer',
    recipient: () => ({ kind: 'organisation', orgId: org.b }),
    categories: ['identity', 'contact', 'tenancy'],
    send: (c) => tlA.post(`/api/v1/cases/${c.id}/transfer`, { recipientOrgId: org.b, categories: ['identity', 'contact', 'tenancy'] }),
    reader: () => tlB,
  },
  {
    name: 'a letter to the landlord that reveals benefit receipt',
    purpose: 'landlord_contact',
    recipient: () => ({ kind: 'landlord' }),
    categories: ['identity', 'tenancy', 'income'],
    send: (c) => fkA.post(`/api/v1/cases/${c.id}/letters`, { template: 'landlord', language: 'de' }),
    reader: () => null,
  },
];

const CATEGORY_NAMES: Record<string, string> = { contact: 'Kontaktdaten und Anschrift', tenancy: 'Mietverhältnis, Rückstände und Fristen', addiction: 'Sucht', income: 'Einkommen und Sozialleistungen' };

const received = async (reader: Client) => (await reader.get('/api/v1/disclosures/received')).json().items.map((d: Disclosure) => d.id);

describe.each(FLOWS)('$name', (flow) => {
  it('is refused without consent, allowed with it, and refused again after revocation; the recipient loses access', async () => {
    const c = await newCase();
    expectRefusal(await flow.send(c), 'no_consent', 'recipient');

    // A consent for the recipient but another purpose, or too few categories, is not enough.
    await recordConsent(c, { recipients: [flow.recipient()], purposes: ['case_share', 'case_transfer', 'referral', 'status_report', 'landlord_contact'].filter((p) => p !== flow.purpose).slice(0, 1), categories: flow.categories });
    expectRefusal(await flow.send(c), 'purpose_not_covered', 'purpose');
    await recordConsent(c, { recipients: [flow.recipient()], purposes: [flow.purpose], categories: ['identity'] });
    const missing = expectRefusal(await flow.send(c), 'categories_missing', 'categories');
    // Named as the reader calls them, not by their codes.
    expect(missing).toContain(CATEGORY_NAMES[flow.categories.filter((k) => k !== 'identity')[0]]);

    const consent = await recordConsent(c, { recipients: [flow.recipient()], purposes: [flow.purpose], categories: flow.categories });
    const sent = await flow.send(c);
    expect(sent.statusCode, sent.body).toBe(201);

    const reader = flow.reader();
    let disclosureId: string | null = null;
    if (reader) {
      disclosureId = Disclosure.parse(sent.json()).id;
      expect(await received(reader)).toContain(disclosureId);
      const detail = DisclosureDetail.parse((await reader.get(`/api/v1/disclosures/${disclosureId}`)).json());
      // Exactly the consented categories travel, and nothing else.
      const sections = Object.keys(detail.payload).sort();
      expect(detail.caseId).toBeNull();
      expect(sections).toEqual(flow.categories.map((k) => (k === 'criminal_record' ? 'criminalRecord' : k)).sort());
      // Its reads are recorded for the "who saw this?" list, under the recipient's organisation.
      const reads = await unsafeInternalTx(t.db, null, (tx) =>
        tx.db.selectFrom('audit_log').select(['org_id', 'details']).where('action', '=', 'disclosure.read').where('entity_id', '=', disclosureId!).execute(),
      );
      expect(reads.length).toBe(1);
      expect(reads[0].details).toMatchObject({ caseId: c.id, ownerOrgId: org.a });
    }
    // The consent's own trail notes the use.
    const used = Consent.parse((await fkA.get(`/api/v1/cases/${c.id}/consents`)).json().items.find((x: Consent) => x.id === consent.id));
    if (reader) expect(used.events.map((e) => e.event)).toEqual(['recorded', 'used']);

    const revoked = await fkA.post(`/api/v1/consents/${consent.id}/revoke`, { revokedOn: TODAY, note: 'telefonisch widerrufen' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(Consent.parse(revoked.json()).state).toBe('revoked');
    const again = flow.purpose === 'case_transfer' ? await tlA.post(`/api/v1/cases/${c.id}/transfer`, { recipientOrgId: org.b, categories: flow.categories }) : await flow.send(c);
    expect(expectRefusal(again, 'revoked', 'consent')).toContain('21.11.2026');

    if (reader && disclosureId) {
      expect(await received(reader)).not.toContain(disclosureId);
      expect((await reader.get(`/api/v1/disclosures/${disclosureId}`)).statusCode).toBe(404);
      const mine = (await fkA.get(`/api/v1/cases/${c.id}/disclosures`)).json().items.find((d: Disclosure) => d.id === disclosureId);
      expect(mine).toMatchObject({ status: 'ended', endReason: 'consent_revoked', consentLapsed: true });
    }
  });

  it('is refused with an expired consent', async () => {
    const c = await newCase();
    await recordConsent(c, { recipients: [flow.recipient()], purposes: [flow.purpose], categories: flow.categories, givenOn: '2026-01-05', validUntil: '2026-06-30' });
    expect(expectRefusal(await flow.send(c), 'expired', 'consent')).toContain('30.06.2026');
  });
});

describe('expiry after the data went out', () => {
  it('ends the recipient’s access the day the consent runs out', async () => {
    const c = await newCase();
    const consent = await recordConsent(c, { recipients: [{ kind: 'organisation', orgId: org.b }], purposes: ['case_share'], categories: ['identity'] });
    const d = Disclosure.parse((await fkA.post(`/api/v1/cases/${c.id}/disclosures`, { kind: 'share', recipientOrgId: org.b, categories: ['identity'] })).json());
    expect((await fkB.get(`/api/v1/disclosures/${d.id}`)).statusCode).toBe(200);
    // Time passes: the consent's end date now lies in the past. (Only a test may move it: the
    // guard trigger refuses every edit, so it is switched off for this one statement.)
    await unsafeInternalTx(t.db, null, async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx.db);
      await tx.db.updateTable('consents').set({ given_on: '2025-01-01', valid_until: sql`current_date - 1` }).where('id', '=', consent.id).execute();
    });
    expect((await fkB.get(`/api/v1/disclosures/${d.id}`)).statusCode).toBe(404);
    expect(await received(fkB)).not.toContain(d.id);
    const mine = (await fkA.get(`/api/v1/cases/${c.id}/disclosures`)).json().items[0];
    expect(mine).toMatchObject({ id: d.id, consentLapsed: true });
  });
});

describe('the consent is its own object', () => {
  it('an edit of the case, an upload or deleting its scanned form never changes it', async () => {
    const c = await newCase();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
    const boundary = `----bleibe${uniqueSuffix()}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nconsent_form\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sek.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploadForm = () =>
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/documents`, headers: { cookie: fkA.cookie, 'x-csrf-token': fkA.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    const doc = await uploadForm();
    expect(doc.statusCode, doc.body).toBe(201);
    const consent = await recordConsent(c, {
      recipients: [{ kind: 'organisation', orgId: org.jobcenter }, { kind: 'landlord' }],
      purposes: ['status_report', 'landlord_contact'],
      categories: ['identity', 'tenancy', 'income'],
      documentId: doc.json().id,
      openEnded: true,
      validUntil: null,
    });
    const before = JSON.stringify((await fkA.get(`/api/v1/cases/${c.id}/consents`)).json());

    const summary = (await fkA.get(`/api/v1/cases/${c.id}`)).json();
    const edited = await fkA.patch(`/api/v1/cases/${c.id}/file`, { version: summary.version, contact: { phone: '05101 123456' }, situation: { incomeSources: ['sgb2'] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await uploadForm()).statusCode).toBe(201);
    const removed = await fkA.request('DELETE', `/api/v1/documents/${doc.json().id}`);
    expect([200, 204]).toContain(removed.statusCode);

    expect(JSON.stringify((await fkA.get(`/api/v1/cases/${c.id}/consents`)).json())).toBe(before);
    expect(consent.openEnded).toBe(true);
  });

  it('the database refuses any change but the revocation, and any deletion', async () => {
    const c = await newCase();
    const consent = await recordConsent(c, { recipients: [{ kind: 'landlord' }], purposes: ['landlord_contact'], categories: ['identity', 'tenancy', 'income'] });
    const actor = { orgId: org.a, userId: null, email: 'test', globalAdmin: false, permissions: new Set<never>() };
    const attempt = (fn: Parameters<typeof inTenantTx>[3]) => inTenantTx(t.db, actor as never, null, fn);
    await expect(attempt((tx) => tx.db.updateTable('consents').set({ categories: ['identity', 'tenancy', 'income', 'health'] }).where('id', '=', consent.id).execute())).rejects.toThrow(/not edited/);
    await expect(attempt((tx) => tx.db.updateTable('consents').set({ valid_until: '2099-01-01' }).where('id', '=', consent.id).execute())).rejects.toThrow(/not edited/);
    await expect(attempt((tx) => tx.db.deleteFrom('consents').where('id', '=', consent.id).execute())).rejects.toThrow();
    await expect(attempt((tx) => tx.db.deleteFrom('consent_recipients').where('consent_id', '=', consent.id).execute())).rejects.toThrow();
    const revoked = await fkA.post(`/api/v1/consents/${consent.id}/revoke`, { revokedOn: TODAY });
    expect(revoked.statusCode).toBe(200);
    // A revoked consent is final: it cannot be revived.
    await expect(attempt((tx) => tx.db.updateTable('consents').set({ revoked_on: null, revoked_at: null }).where('id', '=', consent.id).execute())).rejects.toThrow(/final/);
    expect((await fkA.post(`/api/v1/consents/${consent.id}/revoke`, { revokedOn: TODAY })).json().error.code).toBe('consent_already_revoked');
  });
});

describe('recording a consent', () => {
  it.each([
    ['no end date and not explicitly open-ended', { validUntil: null }, 'validUntil'],
    ['an end date and open-ended at once', { openEnded: true }, 'validUntil'],
    ['an end before it was given', { validUntil: '2026-11-01' }, 'validUntil'],
    ['given in the future', { givenOn: '2026-12-01', validUntil: '2027-12-01' }, 'givenOn'],
    ['verbal without a witness', { form: 'verbal_witnessed' }, 'witness'],
    ['a person outside the household', { personId: '00000000-0000-4000-8000-000000000001' }, 'personId'],
    ['the own organisation as recipient', { recipients: [{ kind: 'organisation', orgId: 'OWN' }] }, 'recipients.0.orgId'],
    ['an unknown purpose', { purposes: ['marketing'] }, 'purposes.0'],
  ])('refuses %s, naming the field', async (_, over, field) => {
    const c = await newCase();
    const body = {
      personId: c.personId,
      recipients: [{ kind: 'landlord' }],
      purposes: ['landlord_contact'],
      categories: ['identity'],
      givenOn: '2026-11-20',
      validUntil: '2027-11-19',
      form: 'written',
      ...over,
    };
    if (JSON.stringify(body).includes('"OWN"')) body.recipients = [{ kind: 'organisation', orgId: org.a } as never];
    const res = await fkA.request('POST', `/api/v1/cases/${c.id}/consents`, body, { 'accept-language': 'en' });
    expect([400, 422]).toContain(res.statusCode);
    const fields = res.json().error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path), res.body).toContain(field);
    expect(fields.every((f) => !f.message.startsWith('field.'))).toBe(true);
  });

  it('another organisation sees neither the consents nor can revoke them', async () => {
    const c = await newCase();
    const consent = await recordConsent(c, { recipients: [{ kind: 'landlord' }], purposes: ['landlord_contact'], categories: ['identity'] });
    expect((await fkB.get(`/api/v1/cases/${c.id}/consents`)).statusCode).toBe(404);
    expect((await tlB.post(`/api/v1/consents/${consent.id}/revoke`, { revokedOn: TODAY })).statusCode).toBe(404);
    expect((await fkB.post(`/api/v1/cases/${c.id}/consents`, { personId: c.personId, recipients: [{ kind: 'landlord' }], purposes: ['landlord_contact'], categories: ['identity'], givenOn: TODAY, openEnded: true, form: 'written' })).statusCode).toBe(404);
  });
});

describe('referrals', () => {
  it('the partner accepts or declines with a reason; unanswered ones are flagged after the configured days', async () => {
    const c = await newCase();
    await recordConsent(c, { recipients: [{ kind: 'directory', directoryOrganizationId: suchtEntry }], purposes: ['referral'], categories: ['identity', 'contact'] });
    const refer = () => fkA.post(`/api/v1/cases/${c.id}/disclosures`, { kind: 'referral', directoryServiceId: suchtService, categories: ['identity', 'contact'] });
    const first = Disclosure.parse((await refer()).json());
    const second = Disclosure.parse((await refer()).json());
    expect(first.replyDueOn).toBe('2026-12-05');
    expect(first.recipient).toMatchObject({ orgId: org.sucht, serviceName: 'Suchtberatung' });

    const overdue = async () => (await fkA.get('/api/v1/disclosures/sent?overdue=true')).json().items.map((d: Disclosure) => d.id);
    expect(await overdue()).not.toContain(first.id);
    t.clock.set(new Date('2026-12-07T09:00:00Z'));
    try {
      await signInAll();
      expect(await overdue()).toEqual(expect.arrayContaining([first.id, second.id]));

      const noReason = await sb.post(`/api/v1/disclosures/${second.id}/respond`, { decision: 'decline', version: second.version });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.json().error.fields[0].path).toBe('reason');
      const accepted = await sb.post(`/api/v1/disclosures/${first.id}/respond`, { decision: 'accept', version: first.version, reason: 'Termin am Donnerstag' });
      expect(accepted.statusCode, accepted.body).toBe(200);
      const declined = await sb.post(`/api/v1/disclosures/${second.id}/respond`, { decision: 'decline', version: second.version, reason: 'doppelt' });
      expect(declined.json()).toMatchObject({ status: 'declined', responseReason: 'doppelt' });
      expect(await overdue()).not.toContain(first.id);
      expect((await sb.post(`/api/v1/disclosures/${first.id}/respond`, { decision: 'decline', version: 2, reason: 'x' })).json().error.code).toBe('disclosure_already_answered');

      // The referring caseworker sees the feedback; the partner cannot answer for the sender or anyone else.
      const mine = (await fkA.get(`/api/v1/cases/${c.id}/disclosures`)).json().items as Disclosure[];
      expect(mine.find((d) => d.id === first.id)).toMatchObject({ status: 'accepted', responseReason: 'Termin am Donnerstag', replyOverdue: false });
      expect((await fkB.post(`/api/v1/disclosures/${first.id}/respond`, { decision: 'accept', version: 2 })).statusCode).toBe(404);
    } finally {
      t.clock.set(NOW);
      await signInAll();
    }
  });

  it('special categories go out only from someone allowed to see them', async () => {
    const c = await newCase();
    await recordConsent(c, { recipients: [{ kind: 'directory', directoryOrganizationId: suchtEntry }], purposes: ['referral'], categories: ['identity', 'addiction'] });
    const res = await plainA.post(`/api/v1/cases/${c.id}/disclosures`, { kind: 'referral', directoryServiceId: suchtService, categories: ['identity', 'addiction'] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.fields[0].path).toBe('categories');
  });
});

describe('case transfer', () => {
  it('the receiving team lead accepts: a case opens there from the transferred data, and the sender’s case closes as handed over', async () => {
    const c = await newCase();
    await recordConsent(c, { recipients: [{ kind: 'organisation', orgId: org.b }], purposes: ['case_transfer'], categories: ['identity', 'contact', 'tenancy'] });
    const onlyIdentity = await tlA.post(`/api/v1/cases/${c.id}/transfer`, { recipientOrgId: org.b, categories: ['identity'] });
    expect(onlyIdentity.statusCode).toBe(422);
    // A caseworker may not hand a case over; the team lead may.
    expect((await fkA.post(`/api/v1/cases/${c.id}/transfer`, { recipientOrgId: org.b, categories: ['identity', 'contact'] })).statusCode).toBe(403);
    const d = Disclosure.parse((await tlA.post(`/api/v1/cases/${c.id}/transfer`, { recipientOrgId: org.b, categories: ['identity', 'contact', 'tenancy'] })).json());
    expect((await tlA.post(`/api/v1/cases/${c.id}/transfer`, { recipientOrgId: org.b, categories: ['identity', 'contact'] })).json().error.code).toBe('transfer_pending');
    // Transfers are answered by someone with the transfer permission, through their own route.
    expect((await fkB.post(`/api/v1/disclosures/${d.id}/transfer-response`, { decision: 'accept', version: d.version })).statusCode).toBe(403);
    expect((await tlB.post(`/api/v1/disclosures/${d.id}/respond`, { decision: 'accept', version: d.version })).json().error.code).toBe('disclosure_transfer_separate');

    const accepted = await tlB.post(`/api/v1/disclosures/${d.id}/transfer-response`, { decision: 'accept', version: d.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const result = Disclosure.parse(accepted.json());
    expect(result.status).toBe('completed');
    expect(result.newCaseId).toBeTruthy();

    const newCaseFile = (await tlB.get(`/api/v1/cases/${result.newCaseId}`)).json();
    expect(newCaseFile.tenants[0].lastName).toMatch(/^Einwilligung/);
    expect(newCaseFile.legal.arrears).toBe(1650);
    expect((await tlA.get(`/api/v1/cases/${result.newCaseId}`)).statusCode).toBe(404);
    const old = await unsafeInternalTx(t.db, null, async (tx) => ({
      status: (await tx.db.selectFrom('cases').select('status').where('id', '=', c.id).executeTakeFirstOrThrow()).status,
      closure: await tx.db.selectFrom('case_closures').select(['outcome', 'note']).where('case_id', '=', c.id).where('reopened_at', 'is', null).executeTakeFirstOrThrow(),
      log: await tx.db.selectFrom('audit_log').select(['org_id', 'action']).where('action', '=', 'case.handed_over').where('entity_id', '=', c.id).execute(),
    }));
    expect(old.status).toBe('closed');
    expect(old.closure).toMatchObject({ outcome: 'handed_over', note: 'Übergeben an Sozialwerk Ahrensberg gGmbH' });
    expect(old.log).toEqual([{ org_id: org.a, action: 'case.handed_over' }]);
    // Accepting twice does nothing more.
    expect((await tlB.post(`/api/v1/disclosures/${d.id}/transfer-response`, { decision: 'accept', version: result.version })).json().error.code).toBe('disclosure_already_answered');
  });

  it('a declined transfer leaves the case open with the sender, who sees the reason', async () => {
    const c = await newCase();
    await recordConsent(c, { recipients: [{ kind: 'organisation', orgId: org.b }], purposes: ['case_transfer'], categories: ['identity', 'contact'] });
    const d = Disclosure.parse((await tlA.post(`/api/v1/cases/${c.id}/transfer`, { recipientOrgId: org.b, categories: ['identity', 'contact'] })).json());
    const declined = await tlB.post(`/api/v1/disclosures/${d.id}/transfer-response`, { decision: 'decline', version: d.version, reason: 'Nicht unser Einzugsgebiet' });
    expect(declined.json()).toMatchObject({ status: 'declined', responseReason: 'Nicht unser Einzugsgebiet' });
    const mine = (await tlA.get(`/api/v1/cases/${c.id}/disclosures`)).json().items[0];
    expect(mine).toMatchObject({ id: d.id, status: 'declined', responseReason: 'Nicht unser Einzugsgebiet' });
    expect((await tlA.get(`/api/v1/cases/${c.id}`)).json().status).not.toBe('closed');
  });

  it('the sender can withdraw; the recipient then loses access', async () => {
    const c = await newCase();
    await recordConsent(c, { recipients: [{ kind: 'organisation', orgId: org.b }], purposes: ['case_share'], categories: ['identity'] });
    const d = Disclosure.parse((await fkA.post(`/api/v1/cases/${c.id}/disclosures`, { kind: 'share', recipientOrgId: org.b, categories: ['identity'] })).json());
    expect((await fkB.post(`/api/v1/disclosures/${d.id}/withdraw`)).statusCode).toBe(404);
    expect((await fkA.post(`/api/v1/disclosures/${d.id}/withdraw`)).json()).toMatchObject({ status: 'withdrawn' });
    expect((await fkB.get(`/api/v1/disclosures/${d.id}`)).statusCode).toBe(404);
  });
});
