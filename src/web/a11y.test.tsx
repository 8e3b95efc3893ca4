import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { Location, Municipality, Organisation, User } from '../contracts/admin';
import { i18n } from './app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, unauthenticated, type FakeResponse } from './test-utils';

/**
 * Structural accessibility (names, labels, landmarks, ARIA) with axe in jsdom. Colour contrast needs a
 * real layout engine and is left to the browser tests.
 */
async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

const org: Organisation = {
  id: '22222222-2222-4222-8222-222222222222',
  name: 'Fachstelle Musterkreis',
  shortName: 'FS',
  kind: 'district_office',
  email: 'fachstelle@example.org',
  phone: '+49 5151 1234',
  address: { street: 'Markt', houseNumber: '1', postalCode: '31785', city: 'Hameln' },
  active: true,
  version: 1,
};
const municipality: Municipality = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Hameln',
  ags: '03252008',
  postalCodes: ['31785', '31787'],
  version: 1,
};
const location: Location = {
  id: '44444444-4444-4444-8444-444444444444',
  orgId: org.id,
  orgName: org.name,
  name: 'Beratungsstelle Hameln',
  address: { street: 'Deisterstraße', houseNumber: '5', postalCode: '31785', city: 'Hameln' },
  phone: null,
  email: null,
  officeHours: [{ weekday: 1, opens: '09:00', closes: '12:00', note: null }],
  municipalityIds: [municipality.id],
  active: true,
  version: 2,
};
const user: User = {
  id: '55555555-5555-4555-8555-555555555555',
  orgId: org.id,
  orgName: org.name,
  email: 'bernd@example.org',
  displayName: 'Bernd Beispiel',
  roles: ['caseworker'],
  language: 'de',
  active: true,
  totpEnabled: false,
  lockedUntil: '2999-01-01T00:00:00.000Z',
  lastLoginAt: '2025-03-01T08:30:00.000Z',
  version: 4,
};

const allPermissions = makeSession({
  roles: ['system_admin'],
  permissions: [
    'organisations.read',
    'organisations.write',
    'municipalities.read',
    'municipalities.write',
    'locations.read',
    'locations.write',
    'users.read',
    'users.write',
    'audit.read',
    'audit.verify',
  ],
});

const ok = (body: unknown): FakeResponse => ({ status: 200, body });

function server(session: FakeResponse = ok(allPermissions)) {
  return fakeServer({
    'GET /config': ok(publicConfig),
    'GET /auth/session': session,
    'GET /organisations': ok({ items: [org] }),
    'GET /municipalities': ok({ items: [municipality] }),
    'GET /locations': ok({ items: [location] }),
    'GET /users': ok({ items: [user] }),
    [`GET /users/${user.id}`]: ok(user),
    'GET /audit': ok({
      items: [
        {
          id: 7,
          at: '2025-03-01T08:30:00.000Z',
          orgId: org.id,
          actorUserId: user.id,
          actorLabel: 'Bernd Beispiel',
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          requestId: 'req-7',
        },
      ],
      nextBeforeId: 7,
    }),
  });
}

describe('accessibility (axe, structural rules)', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('login page', async () => {
    server(unauthenticated);
    renderApp('/login');
    await screen.findByRole('button', { name: 'Anmelden' });
    expect(document.title).toBe('Anmelden · Bleibe');
    await expectNoViolations();
  });

  it('second-factor page', async () => {
    server(ok(makeSession({ stage: 'totp' })));
    renderApp('/login/2fa');
    await screen.findByRole('heading', { level: 1, name: 'Zwei-Faktor-Anmeldung' });
    await expectNoViolations();
  });

  it('forced password change page', async () => {
    server(ok(makeSession({ stage: 'password_change' })));
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Neues Passwort festlegen' });
    await expectNoViolations();
  });

  it('start page, with navigation and the upcoming modules as plain text', async () => {
    server();
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Willkommen, Anna Admin' });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Hauptnavigation' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Fälle' })).toBeNull();
    await expectNoViolations();
  });

  it('account page', async () => {
    server();
    renderApp('/account');
    await screen.findByRole('heading', { level: 1, name: 'Mein Konto' });
    await expectNoViolations();
  });

  it('organisations page and its edit dialog', async () => {
    server();
    renderApp('/admin/organisations');
    fireEvent.click(await screen.findByRole('button', { name: 'Bearbeiten: Fachstelle Musterkreis' }));
    await screen.findByRole('dialog');
    await expectNoViolations();
  });

  it('municipalities page', async () => {
    server();
    renderApp('/admin/municipalities');
    await screen.findByText('03252008');
    await expectNoViolations();
  });

  it('locations page and its edit dialog with office hours', async () => {
    server();
    renderApp('/admin/locations');
    fireEvent.click(await screen.findByRole('button', { name: 'Bearbeiten: Beratungsstelle Hameln' }));
    await screen.findByRole('group', { name: 'Sprechzeit 1' });
    await expectNoViolations();
  });

  it('users page and user detail page', async () => {
    server();
    renderApp('/admin/users');
    fireEvent.click(await screen.findByRole('link', { name: 'Bernd Beispiel' }));
    await screen.findByRole('heading', { level: 1, name: 'Bernd Beispiel' });
    expect(screen.getByRole('button', { name: 'Entsperren' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Passwort zurücksetzen' })).toBeTruthy();
    await expectNoViolations();
  });

  it('audit page', async () => {
    server();
    renderApp('/admin/audit');
    await screen.findByText('auth.login');
    expect(screen.getByRole('button', { name: 'Weitere Einträge laden' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Protokollkette prüfen' })).toBeTruthy();
    await expectNoViolations();
  });

  it('shows administration only for permissions the session has', async () => {
    server(ok(makeSession({ permissions: ['users.read'] })));
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Willkommen, Anna Admin' });
    const nav = screen.getByRole('navigation', { name: 'Hauptnavigation' });
    await waitFor(() => expect(nav.textContent).toContain('Benutzerkonten'));
    expect(nav.textContent).not.toContain('Organisationen');
    expect(nav.textContent).not.toContain('Protokoll');
  });
});
