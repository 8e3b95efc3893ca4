import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdequacyArea, AdequacyTable } from '../../../contracts/housing';
import type { Permission } from '../../../contracts/roles';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { tableState } from './AdequacyPage';
import { initialLimitRows } from './AdequacyForms';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => {}, removeEventListener: () => {} } });
}

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const AREA = 'a0a0a0a0-a0a0-4a0a-8a0a-a0a0a0a0a0a1';
const MUSTERSTADT = { id: '77777777-7777-4777-8777-777777777771', name: 'Musterstadt' };
const LINDENAU = { id: '77777777-7777-4777-8777-777777777772', name: 'Lindenau' };
const EICHENFELD = { id: '77777777-7777-4777-8777-777777777773', name: 'Eichenfeld' };

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function session(permissions: Permission[]) {
  return makeSession({ roles: ['system_admin'], permissions: ['organisations.read', 'municipalities.read', ...permissions] });
}

const table = (over: Partial<AdequacyTable>): AdequacyTable => ({
  id: 'a1a1a1a1-a1a1-4a1a-8a1a-a1a1a1a1a1a1',
  validFrom: '2025-01-01',
  validUntil: null,
  source: 'Schlüssiges Konzept 2025, Kreistagsbeschluss vom 12.12.2024',
  extraPersonRent: 95.5,
  extraPersonArea: 15,
  limits: [
    { householdSize: 2, grossColdRent: 520.3, floorArea: 65 },
    { householdSize: 1, grossColdRent: 430, floorArea: 50 },
  ],
  version: 2,
  ...over,
});

// The day the tests pretend it is: far from any table's borders.
const FUTURE = table({ id: 'a1a1a1a1-a1a1-4a1a-8a1a-a1a1a1a1a1a3', validFrom: '2199-01-01', extraPersonRent: null, extraPersonArea: null, source: null });
const OLD = table({ id: 'a1a1a1a1-a1a1-4a1a-8a1a-a1a1a1a1a1a2', validFrom: '2023-01-01', validUntil: '2024-12-31', limits: [{ householdSize: 1, grossColdRent: 398, floorArea: 50 }] });

const area = (over: Partial<AdequacyArea> = {}): AdequacyArea => ({
  id: AREA,
  name: 'Kreisstadt',
  municipalities: [MUSTERSTADT, LINDENAU],
  tables: [OLD, table({}), FUTURE],
  version: 4,
  ...over,
});

const municipalities = ok({ items: [MUSTERSTADT, LINDENAU, EICHENFELD].map((m, i) => ({ ...m, ags: `0510${i}000`, postalCodes: [], version: 1 })) });

describe('adequacy limits', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('tells the table in force from later and replaced or ended ones', () => {
    const current = table({});
    const tables = [OLD, current, FUTURE];
    expect(tableState(current, tables, '2026-03-01')).toBe('in_force');
    expect(tableState(OLD, tables, '2026-03-01')).toBe('past');
    expect(tableState(FUTURE, tables, '2026-03-01')).toBe('upcoming');
    expect(tableState(OLD, tables, '2024-06-30')).toBe('in_force');
    // Replaced by a later one without having ended: past as well.
    expect(tableState(current, [current, table({ id: 'a1a1a1a1-a1a1-4a1a-8a1a-a1a1a1a1a1a4', validFrom: '2026-01-01' })], '2026-03-01')).toBe('past');
  });

  it('prefills a new table with one to five persons and the NRW floor areas, rents empty', () => {
    expect(initialLimitRows().map(({ householdSize, grossColdRent, floorArea }) => [householdSize, grossColdRent, floorArea])).toEqual([
      [1, '', '50'],
      [2, '', '65'],
      [3, '', '80'],
      [4, '', '95'],
      [5, '', '110'],
    ]);
    expect(initialLimitRows(table({})).map(({ householdSize, grossColdRent, floorArea }) => [householdSize, grossColdRent, floorArea])).toEqual([
      [2, '520,3', '65'],
      [1, '430', '50'],
    ]);
  });

  it('reading: areas with their municipalities and tables, newest first, rows by household size, no editing; no axe violations', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['finance'], permissions: ['cases.read', 'housing.read'] })),
      'GET /housing/adequacy': ok({ items: [area()], canEdit: false }),
    });
    renderApp('/housing/adequacy');
    const section = await screen.findByRole('region', { name: 'Kreisstadt' });
    expect(section.textContent).toContain('Gemeinden: Musterstadt, Lindenau');
    const headings = within(section).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Gültig ab 01.01.2199', 'Gültig ab 01.01.2025', 'Gültig vom 01.01.2023 bis 31.12.2024']);
    const current = within(section).getByRole('region', { name: 'Gültig ab 01.01.2025' });
    expect(current.textContent).toContain('gilt heute');
    const rows = within(current).getAllByRole('row').slice(1);
    // Amounts and units are kept together by no-break spaces; compared here as plain ones.
    const text = (e: HTMLElement) => (e.textContent ?? '').replace(/\s/g, ' ');
    expect(rows.map(text)).toEqual(['1 Person430,00 €50 m²', '2 Personen520,30 €65 m²']);
    expect(text(current)).toContain('Je weitere Person: 95,50 € und 15 m² zusätzlich.');
    expect(current.textContent).toContain('Quelle: Schlüssiges Konzept 2025');
    expect(within(section).getByRole('region', { name: 'Gültig ab 01.01.2199' }).textContent).toContain('gilt künftig');
    expect(within(section).getByRole('region', { name: 'Gültig ab 01.01.2199' }).textContent).toContain('Für größere Haushalte als in der Tabelle ist keine Grenze festgelegt.');
    expect(within(section).getByRole('region', { name: 'Gültig vom 01.01.2023 bis 31.12.2024' }).textContent).toContain('nicht mehr gültig');
    expect(screen.queryByRole('button', { name: 'Vergleichsraum anlegen' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Neue Tabelle/ })).toBeNull();
    await expectNoViolations();
  });

  it('with adequacy.manage: creates an area with municipalities', async () => {
    const posts: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'adequacy.manage'])),
      'GET /municipalities': municipalities,
      'GET /housing/adequacy': ok({ items: [area()], canEdit: true }),
      'POST /housing/adequacy/areas': ({ body }) => {
        posts.push(body);
        return ok(area({ id: 'a0a0a0a0-a0a0-4a0a-8a0a-a0a0a0a0a0a2', name: 'Ländlicher Raum', municipalities: [EICHENFELD], tables: [], version: 1 }));
      },
    });
    renderApp('/housing/adequacy');
    fireEvent.click(await screen.findByRole('button', { name: 'Vergleichsraum anlegen' }));
    const form = await screen.findByRole('form', { name: 'Vergleichsraum anlegen' });
    fireEvent.change(within(form).getByLabelText('Name des Vergleichsraums', { exact: false }), { target: { value: 'Ländlicher Raum' } });
    fireEvent.click(await within(form).findByRole('checkbox', { name: 'Eichenfeld' }));
    await expectNoViolations();
    fireEvent.click(within(form).getByRole('button', { name: 'Vergleichsraum anlegen' }));
    const created = await screen.findByRole('region', { name: 'Ländlicher Raum' });
    expect(posts).toEqual([{ name: 'Ländlicher Raum', municipalityIds: [EICHENFELD.id] }]);
    expect(created.textContent).toContain('Gemeinden: Eichenfeld');
    expect(created.textContent).toContain('Für diesen Vergleichsraum ist noch keine Tabelle erfasst.');
    expect(screen.getByText('„Ländlicher Raum“ wurde angelegt.')).toBeTruthy();
  });

  it('with adequacy.manage: a new table starts with five rows and NRW floor areas; field errors stand at their row', async () => {
    const posts: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'adequacy.manage'])),
      'GET /municipalities': municipalities,
      'GET /housing/adequacy': ok({ items: [area({ tables: [] })], canEdit: true }),
      [`POST /housing/adequacy/areas/${AREA}/tables`]: ({ body }) => {
        posts.push(body);
        if (posts.length === 1) {
          return {
            status: 400,
            body: { error: { code: 'validation_failed', message: 'Bitte prüfen Sie die markierten Angaben.', fields: [{ path: 'limits.1.grossColdRent', message: 'Bitte einen Betrag über 0 angeben.' }], requestId: 't' } },
          };
        }
        const input = body as { validFrom: string; limits: AdequacyTable['limits'] };
        return ok(area({ tables: [table({ id: 'a1a1a1a1-a1a1-4a1a-8a1a-a1a1a1a1a1a9', validFrom: input.validFrom, limits: input.limits, source: null, extraPersonRent: 90, extraPersonArea: 15, version: 1 })], version: 5 }));
      },
    });
    renderApp('/housing/adequacy');
    fireEvent.click(await screen.findByRole('button', { name: 'Neue Tabelle für Kreisstadt' }));
    const dialog = await screen.findByRole('dialog', { name: 'Neue Tabelle' });
    const area2 = within(dialog).getByRole('textbox', { name: 'Wohnfläche bis, 2 Personen' }) as HTMLInputElement;
    expect(area2.value).toBe('65');
    expect((within(dialog).getByRole('textbox', { name: 'Wohnfläche bis, 5 Personen' }) as HTMLInputElement).value).toBe('110');
    expect((within(dialog).getByRole('textbox', { name: 'Bruttokaltmiete bis, 1 Person' }) as HTMLInputElement).value).toBe('');
    fireEvent.change(within(dialog).getByLabelText('Gültig ab', { exact: false }), { target: { value: '2026-01-01' } });
    ['430', '', '610,5', '700', '790'].forEach((rent, i) =>
      fireEvent.change(within(dialog).getByRole('textbox', { name: `Bruttokaltmiete bis, ${i + 1} ${i === 0 ? 'Person' : 'Personen'}` }), { target: { value: rent } }),
    );
    fireEvent.change(within(dialog).getByLabelText('Miete je weitere Person'), { target: { value: '90' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Zeile für eine weitere Haushaltsgröße hinzufügen' }));
    expect((within(dialog).getByRole('textbox', { name: 'Wohnfläche bis, 6 Personen' }) as HTMLInputElement).value).toBe('125');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Zeile für 6 Personen entfernen' }));
    await expectNoViolations();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tabelle anlegen' }));
    expect(await within(dialog).findByText('Bitte einen Betrag über 0 angeben.')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: 'Bruttokaltmiete bis, 2 Personen' }).getAttribute('aria-invalid')).toBe('true');
    expect(posts[0]).toEqual({
      validFrom: '2026-01-01',
      validUntil: null,
      source: null,
      extraPersonRent: 90,
      extraPersonArea: 15,
      limits: [
        { householdSize: 1, grossColdRent: 430, floorArea: 50 },
        { householdSize: 2, grossColdRent: null, floorArea: 65 },
        { householdSize: 3, grossColdRent: 610.5, floorArea: 80 },
        { householdSize: 4, grossColdRent: 700, floorArea: 95 },
        { householdSize: 5, grossColdRent: 790, floorArea: 110 },
      ],
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Bruttokaltmiete bis, 2 Personen' }), { target: { value: '520' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tabelle anlegen' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText('Die neue Tabelle für Kreisstadt ist angelegt.')).toBeTruthy();
    const created = screen.getByRole('region', { name: 'Gültig ab 01.01.2026' });
    expect(within(created).getAllByRole('row')).toHaveLength(6);
  });

  it('edits a table with its version', async () => {
    const patches: unknown[] = [];
    const current = table({});
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['housing.read', 'adequacy.manage'])),
      'GET /municipalities': municipalities,
      'GET /housing/adequacy': ok({ items: [area({ tables: [current] })], canEdit: true }),
      [`PATCH /housing/adequacy/tables/${current.id}`]: ({ body }) => {
        patches.push(body);
        return ok(area({ tables: [table({ validUntil: '2026-12-31', version: 3 })], version: 5 }));
      },
    });
    renderApp('/housing/adequacy');
    fireEvent.click(await screen.findByRole('button', { name: 'Tabelle Kreisstadt ab 01.01.2025 bearbeiten' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tabelle bearbeiten' });
    fireEvent.change(within(dialog).getByLabelText('Gültig bis'), { target: { value: '2026-12-31' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern' }));
    await screen.findByRole('region', { name: 'Gültig vom 01.01.2025 bis 31.12.2026' });
    expect(patches).toEqual([
      {
        version: 2,
        validFrom: '2025-01-01',
        validUntil: '2026-12-31',
        source: 'Schlüssiges Konzept 2025, Kreistagsbeschluss vom 12.12.2024',
        extraPersonRent: 95.5,
        extraPersonArea: 15,
        limits: [
          { householdSize: 2, grossColdRent: 520.3, floorArea: 65 },
          { householdSize: 1, grossColdRent: 430, floorArea: 50 },
        ],
      },
    ]);
  });
});
