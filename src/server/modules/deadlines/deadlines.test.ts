import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_CASES } from '../../../domain/deadlines/domain-cases.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/deadlines/schonfrist?${query}` });

describe(`GET /api/v1/deadlines/schonfrist (${engineName()})`, () => {
  it.each(DOMAIN_CASES)('%s: served %j → raw %s, skips %j → %s', async (_id, servedOn, raw, skipped, end) => {
    const res = await get(servedOn.map((d) => `servedOn=${d}`).join('&') + '&state=NW');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.end).toBe(end);
    expect(body.rawEnd).toBe(raw);
    expect(body.state).toBe('NW');
    expect(body.basis).toMatch(/§ 569 Abs\. 3 Nr\. 2 BGB/);
    expect(body.shifts.map((s: { date: string; reason: string }) => `${s.date} ${s.reason}`)).toEqual(skipped);
  });

  it('defaults to North Rhine-Westphalia and knows other Länder (Fronleichnam is no holiday in Lower Saxony)', async () => {
    expect((await get('servedOn=2026-04-04')).json()).toMatchObject({ end: '2026-06-05', state: 'NW' });
    expect((await get('servedOn=2026-04-04&state=NI')).json()).toMatchObject({ end: '2026-06-04', state: 'NI' });
  });

  it.each([
    ['servedOn=2026-02-30', 'servedOn'],
    ['servedOn=03.02.2026', 'servedOn'],
    ['', 'servedOn'],
    ['servedOn=2026-02-03&state=XX', 'state'],
  ])('bad input %j → 400 naming %s', async (query, field) => {
    const res = await get(query);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path.split('.')[0])).toContain(field);
  });
});
