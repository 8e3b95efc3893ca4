import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, within } from '@testing-library/react';
import type { AdequacyCheck } from '../../../contracts/housing';
import type { Measure } from '../../../contracts/measures';
import type { Permission } from '../../../contracts/roles';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { emptyFile } from '../casefile/fixtures';
import type { CaseSummary } from '../cases/types';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const CASE_ID = '66666666-6666-4666-8666-666666666666';

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const summary: CaseSummary = {
  id: CASE_ID,
  caseNumber: '2026-000042',
  status: 'open',
  version: 3,
  receivedOn: '2026-02-04',
  firstContactDue: '2026-02-09',
  assignee: null,
  location: null,
  routingNote: null,
  household: { id: '88888888-8888-4888-8888-888888888888', address: { street: 'Lindenstraße', houseNumber: '5', postalCode: '05101', city: 'Musterstadt' }, size: 2, children: 0 },
  tenants: [{ personId: '77777777-7777-4777-8777-777777777777', firstName: 'Wiebke', lastName: 'Walkin', birthDate: null, servedOn: null }],
  legal: {
    landlord: null, monthlyRent: 690, arrears: 1380, terminationType: 'without_notice', terminationReceivedOn: null, courtName: null, courtFileNumber: null,
    suitFiledOn: null, hearingOn: null, judgmentOn: null, judgmentFinalOn: null, raeumungsfristEnd: null, evictionOn: null, earlierCuredTerminations: [],
  },
  file: emptyFile({ tenancy: { landlord: null, baseRent: 480, serviceCharges: 120, heatingCosts: 90, totalRent: 690, tenancyStart: null, floorArea: 72 } }),
  deadlines: [],
  notices: [],
};

const measure = (over: Partial<Measure>): Measure => ({
  id: '99999999-9999-4999-8999-999999999991',
  caseId: CASE_ID,
  type: { id: '99999999-9999-4999-8999-999999999900', key: 'rent_debt_assumption', label: 'Mietschuldenübernahme' },
  category: 'rent_debt_assumption',
  status: 'applied',
  startedOn: '2026-11-02',
  dueOn: null,
  completedOn: null,
  amount: null,
  counterpart: null,
  note: null,
  rentDebt: {
    status: 'applied', amount: 1380, body: 'jobcenter', form: 'loan', reasoning: null, decidingOrg: { id: '33333333-3333-4333-8333-333333333333', name: 'Jobcenter Musterkreis' },
    submittedAt: '2026-11-02T09:00:00.000Z', decision: null, commitmentOn: null, schonfristEnd: null, schonfristEstimate: false, warningDays: 7, warnings: [],
  },
  version: 1,
  ...over,
});

const counselling = measure({
  id: '99999999-9999-4999-8999-999999999992',
  type: { id: '99999999-9999-4999-8999-999999999901', key: 'referral_debt_counselling', label: 'Schuldnerberatung' },
  category: 'referral',
  status: 'planned',
  rentDebt: null,
});

const tooHigh: AdequacyCheck = {
  verdict: 'rent_too_high',
  householdSize: 2,
  grossColdRent: 600,
  rentLimit: 520.3,
  rentExcess: 79.7,
  floorArea: 72,
  areaLimit: 65,
  areaAboveLimit: true,
  areaName: 'Kreisstadt',
  tableValidFrom: '2025-01-01',
};

function server(permissions: Permission[], check: FakeResponse, asked: string[] = []) {
  fakeServer({
    'GET /config': ok(publicConfig),
    'GET /auth/session': ok(makeSession({ roles: ['finance'], permissions: ['cases.read', 'measures.decide', ...permissions] })),
    [`GET /cases/${CASE_ID}`]: ok(summary),
    [`GET /cases/${CASE_ID}/measures`]: ok({ items: [measure({}), counselling] }),
    [`GET /cases/${CASE_ID}/adequacy`]: () => {
      asked.push('adequacy');
      return check;
    },
  });
}

describe('measures panel: the adequacy check beside a rent-debt assumption', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('shows verdict, limit, excess and the floor-area note next to the rent-debt assumption only; no axe violations', async () => {
    const asked: string[] = [];
    server(['housing.read'], ok(tooHigh), asked);
    renderApp(`/cases/${CASE_ID}?tab=measures`);
    const card = await screen.findByRole('region', { name: /^Mietschuldenübernahme/ });
    const check = await within(card).findByRole('region', { name: 'Angemessenheit der Miete' });
    const text = (check.textContent ?? '').replace(/\s/g, ' ');
    expect(within(check).getByText('über der Grenze')).toBeTruthy();
    expect(text).toContain('Die Bruttokaltmiete von 600,00 € liegt 79,70 € über der Grenze von 520,30 € für 2 Personen.');
    expect(text).toContain('Kreisstadt, gültig ab 01.01.2025');
    expect(text).toContain('Die Wohnfläche von 72 m² liegt über der angemessenen Fläche von 65 m².');
    const other = screen.getByRole('region', { name: /^Vermittlung: Schuldnerberatung/ });
    expect(within(other).queryByRole('region', { name: 'Angemessenheit der Miete' })).toBeNull();
    expect(asked).toEqual(['adequacy']);
    await expectNoViolations();
  });

  it('an adequate rent says so, without a floor-area note', async () => {
    server(['housing.read'], ok({ ...tooHigh, verdict: 'adequate', grossColdRent: 500, rentExcess: -20.3, floorArea: 60, areaAboveLimit: false }));
    renderApp(`/cases/${CASE_ID}?tab=measures`);
    const check = await screen.findByRole('region', { name: 'Angemessenheit der Miete' });
    await within(check).findByText('angemessen');
    expect((check.textContent ?? '').replace(/\s/g, ' ')).toContain('Die Bruttokaltmiete von 500,00 € liegt innerhalb der Grenze von 520,30 € für 2 Personen.');
    expect(check.textContent).not.toContain('Hinweis zur Wohnfläche');
  });

  it('without housing.read there is no check and no request for it', async () => {
    const asked: string[] = [];
    server([], ok(tooHigh), asked);
    renderApp(`/cases/${CASE_ID}?tab=measures`);
    await screen.findByRole('region', { name: /^Mietschuldenübernahme/ });
    expect(screen.queryByRole('region', { name: 'Angemessenheit der Miete' })).toBeNull();
    expect(asked).toEqual([]);
  });

  it('a failed check is said in words, the measure stays usable', async () => {
    server(['housing.read'], { status: 404, body: { error: { code: 'not_found', message: 'Nicht gefunden.', requestId: 't' } } });
    renderApp(`/cases/${CASE_ID}?tab=measures`);
    const check = await screen.findByRole('region', { name: 'Angemessenheit der Miete' });
    expect((await within(check).findByRole('alert')).textContent).toBe('Die Angemessenheit konnte nicht geprüft werden: Nicht gefunden.');
  });
});
