import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeResult } from '../../../contracts/intake.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';

let t: TestApp;
let fkA: Client;

beforeAll(async () => {
  t = await createTestApp({}, testClock(new Date('2026-03-02T09:00:00Z')));
  await seedDemo(t.db);
  fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
});
afterAll(() => t.close());

const letters = () => Array.from(uniqueSuffix() + uniqueSuffix(), (c) => 'bdfgklmnprstvz'[parseInt(c, 16) % 14] + 'aeiou'[parseInt(c, 16) % 5]).join('');
const name = () => { const n = letters().slice(0, 9); return n[0].toUpperCase() + n.slice(1); };

async function notice(tenant: Record<string, unknown>, houseNumber = '7') {
  const res = await fkA.post('/api/v1/notices', {
    externalId: `T-${uniqueSuffix()}`,
    kind: 'landlord_notice',
    receivedOn: '2026-03-01',
    tenants: [tenant],
    address: { street: 'Am Markt', houseNumber, postalCode: '05101', city: 'Musterstadt' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return NoticeResult.parse(res.json());
}

const reviewFor = async (personId: string) =>
  (await fkA.get('/api/v1/match-reviews')).json().items.find((r: { person: { id: string } }) => r.person.id === personId);

describe(`person matching decisions (${engineName()})`, () => {
  it('a doubtful second record goes to the review queue with both records side by side', async () => {
    const surname = name();
    const a = await notice({ firstName: 'Marta', lastName: surname, birthDate: '1975-06-01' });
    // No birth date and another address: the engine may not link this on its own.
    const b = await notice({ firstName: 'Marta', lastName: surname }, '99');
    expect(b.persons[0].match).toBe('review');
    const review = await reviewFor(b.persons[0].id);
    expect(review.candidate).toMatchObject({ id: a.persons[0].id, firstName: 'Marta', lastName: surname, birthDate: '1975-06-01' });
    expect(review.person).toMatchObject({ id: b.persons[0].id, birthDate: null });
    expect(review.reasons.length).toBeGreaterThan(0);
  });

  it('merge points the new record at the existing one; split restores both and remembers the decision', async () => {
    const surname = name();
    const a = await notice({ firstName: 'Olga', lastName: surname, birthDate: '1969-11-20' });
    const b = await notice({ firstName: 'Olga', lastName: surname }, '98');
    const review = await reviewFor(b.persons[0].id);
    const merged = await fkA.post(`/api/v1/match-reviews/${review.id}/merge`);
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ survivorId: a.persons[0].id, mergedId: b.persons[0].id });
    const row = () => unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('persons').select('merged_into').where('id', '=', b.persons[0].id).executeTakeFirstOrThrow());
    expect((await row()).merged_into).toBe(a.persons[0].id);
    // Deciding twice is refused.
    expect((await fkA.post(`/api/v1/match-reviews/${review.id}/distinct`)).statusCode).toBe(409);
    // A later notice spelt like the merged record finds the surviving person.
    const c = await notice({ firstName: 'Olga', lastName: surname, birthDate: '1969-11-20' }, '98');
    expect(c.persons[0]).toEqual({ id: a.persons[0].id, match: 'linked' });

    expect((await fkA.post(`/api/v1/person-merges/${merged.json().mergeId}/split`)).statusCode).toBe(200);
    expect((await row()).merged_into).toBeNull();
    const pair = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('person_distinct_pairs').selectAll().execute());
    expect(pair.some((p) => [p.person_a, p.person_b].sort().join() === [a.persons[0].id, b.persons[0].id].sort().join())).toBe(true);
    const audit = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select('action').where('action', 'in', ['person.merge', 'person.split']).where('entity_id', '=', a.persons[0].id).execute(),
    );
    expect(audit.map((x) => x.action).sort()).toEqual(['person.merge', 'person.split']);
  });

  it('"not the same person" is stored and the review leaves the queue', async () => {
    const surname = name();
    await notice({ firstName: 'Jan', lastName: surname, birthDate: '1990-01-15' });
    const b = await notice({ firstName: 'Jan', lastName: surname }, '97');
    const review = await reviewFor(b.persons[0].id);
    expect((await fkA.post(`/api/v1/match-reviews/${review.id}/distinct`)).statusCode).toBe(200);
    expect(await reviewFor(b.persons[0].id)).toBeUndefined();
  });
});
