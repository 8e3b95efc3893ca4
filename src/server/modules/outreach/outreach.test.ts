import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';
import { remindDueTasks } from '../tasks/jobs.js';

let t: TestApp;
let fkA: Client;
let tlA: Client;
let fkB: Client;

beforeAll(async () => {
  // Saturday 21 November 2026, 10:00 in Berlin.
  t = await createTestApp({}, testClock(new Date('2026-11-21T09:00:00Z')));
  await seedDemo(t.db);
  await signIn();
});
afterAll(() => t.close());

const NOW = new Date('2026-11-21T09:00:00Z');

async function signIn() {
  fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
  tlA = await login(t.app, 'tl.a@demo.test', DEMO_PASSWORD);
  fkB = await login(t.app, 'fk.b@demo.test', DEMO_PASSWORD);
}

/** Runs `fn` with the clock at `instant`; sessions idle that long have ended, so everyone signs in again. */
async function at(instant: string, fn: () => Promise<void>) {
  t.clock.set(new Date(instant));
  await signIn();
  try {
    await fn();
  } finally {
    t.clock.set(NOW);
    await signIn();
  }
}

const LETTERS = 'bcdfghklmnprstvwz';
function uniqueSurname() {
  const bytes = uniqueSuffix() + uniqueSuffix();
  let s = '';
  for (let i = 0; i < 10; i++) s += LETTERS[parseInt(bytes.slice(i, i + 2), 16) % LETTERS.length] + 'aeiou'[i % 5];
  return s[0].toUpperCase() + s.slice(1);
}

interface NewCase {
  id: string;
  externalId: string;
  version: number;
}

/** A court notice (sent with the court's demo API key) about a household in Träger A's area. */
async function newCase(address: Record<string, string> = {}): Promise<NewCase> {
  const externalId = `AG-${uniqueSuffix()}`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: { authorization: 'Bearer demo-court-key', 'content-type': 'application/json' },
    payload: JSON.stringify({
      externalId,
      kind: 'court_eviction_suit',
      receivedOn: '2026-11-16',
      tenants: [{ firstName: 'Erika', lastName: uniqueSurname(), servedOn: '2026-11-13' }],
      address: { street: `${uniqueSurname()}weg`, houseNumber: '5', postalCode: '05101', city: 'Musterstadt', ...address },
      court: { name: 'Amtsgericht Musterstadt', fileNumber: `12 C ${uniqueSuffix()}/26`, servedOn: '2026-11-13' },
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const caseId = await unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('notices').select('case_id').where('id', '=', res.json().id).executeTakeFirstOrThrow(),
  );
  return { id: caseId.case_id, externalId, version: await caseVersion(caseId.case_id) };
}

const caseRow = (id: string) =>
  unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('cases').select(['status', 'version', 'first_contact_attempt_at']).where('id', '=', id).executeTakeFirstOrThrow());
const caseVersion = async (id: string) => (await caseRow(id)).version;
const receiptStatus = async (externalId: string) =>
  (await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('notice_receipts').select('status').where('external_id', '=', externalId).executeTakeFirstOrThrow())).status;

const attempt = (c: Client, caseId: string, body: Record<string, unknown>) => c.post(`/api/v1/cases/${caseId}/contact-attempts`, body);
const visit = (caseId: string, when: string, outcome = 'not_reached') => attempt(fkA, caseId, { channel: 'home_visit', attemptedAt: when, outcome });
const fieldsOf = (res: { json(): any }) => (res.json().error.fields ?? []).map((f: { path: string }) => f.path);

describe(`outreach (${engineName()})`, () => {
  it('the first attempt opens the case and ends the overdue first contact; reaching the household tells the sender "contact made"', async () => {
    const c = await newCase();
    expect((await caseRow(c.id)).status).toBe('new');
    const queueItem = async () => (await fkA.get('/api/v1/cases/queue?scope=team')).json().items.find((i: { id: string }) => i.id === c.id);
    // Received Monday 16th: first contact was due within days; by Saturday it is overdue.
    expect((await queueItem()).overdueFirstContact).toBe(true);

    const letter = await attempt(fkA, c.id, { channel: 'letter', attemptedAt: '2026-11-17T10:00:00+01:00', outcome: 'letter_sent', notes: 'Erstanschreiben' });
    expect(letter.statusCode, letter.body).toBe(201);
    const row = await caseRow(c.id);
    expect(row.status).toBe('open');
    expect(new Date(row.first_contact_attempt_at!).toISOString()).toBe('2026-11-17T09:00:00.000Z');
    expect(row.version).toBe(c.version); // not a user's edit of the case: nobody else's save is refused
    expect((await queueItem()).overdueFirstContact).toBe(false);
    expect(await receiptStatus(c.externalId)).toBe('received');

    // An earlier attempt recorded afterwards becomes the first one.
    await attempt(fkA, c.id, { channel: 'phone', attemptedAt: '2026-11-16T15:00:00+01:00', outcome: 'not_reached' });
    expect(new Date((await caseRow(c.id)).first_contact_attempt_at!).toISOString()).toBe('2026-11-16T14:00:00.000Z');
    expect(await receiptStatus(c.externalId)).toBe('received');

    const reached = await attempt(fkA, c.id, { channel: 'phone', attemptedAt: '2026-11-20T11:00:00+01:00', outcome: 'appointment_agreed' });
    expect(reached.statusCode, reached.body).toBe(201);
    expect(await receiptStatus(c.externalId)).toBe('contact_made');

    const list = await fkA.get(`/api/v1/cases/${c.id}/contact-attempts`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { channel: string }) => a.channel)).toEqual(['phone', 'letter', 'phone']);
    expect(list.json().reach).toEqual({
      reached: true, firstAttemptOn: '2026-11-16', firstConversationOn: '2026-11-20', daysToFirstAttempt: 0, daysToFirstConversation: 4, attempts: 3, homeVisits: 0,
    });
  });

  it('refuses contradictory attempts, naming the field', async () => {
    const c = await newCase();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ channel: 'letter', attemptedAt: '2026-11-17T10:00:00Z', outcome: 'message_left' }, ['outcome']],
      [{ channel: 'phone', attemptedAt: '2026-11-17T10:00:00Z' }, ['outcome']],
      [{ channel: 'phone', outcome: 'reached' }, ['attemptedAt']],
      [{ channel: 'home_visit' }, ['plannedOn']],
      [{ channel: 'home_visit', attemptedAt: '2026-11-25T10:00:00Z', outcome: 'not_reached' }, ['attemptedAt']],
      [{ channel: 'home_visit', plannedOn: '2026-11-24', assigneeId: (await userId('fk.b@demo.test')) }, ['assigneeId']],
    ];
    for (const [body, paths] of cases) {
      const res = await attempt(fkA, c.id, body);
      expect(res.statusCode, res.body).toBe(422);
      expect(fieldsOf(res), JSON.stringify(body)).toEqual(paths);
    }
    const bad = await attempt(fkA, c.id, { channel: 'fax', attemptedAt: 'gestern', outcome: 'reached', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['attemptedAt', 'channel', 'extra']);
    expect((await caseRow(c.id)).status).toBe('new');
  });

  it('the day list shows planned home visits by municipality and street; recording the visit takes it off', async () => {
    const day = '2026-11-24';
    const a1 = await newCase({ street: 'Zeisigweg', houseNumber: '10' });
    const a2 = await newCase({ street: 'Zeisigweg', houseNumber: '2' });
    const b1 = await newCase({ street: 'Amselstraße', houseNumber: '1', postalCode: '05110', city: 'Beispielheim' });
    const tl = await userId('tl.a@demo.test');
    const planned: Record<string, any> = {};
    for (const c of [a1, a2, b1]) {
      const res = await attempt(fkA, c.id, { channel: 'home_visit', plannedOn: day, notes: 'Klingel links' });
      expect(res.statusCode, res.body).toBe(201);
      planned[c.id] = res.json();
    }
    // A colleague's visit is on the team's list, not on mine.
    const other = await newCase({ street: 'Zeisigweg', houseNumber: '4' });
    expect((await attempt(fkA, other.id, { channel: 'home_visit', plannedOn: day, assigneeId: tl })).statusCode).toBe(201);

    const mine = await fkA.get(`/api/v1/outreach/home-visits?date=${day}`);
    expect(mine.statusCode, mine.body).toBe(200);
    const shape = (body: any) =>
      body.groups.map((g: any) => [g.municipality, g.streets.map((s: any) => [s.street, s.visits.map((v: any) => v.houseNumber)])]);
    expect(shape(mine.json())).toEqual([
      ['Beispielheim', [['Amselstraße', ['1']]]],
      ['Musterstadt', [['Zeisigweg', ['2', '10']]]],
    ]);
    expect(mine.json().groups[1].streets[0].visits[0]).toMatchObject({ caseId: a2.id, notes: 'Klingel links', tenants: [expect.stringMatching(/^Erika /)] });
    const team = await fkA.get(`/api/v1/outreach/home-visits?date=${day}&scope=team`);
    expect(shape(team.json())[1]).toEqual(['Musterstadt', [['Zeisigweg', ['2', '4', '10']]]]);
    const theirs = await fkA.get(`/api/v1/outreach/home-visits?date=${day}&scope=team&assigneeId=${tl}`);
    expect(theirs.json().count).toBe(1);

    // The visit is made (the clock is moved to that day): recorded, it leaves the route sheet.
    await at('2026-11-24T15:00:00Z', async () => {
      const p = planned[a2.id];
      const done = await fkA.patch(`/api/v1/contact-attempts/${p.id}`, { version: p.version, attemptedAt: '2026-11-24T15:30:00+01:00', outcome: 'message_left' });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ outcome: 'message_left', plannedOn: day, version: p.version + 1 });
      const stale = await fkA.patch(`/api/v1/contact-attempts/${p.id}`, { version: p.version, notes: 'zu spät' });
      expect(stale.statusCode).toBe(409);
      expect((await fkA.get(`/api/v1/outreach/home-visits?date=${day}`)).json().count).toBe(2);
      expect((await caseRow(a2.id)).status).toBe('open');
    });
    expect((await fkA.get(`/api/v1/outreach/home-visits?date=2026-13-01`)).statusCode).toBe(400);
  });

  it('the chronological record shows notes, attempts, notices and the assignment, newest first, with the time spent', async () => {
    const c = await newCase();
    expect((await fkA.post(`/api/v1/cases/${c.id}/assign`, { version: c.version, userId: await userId('fk.a@demo.test') })).statusCode).toBe(200);
    await attempt(fkA, c.id, { channel: 'phone', attemptedAt: '2026-11-18T09:00:00+01:00', outcome: 'reached' });
    const note = await fkA.post(`/api/v1/cases/${c.id}/notes`, { notedOn: '2026-11-19', minutes: 45, text: 'Gespräch mit Vermieter' });
    expect(note.statusCode, note.body).toBe(201);
    await fkA.post(`/api/v1/cases/${c.id}/notes`, { notedOn: '2026-11-20', minutes: 15, text: 'Antrag vorbereitet' });
    expect(fieldsOf(await fkA.post(`/api/v1/cases/${c.id}/notes`, { notedOn: '2026-11-22', text: 'morgen' }))).toEqual(['notedOn']);
    expect(fieldsOf(await fkA.post(`/api/v1/cases/${c.id}/notes`, { notedOn: '2026-11-20', text: '  ', minutes: -1 })).sort()).toEqual(['minutes', 'text']);

    const record = await fkA.get(`/api/v1/cases/${c.id}/record`);
    expect(record.statusCode, record.body).toBe(200);
    const entries = record.json().entries as { type: string; on: string; text: string | null; facts: Record<string, string | null> }[];
    expect(entries.map((e) => [e.type, e.on])).toEqual([
      // Assignments come from the audit log, stamped by the database's real clock, not the test clock.
      ['assignment', localDay(new Date())],
      ['note', '2026-11-20'],
      ['note', '2026-11-19'],
      ['attempt', '2026-11-18'],
      ['notice', '2026-11-16'],
    ]);
    expect(entries[0].facts.to).toBe('Fatma Fachkraft');
    expect(entries[3].facts).toMatchObject({ channel: 'phone', outcome: 'reached' });
    expect(record.json().totalMinutes).toBe(60);
    const audited = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).where('action', '=', 'case.record.read').execute(),
    );
    expect(audited).toHaveLength(1);
  });

  it('closing as "not reached" needs three home visits or a reason', async () => {
    const c = await newCase();
    await attempt(fkA, c.id, { channel: 'letter', attemptedAt: '2026-11-16T12:00:00Z', outcome: 'letter_sent' });
    await visit(c.id, '2026-11-17T08:00:00Z');
    await visit(c.id, '2026-11-18T17:00:00Z', 'message_left');
    // A visit only planned does not count.
    await attempt(fkA, c.id, { channel: 'home_visit', plannedOn: '2026-11-23' });
    const version = await caseVersion(c.id);
    const refused = await fkA.post(`/api/v1/cases/${c.id}/close`, { version, outcome: 'not_reached', causes: [] });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.fields).toEqual([{ path: 'notReachedReason', message: expect.stringMatching(/nach 3 Hausbesuchsversuchen .*\(bisher 2\)/) }]);
    const english = await fkA.request('POST', `/api/v1/cases/${c.id}/close`, { version, outcome: 'not_reached', causes: [] }, { 'accept-language': 'en' });
    expect(english.json().error.fields[0].message).toContain('3 home-visit attempts (so far 2)');
    expect((await caseRow(c.id)).status).toBe('open');
    expect(await receiptStatus(c.externalId)).toBe('received');

    await visit(c.id, '2026-11-20T12:00:00Z');
    const closed = await fkA.post(`/api/v1/cases/${c.id}/close`, { version, outcome: 'not_reached', causes: [] });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', homeVisits: 3, current: { outcome: 'not_reached', homeVisits: 3, closedOn: '2026-11-21' } });
    expect(await receiptStatus(c.externalId)).toBe('closed');

    // With a reason, fewer visits suffice.
    const moved = await newCase();
    const res = await fkA.post(`/api/v1/cases/${moved.id}/close`, { version: moved.version, outcome: 'not_reached', causes: [], notReachedReason: 'known_moved' });
    expect(res.statusCode, res.body).toBe(200);
    const other = await newCase();
    const noNote = await fkA.post(`/api/v1/cases/${other.id}/close`, { version: other.version, outcome: 'not_reached', causes: [], notReachedReason: 'other' });
    expect(fieldsOf(noNote)).toEqual(['note']);
    const badCause = await fkA.post(`/api/v1/cases/${other.id}/close`, { version: other.version, outcome: 'new_flat', causes: ['bad_luck'] });
    expect([badCause.statusCode, fieldsOf(badCause)]).toEqual([400, ['causes.0']]);
  });

  it('closing creates follow-up questions 6 and 12 months later; they are answered; reopening needs a reason, withdraws open ones and is audited', async () => {
    const c = await newCase();
    await attempt(fkA, c.id, { channel: 'office', attemptedAt: '2026-11-18T10:00:00+01:00', outcome: 'reached' });
    const tl = await userId('tl.a@demo.test');
    const v0 = await caseVersion(c.id);
    expect((await tlA.post(`/api/v1/cases/${c.id}/assign`, { version: v0, userId: tl })).statusCode).toBe(200);
    const v1 = await caseVersion(c.id);

    // The clock stands on 31 May (Berlin): 6 months later is 30 November.
    await at('2027-05-31T08:00:00Z', async () => {
      const stale = await fkA.post(`/api/v1/cases/${c.id}/close`, { version: v0, outcome: 'tenancy_secured_with_assumption', causes: ['income_loss'] });
      expect(stale.statusCode).toBe(409);
      const closed = await fkA.post(`/api/v1/cases/${c.id}/close`, {
        version: v1, outcome: 'tenancy_secured_with_assumption', causes: ['income_loss', 'service_charge_back_payment', 'income_loss'], note: 'Jobcenter übernimmt',
      });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json().current).toMatchObject({ closedOn: '2027-05-31', causes: ['income_loss', 'service_charge_back_payment'], note: 'Jobcenter übernimmt' });
      expect(await receiptStatus(c.externalId)).toBe('closed');
      const again = await fkA.post(`/api/v1/cases/${c.id}/close`, { version: closed.json().version, outcome: 'other', causes: [], note: 'x' });
      expect([again.statusCode, again.json().error.code]).toEqual([409, 'case_already_closed']);

    const tasks = (await fkA.get(`/api/v1/cases/${c.id}/tasks`)).json().items;
    expect(tasks.map((x: any) => [x.kind, x.followUpMonths, x.dueOn, x.assignee.id, x.status])).toEqual([
      ['follow_up', 6, '2027-11-30', tl, 'open'],
      ['follow_up', 12, '2028-05-31', tl, 'open'],
    ]);
    // The team lead holds the case, so the questions are in the team lead's list.
    expect((await tlA.get('/api/v1/tasks?scope=mine')).json().items.map((x: any) => x.id)).toEqual(expect.arrayContaining(tasks.map((x: any) => x.id)));

    t.clock.advance(60_000);
    const six = tasks[0];
    const noAnswer = await fkA.patch(`/api/v1/tasks/${six.id}`, { version: six.version, done: true });
    expect([noAnswer.statusCode, fieldsOf(noAnswer)]).toEqual([422, ['followUpAnswer']]);
    const answered = await fkA.patch(`/api/v1/tasks/${six.id}`, { version: six.version, followUpAnswer: 'yes' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'done', followUpAnswer: 'yes', doneBy: { name: 'Fatma Fachkraft' } });

    t.clock.advance(60_000);
    // Reopening: a reason is required; the answered question stays, the open one is withdrawn.
    const state = (await fkA.get(`/api/v1/cases/${c.id}/closure`)).json();
    const noReason = await fkA.post(`/api/v1/cases/${c.id}/reopen`, { version: state.version, reason: ' ' });
    expect([noReason.statusCode, fieldsOf(noReason)]).toEqual([400, ['reason']]);
    const reopened = await fkA.post(`/api/v1/cases/${c.id}/reopen`, { version: state.version, reason: 'Neue Kündigung' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', current: null, history: [{ reopenReason: 'Neue Kündigung', reopenedBy: { name: 'Fatma Fachkraft' } }] });
    expect(await receiptStatus(c.externalId)).toBe('contact_made');
    const after = (await fkA.get(`/api/v1/cases/${c.id}/tasks`)).json().items;
    expect(after.map((x: any) => [x.followUpMonths, x.status, x.followUpAnswer])).toEqual([
      [6, 'done', 'yes'],
      [12, 'cancelled', null],
    ]);
    const withdrawn = await fkA.patch(`/api/v1/tasks/${after[1].id}`, { version: after[1].version, followUpAnswer: 'no' });
    expect([withdrawn.statusCode, withdrawn.json().error.code]).toEqual([409, 'task_cancelled']);
    const notClosed = await fkA.post(`/api/v1/cases/${c.id}/reopen`, { version: reopened.json().version, reason: 'nochmal' });
    expect([notClosed.statusCode, notClosed.json().error.code]).toEqual([409, 'case_not_closed']);
    const audit = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', c.id).where('action', 'in', ['case.close', 'case.reopen']).orderBy('id').execute(),
    );
    expect(audit.map((a) => a.action)).toEqual(['case.close', 'case.reopen']);
    expect(audit[1].details).toMatchObject({ followUpsWithdrawn: 1 });

    t.clock.advance(60_000);
    // Closed again later: new follow-ups for the new closure, and the record shows it all.
    const closedAgain = await fkA.post(`/api/v1/cases/${c.id}/close`, { version: reopened.json().version, outcome: 'new_flat', causes: ['separation'] });
    expect(closedAgain.statusCode, closedAgain.body).toBe(200);
    expect(closedAgain.json().history).toHaveLength(2);
    const open = (await fkA.get(`/api/v1/cases/${c.id}/tasks`)).json().items.filter((x: any) => x.status === 'open');
    expect(open.map((x: any) => [x.followUpMonths, x.dueOn])).toEqual([[6, '2027-11-30'], [12, '2028-05-31']]);
    const types = (await fkA.get(`/api/v1/cases/${c.id}/record`)).json().entries.map((e: { type: string }) => e.type);
    expect(types.slice(0, 2)).toEqual(['closure', 'reopening']);
    expect(types).toEqual(expect.arrayContaining(['closure', 'reopening', 'task_done', 'attempt', 'notice', 'assignment']));
    });
  });

  it('tasks: created for a case or general, listed as mine, done and undone; assignees only from the own organisation', async () => {
    const c = await newCase();
    const tl = await userId('tl.a@demo.test');
    const caseTask = await fkA.post('/api/v1/tasks', { caseId: c.id, title: 'Mietkonto anfordern', dueOn: '2026-11-25' });
    expect(caseTask.statusCode, caseTask.body).toBe(201);
    expect(caseTask.json()).toMatchObject({ case: { id: c.id }, kind: 'general', assignee: { name: 'Fatma Fachkraft' }, status: 'open' });
    const general = await fkA.post('/api/v1/tasks', { title: 'Teambesprechung vorbereiten', dueOn: '2026-11-23', assigneeId: tl });
    expect(general.statusCode, general.body).toBe(201);
    expect(general.json().case).toBeNull();
    const foreign = await fkA.post('/api/v1/tasks', { title: 'x', dueOn: '2026-11-23', assigneeId: await userId('fk.b@demo.test') });
    expect([foreign.statusCode, fieldsOf(foreign)]).toEqual([422, ['assigneeId']]);
    const finance = await fkA.post('/api/v1/tasks', { title: 'x', dueOn: '2026-11-23', assigneeId: await userId('kreis@demo.test') });
    expect(finance.statusCode).toBe(422);

    const mine = (await fkA.get('/api/v1/tasks')).json().items.map((x: any) => x.id);
    expect(mine).toContain(caseTask.json().id);
    expect(mine).not.toContain(general.json().id);
    expect((await fkA.get('/api/v1/tasks?scope=team')).json().items.map((x: any) => x.id)).toContain(general.json().id);

    const done = await fkA.patch(`/api/v1/tasks/${caseTask.json().id}`, { version: 1, done: true });
    expect(done.json()).toMatchObject({ status: 'done', version: 2 });
    expect((await fkA.get('/api/v1/tasks')).json().items.map((x: any) => x.id)).not.toContain(caseTask.json().id);
    expect((await fkA.get('/api/v1/tasks?status=done')).json().items.map((x: any) => x.id)).toContain(caseTask.json().id);
    const undone = await fkA.patch(`/api/v1/tasks/${caseTask.json().id}`, { version: 2, done: false, dueOn: '2026-11-30' });
    expect(undone.json()).toMatchObject({ status: 'open', doneAt: null, dueOn: '2026-11-30' });
    const answer = await fkA.patch(`/api/v1/tasks/${caseTask.json().id}`, { version: 3, followUpAnswer: 'yes' });
    expect([answer.statusCode, fieldsOf(answer)]).toEqual([422, ['followUpAnswer']]);
    expect((await fkA.patch(`/api/v1/tasks/${caseTask.json().id}`, { version: 2, title: 'alt' })).statusCode).toBe(409);
  });

  it('the reminder job reminds the assignee of due tasks once, again after the due date moves; each sees only their own', async () => {
    const due = await fkA.post('/api/v1/tasks', { title: 'Rückruf Vermieterin', dueOn: '2026-11-21' });
    const later = await fkA.post('/api/v1/tasks', { title: 'Später', dueOn: '2026-11-22' });
    expect(due.statusCode).toBe(201);
    const first = await remindDueTasks(t.db, t.clock.now());
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await remindDueTasks(t.db, t.clock.now())).toBe(0);

    const reminders = async (c: Client) => (await c.get('/api/v1/reminders')).json();
    const mine = await reminders(fkA);
    const forDue = mine.items.filter((r: any) => r.task.id === due.json().id);
    expect(forDue).toHaveLength(1);
    expect(forDue[0]).toMatchObject({ dueOn: '2026-11-21', task: { title: 'Rückruf Vermieterin' } });
    expect(mine.items.map((r: any) => r.task.id)).not.toContain(later.json().id);
    expect((await reminders(tlA)).items.map((r: any) => r.task.id)).not.toContain(due.json().id);

    // Another person's reminder is "not found"; one's own is marked read and disappears.
    expect((await tlA.post(`/api/v1/reminders/${forDue[0].id}/read`)).statusCode).toBe(404);
    expect((await fkB.post(`/api/v1/reminders/${forDue[0].id}/read`)).statusCode).toBe(404);
    expect((await fkA.post(`/api/v1/reminders/${forDue[0].id}/read`)).statusCode).toBe(200);
    expect((await reminders(fkA)).items.map((r: any) => r.id)).not.toContain(forDue[0].id);

    // Postponed to tomorrow and tomorrow comes: reminded again, once.
    await fkA.patch(`/api/v1/tasks/${due.json().id}`, { version: 1, dueOn: '2026-11-22' });
    await at('2026-11-22T07:00:00Z', async () => {
      expect(await remindDueTasks(t.db, t.clock.now())).toBe(2);
      expect(await remindDueTasks(t.db, t.clock.now())).toBe(0);
    });
    const count = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('reminders').select(['due_on']).where('task_id', '=', due.json().id).orderBy('due_on').execute(),
    );
    expect(count.map((r) => String(r.due_on))).toEqual(['2026-11-21', '2026-11-22']);
  });

  it("another organisation's caseworker gets 404 on the attempts, notes, record, tasks and closure of the case, and nothing changes", async () => {
    const c = await newCase();
    const a = (await attempt(fkA, c.id, { channel: 'home_visit', plannedOn: '2026-11-24' })).json();
    const task = (await fkA.post('/api/v1/tasks', { caseId: c.id, title: 'Unterlagen', dueOn: '2026-11-24' })).json();
    const version = await caseVersion(c.id);
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/cases/${c.id}/contact-attempts`],
      ['POST', `/api/v1/cases/${c.id}/contact-attempts`, { channel: 'phone', attemptedAt: '2026-11-20T10:00:00Z', outcome: 'reached' }],
      ['PATCH', `/api/v1/contact-attempts/${a.id}`, { version: a.version, attemptedAt: '2026-11-20T10:00:00Z', outcome: 'reached' }],
      ['GET', `/api/v1/cases/${c.id}/record`],
      ['POST', `/api/v1/cases/${c.id}/notes`, { notedOn: '2026-11-20', text: 'fremd' }],
      ['GET', `/api/v1/cases/${c.id}/tasks`],
      ['POST', '/api/v1/tasks', { caseId: c.id, title: 'fremd', dueOn: '2026-11-24' }],
      ['PATCH', `/api/v1/tasks/${task.id}`, { version: task.version, done: true }],
      ['GET', `/api/v1/cases/${c.id}/closure`],
      ['POST', `/api/v1/cases/${c.id}/close`, { version, outcome: 'other', causes: [], note: 'fremd' }],
      ['POST', `/api/v1/cases/${c.id}/reopen`, { version, reason: 'fremd' }],
    ];
    for (const [method, url, body] of calls) {
      const res = await fkB.request(method, url, body);
      expect([res.statusCode, res.json().error?.code], `${method} ${url}: ${res.body}`).toEqual([404, 'not_found']);
    }
    expect((await fkB.get('/api/v1/outreach/home-visits?date=2026-11-24&scope=team')).json().count).toBe(0);
    expect((await fkB.get('/api/v1/tasks?scope=team&status=all')).json().items.map((x: any) => x.id)).not.toContain(task.id);
    const row = await caseRow(c.id);
    expect([row.status, row.version, row.first_contact_attempt_at]).toEqual(['new', version, null]);
    const stillPlanned = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('contact_attempts').select(['version', 'outcome']).where('id', '=', a.id).executeTakeFirstOrThrow());
    expect(stillPlanned).toEqual({ version: 1, outcome: null });
  });

  it('the reach of the organisation and per caseworker', async () => {
    const res = await tlA.get('/api/v1/outreach/reach?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.organisation.cases).toBeGreaterThan(5);
    expect(body.organisation.reached).toBeGreaterThan(0);
    expect(body.organisation.reached).toBeLessThan(body.organisation.cases);
    expect(body.organisation.shareReached).toBeCloseTo(body.organisation.reached / body.organisation.cases);
    expect(body.byAssignee.reduce((n: number, g: any) => n + g.figures.cases, 0)).toBe(body.organisation.cases);
    // B's organisation has no cases in this file: its figures are its own, empty.
    expect((await fkB.get('/api/v1/outreach/reach')).json().organisation).toMatchObject({ cases: 0, shareReached: null });
    const reversed = await tlA.get('/api/v1/outreach/reach?from=2026-12-01&to=2026-11-01');
    expect([reversed.statusCode, fieldsOf(reversed)]).toEqual([422, ['from']]);
  });
});

async function userId(email: string) {
  return (await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow())).id;
}
