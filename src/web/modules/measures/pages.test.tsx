import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CalendarWeek } from '../../../contracts/appointments';
import type { SubmittedApplication } from '../../../contracts/measures';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const USER = '11111111-1111-4111-8111-111111111111';

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function week(monday: string): CalendarWeek {
  const days = Array.from({ length: 7 }, (_, i) => new Date(Date.parse(`${monday}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
  return {
    scope: { kind: 'user', id: USER, name: 'Fatma Fachkraft' },
    monday,
    isoYear: 2026,
    isoWeek: 14,
    days,
    officeHours: [],
    items: [
      {
        id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', caseId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', caseNumber: '2026-000042', initials: 'Z. W.',
        kind: 'office', status: 'planned', location: { id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', name: 'Beratungsstelle Musterstadt' },
        user: { id: USER, name: 'Fatma Fachkraft' }, startsAt: '2026-03-30T07:00:00.000Z', endsAt: '2026-03-30T08:00:00.000Z', date: days[0],
        startTime: '09:00', endTime: '10:00', outsideOfficeHours: false, note: null, version: 1,
      },
    ],
  };
}

const application = (over: Partial<SubmittedApplication> = {}): SubmittedApplication => ({
  id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', status: 'applied', caseNumber: '2026-000042',
  submittingOrg: { id: '33333333-3333-4333-8333-333333333333', name: 'Wohnhilfe Musterland e.V.' }, submittedAt: '2026-03-20T09:00:00.000Z',
  submittedByName: 'Fatma Fachkraft', applicantNames: 'Jolanta Wiśniewska', householdAddress: 'Mispelgasse 4, 05101 Musterstadt',
  landlordName: 'Musterländer Wohnungsbau GmbH', amount: 2480, body: 'jobcenter', form: 'loan', reasoning: 'Einkommensverlust',
  schonfristEnd: '2026-04-07', schonfristEstimate: false, decision: null, commitmentOn: null,
  warnings: [{ code: 'undecided_schonfrist_near', days: 5 }], version: 3, ...over,
});

describe('appointments and rent-debt pages', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('the week calendar: one section per day, keyboard-reachable week navigation, no axe violations', async () => {
    const asked: string[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ user: { id: USER, email: 'fk@example.org', displayName: 'Fatma Fachkraft', language: 'de', totpEnabled: false }, roles: ['caseworker'], permissions: ['cases.read', 'cases.edit', 'users.read', 'locations.read'] })),
      'GET /users': ok({ items: [] }),
      'GET /locations': ok({ items: [] }),
      'GET /appointments': ({ url }) => {
        asked.push(url.searchParams.get('date') ?? '');
        return ok(week(asked.length === 1 ? '2026-03-30' : '2026-03-23'));
      },
    });
    renderApp('/appointments');
    const heading = await screen.findByRole('heading', { level: 2, name: 'Fatma Fachkraft: Kalenderwoche 14/2026' });
    expect(heading).toBeTruthy();
    const monday = screen.getByRole('region', { name: /Montag, 30. März 2026/ });
    expect(within(monday).getByRole('link', { name: '2026-000042' }).getAttribute('href')).toBe('/cases/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb?tab=appointments');
    expect(within(monday).getByText('09:00–10:00 Uhr')).toBeTruthy();
    expect(screen.getByRole('region', { name: /Dienstag, 31. März 2026/ }).textContent).toContain('Keine Termine.');
    expect(screen.getByRole('link', { name: 'Woche als Kalenderdatei (.ics) herunterladen' }).getAttribute('href')).toBe(`/api/v1/appointments/calendar.ics?userId=${USER}&date=2026-03-30`);
    await expectNoViolations();
    fireEvent.click(screen.getByRole('button', { name: 'Vorige Woche' }));
    await waitFor(() => expect(asked.at(-1)).toBe('2026-03-23'));
  });

  it('the finance work list shows the application only, warns in words, and sends the decision with its version', async () => {
    const decisions: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['finance'], permissions: ['cases.read', 'measures.decide'] })),
      'GET /rent-debt-applications': ok({ items: [application()], warningDays: 7 }),
      'POST /rent-debt-applications/dddddddd-dddd-4ddd-8ddd-dddddddddddd/decision': ({ body }) => {
        decisions.push(body);
        return ok(application({ status: 'approved', version: 4, warnings: [], decision: { amount: 2480, form: 'loan', decidedOn: '2026-03-25', note: null, decidedByName: 'Werner' } }));
      },
    });
    renderApp('/applications');
    const card = await screen.findByRole('article', { name: 'Jolanta Wiśniewska (Az. 2026-000042)' });
    expect(card.textContent).toContain('Mispelgasse 4, 05101 Musterstadt');
    expect(card.textContent).toContain('Noch nicht entschieden – die Schonfrist endet in 5 Tagen.');
    await expectNoViolations();
    fireEvent.click(within(card).getByRole('button', { name: 'Antrag von Jolanta Wiśniewska entscheiden' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Entschieden am', { exact: false }), { target: { value: '2026-03-25' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Entscheidung speichern' }));
    await waitFor(() => expect(decisions).toHaveLength(1));
    expect(decisions[0]).toMatchObject({ version: 3, status: 'approved', amount: 2480, form: 'loan', decidedOn: '2026-03-25', commitmentOn: null });
    expect(await screen.findByText('Der Antrag von Jolanta Wiśniewska ist „bewilligt“.')).toBeTruthy();
  });
});
