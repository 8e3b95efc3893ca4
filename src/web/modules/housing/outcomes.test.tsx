import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { FollowUp, HousingOutcomes } from '../../../contracts/housing';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { monthStart } from './brokerage';
import { todayIso } from '../deadlines/dates';
import { IDS } from './fixtures';

vi.setConfig({ testTimeout: 90_000 });
configure({ asyncUtilTimeout: 30_000 });

if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => {}, removeEventListener: () => {} } });

const ok = (body: unknown): FakeResponse => ({ status: 200, body });

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const outcomes = (from: string, to: string): HousingOutcomes => ({
  from,
  to,
  placementsPerMonth: [
    { month: '2026-09', placements: 2 },
    { month: '2026-10', placements: 0 },
    { month: '2026-11', placements: 4 },
  ],
  daysToLease: { count: 6, median: 143, q1: 98.5, q3: 201 },
  sustainment: [
    { months: 6, due: 5, checked: 4, inPlace: 3 },
    { months: 12, due: 2, checked: 0, inPlace: 0 },
  ],
});

const followUp = (over: Partial<FollowUp> = {}): FollowUp => ({
  proposalId: IDS.proposal,
  caseId: IDS.caseA,
  caseNumber: '2025-000117',
  householdName: 'Familie Demir',
  address: 'Birkenweg 12, 05101 Musterstadt',
  months: 6,
  dueOn: '2026-06-01',
  inPlace: null,
  checkedOn: null,
  note: null,
  ...over,
});

function session(manage = true, language: 'de' | 'en' = 'de') {
  return makeSession({
    roles: ['caseworker'],
    permissions: ['cases.read', 'housing.read', ...(manage ? (['housing.manage'] as const) : [])],
    user: { ...makeSession().user, language },
  });
}

describe('brokerage outcomes', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('shows leases per month as a chart with its table, the days to lease and the tenancies after 6 and 12 months; the period goes to the server', async () => {
    const asked: string[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session()),
      'GET /housing/outcomes': ({ url }) => {
        const from = url.searchParams.get('from')!;
        const to = url.searchParams.get('to')!;
        asked.push(`${from}/${to}`);
        return ok(outcomes(from, to));
      },
      'GET /housing/follow-ups': ok({ items: [] }),
    });
    renderApp('/housing/outcomes');
    const table = await screen.findByRole('table', { name: '6 Mietverträge im Zeitraum' });
    // By default the last twelve months up to today.
    expect(asked[0]).toBe(`${monthStart(todayIso(), 11)}/${todayIso()}`);
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['Sept. 20262', 'Okt. 20260', 'Nov. 20264']);
    // The bars are for the eye only; the table carries the figures for everyone.
    const chart = screen.getByTestId('placements-chart');
    expect(chart.getAttribute('aria-hidden')).toBe('true');
    expect(chart.children).toHaveLength(3);

    const days = screen.getByRole('region', { name: 'Dauer bis zum Mietvertrag' });
    expect(within(days).getByText('143 Tage')).toBeTruthy();
    expect(within(days).getByText('99 Tage')).toBeTruthy();
    expect(within(days).getByText('201 Tage')).toBeTruthy();

    const sustainment = screen.getByRole('table', { name: 'Fällige, erfolgte und positive Nachfragen' });
    const rows = within(sustainment).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.children).map((c) => c.textContent))).toEqual([
      ['6 Monaten', '5', '4', '3', '75 %'],
      ['12 Monaten', '2', '0', '0', '–'],
    ]);
    expect(screen.getByText('Keine fälligen oder kürzlich erledigten Nachfragen.')).toBeTruthy();
    await expectNoViolations();

    fireEvent.change(screen.getByLabelText('Von'), { target: { value: '2026-01-01' } });
    fireEvent.change(screen.getByLabelText('Bis'), { target: { value: '2026-06-30' } });
    await waitFor(() => expect(asked.at(-1)).toBe('2026-01-01/2026-06-30'));

    // A reversed period is named at the field and not asked for.
    const count = asked.length;
    fireEvent.change(screen.getByLabelText('Bis'), { target: { value: '2025-12-31' } });
    expect(await screen.findByText('„Bis“ liegt vor „Von“.')).toBeTruthy();
    expect(asked.length).toBe(count);
  });

  it('records a due follow-up: the household no longer lives in the flat, with the day and a note', async () => {
    const patches: { path: string; body: unknown }[] = [];
    let items = [followUp(), followUp({ proposalId: 'a0000000-0000-4000-8000-000000000031', caseNumber: '2025-000090', householdName: 'Herr Albers', months: 12, dueOn: '2026-10-01', inPlace: true, checkedOn: '2026-10-03' })];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session()),
      'GET /housing/outcomes': ({ url }) => ok(outcomes(url.searchParams.get('from')!, url.searchParams.get('to')!)),
      'GET /housing/follow-ups': () => ok({ items }),
      [`PATCH /housing/follow-ups/${IDS.proposal}/6`]: ({ body, url }) => {
        patches.push({ path: url.pathname, body });
        items = [followUp({ inPlace: false, checkedOn: (body as { checkedOn: string }).checkedOn, note: 'Ausgezogen zu Verwandten' }), items[1]];
        return ok(items[0]);
      },
    });
    renderApp('/housing/outcomes');
    const table = await screen.findByRole('table', { name: '2 Nachfragen, davon offen: 1' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0].textContent).toContain('überfällig');
    expect(within(rows[0]).getByRole('link', { name: '2025-000117' }).getAttribute('href')).toBe(`/cases/${IDS.caseA}?tab=housing`);
    expect(within(rows[1]).queryByRole('button')).toBeNull();
    expect(rows[1].textContent).toContain('wohnt noch dort');
    await expectNoViolations();

    fireEvent.click(within(rows[0]).getByRole('button', { name: 'Wohnt noch dort: nein – Familie Demir (2025-000117)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nachfrage nach 6 Monaten: Familie Demir' });
    expect((within(dialog).getByRole('radio', { name: 'nein' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(within(dialog).getByLabelText(/Nachgefragt am/), { target: { value: '2026-11-02' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Anmerkung' }), { target: { value: 'Ausgezogen zu Verwandten' } });
    await expectNoViolations();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern' }));
    await screen.findByText('Die Nachfrage ist vermerkt (Familie Demir).');
    expect(patches).toEqual([{ path: `/api/v1/housing/follow-ups/${IDS.proposal}/6`, body: { inPlace: false, checkedOn: '2026-11-02', note: 'Ausgezogen zu Verwandten' } }]);
    const after = await screen.findByRole('table', { name: '2 Nachfragen, davon offen: 0' });
    expect(within(after).getAllByRole('row')[1].textContent).toContain('wohnt nicht mehr dort');
  });

  it('in English, and without housing.manage the follow-ups are read only', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(false, 'en')),
      'GET /housing/outcomes': ({ url }) => ok({ ...outcomes(url.searchParams.get('from')!, url.searchParams.get('to')!), placementsPerMonth: [], daysToLease: { count: 0, median: null, q1: null, q3: null } }),
      'GET /housing/follow-ups': ok({ items: [followUp()] }),
    });
    renderApp('/housing/outcomes');
    await screen.findByRole('heading', { level: 1, name: 'Outcomes of housing brokerage' });
    expect(await screen.findByText('No lease was signed in the period.')).toBeTruthy();
    expect(screen.getByText('No months in the period.')).toBeTruthy();
    const table = await screen.findByRole('table', { name: '1 follow-up, open: 1' });
    expect(within(table).queryByRole('button')).toBeNull();
    expect(table.textContent).toContain('not checked yet');
    await expectNoViolations();
  });
});
