import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeResult } from '../../../contracts/intake.js';
import { SearchResult } from '../../../contracts/search.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, testClock, uniqueSuffix, type Client, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';

let t: TestApp;
let fkA: Client;
let fkB: Client;

/** A made-up word (no real name, no near-spelling of one), so the tests' persons are the only hits. */
const word = () => {
  const s = Array.from(uniqueSuffix() + uniqueSuffix(), (c) => 'bdfgklmnprstvz'[parseInt(c, 16) % 14] + 'aeiou'[parseInt(c, 16) % 5]).join('');
  return s[0].toUpperCase() + s.slice(1, 8);
};

interface World {
  /** A's case: two tenants with umlauts, ß and Turkish letters, a court file number, a street of its own. */
  a1: { id: string; caseNumber: string; surname: string; street: string; fileNumber: string };
  /** A's closed case of "Anna Meier<tag>". */
  a2: { id: string; surname: string };
  /** B's case: the same name, street and file number as a1, in B's area. */
  b1: { id: string };
  /** A's merged pair: the merged record's case and the survivor's. */
  merge: { survivorId: string; mergedId: string; survivorCase: string; mergedCase: string; mergedSpelling: string; survivorName: string };
}
let w: World;

async function court(tenants: Record<string, unknown>[], address: Record<string, string>, fileNumber: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: { authorization: 'Bearer demo-court-key', 'content-type': 'application/json' },
    payload: JSON.stringify({
      externalId: `AG-${uniqueSuffix()}`, kind: 'court_eviction_suit', receivedOn: '2026-02-05', tenants, address,
      court: { name: 'Amtsgericht Musterstadt', fileNumber, servedOn: '2026-02-03' },
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const r = NoticeResult.parse(res.json());
  const c = await unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('notices as n').innerJoin('cases as c', 'c.id', 'n.case_id').select(['c.id', 'c.case_number']).where('n.id', '=', r.id).executeTakeFirstOrThrow(),
  );
  return { result: r, caseId: c.id, caseNumber: c.case_number };
}

beforeAll(async () => {
  t = await createTestApp({}, testClock(new Date('2026-02-20T09:00:00Z')));
  await seedDemo(t.db);
  fkA = await login(t.app, 'fk.a@demo.test', DEMO_PASSWORD);
  fkB = await login(t.app, 'fk.b@demo.test', DEMO_PASSWORD);

  const surname = `Weißgärber${word().toLowerCase()}`;
  const street = `${word()}weg`;
  const fileNumber = `12 C ${Math.floor(1000 + Math.random() * 8000)}/26`;
  const a1 = await court(
    [{ firstName: 'Jürgen', lastName: surname, birthDate: '1961-04-03', servedOn: '2026-02-03' }, { firstName: 'Ayşe', lastName: `Yıldırım${word().toLowerCase()}`, birthDate: '1970-01-02' }],
    { street, houseNumber: '17', postalCode: '05101', city: 'Musterstadt' },
    fileNumber,
  );
  const meier = `Meier${word().toLowerCase()}`;
  const a2 = await court([{ firstName: 'Anna', lastName: meier, birthDate: '1955-05-05' }], { street: `${word()}allee`, houseNumber: '3', postalCode: '05102', city: 'Musterstadt' }, `3 C ${uniqueSuffix()}/26`);
  await unsafeInternalTx(t.db, null, (tx) => tx.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', a2.caseId).execute());
  const b1 = await court([{ firstName: 'Jürgen', lastName: surname, birthDate: '1961-04-03' }], { street, houseNumber: '17', postalCode: '05140', city: 'Ahrensberg' }, fileNumber);
  expect(b1.result.assignedTo.orgName).toBe('Sozialwerk Ahrensberg gGmbH');

  // Two records of one person (the second without birth date, elsewhere): a review, merged; the
  // merged record is then given another spelling, as another channel might have written it.
  const lotte = `Brömmelkamp${word().toLowerCase()}`;
  const first = await court([{ firstName: 'Liselotte', lastName: lotte, birthDate: '1950-01-01' }], { street: `${word()}gasse`, houseNumber: '5', postalCode: '05101', city: 'Musterstadt' }, `4 C ${uniqueSuffix()}/26`);
  const second = await court([{ firstName: 'Liselotte', lastName: lotte }], { street: `${word()}gasse`, houseNumber: '9', postalCode: '05101', city: 'Musterstadt' }, `4 C ${uniqueSuffix()}/26`);
  expect(second.result.persons[0].match).toBe('review');
  const review = await unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('match_reviews').select('id').where('person_id', '=', second.result.persons[0].id).executeTakeFirstOrThrow(),
  );
  const merged = await fkA.post(`/api/v1/match-reviews/${review.id}/merge`);
  expect(merged.statusCode, merged.body).toBe(200);
  const mergedSpelling = `Lieselotte ${lotte.replace('ö', 'oe')}`;
  await unsafeInternalTx(t.db, null, (tx) =>
    tx.db.updateTable('persons').set({ first_name: 'Lieselotte', last_name: lotte.replace('ö', 'oe') }).where('id', '=', second.result.persons[0].id).execute(),
  );

  w = {
    a1: { id: a1.caseId, caseNumber: a1.caseNumber, surname, street, fileNumber },
    a2: { id: a2.caseId, surname: meier },
    b1: { id: b1.caseId },
    merge: {
      survivorId: first.result.persons[0].id, mergedId: second.result.persons[0].id, survivorCase: first.caseId, mergedCase: second.caseId,
      mergedSpelling, survivorName: `Liselotte ${lotte}`,
    },
  };
});
afterAll(() => t.close());

async function search(client: Client, q: string, extra = '') {
  const res = await client.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return SearchResult.parse(res.json());
}
const idsOf = (r: SearchResult) => r.items.map((i) => i.id);

describe(`case search (${engineName()})`, () => {
  it('finds a name however it is spelt: typos, umlauts spelt out or dropped, ß, swapped first and last name', async () => {
    const s = w.a1.surname; // "Weißgärber…"
    const variants: [string, string][] = [
      [`Jürgen ${s}`, 'exact'],
      [`Juergen ${s.replace('ß', 'ss').replace('ä', 'ae')}`, 'exact'],
      [`${s}, Jürgen`, 'exact'],
      [`Jurgen ${s.replace('ß', 's').replace('ä', 'a')}`, 'spelling'],
      [`Jügren ${s.replace('ß', 'ss')}`, 'similar'], // letters swapped: not the same sound either
      [s.slice(0, -2), 'prefix'],
    ];
    for (const [q, quality] of variants) {
      const r = await search(fkA, q);
      expect(r.criteria, q).toEqual(['name']);
      expect(r.items[0]?.id, `${q}: ${JSON.stringify(r.items.slice(0, 3))}`).toBe(w.a1.id);
      const m = r.items[0].matches.find((x) => x.field === 'name')!;
      expect([q, m.quality]).toEqual([q, quality]);
      expect(m.value).toBe(`Jürgen ${s}`);
    }
  });

  it('folds accents and Turkish letters; finds spelling variants (Meyer/Meier); closed cases are included and marked', async () => {
    const ayse = await search(fkA, 'Ayse Yildirim');
    // The surname has a suffix of its own here; the typed words are a prefix of it.
    expect(idsOf(ayse)).toContain(w.a1.id);
    const anna = await search(fkA, `Ana ${w.a2.surname.replace('Meier', 'Meyer')}`);
    expect(anna.items[0]).toMatchObject({ id: w.a2.id, closed: true, status: 'closed' });
    expect(anna.items[0].matches[0]).toMatchObject({ field: 'name', quality: 'spelling' });
  });

  it('a merged record resolves to its survivor, and the survivor brings all its cases', async () => {
    const r = await search(fkA, w.merge.mergedSpelling);
    expect(idsOf(r)).toEqual(expect.arrayContaining([w.merge.survivorCase, w.merge.mergedCase]));
    for (const hit of r.items.filter((i) => [w.merge.survivorCase, w.merge.mergedCase].includes(i.id))) {
      expect(hit.matches[0]).toMatchObject({ field: 'name', quality: 'exact', personId: w.merge.survivorId, viaMergedRecord: true, value: w.merge.survivorName });
    }
  });

  it('finds file numbers: the internal case number (also shortened) and the court file number however typed', async () => {
    const [year, serial] = w.a1.caseNumber.split('-');
    for (const q of [w.a1.caseNumber, `${year}-${Number(serial)}`]) {
      const r = await search(fkA, q);
      expect([q, r.criteria, idsOf(r)]).toEqual([q, ['caseNumber'], [w.a1.id]]);
      expect(r.items[0].matches).toEqual([{ field: 'caseNumber', quality: 'exact', value: w.a1.caseNumber, personId: null, viaMergedRecord: false }]);
    }
    const court = await search(fkA, w.a1.fileNumber.replace(/ /g, '').toLowerCase().replace('/26', '/2026'));
    expect([court.criteria, idsOf(court)]).toEqual([['courtFileNumber'], [w.a1.id]]);
    expect(court.items[0].courtFileNumber).toBe(w.a1.fileNumber);
  });

  it('finds addresses: street and house number (with a typo), postal code, town; name and address together narrow', async () => {
    const exact = await search(fkA, `${w.a1.street} 17`);
    expect([exact.criteria, idsOf(exact)]).toEqual([['street', 'houseNumber'], [w.a1.id]]);
    const typo = await search(fkA, `${w.a1.street.slice(0, 3)}${w.a1.street.slice(4)} 17, 05101 Musterstadt`);
    expect(typo.criteria).toEqual(['street', 'houseNumber', 'postalCode', 'city']);
    expect(idsOf(typo)).toEqual([w.a1.id]);
    expect(typo.items[0].matches.map((m) => [m.field, m.quality])).toEqual([['street', 'similar'], ['houseNumber', 'exact'], ['postalCode', 'exact'], ['city', 'exact']]);
    // Name plus a street where the person does not live: nothing; with the right one: the case.
    expect(idsOf(await search(fkA, `${w.a1.surname} Birkenweg 99`))).toEqual([]);
    expect(idsOf(await search(fkA, `${w.a1.surname} ${w.a1.street} 17`))).toEqual([w.a1.id]);
    const postal = await search(fkA, '05102');
    expect(postal.criteria).toEqual(['postalCode']);
    expect(idsOf(postal)).toContain(w.a2.id);
  });

  it('pages through many hits', async () => {
    const first = await search(fkA, 'Musterstadt', '&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const second = await search(fkA, 'Musterstadt', '&limit=2&offset=2');
    expect(idsOf(second).some((id) => idsOf(first).includes(id))).toBe(false);
    expect(first.items[0].matches[0]).toMatchObject({ field: 'city', value: 'Musterstadt' });
  });

  it("never returns another organisation's cases, by name, address or file number", async () => {
    for (const q of [`Jürgen ${w.a1.surname}`, `${w.a1.street} 17`, w.a1.fileNumber]) {
      const a = await search(fkA, q);
      const b = await search(fkB, q);
      expect([q, idsOf(a)]).toEqual([q, [w.a1.id]]);
      expect([q, idsOf(b)]).toEqual([q, [w.b1.id]]);
    }
    expect(idsOf(await search(fkB, w.a1.caseNumber))).toEqual([]);
  });

  it('row-level security blocks the other organisation too, and the candidate functions return nothing without a tenant', async () => {
    const orgs = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('organisations').select(['id', 'name']).execute());
    const orgB = orgs.find((o) => o.name === 'Sozialwerk Ahrensberg gGmbH')!;
    const actorB = { userId: '00000000-0000-4000-8000-000000000000', email: 'x', orgId: orgB.id, globalAdmin: false, permissions: new Set() } as unknown as Actor;
    const personA = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('case_tenants').select('person_id').where('case_id', '=', w.a1.id).executeTakeFirstOrThrow(),
    );
    await inTenantTx(t.db, actorB, null, async (tx) => {
      // A's rows are invisible to B's context even when asked for by id.
      expect(await tx.db.selectFrom('persons').select('id').where('id', '=', personA.person_id).execute()).toEqual([]);
      expect(await tx.db.selectFrom('cases').select('id').where('id', '=', w.a1.id).execute()).toEqual([]);
      const folded = `juergen ${w.a1.surname.toLowerCase().replace('ß', 'ss').replace('ä', 'ae')}`;
      const ids = (await sql<{ person_id: string }>`select person_id from search_person_candidates(${folded}, ${folded}, 0.5, 100)`.execute(tx.db)).rows.map((r) => r.person_id);
      expect(ids).not.toContain(personA.person_id);
      expect(ids.length).toBe(1); // B's own Jürgen
    });
    // Outside a tenant transaction (no app.org_id) the functions find nothing, even as the owner.
    const none = await unsafeInternalTx(t.db, null, (tx) => sql<{ person_id: string }>`select person_id from search_person_candidates('juergen', 'iurgen', 0.3, 100)`.execute(tx.db));
    expect(none.rows).toEqual([]);
  });

  it('audits every search with the cases shown, without the name typed', async () => {
    const q = `Jürgen ${w.a1.surname}`;
    const r = await search(fkA, q);
    const entry = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select(['action', 'details', 'entity_type']).where('action', '=', 'case.search').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow(),
    );
    expect(entry).toMatchObject({ action: 'case.search', entity_type: 'case', details: { criteria: ['name'], results: r.items.length, ids: idsOf(r) } });
    const text = JSON.stringify(entry.details).toLowerCase();
    for (const part of ['juergen', 'jürgen', w.a1.surname.toLowerCase(), 'weissgaerber']) expect(text).not.toContain(part);
    // File numbers are record keys and are kept.
    await search(fkA, w.a1.caseNumber);
    const byNumber = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('audit_log').select('details').where('action', '=', 'case.search').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow(),
    );
    expect(byNumber.details).toMatchObject({ criteria: ['caseNumber'], caseNumber: w.a1.caseNumber, ids: [w.a1.id] });
  });

  it('refuses entries with nothing to search by, field by field, in the caller\'s language', async () => {
    for (const [qs, field] of [['q=!!', 'q'], ['q=12', 'q'], ['', 'q'], ['q=a', 'q'], [`q=${'x'.repeat(101)}`, 'q'], ['q=M%00ller', 'q'], ['q=Meier&limit=0', 'limit'], ['q=Meier&offset=-1', 'offset']] as const) {
      const res = await fkA.request('GET', `/api/v1/search?${qs}`, undefined, { 'accept-language': 'en' });
      expect([qs, res.statusCode]).toEqual([qs, 400]);
      const e = res.json().error;
      expect(e.code).toBe('validation_failed');
      expect(e.fields.map((f: { path: string }) => f.path)).toContain(field);
      expect(e.fields[0].message).not.toMatch(/^field\./);
    }
  });
});
