import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { Accommodation, Placement } from '../../../contracts/housing';
import type { Permission } from '../../../contracts/roles';
import { i18n } from '../../app/i18n';
import { AppProviders, createQueryClient } from '../../app/providers';
import { SessionProvider, useSession } from '../../app/session';
import { fakeServer, makeSession, type FakeResponse } from '../../test-utils';
import { todayIso } from '../deadlines/dates';
import { PlacementsSection } from './PlacementsSection';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => {}, removeEventListener: () => {} } });
}

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const CASE = 'cccccccc-cccc-4ccc-8ccc-ccccccccccc1';
const SHELTER = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1';
const CLOSED = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2';
const PLACEMENT = 'dddddddd-dddd-4ddd-8ddd-ddddddddddd1';

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const session = (permissions: Permission[]) => ok(makeSession({ roles: ['caseworker'], permissions: ['cases.read', 'cases.edit', ...permissions] }));

const placement = (over: Partial<Placement> = {}): Placement => ({
  id: PLACEMENT,
  caseId: CASE,
  accommodation: { id: SHELTER, name: 'Notunterkunft Lindenweg', kind: 'emergency_shelter', municipalityName: 'Musterstadt' },
  persons: 3,
  movedInOn: '2025-09-15',
  movedOutOn: null,
  moveOutReason: null,
  note: 'Zimmer 4',
  months: 14,
  version: 2,
  ...over,
});

const earlier = placement({
  id: 'dddddddd-dddd-4ddd-8ddd-ddddddddddd0',
  accommodation: { id: CLOSED, name: 'Pension Eichenhof', kind: 'hostel', municipalityName: 'Lindenau' },
  movedInOn: '2025-06-01',
  movedOutOn: '2025-09-15',
  moveOutReason: 'other_accommodation',
  months: 3,
  note: null,
  version: 3,
});

const accommodation = (over: Partial<Accommodation>): Accommodation => ({
  id: SHELTER, orgId: '22222222-2222-4222-8222-222222222222', orgName: 'Fachstelle Musterkreis', kind: 'emergency_shelter', name: 'Notunterkunft Lindenweg',
  provider: null, street: null, houseNumber: null, postalCode: null, city: null, municipality: { id: '77777777-7777-4777-8777-777777777771', name: 'Musterstadt' },
  places: 24, active: true, note: null, provisionType: 'short_term', providerType: 'municipality', welfareAssociation: null, occupancy: { households: 7, persons: 18, free: 6 }, canEdit: true, version: 1, ...over,
});

/** Marks when the session has loaded, so a test can tell "no buttons" from "not loaded yet". */
function SessionLoaded() {
  const { status } = useSession();
  return status === 'success' ? <p>session loaded</p> : null;
}

/** The section as the case's housing tab embeds it: placements from the tab's query, a reload after each change. */
function renderSection(placements: Placement[], onChanged: () => Promise<unknown> | void) {
  // In the app the case page sets the title; the section alone does not.
  document.title = 'Fall 2025-000311 · Bleibe';
  return render(
    <MemoryRouter>
      <AppProviders queryClient={createQueryClient()}>
        <SessionProvider>
          <SessionLoaded />
          <PlacementsSection caseId={CASE} placements={placements} householdSize={3} onChanged={onChanged} />
        </SessionProvider>
      </AppProviders>
    </MemoryRouter>,
  );
}

describe('placements section of the case', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('shows the current stay and the earlier ones, and records moving out with a reason and the version; no axe violations', async () => {
    const patches: unknown[] = [];
    const onChanged = vi.fn();
    fakeServer({
      'GET /auth/session': session(['housing.read', 'housing.manage']),
      [`PATCH /housing/placements/${PLACEMENT}`]: ({ body }) => {
        patches.push(body);
        if (patches.length === 1) {
          return {
            status: 400,
            body: { error: { code: 'validation_failed', message: 'Bitte prüfen Sie die Angaben.', fields: [{ path: 'moveOutReason', message: 'Bitte den Grund des Auszugs angeben.' }], requestId: 't' } },
          };
        }
        return ok(placement({ movedOutOn: '2026-11-20', moveOutReason: 'relatives', version: 3 }));
      },
    });
    renderSection([earlier, placement()], onChanged);
    const section = await screen.findByRole('region', { name: 'Unterbringung' });
    await within(section).findByRole('button', { name: 'Auszug erfassen' });
    expect(section.textContent).toContain('Derzeitige Unterbringung');
    expect(section.textContent).toContain('14 Monate');
    expect(section.textContent).toContain('3 Personen');
    expect(section.textContent).toContain('Zimmer 4');
    expect(within(section).getAllByRole('link', { name: 'Notunterkunft Lindenweg' })[0].getAttribute('href')).toBe(`/housing/shelters/${SHELTER}`);
    const past = within(section).getByRole('table', { name: '1 frühere Unterbringung' });
    expect(past.textContent).toContain('Pension Eichenhof');
    expect(past.textContent).toContain('Andere Unterkunft');
    expect(past.textContent).toContain('3 Monate');
    // A current stay: no second placement can be started.
    expect(within(section).queryByRole('button', { name: 'In Unterkunft unterbringen' })).toBeNull();
    await expectNoViolations();

    fireEvent.click(within(section).getByRole('button', { name: 'Auszug erfassen' }));
    const form = await within(section).findByRole('form', { name: 'Auszug aus „Notunterkunft Lindenweg“' });
    expect((within(form).getByLabelText('Ausgezogen am', { exact: false }) as HTMLInputElement).value).toBe(todayIso());
    fireEvent.change(within(form).getByLabelText('Ausgezogen am', { exact: false }), { target: { value: '2026-11-20' } });
    await expectNoViolations();
    fireEvent.click(within(form).getByRole('button', { name: 'Auszug speichern' }));
    expect(await within(form).findByText('Bitte den Grund des Auszugs angeben.')).toBeTruthy();
    expect(patches[0]).toEqual({ version: 2, movedOutOn: '2026-11-20', moveOutReason: null });
    expect(onChanged).not.toHaveBeenCalled();

    fireEvent.change(within(form).getByLabelText('Grund des Auszugs', { exact: false }), { target: { value: 'relatives' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Auszug speichern' }));
    await screen.findByText('Der Auszug aus „Notunterkunft Lindenweg“ ist erfasst.');
    expect(patches[1]).toEqual({ version: 2, movedOutOn: '2026-11-20', moveOutReason: 'relatives' });
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('places a household without a current stay in an active accommodation, persons from the household size', async () => {
    const posts: unknown[] = [];
    const onChanged = vi.fn();
    fakeServer({
      'GET /auth/session': session(['housing.read', 'housing.manage']),
      'GET /housing/accommodations': ok({
        items: [
          accommodation({}),
          accommodation({ id: CLOSED, name: 'Pension Eichenhof', active: false, municipality: { id: '77777777-7777-4777-8777-777777777772', name: 'Lindenau' } }),
          accommodation({ id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3', name: 'Übergangswohnheim Birkenallee', kind: 'transitional_housing', occupancy: { households: 4, persons: 11, free: 1 } }),
        ],
      }),
      [`POST /cases/${CASE}/placements`]: ({ body }) => {
        posts.push(body);
        if (posts.length === 1) {
          return { status: 409, body: { error: { code: 'housing.already_placed', message: 'Der Haushalt ist bereits in einer Unterkunft untergebracht.', requestId: 't' } } };
        }
        return ok(placement({ months: 0, movedInOn: '2026-11-21', note: null, version: 1 }));
      },
    });
    renderSection([earlier], onChanged);
    const section = await screen.findByRole('region', { name: 'Unterbringung' });
    expect(section.textContent).toContain('Der Haushalt ist derzeit nicht in einer Unterkunft untergebracht.');
    fireEvent.click(await within(section).findByRole('button', { name: 'In Unterkunft unterbringen' }));
    const form = await within(section).findByRole('form', { name: 'Haushalt in einer Unterkunft unterbringen' });
    const select = await within(form).findByLabelText('Unterkunft', { exact: false });
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(3));
    // Only active ones, each with its free places.
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Bitte wählen',
      'Notunterkunft Lindenweg (Musterstadt) – 6 Plätze frei',
      'Übergangswohnheim Birkenallee (Musterstadt) – 1 Platz frei',
    ]);
    expect((within(form).getByLabelText('Personen', { exact: false }) as HTMLInputElement).value).toBe('3');
    fireEvent.change(select, { target: { value: SHELTER } });
    fireEvent.change(within(form).getByLabelText('Eingezogen am', { exact: false }), { target: { value: '2026-11-21' } });
    await expectNoViolations();
    fireEvent.click(within(form).getByRole('button', { name: 'In Unterkunft unterbringen' }));
    expect(await within(form).findByText('Der Haushalt ist bereits in einer Unterkunft untergebracht.')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'In Unterkunft unterbringen' }));
    await screen.findByText('Der Haushalt ist in „Notunterkunft Lindenweg“ untergebracht.');
    expect(posts).toEqual([
      { accommodationId: SHELTER, persons: 3, movedInOn: '2026-11-21', note: null },
      { accommodationId: SHELTER, persons: 3, movedInOn: '2026-11-21', note: null },
    ]);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('reading only: the stays without forms', async () => {
    fakeServer({ 'GET /auth/session': session(['housing.read']) });
    renderSection([placement()], () => {});
    await screen.findByText('session loaded');
    const section = screen.getByRole('region', { name: 'Unterbringung' });
    expect(section.textContent).toContain('Derzeitige Unterbringung');
    expect(within(section).queryByRole('button')).toBeNull();
  });
});
