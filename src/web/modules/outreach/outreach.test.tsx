import axe from 'axe-core';
import { render, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders, createQueryClient } from '../../app/providers';
import { i18n } from '../../app/i18n';
import { SessionProvider } from '../../app/session';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { CaseTasksPanel } from '../tasks/CaseTasksPanel';
import { ClosurePanel } from './ClosurePanel';
import { OutreachPanel } from './OutreachPanel';
import type { AttemptListResponse, ClosureResponse, DayListResponse, RecordResponse, Task, TeamReachResponse } from './types';

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const CASE_ID = '66666666-6666-4666-8666-666666666666';
const ME = { id: '11111111-1111-4111-8111-111111111111', name: 'Fatma Fachkraft' };
const caseworker = makeSession({
  roles: ['caseworker'],
  permissions: ['cases.read', 'cases.edit'],
  user: { id: ME.id, email: 'fk@example.org', displayName: ME.name, language: 'de', totpEnabled: false },
  organisation: { id: '22222222-2222-4222-8222-222222222222', name: 'Wohnhilfe', kind: 'provider' },
});

const attempts: AttemptListResponse = {
  items: [
    {
      id: 'a0000000-0000-4000-8000-000000000001', caseId: CASE_ID, channel: 'home_visit', plannedOn: '2026-11-24', attemptedAt: null, outcome: null,
      notes: 'Klingel links', assignee: ME, createdBy: ME, createdAt: '2026-11-20T08:00:00.000Z', version: 1,
    },
    {
      id: 'a0000000-0000-4000-8000-000000000002', caseId: CASE_ID, channel: 'letter', plannedOn: null, attemptedAt: '2026-11-17T09:00:00.000Z', outcome: 'letter_sent',
      notes: null, assignee: ME, createdBy: ME, createdAt: '2026-11-17T09:00:00.000Z', version: 1,
    },
  ],
  reach: { reached: false, firstAttemptOn: '2026-11-17', firstConversationOn: null, daysToFirstAttempt: 1, daysToFirstConversation: null, attempts: 1, homeVisits: 0 },
  requiredHomeVisits: 3,
};
const record: RecordResponse = {
  totalMinutes: 45,
  entries: [
    { type: 'note', id: 'n1', on: '2026-11-19', at: '2026-11-19T10:00:00.000Z', by: ME, text: 'Gespräch mit Vermieter', minutes: 45, facts: {} },
    { type: 'attempt', id: 'a2', on: '2026-11-17', at: '2026-11-17T09:00:00.000Z', by: ME, text: null, minutes: null, facts: { channel: 'letter', outcome: 'letter_sent', plannedOn: null } },
    { type: 'notice', id: 'x1', on: '2026-11-16', at: '2026-11-16T09:00:00.000Z', by: null, text: null, minutes: null, facts: { kind: 'court_eviction_suit', channel: 'api', source: 'Amtsgericht' } },
  ],
};
const openClosure: ClosureResponse = { caseId: CASE_ID, status: 'open', version: 3, homeVisits: 2, requiredHomeVisits: 3, current: null, history: [] };
const followUp = (months: number, dueOn: string, status: Task['status'] = 'open'): Task => ({
  id: `f0000000-0000-4000-8000-00000000000${months === 6 ? 1 : 2}`, case: { id: CASE_ID, caseNumber: '2026-000042' }, kind: 'follow_up', title: null, dueOn,
  assignee: ME, status, doneAt: null, doneBy: null, followUpMonths: months, followUpAnswer: null, createdAt: '2026-11-21T09:00:00.000Z', version: 1,
});

function renderPanel(panel: ReactNode) {
  // Inside the case page the page sets the title; on its own the panel needs one for axe.
  document.title = 'Fall 2026-000042 · Bleibe';
  return render(
    <MemoryRouter>
      <AppProviders queryClient={createQueryClient()}>
        <SessionProvider>{panel}</SessionProvider>
      </AppProviders>
    </MemoryRouter>,
  );
}

describe('outreach, record, tasks and closure in the browser', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('the contacts tab shows the reach, records an attempt and the outcome of a planned visit, and the record; axe finds nothing', { timeout: 30_000 }, async () => {
    const posted: unknown[] = [];
    const patched: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      [`GET /cases/${CASE_ID}/contact-attempts`]: ok(attempts),
      [`GET /cases/${CASE_ID}/record`]: ok(record),
      [`POST /cases/${CASE_ID}/contact-attempts`]: ({ body }) => {
        posted.push(body);
        return posted.length === 1
          ? { status: 422, body: { error: { code: 'validation_failed', message: 'Bitte prüfen.', fields: [{ path: 'outcome', message: 'Pflichtfeld.' }], requestId: 'r' } } }
          : { status: 201, body: attempts.items[1] };
      },
      [`PATCH /contact-attempts/${attempts.items[0].id}`]: ({ body }) => {
        patched.push(body);
        return ok({ ...attempts.items[0], outcome: 'not_reached', attemptedAt: '2026-11-24T08:00:00.000Z', version: 2 });
      },
    });
    const onCaseChanged = vi.fn(async () => undefined);
    renderPanel(<OutreachPanel summary={{ id: CASE_ID }} onCaseChanged={onCaseChanged} />);
    await screen.findByRole('heading', { level: 2, name: 'Kontaktversuche' });
    expect(await screen.findByText('Noch nicht erreicht')).toBeTruthy();
    expect(screen.getByText('0 von 3')).toBeTruthy();
    const table = screen.getByRole('table', { name: /2 Kontaktversuche/ });
    expect(within(table).getByText('Versandt')).toBeTruthy();
    expect(await screen.findByText('Gespräch mit Vermieter')).toBeTruthy();
    expect(screen.getByText('Erfasster Zeitaufwand insgesamt: 45 Minuten')).toBeTruthy();
    await expectNoViolations();

    // A letter without an outcome: the server's field error appears at the outcome field.
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByText('Pflichtfeld.')).toBeTruthy();
    const outcome = screen.getByRole('combobox', { name: /Ergebnis/ });
    // Only outcomes that fit a letter are offered.
    expect(within(outcome).queryByRole('option', { name: 'Nachricht hinterlassen' })).toBeNull();
    fireEvent.change(outcome, { target: { value: 'letter_sent' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    await screen.findByText('Der Kontaktversuch ist gespeichert.');
    expect(posted[1]).toMatchObject({ channel: 'letter', outcome: 'letter_sent', attemptedAt: expect.stringMatching(/Z$/) });
    expect(onCaseChanged).toHaveBeenCalled();

    // The planned home visit: record how it went.
    fireEvent.click(screen.getByRole('button', { name: 'Ergebnis erfassen' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('combobox', { name: /Ergebnis/ }), { target: { value: 'not_reached' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern' }));
    await screen.findByText('Das Ergebnis ist gespeichert.');
    expect(patched[0]).toMatchObject({ version: 1, outcome: 'not_reached', notes: 'Klingel links' });
  });

  it('the closure tab shows the home-visit rule at the reason field and closes with outcome and causes', { timeout: 30_000 }, async () => {
    const closes: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      [`GET /cases/${CASE_ID}/closure`]: () => ok(closes.length === 2 ? { ...openClosure, status: 'closed', version: 4, current: { id: 'c1', closedOn: '2026-11-21', closedAt: '2026-11-21T09:00:00.000Z', closedBy: ME, outcome: 'not_reached', causes: [], notReachedReason: 'known_moved', homeVisits: 2, note: null, reopenedAt: null, reopenedBy: null, reopenReason: null }, history: [] } : openClosure),
      [`POST /cases/${CASE_ID}/close`]: ({ body }) => {
        closes.push(body);
        if (closes.length === 1) {
          return {
            status: 422,
            body: { error: { code: 'validation_failed', message: 'Bitte prüfen.', fields: [{ path: 'notReachedReason', message: 'Erst nach 3 Hausbesuchsversuchen (bisher 2).' }], requestId: 'r' } },
          };
        }
        return ok(openClosure);
      },
    });
    renderPanel(<ClosurePanel summary={{ id: CASE_ID }} onCaseChanged={async () => undefined} />);
    await screen.findByRole('heading', { level: 2, name: 'Abschluss' });
    fireEvent.change(screen.getByRole('combobox', { name: /Ergebnis/ }), { target: { value: 'not_reached' } });
    expect(screen.getByText('Bisher 2 von 3 Hausbesuchsversuchen.')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Trennung' }));
    await expectNoViolations();
    fireEvent.click(screen.getByRole('button', { name: 'Fall abschließen' }));
    const reason = screen.getByRole('combobox', { name: /Grund, warum/ });
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Erst nach 3 Hausbesuchsversuchen (bisher 2).')).toBeTruthy();
    fireEvent.change(reason, { target: { value: 'known_moved' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fall abschließen' }));
    await screen.findByText(/Der Fall ist abgeschlossen/);
    expect(closes[1]).toEqual({ version: 3, outcome: 'not_reached', causes: ['separation'], notReachedReason: 'known_moved', note: null });
    expect(await screen.findByRole('heading', { name: 'Fall wieder aufnehmen' })).toBeTruthy();
  });

  it('the tasks tab lists the follow-up questions and records an answer', { timeout: 30_000 }, async () => {
    const patches: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      [`GET /cases/${CASE_ID}/tasks`]: ok({ items: [followUp(6, '2027-05-21'), followUp(12, '2027-11-21')] }),
      [`PATCH /tasks/${followUp(6, '').id}`]: ({ body }) => {
        patches.push(body);
        return ok({ ...followUp(6, '2027-05-21', 'done'), followUpAnswer: 'yes' });
      },
    });
    renderPanel(<CaseTasksPanel summary={{ id: CASE_ID }} onCaseChanged={async () => undefined} />);
    expect(await screen.findByText('Nachfrage nach 6 Monaten: Wohnt der Haushalt noch in der Wohnung?')).toBeTruthy();
    await expectNoViolations();
    fireEvent.change(screen.getByRole('combobox', { name: /Antwort: Nachfrage nach 6 Monaten/ }), { target: { value: 'yes' } });
    await waitFor(() => expect(patches).toEqual([{ version: 1, followUpAnswer: 'yes' }]));
  });

  it('the day list groups home visits by municipality and street, and the tasks and reach pages pass axe', { timeout: 30_000 }, async () => {
    const dayList: DayListResponse = {
      date: '2026-11-24',
      count: 2,
      groups: [
        {
          municipality: 'Musterstadt',
          streets: [
            {
              street: 'Lindenstraße',
              visits: [
                { attemptId: 'a0000000-0000-4000-8000-000000000001', caseId: CASE_ID, caseNumber: '2026-000042', tenants: ['Erika Muster'], street: 'Lindenstraße', houseNumber: '5', postalCode: '05101', city: 'Musterstadt', assignee: ME, notes: 'Klingel links', version: 1 },
                { attemptId: 'a0000000-0000-4000-8000-000000000003', caseId: CASE_ID, caseNumber: '2026-000043', tenants: ['Hans Beispiel'], street: 'Lindenstraße', houseNumber: '12', postalCode: '05101', city: 'Musterstadt', assignee: ME, notes: null, version: 1 },
              ],
            },
          ],
        },
      ],
    };
    const reach: TeamReachResponse = {
      from: '2025-11-21', to: '2026-11-21',
      organisation: { cases: 3, attempted: 3, reached: 2, shareReached: 2 / 3, medianDaysToFirstAttempt: 1, medianDaysToFirstConversation: 4.5 },
      byAssignee: [{ assignee: ME, figures: { cases: 3, attempted: 3, reached: 2, shareReached: 2 / 3, medianDaysToFirstAttempt: 1, medianDaysToFirstConversation: 4.5 } }],
    };
    const seen: string[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      'GET /outreach/home-visits': ({ url }) => {
        seen.push(url.search);
        return ok(dayList);
      },
      'GET /outreach/reach': ok(reach),
      'GET /tasks': ok({ items: [followUp(6, '2026-11-20')] }),
      'GET /reminders': ok({ items: [{ id: 'r0000000-0000-4000-8000-000000000001', dueOn: '2026-11-20', createdAt: '2026-11-20T09:00:00.000Z', task: followUp(6, '2026-11-20') }], unread: 1 }),
    });
    const view = renderApp('/outreach/home-visits?date=2026-11-24');
    await screen.findByRole('heading', { level: 2, name: 'Musterstadt' });
    const table = screen.getByRole('table', { name: 'Lindenstraße: 2 Hausbesuche' });
    expect(within(table).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['Lindenstraße 5, 05101 Musterstadt', 'Lindenstraße 12, 05101 Musterstadt']);
    expect(seen[0]).toContain('date=2026-11-24');
    expect(screen.getByRole('button', { name: 'Drucken' })).toBeTruthy();
    // The header shows the waiting reminder.
    expect(await screen.findByRole('link', { name: '1 Erinnerung' })).toBeTruthy();
    await expectNoViolations();
    view.unmount();

    const tasks = renderApp('/tasks');
    await screen.findByRole('heading', { level: 2, name: 'Erinnerungen' });
    await screen.findByRole('table', { name: /1 Aufgabe/ });
    await expectNoViolations();
    tasks.unmount();

    renderApp('/outreach/reach');
    await screen.findByRole('table', { name: 'Erreichbarkeit nach Fachkraft' });
    expect(screen.getAllByText('67 %')).toHaveLength(2);
    await expectNoViolations();
  });
});
