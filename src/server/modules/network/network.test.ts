import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.js';
import { permissionsFor } from '../../../domain/access/permissions.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { createMunicipality, createOrg, createUser, type TestOrg } from '../../test/factories.js';
import { mintSession } from '../../test/sessions.js';

/*
 * Network work through the HTTP API: meetings with agenda, participants, minutes and actions,
 * the overview of open actions, and cooperation agreements with their validity. The clock stands
 * at Saturday 21 November 2026, 10:00 in Berlin.
 */

let t: TestApp;
let orgA: TestOrg;
let orgB: TestOrg;
let leadA: Client;
let caseworkerA: Client;
let leadB: Client;
let caseworkerB: Client;
let adminB: Client;
let reporter: Client;
let statistics: Client;
let finance: Client;
/** Partners of the directory: one linked to B (B's entry), one not using Bleibe. */
let partnerB: string;
let clinic: string;
let municipality: { id: string; name: string };

async function client(org: TestOrg, roles: Role[]): Promise<Client> {
  const u = await createUser(t.db, org, roles);
  const s = await mintSession(t.db, t.clock, u);
  return clientFor(t.app, s.cookie, s.csrf);
}

async function directoryOrg(name: string, bleibeOrgId: string | null = null) {
  const id = randomUUID();
  await unsafeInternalTx(t.db, null, (tx) =>
    tx.db.insertInto('directory_organizations').values({ id, name, description: 'Partner', bleibe_org_id: bleibeOrgId }).execute(),
  );
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  const s = uniqueSuffix();
  orgA = await createOrg(t.db, 'district_office', `Fachstelle ${s}`);
  orgB = await createOrg(t.db, 'provider', `Träger B ${s}`);
  const jobcenter = await createOrg(t.db, 'jobcenter', `Jobcenter ${s}`);
  leadA = await client(orgA, ['team_lead']);
  caseworkerA = await client(orgA, ['caseworker']);
  leadB = await client(orgB, ['team_lead']);
  caseworkerB = await client(orgB, ['caseworker']);
  adminB = await client(orgB, ['org_admin']);
  reporter = await client(jobcenter, ['reporter']);
  statistics = await client(orgA, ['statistics']);
  finance = await client(orgA, ['finance']);
  partnerB = await directoryOrg(`Träger B im Verzeichnis ${s}`, orgB.id);
  clinic = await directoryOrg(`Klinikum ${s}`);
  municipality = await createMunicipality(t.db);
});
afterAll(() => t?.close());

const fieldsOf = (res: { json(): any }) => (res.json().error?.fields ?? []).map((f: { path: string }) => f.path);

function meetingBody(over: Record<string, unknown> = {}) {
  return {
    kind: 'steering_group',
    title: 'Lenkungsgruppe Wohnungsnotfallhilfe',
    date: '2026-12-03',
    startTime: '14:00',
    endTime: '16:00',
    place: 'Kreishaus, Raum 204',
    municipalityId: municipality.id,
    agenda: [{ title: 'Begrüßung und Protokoll der letzten Sitzung' }, { title: 'Fallzahlen 3. Quartal', presenter: 'Fachstelle' }],
    participants: [
      { orgId: orgA.id, personName: 'Karla Beispiel', personFunction: 'Koordination' },
      { orgId: orgB.id },
      { directoryOrganizationId: clinic, personName: 'Dr. Hanna Muster', personFunction: 'Sozialdienst' },
      { personName: 'Paul Gast', personFunction: 'Mieterverein' },
    ],
    ...over,
  };
}

async function newMeeting(over: Record<string, unknown> = {}, by: Client = leadA) {
  const res = await by.post('/api/v1/network/meetings', meetingBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe(`network meetings (${engineName()})`, () => {
  it('the organiser plans a meeting with agenda and participants; times are Berlin wall-clock times', async () => {
    const m = await newMeeting();
    expect(m).toMatchObject({
      kind: 'steering_group',
      status: 'planned',
      organiser: { id: orgA.id, name: orgA.name },
      date: '2026-12-03',
      startTime: '14:00',
      endTime: '16:00',
      startsAt: '2026-12-03T13:00:00.000Z',
      endsAt: '2026-12-03T15:00:00.000Z',
      municipality: { id: municipality.id, name: municipality.name },
      timing: 'upcoming',
      participants: 4,
      openActions: 0,
      hasMinutes: false,
      mayEdit: true,
      version: 1,
      attendance: { present: 0, absent: 0, unknown: 4 },
    });
    expect(m.agenda.map((a: { position: number; title: string; presenter: string | null }) => [a.position, a.title, a.presenter])).toEqual([
      [0, 'Begrüßung und Protokoll der letzten Sitzung', null],
      [1, 'Fallzahlen 3. Quartal', 'Fachstelle'],
    ]);
    expect(m.participantList.map((p: { organisation: unknown; personName: string | null }) => [p.organisation, p.personName])).toEqual([
      [{ kind: 'organisation', id: orgA.id, name: orgA.name }, 'Karla Beispiel'],
      [{ kind: 'organisation', id: orgB.id, name: orgB.name }, null],
      [{ kind: 'directory', id: clinic, name: expect.stringContaining('Klinikum') }, 'Dr. Hanna Muster'],
      [null, 'Paul Gast'],
    ]);

    // Everyone with network.read of any organisation reads it; only the organiser may edit it.
    const read = await caseworkerB.get(`/api/v1/network/meetings/${m.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: m.id, mayEdit: false, title: m.title });
    expect((await caseworkerA.get(`/api/v1/network/meetings/${m.id}`)).json().mayEdit).toBe(false);
    const audit = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['org_id', 'action']).where('entity_id', '=', m.id).orderBy('id').execute(),
    );
    expect(audit).toEqual([
      { org_id: orgA.id, action: 'network.meeting.create' },
      { org_id: orgB.id, action: 'network.meeting.read' },
      { org_id: orgA.id, action: 'network.meeting.read' },
    ]);
  });

  it('lists upcoming meetings soonest first and past ones latest first, for every organisation', async () => {
    const kind = 'working_group';
    const later = await newMeeting({ kind, title: `AG später ${uniqueSuffix()}`, date: '2027-02-10' });
    const sooner = await newMeeting({ kind, title: `AG bald ${uniqueSuffix()}`, date: '2026-12-01' });
    const held = await newMeeting({ kind, title: `AG gewesen ${uniqueSuffix()}`, date: '2026-10-01', status: 'held' });
    const older = await newMeeting({ kind, title: `AG früher ${uniqueSuffix()}`, date: '2026-09-01', status: 'held' });
    // Today, until 08:00 UTC: over two hours ago (the clock stands at 09:00 UTC).
    const thisMorning = await newMeeting({ kind, title: `AG heute früh ${uniqueSuffix()}`, date: '2026-11-21', startTime: '07:00', endTime: '09:00', status: 'held' });

    const upcoming = await caseworkerB.get(`/api/v1/network/meetings?timing=upcoming&kind=${kind}`);
    expect(upcoming.statusCode, upcoming.body).toBe(200);
    expect(upcoming.json().mayCreate).toBe(false);
    const ids = upcoming.json().items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids).not.toContain(held.id);
    const past = (await leadB.get(`/api/v1/network/meetings?timing=past&kind=${kind}`)).json();
    expect(past.mayCreate).toBe(true);
    const pastIds = past.items.map((i: { id: string }) => i.id);
    expect(pastIds.slice(0, 3)).toEqual([thisMorning.id, held.id, older.id]);
    expect(past.items[0]).toMatchObject({ timing: 'past', organiser: { id: orgA.id }, mayEdit: false });
  });

  it('changes a meeting with optimistic locking: attendance, minutes, status held once it has begun', async () => {
    const m = await newMeeting({ date: '2026-11-19', startTime: '09:30', endTime: '12:00' });
    const participants = m.participantList.map((p: any, i: number) => ({
      orgId: p.organisation?.kind === 'organisation' ? p.organisation.id : null,
      directoryOrganizationId: p.organisation?.kind === 'directory' ? p.organisation.id : null,
      personName: p.personName,
      personFunction: p.personFunction,
      attended: i !== 1,
    }));
    const minutes = 'TOP 1: Protokoll genehmigt.\nTOP 2: Die Fallzahlen steigen leicht; AG Prävention tagt im Januar.';
    const res = await leadA.patch(`/api/v1/network/meetings/${m.id}`, { version: 1, status: 'held', minutes, participants });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, status: 'held', minutes, hasMinutes: true, attendance: { present: 3, absent: 1, unknown: 0 } });
    // Someone saved in between: the stale version is refused and nothing changes.
    const stale = await leadA.patch(`/api/v1/network/meetings/${m.id}`, { version: 1, title: 'Überschrieben' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
    expect((await leadA.get(`/api/v1/network/meetings/${m.id}`)).json()).toMatchObject({ title: m.title, version: 2 });

    // Moved in time: the day alone changes, the wall-clock times stay.
    const moved = await leadA.patch(`/api/v1/network/meetings/${m.id}`, { version: 2, date: '2026-11-12', agenda: [{ title: 'Einziger Punkt' }] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ date: '2026-11-12', startTime: '09:30', endTime: '12:00', startsAt: '2026-11-12T08:30:00.000Z', version: 3 });
    expect(moved.json().agenda.map((a: { title: string }) => a.title)).toEqual(['Einziger Punkt']);
    expect(moved.json().participantList).toHaveLength(4);

    // Not "held" while it lies ahead.
    const future = await leadA.patch(`/api/v1/network/meetings/${m.id}`, { version: 3, date: '2026-12-12' });
    expect([future.statusCode, fieldsOf(future)]).toEqual([422, ['status']]);
  });

  it('another organisation reads but cannot change the meeting (not found), and the database refuses it too', async () => {
    const m = await newMeeting();
    const patch = await leadB.patch(`/api/v1/network/meetings/${m.id}`, { version: 1, title: 'Gekapert' });
    expect([patch.statusCode, patch.json().error.code]).toEqual([404, 'not_found']);
    const action = await adminB.post(`/api/v1/network/meetings/${m.id}/actions`, { text: 'Gekapert', responsibleName: 'B' });
    expect([action.statusCode, action.json().error.code]).toEqual([404, 'not_found']);
    // Row-level security: B's own transaction sees A's meeting but changes nothing of it.
    const u = await createUser(t.db, orgB, ['team_lead']);
    const actorB = { userId: u.id, orgId: orgB.id, globalAdmin: false, email: u.email, permissions: new Set(permissionsFor(['team_lead'])) } as any;
    const { seen, changed } = await inTenantTx(t.db, actorB, null, async (tx) => ({
      seen: await tx.db.selectFrom('network_meetings').select('id').where('id', '=', m.id).executeTakeFirst(),
      changed: await tx.db.updateTable('network_meetings').set({ title: 'Gekapert' }).where('id', '=', m.id).executeTakeFirst(),
    }));
    expect(seen?.id).toBe(m.id);
    expect(Number(changed.numUpdatedRows)).toBe(0);
    await expect(
      inTenantTx(t.db, actorB, null, (tx) =>
        tx.db.insertInto('network_agenda_items').values({ org_id: orgA.id, meeting_id: m.id, position: 9, title: 'Untergeschoben' }).execute(),
      ),
    ).rejects.toThrow(/row-level security|policy/);
    expect((await leadA.get(`/api/v1/network/meetings/${m.id}`)).json()).toMatchObject({ title: m.title, version: 1 });
  });

  it('roles without network permissions are refused: reporters, statistics, finance; caseworkers only read', async () => {
    const m = await newMeeting();
    for (const [who, c] of [['reporter', reporter], ['statistics', statistics], ['finance', finance]] as const) {
      for (const url of ['/api/v1/network/meetings', `/api/v1/network/meetings/${m.id}`, '/api/v1/network/actions', '/api/v1/network/agreements']) {
        const res = await c.get(url);
        expect([res.statusCode, res.json().error.code], `${who} GET ${url}`).toEqual([403, 'forbidden']);
        expect(res.body, who).not.toContain(m.title);
      }
      const post = await c.post('/api/v1/network/meetings', meetingBody());
      expect(post.statusCode, who).toBe(403);
    }
    const byCaseworker = await caseworkerA.post('/api/v1/network/meetings', meetingBody());
    expect([byCaseworker.statusCode, byCaseworker.json().error.code]).toEqual([403, 'forbidden']);
    const patch = await caseworkerA.patch(`/api/v1/network/meetings/${m.id}`, { version: 1, title: 'x' });
    expect(patch.statusCode).toBe(403);
  });

  it('validation errors name the field', async () => {
    const cases: [string, Record<string, unknown>, number, string[]][] = [
      ['no title', { title: '' }, 400, ['title']],
      ['unknown kind', { kind: 'case_conference' }, 400, ['kind']],
      ['end before start', { startTime: '16:00', endTime: '14:00' }, 422, ['endTime']],
      ['a time that does not exist (spring switch)', { date: '2027-03-28', startTime: '02:30', endTime: '04:00' }, 422, ['startTime']],
      ['a date outside the calendar', { date: '2300-01-01' }, 400, ['date']],
      ['held before it happened', { status: 'held' }, 422, ['status']],
      ['a participant without anything', { participants: [{ orgId: orgA.id }, { attended: true }] }, 400, ['participants.1.personName']],
      ['a participant with two organisations', { participants: [{ orgId: orgA.id, directoryOrganizationId: clinic }] }, 400, ['participants.0.directoryOrganizationId']],
      ['an organisation that does not exist', { participants: [{ orgId: orgA.id }, { orgId: randomUUID() }] }, 422, ['participants.1.orgId']],
      ['a partner that does not exist', { participants: [{ directoryOrganizationId: randomUUID() }] }, 422, ['participants.0.directoryOrganizationId']],
      ['a municipality that does not exist', { municipalityId: randomUUID() }, 422, ['municipalityId']],
      ['a misspelt field', { titel: 'x' }, 400, ['titel']],
    ];
    const before = await unsafeInternalTx(t.db, null, async (tx) => (await tx.db.selectFrom('network_meetings').select('id').execute()).length);
    for (const [label, over, status, fields] of cases) {
      const res = await leadA.post('/api/v1/network/meetings', meetingBody(over));
      expect([res.statusCode, res.json().error?.code, fieldsOf(res)], label).toEqual([status, 'validation_failed', fields]);
      expect(res.json().error.fields[0].message, label).not.toMatch(/^field\./);
    }
    const after = await unsafeInternalTx(t.db, null, async (tx) => (await tx.db.selectFrom('network_meetings').select('id').execute()).length);
    expect(after).toBe(before);
    // In English too.
    const en = await leadA.request('POST', '/api/v1/network/meetings', meetingBody({ status: 'held' }), { 'accept-language': 'en' });
    expect(en.json().error.fields[0].message).toBe('A meeting can only be recorded as held once it has begun.');
  });

  it('exports a meeting as iCalendar with its agenda, never its minutes', async () => {
    const m = await newMeeting({ minutes: 'Vertrauliche Einschätzung der Zusammenarbeit' });
    const res = await caseworkerB.get(`/api/v1/network/meetings/${m.id}/ics`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const text = res.body.replace(/\r\n[ \t]/g, '');
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain(`UID:${m.id}@bleibe-network`);
    expect(text).toContain('SUMMARY:Lenkungsgruppe Wohnungsnotfallhilfe');
    expect(text).toContain('DTSTART:20261203T130000Z');
    expect(text).toContain('Fallzahlen 3. Quartal');
    expect(text).not.toContain('Vertrauliche');
  });
});

describe(`agreed actions (${engineName()})`, () => {
  it('records actions, shows the open ones across meetings overdue first, and marks them done', async () => {
    const m1 = await newMeeting({ title: `Netzwerktreffen ${uniqueSuffix()}`, kind: 'district_network', date: '2026-11-05', status: 'held' });
    const m2 = await newMeeting({ title: `Lenkungsgruppe ${uniqueSuffix()}`, date: '2026-11-12', status: 'held' });
    const add = async (meetingId: string, body: Record<string, unknown>) => {
      const res = await leadA.post(`/api/v1/network/meetings/${meetingId}/actions`, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const overdue = await add(m1.id, { text: 'Flyer Präventionsangebot abstimmen', responsibleOrgId: orgA.id, dueOn: '2026-11-20' });
    const soon = await add(m2.id, { text: 'Fallbeispiele für die AG sammeln', responsibleDirectoryOrganizationId: partnerB, responsibleName: 'Frau Beispiel', dueOn: '2026-11-30' });
    const later = await add(m2.id, { text: 'Kooperationsvereinbarung mit dem Klinikum entwerfen', responsibleDirectoryOrganizationId: clinic, dueOn: '2027-01-31' });
    const open = await add(m1.id, { text: 'Termin der nächsten Sitzung abfragen', responsibleName: 'Koordination' });
    expect(overdue).toMatchObject({ state: 'overdue', status: 'open', mayEdit: true, meeting: { id: m1.id, date: '2026-11-05', organiser: { id: orgA.id } } });
    expect(soon).toMatchObject({ state: 'due_soon', responsibleOrganisation: { kind: 'directory', id: partnerB }, responsibleName: 'Frau Beispiel' });
    expect(later.state).toBe('open');

    const mine = [overdue.id, soon.id, later.id, open.id];
    const list = await caseworkerB.get('/api/v1/network/actions?status=open');
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().items.map((a: { id: string }) => a.id).filter((id: string) => mine.includes(id));
    expect(ids).toEqual([overdue.id, soon.id, later.id, open.id]);
    expect(list.json().items.find((a: { id: string }) => a.id === soon.id).mayEdit).toBe(false);
    // B's own: the action for B's directory entry.
    const own = (await caseworkerB.get('/api/v1/network/actions?status=open&responsible=own')).json().items.map((a: { id: string }) => a.id);
    expect(own).toContain(soon.id);
    expect(own).not.toContain(overdue.id);
    // The meeting counts and lists its own.
    expect((await leadA.get(`/api/v1/network/meetings/${m2.id}`)).json()).toMatchObject({ openActions: 2, actions: [{ id: soon.id }, { id: later.id }] });

    // Done: today unless a day is given; B cannot touch it.
    expect((await leadB.patch(`/api/v1/network/actions/${overdue.id}`, { version: 1, status: 'done' })).statusCode).toBe(404);
    const done = await leadA.patch(`/api/v1/network/actions/${overdue.id}`, { version: 1, status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneOn: '2026-11-21', state: 'done', version: 2 });
    const stale = await leadA.patch(`/api/v1/network/actions/${overdue.id}`, { version: 1, text: 'x' });
    expect(stale.statusCode).toBe(409);
    const openIds = (await leadA.get('/api/v1/network/actions')).json().items.map((a: { id: string }) => a.id);
    expect(openIds).not.toContain(overdue.id);
    const doneIds = (await leadA.get('/api/v1/network/actions?status=done')).json().items.map((a: { id: string }) => a.id);
    expect(doneIds).toContain(overdue.id);
    const reopened = await leadA.patch(`/api/v1/network/actions/${overdue.id}`, { version: 2, status: 'open' });
    expect(reopened.json()).toMatchObject({ status: 'open', doneOn: null, state: 'overdue' });

    // Problems name the field.
    const future = await leadA.patch(`/api/v1/network/actions/${soon.id}`, { version: 1, status: 'done', doneOn: '2026-11-30' });
    expect([future.statusCode, fieldsOf(future)]).toEqual([422, ['doneOn']]);
    const nobody = await leadA.patch(`/api/v1/network/actions/${later.id}`, { version: 1, responsibleDirectoryOrganizationId: null, responsibleName: null });
    expect([nobody.statusCode, fieldsOf(nobody)]).toEqual([422, ['responsibleName']]);
    const missing = await leadA.post(`/api/v1/network/meetings/${m1.id}/actions`, { text: 'Ohne Zuständigkeit' });
    expect([missing.statusCode, fieldsOf(missing)]).toEqual([400, ['responsibleName']]);
    const unknown = await leadA.post(`/api/v1/network/meetings/${m1.id}/actions`, { text: 'x', responsibleOrgId: randomUUID() });
    expect([unknown.statusCode, fieldsOf(unknown)]).toEqual([422, ['responsibleOrgId']]);

    // Removed by mistake: gone, and B cannot remove A's.
    expect((await adminB.request('DELETE', `/api/v1/network/actions/${open.id}`)).statusCode).toBe(404);
    const removed = await leadA.request('DELETE', `/api/v1/network/actions/${open.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await leadA.get(`/api/v1/network/meetings/${m1.id}`)).json().actions.map((a: { id: string }) => a.id)).toEqual([overdue.id]);
  });
});

describe(`cooperation agreements (${engineName()})`, () => {
  it('lists agreements with their validity today: expiring first, then in force, upcoming, expired', async () => {
    const add = async (c: Client, body: Record<string, unknown>) => {
      const res = await c.post('/api/v1/network/agreements', { kind: 'cooperation', directoryOrganizationId: clinic, ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const tag = uniqueSuffix();
    const open = await add(leadA, { title: `Unbefristet ${tag}`, validFrom: '2024-01-01', validUntil: null, subject: 'Überleitung bei Entlassung' });
    const expiring = await add(leadA, { title: `Läuft aus ${tag}`, kind: 'referral_pathway', validFrom: '2025-01-01', validUntil: '2027-01-31' });
    const expired = await add(leadA, { title: `Abgelaufen ${tag}`, validFrom: '2023-01-01', validUntil: '2025-12-31' });
    const upcoming = await add(adminB, { title: `Ab Januar ${tag}`, kind: 'data_processing', directoryOrganizationId: partnerB, validFrom: '2027-01-01' });
    expect(open).toMatchObject({ state: 'active', daysLeft: null, validUntil: null, owner: { id: orgA.id }, partner: { id: clinic }, mayEdit: true });
    expect(expiring).toMatchObject({ state: 'expiring', daysLeft: 71 });
    expect(expired).toMatchObject({ state: 'expired', daysLeft: null });
    expect(upcoming).toMatchObject({ state: 'upcoming', owner: { id: orgB.id } });

    const list = await caseworkerB.get(`/api/v1/network/agreements?directoryOrganizationId=${clinic}`);
    expect(list.statusCode, list.body).toBe(200);
    const mine = [open.id, expiring.id, expired.id];
    expect(list.json().items.map((g: { id: string }) => g.id).filter((id: string) => mine.includes(id))).toEqual([expiring.id, open.id, expired.id]);
    expect(list.json().items.every((g: { mayEdit: boolean }) => !g.mayEdit)).toBe(true);
    expect(list.json().mayCreate).toBe(false);
    const expiringOnly = (await leadA.get('/api/v1/network/agreements?state=expiring')).json();
    expect(expiringOnly.items.every((g: { state: string }) => g.state === 'expiring')).toBe(true);
    expect(expiringOnly.counts.expired).toBeGreaterThanOrEqual(1);
    const ownB = (await adminB.get('/api/v1/network/agreements?scope=own')).json().items.map((g: { id: string }) => g.id);
    expect(ownB).toContain(upcoming.id);
    expect(ownB).not.toContain(open.id);

    // Extended: in force again. B cannot extend A's.
    expect((await adminB.patch(`/api/v1/network/agreements/${expiring.id}`, { version: 1, validUntil: '2028-12-31' })).statusCode).toBe(404);
    const extended = await leadA.patch(`/api/v1/network/agreements/${expiring.id}`, { version: 1, validUntil: '2028-12-31' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({ state: 'active', validUntil: '2028-12-31', version: 2 });
    expect((await leadA.patch(`/api/v1/network/agreements/${expiring.id}`, { version: 1, title: 'x' })).statusCode).toBe(409);
  });

  it('validation errors name the field', async () => {
    const cases: [string, Record<string, unknown>, number, string[]][] = [
      ['ends before it begins', { validFrom: '2026-01-01', validUntil: '2025-12-31' }, 400, ['validUntil']],
      ['no partner', { directoryOrganizationId: undefined }, 400, ['directoryOrganizationId']],
      ['a partner that does not exist', { directoryOrganizationId: randomUUID() }, 422, ['directoryOrganizationId']],
      ['unknown kind', { kind: 'handshake' }, 400, ['kind']],
      ['no start', { validFrom: undefined }, 400, ['validFrom']],
    ];
    for (const [label, over, status, fields] of cases) {
      const res = await leadA.post('/api/v1/network/agreements', { kind: 'cooperation', title: 'Vereinbarung', directoryOrganizationId: clinic, validFrom: '2026-01-01', ...over });
      expect([res.statusCode, fieldsOf(res)], label).toEqual([status, fields]);
    }
    const g = (await leadA.post('/api/v1/network/agreements', { kind: 'other', title: 'Absprache', directoryOrganizationId: clinic, validFrom: '2026-06-01' })).json();
    const res = await leadA.patch(`/api/v1/network/agreements/${g.id}`, { version: 1, validUntil: '2026-05-31' });
    expect([res.statusCode, fieldsOf(res)]).toEqual([422, ['validUntil']]);
    const caseworker = await caseworkerA.post('/api/v1/network/agreements', { kind: 'other', title: 'x', directoryOrganizationId: clinic, validFrom: '2026-06-01' });
    expect(caseworker.statusCode).toBe(403);
  });
});
