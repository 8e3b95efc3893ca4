import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { i18n } from '../../app/i18n';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';
import { parseMoney, toNoticeBody, emptyNoticeForm, newTenant } from './noticeForm';

const ok = (body: unknown): FakeResponse => ({ status: 200, body });

const staff = makeSession({
  roles: ['caseworker'],
  permissions: ['notices.submit', 'receipts.read', 'cases.read', 'cases.edit', 'matching.review'],
});

const input = (container: HTMLElement, label: RegExp) => within(container).getByLabelText(label) as HTMLInputElement;
const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

async function fillMinimalNotice() {
  const kind = await screen.findByLabelText(/^Art der Meldung/);
  fireEvent.change(kind, { target: { value: 'self_referral' } });
  const tenant = screen.getByRole('group', { name: 'Mieter:in 1' });
  type(input(tenant, /^Vorname/), 'Anna');
  type(input(tenant, /^Nachname/), 'Muster');
  const address = screen.getByRole('group', { name: 'Anschrift der Wohnung' });
  type(input(address, /^Straße/), 'Lindenstraße');
  type(input(address, /^Hausnummer/), '3');
  type(input(address, /^Postleitzahl/), '0510');
  type(input(address, /^Ort/), 'Musterstadt');
}

// The form is large: rendering it in jsdom on a busy machine takes a few seconds.
describe('notice form', { timeout: 30_000 }, () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('shows each server field error next to its input, the rest above the form', async () => {
    const fetchMock = fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(staff),
      'POST /notices': {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Die Eingaben sind unvollständig.',
            requestId: 'r1',
            fields: [
              { path: 'tenants.1.lastName', message: 'Nachname fehlt.' },
              { path: 'address.postalCode', message: 'Fünf Ziffern erwartet.' },
              { path: 'court.fileNumber', message: 'Aktenzeichen fehlt.' },
              { path: 'arrears', message: 'Betrag ungültig.' },
              { path: 'somethingElse', message: 'Unbekanntes Feld.' },
            ],
          },
        },
      },
    });
    renderApp('/intake/new');
    await fillMinimalNotice();
    fireEvent.click(screen.getByRole('button', { name: 'Weitere Mieter:in hinzufügen' }));
    const second = screen.getByRole('group', { name: 'Mieter:in 2' });
    type(input(second, /^Vorname/), 'Ben');
    type(input(screen.getByRole('group', { name: 'Räumungsklage und Räumung' }), /^Amtsgericht/), 'AG Musterstadt');
    type(screen.getByLabelText(/^Mietrückstand/), '12,345');
    fireEvent.click(screen.getByRole('button', { name: 'Meldung absenden' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Die Eingaben sind unvollständig.');
    // Only the path without an input is listed in the summary.
    expect(alert.textContent).toContain('somethingElse: Unbekanntes Feld.');
    expect(alert.textContent).not.toContain('Fünf Ziffern erwartet.');

    const describedBy = (el: HTMLElement) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const secondLast = input(second, /^Nachname/);
    expect(secondLast.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(secondLast)).toContain('Nachname fehlt.');
    // The first tenant's surname is fine: the error belongs to tenant 2 only.
    expect(input(screen.getByRole('group', { name: 'Mieter:in 1' }), /^Nachname/).getAttribute('aria-invalid')).not.toBe('true');
    const postalCode = input(screen.getByRole('group', { name: 'Anschrift der Wohnung' }), /^Postleitzahl/);
    expect(describedBy(postalCode)).toContain('Fünf Ziffern erwartet.');
    expect(describedBy(screen.getByLabelText(/^Aktenzeichen des Gerichts/))).toContain('Aktenzeichen fehlt.');
    expect(describedBy(screen.getByLabelText(/^Mietrückstand/))).toContain('Betrag ungültig.');

    const call = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    const body = JSON.parse(String(call?.[1]?.body));
    expect(body.externalId).toMatch(/^WEB-/);
    expect(body.kind).toBe('self_referral');
    expect(body.tenants).toEqual([
      { firstName: 'Anna', lastName: 'Muster' },
      { firstName: 'Ben', lastName: '' },
    ]);
    expect(body.address).toEqual({ street: 'Lindenstraße', houseNumber: '3', postalCode: '0510', city: 'Musterstadt' });
    expect(body.court).toEqual({ name: 'AG Musterstadt', fileNumber: '' });
    // An amount that cannot be read goes to the server as typed, so the server names the field.
    expect(body.arrears).toBe('12,345');
    expect(body).not.toHaveProperty('landlord');
    expect(body).not.toHaveProperty('termination');
  });

  it('keeps the generated reference across a retry and shows routing, matching and deadlines afterwards', async () => {
    let attempts = 0;
    const ids: string[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(staff),
      'POST /notices': ({ body }) => {
        ids.push((body as { externalId: string }).externalId);
        attempts++;
        if (attempts === 1) return { status: 503, body: { error: { code: 'unavailable', message: 'Kurz nicht erreichbar.', requestId: 'r' } } };
        return {
          status: 201,
          body: {
            id: '99999999-9999-4999-8999-999999999999',
            household: { id: '88888888-8888-4888-8888-888888888888', match: 'new' },
            persons: [{ id: '77777777-7777-4777-8777-777777777777', match: 'review' }],
            assignedTo: { orgId: staff.organisation.id, orgName: 'Fachstelle Musterkreis' },
            deadlines: [{ kind: 'first_contact', date: '2026-02-06', basis: 'Interne Bearbeitungsvorgabe' }],
          },
        };
      },
    });
    renderApp('/intake/new');
    await fillMinimalNotice();
    fireEvent.click(screen.getByRole('button', { name: 'Meldung absenden' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Kurz nicht erreichbar.');
    fireEvent.click(screen.getByRole('button', { name: 'Meldung absenden' }));

    const result = await screen.findByTestId('notice-result');
    expect(ids[0]).toBe(ids[1]);
    expect(result.textContent).toContain('Fachstelle Musterkreis');
    expect(result.textContent).toContain('Zur Weiterleitung bei der Fachstelle');
    expect(result.textContent).toContain('Anna Muster: zur Prüfung vorgelegt');
    expect(within(result).getByRole('table', { name: 'Berechnete Fristen' }).textContent).toContain('Erstkontakt');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Meldung eingegangen'));

    fireEvent.click(screen.getByRole('button', { name: 'Weitere Meldung erfassen' }));
    expect(((await screen.findByLabelText(/^Art der Meldung/)) as HTMLSelectElement).value).toBe('');
  });
});

describe('notice form body', () => {
  it('reads euro amounts as people type them', () => {
    expect(parseMoney('1.234,56')).toBe(1234.56);
    expect(parseMoney('850')).toBe(850);
    expect(parseMoney('850,5 €')).toBe(850.5);
    expect(parseMoney('1234.56')).toBe(1234.56);
    expect(parseMoney('zwölf')).toBe('zwölf');
  });

  it('leaves out what is empty and sends a typed reference instead of the generated one', () => {
    const f = emptyNoticeForm('2026-02-03');
    f.externalId = '  AZ-17 ';
    f.kind = 'court_eviction_suit';
    f.tenants = [{ ...newTenant(), firstName: ' Anna ', lastName: 'Muster', servedOn: '2026-02-03', email: '' }];
    f.children = '2';
    f.householdSize = 'drei';
    f.terminationType = 'ordinary';
    const body = toNoticeBody(f, 'WEB-generated');
    expect(body.externalId).toBe('AZ-17');
    expect(body.tenants).toEqual([{ firstName: 'Anna', lastName: 'Muster', servedOn: '2026-02-03' }]);
    expect(body.children).toBe(2);
    expect(body.householdSize).toBe('drei');
    expect(body.termination).toEqual({ type: 'ordinary', receivedOn: '' });
    expect(body).not.toHaveProperty('court');
    expect(body).not.toHaveProperty('note');
  });
});
