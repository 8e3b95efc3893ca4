import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { de, expectNoAxeViolations, launchChromium, startDemoServer, uiLogin } from './harness.js';

type Server = Awaited<ReturnType<typeof startDemoServer>>;

const ROWS = 10_000;
/** Every 20th row is broken: 5 %. */
const isBroken = (i: number) => i % 20 === 19;

// Synthetic names from syllables: plenty of distinct first and last names, none of them real.
const SYLLABLES = ['ba', 'ke', 'lo', 'mi', 'nu', 'ra', 'se', 'ti', 'vo', 'wa', 'ze', 'du', 'fi', 'go', 'hu', 'ja', 'po', 'le', 'ri', 'su', 'ta', 'mo', 'ne', 'ki'];
function syntheticName(n: number, parts: number) {
  let s = '';
  for (let k = 0; k < parts; k++) {
    s += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return s[0].toUpperCase() + s.slice(1);
}

const BROKEN = [
  { col: 'receivedOn', value: '31.02.2026', reason: 'Kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).' },
  { col: 'postalCode', value: '5101', reason: 'Keine gültige Postleitzahl (fünf Ziffern).' },
  { col: 'tenant1LastName', value: '', reason: 'Pflichtfeld.' },
  { col: 'arrears', value: 'viel', reason: 'Keine gültige Zahl (zum Beispiel 1.234,56).' },
  { col: 'kind', value: 'Brief', reason: 'Unbekannte Art der Meldung.' },
];

const HEADER = ['externalId', 'kind', 'receivedOn', 'tenant1FirstName', 'tenant1LastName', 'tenant1BirthDate', 'street', 'houseNumber', 'postalCode', 'city', 'monthlyRent', 'arrears', 'courtName', 'courtFileNumber', 'courtServedOn'];

/** A 10,000-row CSV as German Excel writes it (";", BOM, German dates and amounts), 5 % of the rows broken. */
function bulkCsv(runId: string) {
  const lines = [HEADER.join(';')];
  const broken: { row: number; externalId: string; col: string; reason: string }[] = [];
  for (let i = 0; i < ROWS; i++) {
    const id = `E2E-${runId}-${String(i).padStart(5, '0')}`;
    const v: Record<string, string> = {
      externalId: id,
      kind: 'Räumungsklage',
      receivedOn: `${String(1 + (i % 28)).padStart(2, '0')}.03.2026`,
      tenant1FirstName: syntheticName(i * 7 + 3, 2),
      tenant1LastName: syntheticName(i, 3),
      tenant1BirthDate: `${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.${1940 + (i % 60)}`,
      street: ['Lindenstraße', 'Marktplatz', 'Bahnhofstraße', 'Am Anger', 'Kirchweg'][i % 5],
      houseNumber: String(1 + (i % 180)),
      postalCode: '05101',
      city: 'Musterstadt',
      monthlyRent: `${400 + (i % 500)},50`,
      arrears: `${1 + (i % 9)}.${String(i % 1000).padStart(3, '0')},00`,
      courtName: 'Amtsgericht Musterstadt',
      courtFileNumber: `${1 + (i % 40)} C ${i}/26`,
      courtServedOn: '02.03.2026',
    };
    if (isBroken(i)) {
      const b = BROKEN[Math.floor(i / 20) % BROKEN.length];
      v[b.col] = b.value;
      broken.push({ row: i + 2, externalId: id, col: b.col, reason: b.reason });
    }
    lines.push(HEADER.map((h) => v[h]).join(';'));
  }
  return { csv: `\ufeff${lines.join('\r\n')}\r\n`, broken };
}

describe('bulk import in a real browser', () => {
  let srv: Server;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    srv = await startDemoServer();
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'bleibe-import-'));
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const num = (n: number) => n.toLocaleString('de-DE');
  const stat = (page: Page, id: string) => page.getByTestId(id).textContent();

  async function chooseFile(page: Page, path: string) {
    await page.locator('input[type="file"]').setInputFiles(path);
    await page.getByRole('heading', { level: 2, name: de.imports.previewHeading.replace('{{name}}', 'meldungen.csv') }).waitFor({ timeout: 60_000 });
  }

  /** Waits for the import to end, reading the progress bar on the way; returns the values it showed. */
  async function followProgress(page: Page) {
    const bar = page.getByRole('progressbar', { name: de.imports.progressLabel });
    await bar.waitFor();
    const seen: number[] = [];
    const done = page.getByText(de.imports.done);
    for (let i = 0; i < 20 * 60; i++) {
      if (await done.isVisible()) break;
      const now = Number(await bar.getAttribute('aria-valuenow'));
      if (seen.at(-1) !== now) seen.push(now);
      await page.waitForTimeout(500);
    }
    await done.waitFor({ timeout: 1000 });
    seen.push(Number(await bar.getAttribute('aria-valuenow')));
    return seen;
  }

  it(
    'journey: 10,000 rows with 5 % broken — preview, import with a progress bar, report of each broken row; the same file again creates nothing twice',
    async () => {
      const { csv, broken } = bulkCsv(Date.now().toString(36));
      expect(broken).toHaveLength(500);
      const path = join(dir, 'meldungen.csv');
      writeFileSync(path, csv);

      const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
      await uiLogin(page, srv.baseUrl, 'fk.a@demo.test');
      await page.getByRole('button', { name: de.nav.logout }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: de.nav.intakeImport }).click();
      await page.getByRole('heading', { level: 1, name: de.imports.title }).waitFor();
      await expectNoAxeViolations(page, '/intake/import (choose a file)');

      // Dry run: counts and the rejected rows with their reasons; nothing written yet.
      await chooseFile(page, path);
      expect(await stat(page, 'stat-total')).toBe(num(10_000));
      expect(await stat(page, 'stat-valid')).toBe(num(9_500));
      expect(await stat(page, 'stat-rejected')).toBe(num(500));
      expect(await stat(page, 'stat-known')).toBe('0');
      const table = page.getByTestId('rejections');
      await expect.poll(() => table.locator('caption').textContent()).toBe('Einträge 1 bis 50 von 500');
      const firstRows = await table.locator('tbody tr').evaluateAll((trs) => trs.slice(0, 5).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(firstRows).toEqual(broken.slice(0, 5).map((b) => [String(b.row), b.externalId, b.col, expect.stringContaining(b.reason)]));
      await expectNoAxeViolations(page, '/intake/import (preview)');

      // Import: the progress bar appears and moves on its own.
      const started = Date.now();
      await page.getByRole('button', { name: de.imports.start, exact: true }).click();
      const bar = page.getByRole('progressbar', { name: de.imports.progressLabel });
      await bar.waitFor();
      await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 60_000 }).not.toBe(String(Math.floor((500 / 10_000) * 100)));
      await expectNoAxeViolations(page, '/intake/import (running)');
      const seen = await followProgress(page);
      const seconds = (Date.now() - started) / 1000;
      console.log(`import of ${ROWS} rows (9,500 notices): ${seconds.toFixed(0)} s, ${(9_500 / seconds).toFixed(1)} rows/s; progress seen: ${seen.length} values`);
      expect(seen.length, 'the progress bar advanced in steps').toBeGreaterThan(3);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.at(-1)).toBe(100);

      // The report: counts and every broken row, page by page.
      expect(await stat(page, 'report-total')).toBe(num(10_000));
      expect(await stat(page, 'report-imported')).toBe(num(9_500));
      expect(await stat(page, 'report-duplicates')).toBe('0');
      expect(await stat(page, 'report-rejected')).toBe(num(500));
      const report = page.getByTestId('rejections');
      await expect.poll(() => report.locator('caption').textContent()).toBe('Einträge 1 bis 50 von 500');
      await expectNoAxeViolations(page, '/intake/import (report)');
      const rowsOnPage = () => report.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect((await rowsOnPage()).slice(0, 3)).toEqual(broken.slice(0, 3).map((b) => [String(b.row), b.externalId, b.col, expect.stringContaining(b.reason)]));
      await page.getByRole('button', { name: de.imports.pagination.page.replace('{{page}}', '10') }).click();
      await expect.poll(() => report.locator('caption').textContent()).toBe('Einträge 451 bis 500 von 500');
      expect((await rowsOnPage()).at(-1)).toEqual([String(broken[499].row), broken[499].externalId, broken[499].col, expect.stringContaining(broken[499].reason)]);

      // The same file again: all 9,500 valid rows are known, and importing them creates nothing.
      await page.getByRole('button', { name: de.imports.newImport }).click();
      await chooseFile(page, path);
      expect(await stat(page, 'stat-known')).toBe(num(9_500));
      await page.getByRole('button', { name: de.imports.start, exact: true }).click();
      await followProgress(page);
      expect(await stat(page, 'report-imported')).toBe('0');
      expect(await stat(page, 'report-duplicates')).toBe(num(9_500));
      expect(await stat(page, 'report-rejected')).toBe(num(500));
      // Both imports are in the history.
      const history = page.getByRole('table', { name: de.imports.historyHeading });
      await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
      await expectNoAxeViolations(page, '/intake/import (second report)');
    },
    30 * 60_000,
  );
});
