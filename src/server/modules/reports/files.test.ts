import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { attachmentHeaders, renderDocument, safeText, type ReportDocument } from './files.js';

/*
 * The report file renderer: each format read back (CSV as text, XLSX with exceljs, PDF with
 * pdftotext), formula injection defused, a long table broken over pages with its header repeated.
 */

const single: ReportDocument = {
  title: 'Bundesstatistik Stichtag 31.01.2026',
  meta: [['Stichtag', '2026-01-31']],
  sections: [
    {
      title: 'Personen',
      columns: [
        { key: 'sex', label: 'Geschlecht' },
        { key: 'age', label: 'Alter' },
        { key: 'note', label: 'Anmerkung' },
      ],
      rows: [
        { sex: 'female', age: 34, note: 'Müller, "Ölweg"' },
        { sex: 'male', age: 2.5, note: '=HYPERLINK("http://x")' },
        { sex: null, age: -3, note: '+1 line\nsecond' },
        { sex: '@SUM(A1)', age: null, note: '-5' },
      ],
    },
  ],
};

describe('renderDocument', () => {
  it('CSV: BOM, comma, CRLF, quoting, numbers as numbers, formulas defused; one table = header + rows only', async () => {
    const f = await renderDocument('csv', single);
    expect(f.contentType).toBe('text/csv; charset=utf-8');
    expect(f.fileName).toBe('bundesstatistik-stichtag-31.01.2026.csv');
    expect([...f.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = f.body.toString('utf8').slice(1);
    expect(text.split('\r\n')).toEqual([
      'Geschlecht,Alter,Anmerkung',
      'female,34,"Müller, ""Ölweg"""',
      'male,2.5,"\'=HYPERLINK(""http://x"")"',
      ',-3,"\'+1 line\nsecond"',
      "'@SUM(A1),,'-5",
      '',
    ]);
  });

  it('CSV of several tables: title, meta and each table under its title', async () => {
    const doc: ReportDocument = { ...single, sections: [single.sections[0], { title: 'Summe', columns: [{ key: 'n', label: 'n' }], rows: [{ n: 4 }] }] };
    const text = (await renderDocument('csv', doc)).body.toString('utf8').slice(1);
    expect(text.split('\r\n').slice(0, 4)).toEqual(['Bundesstatistik Stichtag 31.01.2026', 'Stichtag,2026-01-31', '', 'Personen']);
    expect(text).toContain('\r\nSumme\r\nn\r\n4\r\n');
  });

  it('XLSX: an info sheet, one sheet per table, bold frozen header, numbers as numbers, formulas defused', async () => {
    const f = await renderDocument('xlsx', { ...single, sections: [...single.sections, { ...single.sections[0], title: 'Personen' }] });
    expect(f.contentType).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bundesstatistik Stichtag 31.01.', 'Personen', 'Personen 2']);
    const info = wb.worksheets[0];
    expect(info.getCell('A1').value).toBe('Bundesstatistik Stichtag 31.01.2026');
    expect(info.getCell('B2').value).toBe('2026-01-31');
    const ws = wb.worksheets[1];
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getRow(1).values).toEqual([undefined, 'Geschlecht', 'Alter', 'Anmerkung']);
    expect(ws.getCell('B2').value).toBe(34);
    expect(ws.getCell('B3').value).toBe(2.5);
    expect(ws.getCell('C3').value).toBe('\'=HYPERLINK("http://x")');
    expect(ws.getCell('C3').formula).toBeUndefined();
    expect(ws.getCell('A5').value).toBe("'@SUM(A1)");
    expect(ws.getCell('A4').value).toBeNull();
    expect(ws.rowCount).toBe(5);
  });

  it('PDF: title, meta and cells readable; a long table continues over pages with its header repeated', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({ sex: i % 2 ? 'female' : 'male', age: i, note: `Zeile ${i}` }));
    const f = await renderDocument('pdf', { ...single, sections: [{ ...single.sections[0], rows }] }, { createdAt: new Date('2026-02-01T10:00:00Z') });
    expect(f.contentType).toBe('application/pdf');
    expect(f.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfText(f.body).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).toContain('Bundesstatistik Stichtag 31.01.2026');
    expect(pages[0]).toContain('Stichtag');
    for (const p of pages) expect(p).toContain('Geschlecht');
    const all = pages.join('\n');
    for (const i of [0, 75, 149]) expect(all).toContain(`Zeile ${i}`);
    expect(pages[pages.length - 1]).toContain(`${pages.length} / ${pages.length}`);
  });

  it('PDF: many columns go landscape and wrap; umlauts survive', async () => {
    const columns = Array.from({ length: 12 }, (_, i) => ({ key: `c${i}`, label: `Spalte ${i} mit längerem Namen` }));
    const row = Object.fromEntries(columns.map((c, i) => [c.key, i % 2 ? i : `Wert ${i} äöüß`]));
    const f = await renderDocument('pdf', { title: 'Breit', meta: [], sections: [{ title: 'T', columns, rows: [row] }] });
    const text = pdfText(f.body).replace(/\s+/g, ' ');
    expect(text).toContain('äöüß');
    expect(text).toContain('Spalte 11');
  });

  it('formula guard and download headers', () => {
    expect(['=1', '+1', '-1', '@a', '\tx', 'a=1', '1'].map(safeText)).toEqual(["'=1", "'+1", "'-1", "'@a", "'\tx", 'a=1', '1']);
    const h = attachmentHeaders({ body: Buffer.alloc(0), contentType: 'text/csv; charset=utf-8', fileName: 'zählung.csv' });
    expect(h['Content-Disposition']).toBe(`attachment; filename="z_hlung.csv"; filename*=UTF-8''z%C3%A4hlung.csv`);
  });
});

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'bleibe-report-'));
  const path = join(dir, 'r.pdf');
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}
