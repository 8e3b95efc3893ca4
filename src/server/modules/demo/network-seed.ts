import type { AgreementKind, MeetingKind, MeetingStatus } from '../../../contracts/network.js';
import { addDays, isoWeekday } from '../../../domain/casework/appointments.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { meetingWindow } from '../../../domain/network/network.js';
import type { IsoDate } from '../../../domain/deadlines/iso-date.js';
import type { Database } from '../../platform/db/connect.js';
import { unsafeInternalTx, type Tx } from '../../platform/db/tenant.js';
import { ORGANISATIONS } from './demo-data.js';
import { demoId } from './directory-seed.js';

/*
 * The demo district's network work: the steering group and the district network meeting the
 * Fachstelle coordinates, a working group of the Wohnhilfe, the actions agreed in them, and
 * cooperation agreements with partners of the directory. Synthetic throughout; the minutes speak
 * of cooperation and figures, never of households. Dates lie relative to the seed day (past
 * meetings with minutes, upcoming ones with an agenda), so the lists look alive on any day.
 * Seeded once: later starts find a meeting and leave everything (and every edit) alone.
 */

/** An organisation of the installation (demo-data.ts key) or a partner of the directory (directory-seed.ts key). */
type Ref = { bleibe: string } | { directory: string };

interface ParticipantSpec {
  org?: Ref;
  person?: string;
  role?: string;
  attended?: boolean | null;
}
interface ActionSpec {
  text: string;
  responsible?: Ref;
  person?: string;
  /** Days from the seed day; negative: in the past. */
  due?: number;
  doneDaysAgo?: number;
}
interface MeetingSpec {
  organiser: string;
  kind: MeetingKind;
  title: string;
  /** Days from the seed day to the Wednesday the meeting lies on (or the nearest one after). */
  inDays: number;
  start: string;
  end: string;
  place: string;
  municipality: string;
  status: MeetingStatus;
  agenda: [string, string?][];
  participants: ParticipantSpec[];
  minutes?: string;
  actions?: ActionSpec[];
}

const FACHSTELLE: Ref = { bleibe: 'fachstelle' };
const WOHNHILFE: Ref = { bleibe: 'traeger_a' };
const SOZIALWERK: Ref = { bleibe: 'traeger_b' };
const NETZWERK: Ref = { bleibe: 'traeger_c' };
const JOBCENTER: Ref = { bleibe: 'jobcenter' };
const MWB: Ref = { bleibe: 'housing' };
const AMTSGERICHT: Ref = { bleibe: 'court' };
const SUCHT: Ref = { directory: 'sucht' };
const GESUNDHEITSAMT: Ref = { directory: 'gesundheitsamt' };
const KLINIKUM: Ref = { directory: 'klinikum' };

export const DEMO_MEETINGS: MeetingSpec[] = [
  {
    organiser: 'fachstelle', kind: 'steering_group', title: 'Lenkungsgruppe Wohnungsnotfallhilfe, 3. Sitzung', inDays: -38, start: '14:00', end: '16:00',
    place: 'Kreishaus, Sitzungsraum 2.04', municipality: 'Musterstadt', status: 'held',
    agenda: [
      ['Begrüßung, Genehmigung des Protokolls der 2. Sitzung', 'Fachstelle'],
      ['Fallzahlen und Erreichbarkeit der Haushalte im 3. Quartal', 'Fachstelle'],
      ['Mietschuldenübernahme: Bearbeitungszeiten im Jobcenter', 'Jobcenter'],
      ['Prävention bei der Musterländer Wohnungsbau', 'MWB'],
      ['Verschiedenes'],
    ],
    participants: [
      { org: FACHSTELLE, person: 'Karla Kreisadmin', role: 'Koordination, Vorsitz', attended: true },
      { org: WOHNHILFE, person: 'Tobias Teamleitung', role: 'Teamleitung', attended: true },
      { org: SOZIALWERK, role: 'Bereichsleitung', attended: true },
      { org: NETZWERK, attended: false },
      { org: JOBCENTER, person: 'Herr Beispielmann', role: 'Leitung Leistungsabteilung', attended: true },
      { org: MWB, person: 'Frau Quartiersmann', role: 'Sozialmanagement', attended: true },
      { org: GESUNDHEITSAMT, role: 'Sozialpsychiatrischer Dienst', attended: false },
    ],
    minutes: [
      'TOP 1: Das Protokoll der 2. Sitzung wird ohne Änderungen genehmigt. Der Träger Netzwerk Wohnen ist entschuldigt.',
      '',
      'TOP 2: Die Fachstelle stellt die Quartalszahlen vor: Die Zahl der Mitteilungen über Räumungsklagen ist gegenüber dem Vorquartal leicht gestiegen. ' +
        'Die Haushalte werden im Mittel nach vier Tagen erstmals erreicht; Hausbesuche bleiben der wirksamste Zugang. Die Zahlen werden nur zusammengefasst berichtet.',
      '',
      'TOP 3: Das Jobcenter berichtet über Bearbeitungszeiten bei Anträgen auf Übernahme von Mietschulden. Verabredet wird ein fester Ansprechpartner für eilige Fälle ' +
        'mit laufender Schonfrist.',
      '',
      'TOP 4: Die MWB schlägt vor, Mieterinnen und Mieter bereits bei der zweiten Mahnung auf die Beratungsstellen hinzuweisen. Die Lenkungsgruppe begrüßt das; ' +
        'ein gemeinsamer Flyer wird erarbeitet.',
      '',
      'TOP 5: Die nächste Sitzung findet im Frühjahr statt.',
    ].join('\n'),
    actions: [
      { text: 'Feste Ansprechperson für eilige Anträge auf Mietschuldenübernahme benennen und der Fachstelle mitteilen', responsible: JOBCENTER, due: -20, doneDaysAgo: 24 },
      { text: 'Entwurf eines gemeinsamen Flyers „Mietschulden – wir helfen“ für die zweite Mahnung abstimmen', responsible: MWB, person: 'Frau Quartiersmann', due: 10 },
      { text: 'Quartalszahlen um die Dauer bis zum ersten Gespräch ergänzen', responsible: FACHSTELLE, due: -5 },
    ],
  },
  {
    organiser: 'fachstelle', kind: 'district_network', title: 'Netzwerktreffen Wohnungsnotfallhilfe Kreis Musterland', inDays: 20, start: '09:30', end: '12:30',
    place: 'Bürgerhaus Lindenau, großer Saal', municipality: 'Lindenau', status: 'planned',
    agenda: [
      ['Begrüßung und Vorstellungsrunde'],
      ['Ergebnisse der Lenkungsgruppe', 'Fachstelle'],
      ['Suchthilfe und Wohnungssicherung: Wege der Zusammenarbeit', 'Drogen- und Suchtberatung'],
      ['Entlassmanagement des Klinikums', 'Sozialdienst Klinikum'],
      ['Austausch in Kleingruppen'],
    ],
    participants: [
      { org: FACHSTELLE }, { org: WOHNHILFE }, { org: SOZIALWERK }, { org: NETZWERK }, { org: JOBCENTER }, { org: AMTSGERICHT }, { org: MWB },
      { org: SUCHT, role: 'Beratungsstelle' }, { org: KLINIKUM, role: 'Sozialdienst' }, { org: GESUNDHEITSAMT, role: 'Sozialpsychiatrischer Dienst' },
      { person: 'Mieterverein Musterland e.V.', role: 'Gast' },
    ],
  },
  {
    organiser: 'traeger_a', kind: 'working_group', title: 'AG Prävention: Hausbesuche und Erstkontakt', inDays: -12, start: '10:00', end: '11:30',
    place: 'Beratungsstelle Musterstadt, Lindenstraße 12a', municipality: 'Musterstadt', status: 'held',
    agenda: [['Erfahrungen mit unangekündigten Hausbesuchen'], ['Mehrsprachige Erstanschreiben', 'Wohnhilfe']],
    participants: [
      { org: WOHNHILFE, person: 'Tobias Teamleitung', role: 'Moderation', attended: true },
      { org: SOZIALWERK, attended: true },
      { org: NETZWERK, attended: true },
      { org: FACHSTELLE, attended: false },
    ],
    minutes: [
      'TOP 1: Hausbesuche am späten Nachmittag erreichen deutlich mehr Haushalte. Die Träger stimmen ihre Zeiten ab und besuchen möglichst zu zweit.',
      '',
      'TOP 2: Das Erstanschreiben liegt in sechs Sprachen vor. Die Übersetzungen ins Arabische und Ukrainische werden noch einmal gegengelesen.',
    ].join('\n'),
    actions: [
      { text: 'Gegenlesen der arabischen und ukrainischen Fassung des Erstanschreibens organisieren', responsible: WOHNHILFE, due: 9 },
      { text: 'Zeiten für gemeinsame Hausbesuche in Ahrensberg vorschlagen', responsible: SOZIALWERK, due: 21 },
    ],
  },
  {
    organiser: 'fachstelle', kind: 'working_group', title: 'AG Daten und Berichtswesen', inDays: 6, start: '13:00', end: '14:30',
    place: 'Kreishaus, Raum 1.12', municipality: 'Musterstadt', status: 'cancelled',
    agenda: [['Kennzahlen für den Jahresbericht']],
    participants: [{ org: FACHSTELLE }, { org: WOHNHILFE }, { org: SOZIALWERK }],
  },
];

interface AgreementSpec {
  owner: string;
  partner: string;
  kind: AgreementKind;
  title: string;
  subject: string;
  /** Days from the seed day. */
  from: number;
  until: number | null;
  note?: string;
}

export const DEMO_AGREEMENTS: AgreementSpec[] = [
  {
    owner: 'fachstelle', partner: 'jobcenter', kind: 'cooperation', title: 'Kooperationsvereinbarung Prävention von Wohnungslosigkeit',
    subject: 'Mitteilungen bei Mietschulden (§ 22 Abs. 9 SGB II), feste Ansprechpersonen, Bearbeitung von Anträgen auf Übernahme von Mietschulden innerhalb der Schonfrist.',
    from: -700, until: null, note: 'Jährliche Auswertung in der Lenkungsgruppe.',
  },
  {
    owner: 'fachstelle', partner: 'klinikum', kind: 'referral_pathway', title: 'Verfahrensabsprache Entlassmanagement',
    subject: 'Frühzeitige Meldung an die Fachstelle, wenn Patientinnen oder Patienten ohne gesicherte Wohnung entlassen werden sollen (nur mit Einwilligung).',
    from: -300, until: 60, note: 'Verlängerung in der nächsten Lenkungsgruppe besprechen.',
  },
  {
    owner: 'traeger_a', partner: 'sucht', kind: 'cooperation', title: 'Kooperationsvereinbarung Suchthilfe und Wohnungssicherung',
    subject: 'Gegenseitige Vermittlung, gemeinsame Sprechstunde in der Beratungsstelle Lindenau, Fallbesprechungen nur mit Schweigepflichtentbindung.',
    from: -400, until: 330,
  },
  {
    owner: 'traeger_a', partner: 'mwb', kind: 'data_processing', title: 'Vereinbarung Mitteilungen bei Mietrückständen (Pilot)',
    subject: 'Pilotphase: Die MWB informiert Mieterinnen und Mieter bei der zweiten Mahnung über das Beratungsangebot.',
    from: -500, until: -30, note: 'Pilot beendet; Nachfolge in der Lenkungsgruppe vereinbart.',
  },
];

/** The first Wednesday on or after the day `days` from `today` (network meetings tend to be mid-week). */
function midweek(today: IsoDate, days: number): IsoDate {
  let d = addDays(today, days);
  while (isoWeekday(d) !== 3) d = addDays(d, 1);
  return d;
}

async function resolver(tx: Tx) {
  const orgs = await tx.db.selectFrom('organisations').select(['id', 'name']).execute();
  const dirs = await tx.db.selectFrom('directory_organizations').select(['id', 'name']).execute();
  const bleibe = (key: string) => {
    const name = ORGANISATIONS.find((o) => o.key === key)?.name;
    return orgs.find((o) => o.name === name) ?? null;
  };
  const directory = (key: string) => dirs.find((d) => d.id === demoId(`org:${key}`)) ?? null;
  /** The columns of a reference; null when the demo organisation is not there (edited away). */
  const ref = (r: Ref | undefined) => {
    if (!r) return { orgId: null, dirId: null, name: null };
    if ('bleibe' in r) {
      const o = bleibe(r.bleibe);
      return o ? { orgId: o.id, dirId: null, name: o.name } : null;
    }
    const d = directory(r.directory);
    return d ? { orgId: null, dirId: d.id, name: d.name } : null;
  };
  return { bleibe, directory, ref };
}

export async function seedDemoNetwork(db: Database, now = new Date()): Promise<void> {
  await unsafeInternalTx(db, null, async (tx) => {
    if (await tx.db.selectFrom('network_meetings').select('id').limit(1).executeTakeFirst()) return;
    const { bleibe, directory, ref } = await resolver(tx);
    const munis = await tx.db.selectFrom('municipalities').select(['id', 'name']).execute();
    const today = localDay(now);
    let meetings = 0;
    for (const m of DEMO_MEETINGS) {
      const organiser = bleibe(m.organiser);
      if (!organiser) continue;
      const date = midweek(today, m.inDays);
      const window = meetingWindow(date, m.start, m.end);
      if (!window.ok) continue;
      const { id } = await tx.db
        .insertInto('network_meetings')
        .values({
          org_id: organiser.id, kind: m.kind, title: m.title, starts_at: window.startsAt, ends_at: window.endsAt, place: m.place,
          municipality_id: munis.find((x) => x.name === m.municipality)?.id ?? null, status: m.status, minutes: m.minutes ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      meetings++;
      if (m.agenda.length) {
        await tx.db
          .insertInto('network_agenda_items')
          .values(m.agenda.map(([title, presenter], position) => ({ org_id: organiser.id, meeting_id: id, position, title, presenter: presenter ?? null })))
          .execute();
      }
      const participants = m.participants.flatMap((p) => {
        const r = ref(p.org);
        return r ? [{ p, r }] : [];
      });
      if (participants.length) {
        await tx.db
          .insertInto('network_participants')
          .values(
            participants.map(({ p, r }, position) => ({
              org_id: organiser.id, meeting_id: id, position, participant_org_id: r.orgId, directory_organization_id: r.dirId, organisation_name: r.name,
              person_name: p.person ?? null, person_function: p.role ?? null, attended: p.attended ?? null,
            })),
          )
          .execute();
      }
      for (const a of m.actions ?? []) {
        const r = ref(a.responsible);
        if (!r || (!r.name && !a.person)) continue;
        await tx.db
          .insertInto('network_actions')
          .values({
            org_id: organiser.id, meeting_id: id, text: a.text, responsible_org_id: r.orgId, responsible_directory_organization_id: r.dirId,
            responsible_org_name: r.name, responsible_name: a.person ?? null, due_on: a.due === undefined ? null : addDays(today, a.due),
            status: a.doneDaysAgo === undefined ? 'open' : 'done', done_on: a.doneDaysAgo === undefined ? null : addDays(today, -a.doneDaysAgo),
          })
          .execute();
      }
    }
    let agreements = 0;
    for (const g of DEMO_AGREEMENTS) {
      const owner = bleibe(g.owner);
      const partner = directory(g.partner);
      if (!owner || !partner) continue;
      await tx.db
        .insertInto('partner_agreements')
        .values({
          org_id: owner.id, directory_organization_id: partner.id, kind: g.kind, title: g.title, subject: g.subject,
          valid_from: addDays(today, g.from), valid_until: g.until === null ? null : addDays(today, g.until), note: g.note ?? null,
        })
        .execute();
      agreements++;
    }
    tx.audit({ action: 'demo.seed_network', details: { meetings, agreements } });
  });
}
