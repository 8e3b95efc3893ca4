import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import type { CaseSummary } from '../cases/types';
import { emptyFile } from './fixtures';

// The case page is loaded lazily and renders the whole file: slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });
configure({ asyncUtilTimeout: 30_000 });

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const CASE_ID = '66666666-6666-4666-8666-666666666666';
const PERSON_ID = '77777777-7777-4777-8777-777777777777';

function summary(version: number, contact: Partial<CaseSummary['file']['contact']> = {}): CaseSummary {
  return {
    id: CASE_ID,
    caseNumber: '2026-000042',
    status: 'open',
    version,
    receivedOn: '2026-02-04',
    firstContactDue: '2026-02-09',
    assignee: null,
    location: null,
    routingNote: null,
    household: { id: '88888888-8888-4888-8888-888888888888', address: { street: 'Lindenstraße', houseNumber: '5', postalCode: '05101', city: 'Musterstadt' }, size: 2, children: 1 },
    tenants: [{ personId: PERSON_ID, firstName: 'Wiebke', lastName: 'Walkin', birthDate: '1990-03-03', servedOn: null }],
    legal: {
      landlord: null, monthlyRent: 650, arrears: 1300, terminationType: null, terminationReceivedOn: null, courtName: null, courtFileNumber: null,
      suitFiledOn: null, hearingOn: null, judgmentOn: null, judgmentFinalOn: null, raeumungsfristEnd: null, evictionOn: null, earlierCuredTerminations: [],
    },
    file: emptyFile({
      members: [
        { personId: PERSON_ID, firstName: 'Wiebke', lastName: 'Walkin', birthDate: '1990-03-03', age: 35, relation: 'main_tenant', isCaseTenant: true, sex: null, nationality: null },
        { personId: '99999999-9999-4999-8999-000000000001', firstName: 'Mia', lastName: 'Walkin', birthDate: null, age: null, relation: 'child', isCaseTenant: false, sex: null, nationality: null },
      ],
      facts: { size: 2, children: 1, adults: 1, ageUnknown: 0 },
      derivedTargetGroups: ['families_with_children', 'single_parents'],
      contact: { phone: null, email: null, postalAddress: null, bestTimes: null, preferredLanguage: null, interpreterNeeded: false, ...contact },
    }),
    deadlines: [],
    notices: [],
  };
}

const conflict: FakeResponse = {
  status: 409,
  body: { error: { code: 'version_conflict', message: 'Der Datensatz wurde inzwischen von jemand anderem geändert.', requestId: 'r' } },
};

describe('case file tab', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('shows members with relation and age, and no sensitive section (nor request) without the permission', async () => {
    const fetchMock = fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['caseworker'], permissions: ['cases.read', 'cases.edit', 'users.read'] })),
      [`GET /cases/${CASE_ID}`]: ok(summary(1)),
      'GET /users': ok({ items: [] }),
    });
    renderApp(`/cases/${CASE_ID}`);
    const members = await screen.findByRole('region', { name: 'Haushalt und Mitglieder' });
    const rows = within(members).getAllByRole('row');
    expect(rows[1].textContent).toContain('Wiebke Walkin');
    expect(rows[1].textContent).toContain('Hauptmieter:in');
    expect(rows[1].textContent).toContain('35 Jahre');
    expect(rows[2].textContent).toContain('Kind');
    expect(screen.getByText('2 Personen, davon 1 Kinder')).toBeTruthy();
    expect(screen.getByText('Alleinerziehende')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Besondere Kategorien personenbezogener Daten' })).toBeNull();
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('/sensitive'))).toBe(false);
  });

  it('loads the sensitive data only when asked to (each view is logged)', async () => {
    const fetchMock = fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['caseworker', 'sensitive_data'], permissions: ['cases.read', 'cases.edit', 'cases.sensitive', 'users.read'] })),
      [`GET /cases/${CASE_ID}`]: ok(summary(1)),
      'GET /users': ok({ items: [] }),
      [`GET /cases/${CASE_ID}/sensitive`]: ok({ version: 2, markers: ['chronically_ill'], healthNote: 'Diabetes Typ 1', addictionNote: null, criminalRecordNote: null, updatedAt: '2026-02-01T10:00:00Z', updatedBy: 'Fatma Fachkraft' }),
    });
    renderApp(`/cases/${CASE_ID}`);
    const section = await screen.findByRole('region', { name: 'Besondere Kategorien personenbezogener Daten' });
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('/sensitive'))).toBe(false);
    fireEvent.click(within(section).getByRole('button', { name: 'Anzeigen (wird protokolliert)' }));
    expect(await within(section).findByText('Diabetes Typ 1')).toBeTruthy();
    expect(within(section).getByText(/Chronische Erkrankung/)).toBeTruthy();
  });

  it('editing the contact after a colleague saved: the conflict is explained, the dialog shows what is stored, the second save works', async () => {
    let stored = summary(3);
    const patches: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['caseworker'], permissions: ['cases.read', 'cases.edit', 'users.read'] })),
      [`GET /cases/${CASE_ID}`]: () => ok(stored),
      'GET /users': ok({ items: [] }),
      [`PATCH /cases/${CASE_ID}/file`]: ({ body }) => {
        patches.push(body);
        if (patches.length === 1) {
          stored = summary(4, { bestTimes: 'nur abends' });
          return conflict;
        }
        stored = summary(5, { bestTimes: 'nur abends', phone: '0151 2345678' });
        return ok(stored);
      },
    });
    renderApp(`/cases/${CASE_ID}`);
    const contact = await screen.findByRole('region', { name: 'Kontakt und Sprache' });
    fireEvent.click(within(contact).getByRole('button', { name: 'Kontakt bearbeiten' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Telefon'), { target: { value: '0151 2345678' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Jemand anderes hat den Fall inzwischen geändert');
    expect(patches[0]).toMatchObject({ version: 3, contact: { phone: '0151 2345678', bestTimes: null } });
    // The colleague's change is in the form now; the own change has to be made again.
    await waitFor(() => expect((within(dialog).getByLabelText('Am besten erreichbar') as HTMLInputElement).value).toBe('nur abends'));
    expect((within(dialog).getByLabelText('Telefon') as HTMLInputElement).value).toBe('');
    fireEvent.change(within(dialog).getByLabelText('Telefon'), { target: { value: '0151 2345678' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches[1]).toMatchObject({ version: 4, contact: { phone: '0151 2345678', bestTimes: 'nur abends' } });
    expect(await screen.findByText('Kontakt und Sprache sind gespeichert.')).toBeTruthy();
  });

  it('records sex and nationality of a member for the official statistics', async () => {
    const puts: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['caseworker'], permissions: ['cases.read', 'cases.edit', 'users.read'] })),
      [`GET /cases/${CASE_ID}`]: ok(summary(1)),
      'GET /users': ok({ items: [] }),
      [`PUT /cases/${CASE_ID}/members`]: ({ body }) => {
        puts.push(body);
        return ok(summary(2));
      },
    });
    renderApp(`/cases/${CASE_ID}`);
    const members = await screen.findByRole('region', { name: 'Haushalt und Mitglieder' });
    fireEvent.click(within(members).getByRole('button', { name: 'Mitglieder bearbeiten' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getAllByLabelText('Geschlecht')[0], { target: { value: 'female' } });
    fireEvent.change(within(dialog).getAllByLabelText('Staatsangehörigkeit', { exact: false })[0], { target: { value: 'pl' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    const sent = (puts[0] as { members: { sex: string | null; nationality: string | null }[] }).members;
    expect(sent.map((m) => [m.sex, m.nationality])).toEqual([
      ['female', 'PL'],
      [null, null],
    ]);
  });

  it('the file tab, the members dialog and the absences on the account page pass axe (structure, names, labels)', async () => {
    const expectNoViolations = async () => {
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules: { 'color-contrast': { enabled: false } } });
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(makeSession({ roles: ['caseworker', 'sensitive_data'], permissions: ['cases.read', 'cases.edit', 'cases.sensitive', 'users.read'] })),
      [`GET /cases/${CASE_ID}`]: ok(summary(1)),
      'GET /users': ok({ items: [] }),
      'GET /absences': ok({ items: [{ id: '12121212-1212-4121-8121-121212121212', user: { id: '11111111-1111-4111-8111-111111111111', name: 'Anna Admin' }, substitute: { id: '13131313-1313-4131-8131-131313131313', name: 'Tobias Teamleitung' }, startsOn: '2026-02-01', endsOn: '2026-02-10', note: null, current: true }] }),
    });
    const view = renderApp(`/cases/${CASE_ID}`);
    const members = await screen.findByRole('region', { name: 'Haushalt und Mitglieder' });
    await expectNoViolations();
    fireEvent.click(within(members).getByRole('button', { name: 'Mitglieder bearbeiten' }));
    await screen.findByRole('dialog');
    await expectNoViolations();
    view.unmount();
    renderApp('/account');
    await screen.findByRole('region', { name: 'Abwesenheiten und Vertretungen' });
    await screen.findByText('Tobias Teamleitung');
    await expectNoViolations();
  }, 180_000);
});
