import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Organisation } from '../../../contracts/admin';
import type { Consent, DisclosureDetail } from '../../../contracts/consents';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import type { CaseSummary } from '../cases/types';
import { emptyFile } from '../casefile/fixtures';
import { emptyConsentForm, toConsentBody } from './ConsentForm';

// The case page is loaded lazily: slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });
configure({ asyncUtilTimeout: 30_000 });

// Mantine's autosizing textarea listens for web fonts, which jsdom lacks.
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {} } });

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const CASE_ID = '66666666-6666-4666-8666-666666666666';
const PERSON_ID = '77777777-7777-4777-8777-777777777777';
const OWN_ORG = '22222222-2222-4222-8222-222222222222';
const SUCHT_ORG = '33333333-3333-4333-8333-333333333333';
const SUCHT_ENTRY = '44444444-4444-4444-8444-444444444444';
const DISCLOSURE_ID = '55555555-5555-4555-8555-555555555555';

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function summary(): CaseSummary {
  return {
    id: CASE_ID,
    caseNumber: '2026-000042',
    status: 'open',
    version: 1,
    receivedOn: '2026-02-04',
    firstContactDue: '2026-02-09',
    assignee: null,
    location: null,
    routingNote: null,
    household: { id: '88888888-8888-4888-8888-888888888888', address: { street: 'Lindenstraße', houseNumber: '5', postalCode: '05101', city: 'Musterstadt' }, size: 1, children: 0 },
    tenants: [{ personId: PERSON_ID, firstName: 'Wiebke', lastName: 'Walkin', birthDate: '1990-03-03', servedOn: null }],
    legal: {
      landlord: { name: 'Musterländer Wohnungsbau GmbH' }, monthlyRent: 650, arrears: 1300, terminationType: null, terminationReceivedOn: null, courtName: null, courtFileNumber: null,
      suitFiledOn: null, hearingOn: null, judgmentOn: null, judgmentFinalOn: null, raeumungsfristEnd: null, evictionOn: null, earlierCuredTerminations: [],
    },
    file: emptyFile({
      members: [{ personId: PERSON_ID, firstName: 'Wiebke', lastName: 'Walkin', birthDate: '1990-03-03', age: 35, relation: 'main_tenant', isCaseTenant: true, sex: null, nationality: null }],
      facts: { size: 1, children: 0, adults: 1, ageUnknown: 0 },
    }),
    deadlines: [],
    notices: [],
  };
}

const organisation = (id: string, name: string, kind: Organisation['kind']): Organisation => ({
  id, name, shortName: null, kind, email: null, phone: null, address: null, active: true, version: 1,
});

const consent = (over: Partial<Consent> = {}): Consent => ({
  id: '99999999-9999-4999-8999-000000000001',
  caseId: CASE_ID,
  person: { id: PERSON_ID, name: 'Wiebke Walkin' },
  recipients: [{ kind: 'directory', orgId: null, directoryOrganizationId: SUCHT_ENTRY, name: 'Drogen- und Suchtberatung Musterland e.V.' }],
  purposes: ['referral'],
  categories: ['identity', 'contact', 'addiction'],
  givenOn: '2026-03-02',
  validUntil: null,
  openEnded: true,
  form: 'verbal_witnessed',
  witness: 'Karl Kollege',
  document: null,
  note: null,
  recordedBy: 'Fatma Fachkraft',
  recordedAt: '2026-03-02T10:00:00.000Z',
  revokedOn: null,
  revocationNote: null,
  state: 'valid',
  events: [{ at: '2026-03-02T10:00:00.000Z', event: 'recorded', user: 'Fatma Fachkraft', disclosureId: null, details: null }],
  ...over,
});

/** The case page on the consents tab, for a caseworker of the own organisation; `post` answers the recording. */
function caseServer(post: (body: Record<string, unknown>) => FakeResponse, consents: Consent[] = []) {
  const posted: Record<string, unknown>[] = [];
  fakeServer({
    'GET /config': ok(publicConfig),
    'GET /auth/session': ok(
      makeSession({
        organisation: { id: OWN_ORG, name: 'Wohnhilfe Musterland e.V.', kind: 'provider' },
        roles: ['caseworker'],
        permissions: ['cases.read', 'cases.edit', 'consents.manage', 'disclosures.receive', 'organisations.read'],
      }),
    ),
    [`GET /cases/${CASE_ID}`]: ok(summary()),
    [`GET /cases/${CASE_ID}/consents`]: ok({ items: consents }),
    [`GET /cases/${CASE_ID}/disclosures`]: ok({ items: [] }),
    [`GET /cases/${CASE_ID}/documents`]: ok({ items: [], maxUploadBytes: 10_000_000 }),
    'GET /organisations': ok({ items: [organisation(OWN_ORG, 'Wohnhilfe Musterland e.V.', 'provider'), organisation(SUCHT_ORG, 'Drogen- und Suchtberatung Musterland e.V.', 'partner')] }),
    'GET /directory/organizations': ok({ items: [{ id: SUCHT_ENTRY, name: 'Drogen- und Suchtberatung Musterland e.V.', services: 1, locations: 1, mayEdit: false }], mayCreate: false, mayImport: false }),
    'GET /directory/services': ok({ items: [], total: 0 }),
    [`POST /cases/${CASE_ID}/consents`]: ({ body }) => {
      posted.push(body as Record<string, unknown>);
      return post(body as Record<string, unknown>);
    },
  });
  renderApp(`/cases/${CASE_ID}?tab=consents`);
  return posted;
}

const form = () => screen.findByRole('form', { name: 'Einwilligung erfassen' });

async function fillRequired(f: HTMLElement) {
  const directory = within(f).getByRole('group', { name: 'Partner aus dem Verzeichnis der Hilfeangebote' });
  fireEvent.click(await within(directory).findByRole('checkbox', { name: 'Drogen- und Suchtberatung Musterland e.V.' }));
  fireEvent.click(within(f).getByRole('checkbox', { name: 'Vermittlung/Überleitung' }));
  for (const c of ['Identität (Namen, Geburtsdaten)', 'Kontaktdaten und Anschrift', 'Sucht (besonders geschützt)']) fireEvent.click(within(f).getByRole('checkbox', { name: c }));
}

describe('the consent form’s request body', () => {
  // Table-driven: the end of validity is a date, or explicitly open-ended — an empty date is never "forever".
  const base = { ...emptyConsentForm(summary(), '2026-03-02'), recipients: [`dir:${SUCHT_ENTRY}`, 'landlord'], purposes: ['referral'], categories: ['identity'] };
  it.each([
    ['a date', { validUntil: '2027-03-01', openEnded: false }, { validUntil: '2027-03-01', openEnded: false }],
    ['open-ended', { validUntil: '', openEnded: true }, { validUntil: null, openEnded: true }],
    ['open-ended wins over a date typed before ticking', { validUntil: '2027-03-01', openEnded: true }, { validUntil: null, openEnded: true }],
    ['neither: sent as missing, so the server names the field', { validUntil: '', openEnded: false }, { validUntil: null, openEnded: false }],
  ])('%s', (_, input, expected) => {
    const body = toConsentBody({ ...base, ...input });
    expect({ validUntil: body.validUntil, openEnded: body.openEnded }).toEqual(expected);
    expect(body.recipients).toEqual([{ kind: 'directory', directoryOrganizationId: SUCHT_ENTRY }, { kind: 'landlord' }]);
    expect(body.witness).toBeNull();
  });
});

describe('consents tab', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('"unbefristet" disables and clears the end date; the consent is sent open-ended', async () => {
    const posted = caseServer(() => ({ status: 201, body: consent() }));
    const f = await form();
    await fillRequired(f);
    const until = within(f).getByLabelText(/^Gültig bis/) as HTMLInputElement;
    fireEvent.change(until, { target: { value: '2027-03-01' } });
    fireEvent.click(within(f).getByRole('checkbox', { name: /^unbefristet/ }));
    expect(until.disabled).toBe(true);
    expect(until.value).toBe('');
    fireEvent.click(within(f).getByRole('radio', { name: 'mündlich, mit Zeugin oder Zeuge' }));
    fireEvent.change(within(f).getByLabelText(/^Zeugin oder Zeuge/), { target: { value: 'Karl Kollege' } });
    await expectNoViolations();
    fireEvent.click(within(f).getByRole('button', { name: 'Einwilligung speichern' }));
    await screen.findByText('Die Einwilligung von Wiebke Walkin ist gespeichert.');
    expect(posted[0]).toMatchObject({
      personId: PERSON_ID,
      recipients: [{ kind: 'directory', directoryOrganizationId: SUCHT_ENTRY }],
      purposes: ['referral'],
      categories: ['identity', 'contact', 'addiction'],
      validUntil: null,
      openEnded: true,
      form: 'verbal_witnessed',
      witness: 'Karl Kollege',
    });
  });

  it('neither a date nor "unbefristet": the server’s message is on the date field, linked to it, and the summary takes focus', async () => {
    const message = 'Bitte ein Enddatum angeben oder ausdrücklich „unbefristet“ wählen.';
    const posted = caseServer(() => ({
      status: 422,
      body: { error: { code: 'validation_failed', message: 'Die Eingaben sind nicht gültig.', fields: [{ path: 'validUntil', message }], requestId: 'r' } },
    }));
    const f = await form();
    await fillRequired(f);
    fireEvent.click(within(f).getByRole('button', { name: 'Einwilligung speichern' }));
    const until = within(f).getByLabelText(/^Gültig bis/) as HTMLInputElement;
    await waitFor(() => expect(until.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (until.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain(message);
    expect(posted[0]).toMatchObject({ validUntil: null, openEnded: false });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Die Eingaben sind nicht gültig.'));
    // Placed on its field, the message is not repeated as a loose line in the summary.
    expect(within(screen.getByRole('alert')).queryByText(message)).toBeNull();
    await expectNoViolations();
  });

  it('lists a consent with its state, "unbefristet", the witness and its trail', async () => {
    caseServer(() => ({ status: 500 }), [consent()]);
    const card = await screen.findByRole('article', { name: 'Einwilligung von Wiebke Walkin vom 02.03.2026' });
    expect(within(card).getByText('gültig')).toBeTruthy();
    expect(within(card).getByText('unbefristet')).toBeTruthy();
    expect(within(card).getByText('mündlich, Zeugin oder Zeuge: Karl Kollege')).toBeTruthy();
    expect(within(card).getByText('Identität (Namen, Geburtsdaten), Kontaktdaten und Anschrift, Sucht')).toBeTruthy();
    expect(within(within(card).getByRole('region', { name: 'Verlauf dieser Einwilligung' })).getByText(/erfasst/)).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Widerruf erfassen: Einwilligung von Wiebke Walkin vom 02.03.2026' })).toBeTruthy();
    await expectNoViolations();
  });
});

describe('inbox detail', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  const detail: DisclosureDetail = {
    id: DISCLOSURE_ID, kind: 'referral', caseId: CASE_ID, caseNumber: null,
    sender: { id: OWN_ORG, name: 'Wohnhilfe Musterland e.V.' },
    recipient: { orgId: SUCHT_ORG, directoryOrganizationId: SUCHT_ENTRY, serviceName: 'Suchtberatung', name: 'Drogen- und Suchtberatung Musterland e.V. – Suchtberatung' },
    consentId: '99999999-9999-4999-8999-000000000001', categories: ['identity', 'addiction'], message: 'Bitte um Termin', status: 'open', consentLapsed: false,
    responseReason: null, respondedAt: null, respondedBy: null, replyDueOn: '2026-03-16', replyOverdue: false, endReason: null,
    createdAt: '2026-03-02T10:00:00.000Z', createdBy: null, newCaseId: null, version: 1,
    payload: {
      identity: { members: [{ firstName: 'Wiebke', lastName: 'Walkin', birthDate: '1990-03-03', relation: 'main_tenant' }] },
      addiction: { markers: ['addiction'], note: 'Alkohol' },
    },
  };

  it('shows only the sections sent; declining without a reason shows the server’s message on the reason field', async () => {
    const answers: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ organisation: { id: SUCHT_ORG, name: 'Drogen- und Suchtberatung Musterland e.V.', kind: 'partner' }, roles: ['caseworker'], permissions: ['cases.read', 'disclosures.receive'] })),
      [`GET /disclosures/${DISCLOSURE_ID}`]: ok(detail),
      [`POST /disclosures/${DISCLOSURE_ID}/respond`]: ({ body }) => {
        answers.push(body);
        return { status: 422, body: { error: { code: 'validation_failed', message: 'Die Eingaben sind nicht gültig.', fields: [{ path: 'reason', message: 'Pflichtfeld.' }], requestId: 'r' } } };
      },
    });
    renderApp(`/inbox/${DISCLOSURE_ID}`);
    await screen.findByRole('heading', { level: 1, name: 'Vermittlung von Wohnhilfe Musterland e.V.' });
    const payload = screen.getByRole('region', { name: 'Übermittelte Daten' });
    expect(within(payload).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Identität (Namen, Geburtsdaten)', 'Sucht']);
    expect(within(payload).getByText('Alkohol')).toBeTruthy();
    await expectNoViolations();
    fireEvent.click(screen.getByRole('button', { name: 'Ablehnen' }));
    const reason = screen.getByLabelText(/^Begründung/);
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(answers).toEqual([{ decision: 'decline', reason: null, version: 1 }]);
  });

  it('a disclosure that is gone (withdrawn, consent revoked) is "not found"', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['caseworker'], permissions: ['disclosures.receive'] })),
    });
    renderApp(`/inbox/${DISCLOSURE_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: i18n.t('errors.notFoundTitle') })).toBeTruthy();
  });
});
