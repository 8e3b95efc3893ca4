import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CandidateList, OfferDetail, ProposalPatch } from '../../../contracts/housing';
import type { Permission } from '../../../contracts/roles';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { fitReasons } from './FitReasons';
import { monthStart, numberOrText, percent, viewingFields, viewingInstant } from './brokerage';
import { IDS, adequacy, candidate, fit, offer, proposal } from './fixtures';

// Lazy pages on a busy two-core machine.
vi.setConfig({ testTimeout: 90_000 });
configure({ asyncUtilTimeout: 30_000 });

// Mantine's autosizing textarea listens for web fonts, which jsdom lacks.
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => {}, removeEventListener: () => {} } });

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
/** Intl puts no-break spaces into amounts ("520,00 €"); compare text with plain spaces. */
const plain = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function session(permissions: Permission[] = ['housing.read', 'housing.manage'], language: 'de' | 'en' = 'de') {
  return makeSession({
    roles: ['caseworker'],
    permissions: ['organisations.read', 'municipalities.read', 'users.read', 'cases.read', ...permissions],
    user: { ...makeSession().user, language },
  });
}

const municipalities = {
  items: [
    { id: IDS.municipality, name: 'Musterstadt', ags: '05101000', postalCodes: ['05101', '05102'], version: 1 },
    { id: IDS.otherMunicipality, name: 'Beispieldorf', ags: '05102000', postalCodes: ['05110'], version: 1 },
  ],
};
const landlords = {
  items: [{ id: IDS.landlord, kind: 'housing_company', name: 'Musterländer Wohnungsbau GmbH', city: 'Musterstadt', orgName: 'Fachstelle Musterkreis', shared: true, cooperating: true, openOffers: 1, canEdit: true }],
};
const users = {
  items: [
    { id: IDS.colleague, orgId: IDS.org, email: 'kai@example.org', displayName: 'Kai Kollege', roles: ['caseworker'], active: true, language: 'de', totpEnabled: true, version: 1 },
  ],
};

const detail = (over: Partial<OfferDetail> = {}): OfferDetail => ({
  offer: offer(),
  adequacy: [adequacy(2), adequacy(3), adequacy(4), adequacy(5, { verdict: 'rent_too_high', rentLimit: 500, rentExcess: 20, areaAboveLimit: false })],
  proposals: [],
  canEdit: true,
  ...over,
});

const candidates: CandidateList = {
  items: [
    candidate(),
    candidate({
      searchId: IDS.searchB,
      caseId: IDS.caseB,
      caseNumber: '2026-000031',
      householdName: 'Herr Albers',
      persons: 2,
      children: 0,
      searchingSince: '2026-05-02',
      fit: fit({ score: 12, notes: ['other_municipality', 'area_above_limit'] }),
      proposalId: IDS.proposal,
    }),
  ],
  fitting: 2,
  excluded: [
    { blocker: 'wbs_missing', count: 3 },
    { blocker: 'rent_above_limit', count: 7 },
  ],
  nearMisses: [
    candidate({
      searchId: IDS.searchC,
      caseNumber: '2026-000044',
      householdName: 'Frau Yilmaz',
      persons: 5,
      children: 3,
      fit: fit({ fits: false, blockers: ['rent_above_limit'], notes: ['children'], rentLimit: 500 }),
    }),
  ],
};

describe('brokerage helpers', () => {
  it.each([
    ['2,5', 2.5],
    ['1.234,50', 1234.5],
    ['68.5', 68.5],
    ['', null],
    ['zwei', 'zwei'],
  ])('numberOrText(%j) = %j (unreadable text goes to the server, which names the field)', (input, expected) => {
    expect(numberOrText(input)).toEqual(expected);
  });

  it('a viewing day and time become an instant and back (browser time)', () => {
    const instant = viewingInstant('2026-12-03', '14:30');
    expect(instant).toBe(new Date('2026-12-03T14:30').toISOString());
    expect(viewingFields(instant)).toEqual({ day: '2026-12-03', time: '14:30' });
    expect(viewingInstant('2026-12-03', '')).toBeNull();
    expect(viewingFields(null)).toEqual({ day: '', time: '' });
  });

  it.each([
    ['2026-11-21', 0, '2026-11-01'],
    ['2026-11-21', 11, '2025-12-01'],
    ['2026-01-31', 1, '2025-12-01'],
  ])('monthStart(%s, %i) = %s', (today, back, expected) => expect(monthStart(today, back)).toBe(expected));

  it('percent needs something to divide by', () => {
    expect(percent(3, 4)).toBe(75);
    expect(percent(0, 0)).toBeNull();
  });

  it('reasons: blockers first, the rent with its limit, then the notes with their figures', () => {
    const t = i18n.getFixedT('de');
    const money = (n: number) => `${n} €`;
    const texts = (f: Parameters<typeof fitReasons>[0]) => fitReasons(f, t, money).map((r) => `${r.tone}:${r.text}`);
    expect(texts({ fit: fit({ notes: ['long_shelter_stay', 'children', 'long_search'], shelterMonths: 14, searchMonths: 14 }), childCount: 2, grossColdRent: 520 })).toEqual([
      'success:Miete 520 € innerhalb der Grenze von 560 €',
      'danger:14 Monate in Notunterkunft',
      'info:2 Kinder im Haushalt',
      'info:sucht seit 14 Monaten',
    ]);
    expect(
      texts({ fit: fit({ fits: false, blockers: ['wbs_missing', 'rent_above_limit'], notes: ['in_shelter'], shelterMonths: 0 }), childCount: 0, grossColdRent: 600 }),
    ).toEqual(['danger:WBS erforderlich, der Haushalt hat keinen', 'danger:Miete 600 € über der Grenze von 560 €', 'info:seit weniger als einem Monat in Notunterkunft']);
    // Without an adequacy table there is no limit to compare with: the blocker says so, no rent line.
    expect(texts({ fit: fit({ fits: false, blockers: ['no_adequacy_limit'], rentLimit: null }), childCount: 0, grossColdRent: 600 })).toEqual([
      'danger:keine Angemessenheitsgrenze für Gemeinde und Datum',
    ]);
  });
});

describe('flat offers', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('lists the offers with landlord, size, rent and proposals; the status filter asks the server', async () => {
    const asked: string[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session()),
      'GET /municipalities': ok(municipalities),
      'GET /housing/landlords': ok(landlords),
      'GET /housing/offers': ({ url }) => {
        asked.push(url.searchParams.get('status') ?? '');
        const all = [offer({ proposals: 2 }), offer({ id: 'a0000000-0000-4000-8000-000000000009', street: 'Ulmenallee', houseNumber: '3', status: 'reserved', rooms: 1.5, grossColdRent: 410.5 })];
        const status = url.searchParams.get('status');
        return ok({ items: status ? all.filter((o) => o.status === status) : all });
      },
    });
    renderApp('/housing/offers');
    const table = await screen.findByRole('table', { name: '2 Angebote' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByRole('link', { name: 'Birkenweg 12, 05101 Musterstadt' }).getAttribute('href')).toBe(`/housing/offers/${IDS.offer}`);
    expect(plain(rows[0].textContent)).toContain('Musterländer Wohnungsbau GmbH');
    expect(plain(rows[0].textContent)).toContain('Kooperationspartner');
    expect(plain(rows[0].textContent)).toContain('68,5 m²');
    expect(plain(rows[0].textContent)).toContain('520,00 €');
    expect(within(rows[0]).getAllByRole('cell').at(-1)!.textContent).toBe('2');
    expect(plain(rows[1].textContent)).toContain('reserviert');
    expect(plain(rows[1].textContent)).toContain('1,5');
    expect(screen.getByRole('heading', { level: 2, name: 'Neues Angebot erfassen' })).toBeTruthy();
    await expectNoViolations();

    fireEvent.click(screen.getByRole('radio', { name: 'reserviert' }));
    await screen.findByRole('table', { name: '1 Angebot' });
    expect(asked).toEqual(['', 'reserved']);
  });

  it('records a new offer: the municipality follows the postal code, amounts are read as written, errors name the field', async () => {
    const posted: Record<string, unknown>[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session()),
      'GET /municipalities': ok(municipalities),
      'GET /housing/landlords': ok(landlords),
      'GET /housing/offers': ok({ items: [] }),
      'POST /housing/offers': ({ body }) => {
        posted.push(body as Record<string, unknown>);
        if (posted.length === 1) {
          return { status: 400, body: { error: { code: 'validation', message: 'Bitte die markierten Felder prüfen.', fields: [{ path: 'floorArea', message: 'Wohnfläche: eine Zahl, bitte.' }], requestId: 't' } } };
        }
        return ok(detail());
      },
      [`GET /housing/offers/${IDS.offer}`]: ok(detail()),
      [`GET /housing/offers/${IDS.offer}/candidates`]: ok({ items: [], fitting: 0, excluded: [], nearMisses: [] }),
    });
    renderApp('/housing/offers');
    const form = await screen.findByRole('form', { name: 'Neues Angebot erfassen' });
    await within(form).findByRole('option', { name: 'Musterländer Wohnungsbau GmbH · Musterstadt · Kooperationspartner' });
    await within(form).findByRole('option', { name: 'Musterstadt' });
    fireEvent.change(within(form).getByRole('combobox', { name: /Vermieter/ }), { target: { value: IDS.landlord } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Straße/ }), { target: { value: 'Birkenweg' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Hausnummer/ }), { target: { value: '12' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Postleitzahl/ }), { target: { value: '05102' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /^Ort/ }), { target: { value: 'Musterstadt' } });
    expect((within(form).getByRole('combobox', { name: /Gemeinde/ }) as HTMLSelectElement).value).toBe(IDS.municipality);
    fireEvent.change(within(form).getByRole('textbox', { name: /^Zimmer/ }), { target: { value: '2,5' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Wohnfläche/ }), { target: { value: 'groß' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Geschoss/ }), { target: { value: '2' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Kaltmiete/ }), { target: { value: '430' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Nebenkosten/ }), { target: { value: '90,50' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Heizkosten/ }), { target: { value: '70' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Aufzug' }));
    expect(plain(within(form).getByText(/Bruttokaltmiete \(mit/).textContent)).toContain('520,50 €');
    await expectNoViolations();

    fireEvent.click(within(form).getByRole('button', { name: 'Angebot anlegen' }));
    await within(form).findByText('Wohnfläche: eine Zahl, bitte.');
    expect(posted[0]).toMatchObject({ landlordId: IDS.landlord, municipalityId: IDS.municipality, rooms: 2.5, floorArea: 'groß', floor: 2, baseRent: 430, serviceCharges: 90.5, heatingCosts: 70, deposit: null, lift: true, stepFree: false, wbsRequired: false, note: null });
    expect(within(form).getByRole('textbox', { name: /Wohnfläche/ }).getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(within(form).getByRole('textbox', { name: /Wohnfläche/ }), { target: { value: '68,5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Angebot anlegen' }));
    await screen.findByRole('heading', { level: 1, name: 'Birkenweg 12, 05101 Musterstadt' });
    expect(posted[1]).toMatchObject({ floorArea: 68.5 });
    expect(screen.getByText('Das Angebot wurde angelegt.')).toBeTruthy();
  });

  it('an offer shows its adequacy per household size and the ranked households with their reasons; a fitting one is proposed', async () => {
    const proposals: unknown[] = [];
    let proposed = false;
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session()),
      'GET /users': ok(users),
      [`GET /housing/offers/${IDS.offer}`]: () => ok(detail(proposed ? { proposals: [proposal()] } : {})),
      [`GET /housing/offers/${IDS.offer}/candidates`]: () => ok(proposed ? { ...candidates, items: [candidate({ proposalId: IDS.proposal }), candidates.items[1]] } : candidates),
      [`POST /housing/offers/${IDS.offer}/proposals`]: ({ body }) => {
        proposals.push(body);
        proposed = true;
        return ok(proposal());
      },
    });
    renderApp(`/housing/offers/${IDS.offer}`);
    await screen.findByRole('heading', { level: 1, name: 'Birkenweg 12, 05101 Musterstadt' });

    const adequacyTable = screen.getByRole('table', { name: /gegen die Grenze jeder Haushaltsgröße/ });
    const adequacyRows = within(adequacyTable).getAllByRole('row').slice(1);
    expect(adequacyRows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['2 Personen', '3 Personen', '4 Personen', '5 Personen']);
    expect(plain(adequacyRows[3].textContent)).toContain('Miete zu hoch');
    expect(plain(adequacyRows[3].textContent)).toContain('20,00 € über der Grenze');
    expect(plain(screen.getByText(/Grenzen von „Vergleichsraum Nord“/).textContent)).toContain('gültig ab');

    const ranked = await screen.findByRole('table', { name: '2 passende Haushalte' });
    const rows = within(ranked).getAllByRole('row').slice(1);
    const first = within(rows[0]).getByRole('list', { name: 'Gründe: Familie Demir' });
    expect(within(first).getAllByRole('listitem').map((li) => plain(li.textContent))).toEqual([
      'Miete 520,00 € innerhalb der Grenze von 560,00 €',
      '14 Monate in Notunterkunft',
      '2 Kinder im Haushalt',
      'in einer Wunschgemeinde',
    ]);
    expect(plain(rows[0].textContent)).toContain('4 Personen, davon 2 Kinder');
    expect(within(rows[0]).getByRole('link', { name: '2025-000117' }).getAttribute('href')).toBe(`/cases/${IDS.caseA}?tab=housing`);
    expect(within(rows[1]).queryByRole('button')).toBeNull();
    expect(rows[1].textContent).toContain('bereits vorgeschlagen');

    const excluded = screen.getByRole('table', { name: 'Nicht passende Haushalte nach dem ersten Grund' });
    expect(within(excluded).getAllByRole('row').slice(1).map((r) => plain(r.textContent))).toEqual(['WBS erforderlich, der Haushalt hat keinen3', 'Miete über der Angemessenheitsgrenze7']);
    expect(screen.getByRole('heading', { level: 3, name: '10 Haushalte passen nicht' })).toBeTruthy();
    const near = screen.getByRole('table', { name: '1 Haushalt, der am wenigsten fehlt' });
    expect(plain(within(near).getByRole('list', { name: 'Gründe: Frau Yilmaz' }).textContent)).toContain('Miete 520,00 € über der Grenze von 500,00 €');
    expect(within(near).queryByRole('button')).toBeNull();
    await expectNoViolations();

    fireEvent.click(within(rows[0]).getByRole('button', { name: 'Vorschlagen: Familie Demir (2025-000117)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Haushalt vorschlagen' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Anmerkung' }), { target: { value: 'Besichtigung möglichst vormittags' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vorschlagen' }));
    await screen.findByText('Familie Demir wurde vorgeschlagen.');
    expect(proposals).toEqual([{ searchId: IDS.searchA, note: 'Besichtigung möglichst vormittags' }]);
    const proposalTable = await screen.findByRole('table', { name: '1 Vorschlag' });
    expect(within(proposalTable).getByRole('button', { name: 'Besichtigung planen: Familie Demir (2025-000117)' })).toBeTruthy();
  });

  it('the workflow of a proposal: viewing with place and colleague, landlord accepts, lease — each with the version', async () => {
    const patches: ProposalPatch[] = [];
    let current = proposal();
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session()),
      'GET /users': ok(users),
      [`GET /housing/offers/${IDS.offer}`]: () => ok(detail({ offer: offer({ status: current.status === 'lease_signed' ? 'let' : 'reserved' }), proposals: [current] })),
      [`GET /housing/offers/${IDS.offer}/candidates`]: ok({ items: [], fitting: 0, excluded: [], nearMisses: [] }),
      [`PATCH /housing/proposals/${IDS.proposal}`]: ({ body }) => {
        const patch = body as ProposalPatch;
        patches.push(patch);
        if (patch.status === 'declined_by_household' && !patch.declineReason) {
          return { status: 400, body: { error: { code: 'validation', message: 'Bitte die markierten Felder prüfen.', fields: [{ path: 'declineReason', message: 'Grund der Absage fehlt.' }], requestId: 't' } } };
        }
        current = proposal({
          ...current,
          status: patch.status ?? current.status,
          viewingAt: patch.viewingAt ?? current.viewingAt,
          viewingPlace: patch.viewingPlace ?? current.viewingPlace,
          accompaniedBy: patch.accompaniedBy ? { id: patch.accompaniedBy, name: 'Kai Kollege' } : current.accompaniedBy,
          decidedOn: patch.decidedOn ?? current.decidedOn,
          leaseSignedOn: patch.leaseSignedOn ?? current.leaseSignedOn,
          tenancyStart: patch.tenancyStart ?? current.tenancyStart,
          version: current.version + 1,
        });
        return ok(current);
      },
    });
    renderApp(`/housing/offers/${IDS.offer}`);
    const table = await screen.findByRole('table', { name: '1 Vorschlag' });
    // A reserved offer still lists its households; the lease has not happened yet.
    expect(screen.getByRole('heading', { level: 2, name: 'Passende Haushalte' })).toBeTruthy();

    fireEvent.click(within(table).getByRole('button', { name: 'Besichtigung planen: Familie Demir (2025-000117)' }));
    let dialog = await screen.findByRole('dialog', { name: 'Besichtigung planen: Familie Demir' });
    await within(dialog).findByRole('option', { name: 'Kai Kollege' });
    fireEvent.change(within(dialog).getByLabelText(/Tag der Besichtigung/), { target: { value: '2026-12-03' } });
    fireEvent.change(within(dialog).getByLabelText(/Uhrzeit/), { target: { value: '14:30' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Treffpunkt' }), { target: { value: 'Vor dem Haus' } });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Begleitung durch' }), { target: { value: IDS.colleague } });
    await expectNoViolations();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Besichtigung planen' }));
    await screen.findByText('Die Besichtigung ist geplant (Familie Demir).');
    expect(patches[0]).toEqual({ version: 1, status: 'viewing_planned', viewingAt: new Date('2026-12-03T14:30').toISOString(), viewingPlace: 'Vor dem Haus', accompaniedBy: IDS.colleague });
    await waitFor(() => expect(screen.getByText(/begleitet von Kai Kollege/)).toBeTruthy());

    // A refusal without a reason: the server names the field, the dialog shows it there.
    fireEvent.click(screen.getByRole('button', { name: 'Haushalt sagt ab: Familie Demir (2025-000117)' }));
    dialog = await screen.findByRole('dialog', { name: 'Haushalt sagt ab: Familie Demir' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Haushalt sagt ab' }));
    expect(await within(dialog).findByText('Grund der Absage fehlt.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Besichtigt: Familie Demir (2025-000117)' }));
    dialog = await screen.findByRole('dialog', { name: 'Besichtigt: Familie Demir' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Besichtigt' }));
    await screen.findByText('Als besichtigt vermerkt (Familie Demir).');

    fireEvent.click(await screen.findByRole('button', { name: 'Vermieter sagt zu: Familie Demir (2025-000117)' }));
    dialog = await screen.findByRole('dialog', { name: 'Vermieter sagt zu: Familie Demir' });
    fireEvent.change(within(dialog).getByLabelText(/Entschieden am/), { target: { value: '2026-12-05' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vermieter sagt zu' }));
    await screen.findByText('Die Zusage des Vermieters ist vermerkt (Familie Demir).');

    fireEvent.click(await screen.findByRole('button', { name: 'Mietvertrag erfassen: Familie Demir (2025-000117)' }));
    dialog = await screen.findByRole('dialog', { name: 'Mietvertrag erfassen: Familie Demir' });
    expect(within(dialog).getByText(/die Unterbringung endet mit dem Mietbeginn/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/Mietvertrag unterschrieben am/), { target: { value: '2026-12-10' } });
    fireEvent.change(within(dialog).getByLabelText(/Mietbeginn/), { target: { value: '2027-01-01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mietvertrag erfassen' }));
    await screen.findByText('Der Mietvertrag ist erfasst (Familie Demir).');

    expect(patches.slice(1).map((p) => ({ ...p }))).toEqual([
      { version: 2, status: 'declined_by_household', decidedOn: expect.any(String), declineReason: null },
      { version: 2, status: 'viewed' },
      { version: 3, status: 'accepted_by_landlord', decidedOn: '2026-12-05' },
      { version: 4, status: 'lease_signed', leaseSignedOn: '2026-12-10', tenancyStart: '2027-01-01' },
    ]);
    // Let: no more candidates, no more steps, the lease in the proposal's state.
    await waitFor(() => expect(screen.queryByRole('heading', { level: 2, name: 'Passende Haushalte' })).toBeNull());
    const after = screen.getByRole('table', { name: '1 Vorschlag' });
    expect(within(after).queryByRole('button')).toBeNull();
    expect(plain(after.textContent)).toContain('Mietvertrag unterschrieben');
    await expectNoViolations();
  });

  it('another organisation’s reader sees an offer without any way to change it, in English', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read'], 'en')),
      [`GET /housing/offers/${IDS.offer}`]: ok(detail({ canEdit: false, proposals: [proposal({ status: 'viewing_planned', viewingAt: '2026-12-03T13:30:00.000Z', viewingPlace: 'Vor dem Haus' })] })),
      [`GET /housing/offers/${IDS.offer}/candidates`]: ok(candidates),
    });
    renderApp(`/housing/offers/${IDS.offer}`);
    await screen.findByRole('heading', { level: 1, name: 'Birkenweg 12, 05101 Musterstadt' });
    const ranked = await screen.findByRole('table', { name: '2 households fit' });
    expect(within(ranked).queryByRole('button')).toBeNull();
    expect(plain(within(ranked).getByRole('list', { name: 'Reasons: Familie Demir' }).textContent)).toContain('14 months in an emergency shelter');
    expect(screen.queryByRole('button', { name: 'Edit offer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reserve' })).toBeNull();
    const proposals = screen.getByRole('table', { name: '1 proposal' });
    expect(within(proposals).queryByRole('button')).toBeNull();
    expect(plain(proposals.textContent)).toContain('viewing planned');
    await expectNoViolations();
  });
});
