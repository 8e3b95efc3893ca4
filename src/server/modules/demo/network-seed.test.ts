import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { createTestApp, login, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { DEMO_AGREEMENTS, DEMO_MEETINGS, seedDemoNetwork } from './network-seed.js';
import { seedDemo } from './seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db);
  // seedDemo seeds on the real clock; this suite wants the test clock's day, so it seeds anew.
  await unsafeInternalTx(t.db, null, async (tx) => {
    await tx.db.deleteFrom('network_meetings').execute();
    await tx.db.deleteFrom('partner_agreements').execute();
  });
  await seedDemoNetwork(t.db, t.clock.now());
});
afterAll(() => t?.close());

describe(`demo network work (${engineName()})`, () => {
  it('has past meetings with minutes, upcoming ones with an agenda, actions in every state and agreements in every state', async () => {
    const tl = await login(t.app, 'tl.a@demo.test', DEMO_PASSWORD);
    const upcoming = (await tl.get('/api/v1/network/meetings?timing=upcoming')).json().items;
    const past = (await tl.get('/api/v1/network/meetings?timing=past')).json().items;
    expect(upcoming.length + past.length).toBe(DEMO_MEETINGS.length);
    expect(past.every((m: { hasMinutes: boolean; status: string }) => m.hasMinutes && m.status === 'held')).toBe(true);
    expect(upcoming.map((m: { status: string }) => m.status).sort()).toEqual(['cancelled', 'planned']);
    // The Wohnhilfe's team lead edits the Wohnhilfe's working group, not the Fachstelle's meetings.
    expect(past.filter((m: { mayEdit: boolean }) => m.mayEdit).map((m: { kind: string }) => m.kind)).toEqual(['working_group']);

    const actions = (await tl.get('/api/v1/network/actions?status=all')).json().items;
    expect(new Set(actions.map((a: { state: string }) => a.state))).toEqual(new Set(['done', 'overdue', 'due_soon', 'open']));
    const own = (await tl.get('/api/v1/network/actions?responsible=own')).json().items;
    expect(own.map((a: { text: string }) => a.text)).toEqual([expect.stringContaining('Gegenlesen')]);

    const agreements = (await tl.get('/api/v1/network/agreements')).json();
    expect(agreements.items).toHaveLength(DEMO_AGREEMENTS.length);
    expect(agreements.counts).toEqual({ expiring: 1, active: 2, upcoming: 0, expired: 1 });

    const detail = (await tl.get(`/api/v1/network/meetings/${past.find((m: { kind: string }) => m.kind === 'steering_group').id}`)).json();
    expect(detail.attendance).toEqual({ present: 5, absent: 2, unknown: 0 });
    expect(detail.participantList.map((p: { organisation: { kind: string } | null }) => p.organisation?.kind)).toContain('directory');
  });

  it('is seeded once: a second run adds nothing', async () => {
    const count = () => unsafeInternalTx(t.db, null, async (tx) => (await tx.db.selectFrom('network_meetings').select('id').execute()).length);
    const before = await count();
    await seedDemoNetwork(t.db, t.clock.now());
    await seedDemo(t.db);
    expect(await count()).toBe(before);
  });
});
