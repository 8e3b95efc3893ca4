import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Agreement, AgreementList, Meeting, NetworkAction } from '../../../contracts/network';
import type { Permission } from '../../../contracts/roles';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';

vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no font loading API; Mantine's autosizing textareas (minutes, actions) listen to it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener: () => {}, removeEventListener: () => {} } });
}

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const ORG = '22222222-2222-4222-8222-222222222222';
const MEETING = '44444444-4444-4444-8444-444444444444';
const CLINIC = '55555555-5555-4555-8555-555555555555';

async function expectNoViolations() {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function session(permissions: Permission[]) {
  return makeSession({ roles: ['team_lead'], permissions: ['organisations.read', 'municipalities.read', ...permissions] });
}

const action = (over: Partial<NetworkAction> = {}): NetworkAction => ({
  id: '66666666-6666-4666-8666-666666666666',
  meeting: { id: MEETING, title: 'Lenkungsgruppe, 3. Sitzung', kind: 'steering_group', date: '2026-10-14', organiser: { id: ORG, name: 'Fachstelle Musterkreis' } },
  text: 'Flyer für die zweite Mahnung abstimmen',
  responsibleOrganisation: { kind: 'directory', id: CLINIC, name: 'Klinikum Musterland' },
  responsibleName: 'Frau Quartiersmann',
  dueOn: '2026-11-01',
  status: 'open',
  doneOn: null,
  state: 'overdue',
  mayEdit: true,
  version: 3,
  ...over,
});

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: MEETING,
  kind: 'steering_group',
  title: 'Lenkungsgruppe, 3. Sitzung',
  status: 'held',
  organiser: { id: ORG, name: 'Fachstelle Musterkreis' },
  startsAt: '2026-10-14T12:00:00.000Z',
  endsAt: '2026-10-14T14:00:00.000Z',
  date: '2026-10-14',
  startTime: '14:00',
  endTime: '16:00',
  place: 'Kreishaus, Raum 2.04',
  municipality: { id: '77777777-7777-4777-8777-777777777777', name: 'Musterstadt' },
  timing: 'past',
  participants: 2,
  openActions: 1,
  hasMinutes: true,
  mayEdit: true,
  agenda: [
    { id: '88888888-8888-4888-8888-888888888881', position: 0, title: 'Protokoll der letzten Sitzung', presenter: null },
    { id: '88888888-8888-4888-8888-888888888882', position: 1, title: 'Quartalszahlen', presenter: 'Fachstelle' },
  ],
  participantList: [
    { id: '99999999-9999-4999-8999-999999999991', organisation: { kind: 'organisation', id: ORG, name: 'Fachstelle Musterkreis' }, personName: 'Karla Beispiel', personFunction: 'Vorsitz', attended: true },
    { id: '99999999-9999-4999-8999-999999999992', organisation: { kind: 'directory', id: CLINIC, name: 'Klinikum Musterland' }, personName: null, personFunction: null, attended: false },
  ],
  attendance: { present: 1, absent: 1, unknown: 0 },
  minutes: 'TOP 1: genehmigt.',
  actions: [action()],
  updatedAt: '2026-10-15T08:00:00.000Z',
  version: 4,
  ...over,
});

const agreement = (over: Partial<Agreement>): Agreement => ({
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1',
  owner: { id: ORG, name: 'Fachstelle Musterkreis' },
  partner: { id: CLINIC, name: 'Klinikum Musterland' },
  kind: 'referral_pathway',
  title: 'Verfahrensabsprache Entlassmanagement',
  subject: null,
  validFrom: '2026-01-01',
  validUntil: '2027-01-20',
  note: null,
  state: 'expiring',
  daysLeft: 60,
  mayEdit: true,
  version: 1,
  ...over,
});

describe('network pages', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('the organiser writes the minutes next to the reminder that they must hold no client data; no axe violations', async () => {
    const patches: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['network.read', 'network.manage'])),
      'GET /organisations': ok({ items: [] }),
      'GET /directory/organizations': ok({ items: [], mayCreate: false, mayImport: false }),
      [`GET /network/meetings/${MEETING}`]: ok(meeting()),
      [`PATCH /network/meetings/${MEETING}`]: ({ body }) => {
        patches.push(body);
        return ok(meeting({ minutes: (body as { minutes: string }).minutes, version: 5 }));
      },
    });
    renderApp(`/network/meetings/${MEETING}`);
    await screen.findByRole('heading', { level: 1, name: 'Lenkungsgruppe, 3. Sitzung' });
    const agenda = screen.getByRole('region', { name: 'Tagesordnung' });
    expect(within(agenda).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Protokoll der letzten Sitzung', 'Quartalszahlen (Fachstelle)']);
    const participants = screen.getByRole('table', { name: /2 eingeladen, davon 1 anwesend/ });
    expect(within(participants).getByRole('rowheader', { name: 'Klinikum Musterland' })).toBeTruthy();
    const minutes = screen.getByRole('textbox', { name: 'Text des Protokolls' });
    expect(minutes.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(minutes.getAttribute('aria-describedby')!.split(' ')[0])!.textContent).toMatch(/keine Daten von Klientinnen und Klienten/);
    expect(screen.getByRole('link', { name: 'Protokoll drucken' }).getAttribute('href')).toBe(`/network/meetings/${MEETING}/print`);
    expect(screen.getByRole('link', { name: 'In den Kalender (iCal)' }).getAttribute('href')).toBe(`/api/v1/network/meetings/${MEETING}/ics`);
    await expectNoViolations();

    fireEvent.change(minutes, { target: { value: 'TOP 1: genehmigt.\nTOP 2: Zahlen besprochen.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Protokoll speichern' }));
    await screen.findByText('Das Protokoll wurde gespeichert.');
    expect(patches).toEqual([{ version: 4, minutes: 'TOP 1: genehmigt.\nTOP 2: Zahlen besprochen.' }]);
  });

  it('another organisation reads the meeting without any way to change it', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['network.read'])),
      [`GET /network/meetings/${MEETING}`]: ok(meeting({ mayEdit: false, actions: [action({ mayEdit: false })] })),
    });
    renderApp(`/network/meetings/${MEETING}`);
    await screen.findByRole('heading', { level: 1, name: 'Lenkungsgruppe, 3. Sitzung' });
    expect(screen.queryByRole('textbox', { name: 'Text des Protokolls' })).toBeNull();
    expect(screen.getByText('TOP 1: genehmigt.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Treffen bearbeiten' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Als erledigt markieren/ })).toBeNull();
    expect(screen.getByText(/Dieses Treffen wird von Fachstelle Musterkreis geführt/)).toBeTruthy();
    await expectNoViolations();
  });

  it('the open actions overview counts the overdue ones and marks one done', async () => {
    const patches: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['network.read', 'network.manage'])),
      'GET /network/actions': ok({ items: [action(), action({ id: '66666666-6666-4666-8666-666666666667', text: 'Zahlen ergänzen', state: 'due_soon', mayEdit: false })] }),
      'PATCH /network/actions/66666666-6666-4666-8666-666666666666': ({ body }) => {
        patches.push(body);
        return ok(action({ status: 'done', state: 'done', doneOn: '2026-11-21', version: 4 }));
      },
    });
    renderApp('/network/actions');
    await screen.findByText('1 Aufgabe ist überfällig.');
    const table = screen.getByRole('table', { name: '2 Aufgaben' });
    expect(within(table).getAllByRole('cell', { name: 'Klinikum Musterland (Frau Quartiersmann)' })).toHaveLength(2);
    expect(within(table).getAllByRole('link', { name: 'Lenkungsgruppe, 3. Sitzung' }).map((a) => a.getAttribute('href'))).toEqual([`/network/meetings/${MEETING}`, `/network/meetings/${MEETING}`]);
    expect(within(table).getAllByRole('button', { name: /Als erledigt markieren/ })).toHaveLength(1);
    await expectNoViolations();
    fireEvent.click(screen.getByRole('button', { name: 'Als erledigt markieren: Flyer für die zweite Mahnung abstimmen' }));
    await screen.findByText('Die Aufgabe ist als erledigt markiert.');
    expect(patches).toEqual([{ version: 3, status: 'done' }]);
  });

  it('agreements: expiring first with the days left, filtered by validity with counts', async () => {
    const list: AgreementList = {
      items: [
        agreement({}),
        agreement({ id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2', title: 'Kooperation Jobcenter', kind: 'cooperation', validUntil: null, state: 'active', daysLeft: null, mayEdit: false, owner: { id: '33333333-3333-4333-8333-333333333333', name: 'Wohnhilfe' } }),
      ],
      counts: { expiring: 1, active: 1, upcoming: 0, expired: 0 },
      mayCreate: true,
    };
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['network.read', 'network.manage'])),
      'GET /directory/organizations': ok({ items: [{ id: CLINIC, name: 'Klinikum Musterland' }], mayCreate: false, mayImport: false }),
      'GET /network/agreements': ok(list),
    });
    renderApp('/network/agreements');
    const table = await screen.findByRole('table', { name: '2 Vereinbarungen' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0].textContent).toContain('läuft aus');
    expect(rows[0].textContent).toContain('noch 60 Tage');
    expect(rows[1].textContent).toContain('unbefristet');
    expect(within(rows[1]).queryByRole('button')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Vereinbarung erfassen' })).toBeTruthy();
    await expectNoViolations();
    fireEvent.click(screen.getByRole('radio', { name: 'gültig (1)' }));
    await waitFor(() => expect(screen.getByRole('table', { name: '1 Vereinbarung' })).toBeTruthy());
    expect(screen.getByText('Kooperation Jobcenter')).toBeTruthy();
  });

  it('the printable minutes list who was present and who was excused', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(session(['network.read'])),
      [`GET /network/meetings/${MEETING}`]: ok(meeting({ mayEdit: false })),
    });
    renderApp(`/network/meetings/${MEETING}/print`);
    await screen.findByRole('heading', { level: 1, name: 'Protokoll: Lenkungsgruppe, 3. Sitzung' });
    const present = screen.getByRole('region', { name: 'Anwesend (1)' });
    expect(within(present).getByText('Fachstelle Musterkreis (Karla Beispiel, Vorsitz)')).toBeTruthy();
    expect(within(present).getByText('Klinikum Musterland')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Entschuldigt oder abwesend (1)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Drucken' })).toBeTruthy();
    await expectNoViolations();
  });
});
