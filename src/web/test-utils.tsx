import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import type { SessionInfo } from '../contracts/auth';
import { AppProviders, createQueryClient } from './app/providers';
import { AppRoutes } from './app/routes';
import { SessionProvider } from './app/session';

export type FakeResponse = { status: number; body?: unknown };
export type Handler = (request: { body: unknown; url: URL; headers: Record<string, string> }) => FakeResponse;

/**
 * A stand-in for the server: routes "METHOD /path" (path without /api/v1 and query) to handlers.
 * Unrouted requests answer 404 so a missing handler shows up as a visible error, not a hang.
 */
export function fakeServer(routes: Record<string, Handler | FakeResponse>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const key = `${init?.method ?? 'GET'} ${url.pathname.replace(/^\/api\/v1/, '')}`;
    const route = routes[key];
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const result: FakeResponse = route
      ? typeof route === 'function'
        ? route({ body, url, headers })
        : route
      : { status: 404, body: { error: { code: 'not_found', message: `no route ${key}`, requestId: 't' } } };
    return new Response(result.body === undefined ? null : JSON.stringify(result.body), {
      status: result.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function renderApp(path = '/') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders queryClient={createQueryClient()}>
        <SessionProvider>
          <AppRoutes />
        </SessionProvider>
      </AppProviders>
    </MemoryRouter>,
  );
}

export const publicConfig = { demo: false, version: '0.1.0', languages: ['de', 'en'], passwordPolicy: { minLength: 12 } };

export function makeSession(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    stage: 'active',
    user: {
      id: '11111111-1111-4111-8111-111111111111',
      email: 'anna.admin@example.org',
      displayName: 'Anna Admin',
      language: 'de',
      totpEnabled: true,
    },
    organisation: { id: '22222222-2222-4222-8222-222222222222', name: 'Fachstelle Musterkreis', kind: 'district_office' },
    roles: ['org_admin'],
    permissions: ['organisations.read', 'users.read', 'users.write', 'audit.read'],
    csrfToken: 'csrf-abc',
    idleTimeoutSeconds: 1800,
    expiresAt: '2030-01-01T00:00:00.000Z',
    demo: false,
    ...overrides,
  };
}

export const unauthenticated: FakeResponse = {
  status: 401,
  body: { error: { code: 'unauthenticated', message: 'Nicht angemeldet.', requestId: 't' } },
};
