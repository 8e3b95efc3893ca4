import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, unauthenticated } from '../../test-utils';

describe('login page', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('submits the credentials and shows the server’s localized error', async () => {
    const fetchMock = fakeServer({
      'GET /config': { status: 200, body: publicConfig },
      'GET /auth/session': unauthenticated,
      'POST /auth/login': {
        status: 401,
        body: { error: { code: 'invalid_credentials', message: 'E-Mail oder Passwort ist falsch.', requestId: 'r1' } },
      },
    });
    renderApp('/login');

    fireEvent.change(await screen.findByLabelText('E-Mail'), { target: { value: ' anna@example.org ' } });
    fireEvent.change(screen.getByLabelText('Passwort'), { target: { value: 'geheim' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByText('E-Mail oder Passwort ist falsch.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Anmeldung fehlgeschlagen');

    const loginCall = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(loginCall?.[0]).toBe('/api/v1/auth/login');
    expect(JSON.parse(String(loginCall?.[1]?.body))).toEqual({ email: 'anna@example.org', password: 'geheim' });
    expect((loginCall?.[1]?.headers as Record<string, string>)['Accept-Language']).toBe('de');
    // Still on the login page: a wrong password is not an expired session.
    expect(screen.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeTruthy();
    expect((screen.getByLabelText('Passwort') as HTMLInputElement).value).toBe('');
  });

  it('continues to the start page after a successful login', async () => {
    fakeServer({
      'GET /config': { status: 200, body: publicConfig },
      'GET /auth/session': unauthenticated,
      'POST /auth/login': { status: 200, body: { session: makeSession() } },
    });
    renderApp('/login');

    fireEvent.change(await screen.findByLabelText('E-Mail'), { target: { value: 'anna.admin@example.org' } });
    fireEvent.change(screen.getByLabelText('Passwort'), { target: { value: 'richtig' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Willkommen, Anna Admin' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Abmelden' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Startseite · Bleibe'));
  });

  it('asks for the second factor when the session stage is totp', async () => {
    fakeServer({
      'GET /config': { status: 200, body: publicConfig },
      'GET /auth/session': unauthenticated,
      'POST /auth/login': { status: 200, body: { session: makeSession({ stage: 'totp' }) } },
    });
    renderApp('/login');

    fireEvent.change(await screen.findByLabelText('E-Mail'), { target: { value: 'anna.admin@example.org' } });
    fireEvent.change(screen.getByLabelText('Passwort'), { target: { value: 'richtig' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Zwei-Faktor-Anmeldung' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stattdessen Wiederherstellungscode verwenden' }));
    expect(screen.getByLabelText('Wiederherstellungscode')).toBeTruthy();
  });
});
