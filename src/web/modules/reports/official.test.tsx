import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { FederalCount, NrwCount } from '../../../contracts/official-statistics';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { todayIso } from '../deadlines/dates';
import { lastReferenceDay } from './OfficialPage';

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

const statistics = (language: 'de' | 'en' = 'de') =>
  makeSession({
    roles: ['statistics'],
    permissions: ['organisations.read', 'municipalities.read', 'locations.read', 'reports.aggregate', 'reports.official', 'reports.pseudonymised'],
    user: { ...makeSession().user, displayName: 'Stefanie Statistik', language },
  });

const federal = (on: string): FederalCount => ({
  on,
  persons: 7,
  placements: 3,
  unlistedPersons: 1,
  records: [],
  totals: {
    sex: [{ key: 'female', count: 4 }, { key: 'male', count: 2 }, { key: 'unknown', count: 1 }],
    ageGroup: [{ key: '0-17', count: 3 }, { key: '30-39', count: 4 }],
    nationality: [{ key: 'german', count: 5 }, { key: 'foreign', count: 2 }],
    householdType: [{ key: 'couple_with_children', count: 4 }, { key: 'single_person', count: 3 }],
    householdSize: [{ key: '1', count: 3 }, { key: '4', count: 4 }],
    provisionType: [{ key: 'short_term', count: 7 }],
    providerType: [{ key: 'municipality', count: 7 }],
    welfareAssociation: [],
    municipalityKey: [{ key: '05999001', count: 7 }],
  },
});

const nrw = (on: string): NrwCount => ({
  on,
  persons: 9,
  placed: 7,
  counselled: 2,
  records: [],
  totals: {
    ageGroup: [{ key: '30-39', count: 9 }],
    sex: [{ key: 'female', count: 9 }],
    nationalityGroup: [{ key: 'eu', count: 9 }],
    householdType: [{ key: 'single_parent', count: 9 }],
    situation: [{ key: 'placed_short_term', count: 7 }, { key: 'rough_sleeping', count: 2 }],
  },
});

describe('official statistics', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('the last reference day is this year once it has come, else last year', () => {
    expect(lastReferenceDay('2026-01-30', 1, 31)).toBe('2025-01-31');
    expect(lastReferenceDay('2026-01-31', 1, 31)).toBe('2026-01-31');
    expect(lastReferenceDay('2026-06-29', 6, 30)).toBe('2025-06-30');
    expect(lastReferenceDay('2026-11-21', 6, 30)).toBe('2026-06-30');
  });

  it('shows both counts for their default reference days with totals tables and downloads; another day goes to the request', async () => {
    const asked: string[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(statistics()),
      'GET /reports/official/federal': ({ url }) => {
        asked.push(`federal ${url.searchParams.get('on')} ${url.searchParams.get('format')}`);
        return ok(federal(url.searchParams.get('on')!));
      },
      'GET /reports/official/nrw': ({ url }) => {
        asked.push(`nrw ${url.searchParams.get('on')} ${url.searchParams.get('format')}`);
        return ok(nrw(url.searchParams.get('on')!));
      },
    });
    renderApp('/statistics/official');
    await screen.findByRole('heading', { level: 1, name: 'Amtliche Statistik' });
    const federalSection = screen.getByRole('region', { name: 'Bundesstatistik (WoBerichtsG), Stichtag 31. Januar' });
    const sex = await within(federalSection).findByRole('table', { name: 'Geschlecht' });
    expect(within(sex).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['weiblich4', 'männlich2', 'unbekannt1']);
    expect(within(federalSection).getByText('Untergebrachte Personen').parentElement!.textContent).toContain('7');
    const federalDay = lastReferenceDay(todayIso(), 1, 31);
    const nrwDay = lastReferenceDay(todayIso(), 6, 30);
    await waitFor(() => expect(asked).toEqual(expect.arrayContaining([`federal ${federalDay} json`, `nrw ${nrwDay} json`])));
    expect(within(federalSection).getByRole('link', { name: 'Bundesstatistik als CSV' }).getAttribute('href')).toBe(`/api/v1/reports/official/federal?on=${federalDay}&format=csv&lang=de`);
    const nrwSection = screen.getByRole('region', { name: 'Landesstatistik NRW, Stichtag 30. Juni' });
    const situation = await within(nrwSection).findByRole('table', { name: 'Situation am Stichtag' });
    expect(situation.textContent).toContain('auf der Straße2');
    await expectNoViolations();

    fireEvent.change(within(federalSection).getByLabelText(/^Stichtag/), { target: { value: '2025-01-31' } });
    await waitFor(() => expect(asked.at(-1)).toBe('federal 2025-01-31 json'));
    expect(within(federalSection).getByRole('link', { name: 'Bundesstatistik als Excel (XLSX)' }).getAttribute('href')).toContain('on=2025-01-31&format=xlsx');
  });

  it('the pseudonymised export posts period, key and format and saves the file; a short key is named at the field', async () => {
    const posted: unknown[] = [];
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const path = url.pathname.replace(/^\/api\/v1/, '');
      if (path === '/config') return new Response(JSON.stringify(publicConfig), { status: 200 });
      if (path === '/auth/session') return new Response(JSON.stringify(statistics('en')), { status: 200 });
      if (path === '/reports/pseudonymised-export' && init?.method === 'POST') {
        posted.push({ body: JSON.parse(String(init.body)), csrf: (init.headers as Record<string, string>)['X-CSRF-Token'] });
        return new Response('case_pseudonym\r\nab12\r\n', { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="x.csv"; filename*=UTF-8''bleibe-export.csv` } });
      }
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no', requestId: 't' } }), { status: 404 });
    });
    vi.stubGlobal('fetch', fetchMock);
    const created: Blob[] = [];
    const originalCreate = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    };
    URL.revokeObjectURL = () => {};
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    try {
      renderApp('/statistics/export');
      await screen.findByRole('heading', { level: 1, name: 'Pseudonymised export for evaluation' });
      fireEvent.change(screen.getByLabelText(/^From/), { target: { value: '2026-01-01' } });
      fireEvent.change(screen.getByLabelText(/^To/), { target: { value: '2026-06-30' } });
      const key = screen.getByLabelText(/^Export key/);
      expect(key.getAttribute('type')).toBe('password');
      fireEvent.change(key, { target: { value: 'short' } });
      expect(await screen.findByText('The export key needs at least 12 characters.')).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Create and save the export' }));
      expect(posted).toHaveLength(0);
      await expectNoViolations();

      fireEvent.change(key, { target: { value: 'evaluation-key-2026' } });
      fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'xlsx' } });
      fireEvent.click(screen.getByRole('button', { name: 'Create and save the export' }));
      expect(await screen.findByText('The file bleibe-export.csv was created and saved.')).toBeTruthy();
      expect(posted).toEqual([{ body: { from: '2026-01-01', to: '2026-06-30', key: 'evaluation-key-2026', format: 'xlsx' }, csrf: 'csrf-abc' }]);
      expect(clicked).toEqual(['bleibe-export.csv']);
      expect(created).toHaveLength(1);
      // The key does not stay in the page.
      expect((screen.getByLabelText(/^Export key/) as HTMLInputElement).value).toBe('');
    } finally {
      click.mockRestore();
      URL.createObjectURL = originalCreate;
    }
  });
});
