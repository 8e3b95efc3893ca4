import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import deErrors from '../src/i18n/de/errors.json' with { type: 'json' };
import { unsafeInternalTx } from '../src/server/platform/db/tenant.js';
import { addDays, berlinDay, de, demoJourney, dialogSettled, expectNoAxeViolations, field, heading, shown, textOf } from './harness.js';

const TODAY = berlinDay();
const VALID_UNTIL = addDays(TODAY, 365);

// A fictitious household of this journey only; everything is looked up by these names.
const FIRST = 'Selma';
const LAST = 'Schweigsam';
const NAME = `${FIRST} ${LAST}`;
const STREET = 'Vertrauensweg';
const SUCHT = 'Drogen- und Suchtberatung Musterland e.V.';
/** The service as the search lists it, and the referral's recipient as the server names it. */
const SUCHT_SERVICE = `Suchtberatung – ${SUCHT}`;
const SUCHT_RECIPIENT = `${SUCHT} – Suchtberatung`;
const SPDI_SERVICE = 'Sozialpsychiatrischer Dienst – Kreis Musterland – Gesundheitsamt';
const TRAEGER_A = 'Wohnhilfe Musterland e.V.';

/**
 * Issue 6's consent journey in a real browser against the real server: a caseworker of Träger A
 * records the client's consent for the addiction service → a referral to another service is
 * refused with a clear reason → the referral to the addiction service goes out → the addiction
 * service's caseworker sees it in the inbox with exactly the consented data and accepts it → the
 * referring caseworker sees "angenommen" → she records the revocation → the addiction service's
 * inbox no longer lists it and its address answers "not found". axe checks every page and state.
 *
 * The steps build on each other (one household, one consent, one referral), so they run in order.
 */
describe('consents, referral and revocation in a real browser', () => {
  let fk: Page;
  let sb: Page;
  let caseId = '';
  let inboxUrl = '';

  const journey = demoJourney();
  const { signIn } = journey;

  const sawNotice = (page: Page, text: string | RegExp) => page.getByRole('status').getByText(text).first().waitFor();

  const consentForm = () => fk.getByRole('form', { name: de.consents.new.title });
  const sendForm = () => fk.getByRole('form', { name: de.disclosures.send.heading });
  const disclosureRow = () => fk.getByTestId('disclosure').filter({ hasText: SUCHT_RECIPIENT });

  /** Finds a service through the directory search of the send form and picks it. */
  async function pickService(q: string, option: string) {
    const form = sendForm();
    await field(form, de.disclosures.send.serviceSearch).fill(q);
    await form.getByRole('button', { name: de.disclosures.send.searchServices }).click();
    const radio = form.getByRole('radio', { name: option, exact: true });
    await radio.waitFor();
    await radio.check();
  }

  async function tickCategories(form: Locator, categories: string[]) {
    for (const c of categories) await form.getByRole('checkbox', { name: c, exact: true }).check();
  }

  it('(a) a court notice opens a case of Träger A; the caseworker opens its consents tab', async () => {
    const res = await fetch(`${journey.srv.baseUrl}/api/v1/notices`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-court-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        externalId: 'AG-MS-CONSENT-1',
        kind: 'court_eviction_suit',
        receivedOn: addDays(TODAY, -3),
        tenants: [{ firstName: FIRST, lastName: LAST, birthDate: '1984-06-12', servedOn: addDays(TODAY, -4) }],
        address: { street: STREET, houseNumber: '9', postalCode: '05101', city: 'Musterstadt' },
        landlord: { name: 'Musterländer Wohnungsbau GmbH' },
        arrears: 1480,
        court: { name: 'Amtsgericht Musterstadt', fileNumber: '7 C 412/26', servedOn: addDays(TODAY, -4) },
      }),
    });
    expect(res.status).toBe(201);
    const notice = (await res.json()) as { id: string; assignedTo: { orgName: string } };
    expect(notice.assignedTo.orgName).toBe(TRAEGER_A);
    caseId = (await unsafeInternalTx(journey.srv.db, null, (tx) => tx.db.selectFrom('notices').select('case_id').where('id', '=', notice.id).executeTakeFirstOrThrow())).case_id;

    fk = await signIn('fk.a@demo.test');
    await fk.goto(`${journey.srv.baseUrl}/cases/${caseId}`);
    await heading(fk, /^Fall \d{4}-\d{6}$/).waitFor();
    await fk.getByRole('tab', { name: de.consents.tab }).click();
    await expect.poll(() => new URL(fk.url()).searchParams.get('tab')).toBe('consents');
    await fk.getByText(de.consents.none).waitFor();
    await fk.getByText(de.disclosures.none).waitFor();
    await expectNoAxeViolations(fk, '/cases/:id?tab=consents (empty)');
  });

  it('(b) she records the client’s consent for the addiction service: referral; identity, contact, addiction; valid for a year', async () => {
    const form = consentForm();
    expect(await field(form, de.consents.fields.person).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(NAME);
    const directory = form.getByRole('group', { name: de.consents.recipientGroups.directory });
    await field(form, de.consents.recipientGroups.filter).fill('Sucht');
    await directory.getByRole('checkbox', { name: SUCHT, exact: true }).check();
    await form.getByRole('checkbox', { name: de.consents.purposes.referral, exact: true }).check();
    await tickCategories(form, [
      de.consents.categories.identity,
      de.consents.categories.contact,
      de.consents.sensitiveCategory.replace('{{name}}', de.consents.categories.addiction),
    ]);
    await field(form, de.consents.fields.validUntil).fill(VALID_UNTIL);
    await expectNoAxeViolations(fk, '/cases/:id?tab=consents (consent form filled)');
    await form.getByRole('button', { name: de.consents.new.submit }).click();
    await sawNotice(fk, de.consents.new.saved.replace('{{person}}', NAME));

    const card = fk.getByTestId('consent');
    await card.waitFor();
    const text = await textOf(card);
    expect(text).toContain(de.consents.states.valid);
    expect(text).toContain(SUCHT);
    expect(text).toContain(de.consents.purposes.referral);
    expect(text).toContain(`${de.consents.categories.identity}, ${de.consents.categories.contact}, ${de.consents.categories.addiction}`);
    expect(text).toContain(`${de.consents.validUntilPrefix} ${shown(VALID_UNTIL)}`);
    expect(text).toContain(de.consents.forms.written);
    await expectNoAxeViolations(fk, '/cases/:id?tab=consents (consent recorded)');
  });

  it('(c) a referral to a service the client did not consent to is refused, and the page says why', async () => {
    await pickService('Sozialpsychiatrischer', SPDI_SERVICE);
    await tickCategories(sendForm(), [de.consents.categories.identity]);
    await sendForm().getByRole('button', { name: de.disclosures.send.submit.referral }).click();
    const alert = sendForm().getByRole('alert').filter({ hasText: de.disclosures.refusedTitle });
    await alert.waitFor();
    const text = await textOf(alert);
    expect(text).toContain(deErrors.consent_required);
    expect(text).toContain(deErrors.field.consent.no_consent);
    // Nothing went out.
    expect(await fk.getByTestId('disclosure').count()).toBe(0);
    await expectNoAxeViolations(fk, '/cases/:id?tab=consents (referral refused)');
  });

  it('(d) the referral to the addiction service goes out with exactly the consented data', async () => {
    await pickService('Suchtberatung', SUCHT_SERVICE);
    // identity is still ticked from the refused attempt; contact and addiction are added.
    await tickCategories(sendForm(), [de.consents.categories.contact, de.consents.sensitiveCategory.replace('{{name}}', de.consents.categories.addiction)]);
    await field(sendForm(), de.disclosures.send.message).fill('Frau Schweigsam wünscht einen Termin in der offenen Sprechstunde.');
    await sendForm().getByRole('button', { name: de.disclosures.send.submit.referral }).click();
    await sawNotice(fk, `${de.disclosures.kinds.referral} an ${SUCHT_RECIPIENT} ist gesendet.`);
    await disclosureRow().waitFor();
    const row = await textOf(disclosureRow());
    expect(row).toContain(de.disclosures.kinds.referral);
    expect(row).toContain(de.disclosures.statuses.open);
    // The consent's trail records the use.
    await expect.poll(() => textOf(fk.getByTestId('consent'))).toContain(`verwendet: ${de.disclosures.kinds.referral} an ${SUCHT_RECIPIENT}`);
    await expectNoAxeViolations(fk, '/cases/:id?tab=consents (referral sent)');
  });

  it('(e) the addiction service sees the referral in its inbox with the data, and accepts it', async () => {
    sb = await signIn('sb@demo.test');
    await sb.getByRole('navigation').getByRole('link', { name: de.inbox.nav }).click();
    await heading(sb, de.inbox.title).waitFor();
    const row = sb.getByTestId('inbox-received').getByRole('row').filter({ hasText: TRAEGER_A });
    await row.waitFor();
    expect(await textOf(row)).toContain(de.disclosures.kinds.referral);
    expect(await textOf(row)).toContain('Suchtberatung');
    await expectNoAxeViolations(sb, '/inbox (referral received)');

    await row.getByRole('link').click();
    await heading(sb, `${de.disclosures.kinds.referral} von ${TRAEGER_A}`).waitFor();
    inboxUrl = sb.url();
    const payload = sb.getByRole('region', { name: de.inbox.detail.payload });
    await expect.poll(() => payload.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      de.consents.categories.identity,
      de.consents.categories.contact,
      de.consents.categories.addiction,
    ]);
    const data = await textOf(payload);
    expect(data).toContain(LAST);
    expect(data).toContain(FIRST);
    expect(data).toContain(shown('1984-06-12'));
    expect(data).toContain(`${STREET} 9, 05101 Musterstadt`);
    // Nothing beyond the consent: no tenancy, no arrears.
    expect(data).not.toContain('1.480');
    expect(await textOf(sb.getByRole('main'))).toContain('offenen Sprechstunde');
    await expectNoAxeViolations(sb, '/inbox/:id (referral)');

    await sb.getByRole('button', { name: de.inbox.detail.accept, exact: true }).click();
    await sawNotice(sb, `${de.disclosures.kinds.referral} angenommen.`);
    await expect.poll(() => textOf(sb.getByRole('region', { name: de.inbox.detail.facts }))).toContain(de.disclosures.statuses.accepted);
    await expectNoAxeViolations(sb, '/inbox/:id (accepted)');
  });

  it('(f) the referring caseworker sees "angenommen"', async () => {
    await fk.reload();
    await disclosureRow().waitFor();
    await expect.poll(() => textOf(disclosureRow())).toContain(de.disclosures.statuses.accepted);
    await expectNoAxeViolations(fk, '/cases/:id?tab=consents (referral accepted)');
  });

  it('(g) she records the revocation: the consent is revoked and the referral ends', async () => {
    await fk.getByRole('button', { name: /^Widerruf erfassen: / }).click();
    const dialog = await dialogSettled(fk);
    await expectNoAxeViolations(fk, '/cases/:id?tab=consents (revocation dialog)');
    await field(dialog, de.consents.revoke.note).fill('Telefonisch widerrufen.');
    await dialog.getByRole('button', { name: de.consents.revoke.confirm }).click();
    await dialog.waitFor({ state: 'detached' });
    await sawNotice(fk, de.consents.revoke.done.replace('{{person}}', NAME));
    await expect.poll(() => textOf(fk.getByTestId('consent'))).toContain(de.consents.states.revoked);
    await expect.poll(() => textOf(disclosureRow())).toContain(de.disclosures.statuses.ended);
    const row = await textOf(disclosureRow());
    expect(row).toContain(de.disclosures.consentLapsed);
    expect(row).toContain(de.disclosures.endReasons.consent_revoked);
    expect(await fk.getByRole('button', { name: /^Widerruf erfassen: / }).count()).toBe(0);
    await expectNoAxeViolations(fk, '/cases/:id?tab=consents (consent revoked)');
  });

  it('(h) the addiction service’s inbox no longer lists it, and its address answers "not found"', async () => {
    await sb.goto(`${journey.srv.baseUrl}/inbox`);
    await heading(sb, de.inbox.title).waitFor();
    await sb.getByText(de.inbox.received.none).waitFor();
    await expectNoAxeViolations(sb, '/inbox (after revocation)');
    await sb.goto(inboxUrl);
    await heading(sb, de.errors.notFoundTitle).waitFor();
    expect(await textOf(sb.getByRole('main'))).not.toContain(LAST);
    await expectNoAxeViolations(sb, '/inbox/:id (after revocation)');
  });
});
