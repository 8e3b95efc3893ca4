import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { AppProviders, createQueryClient } from '../../app/providers';
import { AppRoutes } from '../../app/routes';
import { SessionProvider } from '../../app/session';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import type { QueueItem } from './types';

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const caseworker = makeSession({ roles: ['caseworker'], permissions: ['cases.read', 'cases.edit'] });

function item(caseNumber: string, tenant: string, assignee: QueueItem['assignee']): QueueItem {
  return {
    id: `66666666-6666-4666-8666-${caseNumber.replace('-', '').padStart(12, '0')}`,
    caseNumber,
    status: 'new',
    receivedOn: '2026-02-04',
    assignee,
    locationName: null,
    address: 'Lindenstraße 5, 05101 Musterstadt',
    tenants: [tenant],
    courtFileNumber: null,
    nextDeadline: null,
    daysLeft: null,
    children: 0,
    vulnerable: false,
    overdueFirstContact: false,
    firstContactDue: '2026-02-09',
    urgency: 0,
    urgencyReasons: [],
  };
}

/** Answers of the queue by view and search; an answer of "held" views waits until released. */
function queueServer(lists: Record<string, QueueItem[]>) {
  const served = fakeServer({
    'GET /config': ok(publicConfig),
    'GET /auth/session': ok(caseworker),
    'GET /cases/queue': ({ url }) => ok({ items: lists[`${url.searchParams.get('scope')}|${url.searchParams.get('q') ?? ''}`] ?? [] }),
  });
  const hold = new Set<string>();
  const held = new Map<string, () => void>();
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const key = `${url.searchParams.get('scope')}|${url.searchParams.get('q') ?? ''}`;
    if (url.pathname.endsWith('/cases/queue') && hold.has(key)) await new Promise<void>((resolve) => held.set(key, resolve));
    return served(input, init);
  });
  return {
    hold: (key: string) => hold.add(key),
    /** Until the page has asked for the held list. */
    asked: (key: string) => waitFor(() => expect(held.has(key)).toBe(true)),
    release: (key: string) => {
      hold.delete(key);
      held.get(key)?.();
    },
  };
}

/** The app at `path`, and where it is now (path and query) as the router has it. */
function renderWithAddress(path: string) {
  const address = { current: '' };
  function Address() {
    const location = useLocation();
    address.current = `${location.pathname}${location.search}`;
    return null;
  }
  render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders queryClient={createQueryClient()}>
        <SessionProvider>
          <AppRoutes />
          <Address />
        </SessionProvider>
      </AppProviders>
    </MemoryRouter>,
  );
  return address;
}

const rowOf = (name: string) => screen.queryAllByRole('row').find((r) => r.textContent?.includes(name));

describe('work queue', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('after switching the view, shows none of the previous view’s rows until the new list is there', async () => {
    const me = { id: caseworker.user.id, name: 'Anna Admin' };
    const server = queueServer({
      'unassigned|': [item('2026-000001', 'Wiebke Walkin', null)],
      'mine|': [item('2026-000001', 'Wiebke Walkin', me)],
    });
    renderApp('/cases?scope=unassigned');
    await screen.findByRole('button', { name: 'Fall 2026-000001 übernehmen' });

    server.hold('mine|');
    fireEvent.click(screen.getByRole('radio', { name: 'Meine Fälle' }));
    // The unassigned row (still offering "take") must not stand under "Meine Fälle".
    await server.asked('mine|');
    expect(rowOf('Wiebke Walkin')).toBeUndefined();
    expect(screen.queryByRole('button', { name: 'Fall 2026-000001 übernehmen' })).toBeNull();

    server.release('mine|');
    await waitFor(() => expect(rowOf('Wiebke Walkin')?.textContent).toContain('Anna Admin'));
    expect(screen.queryByRole('button', { name: 'Fall 2026-000001 übernehmen' })).toBeNull();
  });

  it('while a search narrows the same view, keeps its list until the narrower one is there', async () => {
    const server = queueServer({
      'team|': [item('2026-000001', 'Wiebke Walkin', null), item('2026-000002', 'Gerda Gerichtsmeldung', null)],
      'team|walkin': [item('2026-000001', 'Wiebke Walkin', null)],
    });
    renderApp('/cases?scope=team');
    await waitFor(() => expect(rowOf('Gerda Gerichtsmeldung')).toBeDefined());

    server.hold('team|walkin');
    fireEvent.change(screen.getByRole('searchbox', { name: /Suche/ }), { target: { value: 'walkin' } });
    await server.asked('team|walkin');
    expect(rowOf('Gerda Gerichtsmeldung')).toBeDefined();
    server.release('team|walkin');
    await waitFor(() => expect(rowOf('Gerda Gerichtsmeldung')).toBeUndefined());
    expect(rowOf('Wiebke Walkin')).toBeDefined();
  });

  it('writes the search into the address as it is typed: no navigation is left to run after a link was followed', async () => {
    queueServer({ 'team|': [item('2026-000001', 'Wiebke Walkin', null)] });
    const address = renderWithAddress('/cases?scope=team');
    await waitFor(() => expect(rowOf('Wiebke Walkin')).toBeDefined());

    fireEvent.change(screen.getByRole('searchbox', { name: /Suche/ }), { target: { value: ' walkin ' } });
    // At once, not when the list's debounced search catches up.
    expect(address.current).toBe('/cases?scope=team&q=walkin');
    fireEvent.change(screen.getByRole('searchbox', { name: /Suche/ }), { target: { value: '' } });
    expect(address.current).toBe('/cases?scope=team');
  });
});
