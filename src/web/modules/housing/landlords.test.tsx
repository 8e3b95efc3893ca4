import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Landlord, LandlordAgreement, LandlordSummary } from '../../../contracts/housing';
import type { Permission } from '../../../contracts/roles';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { contactsBody } from './LandlordForms';
import { quotaText } from './LandlordPages';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => {}, removeEventListener: () => {} } });
}

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const ORG = '22222222-2222-4222-8222-222222222222';
const COMPANY = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb1';
const PRIVATE = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb2';
const AGREEMENT = 'abababab-abab-4bab-8bab-ababababab01';

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

const summary = (over: Partial<LandlordSummary>): LandlordSummary => ({
  id: COMPANY,
  kind: 'cooperative',
  name: 'Musterland Wohnungsbau eG',
  city: 'Musterstadt',
  orgName: 'Fachstelle Musterkreis',
  shared: true,
  cooperating: true,
  openOffers: 2,
  canEdit: true,
  ...over,
});

const agreement = (over: Partial<LandlordAgreement> = {}): LandlordAgreement => ({
  id: AGREEMENT,
  title: 'Kooperationsvertrag Belegungsrechte',
  validFrom: '2026-01-01',
  validUntil: null,
  flatsPerYear: 5,
  subject: 'Fünf Wohnungen im Jahr für Haushalte aus Notunterkünften.',
  state: 'active',
  lettingsThisYear: 2,
  version: 1,
  ...over,
});

const landlord = (over: Partial<Landlord> = {}): Landlord => ({
  id: COMPANY,
  orgId: ORG,
  orgName: 'Fachstelle Musterkreis',
  kind: 'cooperative',
  name: 'Musterland Wohnungsbau eG',
  street: 'Hafenstraße',
  houseNumber: '3',
  postalCode: '05101',
  city: 'Musterstadt',
  phone: '05101 4400',
  email: 'vermietung@musterland-wohnen.example',
  shared: true,
  note: 'Anfragen bitte gesammelt montags.',
  contacts: [{ name: 'Petra Quartier', function: 'Vermietung', phone: '05101 4401', email: null }],
  agreements: [agreement(), agreement({ id: 'abababab-abab-4bab-8bab-ababababab02', title: 'Rahmenvereinbarung 2024', validFrom: '2024-01-01', validUntil: '2025-12-31', flatsPerYear: null, subject: null, state: 'expired', lettingsThisYear: 0 })],
  offers: [
    { id: 'f0f0f0f0-f0f0-4f0f-8f0f-f0f0f0f0f001', address: 'Am Deich 7, 05101 Musterstadt', availableFrom: '2026-05-01', status: 'open', leaseSignedOn: null },
    { id: 'f0f0f0f0-f0f0-4f0f-8f0f-f0f0f0f0f002', address: 'Hafenstraße 9, 05101 Musterstadt', availableFrom: '2026-02-01', status: 'let', leaseSignedOn: '2026-01-20' },
  ],
  canEdit: true,
  version: 6,
  ...over,
});

describe('landlords', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('says the quota as "2 of 5 this year", and when it is reached', () => {
    const t = i18n.getFixedT('de');
    expect(quotaText({ flatsPerYear: 5, lettingsThisYear: 2 }, t)).toBe('2 von 5 in diesem Jahr');
    expect(quotaText({ flatsPerYear: 5, lettingsThisYear: 5 }, t)).toBe('5 von 5 in diesem Jahr – Kontingent ausgeschöpft');
    expect(quotaText({ flatsPerYear: null, lettingsThisYear: 1 }, t)).toBe('1 Vermittlung in diesem Jahr (kein Kontingent)');
    expect(quotaText({ flatsPerYear: 5, lettingsThisYear: 2 }, i18n.getFixedT('en'))).toBe('2 of 5 this year');
  });

  it('sends every contact row, so the server names rows by the position the form shows', () => {
    expect(
      contactsBody([
        { name: ' Petra Quartier ', function: '', phone: '05101 4401', email: '' },
        { name: '', function: '', phone: '', email: '' },
      ]),
    ).toEqual([
      { name: 'Petra Quartier', function: null, phone: '05101 4401', email: null },
      { name: '', function: null, phone: null, email: null },
    ]);
  });

  it('the list: search box, shared and cooperating badges in words, open offers; no axe violations', async () => {
    const asked: string[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'housing.manage'])),
      'GET /housing/landlords': ({ url }) => {
        asked.push(url.searchParams.get('q') ?? '');
        const all = [summary({}), summary({ id: PRIVATE, kind: 'private', name: 'Gerda Eigen', city: 'Lindenau', shared: false, cooperating: false, openOffers: 0 })];
        return ok({ items: url.searchParams.get('q') ? all.filter((l) => l.name.includes('Gerda')) : all });
      },
    });
    renderApp('/housing/landlords');
    const table = await screen.findByRole('table', { name: '2 Vermieter' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByRole('link', { name: 'Musterland Wohnungsbau eG' }).getAttribute('href')).toBe(`/housing/landlords/${COMPANY}`);
    expect(rows[0].textContent).toContain('Kooperation');
    expect(rows[0].textContent).toContain('geteilt');
    expect(rows[0].textContent).toContain('Wohnungsgenossenschaft');
    expect(rows[1].textContent).not.toContain('Kooperation');
    expect(rows[1].textContent).not.toContain('geteilt');
    expect(within(rows[1]).getAllByRole('cell').at(-1)?.textContent).toBe('0');
    expect(screen.getByRole('button', { name: 'Vermieter erfassen' })).toBeTruthy();
    await expectNoViolations();

    const search = screen.getByRole('search', { name: 'Vermieter suchen' });
    fireEvent.change(within(search).getByRole('searchbox', { name: 'Vermieter suchen' }), { target: { value: ' Gerda ' } });
    fireEvent.click(within(search).getByRole('button', { name: 'Suchen' }));
    await screen.findByRole('table', { name: '1 Vermieter zu „Gerda“' });
    expect(asked).toEqual(['', 'Gerda']);
  });

  it('records a shared landlord with a contact person and opens it', async () => {
    const posts: unknown[] = [];
    const created = landlord({ id: PRIVATE, kind: 'private', name: 'Gerda Eigen', street: null, houseNumber: null, postalCode: null, phone: null, email: null, note: null, agreements: [], offers: [], contacts: [{ name: 'Gerda Eigen', function: null, phone: '0171 555', email: null }], version: 1 });
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'housing.manage'])),
      'GET /housing/landlords': ok({ items: [] }),
      'POST /housing/landlords': ({ body }) => {
        posts.push(body);
        return ok(created);
      },
      [`GET /housing/landlords/${PRIVATE}`]: ok(created),
    });
    renderApp('/housing/landlords');
    expect(await screen.findByText('Noch kein Vermieter erfasst.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Vermieter erfassen' }));
    const form = await screen.findByRole('form', { name: 'Vermieter erfassen' });
    fireEvent.change(within(form).getByLabelText('Name', { exact: false, selector: 'input' }), { target: { value: 'Gerda Eigen' } });
    fireEvent.change(within(form).getByLabelText('Ort'), { target: { value: 'Lindenau' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Mit den anderen Organisationen im Kreis teilen' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Ansprechperson hinzufügen' }));
    const contact = within(form).getByRole('group', { name: 'Ansprechperson 1' });
    fireEvent.change(within(contact).getByLabelText('Name', { exact: false }), { target: { value: 'Gerda Eigen' } });
    fireEvent.change(within(contact).getByLabelText('Telefon'), { target: { value: '0171 555' } });
    await expectNoViolations();
    fireEvent.click(within(form).getByRole('button', { name: 'Vermieter anlegen' }));
    await screen.findByRole('heading', { level: 1, name: 'Gerda Eigen' });
    expect(screen.getByText('„Gerda Eigen“ wurde angelegt.')).toBeTruthy();
    expect(posts).toEqual([
      {
        kind: 'private', name: 'Gerda Eigen', street: null, houseNumber: null, postalCode: null, city: 'Lindenau', phone: null, email: null, shared: true, note: null,
        contacts: [{ name: 'Gerda Eigen', function: null, phone: '0171 555', email: null }],
      },
    ]);
  });

  it('the page: contacts, agreements with state and quota, offer history, notes; edit sends the version and the whole contact list', async () => {
    const patches: unknown[] = [];
    let stored = landlord();
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'housing.manage'])),
      [`GET /housing/landlords/${COMPANY}`]: () => ok(stored),
      [`PATCH /housing/landlords/${COMPANY}`]: ({ body }) => {
        patches.push(body);
        stored = landlord({ contacts: [...stored.contacts, { name: 'Jan Hausmeister', function: null, phone: null, email: 'jan@musterland-wohnen.example' }], version: 7 });
        return ok(stored);
      },
    });
    renderApp(`/housing/landlords/${COMPANY}`);
    await screen.findByRole('heading', { level: 1, name: 'Musterland Wohnungsbau eG' });
    const contacts = screen.getByRole('region', { name: 'Ansprechpersonen' });
    expect(contacts.textContent).toContain('Petra Quartier');
    expect(within(contacts).getByRole('link', { name: '05101 4401' }).getAttribute('href')).toBe('tel:051014401');
    const agreements = screen.getByRole('table', { name: '2 Vereinbarungen' });
    const [current, expired] = within(agreements).getAllByRole('row').slice(1);
    expect(current.textContent).toContain('gilt');
    expect(current.textContent).toContain('2 von 5 in diesem Jahr');
    expect(current.textContent).toContain('unbefristet');
    expect(expired.textContent).toContain('abgelaufen');
    expect(expired.textContent).toContain('0 Vermittlungen in diesem Jahr (kein Kontingent)');
    const offers = screen.getByRole('table', { name: '2 Angebote Ihrer Organisation, das neueste zuerst' });
    expect(within(offers).getByRole('link', { name: 'Am Deich 7, 05101 Musterstadt' }).getAttribute('href')).toBe('/housing/offers/f0f0f0f0-f0f0-4f0f-8f0f-f0f0f0f0f001');
    expect(offers.textContent).toContain('vermietet');
    expect(screen.getByRole('region', { name: 'Notizen' }).textContent).toContain('Anfragen bitte gesammelt montags.');
    expect(screen.getByText('Eine Kooperationsvereinbarung gilt heute.')).toBeTruthy();
    await expectNoViolations();

    fireEvent.click(screen.getByRole('button', { name: 'Vermieter bearbeiten' }));
    const form = await screen.findByRole('form', { name: 'Vermieter bearbeiten: Musterland Wohnungsbau eG' });
    fireEvent.click(within(form).getByRole('button', { name: 'Ansprechperson hinzufügen' }));
    const second = within(form).getByRole('group', { name: 'Ansprechperson 2' });
    fireEvent.change(within(second).getByLabelText('Name', { exact: false }), { target: { value: 'Jan Hausmeister' } });
    fireEvent.change(within(second).getByLabelText('E-Mail'), { target: { value: 'jan@musterland-wohnen.example' } });
    await expectNoViolations();
    fireEvent.click(within(form).getByRole('button', { name: 'Speichern' }));
    await screen.findByText('„Musterland Wohnungsbau eG“ wurde gespeichert.');
    expect(patches).toEqual([
      {
        version: 6, kind: 'cooperative', name: 'Musterland Wohnungsbau eG', street: 'Hafenstraße', houseNumber: '3', postalCode: '05101', city: 'Musterstadt',
        phone: '05101 4400', email: 'vermietung@musterland-wohnen.example', shared: true, note: 'Anfragen bitte gesammelt montags.',
        contacts: [
          { name: 'Petra Quartier', function: 'Vermietung', phone: '05101 4401', email: null },
          { name: 'Jan Hausmeister', function: null, phone: null, email: 'jan@musterland-wohnen.example' },
        ],
      },
    ]);
    expect(screen.getByRole('region', { name: 'Ansprechpersonen' }).textContent).toContain('Jan Hausmeister');
  });

  it('records a new agreement and changes one, each answered with the whole landlord', async () => {
    const posts: unknown[] = [];
    const patches: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'housing.manage'])),
      [`GET /housing/landlords/${COMPANY}`]: ok(landlord({ agreements: [agreement()] })),
      [`POST /housing/landlords/${COMPANY}/agreements`]: ({ body }) => {
        posts.push(body);
        return ok(landlord({ agreements: [agreement(), agreement({ id: 'abababab-abab-4bab-8bab-ababababab03', title: 'Sozialwohnungen Nordviertel', validFrom: '2026-07-01', flatsPerYear: 3, lettingsThisYear: 0, state: 'upcoming' })], version: 7 }));
      },
      [`PATCH /housing/landlord-agreements/${AGREEMENT}`]: ({ body }) => {
        patches.push(body);
        return ok(landlord({ agreements: [agreement({ flatsPerYear: 6, version: 2 })], version: 7 }));
      },
    });
    renderApp(`/housing/landlords/${COMPANY}`);
    const form = await screen.findByRole('form', { name: 'Vereinbarung erfassen' });
    fireEvent.change(within(form).getByLabelText('Titel', { exact: false }), { target: { value: 'Sozialwohnungen Nordviertel' } });
    fireEvent.change(within(form).getByLabelText('Gültig ab', { exact: false }), { target: { value: '2026-07-01' } });
    fireEvent.change(within(form).getByLabelText('Wohnungen pro Jahr (Kontingent)'), { target: { value: '3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Vereinbarung anlegen' }));
    await screen.findByText('Die Vereinbarung ist erfasst.');
    expect(posts).toEqual([{ title: 'Sozialwohnungen Nordviertel', validFrom: '2026-07-01', validUntil: null, flatsPerYear: 3, subject: null }]);
    const table = screen.getByRole('table', { name: '2 Vereinbarungen' });
    expect(table.textContent).toContain('noch nicht in Kraft');
    expect(table.textContent).toContain('0 von 3 in diesem Jahr');

    fireEvent.click(within(table).getByRole('button', { name: 'Bearbeiten: Kooperationsvertrag Belegungsrechte' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vereinbarung bearbeiten' });
    fireEvent.change(within(dialog).getByLabelText('Wohnungen pro Jahr (Kontingent)'), { target: { value: '6' } });
    await expectNoViolations();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches).toEqual([
      { version: 1, title: 'Kooperationsvertrag Belegungsrechte', validFrom: '2026-01-01', validUntil: null, flatsPerYear: 6, subject: 'Fünf Wohnungen im Jahr für Haushalte aus Notunterkünften.' },
    ]);
    expect(screen.getByRole('table', { name: '1 Vereinbarung' }).textContent).toContain('2 von 6 in diesem Jahr');
  });

  it('a shared landlord of another organisation: read only, no forms', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'housing.manage'])),
      [`GET /housing/landlords/${COMPANY}`]: ok(landlord({ canEdit: false, orgName: 'Wohnhilfe Lindenau', offers: [] })),
    });
    renderApp(`/housing/landlords/${COMPANY}`);
    await screen.findByRole('heading', { level: 1, name: 'Musterland Wohnungsbau eG' });
    expect(screen.getByText('Wohnungsgenossenschaft · erfasst von Wohnhilfe Lindenau')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Vermieter bearbeiten' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Vereinbarung erfassen' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Bearbeiten:/ })).toBeNull();
    expect(screen.getByText('Ihre Organisation hat noch kein Angebot dieses Vermieters erfasst.')).toBeTruthy();
    await expectNoViolations();
  });
});
