import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { dashboard, districtReport, drillList, IDS, report } from './fixtures';
import { presetPeriod } from './params';

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

const caseworker = (language: 'de' | 'en' = 'de') =>
  makeSession({
    roles: ['caseworker'],
    permissions: ['cases.read', 'reports.read', 'municipalities.read', 'locations.read', 'organisations.read'],
    user: { ...makeSession().user, displayName: 'Frieda Fachkraft', language },
  });
const teamLead = () =>
  makeSession({
    roles: ['team_lead', 'caseworker'],
    permissions: ['cases.read', 'cases.assign', 'reports.read', 'municipalities.read', 'locations.read', 'organisations.read'],
    user: { ...makeSession().user, displayName: 'Theo Teamleitung' },
  });
const statistics = (language: 'de' | 'en' = 'de') =>
  makeSession({
    roles: ['statistics'],
    permissions: ['organisations.read', 'municipalities.read', 'locations.read', 'reports.aggregate', 'reports.official', 'reports.pseudonymised'],
    user: { ...makeSession().user, displayName: 'Stefanie Statistik', language },
  });

const lookups = {
  'GET /municipalities': ok({ items: [{ id: IDS.municipality, name: 'Musterstadt', ags: '05999001', postalCodes: ['05101'], version: 1 }] }),
  'GET /locations': ok({
    items: [
      { id: IDS.location, orgId: IDS.org, orgName: 'Fachstelle Musterkreis', name: 'Beratung Mitte', address: { street: 'Markt', houseNumber: '1', postalCode: '05101', city: 'Musterstadt' }, phone: null, email: null, officeHours: [], municipalityIds: [], active: true, version: 1 },
    ],
  }),
  'GET /organisations': ok({
    items: [
      { id: IDS.org, name: 'Fachstelle Musterkreis', shortName: null, kind: 'district_office', email: null, phone: null, address: null, active: true, version: 1 },
      { id: IDS.otherOrg, name: 'Wohnhilfe Muster e.V.', shortName: null, kind: 'provider', email: null, phone: null, address: null, active: true, version: 1 },
    ],
  }),
};

function rowsOf(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => Array.from(r.children).map((c) => c.textContent));
}

describe('evaluation report', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('shows every part of the report with a table behind each chart; counts drill down with the filters; filters and presets go to the address and the request', async () => {
    const asked: URLSearchParams[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker()),
      ...lookups,
      'GET /reports/evaluation': ({ url }) => {
        asked.push(url.searchParams);
        return ok(report({ from: url.searchParams.get('from')!, to: url.searchParams.get('to')! }));
      },
    });
    renderApp('/reports?from=2026-01-01&to=2026-03-31');
    await screen.findByRole('heading', { level: 1, name: 'Auswertung' });
    const kinds = await screen.findByRole('table', { name: 'Meldungen nach Meldeweg' });
    expect(asked[0].toString()).toBe('from=2026-01-01&to=2026-03-31&scope=organisation');
    expect(rowsOf(kinds)).toContainEqual(['Räumungsklage (Mitteilung des Amtsgerichts)', '7 Fälle – Meldungen nach Meldeweg: Räumungsklage (Mitteilung des Amtsgerichts)']);
    expect(within(kinds).getAllByRole('row').at(-1)!.textContent).toBe('Insgesamt14');
    // The chart is for the eye; the table carries the same numbers.
    expect(screen.getByTestId('chart-notices_by_kind').getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByTestId('chart-notices_by_month').getAttribute('aria-hidden')).toBe('true');

    // Every section of the report is there.
    for (const name of [
      'Meldungen je Monat',
      'Haushalte nach Zielgruppe',
      'Haushalte nach Erreichung',
      'Tage bis zum ersten Kontaktversuch: Verteilung',
      'Tage bis zum ersten Gespräch: Verteilung',
      'Fälle nach Ergebnis',
      'Fälle nach Ursache der Mietschulden',
      'Maßnahmen nach Art',
      'Anträge auf Mietschuldenübernahme nach Stand',
      'Mietverträge je Monat',
      'Nach 6 Monaten',
      'Nach 12 Monaten',
    ]) {
      expect(screen.getByRole('table', { name })).toBeTruthy();
    }
    const months = screen.getByRole('table', { name: 'Meldungen je Monat' });
    expect(rowsOf(months).map((r) => r[0])).toEqual(['Jan. 2026', 'Feb. 2026', 'März 2026', 'Insgesamt']);
    const speed = screen.getByRole('region', { name: 'Tempo der Kontaktaufnahme' });
    expect(within(speed).getByText('4,5 Tage')).toBeTruthy();
    expect(screen.getByText('75 %', { selector: 'dd' })).toBeTruthy();
    expect(screen.getByText('8.450,50 €')).toBeTruthy();
    const outcomes = screen.getByRole('table', { name: 'Fälle nach Ergebnis' });
    expect(rowsOf(outcomes)).toContainEqual(['offen', '8 Fälle – Fälle nach Ergebnis: offen']);

    // A count links to its cases with indicator, key, period and filters; a zero does not.
    const link = within(kinds).getByRole('link', { name: /^7 Fälle/ });
    expect(link.getAttribute('href')).toBe('/reports/cases?from=2026-01-01&to=2026-03-31&scope=organisation&indicator=notices_by_kind&key=court_eviction_suit');
    expect(within(kinds).queryByRole('link', { name: /Sonstige Meldung/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Excel (XLSX) herunterladen' }).getAttribute('href')).toBe(
      '/api/v1/reports/evaluation/export?from=2026-01-01&to=2026-03-31&scope=organisation&format=xlsx&lang=de',
    );
    // One scope only: no switch, no organisation filter.
    expect(screen.queryByRole('radio', { name: 'Ganzer Kreis' })).toBeNull();
    expect(screen.queryByLabelText('Organisation')).toBeNull();
    await expectNoViolations();

    // A filter: into the request, and (through the address) into the drill-down and download links.
    await waitFor(() => expect(screen.getByLabelText('Gemeinde').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Meldeweg'), { target: { value: 'jobcenter_warning' } });
    await waitFor(() => expect(asked.at(-1)!.get('noticeKind')).toBe('jobcenter_warning'));
    fireEvent.change(screen.getByLabelText('Gemeinde'), { target: { value: IDS.municipality } });
    await waitFor(() => expect(asked.at(-1)!.get('municipalityId')).toBe(IDS.municipality));
    const filtered = await screen.findByRole('link', { name: /^7 Fälle – Meldungen nach Meldeweg: Räumungsklage/ });
    expect(filtered.getAttribute('href')).toBe(
      `/reports/cases?from=2026-01-01&to=2026-03-31&scope=organisation&municipalityId=${IDS.municipality}&noticeKind=jobcenter_warning&indicator=notices_by_kind&key=court_eviction_suit`,
    );
    expect(screen.getByRole('link', { name: 'CSV herunterladen' }).getAttribute('href')).toContain(`municipalityId=${IDS.municipality}&noticeKind=jobcenter_warning&format=csv`);

    // A preset sets the period (and shows as pressed); the keyboard reaches it.
    const lastYear = screen.getByRole('button', { name: 'Letztes Jahr' });
    lastYear.focus();
    expect(document.activeElement).toBe(lastYear);
    fireEvent.click(lastYear);
    const period = presetPeriod('lastYear');
    await waitFor(() => expect(`${asked.at(-1)!.get('from')}/${asked.at(-1)!.get('to')}`).toBe(`${period.from}/${period.to}`));
    expect(asked.at(-1)!.get('noticeKind')).toBe('jobcenter_warning');
    expect(screen.getByRole('button', { name: 'Letztes Jahr' }).getAttribute('aria-pressed')).toBe('true');

    // A reversed period is named at the field and not asked for.
    const count = asked.length;
    fireEvent.change(screen.getByLabelText('Bis'), { target: { value: '2000-01-01' } });
    expect(await screen.findByText('„Bis“ liegt vor „Von“.')).toBeTruthy();
    expect(asked.length).toBe(count);
  });

  it('in the district scope shows suppressed cells as "< 5" and "unterdrückt", never 0, with no links to cases; the organisation filter is offered', async () => {
    const asked: URLSearchParams[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(statistics()),
      ...lookups,
      'GET /reports/evaluation': ({ url }) => {
        asked.push(url.searchParams);
        return ok(districtReport());
      },
    });
    renderApp('/reports?from=2026-01-01&to=2026-03-31');
    const kinds = await screen.findByRole('table', { name: 'Meldungen nach Meldeweg' });
    expect(asked[0].get('scope')).toBe('district');
    const rows = rowsOf(kinds);
    expect(rows).toContainEqual(['Mietrückstände (Meldung des Jobcenters)', '< 5']);
    expect(rows).toContainEqual(['Selbstmeldung', 'unterdrückt']);
    expect(rows).toContainEqual(['Insgesamt', 'unterdrückt']);
    expect(within(kinds).queryAllByRole('link')).toHaveLength(0);
    expect(screen.getByRole('complementary', { name: 'Schutz kleiner Zahlen' }).textContent).toContain('weniger als 5 Fälle');
    expect(screen.queryByText('Jede Zahl führt zu den Fällen dahinter.')).toBeNull();

    await waitFor(() => expect(screen.getByLabelText('Organisation').querySelectorAll('option')).toHaveLength(3));
    fireEvent.change(screen.getByLabelText('Organisation'), { target: { value: IDS.otherOrg } });
    await waitFor(() => expect(asked.at(-1)!.get('orgId')).toBe(IDS.otherOrg));
    await expectNoViolations();
  });

  it('with both permissions offers the scope switch; the organisation filter leaves with the district scope', async () => {
    const asked: URLSearchParams[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['caseworker', 'statistics'], permissions: ['cases.read', 'reports.read', 'reports.aggregate', 'organisations.read', 'municipalities.read', 'locations.read'] })),
      ...lookups,
      'GET /reports/evaluation': ({ url }) => {
        asked.push(url.searchParams);
        return ok(url.searchParams.get('scope') === 'district' ? districtReport() : report());
      },
    });
    renderApp(`/reports?from=2026-01-01&to=2026-03-31&scope=district&orgId=${IDS.otherOrg}`);
    await screen.findByRole('table', { name: 'Meldungen nach Meldeweg' });
    expect(asked[0].get('orgId')).toBe(IDS.otherOrg);
    fireEvent.click(screen.getByRole('radio', { name: 'Eigene Organisation' }));
    await waitFor(() => expect(asked.at(-1)!.get('scope')).toBe('organisation'));
    expect(asked.at(-1)!.get('orgId')).toBeNull();
    expect(await screen.findByText('Jede Zahl führt zu den Fällen dahinter.')).toBeTruthy();
  });

  it('lists the cases behind a number with links to them and the way back to the same report', async () => {
    const asked: URLSearchParams[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker()),
      ...lookups,
      'GET /reports/evaluation/cases': ({ url }) => {
        asked.push(url.searchParams);
        return ok(drillList());
      },
    });
    renderApp('/reports/cases?from=2026-01-01&to=2026-03-31&scope=organisation&noticeKind=court_eviction_suit&indicator=outcomes&key=open');
    await screen.findByRole('heading', { level: 1, name: 'Fälle: Ergebnis: offen' });
    const table = await screen.findByRole('table', { name: '2 Fälle: Ergebnis: offen' });
    expect(asked[0].toString()).toBe('from=2026-01-01&to=2026-03-31&scope=organisation&noticeKind=court_eviction_suit&indicator=outcomes&key=open&page=1');
    expect(within(table).getByRole('link', { name: '2026-000012' }).getAttribute('href')).toBe(`/cases/${IDS.caseA}`);
    expect(rowsOf(table)[1]).toEqual(['2026-000031', 'Herr Muster', '–', '02.02.2026', 'abgeschlossen']);
    expect(screen.getByRole('link', { name: 'Zurück zur Auswertung' }).getAttribute('href')).toBe('/reports?from=2026-01-01&to=2026-03-31&scope=organisation&noticeKind=court_eviction_suit');
    await expectNoViolations();
  });

  it('in English', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(statistics('en')),
      ...lookups,
      'GET /reports/evaluation': ok(districtReport()),
    });
    renderApp('/reports?from=2026-01-01&to=2026-03-31');
    await screen.findByRole('heading', { level: 1, name: 'Evaluation report' });
    const kinds = await screen.findByRole('table', { name: 'Notices by channel' });
    expect(rowsOf(kinds)).toContainEqual(['Self-referral', 'suppressed']);
    expect(screen.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toContain('format=pdf&lang=en');
    await expectNoViolations();
  });
});

describe('dashboard on the start page', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('a caseworker sees the figures of the day, deadlines linking to their cases, and no team table', async () => {
    fakeServer({ 'GET /config': ok(publicConfig), 'GET /auth/session': ok(caseworker()), 'GET /reports/dashboard': ok(dashboard()) });
    renderApp('/');
    const overview = await screen.findByRole('region', { name: 'Überblick' });
    const urgency = await within(overview).findByRole('table', { name: 'Meine offenen Fälle nach nächster Frist (13)' });
    expect(rowsOf(urgency)[0]).toEqual(['abgelaufen', '1']);
    expect(within(overview).getByText('Neue Meldungen diese Woche (Organisation)').parentElement!.textContent).toContain('3');
    expect(within(overview).getByRole('link', { name: '2026-000012 – Familie Beispiel' }).getAttribute('href')).toBe(`/cases/${IDS.caseA}`);
    expect(within(overview).getByText('Heute sind 2 Ihrer Aufgaben fällig.')).toBeTruthy();
    expect(within(overview).queryByRole('table', { name: /je Fachkraft/ })).toBeNull();
    expect(within(overview).getByRole('link', { name: 'Zur Auswertung' }).getAttribute('href')).toBe('/reports');
    // The navigation and the list of work areas both lead to the report.
    expect(screen.getAllByRole('link', { name: 'Auswertung' }).map((a) => a.getAttribute('href'))).toEqual(['/reports', '/reports']);
    await expectNoViolations();
  });

  it('a team lead also sees the team load', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(teamLead()),
      'GET /reports/dashboard': ok(dashboard({ team: [{ userId: IDS.colleague, name: 'Frieda Fachkraft', openCases: 9, overdueFirstContacts: 1, openTasks: 4 }] })),
    });
    renderApp('/');
    const team = await screen.findByRole('table', { name: 'Offene Fälle, überfällige Erstkontakte und offene Aufgaben je Fachkraft' });
    expect(rowsOf(team)).toEqual([['Frieda Fachkraft', '9', '1', '4']]);
    await expectNoViolations();
  });

  it('the statistics role gets a way into the district report instead, in English too', async () => {
    const fetchMock = fakeServer({ 'GET /config': ok(publicConfig), 'GET /auth/session': ok(statistics('en')) });
    renderApp('/');
    const card = await screen.findByRole('region', { name: 'District report' });
    expect(within(card).getByRole('link', { name: 'To the district report' }).getAttribute('href')).toBe('/reports?scope=district');
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('/reports/dashboard'))).toBe(false);
    await expectNoViolations();
  });
});
