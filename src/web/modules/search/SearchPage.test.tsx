import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, within } from '@testing-library/react';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import type { SearchResult } from '../../../contracts/search';

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const caseworker = makeSession({ roles: ['caseworker'], permissions: ['cases.read', 'cases.edit'] });
const CASE_ID = '66666666-6666-4666-8666-666666666666';

const result: SearchResult = {
  criteria: ['name'],
  offset: 0,
  limit: 20,
  hasMore: false,
  truncated: false,
  items: [
    {
      id: CASE_ID, caseNumber: '2024-000042', status: 'closed', closed: true, receivedOn: '2024-03-01', address: 'Lindenstraße 5, 05101 Musterstadt',
      tenants: ['Jürgen Weißgärber'], courtFileNumber: '12 C 345/24', score: 0.95,
      matches: [{ field: 'name', quality: 'spelling', value: 'Jürgen Weißgärber', personId: '77777777-7777-4777-8777-777777777777', viaMergedRecord: true }],
    },
  ],
};

/** Structural accessibility with axe in jsdom (contrast is the browser tests' part), as in a11y.test.tsx. */
async function expectNoViolations() {
  const r = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

describe('case search', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('the header search opens the results: closed cases marked in words, with what matched', async () => {
    const asked: string[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      'GET /search': ({ url }) => {
        asked.push(url.searchParams.get('q') ?? '');
        return ok(result);
      },
    });
    renderApp('/');
    const box = await screen.findByRole('search', { name: 'Fallsuche' });
    const field = within(box).getByRole('searchbox', { name: 'Fälle suchen' });
    fireEvent.change(field, { target: { value: 'Jurgen Weisgerber' } });
    fireEvent.submit(field.closest('form')!);

    await screen.findByRole('heading', { level: 1, name: 'Fallsuche' });
    const table = await screen.findByRole('table', { name: /Suchergebnis für „Jurgen Weisgerber“/ });
    expect(asked).toEqual(['Jurgen Weisgerber']);
    const row = within(table).getByTestId('search-hit-2024-000042');
    expect(within(row).getByRole('link', { name: '2024-000042' }).getAttribute('href')).toBe(`/cases/${CASE_ID}`);
    expect(row.textContent).toContain('abgeschlossen');
    expect(row.textContent).toContain('Name: Jürgen Weißgärber (andere Schreibweise, über einen zusammengeführten Datensatz)');
    expect(screen.getByRole('status').textContent).toContain('gesucht nach: Name');
    // Two search landmarks (header and page), told apart by their names; the table has caption and scopes.
    await expectNoViolations();
  });

  it('"/" moves the cursor into the header search', async () => {
    fakeServer({ 'GET /config': ok(publicConfig), 'GET /auth/session': ok(caseworker) });
    renderApp('/');
    const box = await screen.findByRole('search', { name: 'Fallsuche' });
    fireEvent.keyDown(window, { key: '/' });
    expect(document.activeElement).toBe(within(box).getByRole('searchbox'));
  });

  it('shows the server\'s refusal of an entry with nothing to search by', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      'GET /search': {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'Bitte prüfen Sie die markierten Felder.', fields: [{ path: 'q', message: 'Bitte geben Sie einen Namen ein.' }], requestId: 'r' } },
      },
    });
    renderApp('/search?q=%21%21');
    expect(await screen.findByText(/Bitte prüfen Sie die markierten Felder|Bitte geben Sie einen Namen ein/)).toBeTruthy();
  });
});
