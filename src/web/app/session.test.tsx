import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { fakeServer, makeSession, publicConfig, renderApp, unauthenticated } from '../test-utils';
import { i18n } from './i18n';

describe('session lifecycle', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('logs out with the CSRF token and returns to the login page', async () => {
    let loggedIn = true;
    const fetchMock = fakeServer({
      'GET /config': { status: 200, body: publicConfig },
      'GET /auth/session': () => (loggedIn ? { status: 200, body: makeSession() } : unauthenticated),
      'POST /auth/logout': () => {
        loggedIn = false;
        return { status: 200, body: { ok: true } };
      },
    });
    renderApp('/');

    fireEvent.click(await screen.findByRole('button', { name: 'Abmelden' }));

    expect(await screen.findByText('Sie wurden abgemeldet.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeTruthy();
    const logoutCall = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/auth/logout'));
    expect((logoutCall?.[1]?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-abc');
  });

  it('sends the user to the login page with a message when the session has expired', async () => {
    fakeServer({
      'GET /config': { status: 200, body: publicConfig },
      'GET /auth/session': { status: 200, body: makeSession() },
      'GET /organisations': {
        status: 401,
        body: { error: { code: 'session_expired', message: 'Sitzung abgelaufen.', requestId: 'r' } },
      },
    });
    renderApp('/admin/organisations');

    expect(await screen.findByText('Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeTruthy();
  });

  it('sends an unknown visitor from a deep link to the login page', async () => {
    fakeServer({
      'GET /config': { status: 200, body: publicConfig },
      'GET /auth/session': unauthenticated,
    });
    renderApp('/admin/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Anmelden' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });
});
