import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Accommodation, LongStay } from '../../../contracts/housing';
import type { AccommodationDetail } from './housingShared';
import type { Permission } from '../../../contracts/roles';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { registerTotals } from './ShelterPages';
import { longestFirst } from './LongStaysPage';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no font loading API; Mantine's autosizing textareas listen to it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => {}, removeEventListener: () => {} } });
}

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const ORG = '22222222-2222-4222-8222-222222222222';
const OTHER_ORG = '33333333-3333-4333-8333-333333333333';
const MUSTERSTADT = { id: '77777777-7777-4777-8777-777777777771', name: 'Musterstadt' };
const LINDENAU = { id: '77777777-7777-4777-8777-777777777772', name: 'Lindenau' };
const SHELTER = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1';
const HOSTEL = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2';
const REFUGEE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3';
const CASE = 'cccccccc-cccc-4ccc-8ccc-ccccccccccc1';

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function session(permissions: Permission[]) {
  return makeSession({ roles: ['caseworker'], permissions: ['organisations.read', 'municipalities.read', 'cases.read', ...permissions] });
}

const accommodation = (over: Partial<Accommodation> = {}): Accommodation => ({
  id: SHELTER,
  orgId: ORG,
  orgName: 'Fachstelle Musterkreis',
  kind: 'emergency_shelter',
  name: 'Notunterkunft Lindenweg',
  provider: 'Diakonie Musterland',
  street: 'Lindenweg',
  houseNumber: '12',
  postalCode: '05101',
  city: 'Musterstadt',
  municipality: MUSTERSTADT,
  places: 24,
  active: true,
  note: null,
  provisionType: 'short_term',
  providerType: 'municipality',
  welfareAssociation: null,
  occupancy: { households: 7, persons: 18, free: 6 },
  canEdit: true,
  version: 3,
  ...over,
});

const register = [
  accommodation(),
  accommodation({
    id: HOSTEL, kind: 'hostel', name: 'Pension Eichenhof', provider: null, street: null, houseNumber: null, postalCode: null, city: null,
    municipality: LINDENAU, places: 6, occupancy: { households: 3, persons: 7, free: -1 }, orgId: OTHER_ORG, orgName: 'Wohnhilfe Lindenau', canEdit: false, version: 1,
  }),
  accommodation({
    id: REFUGEE, kind: 'refugee_accommodation', name: 'Gemeinschaftsunterkunft Am Bahnhof', municipality: LINDENAU, places: 40, active: false,
    occupancy: { households: 0, persons: 0, free: 40 }, orgId: OTHER_ORG, orgName: 'Wohnhilfe Lindenau', canEdit: false, version: 2,
  }),
];

describe('shelter register', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('adds up places and free places of the active accommodations only, never counting an overfull one below zero', () => {
    expect(registerTotals(register)).toEqual({ places: 30, persons: 25, free: 6 });
    expect(registerTotals([])).toEqual({ places: 0, persons: 0, free: 0 });
  });

  it('lists every accommodation with its occupancy in words, filters by kind and municipality; no axe violations', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read'])),
      'GET /housing/accommodations': ok({ items: register }),
    });
    renderApp('/housing/shelters');
    const table = await screen.findByRole('table', { name: '3 Unterkünfte' });
    // The navigation's housing group, with this page marked as the current one.
    const housingNav = screen.getByRole('list', { name: 'Wohnen' });
    expect(within(housingNav).getByRole('link', { name: 'Unterkünfte' }).getAttribute('aria-current')).toBe('page');
    expect(within(housingNav).getByRole('link', { name: 'Angemessenheitsgrenzen' }).getAttribute('href')).toBe('/housing/adequacy');
    const rows = within(table).getAllByRole('row').slice(1);
    // By name: Gemeinschaftsunterkunft, Notunterkunft, Pension.
    expect(rows.map((r) => within(r).getByRole('rowheader').querySelector('a')?.textContent)).toEqual([
      'Gemeinschaftsunterkunft Am Bahnhof',
      'Notunterkunft Lindenweg',
      'Pension Eichenhof',
    ]);
    expect(within(rows[1]).getByRole('link', { name: 'Notunterkunft Lindenweg' }).getAttribute('href')).toBe(`/housing/shelters/${SHELTER}`);
    expect(rows[1].textContent).toContain('Lindenweg 12, 05101 Musterstadt');
    expect(rows[1].textContent).toContain('geführt von Fachstelle Musterkreis');
    const bar = within(rows[1]).getByRole('progressbar', { name: 'Belegung: Notunterkunft Lindenweg' });
    expect(bar.getAttribute('aria-valuetext')).toBe('18 von 24 Plätzen belegt (7 Haushalte), 6 Plätze frei');
    expect(rows[1].textContent).toContain('6 Plätze frei');
    // Above capacity the bar stays full and the words say so.
    const over = within(rows[2]).getByRole('progressbar');
    expect(over.getAttribute('aria-valuenow')).toBe('100');
    expect(rows[2].textContent).toContain('überbelegt um 1 Person');
    expect(rows[0].textContent).toContain('derzeit keine Aufnahme');
    expect(screen.getByText('Zusammen 30 Plätze, davon 25 belegt und 6 frei.')).toBeTruthy();
    // Reading only: no way to record one.
    expect(screen.queryByRole('button', { name: 'Unterkunft erfassen' })).toBeNull();
    await expectNoViolations();

    fireEvent.change(screen.getByLabelText('Gemeinde'), { target: { value: LINDENAU.id } });
    await screen.findByRole('table', { name: '2 Unterkünfte' });
    fireEvent.change(screen.getByLabelText('Art der Unterkunft'), { target: { value: 'hostel' } });
    const filtered = await screen.findByRole('table', { name: '1 Unterkunft' });
    expect(within(filtered).getByRole('link', { name: 'Pension Eichenhof' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Art der Unterkunft'), { target: { value: 'temporary_flat' } });
    await screen.findByText('Keine Unterkunft entspricht der Auswahl.');
  });

  it('records an accommodation for the own organisation and opens it; the server names a wrong field', async () => {
    const posts: unknown[] = [];
    const created = accommodation({ id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa9', name: 'Übergangswohnheim Birkenallee', kind: 'transitional_housing', places: 12, occupancy: { households: 0, persons: 0, free: 12 }, version: 1 });
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'housing.manage'])),
      'GET /housing/accommodations': ok({ items: register }),
      'GET /municipalities': ok({ items: [{ ...MUSTERSTADT, ags: '05101000', postalCodes: ['05101'], version: 1 }, { ...LINDENAU, ags: '05102000', postalCodes: ['05102'], version: 1 }] }),
      'POST /housing/accommodations': ({ body }) => {
        posts.push(body);
        if (posts.length === 1) {
          return { status: 400, body: { error: { code: 'validation_failed', message: 'Die Eingaben sind unvollständig.', fields: [{ path: 'postalCode', message: 'Fünf Ziffern.' }], requestId: 't' } } };
        }
        return ok(created);
      },
      [`GET /housing/accommodations/${created.id}`]: ok({ accommodation: created, placements: [] }),
    });
    renderApp('/housing/shelters');
    fireEvent.click(await screen.findByRole('button', { name: 'Unterkunft erfassen' }));
    const form = await screen.findByRole('form', { name: 'Unterkunft erfassen' });
    await waitFor(() => expect(within(form).getAllByRole('option', { name: 'Lindenau' })).toHaveLength(1));
    fireEvent.change(within(form).getByLabelText('Art'), { target: { value: 'transitional_housing' } });
    fireEvent.change(within(form).getByLabelText('Name', { exact: false }), { target: { value: ' Übergangswohnheim Birkenallee ' } });
    fireEvent.change(within(form).getByLabelText('Postleitzahl'), { target: { value: '0510' } });
    fireEvent.change(within(form).getByLabelText('Gemeinde', { exact: false }), { target: { value: MUSTERSTADT.id } });
    fireEvent.change(within(form).getByLabelText('Plätze', { exact: false }), { target: { value: '12' } });
    // For the official statistics: a voluntary provider names its welfare association.
    expect(within(form).queryByLabelText('Wohlfahrtsverband', { exact: false })).toBeNull();
    fireEvent.change(within(form).getByLabelText('Art der Überlassung', { exact: false }), { target: { value: 'semi_residential' } });
    fireEvent.change(within(form).getByLabelText('Anbieter', { exact: false }), { target: { value: 'voluntary' } });
    fireEvent.change(within(form).getByLabelText('Wohlfahrtsverband', { exact: false }), { target: { value: 'diakonie' } });
    await expectNoViolations();
    fireEvent.click(within(form).getByRole('button', { name: 'Unterkunft anlegen' }));
    expect(await within(form).findByText('Fünf Ziffern.')).toBeTruthy();
    expect(within(form).getByLabelText('Postleitzahl').getAttribute('aria-invalid')).toBe('true');
    expect(posts[0]).toEqual({
      kind: 'transitional_housing', name: 'Übergangswohnheim Birkenallee', provider: null, street: null, houseNumber: null,
      postalCode: '0510', city: null, municipalityId: MUSTERSTADT.id, places: 12, active: true, note: null,
      provisionType: 'semi_residential', providerType: 'voluntary', welfareAssociation: 'diakonie',
    });
    fireEvent.change(within(form).getByLabelText('Postleitzahl'), { target: { value: '05101' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Unterkunft anlegen' }));
    await screen.findByRole('heading', { level: 1, name: 'Übergangswohnheim Birkenallee' });
    expect(screen.getByText('„Übergangswohnheim Birkenallee“ wurde angelegt.')).toBeTruthy();
    expect((posts[1] as { postalCode: string }).postalCode).toBe('05101');
  });

  it("the owner's page: details, the own households with links to their cases, editing with the version", async () => {
    const patches: unknown[] = [];
    const detail: AccommodationDetail = {
      accommodation: accommodation(),
      placements: [
        {
          id: 'dddddddd-dddd-4ddd-8ddd-ddddddddddd1', caseId: CASE, caseNumber: '2025-000311', householdName: 'Haushalt Kowalski',
          accommodation: { id: SHELTER, name: 'Notunterkunft Lindenweg', kind: 'emergency_shelter', municipalityName: 'Musterstadt' },
          persons: 4, movedInOn: '2025-01-10', movedOutOn: null, moveOutReason: null, note: null, months: 14, version: 2,
        },
      ],
    };
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'housing.manage'])),
      'GET /municipalities': ok({ items: [{ ...MUSTERSTADT, ags: '05101000', postalCodes: ['05101'], version: 1 }] }),
      [`GET /housing/accommodations/${SHELTER}`]: ok(detail),
      [`PATCH /housing/accommodations/${SHELTER}`]: ({ body }) => {
        patches.push(body);
        return ok(accommodation({ places: 26, occupancy: { households: 7, persons: 18, free: 8 }, version: 4 }));
      },
    });
    renderApp(`/housing/shelters/${SHELTER}`);
    await screen.findByRole('heading', { level: 1, name: 'Notunterkunft Lindenweg' });
    const own = screen.getByRole('table', { name: '1 Haushalt Ihrer Organisation' });
    expect(within(own).getByRole('link', { name: '2025-000311' }).getAttribute('href')).toBe(`/cases/${CASE}?tab=housing`);
    expect(own.textContent).toContain('Haushalt Kowalski');
    expect(own.textContent).toContain('14 Monate');
    expect(own.textContent).toContain('4 Personen');
    await expectNoViolations();

    fireEvent.click(screen.getByRole('button', { name: 'Unterkunft bearbeiten' }));
    const form = await screen.findByRole('form', { name: 'Unterkunft bearbeiten: Notunterkunft Lindenweg' });
    fireEvent.change(within(form).getByLabelText('Plätze', { exact: false }), { target: { value: '26' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Speichern' }));
    await screen.findByText('„Notunterkunft Lindenweg“ wurde gespeichert.');
    expect(patches).toEqual([
      {
        version: 3, kind: 'emergency_shelter', name: 'Notunterkunft Lindenweg', provider: 'Diakonie Musterland', street: 'Lindenweg', houseNumber: '12',
        postalCode: '05101', city: 'Musterstadt', municipalityId: MUSTERSTADT.id, places: 26, active: true, note: null,
        provisionType: 'short_term', providerType: 'municipality', welfareAssociation: null,
      },
    ]);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('18 von 26 Plätzen belegt (7 Haushalte), 8 Plätze frei');
  });

  it("another organisation's accommodation: occupancy, no edit, no names of others' households", async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'housing.manage'])),
      [`GET /housing/accommodations/${HOSTEL}`]: ok({ accommodation: register[1], placements: [] }),
    });
    renderApp(`/housing/shelters/${HOSTEL}`);
    await screen.findByRole('heading', { level: 1, name: 'Pension Eichenhof' });
    expect(screen.queryByRole('button', { name: 'Unterkunft bearbeiten' })).toBeNull();
    expect(screen.getByText('Ihre Organisation hat derzeit keinen Haushalt hier untergebracht.')).toBeTruthy();
    expect(screen.getByText('überbelegt um 1 Person')).toBeTruthy();
    await expectNoViolations();
  });
});

const longStay = (over: Partial<LongStay>): LongStay => ({
  caseId: CASE,
  caseNumber: '2025-000311',
  householdName: 'Haushalt Kowalski',
  persons: 4,
  children: 2,
  accommodation: { id: SHELTER, name: 'Notunterkunft Lindenweg', kind: 'emergency_shelter' },
  movedInOn: '2025-01-10',
  months: 14,
  search: null,
  ...over,
});

describe('long stays', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('orders by months, then by the day of moving in', () => {
    const a = longStay({ caseNumber: 'a', months: 12, movedInOn: '2025-03-01' });
    const b = longStay({ caseNumber: 'b', months: 20, movedInOn: '2024-07-01' });
    const c = longStay({ caseNumber: 'c', months: 12, movedInOn: '2025-02-20' });
    expect(longestFirst([a, b, c]).map((s) => s.caseNumber)).toEqual(['b', 'c', 'a']);
  });

  it('the alert list: threshold from the response, longest first, links to the case and to start a search; no axe violations', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'housing.manage'])),
      'GET /housing/long-stays': ok({
        thresholdMonths: 12,
        items: [
          longStay({ caseId: 'cccccccc-cccc-4ccc-8ccc-ccccccccccc2', caseNumber: '2025-000400', householdName: 'Haushalt Yilmaz', persons: 1, children: 0, months: 12, movedInOn: '2025-02-01', search: { id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeee1', status: 'active' } }),
          longStay({}),
        ],
      }),
    });
    renderApp('/housing/long-stays');
    const table = await screen.findByRole('table', { name: '2 Haushalte, längster Aufenthalt zuerst' });
    expect(screen.getByText(/seit mindestens 12 Monaten in einer Unterkunft leben/)).toBeTruthy();
    expect(screen.getByText('2 Haushalte leben seit mindestens 12 Monaten in einer Unterkunft.')).toBeTruthy();
    expect(screen.getByText('Für 1 davon läuft keine Wohnungssuche.')).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0].textContent).toContain('14 Monate');
    expect(rows[0].textContent).toContain('4 Personen (2 Kinder)');
    expect(within(rows[0]).getByRole('link', { name: '2025-000311' }).getAttribute('href')).toBe(`/cases/${CASE}`);
    expect(within(rows[0]).getByRole('link', { name: 'Wohnungssuche starten (2025-000311)' }).getAttribute('href')).toBe(`/cases/${CASE}?tab=housing`);
    expect(within(rows[0]).getByRole('link', { name: 'Notunterkunft Lindenweg' }).getAttribute('href')).toBe(`/housing/shelters/${SHELTER}`);
    expect(rows[1].textContent).toContain('Suche läuft');
    expect(within(rows[1]).getByRole('link', { name: 'Zur Wohnungssuche (2025-000400)' })).toBeTruthy();
    await expectNoViolations();
  });

  it('says so when nobody stays that long, in English too', async () => {
    await i18n.changeLanguage('en');
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok({ ...session(['housing.read']), user: { ...makeSession().user, language: 'en' } }),
      'GET /housing/long-stays': ok({ thresholdMonths: 18, items: [] }),
    });
    renderApp('/housing/long-stays');
    expect(await screen.findByText('No household of your organisation has been living in accommodation for 18 months or longer.')).toBeTruthy();
  });
});
