import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCases } from '../src/server/modules/demo/cases-seed.js';
import { loadConfig } from '../src/server/platform/config/config.js';
import { presetPeriod } from '../src/web/modules/reports/params.js';
import { de, demoJourney, expectNoAxeViolations, field, heading, textOf } from './harness.js';

/** The browser's today: the journey's browser runs in New York on purpose, and the presets count from its calendar. */
const browserDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());

/**
 * Issue 7's report journey in a real browser against the real server and the demo district with
 * its cases: the Wohnhilfe's team lead sees the dashboard on the start page → opens the evaluation
 * report → changes the period (a preset) and a filter (the notice channel), both kept in the
 * address → drills down into the number of households and sees the cases behind it, each linking
 * to its case → goes back to the same report and downloads it as XLSX, whose sheets hold the
 * figures. axe checks every page on the way.
 */
describe('evaluation report in a real browser', () => {
  let tl: Page;
  let households = 0;

  const journey = demoJourney();
  const { signIn } = journey;

  // The shared server starts without the demo cases; the report needs them.
  beforeAll(async () => {
    const services = { db: journey.srv.db, config: loadConfig({ NODE_ENV: 'test', BLEIBE_DEMO: 'true', LOG_LEVEL: 'silent' }), now: new Date() };
    await seedDemoCases(services);
  });

  const params = (page: Page) => new URL(page.url()).searchParams;
  const householdsLink = (page: Page) => page.getByRole('region', { name: de.reports.summary.heading }).getByRole('link');

  it('(a) the start page shows the team lead the dashboard with the team load', async () => {
    tl = await signIn('tl.a@demo.test');
    const overview = tl.getByRole('region', { name: de.reports.dashboard.heading });
    await overview.getByRole('table', { name: de.reports.dashboard.teamCaption }).waitFor();
    expect(await textOf(overview)).toContain(de.reports.dashboard.newNotices);
    await expectNoAxeViolations(tl, '/ (dashboard)');
  });

  it('(b) the report page: period preset and a filter go to the address; every chart has its table', async () => {
    await tl.getByRole('navigation').getByRole('link', { name: de.reports.nav }).click();
    await heading(tl, de.reports.title).waitFor();
    await tl.getByRole('table', { name: de.reports.captions.noticesByKind }).waitFor();
    await expectNoAxeViolations(tl, '/reports');

    await tl.getByRole('button', { name: de.reports.presets.last12Months }).click();
    const period = presetPeriod('last12Months', browserDay());
    await expect.poll(() => `${params(tl).get('from')}/${params(tl).get('to')}`).toBe(`${period.from}/${period.to}`);
    await tl.getByRole('button', { name: de.reports.presets.last12Months, pressed: true }).waitFor();

    await field(tl, de.reports.filters.noticeKind).selectOption({ label: de.intake.kinds.court_eviction_suit });
    await expect.poll(() => params(tl).get('noticeKind')).toBe('court_eviction_suit');
    // The report answers for the filter: the drill-down link of the households carries it.
    await expect.poll(async () => (await householdsLink(tl).first().getAttribute('href').catch(() => null)) ?? '').toContain('noticeKind=court_eviction_suit');
    const text = (await householdsLink(tl).first().textContent()) ?? '';
    households = Number(text.replace(/\D.*$/s, ''));
    expect(households, 'the demo organisation has court-reported households in the last 12 months').toBeGreaterThan(0);

    // Charts are decorative; the table with the same numbers follows each.
    for (const caption of [de.reports.captions.noticesByMonth, de.reports.captions.outcomes, de.reports.captions.placements]) {
      await tl.getByRole('table', { name: caption }).waitFor();
    }
    await expectNoAxeViolations(tl, '/reports (last 12 months, court notices)');
  });

  it('(c) drilling into the number of households lists exactly the cases behind it, each linking to its case', async () => {
    await householdsLink(tl).first().click();
    await heading(tl, /^Fälle: /).waitFor();
    expect(params(tl).get('indicator')).toBe('households');
    expect(params(tl).get('key')).toBe('all');
    expect(params(tl).get('noticeKind')).toBe('court_eviction_suit');
    const table = tl.getByRole('table', { name: new RegExp(`^${households} (Fall|Fälle):`) });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(households, 50));
    const first = rows.first().getByRole('link');
    expect(await first.getAttribute('href')).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(tl, '/reports/cases');

    await first.click();
    await heading(tl, /^Fall \d{4}-\d{6}/).waitFor();
    await tl.goBack();
    await table.waitFor();
  });

  it('(d) back on the same report, the XLSX download holds the figures', async () => {
    await tl.getByRole('link', { name: de.reports.drill.back }).click();
    await heading(tl, de.reports.title).waitFor();
    expect(params(tl).get('noticeKind')).toBe('court_eviction_suit');
    await tl.getByRole('table', { name: de.reports.captions.noticesByKind }).waitFor();

    const [download] = await Promise.all([tl.waitForEvent('download'), tl.getByRole('link', { name: de.reports.downloads.xlsx }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.length).toBeGreaterThan(0);
    // Some sheet names the court channel with its number of notices, and the households count is among the numbers.
    const cells: unknown[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(cell.value))));
    expect(cells.some((v) => typeof v === 'string' && v.includes('Räumungsklage'))).toBe(true);
    expect(cells).toContain(households);
  });

  let stat: Page;

  it('(e) the statistics role: the district report, small numbers protected, no way to a case', async () => {
    stat = await signIn('stat@demo.test');
    await stat.getByRole('region', { name: de.reports.dashboard.districtHeading }).getByRole('link', { name: de.reports.dashboard.districtButton }).click();
    await heading(stat, de.reports.title).waitFor();
    await stat.getByRole('table', { name: de.reports.captions.noticesByKind }).waitFor();
    await stat.getByRole('complementary', { name: de.reports.suppression.heading }).waitFor();
    // Aggregates only: no number links to cases.
    expect(await stat.getByRole('table', { name: de.reports.captions.noticesByKind }).getByRole('link').count()).toBe(0);
    await expectNoAxeViolations(stat, '/reports?scope=district');
  });

  it('(f) the statistics role: the official counts for their reference days and the pseudonymised export saved as a file', async () => {
    await stat.getByRole('navigation').getByRole('link', { name: de.reports.official.nav }).click();
    await heading(stat, de.reports.official.title).waitFor();
    await stat.getByRole('region', { name: de.reports.official.federal.heading }).getByRole('table', { name: de.reports.official.characteristics.sex }).waitFor();
    await stat.getByRole('region', { name: de.reports.official.nrw.heading }).getByRole('table', { name: de.reports.official.characteristics.situation }).waitFor();
    await expectNoAxeViolations(stat, '/statistics/official');

    await stat.getByRole('navigation').getByRole('link', { name: de.reports.pseudonymised.nav }).click();
    await heading(stat, de.reports.pseudonymised.title).waitFor();
    await field(stat, de.reports.pseudonymised.key).fill('evaluation-key-2026');
    await expectNoAxeViolations(stat, '/statistics/export');
    const [download] = await Promise.all([stat.waitForEvent('download'), stat.getByRole('button', { name: de.reports.pseudonymised.submit }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await stat.getByRole('status').getByText(/wurde erstellt und gespeichert/).waitFor();
  });
});
