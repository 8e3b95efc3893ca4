import axe from 'axe-core';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DirectoryService, DirectoryServiceSummary } from '../../../contracts/directory';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const muni = { id: '33333333-3333-4333-8333-333333333333', name: 'Lindenau', ags: '05899012', postalCodes: ['05120'], version: 1 };
const hit: DirectoryServiceSummary = {
  id: '66666666-6666-4666-8666-666666666666',
  name: 'Suchtberatung',
  status: 'active',
  organization: { id: '77777777-7777-4777-8777-777777777777', name: 'Drogen- und Suchtberatung Musterland e.V.' },
  categories: ['addiction_help'],
  summary: 'Offene Sprechstunde',
  areas: [{ id: muni.id, name: 'Lindenau' }],
  locations: [{ id: '88888888-8888-4888-8888-888888888888', name: 'Beratungsstelle Lindenau', city: 'Lindenau' }],
};
const detail: DirectoryService = {
  ...hit, alternateName: null, description: 'Offene Sprechstunde', url: null, email: null, applicationProcess: 'Ohne Termin', eligibility: null, fees: 'kostenlos',
  organization: { ...hit.organization, website: null, email: null },
  locations: [{
    id: hit.locations[0].id, organizationId: hit.organization.id, organizationName: hit.organization.name, name: 'Beratungsstelle Lindenau', description: null,
    address: { street: 'Am Markt 3', postalCode: '05120', city: 'Lindenau' }, municipality: { id: muni.id, name: 'Lindenau' }, transportation: null,
    accessibility: 'stufenlos', phones: [], openingHours: [{ id: '99999999-9999-4999-8999-999999999999', days: ['MO', 'TU', 'WE'], opens: '09:00', closes: '12:00', note: null }],
    languages: [], version: 1, mayEdit: false,
  }],
  languages: ['de', 'tr'], phones: [], contacts: [], openingHours: [], lastModified: null, version: 1, mayEdit: false,
};

async function expectNoViolations() {
  const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('partner directory pages', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('searches by need and municipality, with the criteria in the request', async () => {
    const fetchMock = fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['reporter'], permissions: ['municipalities.read'] })),
      'GET /municipalities': ok({ items: [muni] }),
      'GET /directory/services': ({ url }) => {
        const items = url.searchParams.get('category') === 'debt_counselling' ? [] : [hit];
        return ok({ items, total: items.length });
      },
    });
    renderApp('/directory');
    await screen.findByRole('heading', { level: 1, name: 'Hilfeangebote im Kreis' }, { timeout: 15_000 });
    expect((await screen.findByRole('link', { name: 'Suchtberatung' }, { timeout: 15_000 })).getAttribute('href')).toBe(`/directory/services/${hit.id}`);
    // Reporters read the directory but maintain nothing.
    expect(screen.queryByRole('link', { name: 'Einträge pflegen' })).toBeNull();
    await expectNoViolations();

    fireEvent.change(screen.getByLabelText('Hilfebedarf'), { target: { value: 'debt_counselling' } });
    fireEvent.change(screen.getByLabelText('Gemeinde'), { target: { value: muni.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Suchen' }));
    await waitFor(() => {
      const urls = fetchMock.mock.calls.map(([u]) => String(u)).filter((u) => u.includes('/directory/services?'));
      expect(urls.at(-1)).toContain(`category=debt_counselling&municipalityId=${muni.id}`);
    });
    expect(await screen.findByText('0 Angebote gefunden')).toBeTruthy();
  }, 60_000);

  it('shows a service with its locations and opening hours', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['caseworker'], permissions: ['cases.read'] })),
      [`GET /directory/services/${hit.id}`]: ok(detail),
    });
    renderApp(`/directory/services/${hit.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Suchtberatung' }, { timeout: 15_000 });
    expect(screen.getByText('Mo–Mi 09:00–12:00')).toBeTruthy();
    expect(screen.getByText('Deutsch, Türkisch')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Beratungsstelle Lindenau' })).toBeTruthy();
    await expectNoViolations();
  }, 60_000);
});
