import type { z } from 'zod';
import type { Appointment, AppointmentInput } from '../../../contracts/appointments.js';
import type { ArrearsInput, CaseFilePatch, MembersInput, SensitiveInput } from '../../../contracts/casefile.js';
import type { CaseSummary } from '../../../contracts/cases.js';
import type { NoticeResult } from '../../../contracts/intake.js';
import type { DecisionInput, Measure, MeasureCatalogue, MeasureInput, MeasurePatch } from '../../../contracts/measures.js';
import type { CloseInput, ContactAttemptInput } from '../../../contracts/outreach.js';
import type { Task, TaskInput, TaskList } from '../../../contracts/tasks.js';
import type { OfficeHour } from '../../../contracts/admin.js';
import { addMonths, localDay } from '../../../domain/casework/calendar-day.js';
import { addDays, addWorkingDays, type IsoDate } from '../../../domain/deadlines/index.js';
import { localToInstant, mondayOf } from '../../../domain/casework/appointments.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import type { Services } from '../../platform/services.js';
import { submitNotice, type Submitter } from '../intake/pipeline.js';
import { API_KEYS, ORGANISATIONS } from './demo-data.js';
import { demoCalendar, demoNotices, MWB, officeSlots, type DemoNotice, type OfficeSlot } from './demo-cases.js';
import { DEMO_REQUEST_ID, silentLog, staffClient, type DemoServices, type StaffClient } from './staff-client.js';

/**
 * The demo district's case work: ~40 households from demo-cases.ts, received through the real
 * intake pipeline (routing, matching, deadlines), then worked on by the demo staff through the
 * API's own routes (see staff-client.ts) — taken, contacted, noted, booked, measured, decided,
 * handed over and closed — on the days those things happened relative to the seed day.
 *
 * Runs once, on the day Kreis Musterland is created (seed.ts); a second call finds the first
 * demo notice and adds nothing.
 */
export async function seedDemoCases(s: DemoServices): Promise<{ cases: number; notices: number } | null> {
  const known = await unsafeInternalTx(s.db, null, (tx) =>
    tx.db.selectFrom('notice_receipts').select('id').where('external_id', 'like', 'DEMO-%').limit(1).executeTakeFirst(),
  );
  if (known) return null;

  const today = localDay(s.now);
  const notices = demoNotices(today).sort((a, b) => a.input.receivedOn.localeCompare(b.input.receivedOn));
  const orgs = await unsafeInternalTx(s.db, null, (tx) => tx.db.selectFrom('organisations').select(['id', 'name']).execute());
  const orgId = (key: string) => orgs.find((o) => o.name === ORGANISATIONS.find((x) => x.key === key)!.name)!.id;

  const staff = {
    fkA: await staffClient(s, 'fk.a@demo.test'),
    tlA: await staffClient(s, 'tl.a@demo.test'),
    fkB: await staffClient(s, 'fk.b@demo.test'),
    wd: await staffClient(s, 'wd@demo.test'),
  };
  const services: Services = { db: s.db, config: s.config, log: silentLog, now: () => s.now };
  const results = new Map<string, NoticeResult>();
  for (const n of notices) results.set(n.key, await receive(services, n, orgId, staff));

  const caseRows = await unsafeInternalTx(s.db, null, (tx) =>
    tx.db
      .selectFrom('notices as n')
      .innerJoin('cases as c', 'c.id', 'n.case_id')
      .select(['n.external_id', 'n.case_id', 'c.version'])
      .where('n.external_id', 'like', 'DEMO-%')
      .execute(),
  );
  const caseIds = new Map(caseRows.map((r) => [r.external_id.slice('DEMO-'.length), r.case_id]));
  const versions = new Map(caseRows.map((r) => [r.case_id, r.version]));
  await tellStories(s, today, staff, caseIds, versions, results, orgId('fachstelle'));
  return { cases: new Set(caseIds.values()).size, notices: caseRows.length };
}

type Staff = { fkA: StaffClient; tlA: StaffClient; fkB: StaffClient; wd: StaffClient };

/**
 * How each sender's notice reaches the pipeline. The Jobcenter's warnings come through the
 * district office (which keeps the Jobcenter's own receipts empty, as a new partner's are), the
 * court's through its API key, and the housing company's from its receivables department, which
 * has no account in the demo; staff enter self-referrals and letters in the web form.
 */
async function receive(s: Services, n: DemoNotice, orgId: (key: string) => string, staff: Staff): Promise<NoticeResult> {
  const by = (sender: Omit<Submitter, 'requestId'>) => submitNotice(s, n.input, { ...sender, requestId: DEMO_REQUEST_ID }).then((r) => r.result);
  switch (n.sender) {
    case 'court':
      return by({ orgId: orgId('court'), userId: null, label: `api-key:${API_KEYS.find((k) => k.org === 'court')!.name}`, channel: 'api' });
    case 'fachstelle':
      return by({ orgId: orgId('fachstelle'), userId: null, label: 'Frühwarnliste des Jobcenters (Demo)', channel: 'import' });
    case 'housing':
      return by({ orgId: orgId('housing'), userId: null, label: MWB.contact, channel: 'portal' });
    default: {
      const client = n.sender === 'fk.a@demo.test' ? staff.fkA : n.sender === 'tl.a@demo.test' ? staff.tlA : staff.fkB;
      return client.call<NoticeResult>('POST', '/api/v1/notices', { body: n.input });
    }
  }
}

type Body<T extends z.ZodType> = z.input<T>;

async function tellStories(
  s: DemoServices,
  today: IsoDate,
  staff: Staff,
  caseIds: Map<string, string>,
  versions: Map<string, number>,
  results: Map<string, NoticeResult>,
  fachstelleId: string,
) {
  const { w, d, born } = demoCalendar(today);
  const { fkA, tlA, fkB, wd } = staff;
  const id = (key: string) => {
    const caseId = caseIds.get(key);
    if (!caseId) throw new Error(`demo seed: no case ${key}`);
    return caseId;
  };
  /** A moment on a day, Berlin time; never later than the seed's now (nothing is recorded ahead). */
  const at = (day: IsoDate, time: string) => {
    const r = localToInstant(day, time);
    const instant = r.ok ? r.instant : new Date(`${day}T12:00:00Z`);
    return instant.getTime() > s.now.getTime() ? s.now : instant;
  };
  // The case's version for the next edit: as received, then taken from each answer that shows it
  // (contact attempts, notes, measures, tasks and appointments leave it as it is).
  const version = (key: string) => versions.get(id(key))!;
  /** Keeps the version of a case summary or closure state the routes answer with. */
  const seen = <T>(answer: T): T => {
    const a = answer as { id?: string; caseId?: string; version?: number; caseNumber?: string; history?: unknown };
    if (typeof a.version === 'number' && (a.caseNumber !== undefined || a.history !== undefined)) versions.set((a.caseId ?? a.id)!, a.version);
    return answer;
  };

  // ---- the verbs of case work: each one a route of the API --------------------------------
  const assign = async (by: StaffClient, key: string, to: StaffClient, when: Date) =>
    seen(await by.call<z.infer<typeof CaseSummary>>('POST', '/api/v1/cases/:id/assign', { params: { id: id(key) }, body: { userId: to.actor.userId, version: version(key) } }, when));
  const attempt = (by: StaffClient, key: string, body: Body<typeof ContactAttemptInput>, when: Date) =>
    by.call('POST', '/api/v1/cases/:id/contact-attempts', { params: { id: id(key) }, body }, when);
  /** A contact attempt made at `when` (as an ISO instant, as the browser sends it). */
  const made = (by: StaffClient, key: string, channel: Body<typeof ContactAttemptInput>['channel'], outcome: Body<typeof ContactAttemptInput>['outcome'], when: Date, notes?: string) =>
    attempt(by, key, { channel, outcome, attemptedAt: when.toISOString(), ...(notes ? { notes } : {}) }, when);
  const note = (by: StaffClient, key: string, day: IsoDate, minutes: number, text: string) =>
    by.call('POST', '/api/v1/cases/:id/notes', { params: { id: id(key) }, body: { notedOn: day, minutes, text } }, at(day, '17:00'));
  const task = (by: StaffClient, body: Body<typeof TaskInput>, when = s.now) => by.call<Task>('POST', '/api/v1/tasks', { body }, when);
  const measure = (by: StaffClient, key: string, body: Body<typeof MeasureInput>, when: Date) =>
    by.call<Measure>('POST', '/api/v1/cases/:id/measures', { params: { id: id(key) }, body }, when);
  const patchMeasure = (by: StaffClient, measureId: string, body: Body<typeof MeasurePatch>, when: Date) =>
    by.call<Measure>('PATCH', '/api/v1/measures/:id', { params: { id: measureId }, body }, when);
  const patchFile = async (by: StaffClient, key: string, body: Omit<Body<typeof CaseFilePatch>, 'version'>, when: Date) =>
    seen(await by.call<z.infer<typeof CaseSummary>>('PATCH', '/api/v1/cases/:id/file', { params: { id: id(key) }, body: { ...body, version: version(key) } }, when));
  const close = async (by: StaffClient, key: string, body: Omit<Body<typeof CloseInput>, 'version'>, when: Date) =>
    seen(await by.call('POST', '/api/v1/cases/:id/close', { params: { id: id(key) }, body: { ...body, version: version(key) } }, when));

  const catalogue = await fkA.call<MeasureCatalogue>('GET', '/api/v1/measure-types');
  const catalogueB = await fkB.call<MeasureCatalogue>('GET', '/api/v1/measure-types');
  const typeId = (key: string, of = catalogue) => of.items.find((t) => t.key === key)!.id;

  // ---- appointments: office hours of this week and next, never two at once ------------------
  const locations = await unsafeInternalTx(s.db, null, (tx) => tx.db.selectFrom('locations').select(['id', 'name', 'office_hours']).execute());
  const nextMonday = addDays(mondayOf(today), 7);
  /** Per location its free slots of this week and of next week, and how many were taken. */
  const slotsOf = new Map<string, { weeks: [OfficeSlot[], OfficeSlot[]]; taken: number }>();
  const location = (name: string) => {
    const l = locations.find((x) => x.name === name)!;
    if (!slotsOf.has(l.id)) {
      const slots = officeSlots(today, l.office_hours as OfficeHour[]);
      slotsOf.set(l.id, { weeks: [slots.filter((x) => x.date < nextMonday), slots.filter((x) => x.date >= nextMonday)], taken: 0 });
    }
    return l.id;
  };
  /** The next free slot of a location: this week and next in turn, leaving a slot free after each. */
  const nextSlot = (locationId: string): OfficeSlot | undefined => {
    const l = slotsOf.get(locationId)!;
    const turn = l.taken++ % 2;
    const week = l.weeks[turn].length ? l.weeks[turn] : l.weeks[1 - turn];
    return week.splice(0, 2)[0];
  };
  const book = async (by: StaffClient, key: string, body: Body<typeof AppointmentInput>) => {
    const a = await by.call<Appointment>('POST', '/api/v1/cases/:id/appointments', { params: { id: id(key) }, body });
    // Appointments earlier this week have taken place.
    if (new Date(a.endsAt).getTime() < s.now.getTime()) {
      await by.call('PATCH', '/api/v1/appointments/:id', { params: { id: a.id }, body: { version: a.version, status: 'held' } });
    }
    return a;
  };
  const office = async (by: StaffClient, key: string, who: StaffClient, locationName: string, note?: string) => {
    const l = location(locationName);
    const slot = nextSlot(l);
    // Around Christmas a small office may have no opening hours on working days at all.
    if (slot) await book(by, key, { kind: 'office', locationId: l, userId: who.actor.userId, ...slot, ...(note ? { note } : {}) });
  };

  // ======================= Wohnhilfe Musterland (Träger A) =======================

  // Assigned by the team lead, not contacted yet: overdue for first contact in Fatma's queue.
  await assign(tlA, 'markovic', fkA, at(w(-5), '08:30'));

  // Letter, a missed call, then an appointment agreed on the phone.
  await assign(fkA, 'brandhorst', fkA, at(w(-11), '09:05'));
  await made(fkA, 'brandhorst', 'letter', 'letter_sent', at(w(-11), '09:30'), 'Anschreiben mit Terminangebot und Informationsblatt Mietschulden.');
  await made(fkA, 'brandhorst', 'phone', 'not_reached', at(w(-8), '10:15'));
  await made(fkA, 'brandhorst', 'phone', 'appointment_agreed', at(w(-6), '14:20'), 'Rückruf von Frau Brandhorst; Termin in der Beratungsstelle vereinbart.');
  await note(fkA, 'brandhorst', w(-6), 15, 'Telefonat: Weiterbewilligungsantrag beim Jobcenter wurde nicht gestellt. Zum Termin mitbringen: Kontoauszüge, Mietvertrag, letzter Bescheid.');
  await office(fkA, 'brandhorst', fkA, 'Beratungsstelle Musterstadt', 'Unterlagen für den Weiterbewilligungsantrag mitbringen');
  await measure(fkA, 'brandhorst', { typeId: typeId('benefit_sgb2'), status: 'planned', startedOn: w(-6), note: 'Weiterbewilligungsantrag gemeinsam stellen.' }, at(w(-6), '14:40'));

  // Three home visits without meeting anybody: ready to be closed as "not reached".
  await assign(fkA, 'falkenhain', fkA, at(w(-23), '09:00'));
  await made(fkA, 'falkenhain', 'letter', 'letter_sent', at(w(-23), '09:20'), 'Anschreiben mit Terminangebot.');
  await made(fkA, 'falkenhain', 'home_visit', 'not_reached', at(w(-18), '10:00'));
  await made(fkA, 'falkenhain', 'home_visit', 'message_left', at(w(-12), '16:30'), 'Karte mit Terminangebot in den Briefkasten geworfen.');
  await made(fkA, 'falkenhain', 'home_visit', 'not_reached', at(w(-6), '08:15'), 'Nachbarin: wohnt noch dort, ist tagsüber unterwegs.');
  await note(fkA, 'falkenhain', w(-6), 20, 'Drei Hausbesuche ohne Kontakt. Vor dem Abschluss bei der Vermieterin nach einer Ratenzahlung fragen.');
  await task(fkA, { caseId: id('falkenhain'), title: 'Vermieterin anrufen: Stand der Räumungsklage, Ratenzahlung möglich?', dueOn: w(1) });

  // The full case file: members, situation, tenancy with its split, arrears history, contact —
  // and a rent-debt assumption submitted to the district office, waiting for its decision.
  await assign(fkA, 'demirtas', fkA, at(w(-15), '08:45'));
  await made(fkA, 'demirtas', 'phone', 'appointment_agreed', at(w(-15), '11:00'));
  await made(fkA, 'demirtas', 'office', 'reached', at(w(-12), '10:00'), 'Erstgespräch mit beiden Mieter:innen.');
  await note(fkA, 'demirtas', w(-12), 60, 'Erstgespräch: Einkommen durch Kurzarbeit gesunken, drei Monatsmieten offen. Hausverwaltung zur Rücknahme der Klage bereit, wenn die Rückstände bis zum Ende der Schonfrist ausgeglichen sind.');
  const [ayse, hakan] = results.get('demirtas')!.persons;
  await patchFile(fkA, 'demirtas', {
    situation: {
      targetGroups: ['families_with_children'],
      livingSituation: { category: 'threat_of_eviction', situation: 'rented_housing', since: d(-75) },
      incomeSources: ['wages', 'child_benefit', 'housing_benefit'],
      incomeNote: 'Herr Demirtaş seit vier Monaten in Kurzarbeit (60 %).',
    },
    tenancy: { baseRent: 640, serviceCharges: 180, heatingCosts: 95, tenancyStart: `${Number(today.slice(0, 4)) - 9}-08-01`, floorArea: 78.5 },
    contact: { phone: '0176 5512 0934', bestTimes: 'nachmittags ab 15 Uhr', preferredLanguage: 'tr', interpreterNeeded: false },
  }, at(w(-12), '11:30'));
  seen(await fkA.call('PUT', '/api/v1/cases/:id/members', {
    params: { id: id('demirtas') },
    body: {
      version: version('demirtas'),
      members: [
        { personId: ayse.id, firstName: 'Ayşe', lastName: 'Demirtaş', birthDate: born(39, '02-08'), relation: 'main_tenant' },
        { personId: hakan.id, firstName: 'Hakan', lastName: 'Demirtaş', birthDate: born(42, '07-19'), relation: 'co_tenant' },
        { firstName: 'Elif', lastName: 'Demirtaş', birthDate: born(12, '04-03'), relation: 'child' },
        { firstName: 'Can', lastName: 'Demirtaş', birthDate: born(7, '10-21'), relation: 'child' },
      ],
    } satisfies Body<typeof MembersInput>,
  }, at(w(-12), '11:35')));
  seen(await fkA.call('PUT', '/api/v1/cases/:id/arrears', {
    params: { id: id('demirtas') },
    body: {
      version: version('demirtas'),
      entries: [
        { recordedOn: d(-95), amount: 915, months: 1, note: 'Miete des Vormonats nicht gezahlt' },
        { recordedOn: d(-75), amount: 1830, months: 2, note: 'Kündigung der Hausverwaltung' },
        { recordedOn: d(-24), amount: 2745, months: 3, note: 'laut Räumungsklage' },
      ],
    } satisfies Body<typeof ArrearsInput>,
  }, at(w(-12), '11:40')));
  const application = await measure(fkA, 'demirtas', {
    typeId: typeId('rent_debt_assumption'),
    startedOn: w(-10),
    rentDebt: {
      // Wages and housing benefit, no Bürgergeld: the social office's § 36 SGB XII, not the Jobcenter's § 22 SGB II.
      amount: 2745, body: 'social_office', form: 'loan', decidingOrgId: fachstelleId,
      reasoning: 'Einkommensverlust durch Kurzarbeit; ab dem nächsten Monat wieder volle Arbeitszeit (Bescheinigung des Arbeitgebers liegt vor). Mit der Übernahme ist die Wohnung der vierköpfigen Familie gesichert.',
    },
  }, at(w(-10), '10:00'));
  await patchMeasure(fkA, application.id, { version: application.version, status: 'applied' }, at(w(-3), '09:30'));
  await measure(fkA, 'demirtas', { typeId: typeId('benefit_wohngeld'), status: 'applied', startedOn: w(-11), note: 'Erhöhungsantrag wegen gesunkenen Einkommens.' }, at(w(-11), '15:00'));
  await office(fkA, 'demirtas', fkA, 'Beratungsstelle Musterstadt', 'Stand Mietschuldenübernahme besprechen');
  await task(fkA, { caseId: id('demirtas'), title: 'Lohnabrechnungen für die Mietschuldenübernahme nachreichen', dueOn: w(-1) }, at(w(-3), '09:40'));

  // Approved by the district office, and the landlord had the commitment before the Schonfrist ended.
  await assign(fkA, 'wendlandt', fkA, at(w(-27), '09:00'));
  await made(fkA, 'wendlandt', 'office', 'reached', at(w(-26), '10:30'), 'Herr Wendlandt kam mit dem Schreiben des Gerichts.');
  await note(fkA, 'wendlandt', w(-26), 40, 'Grundsicherung im Alter wurde nach Umzug ins Pflegeheim der Ehefrau nicht angepasst; Rückstand 1.440 €. Antrag auf Mietschuldenübernahme vorbereitet.');
  const approved = await measure(fkA, 'wendlandt', {
    typeId: typeId('rent_debt_assumption'),
    startedOn: w(-25),
    rentDebt: { amount: 1440, body: 'social_office', form: 'loan', decidingOrgId: fachstelleId, reasoning: 'Einmalige Notlage durch nicht angepasste Leistungen; laufende Miete ist ab sofort gedeckt.' },
  }, at(w(-25), '11:00'));
  const submitted = await patchMeasure(fkA, approved.id, { version: approved.version, status: 'applied' }, at(w(-24), '09:15'));
  await wd.call('POST', '/api/v1/rent-debt-applications/:id/decision', {
    params: { id: approved.id },
    body: { version: submitted.version, status: 'approved', amount: 1440, form: 'loan', decidedOn: w(-14), commitmentOn: w(-12), note: 'Darlehen, Tilgung 30 € monatlich ab dem übernächsten Monat.' } satisfies Body<typeof DecisionInput>,
  }, at(w(-12), '14:00'));
  await measure(fkA, 'wendlandt', { typeId: typeId('direct_payment'), status: 'in_progress', startedOn: w(-12), counterpart: MWB.name, note: 'Direktzahlung der Miete an das Wohnungsunternehmen beantragt.' }, at(w(-12), '14:30'));

  // Special categories of data: only fk.a and tl.a (sensitive_data) see them.
  await assign(fkA, 'oberlaender', fkA, at(w(-9), '10:00'));
  await made(fkA, 'oberlaender', 'office', 'reached', at(w(-9), '10:30'), 'Offene Sprechstunde.');
  await note(fkA, 'oberlaender', w(-9), 45, 'Erstgespräch in der offenen Sprechstunde. Rückstand zwei Monatsmieten; Herr Oberländer möchte die Wohnung unbedingt halten.');
  await fkA.call('PUT', '/api/v1/cases/:id/sensitive', {
    params: { id: id('oberlaender') },
    body: {
      version: 0,
      markers: ['addiction', 'released_from_prison'],
      healthNote: null,
      addictionNote: 'Alkohol; seit sechs Wochen abstinent, Anbindung an die Suchtberatung gewünscht.',
      criminalRecordNote: 'Vor vier Monaten aus der Haft entlassen; Bewährungshelfer ist informiert und einverstanden mit der Zusammenarbeit.',
    } satisfies Body<typeof SensitiveInput>,
  }, at(w(-9), '11:20'));
  await measure(fkA, 'oberlaender', { typeId: typeId('referral_addiction_help'), status: 'referred', startedOn: w(-8), counterpart: 'Suchtberatung Musterstadt' }, at(w(-8), '09:00'));
  await office(fkA, 'oberlaender', fkA, 'Beratungsstelle Musterstadt');
  await task(fkA, { caseId: id('oberlaender'), title: 'Bei der Suchtberatung nachfragen, ob der Termin stattgefunden hat', dueOn: w(2) }, at(w(-8), '09:10'));

  // A bailiff's eviction date in under two weeks: the most urgent case of the team.
  await assign(fkA, 'quast', fkA, at(w(-2), '08:20'));
  await made(fkA, 'quast', 'phone', 'reached', at(w(-2), '09:40'), 'Frau Quast hatte den Termin des Gerichtsvollziehers nicht verstanden.');
  await note(fkA, 'quast', w(-2), 25, 'Räumungstermin steht fest. Vollstreckungsschutz nach § 765a ZPO prüfen; Sohn (8) geht in Lindenau zur Schule.');
  await office(fkA, 'quast', fkA, 'Beratungsstelle Lindenau', 'Antrag § 765a ZPO vorbereiten');
  await task(fkA, { caseId: id('quast'), title: 'Antrag nach § 765a ZPO mit Frau Fachkraft abstimmen', dueOn: w(1), assigneeId: tlA.actor.userId }, at(w(-2), '10:00'));

  await assign(fkA, 'reimer', fkA, at(w(-14), '09:00'));
  await made(fkA, 'reimer', 'letter', 'letter_sent', at(w(-14), '09:30'));
  await made(fkA, 'reimer', 'phone', 'reached', at(w(-10), '11:15'));
  await measure(fkA, 'reimer', { typeId: typeId('landlord_negotiation'), status: 'in_progress', startedOn: w(-10), counterpart: MWB.name, note: 'Rücknahme der fristlosen Kündigung gegen Ratenzahlung angefragt.' }, at(w(-10), '11:30'));
  await measure(fkA, 'reimer', { typeId: typeId('instalment_agreement'), status: 'planned', dueOn: w(8), counterpart: MWB.name }, at(w(-10), '11:35'));

  await assign(fkA, 'haberland', fkA, at(w(-1), '14:00'));

  // A home visit planned for the next working day: it is on Fatma's route sheet.
  await assign(fkA, 'sandmann', fkA, at(w(-7), '08:50'));
  await made(fkA, 'sandmann', 'letter', 'letter_sent', at(w(-7), '09:10'));
  await made(fkA, 'sandmann', 'phone', 'not_reached', at(w(-5), '15:45'));
  await attempt(fkA, 'sandmann', { channel: 'home_visit', plannedOn: w(1), notes: 'Nachmittags, wenn die Kinder aus der Schule sind.' }, at(w(-5), '16:00'));

  // Two notices, one case: the court's suit joined the case the Jobcenter's warning had opened.
  await assign(fkA, 'celebi', fkA, at(w(-21), '09:00'));
  await made(fkA, 'celebi', 'phone', 'reached', at(w(-20), '10:00'));
  await note(fkA, 'celebi', w(-20), 20, 'Herr Çelebi hat die Mahnungen nicht geöffnet; Zahlungen an das Wohnungsunternehmen sollen ab sofort per Dauerauftrag laufen.');
  await note(fkA, 'celebi', w(-2), 10, 'Räumungsklage eingegangen; die Schonfrist läuft. Mietschuldenübernahme beim nächsten Termin besprechen.');
  await office(fkA, 'celebi', fkA, 'Beratungsstelle Musterstadt');

  // The team lead started, then handed over to Fatma with a note.
  await assign(tlA, 'voss', tlA, at(w(-9), '08:30'));
  await made(tlA, 'voss', 'letter', 'letter_sent', at(w(-9), '09:00'));
  await made(tlA, 'voss', 'phone', 'appointment_agreed', at(w(-7), '13:30'));
  seen(await tlA.call('POST', '/api/v1/cases/:id/handover', {
    params: { id: id('voss') },
    body: { version: version('voss'), toUserId: fkA.actor.userId, note: 'Frau Voß möchte lieber von einer Kollegin beraten werden; Termin ist vereinbart, Unterlagen liegen in der Akte.' },
  }, at(w(-3), '12:00')));
  await office(fkA, 'voss', fkA, 'Beratungsstelle Musterstadt');

  await assign(fkA, 'muehlhaus', fkA, at(w(-13), '09:00'));
  await made(fkA, 'muehlhaus', 'letter', 'letter_sent', at(w(-13), '09:20'));

  // The team lead's own cases.
  await assign(tlA, 'koehnke', tlA, at(w(-12), '08:40'));
  await made(tlA, 'koehnke', 'home_visit', 'reached', at(w(-10), '11:00'), 'Gespräch an der Wohnungstür, dann in der Küche.');
  await measure(tlA, 'koehnke', { typeId: typeId('referral_debt_counselling'), status: 'referred', startedOn: w(-10), counterpart: 'Schuldnerberatung im Kreishaus' }, at(w(-10), '14:00'));
  await task(tlA, { caseId: id('koehnke'), title: 'Termin bei der Schuldnerberatung nachhalten', dueOn: w(3) }, at(w(-10), '14:05'));
  const wednesday = addDays(mondayOf(today), 9);
  await book(tlA, 'koehnke', { kind: 'home_visit', userId: tlA.actor.userId, date: wednesday, startTime: '10:00', endTime: '11:00', note: 'Unterlagen der Schuldnerberatung durchgehen' });

  await assign(tlA, 'haddad', tlA, at(w(-5), '09:00'));
  await made(tlA, 'haddad', 'letter', 'letter_sent', at(w(-4), '10:00'), 'Anschreiben auf Deutsch und Arabisch.');
  await patchFile(tlA, 'haddad', {
    situation: { targetGroups: ['families_with_children', 'large_households'], incomeSources: ['sgb2', 'child_benefit'] },
    contact: { phone: '0157 3301 4482', preferredLanguage: 'ar', interpreterNeeded: true },
  }, at(w(-4), '10:10'));
  await office(tlA, 'haddad', tlA, 'Beratungsstelle Musterstadt', 'Dolmetscherin für Arabisch angefragt');

  // Team work that belongs to no case.
  await task(tlA, { title: 'Fallbesprechung im Team vorbereiten', dueOn: w(3), assigneeId: fkA.actor.userId }, at(w(-1), '16:00'));
  await task(tlA, { title: 'Quartalszahlen an die Fachstelle melden', dueOn: w(5) }, at(w(-1), '16:05'));

  // ---- closed cases, worked on the days they happened ----
  // Closed six months ago (less three days): the "still housed?" question is due in three days.
  const closedKurzweg = addDays(addMonths(today, -6), 3);
  await assign(fkA, 'kurzweg', fkA, at(addWorkingDays(d(-190), 1, 'NW'), '09:00'));
  await made(fkA, 'kurzweg', 'phone', 'reached', at(addWorkingDays(d(-190), 2, 'NW'), '10:00'));
  await note(fkA, 'kurzweg', addDays(closedKurzweg, -2), 15, 'Jobcenter hat die Rückstände als Darlehen übernommen; Vermieter hat die Klage zurückgenommen.');
  await close(fkA, 'kurzweg', { outcome: 'tenancy_secured_with_assumption', causes: ['income_loss', 'benefit_interruption'], note: 'Klage zurückgenommen.' }, at(closedKurzweg, '15:00'));

  await assign(fkA, 'reinholz', fkA, at(w(-44), '09:00'));
  await made(fkA, 'reinholz', 'phone', 'reached', at(w(-40), '11:00'));
  await note(fkA, 'reinholz', w(-12), 20, 'Herr Reinholz hat eine kleinere Wohnung bei der Wohnbau Lindenau gefunden; Umzug zum Monatsende.');
  await close(fkA, 'reinholz', { outcome: 'new_flat', causes: ['separation'] }, at(w(-10), '10:00'));

  await assign(fkA, 'sauerbier', fkA, at(w(-39), '09:00'));
  await made(fkA, 'sauerbier', 'letter', 'letter_sent', at(w(-39), '09:30'));
  await made(fkA, 'sauerbier', 'home_visit', 'not_reached', at(w(-35), '10:00'));
  await made(fkA, 'sauerbier', 'home_visit', 'message_left', at(w(-28), '15:30'), 'Karte in den Briefkasten.');
  await made(fkA, 'sauerbier', 'home_visit', 'not_reached', at(w(-21), '08:30'));
  await close(fkA, 'sauerbier', { outcome: 'not_reached', causes: [], note: 'Drei Hausbesuche und Anschreiben ohne Rückmeldung.' }, at(w(-15), '12:00'));

  // Closed a year ago (less five days): the six-month answer is in, the twelve-month question is next.
  const closedThalmann = addDays(addMonths(today, -12), 5);
  await assign(fkA, 'thalmann', fkA, at(addDays(closedThalmann, -30), '09:00'));
  await made(fkA, 'thalmann', 'office', 'reached', at(addDays(closedThalmann, -28), '10:00'));
  await close(fkA, 'thalmann', { outcome: 'tenancy_secured_without_assumption', causes: ['benefit_interruption'], note: 'Rente wurde nachgezahlt, Rückstand ausgeglichen.' }, at(closedThalmann, '11:00'));
  const followUps = await fkA.call<z.infer<typeof TaskList>>('GET', '/api/v1/cases/:id/tasks', { params: { id: id('thalmann') } });
  const sixMonths = followUps.items.find((t) => t.followUpMonths === 6)!;
  await fkA.call('PATCH', '/api/v1/tasks/:id', { params: { id: sixMonths.id }, body: { version: sixMonths.version, followUpAnswer: 'yes' } }, at(sixMonths.dueOn, '10:00'));

  // ======================= Sozialwerk Ahrensberg (Träger B) =======================
  await assign(fkB, 'grabowski', fkB, at(w(-10), '09:00'));
  await made(fkB, 'grabowski', 'letter', 'letter_sent', at(w(-10), '09:30'));
  await made(fkB, 'grabowski', 'phone', 'appointment_agreed', at(w(-8), '14:00'));
  await office(fkB, 'grabowski', fkB, 'Beratung Ahrensberg');

  await assign(fkB, 'albers', fkB, at(w(-5), '13:00'));

  await assign(fkB, 'yilmazer', fkB, at(w(-17), '09:00'));
  await made(fkB, 'yilmazer', 'phone', 'reached', at(w(-16), '10:30'));
  await made(fkB, 'yilmazer', 'office', 'reached', at(w(-12), '09:30'));
  await note(fkB, 'yilmazer', w(-12), 50, 'Familie mit drei Kindern; Rückstand durch Nachzahlung der Nebenkosten und verspätetes Kindergeld.');
  const applicationB = await measure(fkB, 'yilmazer', {
    typeId: typeId('rent_debt_assumption', catalogueB),
    startedOn: w(-11),
    rentDebt: { amount: 2640, body: 'jobcenter', form: 'loan', decidingOrgId: fachstelleId, reasoning: 'Nebenkostennachzahlung; laufende Miete gedeckt, Kündigung wird bei Ausgleich zurückgenommen.' },
  }, at(w(-11), '10:00'));
  await patchMeasure(fkB, applicationB.id, { version: applicationB.version, status: 'applied' }, at(w(-2), '11:00'));
  await office(fkB, 'yilmazer', fkB, 'Beratung Ahrensberg');

  await assign(fkB, 'ostrowski', fkB, at(w(-1), '10:00'));
  await made(fkB, 'ostrowski', 'phone', 'reached', at(w(-1), '10:05'), 'Selbstmeldung am Telefon.');

  await assign(fkB, 'hentschel', fkB, at(w(-29), '09:00'));
  await made(fkB, 'hentschel', 'home_visit', 'refused', at(w(-25), '11:00'), 'Herr Hentschel möchte keine Unterstützung.');
  await close(fkB, 'hentschel', { outcome: 'declined_help', causes: ['over_indebtedness'] }, at(w(-8), '15:00'));

  await assign(fkB, 'lindemann', fkB, at(w(-3), '09:00'));
  await made(fkB, 'lindemann', 'home_visit', 'not_reached', at(w(-2), '11:30'));
  await attempt(fkB, 'lindemann', { channel: 'home_visit', plannedOn: w(1) }, at(w(-2), '12:00'));
}
