import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeResult } from '../../../contracts/intake.js';
import { createTestApp, testClock, uniqueSuffix, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { seedDemo } from '../demo/seed.js';

/**
 * The tenant's phone number takes part in person matching (domain/matching): a shared number puts
 * two notices in one household, which settles a birth-date typo after a move.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, testClock(new Date('2026-02-20T09:00:00Z')));
  await seedDemo(t.db);
});
afterAll(() => t.close());

/** A surname nobody else in the demo data or this file has. */
function uniqueSurname() {
  const letters = 'bcdfghklmnprstvwz';
  const hex = uniqueSuffix() + uniqueSuffix();
  let s = '';
  for (let i = 0; i < 10; i++) s += letters[parseInt(hex.slice(i, i + 2), 16) % letters.length] + 'aeiou'[i % 5];
  return s[0].toUpperCase() + s.slice(1);
}

const post = async (key: string, body: unknown) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  expect(res.statusCode).toBe(201);
  return NoticeResult.parse(res.json());
};

describe(`person matching with phone numbers (${engineName()})`, () => {
  // The first notice, then another channel's notice after a move to another street with the birth
  // year mistyped: a namesake born the same day a decade later looks like that too. Every scenario
  // has its own people and numbers (the same first name, birth date, address and phone with
  // another surname would rightly be linked as a marriage).
  let n = 0;
  const scenario = async (phones: [string, string] | null) => {
    const lastName = uniqueSurname();
    const day = String(10 + ++n).padStart(2, '0');
    const tenant = (birthDate: string, phone?: string) => ({ firstName: 'Erika', lastName, birthDate, ...(phone ? { phone } : {}) });
    const first = await post('demo-court-key', {
      externalId: `AG-${uniqueSuffix()}`,
      kind: 'court_eviction_suit',
      receivedOn: '2026-02-05',
      tenants: [tenant(`1961-04-${day}`, phones?.[0])],
      address: { street: 'Lindenstraße', houseNumber: '5', postalCode: '05101', city: 'Musterstadt' },
    });
    const second = await post('demo-jobcenter-key', {
      externalId: `JC-${uniqueSuffix()}`,
      kind: 'jobcenter_warning',
      receivedOn: '2026-02-10',
      tenants: [tenant(`1971-04-${day}`, phones?.[1])],
      address: { street: 'Birkenweg', houseNumber: '3', postalCode: '05101', city: 'Musterstadt' },
    });
    return { first: first.persons[0], second: second.persons[0] };
  };

  it('links a tenant who moved, with the birth date mistyped, when both notices give the same phone number', async () => {
    const { first, second } = await scenario(['0171 2345678', '+49 171 2345678']);
    expect(second).toEqual({ id: first.id, match: 'linked' });
  });

  it('asks a caseworker when the phone number is missing or another', async () => {
    expect((await scenario(null)).second.match).toBe('review');
    expect((await scenario(['0171 3456789', '0160 9876543'])).second.match).toBe('review');
  });
});
