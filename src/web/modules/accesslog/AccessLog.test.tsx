import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AccessLog } from '../../../contracts/accesslog';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { emptyFile } from '../casefile/fixtures';
import type { CaseSummary } from '../cases/types';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const CASE_ID = '66666666-6666-4666-8666-666666666666';
const OWN = '22222222-2222-4222-8222-222222222222';
const B = '33333333-3333-4333-8333-333333333333';
const COURT = '44444444-4444-4444-8444-444444444444';

const log: AccessLog = {
  caseId: CASE_ID,
  from: null,
  to: null,
  generatedAt: '2026-11-21T10:00:00.000Z',
  total: 6,
  organisations: [
    {
      orgId: OWN, name: 'Wohnhilfe Musterland e.V.', kind: 'provider', own: true, count: 4, firstAt: '2026-11-16T08:00:00.000Z', lastAt: '2026-11-20T09:00:00.000Z',
      actors: [
        {
          kind: 'user', userId: '55555555-5555-4555-8555-555555555555', name: 'Fatma Fachkraft', count: 4, firstAt: '2026-11-16T08:00:00.000Z', lastAt: '2026-11-20T09:00:00.000Z',
          activities: [
            { activity: 'case_read', kind: 'read', actions: ['case.read'], recipients: [], count: 2, firstAt: '2026-11-16T08:00:00.000Z', lastAt: '2026-11-18T08:00:00.000Z' },
            { activity: 'other', kind: 'read', actions: ['housing.offer.view'], recipients: [], count: 1, firstAt: '2026-11-19T08:00:00.000Z', lastAt: '2026-11-19T08:00:00.000Z' },
            { activity: 'data_disclosed', kind: 'transmit', actions: ['disclosure.create'], recipients: ['Sozialwerk Ahrensberg gGmbH'], count: 1, firstAt: '2026-11-20T09:00:00.000Z', lastAt: '2026-11-20T09:00:00.000Z' },
          ],
        },
      ],
    },
    {
      orgId: COURT, name: 'Amtsgericht Musterstadt', kind: 'court', own: false, count: 1, firstAt: '2026-11-16T07:00:00.000Z', lastAt: '2026-11-16T07:00:00.000Z',
      actors: [
        {
          kind: 'api_key', userId: null, name: 'Fachverfahren Gericht', count: 1, firstAt: '2026-11-16T07:00:00.000Z', lastAt: '2026-11-16T07:00:00.000Z',
          activities: [{ activity: 'notice_sent', kind: 'transmit', actions: ['notice.create'], recipients: [], count: 1, firstAt: '2026-11-16T07:00:00.000Z', lastAt: '2026-11-16T07:00:00.000Z' }],
        },
      ],
    },
    {
      orgId: B, name: 'Sozialwerk Ahrensberg gGmbH', kind: 'provider', own: false, count: 1, firstAt: '2026-11-20T10:00:00.000Z', lastAt: '2026-11-20T10:00:00.000Z',
      actors: [
        {
          kind: 'user', userId: '77777777-7777-4777-8777-777777777777', name: 'Bernd Beratung', count: 1, firstAt: '2026-11-20T10:00:00.000Z', lastAt: '2026-11-20T10:00:00.000Z',
          activities: [{ activity: 'disclosure_received_read', kind: 'receive', actions: ['disclosure.read'], recipients: [], count: 1, firstAt: '2026-11-20T10:00:00.000Z', lastAt: '2026-11-20T10:00:00.000Z' }],
        },
      ],
    },
  ],
  disclosures: [
    {
      id: '88888888-8888-4888-8888-888888888888', kind: 'share', at: '2026-11-20T09:00:00.000Z', fromOrgId: OWN, fromOrgName: 'Wohnhilfe Musterland e.V.', by: 'Fatma Fachkraft',
      recipientOrgId: B, recipientName: 'Sozialwerk Ahrensberg gGmbH', categories: ['identity', 'tenancy'], status: 'accepted',
      received: { count: 1, firstAt: '2026-11-20T10:00:00.000Z', lastAt: '2026-11-20T10:00:00.000Z' },
    },
  ],
};

function summary(): CaseSummary {
  return {
    id: CASE_ID, caseNumber: '2026-000042', status: 'open', version: 1, receivedOn: '2026-11-16', firstContactDue: '2026-11-19', assignee: null,
    location: null, routingNote: null,
    household: { id: '99999999-9999-4999-8999-999999999999', address: { street: 'Lindenstraße', houseNumber: '5', postalCode: '05101', city: 'Musterstadt' }, size: 1, children: 0 },
    tenants: [{ personId: '12121212-1212-4121-8121-121212121212', firstName: 'Wiebke', lastName: 'Walkin', birthDate: null, servedOn: null }],
    legal: {
      landlord: null, monthlyRent: null, arrears: null, terminationType: null, terminationReceivedOn: null, courtName: null, courtFileNumber: null,
      suitFiledOn: null, hearingOn: null, judgmentOn: null, judgmentFinalOn: null, raeumungsfristEnd: null, evictionOn: null, earlierCuredTerminations: [],
    },
    file: emptyFile(),
    deadlines: [],
    notices: [],
  } as CaseSummary;
}

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const logUrls = (fetchMock: ReturnType<typeof fakeServer>) =>
  fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost')).filter((u) => u.pathname.endsWith('/access-log'));

describe('who saw this?', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('the print view for an administrator: by organisation and person, the data passed on, without the case file', async () => {
    const admin = makeSession({ roles: ['org_admin'], permissions: ['cases.access_log', 'users.read'] });
    const fetchMock = fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(admin),
      [`GET /cases/${CASE_ID}/access-log`]: ({ url }) => ok({ ...log, from: url.searchParams.get('from'), to: url.searchParams.get('to') }),
    });
    renderApp(`/cases/${CASE_ID}/access-log`);
    await screen.findByRole('heading', { level: 1, name: 'Auskunft über Zugriffe auf personenbezogene Daten (Art. 15 DSGVO)' });
    await screen.findByRole('heading', { level: 3, name: 'Wohnhilfe Musterland e.V.' });
    expect(screen.getByText('hält den Fall')).toBeTruthy();
    const own = screen.getByRole('region', { name: 'Zugriffe: Wohnhilfe Musterland e.V.' });
    expect(within(own).getByRole('rowheader', { name: 'Fatma Fachkraft' })).toBeTruthy();
    expect(within(own).getByText('Fallakte gelesen (2×)')).toBeTruthy();
    expect(within(own).getByText('Sonstiger Zugriff (housing.offer.view) (1×)')).toBeTruthy();
    expect(within(own).getByText('Daten übermittelt an Sozialwerk Ahrensberg gGmbH (1×)')).toBeTruthy();
    expect(screen.getByText('Fachverfahren Gericht (Partnerschnittstelle)')).toBeTruthy();
    expect(screen.getByText('Meldung übermittelt (1×)')).toBeTruthy();
    expect(screen.getByText('Übermittelte Daten gelesen (1×)')).toBeTruthy();
    // The flow of data to Träger B, and that it arrived there.
    const flows = screen.getByRole('region', { name: '1 Übermittlung, älteste zuerst' });
    const row = within(flows).getByRole('rowheader', { name: 'Sozialwerk Ahrensberg gGmbH' }).closest('tr')!;
    expect(row.textContent).toContain('Freigabe');
    expect(row.textContent).toContain('angenommen');
    expect(row.textContent).toContain('Identität, Mietverhältnis');
    expect(row.textContent).toContain('geöffnet oder bearbeitet: 1×');
    // An administrator has no access to the case file: the case is named by its id, never loaded.
    expect(screen.getByText(CASE_ID)).toBeTruthy();
    expect(fetchMock.mock.calls.some(([input]) => new URL(String(input), 'http://localhost').pathname === `/api/v1/cases/${CASE_ID}`)).toBe(false);
    expect(screen.queryByRole('link', { name: 'Zurück zum Fall' })).toBeNull();
    await expectNoViolations();

    // A period: asked for with the days chosen; an end before the start is not asked at all.
    fireEvent.change(screen.getByLabelText('Von'), { target: { value: '2026-11-01' } });
    await waitFor(() => expect(logUrls(fetchMock).some((u) => u.searchParams.get('from') === '2026-11-01' && !u.searchParams.has('to'))).toBe(true));
    await screen.findByText('ab 01.11.2026');
    const asked = logUrls(fetchMock).length;
    fireEvent.change(screen.getByLabelText('Bis'), { target: { value: '2026-10-01' } });
    expect(await screen.findByText('Das Ende des Zeitraums darf nicht vor seinem Beginn liegen.')).toBeTruthy();
    expect(logUrls(fetchMock).length).toBe(asked);
  });

  it('the print view for a team lead names the case; an empty log says so', async () => {
    const lead = makeSession({ roles: ['team_lead'], permissions: ['cases.read', 'cases.access_log'] });
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(lead),
      [`GET /cases/${CASE_ID}`]: ok(summary()),
      [`GET /cases/${CASE_ID}/access-log`]: ok({ ...log, total: 0, organisations: [], disclosures: [] }),
    });
    renderApp(`/cases/${CASE_ID}/access-log?from=2026-01-01&to=2026-01-31`);
    expect(await screen.findByText('2026-000042: Wiebke Walkin')).toBeTruthy();
    expect(screen.getByText('Lindenstraße 5, 05101 Musterstadt')).toBeTruthy();
    expect(screen.getByText('01.01.2026 bis 31.01.2026')).toBeTruthy();
    expect(await screen.findByText('Im gewählten Zeitraum ist kein Zugriff protokolliert.')).toBeTruthy();
    expect(screen.getByText('Im gewählten Zeitraum wurden keine Daten an andere Stellen übermittelt.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Zurück zum Fall' }).getAttribute('href')).toBe(`/cases/${CASE_ID}?tab=access-log`);
    await expectNoViolations();
  });

  it('the case tab "Zugriffe" exists only with the permission, and opens the print view with the period', async () => {
    const lead = makeSession({ roles: ['team_lead'], permissions: ['cases.read', 'cases.access_log'] });
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(lead),
      [`GET /cases/${CASE_ID}`]: ok(summary()),
      [`GET /cases/${CASE_ID}/access-log`]: ok(log),
    });
    const view = renderApp(`/cases/${CASE_ID}?tab=access-log&from=2026-11-01`);
    expect(await screen.findByRole('heading', { level: 2, name: 'Wer hat die Daten gesehen?' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Zugriffe', selected: true })).toBeTruthy();
    expect(await screen.findByText('Fallakte gelesen (2×)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Druckansicht' }).getAttribute('href')).toBe(`/cases/${CASE_ID}/access-log?from=2026-11-01`);
    view.unmount();
    vi.unstubAllGlobals();

    const caseworker = makeSession({ roles: ['caseworker'], permissions: ['cases.read', 'cases.edit'] });
    fakeServer({ 'GET /config': ok(publicConfig), 'GET /auth/session': ok(caseworker), [`GET /cases/${CASE_ID}`]: ok(summary()) });
    renderApp(`/cases/${CASE_ID}?tab=access-log`);
    await screen.findByRole('heading', { level: 1, name: 'Fall 2026-000042' });
    expect(screen.queryByRole('tab', { name: 'Zugriffe' })).toBeNull();
  });

  it('speaks English', async () => {
    await i18n.changeLanguage('en');
    const admin = makeSession({ roles: ['org_admin'], permissions: ['cases.access_log'], user: { ...makeSession().user, language: 'en' } });
    fakeServer({ 'GET /config': ok(publicConfig), 'GET /auth/session': ok(admin), [`GET /cases/${CASE_ID}/access-log`]: ok(log) });
    renderApp(`/cases/${CASE_ID}/access-log`);
    expect(await screen.findByText('Case file read (2×)')).toBeTruthy();
    expect(screen.getByText('Data disclosed to Sozialwerk Ahrensberg gGmbH (1×)')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Data passed on to others' })).toBeTruthy();
  });
});
