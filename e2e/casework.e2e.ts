import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, berlinDay, de, demoJourney, dialogSettled, expectNoAxeViolations, field, heading, shown, textOf, toUtc } from './harness.js';

// ---- dates -------------------------------------------------------------------------------------
// The demo server runs on the real clock and counts days on the Berlin calendar; the journey's
// dates are computed from today there, so the Schonfrist always lies ahead. The browser runs in
// another time zone on purpose (as in the intake journey): the pages must not depend on it.

/** Calendar months later, the day clamped to the month's end (31 Aug + 6 months = 28/29 Feb). */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
/** The first day of the given weekday (0 Sunday … 6 Saturday) at least `minDays` after `day`. */
function nextWeekday(day: string, weekday: number, minDays: number) {
  let d = addDays(day, minDays);
  while (toUtc(d).getUTCDay() !== weekday) d = addDays(d, 1);
  return d;
}

const TODAY = berlinDay();
const SERVED_ON = addDays(TODAY, -7);
const RECEIVED_ON = addDays(TODAY, -6);

// A fictitious household of this journey only: other demo cases may exist, so everything is
// looked up by these names, never by position.
const FIRST = 'Henrike';
const LAST = 'Bleibtreu';
const NAME = `${FIRST} ${LAST}`;
const FILE_NUMBER = '4 C 318/26';
const RENT_DEBT_TYPE = de.measures.types.rent_debt_assumption;
const FACHSTELLE = 'Fachstelle Wohnungsnotfälle Kreis Musterland';

/**
 * Issue 4's "done when" journey in a real browser against the real server and the demo district:
 * a court notice arrives → the caseworker opens it from the work queue → writes and logs a letter
 * and three failed home visits → books an office appointment within office hours → records and
 * submits a rent-debt assumption application → the finance staff of the district office (another
 * organisation, seeing only the application) approve it with a commitment date before the
 * Schonfrist end → the caseworker sees the decision without a warning → closes the case as
 * "tenancy secured with debt assumption" with causes → the follow-up tasks after 6 and 12 months
 * exist. A caseworker of another provider gets the not-found page. axe checks every page, tab and
 * dialog on the way.
 *
 * The steps build on each other (one household, one case), so they run in order and share state.
 */
describe('case work in a real browser', () => {
  let fk: Page;
  let caseUrl = '';
  let caseId = '';
  let letterDocumentId = '';
  let closedOn = '';

  const journey = demoJourney();
  const { signIn } = journey;

  /** Opens a tab of the case page by mouse and waits for its panel's heading. */
  async function openTab(page: Page, tab: string, panelHeading: string) {
    await page.getByRole('tab', { name: tab }).click();
    await expect.poll(() => page.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: panelHeading, exact: true }).waitFor();
  }

  /** A section (a region named by its heading), not the scrollable table region inside it of the same name. */
  const section = (page: Page, name: string) =>
    page.getByRole('region', { name, exact: true }).filter({ has: page.getByRole('heading', { name, exact: true }) });

  /** The notice of a status message ("… gespeichert") has appeared. */
  const sawNotice = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor();

  it('(a) a court notice arrives by API key, and the caseworker takes and opens it from the work queue', async () => {
    const res = await fetch(`${journey.srv.baseUrl}/api/v1/notices`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-court-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        externalId: 'AG-MS-CASEWORK-1',
        kind: 'court_eviction_suit',
        receivedOn: RECEIVED_ON,
        tenants: [{ firstName: FIRST, lastName: LAST, servedOn: SERVED_ON }],
        address: { street: 'Lindenstraße', houseNumber: '30', postalCode: '05101', city: 'Musterstadt' },
        children: 1,
        court: { name: 'Amtsgericht Musterstadt', fileNumber: FILE_NUMBER, servedOn: SERVED_ON },
      }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { assignedTo: { orgName: string } }).assignedTo.orgName).toBe('Wohnhilfe Musterland e.V.');

    fk = await signIn('fk.a@demo.test');
    await fk.getByRole('navigation').getByRole('link', { name: de.nav.cases }).click();
    await heading(fk, de.queue.title).waitFor();
    await fk.getByText(de.queue.scopes.unassigned, { exact: true }).click();
    await field(fk, de.queue.search).fill(LAST);
    const row = fk.getByRole('row').filter({ hasText: NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain(`Az. ${FILE_NUMBER}`);
    await expectNoAxeViolations(fk, '/cases (unassigned)');

    await row.getByRole('button', { name: /übernehmen$/ }).click();
    await sawNotice(fk, /ist jetzt Ihnen zugewiesen/);
    await fk.getByText(de.queue.scopes.mine, { exact: true }).click();
    const mine = fk.getByRole('row').filter({ hasText: NAME });
    await mine.waitFor();
    await mine.getByRole('link').click();
    await heading(fk, /^Fall \d{4}-\d{6}$/).waitFor();
    caseUrl = fk.url().split('?')[0];
    caseId = new URL(caseUrl).pathname.split('/').pop()!;
    // The served suit gives a computed Schonfrist end, not an estimate.
    const schonfrist = fk.getByTestId('deadline-schonfrist_end');
    await schonfrist.waitFor();
    expect(await schonfrist.textContent()).not.toContain(de.deadlines.estimate);
    await expectNoAxeViolations(fk, '/cases/:id (case file)');
  });

  it('(b) the case-page tabs work by keyboard; a first-contact letter is written and filed', async () => {
    // Arrow keys move between the tabs (and select them), as the ARIA tab pattern expects.
    await fk.getByRole('tab', { name: de.case.tabs.file }).focus();
    await fk.keyboard.press('ArrowRight');
    await expect.poll(() => new URL(fk.url()).searchParams.get('tab')).toBe('outreach');
    await expect.poll(() => fk.getByRole('tab', { name: de.outreach.tab }).getAttribute('aria-selected')).toBe('true');
    expect(await fk.evaluate(() => document.activeElement?.textContent)).toBe(de.outreach.tab);
    await fk.getByRole('heading', { level: 2, name: de.outreach.attempts.heading }).waitFor();
    await fk.getByText(de.outreach.attempts.empty).waitFor();
    await expectNoAxeViolations(fk, '/cases/:id?tab=outreach (empty)');
    await fk.keyboard.press('ArrowLeft');
    await expect.poll(() => new URL(fk.url()).searchParams.get('tab')).toBe(null);
    await fk.getByTestId('deadline-schonfrist_end').waitFor();

    await openTab(fk, de.documents.tab, de.letters.heading);
    await fk.getByText(de.documents.none).waitFor();
    await expectNoAxeViolations(fk, '/cases/:id?tab=documents');
    // The contact offer in German: the template and the language are preselected.
    await fk.getByRole('button', { name: de.letters.write }).click();
    await sawNotice(fk, /liegt bei den Dokumenten/);
    const letterRow = fk.getByRole('row').filter({ hasText: `${de.letters.templates.first_contact} · ${de.letters.languages.de}` });
    await letterRow.waitFor();
    expect(await letterRow.textContent()).toContain(de.documents.types.letter);
    const href = (await letterRow.getByRole('link').getAttribute('href')) ?? '';
    letterDocumentId = /\/documents\/([0-9a-f-]{36})\/content$/.exec(href)?.[1] ?? '';
    expect(letterDocumentId).not.toBe('');
    // The stored PDF downloads through the case's access rule.
    const pdf = await fk.request.get(`${journey.srv.baseUrl}/api/v1/documents/${letterDocumentId}/content`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectNoAxeViolations(fk, '/cases/:id?tab=documents (letter filed)');
  });

  it('(c) the caseworker logs the letter and three failed home visits', async () => {
    await openTab(fk, de.outreach.tab, de.outreach.attempts.heading);
    const attempts = section(fk, de.outreach.attempts.heading);

    /** Records an attempt that took place, at a time of the browser's (New York) clock. */
    async function recordMade(channel: string, at: string, outcome: string, notes: string) {
      await field(fk, de.outreach.attempts.channel).selectOption({ label: channel });
      await fk.getByRole('radio', { name: de.outreach.attempts.modeMade }).check();
      await field(fk, de.outreach.attempts.attemptedAt).fill(at);
      await field(fk, de.outreach.attempts.outcome).selectOption({ label: outcome });
      await field(fk, de.outreach.attempts.notes).fill(notes);
      const before = await attempts.getByRole('row').count();
      await fk.getByRole('button', { name: de.outreach.attempts.save, exact: true }).click();
      await expect.poll(() => attempts.getByRole('row').count()).toBeGreaterThan(before);
    }

    await recordMade(de.outreach.channels.letter, `${addDays(TODAY, -5)}T09:00`, de.outreach.outcomes.letter_sent, 'Kontaktangebot versandt');
    await sawNotice(fk, de.outreach.attempts.saved);
    await recordMade(de.outreach.channels.home_visit, `${addDays(TODAY, -3)}T17:30`, de.outreach.outcomes.not_reached, 'Niemand öffnet');
    await recordMade(de.outreach.channels.home_visit, `${addDays(TODAY, -2)}T08:15`, de.outreach.outcomes.message_left, 'Karte im Briefkasten');
    await expectNoAxeViolations(fk, '/cases/:id?tab=outreach (attempts)');

    // The third visit is planned first (it appears on the day list), then its outcome recorded.
    await field(fk, de.outreach.attempts.channel).selectOption({ label: de.outreach.channels.home_visit });
    await fk.getByRole('radio', { name: de.outreach.attempts.modePlanned }).check();
    await field(fk, de.outreach.attempts.plannedOn).fill(TODAY);
    await field(fk, de.outreach.attempts.notes).fill('Abends versuchen');
    await fk.getByRole('button', { name: de.outreach.attempts.save, exact: true }).click();
    const planned = attempts.getByRole('row').filter({ hasText: de.outreach.attempts.plannedFor });
    await planned.waitFor();
    await expectNoAxeViolations(fk, '/cases/:id?tab=outreach (planned visit)');
    await planned.getByRole('button', { name: de.outreach.attempts.recordOutcome }).click();
    const dialog = await dialogSettled(fk);
    await expectNoAxeViolations(fk, '/cases/:id?tab=outreach (outcome dialog)');
    // The time defaults to now; only the outcome is chosen.
    await field(dialog, de.outreach.attempts.outcome).selectOption({ label: de.outreach.outcomes.not_reached });
    await dialog.getByRole('button', { name: de.outreach.attempts.save }).click();
    await dialog.waitFor({ state: 'detached' });
    await sawNotice(fk, de.outreach.attempts.outcomeSaved);
    await expect.poll(() => planned.count()).toBe(0);

    const rows = attempts.getByRole('row').filter({ hasText: de.outreach.channels.home_visit });
    await expect.poll(() => rows.count()).toBe(3);
    expect(await attempts.getByRole('row').filter({ hasText: de.outreach.outcomes.letter_sent }).count()).toBe(1);
    const facts = await textOf(attempts);
    expect(facts).toContain('3 von 3');
    expect(facts).toContain(de.outreach.reach.notReached);
    // The record shows the attempts too.
    const record = fk.getByTestId('case-record');
    await expect.poll(() => textOf(record)).toContain(`${de.outreach.channels.letter}: ${de.outreach.outcomes.letter_sent}`);
    await expectNoAxeViolations(fk, '/cases/:id?tab=outreach (three home visits)');
  });

  it('(d) the caseworker books an office appointment at her location within its office hours', async () => {
    await openTab(fk, de.appointments.tab, de.appointments.tab);
    await fk.getByText(de.appointments.none).waitFor();
    await expectNoAxeViolations(fk, '/cases/:id?tab=appointments (none)');

    // Beratungsstelle Musterstadt holds office hours on Tuesdays 9–12 (demo data).
    const day = nextWeekday(TODAY, 2, 7);
    expect(await field(fk, de.appointments.fields.kind).inputValue()).toBe('office');
    const location = field(fk, de.appointments.fields.location);
    await expect.poll(() => location.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe('Beratungsstelle Musterstadt');
    await field(fk, de.appointments.fields.date).fill(day);
    await field(fk, de.appointments.fields.startTime).fill('10:00');
    await field(fk, de.appointments.fields.endTime).fill('10:45');
    await field(fk, de.appointments.fields.note).fill('Unterlagen zur Miete mitbringen');
    await fk.getByRole('button', { name: de.appointments.book.submit }).click();
    await sawNotice(fk, `Der Termin am ${shown(day)} um 10:00 Uhr ist gebucht.`);
    const row = fk.getByRole('row').filter({ hasText: '10:00–10:45 Uhr' });
    await row.waitFor();
    const text = await textOf(row);
    expect(text).toContain(shown(day));
    expect(text).toContain('Beratungsstelle Musterstadt');
    expect(text).toContain('Fatma Fachkraft');
    expect(text).toContain(de.appointments.statuses.planned);
    expect(text).not.toContain(de.appointments.outsideOfficeHours);
    // The row's actions name the appointment by its day as shown, for screen readers.
    await row.getByRole('button', { name: `Termin ${shown(day)} 10:00 hat stattgefunden` }).waitFor();
    await expectNoAxeViolations(fk, '/cases/:id?tab=appointments (booked)');
  });

  it('(e) the caseworker records a rent-debt assumption application and submits it to the district office', async () => {
    await openTab(fk, de.measures.tab, de.measures.tab);
    await fk.getByText(de.measures.none).waitFor();
    await expectNoAxeViolations(fk, '/cases/:id?tab=measures (none)');

    await field(fk, de.measures.fields.type).selectOption({ label: RENT_DEBT_TYPE });
    await field(fk, de.measures.fields.amountApplied).fill('2400');
    await field(fk, de.measures.fields.body).selectOption({ label: de.measures.bodies.jobcenter });
    await field(fk, de.measures.fields.form).selectOption({ label: de.measures.forms.loan });
    await field(fk, de.measures.fields.decidingOrg).selectOption({ label: FACHSTELLE });
    await field(fk, de.measures.fields.reasoning).fill('Mietrückstand nach Einkommensverlust; laufende Miete ist wieder gesichert.');
    await fk.getByRole('button', { name: de.measures.new.submit }).click();
    await sawNotice(fk, `Die Maßnahme wurde angelegt (Status: ${de.measures.statuses.draft}).`);

    const card = section(fk, RENT_DEBT_TYPE);
    await card.waitFor();
    expect(await textOf(card)).toContain('2.400,00 €');
    await expectNoAxeViolations(fk, '/cases/:id?tab=measures (draft)');

    await card.getByLabel(/^Neuer Status für/).selectOption({ label: de.measures.statusActions.applied });
    await card.getByRole('button', { name: de.measures.changeStatus }).click();
    await expect.poll(() => textOf(card)).toContain(de.measures.statuses.applied);
    const text = await textOf(card);
    expect(text).toContain(FACHSTELLE);
    // The Schonfrist end comes from the served suit (no estimate), weeks ahead: no warning.
    expect(text).toContain(de.measures.fields.schonfristEnd);
    expect(text).not.toContain(de.measures.estimate);
    expect(text).not.toContain(de.measures.warnings.title);
    await expectNoAxeViolations(fk, '/cases/:id?tab=measures (submitted)');
  });

  it('(f) the finance staff of the district office see only the application and approve it in time', async () => {
    const wd = await signIn('wd@demo.test');
    await wd.getByRole('navigation').getByRole('link', { name: de.applications.nav }).click();
    await heading(wd, de.applications.title).waitFor();
    const card = wd.getByRole('article').filter({ hasText: NAME });
    await card.waitFor();
    const text = await textOf(card);
    expect(text).toContain('Lindenstraße 30');
    expect(text).toContain('2.400,00 €');
    expect(text).toContain('Wohnhilfe Musterland e.V., Fatma Fachkraft');
    // The application, not the case file: nothing of the contact attempts or the appointment.
    expect(text).not.toContain('Karte im Briefkasten');
    expect(text).not.toContain('Unterlagen zur Miete');
    await expectNoAxeViolations(wd, '/applications');

    await card.getByRole('button', { name: `Antrag von ${NAME} entscheiden` }).click();
    const dialog = await dialogSettled(wd);
    await expectNoAxeViolations(wd, '/applications (decision dialog)');
    expect(await field(dialog, de.applications.decide.outcome).inputValue()).toBe('approved');
    await field(dialog, de.applications.decide.decidedOn).fill(TODAY);
    // The commitment reached the landlord today, weeks before the Schonfrist ends.
    await field(dialog, de.measures.fields.commitmentOn).fill(TODAY);
    await field(dialog, de.applications.decide.note).fill('Darlehen, Tilgung 50 € monatlich');
    await dialog.getByRole('button', { name: de.applications.decide.submit }).click();
    await dialog.waitFor({ state: 'detached' });
    await sawNotice(wd, `Der Antrag von ${NAME} ist „${de.measures.statuses.approved}“.`);

    await wd.getByText(de.applications.filters.decided, { exact: true }).click();
    const decided = wd.getByRole('article').filter({ hasText: NAME });
    await expect.poll(() => textOf(decided)).toContain(de.measures.statuses.approved);
    const decidedText = await textOf(decided);
    expect(decidedText).toContain(shown(TODAY));
    expect(decidedText).not.toContain(de.measures.warnings.title);
    await expectNoAxeViolations(wd, '/applications (decided)');

    // The case itself belongs to the provider: for the district office it does not exist.
    await wd.goto(caseUrl);
    await heading(wd, de.errors.notFoundTitle).waitFor();
    expect(await wd.getByText('Karte im Briefkasten').count()).toBe(0);
    await expectNoAxeViolations(wd, '/cases/:id (finance of the district office)');
    expect((await wd.request.get(`${journey.srv.baseUrl}/api/v1/cases/${caseId}/measures`)).status()).toBe(404);
  });

  it('(g) the caseworker sees the decision without a warning and closes the case as tenancy secured, with causes', async () => {
    await fk.goto(`${caseUrl}?tab=measures`);
    const card = section(fk, RENT_DEBT_TYPE);
    await expect.poll(() => textOf(card)).toContain(de.measures.statuses.approved);
    const text = await textOf(card);
    expect(text).toContain(`2.400,00 €, ${de.measures.forms.loan}`);
    expect(text).toContain('Werner Wirtschaftsdienst');
    expect(text).toContain(de.measures.fields.commitmentOn);
    expect(text).toContain(shown(TODAY));
    expect(text).toContain('Darlehen, Tilgung 50 € monatlich');
    expect(text).not.toContain(de.measures.warnings.title);
    await expectNoAxeViolations(fk, '/cases/:id?tab=measures (approved)');

    await openTab(fk, de.closure.tab, de.closure.heading);
    await fk.getByText(de.closure.notClosed).waitFor();
    await expectNoAxeViolations(fk, '/cases/:id?tab=closure (open)');
    await field(fk, de.closure.outcome).selectOption({ label: de.closure.outcomes.tenancy_secured_with_assumption });
    await fk.getByRole('checkbox', { name: de.closure.causeLabels.income_loss }).check();
    await fk.getByRole('checkbox', { name: de.closure.causeLabels.service_charge_back_payment }).check();
    await field(fk, de.closure.note).fill('Zusicherung liegt dem Vermieter vor.');
    const dayBefore = berlinDay();
    await fk.getByRole('button', { name: de.closure.closeButton }).click();
    await sawNotice(fk, de.closure.closedNotice);
    const dayAfter = berlinDay();
    // A closed case offers reopening instead of the closing form.
    await fk.getByRole('button', { name: de.closure.reopenButton }).waitFor();
    const facts = await textOf(section(fk, de.closure.heading));
    expect(facts).not.toContain(de.closure.notClosed);
    expect(facts).toContain(`${de.closure.outcome}: ${de.closure.outcomes.tenancy_secured_with_assumption}`);
    expect(facts).toContain(`${de.closure.causes}: ${de.closure.causeLabels.income_loss}, ${de.closure.causeLabels.service_charge_back_payment}`);
    expect(facts).toContain(`${de.closure.homeVisitsAtClosure}: 3`);
    // The closing day is the server's (Berlin) day; a run across midnight must not fail on it.
    closedOn = facts.includes(`${de.closure.closedOn}: ${shown(dayAfter)}`) ? dayAfter : dayBefore;
    expect(facts).toContain(`${de.closure.closedOn}: ${shown(closedOn)}`);
    await expect.poll(() => textOf(fk.getByRole('main'))).toContain(`${de.case.status.closed} · ${NAME}`);
    await expectNoAxeViolations(fk, '/cases/:id?tab=closure (closed)');
  });

  it('(h) the follow-up questions after 6 and 12 months exist, for the caseworker', async () => {
    await openTab(fk, de.tasks.tab, de.tasks.caseHeading);
    for (const months of [6, 12]) {
      const row = fk.getByRole('row').filter({ hasText: `Nachfrage nach ${months} Monaten` });
      await row.waitFor();
      const text = await textOf(row);
      expect(text).toContain(shown(addMonths(closedOn, months)));
      expect(text).toContain('Fatma Fachkraft');
      expect(text).toContain(de.tasks.statuses.open);
      await row.getByRole('combobox', { name: /^Antwort: / }).waitFor();
    }
    await expectNoAxeViolations(fk, '/cases/:id?tab=tasks (follow-ups)');

    // The record notes the closure.
    await openTab(fk, de.outreach.tab, de.outreach.attempts.heading);
    await expect.poll(() => textOf(fk.getByTestId('case-record'))).toContain(
      `Abgeschlossen: ${de.closure.outcomes.tenancy_secured_with_assumption}`,
    );
  });

  it('(i) a caseworker of another provider gets the not-found page for the case, and 404 for its documents', async () => {
    const other = await signIn('fk.b@demo.test');
    await other.goto(caseUrl);
    await heading(other, de.errors.notFoundTitle).waitFor();
    expect(await other.getByText(NAME).count()).toBe(0);
    await expectNoAxeViolations(other, '/cases/:id (other provider)');
    for (const path of [`/cases/${caseId}`, `/cases/${caseId}/documents`, `/documents/${letterDocumentId}/content`, `/cases/${caseId}/measures`]) {
      const res = await other.request.get(`${journey.srv.baseUrl}/api/v1${path}`);
      expect(res.status(), path).toBe(404);
    }
  });
});
