import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { de, demoJourney, dialogSettled, expectNoAxeViolations, field, heading } from './harness.js';

/**
 * Early warning in a real browser against the real server and the demo district: partner notices
 * by API key, the web form, the work queue and case page, the partner portal, the person review
 * list, the public Schonfrist calculator and API keys — with axe on every page and dialog.
 */
describe('early-warning intake in a real browser', () => {
  const journey = demoJourney();
  const { newPage, signIn } = journey;

  /** A partner system sends a notice with its API key, as the court's and the Jobcenter's systems do. */
  async function sendByApiKey(key: string, notice: Record<string, unknown>) {
    const res = await fetch(`${journey.srv.baseUrl}/api/v1/notices`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(notice),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { persons: { match: string }[]; assignedTo: { orgName: string } };
  }

  async function openQueue(page: Page, scope: string, search: string) {
    await page.goto(`${journey.srv.baseUrl}/cases`);
    await heading(page, de.queue.title).waitFor();
    await page.getByText(scope, { exact: true }).click();
    await field(page, de.queue.search).fill(search);
    // The search has reached the address before the journey goes on: when the page still wrote it
    // there 300 ms late, a link followed meanwhile was undone and the journey was back in the queue.
    await page.waitForURL((url) => url.searchParams.get('q') === search.trim());
  }

  it('(a) a court notice sent by API key lands in the team queue of the provider for the address, not in another’s', async () => {
    const result = await sendByApiKey('demo-court-key', {
      externalId: 'AG-MS-2026-0001',
      kind: 'court_eviction_suit',
      receivedOn: '2026-02-04',
      tenants: [{ firstName: 'Gerda', lastName: 'Gerichtsmeldung', servedOn: '2026-02-03' }],
      address: { street: 'Am Markt', houseNumber: '7', postalCode: '05101', city: 'Musterstadt' },
      children: 2,
      court: { name: 'Amtsgericht Musterstadt', fileNumber: '4 C 117/26', servedOn: '2026-02-03' },
    });
    expect(result.assignedTo.orgName).toBe('Wohnhilfe Musterland e.V.');

    const page = await signIn('fk.a@demo.test');
    await page.getByRole('navigation').getByRole('link', { name: de.nav.cases }).click();
    await heading(page, de.queue.title).waitFor();
    await page.getByText(de.queue.scopes.team, { exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'Gerda Gerichtsmeldung' });
    await row.waitFor();
    await expectNoAxeViolations(page, '/cases (team)');
    const text = await row.textContent();
    expect(text).toContain(de.deadlines.kinds.schonfrist_end);
    expect(text).toContain('07.04.2026');
    expect(text).toContain('Az. 4 C 117/26');
    expect(text).toContain('2 Kinder im Haushalt');
    expect(text).toContain(de.queue.unassigned);
    // Search by the court's file number finds it too.
    await field(page, de.queue.search).fill('4 C 117');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Gerda Gerichtsmeldung' }).count()).toBe(1);

    // The view switch works by keyboard: arrow keys move between the options.
    await page.getByRole('radio', { name: de.queue.scopes.team }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => new URL(page.url()).searchParams.get('scope')).toBe('mine');
    await expect.poll(() => page.getByRole('radio', { name: de.queue.scopes.mine }).isChecked()).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Gerda Gerichtsmeldung' }).count()).toBe(1);

    // Another provider's caseworker does not see it, in any view.
    const other = await signIn('fk.b@demo.test');
    for (const scope of [de.queue.scopes.team, de.queue.scopes.unassigned]) {
      await openQueue(other, scope, 'Gerichtsmeldung');
      await other.getByText(de.queue.noMatches).waitFor();
    }
  });

  it('(b) a walk-in entered in the web form is found by name, taken, and its deadlines follow the service date', async () => {
    const page = await signIn('fk.a@demo.test');
    await page.getByRole('navigation').getByRole('link', { name: de.nav.intakeNew }).click();
    await heading(page, de.intake.title).waitFor();
    await expectNoAxeViolations(page, '/intake/new');

    // Submitting with a missing surname shows the server's error next to the field.
    await field(page, de.intake.kind).selectOption('self_referral');
    await field(page, de.intake.receivedOn).fill('2026-02-04');
    const tenant = page.getByRole('group', { name: 'Mieter:in 1' });
    await tenant.getByLabel(/^Vorname/).fill('Wiebke');
    const address = page.getByRole('group', { name: de.intake.sections.address });
    await address.getByLabel(/^Straße/).fill('Lindenstraße');
    await address.getByLabel(/^Hausnummer/).fill('5');
    await address.getByLabel(/^Postleitzahl/).fill('05101');
    await address.getByLabel(/^Ort/).fill('Musterstadt');
    await page.getByRole('button', { name: de.intake.submit }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await tenant.getByLabel(/^Nachname/).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, '/intake/new with field errors');

    await tenant.getByLabel(/^Nachname/).fill('Walkin');
    await page.getByRole('button', { name: de.intake.submit }).click();
    const result = page.getByTestId('notice-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Wohnhilfe Musterland e.V.');
    expect(await result.textContent()).toContain(`Wiebke Walkin: ${de.intake.result.match.new}`);
    await expectNoAxeViolations(page, '/intake/new result');

    await openQueue(page, de.queue.scopes.unassigned, 'wiebke walkin');
    const row = page.getByRole('row').filter({ hasText: 'Wiebke Walkin' });
    await row.waitFor();
    // A walk-in without an eviction suit has no Schonfrist (and no estimate of one).
    expect(await row.textContent()).not.toContain(de.deadlines.kinds.schonfrist_end);
    // Taken by keyboard alone.
    await row.getByRole('button', { name: /übernehmen$/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/ist jetzt Ihnen zugewiesen/).waitFor();
    await page.getByText(de.queue.scopes.mine, { exact: true }).click();
    // The row as the "mine" list has it (assigned, nothing to take), not one left over from the
    // unassigned view while that list is still on its way.
    const mine = page
      .getByRole('row')
      .filter({ hasText: 'Wiebke Walkin', hasNotText: de.queue.unassigned })
      .filter({ hasNot: page.getByRole('button', { name: /übernehmen$/ }) });
    await mine.waitFor();
    await mine.getByRole('link').click();
    await heading(page, /^Fall \d{4}-\d{6}$/).waitFor();
    await page.getByRole('button', { name: de.case.assignment.release }).waitFor();
    await expectNoAxeViolations(page, '/cases/:id');

    const schonfrist = page.getByTestId('deadline-schonfrist_end');
    await page.getByText(de.deadlines.none).waitFor();
    expect(await schonfrist.count()).toBe(0);

    // She says the landlord's suit was served on 3 February: the Schonfrist runs from that day.

    await page.getByRole('button', { name: de.case.serviceDates.edit }).click();
    const dialog = await dialogSettled(page);
    await expectNoAxeViolations(page, '/cases/:id (service dates dialog)');
    await dialog.getByLabel('Zugestellt an Wiebke Walkin am').fill('2026-02-03');
    await dialog.getByRole('button', { name: de.case.serviceDates.save }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(de.case.serviceDates.saved).waitFor();
    await expect.poll(() => schonfrist.textContent()).toContain('Dienstag, 7. April 2026');
    const text = (await schonfrist.textContent()) ?? '';
    expect(text).not.toContain(de.deadlines.estimate);
    for (const reason of ['Karfreitag', 'Samstag', 'Sonntag', 'Ostermontag']) expect(text).toContain(reason);
    expect(text).toContain('Freitag, 3. April 2026');
    await page.getByTestId('deadline-defence_notice').waitFor();
    expect(await page.getByTestId('case-tenants').textContent()).toContain('03.02.2026');
    await expectNoAxeViolations(page, '/cases/:id after recomputing');

    // Giving the case back leaves it unassigned again.
    await page.getByRole('button', { name: de.case.assignment.release }).click();
    await page.getByText(de.case.assignment.released).waitFor();
    const caseUrl = page.url();

    // A team lead assigns it to a caseworker of the organisation.
    const lead = await signIn('tl.a@demo.test');
    await lead.goto(caseUrl);
    await heading(lead, /^Fall \d{4}-\d{6}$/).waitFor();
    await field(lead, de.case.assignment.choose).selectOption({ label: 'Fatma Fachkraft' });
    await lead.getByRole('button', { name: de.case.assignment.assign }).click();
    await lead.getByText('Der Fall ist jetzt Fatma Fachkraft zugewiesen.').waitFor();
    await expectNoAxeViolations(lead, '/cases/:id (team lead)');
  });

  it('(c) a Jobcenter reporter submits through the portal and sees the status only', async () => {
    const page = await signIn('jc@demo.test');
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: de.nav.cases }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: de.nav.matching }).count()).toBe(0);
    await expectNoAxeViolations(page, '/ (reporter)');
    await page.getByRole('link', { name: de.start.portalButton }).click();
    await heading(page, de.portal.title).waitFor();
    await page.getByText(de.portal.empty).waitFor();
    await expectNoAxeViolations(page, '/portal');

    await field(page, de.intake.kind).selectOption('jobcenter_warning');
    await field(page, de.intake.externalId).fill('JC-BG-4711');
    const tenant = page.getByRole('group', { name: 'Mieter:in 1' });
    await tenant.getByLabel(/^Vorname/).fill('Paul');
    await tenant.getByLabel(/^Nachname/).fill('Portalmeldung');
    const address = page.getByRole('group', { name: de.intake.sections.address });
    await address.getByLabel(/^Straße/).fill('Birkenweg');
    await address.getByLabel(/^Hausnummer/).fill('9');
    await address.getByLabel(/^Postleitzahl/).fill('05101');
    await address.getByLabel(/^Ort/).fill('Musterstadt');
    await field(page, de.intake.arrears).fill('1.450,00');
    await page.getByRole('button', { name: de.intake.submit }).click();
    const result = page.getByTestId('notice-result');
    await result.waitFor();
    const resultText = (await result.textContent()) ?? '';
    expect(resultText).toContain('JC-BG-4711');
    // No case content for partners: no matching, no deadlines.
    expect(resultText).not.toContain(de.intake.result.deadlinesHeading);
    expect(resultText).not.toContain(de.intake.result.matchingHeading);

    const receipts = page.getByTestId('receipts');
    await receipts.waitFor();
    const row = receipts.getByRole('row').filter({ hasText: 'JC-BG-4711' });
    await row.waitFor();
    expect(await row.textContent()).toContain(de.portal.status.received);
    expect(await receipts.textContent()).not.toContain('Portalmeldung');
    await expectNoAxeViolations(page, '/portal with a receipt');

    await page.goto(`${journey.srv.baseUrl}/cases`);
    await heading(page, de.errors.forbiddenTitle).waitFor();
  });

  it('(d) a doubtful second notice about the same person goes to the review list: merge, then undo', async () => {
    const first = await sendByApiKey('demo-jobcenter-key', {
      externalId: 'JC-DUP-1',
      kind: 'jobcenter_warning',
      receivedOn: '2026-03-02',
      tenants: [{ firstName: 'Erika', lastName: 'Zweifelsfall', birthDate: '1979-06-15' }],
      address: { street: 'Rosenweg', houseNumber: '1', postalCode: '05101', city: 'Musterstadt' },
    });
    expect(first.persons[0].match).toBe('new');
    // Moved, and no birth date this time: likely the same person, but not certain.
    const second = await sendByApiKey('demo-court-key', {
      externalId: 'AG-DUP-2',
      kind: 'court_eviction_suit',
      receivedOn: '2026-03-09',
      tenants: [{ firstName: 'Erika', lastName: 'Zweifelsfall' }],
      address: { street: 'Tulpenstraße', houseNumber: '22', postalCode: '05101', city: 'Musterstadt' },
    });
    expect(second.persons[0].match).toBe('review');

    const page = await signIn('fk.a@demo.test');
    await page.getByRole('navigation').getByRole('link', { name: de.nav.matching }).click();
    await heading(page, de.matching.title).waitFor();
    const review = page.getByTestId('match-review').filter({ hasText: 'Zweifelsfall' });
    await review.waitFor();
    const table = review.getByRole('table');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Tulpenstraße 22, 05101 Musterstadt');
    expect(text).toContain('Rosenweg 1, 05101 Musterstadt');
    expect(text).toContain('15.06.1979');
    expect(text).toContain(de.case.unknown);
    const reasons = (await review.textContent()) ?? '';
    expect(reasons).toContain(`${de.matching.fields.lastName}: ${de.matching.kinds.exact}`);
    expect(reasons).toContain(`${de.matching.fields.birthDate}: ${de.matching.kinds.missing}`);
    expect(reasons).toContain(de.matching.conflicts.birth_date_missing);
    await expectNoAxeViolations(page, '/matching');

    await review.getByRole('button', { name: /^Zusammenführen/ }).click();
    const dialog = await dialogSettled(page);
    await expectNoAxeViolations(page, '/matching (merge dialog)');
    await dialog.getByRole('button', { name: de.matching.merge }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(de.matching.mergedTitle, { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('match-review').filter({ hasText: 'Zweifelsfall' }).count()).toBe(0);
    await expectNoAxeViolations(page, '/matching after merge');

    await page.getByRole('button', { name: de.matching.undo }).click();
    await page.getByText(de.matching.splitDoneTitle, { exact: true }).waitFor();
    await expectNoAxeViolations(page, '/matching after undo');
  });

  it('(e) the Schonfrist calculator works without signing in, reached from the login page', async () => {
    const page = await newPage();
    await page.goto(`${journey.srv.baseUrl}/login`);
    await heading(page, de.login.title).waitFor();
    await page.getByRole('link', { name: de.login.schonfristLink }).click();
    await heading(page, de.schonfrist.title).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await expectNoAxeViolations(page, '/fristen');

    await field(page, 'Zugestellt an Mieter:in 1 am').fill('2026-02-03');
    expect(await field(page, de.schonfrist.state).inputValue()).toBe('NW');
    await page.getByRole('button', { name: de.schonfrist.calculate }).click();
    const result = page.getByTestId('schonfrist-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Die Schonfrist endet am Dienstag, 7. April 2026, um 24:00 Uhr.');
    expect(text).toContain('Rechnerisch endet sie am Freitag, 3. April 2026');
    const skipped = await result.getByTestId('shift-list').getByRole('listitem').allTextContents();
    expect(skipped).toEqual([
      'Freitag, 3. April 2026: Karfreitag',
      'Samstag, 4. April 2026: Samstag',
      'Sonntag, 5. April 2026: Sonntag',
      'Montag, 6. April 2026: Ostermontag',
    ]);
    expect(text).toContain('§ 569 Abs. 3 Nr. 2 BGB');
    await expectNoAxeViolations(page, '/fristen with result');

    // A second tenant with an impossible date: the server's field error appears on that row.
    await page.getByRole('button', { name: de.schonfrist.addTenant }).click();
    await page.evaluate(() => {
      // A date input cannot hold an impossible date; send one as a partner's form might.
      const input = document.querySelectorAll<HTMLInputElement>('input[type="date"]')[1];
      input.type = 'text';
    });
    await field(page, 'Zugestellt an Mieter:in 2 am').fill('2026-02-30');
    await page.getByRole('button', { name: de.schonfrist.calculate }).click();
    await expect.poll(() => field(page, 'Zugestellt an Mieter:in 2 am').getAttribute('aria-invalid')).toBe('true');
    expect(await field(page, 'Zugestellt an Mieter:in 1 am').getAttribute('aria-invalid')).not.toBe('true');
    await expectNoAxeViolations(page, '/fristen with a field error');

    // Signed in, the calculator sits in the app frame and is in the navigation.
    const staff = await signIn('fk.b@demo.test');
    await staff.getByRole('navigation').getByRole('link', { name: de.nav.schonfrist }).click();
    await heading(staff, de.schonfrist.title).waitFor();
    await staff.getByRole('button', { name: de.nav.logout }).waitFor();
    await expectNoAxeViolations(staff, '/fristen (signed in)');
  });

  it('(f) an administrator creates an API key, sees it once, and revokes it', async () => {
    const page = await signIn('kreis@demo.test');
    await page.getByRole('navigation').getByRole('link', { name: de.nav.apiKeys }).click();
    await heading(page, de.apiKeys.title).waitFor();
    await expectNoAxeViolations(page, '/admin/api-keys');

    await page.getByRole('button', { name: de.apiKeys.create }).click();
    const dialog = await dialogSettled(page);
    await expectNoAxeViolations(page, '/admin/api-keys (create dialog)');
    await field(page, de.apiKeys.name).fill('Testsystem Fachstelle');
    await dialog.getByRole('button', { name: de.apiKeys.create }).click();
    const secret = await dialog.getByTestId('one-time-secret').textContent();
    expect(secret?.length).toBeGreaterThan(20);
    await expectNoAxeViolations(page, '/admin/api-keys (key shown once)');
    await dialog.getByRole('button', { name: de.common.done }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByRole('row').filter({ hasText: 'Testsystem Fachstelle' });
    await row.waitFor();
    expect(await row.textContent()).toContain(de.apiKeys.neverUsed);
    await row.getByRole('button', { name: 'Widerrufen: Testsystem Fachstelle' }).click();
    await dialogSettled(page);
    await expectNoAxeViolations(page, '/admin/api-keys (revoke dialog)');
    await dialog.getByRole('button', { name: de.apiKeys.revoke }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent()).toContain('Widerrufen am');

    // The key no longer works.
    const res = await fetch(`${journey.srv.baseUrl}/api/v1/notices`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });
});
