import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocal } from '../../../domain/casework/appointments.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { clientFor, createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { mintSession } from '../../test/sessions.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';

let t: TestApp;
let fkA: Client;
let tlA: Client;
let fkB: Client;
let wd: Client;
const ids = { fkA: '', tlA: '', fkB: '', musterstadt: '', lindenau: '', ahrensberg: '' };

/** A household in Musterstadt (Träger A's area), sued and served on 3 February 2026. */
async function caseOfA(lastName: string) {
  const id = uniqueSuffix();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: { authorization: 'Bearer demo-court-key', 'content-type': 'application/json' },
    payload: JSON.stringify({
      externalId: `AG-${id}`,
      kind: 'court_eviction_suit',
      receivedOn: '2026-02-05',
      tenants: [{ firstName: 'Zofia', lastName, birthDate: '1971-04-02', servedOn: '2026-02-03' }],
      address: { street: 'Quittenweg', houseNumber: '9', postalCode: '05101', city: 'Musterstadt' },
      arrears: 1800,
      court: { name: 'Amtsgericht Musterstadt', fileNumber: `12 C ${id}/26`, servedOn: '2026-02-03' },
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('notices as n').innerJoin('cases as c', 'c.id', 'n.case_id').select(['c.id', 'c.case_number']).where('n.id', '=', res.json().id).executeTakeFirstOrThrow(),
  );
}

let caseA: { id: string; case_number: string };

beforeAll(async () => {
  // Friday 20 March 2026, a week before the clocks go forward (Sunday 29 March).
  t = await createTestApp({}, testClock(new Date('2026-03-20T09:00:00Z')));
  await seedDemo(t.db);
  [fkA, tlA, fkB, wd] = await Promise.all(['fk.a', 'tl.a', 'fk.b', 'wd'].map((u) => login(t.app, `${u}@demo.test`, DEMO_PASSWORD)));
  await unsafeInternalTx(t.db, null, async (tx) => {
    const users = await tx.db.selectFrom('users').select(['id', 'email']).execute();
    const byEmail = (e: string) => users.find((u) => u.email === e)!.id;
    ids.fkA = byEmail('fk.a@demo.test');
    ids.tlA = byEmail('tl.a@demo.test');
    ids.fkB = byEmail('fk.b@demo.test');
    const locations = await tx.db.selectFrom('locations').select(['id', 'name']).execute();
    const byName = (n: string) => locations.find((l) => l.name === n)!.id;
    ids.musterstadt = byName('Beratungsstelle Musterstadt');
    ids.lindenau = byName('Beratungsstelle Lindenau');
    ids.ahrensberg = byName('Beratung Ahrensberg');
  });
  caseA = await caseOfA('Wrzesniewska');
});
afterAll(() => t?.close());

const book = (client: Client, body: Record<string, unknown>, caseId = caseA.id) => client.post(`/api/v1/cases/${caseId}/appointments`, body);
const office = (date: string, startTime: string, endTime: string, over: Record<string, unknown> = {}) => ({
  kind: 'office', locationId: ids.musterstadt, userId: ids.fkA, date, startTime, endTime, ...over,
});
const fieldPaths = (res: { json(): any }) => (res.json().error.fields ?? []).map((f: { path: string }) => f.path);

describe(`appointments (${engineName()})`, () => {
  it('office hours edited on the location arrive in location_office_hours (the table letters read)', async () => {
    const hours = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('location_office_hours').select(['weekday', 'opens', 'closes']).where('location_id', '=', ids.musterstadt).orderBy('weekday').execute(),
    );
    expect(hours).toEqual([
      { weekday: 1, opens: '09:00:00', closes: '12:00:00' },
      { weekday: 2, opens: '09:00:00', closes: '12:00:00' },
      { weekday: 4, opens: '14:00:00', closes: '17:30:00' },
    ]);
    // Administrators need a second factor outside demo mode: a signed-in session stands in for it.
    const admin = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select(['id', 'org_id as orgId']).where('email', '=', 'kreis@demo.test').executeTakeFirstOrThrow());
    const session = await mintSession(t.db, t.clock, admin);
    const kreis = clientFor(t.app, session.cookie, session.csrf);
    const fachstelle = (await kreis.get('/api/v1/locations')).json().items.find((l: { name: string }) => l.name === 'Fachstelle im Kreishaus');
    const res = await kreis.patch(`/api/v1/locations/${fachstelle.id}`, {
      version: fachstelle.version,
      officeHours: [{ weekday: 5, opens: '08:00', closes: '11:30', note: 'nur mit Termin' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('location_office_hours').select(['org_id', 'weekday', 'opens', 'closes', 'note']).where('location_id', '=', fachstelle.id).execute(),
    );
    expect(after).toEqual([{ org_id: fachstelle.orgId, weekday: 5, opens: '08:00:00', closes: '11:30:00', note: 'nur mit Termin' }]);
  });

  it('books in Berlin wall-clock time: 09:00 is 08:00 UTC before the switch and 07:00 UTC after it', async () => {
    const before = await book(fkA, office('2026-03-23', '09:00', '09:45'));
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json()).toMatchObject({
      startsAt: '2026-03-23T08:00:00.000Z', endsAt: '2026-03-23T08:45:00.000Z', date: '2026-03-23', startTime: '09:00', endTime: '09:45',
      outsideOfficeHours: false, status: 'planned', kind: 'office', caseNumber: caseA.case_number, initials: 'Z. W.',
      location: { id: ids.musterstadt, name: 'Beratungsstelle Musterstadt' }, user: { id: ids.fkA, name: 'Fatma Fachkraft' },
    });
    const after = await book(fkA, office('2026-03-30', '09:00', '10:00'));
    expect(after.statusCode, after.body).toBe(201);
    expect(after.json()).toMatchObject({ startsAt: '2026-03-30T07:00:00.000Z', endsAt: '2026-03-30T08:00:00.000Z', startTime: '09:00' });
  });

  it('refuses an office appointment outside office hours unless booked as such, naming startTime', async () => {
    const refused = await book(fkA, office('2026-03-30', '12:00', '12:30'));
    expect(refused.statusCode).toBe(422);
    expect(fieldPaths(refused)).toEqual(['startTime']);
    expect(refused.json().error.fields[0].message).toContain('Sprechzeiten');
    const wednesday = await book(fkA, office('2026-04-01', '10:00', '11:00'));
    expect(fieldPaths(wednesday)).toEqual(['startTime']);
    const flagged = await book(fkA, office('2026-03-30', '12:00', '12:30', { allowOutsideOfficeHours: true }));
    expect(flagged.statusCode, flagged.body).toBe(201);
    expect(flagged.json().outsideOfficeHours).toBe(true);
    // Home visits happen wherever the household lives: no office hours to keep.
    const visit = await book(fkA, { kind: 'home_visit', userId: ids.fkA, date: '2026-03-31', startTime: '16:00', endTime: '17:00' });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json()).toMatchObject({ outsideOfficeHours: false, location: null });
  });

  it.each([
    ['an office appointment without a location', { kind: 'office', locationId: null }, ['locationId']],
    ["another organisation's location", { locationId: 'AHRENSBERG' }, ['locationId']],
    ["another organisation's caseworker", { userId: 'FKB' }, ['userId']],
    ['a time that does not exist (clocks go forward)', { kind: 'phone', locationId: null, date: '2026-03-29', startTime: '02:30', endTime: '03:30' }, ['startTime']],
    ['an end before the start', { endTime: '08:30' }, ['endTime']],
  ])('refuses %s with a 4xx naming the field', async (_label, over, paths) => {
    const body: Record<string, unknown> = office('2026-03-30', '10:00', '10:30', over);
    if (body.locationId === 'AHRENSBERG') body.locationId = ids.ahrensberg;
    if (body.userId === 'FKB') body.userId = ids.fkB;
    const res = await book(fkA, body);
    expect([400, 422]).toContain(res.statusCode);
    expect(fieldPaths(res)).toEqual(paths);
  });

  it('never books a caseworker twice: 409 naming userId, in the language of the request; back to back is fine', async () => {
    expect((await book(tlA, office('2026-03-24', '09:00', '10:00', { userId: ids.tlA }))).statusCode).toBe(201);
    const clash = await book(fkA, office('2026-03-24', '09:30', '10:30', { userId: ids.tlA }));
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'appointment_overlap', fields: [{ path: 'userId', message: 'Die Fachkraft hat am 24.03.2026 von 09:00 bis 10:00 Uhr bereits einen Termin.' }] });
    const english = await fkA.request('POST', `/api/v1/cases/${caseA.id}/appointments`, office('2026-03-24', '09:59', '10:15', { userId: ids.tlA }), { 'accept-language': 'en' });
    expect(english.statusCode).toBe(409);
    expect(english.json().error.message).toBe('The caseworker already has an appointment at that time.');
    // Another caseworker at the same location and time is no clash.
    expect((await book(fkA, office('2026-03-24', '09:30', '10:30'))).statusCode).toBe(201);
    expect((await book(tlA, office('2026-03-24', '10:00', '11:00', { userId: ids.tlA }))).statusCode).toBe(201);
  });

  it('two bookings racing for the same slot: exactly one wins, the other gets the 409', async () => {
    const attempts = await Promise.all(
      [fkA, tlA, fkA, tlA, fkA].map((client) => book(client, office('2026-03-26', '15:00', '16:00', { userId: ids.tlA }))),
    );
    const statuses = attempts.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const r of attempts.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('appointment_overlap');
    const stored = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('appointments').select('id').where('user_id', '=', ids.tlA).where('starts_at', '=', new Date('2026-03-26T14:00:00Z')).execute(),
    );
    expect(stored).toHaveLength(1);
  });

  it('the database itself refuses an overlapping appointment (exclusion constraint), whatever the code does', async () => {
    const err = await unsafeInternalTx(t.db, null, async (tx) => {
      const a = await tx.db.selectFrom('appointments').selectAll().where('user_id', '=', ids.tlA).where('status', '<>', 'cancelled').executeTakeFirstOrThrow();
      await sql`insert into appointments (org_id, case_id, user_id, starts_at, ends_at, kind)
        values (${a.org_id}, ${a.case_id}, ${a.user_id}, ${new Date(a.starts_at.getTime() + 60_000)}, ${new Date(a.ends_at.getTime() + 60_000)}, 'phone')`.execute(tx.db);
    }).catch((e) => e);
    expect(err).toMatchObject({ code: '23P01' });
  });

  it('cancelling frees the slot; a stale version is a conflict, not a lost update', async () => {
    const first = (await book(fkA, office('2026-03-31', '09:00', '10:00'))).json();
    const cancelled = await fkA.patch(`/api/v1/appointments/${first.id}`, { version: first.version, status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', version: first.version + 1 });
    const stale = await fkA.patch(`/api/v1/appointments/${first.id}`, { version: first.version, note: 'zu spät' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'version_conflict']);
    const again = await book(fkA, office('2026-03-31', '09:30', '10:30'));
    expect(again.statusCode, again.body).toBe(201);
    // Moving the new one onto a busy slot of the same caseworker is refused like a booking.
    const busy = await fkA.patch(`/api/v1/appointments/${again.json().id}`, { version: again.json().version, date: '2026-03-30', startTime: '09:15', endTime: '09:45' });
    expect([busy.statusCode, fieldPaths(busy)]).toEqual([409, ['userId']]);
    const held = await fkA.patch(`/api/v1/appointments/${again.json().id}`, { version: again.json().version, status: 'held' });
    expect(held.json()).toMatchObject({ status: 'held', startTime: '09:30' });
  });

  it("a caseworker's week: Monday to Sunday in Berlin time, across the switch to summer time", async () => {
    const res = await fkA.get(`/api/v1/appointments?userId=${ids.fkA}&date=2026-04-01`);
    expect(res.statusCode, res.body).toBe(200);
    const week = res.json();
    expect(week).toMatchObject({ scope: { kind: 'user', id: ids.fkA, name: 'Fatma Fachkraft' }, monday: '2026-03-30', isoYear: 2026, isoWeek: 14 });
    expect(week.days).toEqual(['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05']);
    expect(week.items.map((a: { date: string; startTime: string }) => `${a.date} ${a.startTime}`)).toEqual([
      '2026-03-30 09:00', '2026-03-30 12:00', '2026-03-31 09:00', '2026-03-31 09:30', '2026-03-31 16:00',
    ]);
    const previous = (await fkA.get(`/api/v1/appointments?userId=${ids.fkA}&date=2026-03-23`)).json();
    expect(previous.items.map((a: { startsAt: string }) => a.startsAt)).toEqual(['2026-03-23T08:00:00.000Z', '2026-03-24T08:30:00.000Z']);
  });

  it("a location's week with its office hours", async () => {
    const week = (await tlA.get(`/api/v1/appointments?locationId=${ids.musterstadt}&date=2026-03-24`)).json();
    expect(week.scope).toEqual({ kind: 'location', id: ids.musterstadt, name: 'Beratungsstelle Musterstadt' });
    expect(week.officeHours).toEqual([
      { weekday: 1, opens: '09:00', closes: '12:00', note: null },
      { weekday: 2, opens: '09:00', closes: '12:00', note: null },
      { weekday: 4, opens: '14:00', closes: '17:30', note: null },
    ]);
    expect(week.items.length).toBeGreaterThanOrEqual(5);
    expect(week.items.every((a: { location: { id: string } }) => a.location.id === ids.musterstadt)).toBe(true);
    const refused = await tlA.get(`/api/v1/appointments?userId=${ids.fkA}&locationId=${ids.musterstadt}`);
    expect([refused.statusCode, fieldPaths(refused)]).toEqual([400, ['userId']]);
  });

  it('the week as iCalendar: parses, carries the right instants (UTC) and Berlin times, and only case number and initials', async () => {
    const res = await fkA.get(`/api/v1/appointments/calendar.ics?userId=${ids.fkA}&date=2026-03-30`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const cal = new ICAL.Component(ICAL.parse(res.body));
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const starts = events.map((e) => e.startDate.toJSDate().toISOString()).sort();
    expect(starts).toEqual(['2026-03-30T07:00:00.000Z', '2026-03-30T10:00:00.000Z', '2026-03-31T07:00:00.000Z', '2026-03-31T07:30:00.000Z', '2026-03-31T14:00:00.000Z']);
    for (const e of events) expect(e.startDate.zone.tzid).toBe('UTC');
    expect(events.map((e) => toLocal(e.startDate.toJSDate()).time).sort()).toEqual(['09:00', '09:00', '09:30', '12:00', '16:00']);
    const first = events.find((e) => e.startDate.toJSDate().toISOString() === '2026-03-30T07:00:00.000Z')!;
    expect(first.summary).toBe(`Termin in der Beratungsstelle: ${caseA.case_number} (Z. W.)`);
    expect(first.location).toBe('Beratungsstelle Musterstadt, Lindenstraße 12a, 05101 Musterstadt');
    expect(first.endDate.toJSDate().toISOString()).toBe('2026-03-30T08:00:00.000Z');
    const visit = events.find((e) => e.summary.startsWith('Hausbesuch'))!;
    expect(visit.location).toBeNull();
    // Data minimisation: no name, no household address, no notes.
    expect(res.body).not.toContain('Wrzesniewska');
    expect(res.body).not.toContain('Zofia');
    expect(res.body).not.toContain('Quittenweg');
    expect(events.find((e) => e.startDate.toJSDate().toISOString() === '2026-03-31T07:00:00.000Z')!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('one appointment as iCalendar, in English on request', async () => {
    const week = (await fkA.get(`/api/v1/appointments?userId=${ids.fkA}&date=2026-03-23`)).json();
    const res = await fkA.request('GET', `/api/v1/appointments/${week.items[0].id}/ics`, undefined, { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(200);
    const events = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    expect(events[0].uid).toBe(`${week.items[0].id}@bleibe`);
    expect(events[0].summary).toBe(`Office appointment: ${caseA.case_number} (Z. W.)`);
    expect(events[0].startDate.toJSDate().toISOString()).toBe('2026-03-23T08:00:00.000Z');
  });

  it("the case's appointments are audited reads", async () => {
    const res = await fkA.get(`/api/v1/cases/${caseA.id}/appointments`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThanOrEqual(6);
    const audited = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select('action').where('entity_id', '=', caseA.id).where('action', '=', 'appointment.list').execute(),
    );
    expect(audited.length).toBeGreaterThan(0);
  });

  it("another Träger's caseworker and the district office's finance staff get 404 on everything of A", async () => {
    const week = (await fkA.get(`/api/v1/appointments?userId=${ids.fkA}&date=2026-03-23`)).json();
    const appointment = week.items[0];
    for (const client of [fkB, wd]) {
      const responses = await Promise.all([
        client.get(`/api/v1/cases/${caseA.id}/appointments`),
        client.get(`/api/v1/appointments/${appointment.id}/ics`),
        client.get(`/api/v1/appointments?userId=${ids.fkA}`),
        client.get(`/api/v1/appointments?locationId=${ids.musterstadt}`),
        client.get(`/api/v1/appointments/calendar.ics?userId=${ids.fkA}`),
      ]);
      for (const r of responses) expect([r.statusCode, r.json().error.code]).toEqual([404, 'not_found']);
    }
    const bPatch = await fkB.patch(`/api/v1/appointments/${appointment.id}`, { version: appointment.version, status: 'cancelled' });
    expect(bPatch.statusCode).toBe(404);
    const bBook = await book(fkB, office('2026-03-30', '11:00', '11:30'));
    expect(bBook.statusCode).toBe(404);
    // Finance staff have no cases.edit at all.
    expect((await book(wd, office('2026-03-30', '11:00', '11:30'))).statusCode).toBe(403);
    const unchanged = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('appointments').select('status').where('id', '=', appointment.id).executeTakeFirstOrThrow());
    expect(unchanged.status).toBe('planned');
  });
});
