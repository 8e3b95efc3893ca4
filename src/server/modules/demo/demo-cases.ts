import type { NoticeInput } from '../../../contracts/intake.js';
import { addDays, addWorkingDays, isWorkingDay, type IsoDate } from '../../../domain/deadlines/index.js';
import { isoWeekday, minutesOfDay, formatMinutes, mondayOf } from '../../../domain/casework/appointments.js';
import type { OfficeHour } from '../../../contracts/admin.js';

/**
 * The demo district's households: a synthetic case set for the quick start, built afresh for
 * the day it is seeded on, so deadlines, overdue first contacts and appointments are always
 * current. Pure: the same day gives the same set.
 *
 * Nobody here is real. The names are invented combinations, the streets are invented, and every
 * postal code is in the 05xxx range, which Deutsche Post has never assigned (see demo-data.ts).
 * No household is named like the people the browser tests create (Gerichtsmeldung, Walkin,
 * Portalmeldung, Zweifelsfall): the matcher would link them to a demo household.
 */

/** Who sends a notice (see cases-seed.ts for how each one reaches the intake pipeline). */
export type DemoSender =
  | 'court' // the court's case-management system, with its API key
  | 'fachstelle' // the Jobcenter's early-warning list, entered by the district office
  | 'housing' // the housing company's receivables department
  | 'fk.a@demo.test'
  | 'tl.a@demo.test'
  | 'fk.b@demo.test';

export interface DemoNotice {
  /** Stable name of the household in the seed's stories; the externalId is derived from it. */
  key: string;
  sender: DemoSender;
  input: NoticeInput;
}

export const COURT = 'Amtsgericht Musterstadt';
export const MWB = { name: 'Musterländer Wohnungsbau GmbH', address: 'Am Wasserwerk 1, 05101 Musterstadt', contact: 'Forderungsmanagement, Tel. 05101 6600-40' };

/** The seed's calendar: working days (NRW holidays) for what offices do, calendar days for the rest. */
export interface DemoCalendar {
  today: IsoDate;
  /** n working days from today (negative: before); today itself when n = 0. */
  w(n: number): IsoDate;
  /** n calendar days from today. */
  d(n: number): IsoDate;
  /** A birth date `years` before today (month and day fixed, so ages are stable). */
  born(years: number, monthDay: string): IsoDate;
}

export function demoCalendar(today: IsoDate): DemoCalendar {
  return {
    today,
    w: (n) => addWorkingDays(today, n, 'NW'),
    d: (n) => addDays(today, n),
    born: (years, monthDay) => `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}-${monthDay}`,
  };
}

interface Tenant {
  firstName: string;
  lastName: string;
  birthDate?: string;
  servedOn?: string;
  phone?: string;
}

/** Households with the notices about them, as the senders would write them. */
export function demoNotices(today: IsoDate): DemoNotice[] {
  const c = demoCalendar(today);
  const { w, d, born } = c;
  const yy = today.slice(2, 4);
  const suit = (chamber: number, n: number, served: IsoDate, hearingInWorkingDays?: number) => ({
    name: COURT,
    fileNumber: `${chamber} C ${n}/${yy}`,
    filedOn: addWorkingDays(served, -8, 'NW'),
    servedOn: served,
    ...(hearingInWorkingDays !== undefined ? { hearingOn: w(hearingInWorkingDays) } : {}),
  });
  const address = (street: string, houseNumber: string, postalCode: string, city: string) => ({ street, houseNumber, postalCode, city });
  const t = (firstName: string, lastName: string, birthDate?: string, extra: Partial<Tenant> = {}): Tenant => ({
    firstName,
    lastName,
    ...(birthDate ? { birthDate } : {}),
    ...extra,
  });
  const notice = (key: string, sender: DemoSender, input: Omit<NoticeInput, 'externalId'>): DemoNotice => ({
    key,
    sender,
    input: { externalId: `DEMO-${key}`, ...input } as NoticeInput,
  });

  return [
    // ---- Wohnhilfe Musterland (Träger A): Musterstadt, Beispielheim, Lindenau, Eichenfeld ----
    notice('markovic', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-6),
      tenants: [t('Jelena', 'Marković', born(38, '03-14'), { servedOn: d(-10) }), t('Dragan', 'Marković', born(41, '11-02'), { servedOn: d(-10) })],
      address: address('Amselweg', '14', '05101', 'Musterstadt'), householdSize: 4, children: 2,
      landlord: { name: 'Hausverwaltung Ziegelhof GmbH' }, monthlyRent: 845, arrears: 2535,
      court: suit(7, 412, d(-10), 22),
    }),
    notice('brandhorst', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-12),
      tenants: [t('Monika', 'Brandhorst', born(57, '06-21'), { phone: '0151 2304 7781' })],
      address: address('Drosselgasse', '3', '05102', 'Musterstadt'), householdSize: 1,
      landlord: MWB, monthlyRent: 520, arrears: 1380,
      note: 'Mietzahlung seit zwei Monaten ausgeblieben; Weiterbewilligungsantrag liegt nicht vor.',
    }),
    notice('falkenhain', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-24),
      tenants: [t('Rüdiger', 'Falkenhain', born(62, '09-30'), { servedOn: d(-36) })],
      address: address('Kastanienallee', '27', '05101', 'Musterstadt'), householdSize: 1,
      landlord: { name: 'Privatvermieterin Ilse Kranwinkel' }, monthlyRent: 430, arrears: 1720,
      court: suit(7, 389, d(-36), 9),
    }),
    notice('demirtas', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-16),
      tenants: [t('Ayşe', 'Demirtaş', born(39, '02-08'), { servedOn: d(-24), phone: '0176 5512 0934' }), t('Hakan', 'Demirtaş', born(42, '07-19'), { servedOn: d(-24) })],
      address: address('Hopfengarten', '8', '05103', 'Musterstadt'), householdSize: 4, children: 2,
      landlord: { name: 'Hausverwaltung Ziegelhof GmbH' }, monthlyRent: 915, arrears: 2745,
      termination: { type: 'both', receivedOn: d(-75) },
      court: suit(8, 377, d(-24), 18),
    }),
    notice('wendlandt', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-28),
      tenants: [t('Klaus-Dieter', 'Wendlandt', born(69, '04-04'), { servedOn: d(-42) })],
      address: address('Zur Ziegelei', '5', '05110', 'Beispielheim'), householdSize: 1,
      landlord: MWB, monthlyRent: 480, arrears: 1440,
      court: suit(8, 341, d(-42), 6),
    }),
    notice('oberlaender', 'fk.a@demo.test', {
      kind: 'self_referral', receivedOn: w(-9),
      tenants: [t('Sven', 'Oberländer', born(46, '12-01'), { phone: '0160 9987 1123' })],
      address: address('Fliederweg', '19', '05102', 'Musterstadt'), householdSize: 1,
      monthlyRent: 395, arrears: 790, termination: { type: 'without_notice', receivedOn: d(-16) },
      note: 'Kam mit der fristlosen Kündigung in die offene Sprechstunde.',
    }),
    notice('quast', 'court', {
      kind: 'eviction_date', receivedOn: w(-3),
      tenants: [t('Marlene', 'Quast', born(34, '08-23'))],
      address: address('Schmiedegasse', '2', '05120', 'Lindenau'), householdSize: 2, children: 1,
      landlord: { name: 'Wohnbau Lindenau eG' }, monthlyRent: 610,
      evictionOn: w(9),
      note: 'Räumungstermin der Gerichtsvollzieherin mitgeteilt (Az. DR II 1187/' + yy + ').',
    }),
    notice('reimer', 'housing', {
      kind: 'landlord_notice', receivedOn: w(-15),
      tenants: [t('Olga', 'Reimer', born(51, '01-27')), t('Viktor', 'Reimer', born(54, '05-05'))],
      address: address('Am Wasserturm', '11', '05130', 'Eichenfeld'), householdSize: 2,
      landlord: MWB, monthlyRent: 560, arrears: 1120, termination: { type: 'without_notice', receivedOn: d(-22) },
    }),
    notice('haberland', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-1),
      tenants: [t('Jonas', 'Haberland', born(27, '10-10'), { servedOn: d(-4) })],
      address: address('Eulenring', '6', '05101', 'Musterstadt'), householdSize: 1,
      landlord: { name: 'Grundbesitz Eulenring GbR' }, monthlyRent: 455, arrears: 1365,
      court: suit(11, 455, d(-4), 30),
    }),
    notice('sandmann', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-8),
      tenants: [t('Petra', 'Sandmann', born(44, '03-03'))],
      address: address('Weidenkamp', '23', '05121', 'Lindenau'), householdSize: 3, children: 2,
      landlord: { name: 'Wohnbau Lindenau eG' }, monthlyRent: 680, arrears: 1360,
    }),
    // The same person again: the court's notice joins the open case the Jobcenter's warning opened.
    notice('celebi', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-22),
      tenants: [t('Yusuf', 'Çelebi', born(51, '09-12'))],
      address: address('Brunnenstraße', '4', '05101', 'Musterstadt'), householdSize: 2,
      landlord: MWB, monthlyRent: 590, arrears: 1180,
    }),
    notice('celebi-klage', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-3),
      tenants: [t('Yusuf', 'Çelebi', born(51, '09-12'), { servedOn: d(-6) })],
      address: address('Brunnenstraße', '4', '05101', 'Musterstadt'),
      landlord: MWB, arrears: 1770,
      court: suit(7, 448, d(-6), 25),
    }),
    notice('voss', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-10),
      tenants: [t('Hannelore', 'Voß', born(72, '02-17'), { servedOn: d(-15) })],
      address: address('Hirtenweg', '9', '05110', 'Beispielheim'), householdSize: 1,
      landlord: { name: 'Erbengemeinschaft Hirtenweg' }, monthlyRent: 505, arrears: 1010,
      court: suit(11, 402, d(-15), 16),
    }),
    notice('muehlhaus', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-14),
      tenants: [t('Karin', 'Mühlhaus', born(63, '07-07'))],
      address: address('Gartenstraße', '40', '05103', 'Musterstadt'), householdSize: 1,
      landlord: MWB, monthlyRent: 470, arrears: 940,
    }),
    notice('koehnke', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-13),
      tenants: [t('Bernhard', 'Köhnke', born(58, '11-29'), { servedOn: d(-19) })],
      address: address('Sonnenhang', '30', '05102', 'Musterstadt'), householdSize: 1,
      landlord: { name: 'Immobilien Sonnenhang KG' }, monthlyRent: 540, arrears: 1620,
      court: suit(8, 395, d(-19), 14),
    }),
    notice('haddad', 'tl.a@demo.test', {
      kind: 'jobcenter_warning', receivedOn: w(-5),
      tenants: [t('Nadia', 'Haddad', born(33, '05-30'), { phone: '0157 3301 4482' })],
      address: address('Kiefernweg', '7', '05103', 'Musterstadt'), householdSize: 4, children: 3,
      landlord: MWB, monthlyRent: 760, arrears: 1520,
      note: 'Schreiben des Jobcenters per Post an die Beratungsstelle.',
    }),
    notice('stellmacher', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-5),
      tenants: [t('Mirko', 'Stellmacher', born(36, '06-06'), { servedOn: d(-9) })],
      address: address('Talstraße', '12', '05101', 'Musterstadt'), householdSize: 1,
      landlord: { name: 'Hausverwaltung Ziegelhof GmbH' }, monthlyRent: 490, arrears: 1470,
      court: suit(7, 461, d(-9), 24),
    }),
    notice('pohlmann', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(0),
      tenants: [t('Rosemarie', 'Pohlmann', born(48, '01-15'), { servedOn: w(-2) })],
      address: address('Lerchenfeld', '3', '05110', 'Beispielheim'), householdSize: 2, children: 1,
      landlord: MWB, monthlyRent: 575, arrears: 1725,
      court: suit(11, 470, w(-2), 32),
    }),
    notice('nowicki', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-2),
      tenants: [t('Dariusz', 'Nowicki', born(45, '04-18'))],
      address: address('Am Bahndamm', '21', '05120', 'Lindenau'), householdSize: 1,
      landlord: { name: 'Wohnbau Lindenau eG' }, monthlyRent: 450, arrears: 900,
    }),
    notice('rasch', 'housing', {
      kind: 'termination_notice', receivedOn: w(-1),
      tenants: [t('Leonie', 'Rasch', born(24, '12-12'))],
      address: address('Holunderweg', '5', '05102', 'Musterstadt'), householdSize: 2, children: 1,
      landlord: MWB, monthlyRent: 495, arrears: 990, termination: { type: 'both', receivedOn: d(-3) },
    }),
    // Karin Mühlhaus has moved and the court knows no birth date: maybe the same person, maybe
    // not — a case of its own and an entry in the review list, side by side with the first.
    notice('muehlhaus-umzug', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-2),
      tenants: [t('Karin', 'Mühlhaus', undefined, { servedOn: d(-5) })],
      address: address('Uferweg', '2', '05101', 'Musterstadt'),
      landlord: { name: 'Grundbesitz Uferweg GbR' }, monthlyRent: 430, arrears: 1290,
      court: suit(8, 466, d(-5), 28),
    }),
    // Closed cases: their stories run on the days they happened (see cases-seed.ts).
    notice('kurzweg', 'court', {
      kind: 'court_eviction_suit', receivedOn: d(-190),
      tenants: [t('Tanja', 'Kurzweg', born(41, '10-01'), { servedOn: d(-196) })],
      address: address('Am Dorfanger', '4', '05130', 'Eichenfeld'), householdSize: 3, children: 2,
      landlord: MWB, monthlyRent: 640, arrears: 1920,
      court: { name: COURT, fileNumber: `8 C 118/${yy}`, servedOn: d(-196) },
    }),
    notice('reinholz', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-45),
      tenants: [t('Frank', 'Reinholz', born(49, '08-08'))],
      address: address('Uhlandstraße', '17', '05121', 'Lindenau'), householdSize: 1,
      landlord: { name: 'Wohnbau Lindenau eG' }, monthlyRent: 520, arrears: 1040,
    }),
    notice('sauerbier', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-40),
      tenants: [t('Detlef', 'Sauerbier', born(55, '03-21'), { servedOn: d(-60) })],
      address: address('Mühlbachstraße', '16', '05101', 'Musterstadt'), householdSize: 1,
      landlord: { name: 'Privatvermieter Gerold Aschenbrenner' }, monthlyRent: 410, arrears: 1230,
      court: suit(7, 301, d(-60)),
    }),
    notice('thalmann', 'housing', {
      kind: 'landlord_notice', receivedOn: d(-400),
      tenants: [t('Ingrid', 'Thalmann', born(67, '05-11'))],
      address: address('Schulgasse', '1', '05110', 'Beispielheim'), householdSize: 1,
      landlord: MWB, monthlyRent: 455, arrears: 910,
    }),

    // ---- Sozialwerk Ahrensberg (Träger B): Ahrensberg, Birkenbach, Talhausen -----------------
    notice('grabowski', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-11),
      tenants: [t('Stefan', 'Grabowski', born(43, '02-02'), { servedOn: d(-17) })],
      address: address('Bergstraße', '8', '05140', 'Ahrensberg'), householdSize: 3, children: 1,
      landlord: { name: 'Ahrensberger Wohnungsgenossenschaft eG' }, monthlyRent: 690, arrears: 2070,
      court: suit(9, 380, d(-17), 15),
    }),
    notice('albers', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-6),
      tenants: [t('Heike', 'Albers', born(52, '09-09'))],
      address: address('Mühlenstraße', '22', '05140', 'Ahrensberg'), householdSize: 1,
      landlord: { name: 'Ahrensberger Wohnungsgenossenschaft eG' }, monthlyRent: 470, arrears: 940,
    }),
    notice('yilmazer', 'housing', {
      kind: 'landlord_notice', receivedOn: w(-18),
      tenants: [t('Emre', 'Yılmazer', born(37, '06-15')), t('Derya', 'Yılmazer', born(35, '01-20'))],
      address: address('Auf der Heide', '3', '05150', 'Birkenbach'), householdSize: 5, children: 3,
      landlord: MWB, monthlyRent: 880, arrears: 2640, termination: { type: 'both', receivedOn: d(-30) },
    }),
    notice('brenneke', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-3),
      tenants: [t('Maik', 'Brenneke', born(31, '07-31'), { servedOn: d(-7) })],
      address: address('Dorfstraße', '51', '05150', 'Birkenbach'), householdSize: 1,
      landlord: { name: 'Privatvermieter Hubert Lohkamp' }, monthlyRent: 420, arrears: 1260,
      court: suit(9, 459, d(-7), 26),
    }),
    notice('ostrowski', 'fk.b@demo.test', {
      kind: 'self_referral', receivedOn: w(-1),
      tenants: [t('Agnieszka', 'Ostrowski', born(29, '10-25'))],
      address: address('Mühlenweg', '11', '05160', 'Talhausen'), householdSize: 2, children: 1,
      monthlyRent: 530, arrears: 530,
      note: 'Telefonisch gemeldet; Mahnung der Vermieterin liegt vor.',
    }),
    notice('hentschel', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-30),
      tenants: [t('Ralf', 'Hentschel', born(57, '12-24'), { servedOn: d(-48) })],
      address: address('Steinweg', '6', '05160', 'Talhausen'), householdSize: 1,
      landlord: { name: 'Talhausener Wohnbau GmbH' }, monthlyRent: 445, arrears: 1335,
      court: suit(9, 322, d(-48)),
    }),
    notice('lindemann', 'court', {
      kind: 'eviction_date', receivedOn: w(-4),
      tenants: [t('Uwe', 'Lindemann', born(60, '03-09'))],
      address: address('Am Sportplatz', '2', '05160', 'Talhausen'), householdSize: 1,
      landlord: { name: 'Talhausener Wohnbau GmbH' }, monthlyRent: 400,
      evictionOn: w(8),
    }),
    notice('kowalke', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-9),
      tenants: [t('Sabine', 'Kowalke', born(40, '11-11'))],
      address: address('Lange Reihe', '14', '05150', 'Birkenbach'), householdSize: 2, children: 1,
      landlord: MWB, monthlyRent: 560, arrears: 1120,
    }),

    // ---- Netzwerk Wohnen Wiesental (Träger C): Wiesental, Neuhof am See ------------------------
    notice('engelke', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-5),
      tenants: [t('Doris', 'Engelke', born(66, '08-01'), { servedOn: d(-8) })],
      address: address('Wiesengrund', '9', '05170', 'Wiesental'), householdSize: 1,
      landlord: { name: 'Wiesentaler Bauverein eG' }, monthlyRent: 430, arrears: 1290,
      court: suit(10, 449, d(-8), 21),
    }),
    notice('petersen', 'housing', {
      kind: 'landlord_notice', receivedOn: w(-2),
      tenants: [t('Maren', 'Petersen', born(30, '04-22'))],
      address: address('Seeblick', '12', '05180', 'Neuhof am See'), householdSize: 1,
      landlord: MWB, monthlyRent: 510, arrears: 1020,
    }),
    notice('zielinski', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-1),
      tenants: [t('Tomasz', 'Zielinski', born(39, '01-09'))],
      address: address('Kirchstraße', '5', '05170', 'Wiesental'), householdSize: 3, children: 1,
      landlord: { name: 'Wiesentaler Bauverein eG' }, monthlyRent: 640, arrears: 1280,
    }),
    notice('hagedorn', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-12),
      tenants: [t('Birgit', 'Hagedorn', born(54, '06-30'), { servedOn: d(-18) })],
      address: address('Uferstraße', '31', '05180', 'Neuhof am See'), householdSize: 1,
      landlord: { name: 'Privatvermieterin Hedwig Strothmann' }, monthlyRent: 470, arrears: 1410,
      court: suit(10, 397, d(-18), 12),
    }),

    // ---- The district office's queue: postal codes no municipality of the district has ------
    notice('krueger', 'court', {
      kind: 'court_eviction_suit', receivedOn: w(-2),
      tenants: [t('Norbert', 'Krüger-Haase', born(50, '02-28'), { servedOn: d(-5) })],
      // A typo in the postal code: 05191 exists nowhere; the district office sorts it out.
      address: address('Eichenallee', '3', '05191', 'Musterstadt'), householdSize: 1,
      landlord: { name: 'Hausverwaltung Ziegelhof GmbH' }, monthlyRent: 500, arrears: 1500,
      court: suit(7, 468, d(-5), 27),
    }),
    notice('bauer', 'fachstelle', {
      kind: 'jobcenter_warning', receivedOn: w(-4),
      tenants: [t('Jacqueline', 'Bäuerle', born(28, '09-03'))],
      address: address('Moorweg', '8', '05188', 'Seehausen'), householdSize: 2, children: 1,
      landlord: MWB, monthlyRent: 480, arrears: 960,
      note: 'Adresse laut Jobcenter; Seehausen gehört nicht zum Kreis — Zuständigkeit klären.',
    }),
    notice('lorenz', 'housing', {
      kind: 'landlord_notice', receivedOn: w(-1),
      tenants: [t('Kevin', 'Lorentzen', born(26, '05-17'))],
      address: address('Am Kanal', '19', '05199', 'Musterstadt'), householdSize: 1,
      landlord: MWB, monthlyRent: 455, arrears: 910,
    }),
  ];
}

export interface OfficeSlot {
  date: IsoDate;
  startTime: string;
  endTime: string;
}

/**
 * Appointment slots of a location this week and next (Monday to Sunday, Europe/Berlin): on
 * working days within its office hours, `minutes` long, every other hour from opening time — the
 * hours between stay free for walk-ins and for whoever tries booking in the demo. Public
 * holidays are left out, as offices are closed then.
 */
export function officeSlots(today: IsoDate, hours: readonly OfficeHour[], minutes = 45): OfficeSlot[] {
  const monday = mondayOf(today);
  const out: OfficeSlot[] = [];
  for (let i = 0; i < 14; i++) {
    const date = addDays(monday, i);
    if (!isWorkingDay(date, 'NW')) continue;
    for (const h of hours.filter((x) => x.weekday === isoWeekday(date))) {
      for (let start = minutesOfDay(h.opens); start + minutes <= minutesOfDay(h.closes); start += 120) {
        out.push({ date, startTime: formatMinutes(start), endTime: formatMinutes(start + minutes) });
      }
    }
  }
  return out;
}
