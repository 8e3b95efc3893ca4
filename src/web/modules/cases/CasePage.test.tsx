import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import type { CaseSummary } from './types';
import { emptyFile } from '../casefile/fixtures';

const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const conflict: FakeResponse = {
  status: 409,
  body: { error: { code: 'version_conflict', message: 'Der Datensatz wurde zwischenzeitlich geändert.', requestId: 'r' } },
};

const CASE_ID = '66666666-6666-4666-8666-666666666666';
const PERSON_ID = '77777777-7777-4777-8777-777777777777';
const caseworker = makeSession({ roles: ['caseworker'], permissions: ['cases.read', 'cases.edit'] });

function summary(version: number, servedOn: string | null, deadlines: CaseSummary['deadlines'] = []): CaseSummary {
  return {
    id: CASE_ID,
    caseNumber: '2026-000042',
    status: 'new',
    version,
    receivedOn: '2026-02-04',
    firstContactDue: '2026-02-09',
    assignee: null,
    location: { id: '44444444-4444-4444-8444-444444444444', name: 'Beratungsstelle Musterstadt' },
    routingNote: null,
    household: { id: '88888888-8888-4888-8888-888888888888', address: { street: 'Lindenstraße', houseNumber: '5', postalCode: '05101', city: 'Musterstadt' }, size: 3, children: 1 },
    tenants: [{ personId: PERSON_ID, firstName: 'Wiebke', lastName: 'Walkin', birthDate: null, servedOn }],
    legal: {
      landlord: null, monthlyRent: 650, arrears: 1300.5, terminationType: 'without_notice', terminationReceivedOn: null, courtName: null, courtFileNumber: null,
      suitFiledOn: null, hearingOn: null, judgmentOn: null, judgmentFinalOn: null, raeumungsfristEnd: null, evictionOn: null, earlierCuredTerminations: [],
    },
    file: emptyFile({ tenancy: { landlord: null, baseRent: null, serviceCharges: null, heatingCosts: null, totalRent: 650, tenancyStart: null, floorArea: null }, arrears: { current: 1300.5, months: 2, entries: [] } }),
    deadlines,
    notices: [{ id: '99999999-9999-4999-8999-999999999999', kind: 'self_referral', channel: 'web', receivedOn: '2026-02-04', sourceOrgName: 'Wohnhilfe', householdMatch: 'new' }],
  };
}

const schonfrist = {
  kind: 'schonfrist_end',
  date: '2026-04-07',
  rawDate: '2026-04-03',
  actBy: null,
  estimate: false,
  basis: '§ 569 Abs. 3 Nr. 2 BGB',
  shifts: [
    { date: '2026-04-03', reason: 'Karfreitag' },
    { date: '2026-04-04', reason: 'Samstag' },
  ],
  warnings: ['schonfrist_reuse_possibly_excluded'],
};

// The case page (loaded lazily) renders the whole case file: on a busy machine that takes longer
// than the defaults allow.
vi.setConfig({ testTimeout: 30_000 });
configure({ asyncUtilTimeout: 10_000 });

describe('case page', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('after a version conflict on the service dates, shows what is stored now and saves on the second try', async () => {
    let stored = summary(1, null);
    const puts: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      [`GET /cases/${CASE_ID}`]: () => ok(stored),
      [`PUT /cases/${CASE_ID}/service-dates`]: ({ body }) => {
        puts.push(body);
        if (puts.length === 1) {
          // Meanwhile a colleague entered another date.
          stored = summary(2, '2026-01-30');
          return conflict;
        }
        stored = summary(3, '2026-02-03', [schonfrist]);
        return ok(stored);
      },
    });
    renderApp(`/cases/${CASE_ID}`);
    await screen.findByRole('heading', { level: 1, name: 'Fall 2026-000042' });
    expect(screen.getByText(/1\.300,50/)).toBeTruthy();
    expect(screen.getByText('Keine Fristen berechnet.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Zustellungsdaten eintragen' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Zugestellt an Wiebke Walkin am'), { target: { value: '2026-02-03' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern und Fristen neu berechnen' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Zwischenzeitlich geändert');
    expect(alert.textContent).toContain('Der Datensatz wurde zwischenzeitlich geändert.');
    expect((within(dialog).getByLabelText('Zugestellt an Wiebke Walkin am') as HTMLInputElement).value).toBe('2026-01-30');
    expect(puts[0]).toEqual({ version: 1, tenants: [{ personId: PERSON_ID, servedOn: '2026-02-03' }] });

    fireEvent.change(within(dialog).getByLabelText('Zugestellt an Wiebke Walkin am'), { target: { value: '2026-02-03' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Speichern und Fristen neu berechnen' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(puts[1]).toEqual({ version: 2, tenants: [{ personId: PERSON_ID, servedOn: '2026-02-03' }] });

    const deadline = await screen.findByTestId('deadline-schonfrist_end');
    expect(deadline.textContent).toContain('Dienstag, 7. April 2026');
    expect(deadline.textContent).toContain('Freitag, 3. April 2026: Karfreitag');
    expect(deadline.textContent).toContain('Samstag, 4. April 2026: Samstag');
    expect(deadline.textContent).toContain('Eine frühere Kündigung wurde innerhalb der letzten zwei Jahre geheilt');
    expect(screen.getByText('Die Zustellungsdaten sind gespeichert, die Fristen neu berechnet.')).toBeTruthy();
  });

  it('tells the caseworker when taking the case collides with a change, and reloads it', async () => {
    let stored = summary(4, null);
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      [`GET /cases/${CASE_ID}`]: () => ok(stored),
      [`POST /cases/${CASE_ID}/assign`]: () => {
        stored = { ...summary(5, null), assignee: { id: '12121212-1212-4121-8121-121212121212', name: 'Tobias Teamleitung' } };
        return conflict;
      },
    });
    renderApp(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Übernehmen' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Der Datensatz wurde zwischenzeitlich geändert.');
    await waitFor(() => expect(screen.getByRole('region', { name: 'Zuständigkeit' }).textContent).toContain('Tobias Teamleitung'));
  });
});
