import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ImportJob, ImportPreview } from '../../../contracts/imports';
import { fakeServer, makeSession, publicConfig, renderApp, type FakeResponse } from '../../test-utils';

const ok = (body: unknown, status = 200): FakeResponse => ({ status, body });
const caseworker = makeSession({ roles: ['caseworker'], permissions: ['notices.submit', 'imports.run'] });
const JOB_ID = '12121212-1212-4121-8121-121212121212';

const rejections = Array.from({ length: 60 }, (_, i) => ({
  row: 21 + i * 20,
  externalId: `E-${i}`,
  errors: [{ column: 'receivedOn', message: 'Kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).' }],
}));

const preview: ImportPreview = {
  fileName: 'meldungen.csv',
  fileType: 'csv',
  delimiter: ';',
  encoding: 'utf-8',
  columns: ['externalId'],
  totalRows: 1200,
  validRows: 1140,
  rejectedRows: 60,
  knownRows: 0,
  rejections,
  sample: [{ row: 2, externalId: 'E-x', kind: 'court_eviction_suit', receivedOn: '2026-04-12', tenants: ['Erika Muster'], address: 'Lindenstraße 5, 05101 Musterstadt' }],
};

function job(processed: number, status: ImportJob['status'] = 'running', withRejections = false): ImportJob {
  return {
    id: JOB_ID,
    fileName: 'meldungen.csv',
    fileType: 'csv',
    status,
    totalRows: 1200,
    processedRows: processed,
    importedRows: Math.max(0, processed - 60),
    duplicateRows: 0,
    rejectedRows: 60,
    createdBy: 'Fatma Fachkraft',
    createdAt: '2026-04-20T09:00:00.000Z',
    finishedAt: status === 'running' ? null : '2026-04-20T09:01:00.000Z',
    error: null,
    rejections: withRejections ? rejections : [],
  };
}

describe('import page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('file → preview with every rejected row → import → progress bar → report', async () => {
    let polls = 0;
    const uploads: unknown[] = [];
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      'GET /imports': ok({ items: [] }),
      'POST /imports/preview': ({ body }) => {
        uploads.push(body);
        return ok(preview);
      },
      'POST /imports': ({ body }) => {
        uploads.push(body);
        return ok(job(60), 202);
      },
      [`GET /imports/${JOB_ID}`]: ({ url }) => {
        if (url.searchParams.get('rejections') === 'none') return ok(job(++polls < 2 ? 600 : 1200, polls < 2 ? 'running' : 'done'));
        return ok(job(1200, 'done', true));
      },
    });
    renderApp('/intake/import');
    await screen.findByRole('heading', { level: 1, name: 'Meldungen importieren' });
    expect(screen.getByRole('link', { name: 'Importvorlage herunterladen (CSV)' }).getAttribute('href')).toBe('/api/v1/imports/template.csv');

    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File(['externalId;kind\n'], 'meldungen.csv', { type: 'text/csv' });
    fireEvent.change(input, { target: { files: [file] } });

    await screen.findByRole('heading', { level: 2, name: 'Vorschau: meldungen.csv' });
    expect(uploads[0]).toEqual({ fileName: 'meldungen.csv', contentBase64: btoa('externalId;kind\n') });
    expect(screen.getByTestId('stat-rejected').textContent).toBe('60');
    expect(screen.getByTestId('stat-valid').textContent).toBe('1.140');
    const table = screen.getByTestId('rejections');
    expect(within(table).getByText('Einträge 1 bis 50 von 60')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    fireEvent.click(screen.getByRole('button', { name: 'Seite 2' }));
    expect(within(table).getByText('Einträge 51 bis 60 von 60')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Importieren' }));
    const bar = await screen.findByRole('progressbar', { name: 'Fortschritt des Imports' });
    expect(['5', '50']).toContain(bar.getAttribute('aria-valuenow'));
    expect(uploads[1]).toEqual(uploads[0]);

    await screen.findByText('Der Import ist abgeschlossen.', undefined, { timeout: 8000 });
    expect(screen.getByRole('progressbar', { name: 'Fortschritt des Imports' }).getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByTestId('report-imported').textContent).toBe('1.140');
    await waitFor(() => expect(within(screen.getByTestId('rejections')).getByText('Einträge 1 bis 50 von 60')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Abgelehnte Zeilen herunterladen (CSV)' })).toBeTruthy();
  }, 20_000);

  it('shows why a file was refused', async () => {
    fakeServer({
      'GET /config': ok(publicConfig),
      'GET /auth/session': ok(caseworker),
      'GET /imports': ok({ items: [] }),
      'POST /imports/preview': ok(
        {
          error: {
            code: 'import_columns_invalid',
            message: 'Die Spalten der Datei passen nicht zur Importvorlage.',
            fields: [{ path: 'Lieblingsfarbe', message: 'Unbekannte Spalte.' }],
            requestId: 'r',
          },
        },
        422,
      ),
    });
    renderApp('/intake/import');
    await screen.findByRole('heading', { level: 1, name: 'Meldungen importieren' });
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], 'x.csv')] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Die Spalten der Datei passen nicht zur Importvorlage.');
    expect(alert.textContent).toContain('Lieblingsfarbe: Unbekannte Spalte.');
  });
});
