import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { i18n } from '../../app/i18n';
import { fakeServer, publicConfig, renderApp, unauthenticated, type FakeResponse } from '../../test-utils';

const ok = (body: unknown): FakeResponse => ({ status: 200, body });

const easter2026 = {
  end: '2026-04-07',
  rawEnd: '2026-04-03',
  shifts: [
    { date: '2026-04-03', reason: 'Karfreitag' },
    { date: '2026-04-04', reason: 'Samstag' },
    { date: '2026-04-05', reason: 'Sonntag' },
    { date: '2026-04-06', reason: 'Ostermontag' },
  ],
  state: 'NW',
  basis: '§ 569 Abs. 3 Nr. 2 BGB i. V. m. §§ 187 Abs. 1, 188 Abs. 2 und 3, 193 BGB',
};

describe('Schonfrist calculator', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('de');
  });

  it('works without a session: one date per tenant and the Land go to the server, the shifted end comes back', async () => {
    const urls: URL[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': unauthenticated,
      'GET /deadlines/schonfrist': ({ url }) => {
        urls.push(url);
        return ok(easter2026);
      },
    });
    renderApp('/fristen');
    await screen.findByRole('heading', { level: 1, name: 'Schonfrist berechnen' });
    // Public frame: no navigation, no sign-out.
    expect(screen.queryByRole('navigation')).toBeNull();

    fireEvent.change(screen.getByLabelText(/^Zugestellt an Mieter:in 1 am/), { target: { value: '2026-01-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Weitere Mieter:in hinzufügen' }));
    fireEvent.change(screen.getByLabelText(/^Zugestellt an Mieter:in 2 am/), { target: { value: '2026-02-03' } });
    expect((screen.getByLabelText(/^Bundesland/) as HTMLSelectElement).value).toBe('NW');
    expect(within(screen.getByLabelText(/^Bundesland/)).getAllByRole('option')).toHaveLength(16);
    fireEvent.click(screen.getByRole('button', { name: 'Berechnen' }));

    const result = await screen.findByTestId('schonfrist-result');
    expect(urls[0].searchParams.getAll('servedOn')).toEqual(['2026-01-20', '2026-02-03']);
    expect(urls[0].searchParams.get('state')).toBe('NW');
    expect(result.textContent).toContain('Die Schonfrist endet am Dienstag, 7. April 2026, um 24:00 Uhr.');
    expect(result.textContent).toContain('Rechnerisch endet sie am Freitag, 3. April 2026');
    const skipped = within(result).getAllByRole('listitem').map((li) => li.textContent);
    expect(skipped).toEqual([
      'Freitag, 3. April 2026: Karfreitag',
      'Samstag, 4. April 2026: Samstag',
      'Sonntag, 5. April 2026: Sonntag',
      'Montag, 6. April 2026: Ostermontag',
    ]);
    expect(result.textContent).toContain('§ 569 Abs. 3 Nr. 2 BGB');
    expect(result.textContent).toContain('24:00 Uhr');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Ergebnis'));

    // Rows can be removed again; the remaining one is renumbered.
    fireEvent.click(screen.getByRole('button', { name: 'Zustellungsdatum 1 entfernen' }));
    expect((screen.getByLabelText(/^Zugestellt an Mieter:in 1 am/) as HTMLInputElement).value).toBe('2026-02-03');
    expect(screen.queryByLabelText(/^Zugestellt an Mieter:in 2 am/)).toBeNull();
  });

  it('translates weekend reasons in English and keeps holiday names', async () => {
    await i18n.changeLanguage('en');
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': unauthenticated,
      'GET /deadlines/schonfrist': ok(easter2026),
    });
    renderApp('/fristen');
    fireEvent.change(await screen.findByLabelText(/^Served on tenant 1 on/), { target: { value: '2026-02-03' } });
    fireEvent.click(screen.getByRole('button', { name: 'Calculate' }));
    const result = await screen.findByTestId('schonfrist-result');
    // ICU versions differ on the comma after the weekday in en-GB.
    const skipped = within(result).getAllByRole('listitem').map((li) => li.textContent?.replace(',', ''));
    expect(skipped).toEqual([
      'Friday 3 April 2026: Karfreitag',
      'Saturday 4 April 2026: Saturday',
      'Sunday 5 April 2026: Sunday',
      'Monday 6 April 2026: Ostermontag',
    ]);
  });

  it('shows the server’s field error on the date it is about', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': unauthenticated,
      'GET /deadlines/schonfrist': {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Die Eingaben sind ungültig.',
            requestId: 'r',
            fields: [{ path: 'servedOn.1', message: 'Kein gültiges Datum.' }],
          },
        },
      },
    });
    renderApp('/fristen');
    fireEvent.change(await screen.findByLabelText(/^Zugestellt an Mieter:in 1 am/), { target: { value: '2026-02-03' } });
    fireEvent.click(screen.getByRole('button', { name: 'Weitere Mieter:in hinzufügen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Berechnen' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Die Eingaben sind ungültig.');
    const second = screen.getByLabelText(/^Zugestellt an Mieter:in 2 am/);
    expect(second.getAttribute('aria-invalid')).toBe('true');
    const described = (second.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(described).toContain('Kein gültiges Datum.');
    expect(screen.getByLabelText(/^Zugestellt an Mieter:in 1 am/).getAttribute('aria-invalid')).not.toBe('true');
    expect(screen.queryByTestId('schonfrist-result')).toBeNull();
  });

  it('puts an error about the whole date list on the rows that hold no date', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': unauthenticated,
      'GET /deadlines/schonfrist': {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'Ungültige Eingabe.', requestId: 'r', fields: [{ path: 'servedOn', message: 'Ungültiger Wert.' }] } },
      },
    });
    renderApp('/fristen');
    fireEvent.change(await screen.findByLabelText(/^Zugestellt an Mieter:in 1 am/), { target: { value: '2026-02-03' } });
    fireEvent.click(screen.getByRole('button', { name: 'Weitere Mieter:in hinzufügen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Berechnen' }));
    await screen.findByRole('alert');
    await waitFor(() => expect(screen.getByLabelText(/^Zugestellt an Mieter:in 2 am/).getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByLabelText(/^Zugestellt an Mieter:in 1 am/).getAttribute('aria-invalid')).not.toBe('true');
    // Shown at the field, so not repeated in the summary.
    expect(screen.getByRole('alert').textContent).not.toContain('Ungültiger Wert.');
  });
});
