import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CaseHousing, Placement, Proposal, ProposalPatch, Search } from '../../../contracts/housing';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import type { CaseSummary } from '../cases/types';
import { emptyFile } from '../casefile/fixtures';
import { searchBody, searchFields } from './SearchForm';
import { IDS, fit, offer, proposal, search } from './fixtures';

// The case page is loaded lazily: slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });
configure({ asyncUtilTimeout: 30_000 });

if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => {}, removeEventListener: () => {} } });

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const plain = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');
const OTHER_OFFER = 'a0000000-0000-4000-8000-000000000008';

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function summary(over: Partial<CaseSummary> = {}): CaseSummary {
  const members = [
    { personId: 'b0000000-0000-4000-8000-000000000001', firstName: 'Aylin', lastName: 'Demir', birthDate: '1988-04-02', age: 38, relation: 'main_tenant' as const, isCaseTenant: true, sex: null, nationality: null },
    { personId: 'b0000000-0000-4000-8000-000000000002', firstName: 'Murat', lastName: 'Demir', birthDate: '1985-10-11', age: 41, relation: 'partner' as const, isCaseTenant: false, sex: null, nationality: null },
    { personId: 'b0000000-0000-4000-8000-000000000003', firstName: 'Elif', lastName: 'Demir', birthDate: '2016-06-20', age: 10, relation: 'child' as const, isCaseTenant: false, sex: null, nationality: null },
  ];
  return {
    id: IDS.caseA,
    caseNumber: '2025-000117',
    status: 'open',
    version: 3,
    receivedOn: '2025-08-04',
    firstContactDue: '2025-08-07',
    assignee: null,
    location: null,
    routingNote: null,
    household: { id: 'b0000000-0000-4000-8000-000000000010', address: { street: 'Am Bahnhof', houseNumber: '1', postalCode: '05101', city: 'Musterstadt' }, size: 3, children: 1 },
    tenants: [{ personId: members[0].personId, firstName: 'Aylin', lastName: 'Demir', birthDate: '1988-04-02', servedOn: null }],
    legal: {
      landlord: null, monthlyRent: null, arrears: null, terminationType: null, terminationReceivedOn: null, courtName: null, courtFileNumber: null,
      suitFiledOn: null, hearingOn: null, judgmentOn: null, judgmentFinalOn: null, raeumungsfristEnd: null, evictionOn: null, earlierCuredTerminations: [],
    },
    file: emptyFile({ members, facts: { size: 3, children: 1, adults: 2, ageUnknown: 0 } }),
    deadlines: [],
    notices: [],
    ...over,
  };
}

const placement = (over: Partial<Placement> = {}): Placement => ({
  id: 'b0000000-0000-4000-8000-000000000020',
  caseId: IDS.caseA,
  accommodation: { id: 'b0000000-0000-4000-8000-000000000021', name: 'Notunterkunft Am Bahnhof', kind: 'emergency_shelter', municipalityName: 'Musterstadt' },
  persons: 3,
  movedInOn: '2025-09-15',
  movedOutOn: null,
  moveOutReason: null,
  note: null,
  months: 14,
  version: 1,
  ...over,
});

const housing = (over: Partial<CaseHousing> = {}): CaseHousing => ({ placements: [placement()], search: null, offers: [], proposals: [], pastSearches: [], ...over });

const municipalities = {
  items: [
    { id: IDS.municipality, name: 'Musterstadt', ags: '05101000', postalCodes: ['05101'], version: 1 },
    { id: IDS.otherMunicipality, name: 'Beispieldorf', ags: '05102000', postalCodes: ['05110'], version: 1 },
  ],
};

function caseServer(routes: Record<string, FakeResponse | ((r: { body: unknown }) => FakeResponse)>, caseSummary: () => CaseSummary = () => summary()) {
  let caseLoads = 0;
  fakeServer({
    'GET /config': ok(publicConfig),
    'GET /auth/session': ok(makeSession({ roles: ['caseworker'], permissions: ['cases.read', 'cases.edit', 'housing.read', 'housing.manage', 'municipalities.read', 'users.read', 'organisations.read'] })),
    [`GET /cases/${IDS.caseA}`]: () => {
      caseLoads++;
      return ok(caseSummary());
    },
    'GET /municipalities': ok(municipalities),
    'GET /users': ok({ items: [] }),
    ...routes,
  });
  renderApp(`/cases/${IDS.caseA}?tab=housing`);
  return { caseLoads: () => caseLoads };
}

describe('the search form’s request body', () => {
  it('a new search starts from the case file’s household; numbers stay as typed when unreadable', () => {
    const f = searchFields(null, { size: 3, children: 1 }, '2026-11-21');
    expect(f).toMatchObject({ startedOn: '2026-11-21', persons: '3', children: '1', status: 'active', preferredMunicipalityIds: [] });
    expect(searchBody({ ...f, minRooms: '2,5', neededBy: '2027-02-01' }, null)).toEqual({
      startedOn: '2026-11-21', persons: 3, children: 1, minRooms: 2.5, needsStepFree: false, hasWbs: false, preferredMunicipalityIds: [], neededBy: '2027-02-01', note: null,
    });
    expect(searchBody({ ...f, persons: 'drei' }, null)).toMatchObject({ persons: 'drei' });
  });

  it('a change carries the version and the status, never the start day', () => {
    const s = search({ version: 7 });
    const body = searchBody({ ...searchFields(s, { size: 1, children: 0 }), status: 'paused' }, s);
    expect(body).toMatchObject({ version: 7, status: 'paused', persons: 4, children: 2, preferredMunicipalityIds: [IDS.municipality] });
    expect(body).not.toHaveProperty('startedOn');
  });

  it('a household of one never starts with children it cannot have', () => {
    expect(searchFields(null, { size: 1, children: 1 })).toMatchObject({ persons: '1', children: '0' });
    expect(searchFields(null, { size: 0, children: 0 })).toMatchObject({ persons: '1', children: '0' });
  });
});

describe('case tab "Wohnen"', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('starts a search from the household, then shows the offers with their reasons and proposes a fitting one', async () => {
    const posted: { path: string; body: unknown }[] = [];
    let state = housing();
    const started: Search = search({ persons: 3, children: 1, neededBy: '2027-02-01' });
    caseServer({
      [`GET /cases/${IDS.caseA}/housing`]: () => ok(state),
      [`POST /cases/${IDS.caseA}/housing-search`]: ({ body }) => {
        posted.push({ path: 'search', body });
        state = housing({
          search: started,
          offers: [
            { offer: offer(), fit: fit({ notes: ['long_shelter_stay', 'children', 'available_in_time', 'preferred_municipality'], shelterMonths: 14 }), proposalId: null },
            {
              offer: offer({ id: OTHER_OFFER, street: 'Ulmenallee', houseNumber: '3', rooms: 1, grossColdRent: 395 }),
              fit: fit({ fits: false, blockers: ['too_few_rooms'], notes: ['long_shelter_stay', 'children'], shelterMonths: 14 }),
              proposalId: null,
            },
          ],
        });
        return ok(started);
      },
      [`POST /housing/offers/${IDS.offer}/proposals`]: ({ body }) => {
        posted.push({ path: 'proposal', body });
        state = { ...state, offers: state.offers.map((o) => (o.offer.id === IDS.offer ? { ...o, proposalId: IDS.proposal } : o)), proposals: [proposal()] };
        return ok(proposal());
      },
    });

    // The placements section (PlacementsSection) shows the current shelter stay first.
    const placements = await screen.findByRole('region', { name: 'Unterbringung' });
    expect(within(placements).getAllByText(/Notunterkunft Am Bahnhof/).length).toBeGreaterThan(0);

    const form = await screen.findByRole('form', { name: 'Wohnungssuche beginnen' });
    expect((within(form).getByRole('textbox', { name: /^Personen/ }) as HTMLInputElement).value).toBe('3');
    expect((within(form).getByRole('textbox', { name: /davon Kinder/ }) as HTMLInputElement).value).toBe('1');
    fireEvent.click(await within(form).findByRole('checkbox', { name: 'Musterstadt' }));
    fireEvent.change(within(form).getByLabelText(/Benötigt bis/), { target: { value: '2027-02-01' } });
    await expectNoViolations();
    fireEvent.click(within(form).getByRole('button', { name: 'Suche beginnen' }));
    await screen.findByText('Die Wohnungssuche wurde begonnen.');
    expect(posted[0].body).toMatchObject({ persons: 3, children: 1, preferredMunicipalityIds: [IDS.municipality], neededBy: '2027-02-01', needsStepFree: false, hasWbs: false });

    const offers = await screen.findByRole('table', { name: '2 offene Angebote, davon passend: 1' });
    const rows = within(offers).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByRole('list', { name: 'Gründe: Birkenweg 12, 05101 Musterstadt' }).textContent).toContain('14 Monate in Notunterkunft');
    expect(plain(rows[0].textContent)).toContain('1 Kind im Haushalt');
    expect(plain(rows[0].textContent)).toContain('rechtzeitig frei');
    expect(plain(rows[1].textContent)).toContain('zu wenige Zimmer für den Haushalt');
    expect(rows[1].textContent).toContain('passt nicht');
    expect(within(rows[1]).queryByRole('button')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Wohnungssuche' })).toBeTruthy();
    expect(plain(screen.getByRole('region', { name: 'Wohnungssuche' }).textContent)).toContain('3 Personen, davon 1 Kind');
    await expectNoViolations();

    fireEvent.click(within(rows[0]).getByRole('button', { name: 'Für Birkenweg 12, 05101 Musterstadt vorschlagen' }));
    await screen.findByText('Der Haushalt wurde für Birkenweg 12, 05101 Musterstadt vorgeschlagen.');
    expect(posted[1]).toEqual({ path: 'proposal', body: { searchId: IDS.searchA } });
    const proposals = await screen.findByRole('table', { name: '1 Vorschlag' });
    expect(within(proposals).getByRole('link', { name: 'Birkenweg 12, 05101 Musterstadt' }).getAttribute('href')).toBe(`/housing/offers/${IDS.offer}`);
  });

  it('pauses a running search with its version', async () => {
    const patches: unknown[] = [];
    let current = search();
    caseServer({
      [`GET /cases/${IDS.caseA}/housing`]: () => ok(housing({ search: current })),
      [`PATCH /housing/searches/${IDS.searchA}`]: ({ body }) => {
        patches.push(body);
        current = search({ status: 'paused', version: 2 });
        return ok(current);
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Suche bearbeiten' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Passende Angebote' })).toBeTruthy();
    const form = await screen.findByRole('form', { name: 'Wohnungssuche' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Stand der Suche' }), { target: { value: 'paused' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Speichern' }));
    await screen.findByText('Die Suche ist pausiert.');
    expect(patches).toEqual([expect.objectContaining({ version: 1, status: 'paused', persons: 4, children: 2, preferredMunicipalityIds: [IDS.municipality] })]);
    // A paused search offers no flats.
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Passende Angebote' })).toBeNull());
  });

  it('records the lease: the tab then shows the household as housed and the case is reloaded with the new tenancy', async () => {
    const patches: ProposalPatch[] = [];
    let leased = false;
    const accepted: Proposal = proposal({ status: 'accepted_by_landlord', decidedOn: '2026-11-19', version: 4 });
    const housedSearch = search({ status: 'housed', endedOn: '2026-11-20', version: 5 });
    const { caseLoads } = caseServer(
      {
        [`GET /cases/${IDS.caseA}/housing`]: () =>
          ok(
            leased
              ? housing({
                  placements: [placement({ movedOutOn: '2026-12-01', moveOutReason: 'own_flat', version: 2 })],
                  search: null,
                  proposals: [proposal({ status: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01', version: 5 })],
                  pastSearches: [housedSearch],
                })
              : housing({ search: search(), offers: [], proposals: [accepted] }),
          ),
        [`PATCH /housing/proposals/${IDS.proposal}`]: ({ body }) => {
          patches.push(body as ProposalPatch);
          leased = true;
          return ok(proposal({ status: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01', version: 5 }));
        },
      },
      () => summary(leased ? { version: 4, household: { ...summary().household, address: { street: 'Birkenweg', houseNumber: '12', postalCode: '05101', city: 'Musterstadt' } } } : {}),
    );
    const table = await screen.findByRole('table', { name: '1 Vorschlag' });
    const loadsBefore = caseLoads();
    fireEvent.click(within(table).getByRole('button', { name: 'Mietvertrag erfassen: Birkenweg 12, 05101 Musterstadt' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mietvertrag erfassen: Familie Demir' });
    fireEvent.change(within(dialog).getByLabelText(/Mietvertrag unterschrieben am/), { target: { value: '2026-11-20' } });
    fireEvent.change(within(dialog).getByLabelText(/Mietbeginn/), { target: { value: '2026-12-01' } });
    await expectNoViolations();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mietvertrag erfassen' }));
    await screen.findByText('Der Mietvertrag ist erfasst (Birkenweg 12, 05101 Musterstadt).');
    expect(patches).toEqual([{ version: 4, status: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01' }]);

    expect(await screen.findByText('Mit Wohnung versorgt')).toBeTruthy();
    await waitFor(() => expect(caseLoads()).toBeGreaterThan(loadsBefore));
    expect(screen.getByRole('link', { name: 'Neues Mietverhältnis in der Fallakte' }).getAttribute('href')).toBe(`/cases/${IDS.caseA}`);
    const past = screen.getByRole('table', { name: '1 frühere Suche' });
    expect(plain(past.textContent)).toContain('versorgt');
    const after = screen.getByRole('table', { name: '1 Vorschlag' });
    expect(within(after).queryByRole('button')).toBeNull();
    expect(screen.getByText(/Der Haushalt wurde mit einer Wohnung versorgt/)).toBeTruthy();
    // A new search only on request.
    expect(screen.queryByRole('form', { name: 'Wohnungssuche beginnen' })).toBeNull();
    await expectNoViolations();
    fireEvent.click(screen.getByRole('button', { name: 'Wohnungssuche beginnen' }));
    expect(await screen.findByRole('form', { name: 'Wohnungssuche beginnen' })).toBeTruthy();
  });

  it('a reader without housing.manage sees the search, offers and proposals but cannot change them', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['finance'], permissions: ['cases.read', 'housing.read', 'municipalities.read'] })),
      [`GET /cases/${IDS.caseA}`]: ok(summary()),
      [`GET /cases/${IDS.caseA}/housing`]: ok(housing({ search: search(), offers: [{ offer: offer(), fit: fit(), proposalId: null }], proposals: [proposal()] })),
    });
    renderApp(`/cases/${IDS.caseA}?tab=housing`);
    await screen.findByRole('table', { name: '1 offenes Angebot, davon passend: 1' });
    expect(screen.queryByRole('button', { name: 'Suche bearbeiten' })).toBeNull();
    expect(screen.queryByRole('button', { name: /vorschlagen/ })).toBeNull();
    expect(within(screen.getByRole('table', { name: '1 Vorschlag' })).queryByRole('button')).toBeNull();
    await expectNoViolations();
  });

  it('the tab is not offered without housing.read', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['reporter'], permissions: ['cases.read'] })),
      [`GET /cases/${IDS.caseA}`]: ok(summary()),
    });
    renderApp(`/cases/${IDS.caseA}?tab=housing`);
    await screen.findByRole('tablist');
    expect(screen.queryByRole('tab', { name: 'Wohnen' })).toBeNull();
  });
});
