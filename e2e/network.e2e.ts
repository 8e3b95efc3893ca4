import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, berlinDay, de, demoJourney, expectNoAxeViolations, field, heading } from './harness.js';

/** A day some weeks ahead on the Berlin calendar, as YYYY-MM-DD: the meeting lies in the future whatever day the journey runs. */
const MEETING_DAY = addDays(berlinDay(), 30);
const DUE_DAY = addDays(berlinDay(), 45);
const TITLE = 'AG Prävention: Sprechstunde im Quartier';
const ACTION = 'Raum im Bürgerhaus für die gemeinsame Sprechstunde anfragen';

/**
 * Network work in a real browser against the real server and the demo district: the Wohnhilfe's
 * team lead plans a working-group meeting with an agenda item and a partner of the directory,
 * records an agreed action and the minutes (next to the reminder that they hold no client data),
 * finds the action in the district's overview and prints the minutes; a caseworker of another
 * provider reads the meeting without controls. axe checks every page on the way.
 */
describe('network work in a real browser', () => {
  let tl: Page;
  let meetingUrl = '';

  const journey = demoJourney();
  const { signIn } = journey;

  it('(a) the team lead plans a meeting with an agenda item and a partner of the directory', async () => {
    tl = await signIn('tl.a@demo.test');
    await tl.getByRole('navigation').getByRole('link', { name: de.network.nav.meetings }).click();
    await heading(tl, de.network.meetings.title).waitFor();
    // The demo district's upcoming district network meeting.
    await tl.getByRole('link', { name: 'Netzwerktreffen Wohnungsnotfallhilfe Kreis Musterland' }).waitFor();
    await expectNoAxeViolations(tl, '/network/meetings');

    await tl.getByRole('link', { name: de.network.meetings.new }).click();
    await heading(tl, de.network.form.newTitle).waitFor();
    await field(tl, de.network.fields.kind).selectOption({ label: de.network.kinds.working_group });
    await field(tl, de.network.fields.title).fill(TITLE);
    await field(tl, de.network.fields.date).fill(MEETING_DAY);
    await field(tl, de.network.fields.startTime).fill('10:00');
    await field(tl, de.network.fields.endTime).fill('11:30');
    await field(tl, de.network.fields.place).fill('Beratungsstelle Musterstadt');
    await tl.getByRole('button', { name: de.network.agenda.add }).click();
    await field(tl, 'TOP 1: Thema').fill('Termine und Räume');
    await tl.getByRole('button', { name: de.network.participants.add }).click();
    await field(tl, 'Teilnehmende 1: Organisation').selectOption({ label: 'Klinikum Musterland' });
    await field(tl, 'Teilnehmende 1: Funktion').fill('Sozialdienst');
    await expectNoAxeViolations(tl, '/network/meetings/new (filled in)');
    await tl.getByRole('button', { name: de.network.form.create }).click();

    await heading(tl, TITLE).waitFor();
    await tl.getByText(de.network.form.created).waitFor();
    meetingUrl = tl.url();
    expect(new URL(meetingUrl).pathname).toMatch(/^\/network\/meetings\/[0-9a-f-]{36}$/);
    await tl.getByRole('region', { name: de.network.agenda.heading }).getByText('Termine und Räume').waitFor();
    await tl.getByRole('rowheader', { name: 'Klinikum Musterland' }).waitFor();
    await expectNoAxeViolations(tl, '/network/meetings/:id');
  });

  it('(b) records an agreed action and the minutes, next to the reminder that they hold no client data', async () => {
    await field(tl, de.network.actions.fields.text).fill(ACTION);
    await field(tl, de.network.actions.fields.organisation).selectOption({ label: 'Wohnhilfe Musterland e.V.' });
    await field(tl, de.network.actions.fields.person).fill('Teamleitung');
    await field(tl, de.network.actions.fields.dueOn).fill(DUE_DAY);
    await tl.getByRole('button', { name: de.network.actions.add }).click();
    await tl.getByText(de.network.actions.created).waitFor();
    const actions = tl.getByRole('region', { name: de.network.actions.heading });
    await actions.getByRole('rowheader', { name: ACTION }).waitFor();
    expect(await actions.getByRole('row').filter({ hasText: ACTION }).textContent()).toContain('Wohnhilfe Musterland e.V. (Teamleitung)');

    const minutes = field(tl, de.network.minutes.label);
    await tl.getByText(/Bitte keine Daten von Klientinnen und Klienten eintragen/).waitFor();
    await minutes.fill('TOP 1: Die Sprechstunde beginnt im neuen Quartal, zunächst monatlich.');
    await tl.getByRole('button', { name: de.network.minutes.save }).click();
    await tl.getByText(de.network.minutes.saved).waitFor();
    await expectNoAxeViolations(tl, '/network/meetings/:id (action and minutes)');
  });

  it('(c) the action is in the district overview; the minutes print as a document', async () => {
    await tl.getByRole('navigation').getByRole('link', { name: de.network.nav.actions }).click();
    await heading(tl, de.network.actions.title).waitFor();
    await tl.getByRole('rowheader', { name: ACTION }).waitFor();
    await expectNoAxeViolations(tl, '/network/actions');

    await tl.goto(`${meetingUrl}/print`);
    await heading(tl, `Protokoll: ${TITLE}`).waitFor();
    await tl.getByText('TOP 1: Die Sprechstunde beginnt im neuen Quartal, zunächst monatlich.').waitFor();
    await tl.getByRole('button', { name: de.network.print.print }).waitFor();
    await expectNoAxeViolations(tl, '/network/meetings/:id/print');

    await tl.getByRole('navigation').getByRole('link', { name: de.network.nav.agreements }).click();
    await heading(tl, de.network.agreements.title).waitFor();
    await tl.getByText('Verfahrensabsprache Entlassmanagement').waitFor();
    await expectNoAxeViolations(tl, '/network/agreements');
  });

  it('(d) a caseworker of another provider reads the meeting, without controls', async () => {
    const fkB = await signIn('fk.b@demo.test');
    await fkB.goto(meetingUrl);
    await heading(fkB, TITLE).waitFor();
    await fkB.getByText('TOP 1: Die Sprechstunde beginnt im neuen Quartal, zunächst monatlich.').waitFor();
    expect(await fkB.getByRole('button', { name: de.network.detail.edit }).count()).toBe(0);
    expect(await fkB.getByRole('textbox').count()).toBe(0);
    await expectNoAxeViolations(fkB, '/network/meetings/:id (another provider)');
  });
});
