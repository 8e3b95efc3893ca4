import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeServer, publicConfig, renderApp, unauthenticated } from '../test-utils';
import { LANGUAGE_STORAGE_KEY, i18n } from './i18n';

describe('language switch', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('switches the UI text and <html lang>, and remembers the choice', async () => {
    const fetchMock = fakeServer({
      'GET /config': { status: 200, body: publicConfig },
      'GET /auth/session': unauthenticated,
      'POST /auth/login': {
        status: 401,
        body: { error: { code: 'invalid_credentials', message: 'Wrong email or password.', requestId: 'r' } },
      },
    });
    renderApp('/login');

    expect(await screen.findByRole('button', { name: 'Anmelden' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');

    fireEvent.change(screen.getByLabelText('Sprache'), { target: { value: 'en' } });

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText('Email')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.getByLabelText('Language')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    await waitFor(() => expect(document.title).toBe('Sign in · Bleibe'));

    // The server localizes its messages from Accept-Language, so later requests must carry the new language.
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'a@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Wrong email or password.')).toBeTruthy();
    const loginCall = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect((loginCall?.[1]?.headers as Record<string, string>)['Accept-Language']).toBe('en');
  });
});
