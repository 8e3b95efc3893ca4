import { createHash } from 'node:crypto';
import type { DirectoryCategory, Weekday } from '../../../contracts/directory.js';
import { municipalityForPostalCode } from '../../../domain/directory/hsds-import.js';
import type { DirLocation, DirOrganization, DirService, MunicipalityRef } from '../../../domain/directory/model.js';
import { emptyRows, organizationRows } from '../../../domain/directory/rows.js';
import type { Database } from '../../platform/db/connect.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { applyRows } from '../directory/store.js';
import { ORGANISATIONS } from './demo-data.js';

/*
 * The demo district's partner directory: invented organisations, services and addresses in
 * Kreis Musterland (postal codes 05xxx), covering every need of the taxonomy. Ids are derived
 * from stable keys, so every demo installation exports the same HSDS ids. Seeded once: later
 * starts leave the directory (and whatever was edited in it) alone.
 */

/** A name-based UUID (version 5 layout over SHA-1), stable for a key. */
export function demoId(key: string): string {
  const h = createHash('sha1').update(`bleibe-demo-directory:${key}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

type Muni = 'Musterstadt' | 'Beispielheim' | 'Lindenau' | 'Eichenfeld' | 'Ahrensberg' | 'Birkenbach' | 'Talhausen' | 'Wiesental' | 'Neuhof am See';
const ALL: Muni[] = ['Musterstadt', 'Beispielheim', 'Lindenau', 'Eichenfeld', 'Ahrensberg', 'Birkenbach', 'Talhausen', 'Wiesental', 'Neuhof am See'];

interface LocSpec {
  key: string;
  name: string;
  street?: string;
  postalCode?: string;
  city?: string;
  phone?: string;
  hours?: [Weekday[], string, string, string?][];
  transportation?: string;
  accessibility?: string;
  languages?: string[];
}
interface SvcSpec {
  key: string;
  name: string;
  description: string;
  categories: DirectoryCategory[];
  areas: Muni[];
  at: string[];
  phone?: string;
  email?: string;
  url?: string;
  application?: string;
  eligibility?: string;
  fees?: string;
  hours?: [Weekday[], string, string, string?][];
  languages?: string[];
  contact?: { name: string; title: string; email?: string; phone?: string };
  status?: DirService['status'];
}
interface OrgSpec {
  key: string;
  /** The Bleibe organisation (demo-data.ts key) whose administrators maintain the entry. */
  bleibe?: string;
  name: string;
  alternateName?: string;
  description: string;
  email?: string;
  website?: string;
  phone?: string;
  locations: LocSpec[];
  services: SvcSpec[];
}

const WEEK: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

export const DEMO_DIRECTORY: OrgSpec[] = [
  {
    key: 'fachstelle', bleibe: 'fachstelle', name: 'Fachstelle Wohnungsnotfälle Kreis Musterland', alternateName: 'Fachstelle',
    description: 'Kommunale Fachstelle zur Verhinderung von Wohnungslosigkeit: nimmt Mitteilungen der Gerichte und Jobcenter entgegen, berät Haushalte und koordiniert das Netzwerk.',
    email: 'fachstelle@demo.test', website: 'https://fachstelle.demo.test/', phone: '05101 4000',
    locations: [{ key: 'kreishaus', name: 'Fachstelle im Kreishaus', street: 'Kreishausplatz 1', postalCode: '05101', city: 'Musterstadt', phone: '05101 4000-10', hours: [[['MO'], '08:30', '12:00'], [['WE'], '13:00', '17:00']], transportation: 'Bus 1 und 4, Haltestelle Kreishaus', accessibility: 'Stufenloser Zugang, Aufzug, barrierefreies WC' }],
    services: [
      { key: 'wohnungssicherung', name: 'Wohnungssicherung bei Räumungsklage und Mietschulden', description: 'Beratung und Unterstützung bei Kündigung, Räumungsklage und Mietschulden; Prüfung der Mietschuldenübernahme und Verhandlung mit Vermietern.', categories: ['housing_emergency'], areas: ALL, at: ['kreishaus'], phone: '05101 4000-11', email: 'wohnungssicherung@demo.test', application: 'Ohne Termin zu den Sprechzeiten oder nach telefonischer Vereinbarung.', fees: 'kostenlos', languages: ['de', 'en'] },
      { key: 'unterbringung', name: 'Vermittlung in Notunterkünfte', description: 'Vermittlung einer ordnungsrechtlichen Unterbringung, wenn Wohnungslosigkeit nicht mehr abzuwenden ist.', categories: ['emergency_accommodation', 'housing_emergency'], areas: ALL, at: ['kreishaus'], phone: '05101 4000-12' },
    ],
  },
  {
    key: 'wohnhilfe', bleibe: 'traeger_a', name: 'Wohnhilfe Musterland e.V.', alternateName: 'Wohnhilfe',
    description: 'Freier Träger der Wohnungsnotfallhilfe mit aufsuchender Beratung im Norden des Kreises.',
    email: 'kontakt@wohnhilfe.demo.test', website: 'https://wohnhilfe.demo.test/', phone: '05101 5500',
    locations: [
      { key: 'wh-musterstadt', name: 'Beratungsstelle Musterstadt', street: 'Lindenstraße 12a', postalCode: '05101', city: 'Musterstadt', phone: '05101 5500-1', hours: [[['MO', 'TU'], '09:00', '12:00'], [['TH'], '14:00', '17:30']], accessibility: 'Erdgeschoss, stufenlos' },
      { key: 'wh-lindenau', name: 'Beratungsstelle Lindenau', street: 'Am Markt 3', postalCode: '05120', city: 'Lindenau', phone: '05120 770', hours: [[['TU'], '14:00', '17:00'], [['FR'], '09:00', '12:00']] },
    ],
    services: [
      { key: 'wh-beratung', name: 'Beratung bei drohendem Wohnungsverlust', description: 'Aufsuchende Beratung, Hausbesuche, Begleitung zu Ämtern und Gerichten, Verhandlungen mit Vermietern.', categories: ['housing_emergency'], areas: ['Musterstadt', 'Beispielheim', 'Lindenau', 'Eichenfeld'], at: ['wh-musterstadt', 'wh-lindenau'], languages: ['de', 'tr'], contact: { name: 'Teamleitung Beratung', title: 'Teamleitung', email: 'beratung@wohnhilfe.demo.test' } },
      { key: 'wh-bewo', name: 'Ambulant betreutes Wohnen (§§ 67 ff. SGB XII)', description: 'Hilfe zur Überwindung besonderer sozialer Schwierigkeiten in der eigenen Wohnung.', categories: ['housing_emergency'], areas: ['Musterstadt', 'Beispielheim', 'Lindenau', 'Eichenfeld'], at: ['wh-musterstadt'], eligibility: 'Menschen in besonderen Lebensverhältnissen mit sozialen Schwierigkeiten', application: 'Antrag beim Sozialamt; wir helfen beim Ausfüllen.' },
    ],
  },
  {
    key: 'sozialwerk', bleibe: 'traeger_b', name: 'Sozialwerk Ahrensberg gGmbH', alternateName: 'Sozialwerk',
    description: 'Beratung und Hilfen im Süden des Kreises.', email: 'info@sozialwerk.demo.test', phone: '05140 2200',
    locations: [
      { key: 'sw-ahrensberg', name: 'Beratung Ahrensberg', street: 'Bahnhofstraße 40', postalCode: '05140', city: 'Ahrensberg', phone: '05140 2200-5', hours: [[['MO'], '13:00', '16:00'], [['WE'], '09:00', '12:00']] },
      { key: 'sw-talhausen', name: 'Beratung Talhausen', street: 'Mühlenweg 7', postalCode: '05160', city: 'Talhausen', phone: '05160 310', hours: [[['TH'], '09:00', '13:00']] },
    ],
    services: [
      { key: 'sw-wohnen', name: 'Wohnungsnotfallhilfe Ahrensberg und Talhausen', description: 'Beratung bei Mietschulden, Kündigung und Räumung; Hausbesuche.', categories: ['housing_emergency'], areas: ['Ahrensberg', 'Birkenbach', 'Talhausen'], at: ['sw-ahrensberg', 'sw-talhausen'] },
      { key: 'sw-schulden', name: 'Schuldner- und Insolvenzberatung', description: 'Anerkannte Stelle für Verbraucherinsolvenz; Haushaltsplan, Verhandlungen mit Gläubigern, P-Konto-Bescheinigung.', categories: ['debt_counselling'], areas: ['Ahrensberg', 'Birkenbach', 'Talhausen', 'Wiesental', 'Neuhof am See'], at: ['sw-ahrensberg'], phone: '05140 2200-7', fees: 'kostenlos', application: 'Termin nach telefonischer Vereinbarung; Wartezeit etwa vier Wochen, bei drohender Räumung sofort.' },
    ],
  },
  {
    key: 'netzwerk', bleibe: 'traeger_c', name: 'Netzwerk Wohnen Wiesental e.V.', description: 'Anlaufstelle für Wohnungsfragen im Wiesental und in Neuhof am See.', email: 'post@netzwerk-wohnen.demo.test', phone: '05170 880',
    locations: [
      { key: 'nw-wiesental', name: 'Anlaufstelle Wiesental', street: 'Wiesenweg 2', postalCode: '05170', city: 'Wiesental', phone: '05170 880-0', hours: [[['TU', 'TH'], '10:00', '13:00']] },
      { key: 'nw-neuhof', name: 'Sprechstunde Neuhof am See', street: 'Seestraße 15', postalCode: '05180', city: 'Neuhof am See', phone: '05180 120', hours: [[['FR'], '10:00', '12:00']] },
    ],
    services: [
      { key: 'nw-anlauf', name: 'Anlaufstelle Wohnen', description: 'Erste Hilfe bei Mietschulden und Wohnungsverlust, Vermittlung an Fachdienste.', categories: ['housing_emergency'], areas: ['Wiesental', 'Neuhof am See'], at: ['nw-wiesental', 'nw-neuhof'] },
    ],
  },
  {
    key: 'jobcenter', bleibe: 'jobcenter', name: 'Jobcenter Kreis Musterland', description: 'Grundsicherung für Arbeitsuchende (SGB II).', email: 'jobcenter@demo.test', website: 'https://jobcenter.demo.test/', phone: '05101 3300',
    locations: [
      { key: 'jc-musterstadt', name: 'Jobcenter Musterstadt', street: 'Bahnhofstraße 20', postalCode: '05102', city: 'Musterstadt', hours: [[WEEK, '08:00', '12:00'], [['TH'], '14:00', '17:00']], accessibility: 'Barrierefrei, Aufzug' },
      { key: 'jc-ahrensberg', name: 'Jobcenter Geschäftsstelle Ahrensberg', street: 'Marktstraße 9', postalCode: '05140', city: 'Ahrensberg', hours: [[['MO', 'TU', 'TH'], '08:00', '12:00']] },
    ],
    services: [
      { key: 'jc-kdu', name: 'Bürgergeld: Kosten der Unterkunft und Heizung', description: 'Übernahme angemessener Kosten für Unterkunft und Heizung, Direktzahlung der Miete an Vermieter.', categories: ['jobcenter'], areas: ALL, at: ['jc-musterstadt', 'jc-ahrensberg'], phone: '05101 3300-100', languages: ['de', 'en', 'ar', 'uk'] },
      { key: 'jc-mietschulden', name: 'Darlehen für Mietschulden (§ 22 Abs. 8 SGB II)', description: 'Übernahme von Mietschulden als Darlehen, wenn sonst Wohnungslosigkeit droht. Antrag mit Kündigung, Mietkontoauszug und Fortsetzungszusage des Vermieters.', categories: ['jobcenter', 'housing_emergency'], areas: ALL, at: ['jc-musterstadt'], phone: '05101 3300-150', application: 'Schriftlicher Antrag; bei Räumungsklage sofort einreichen.' },
    ],
  },
  {
    key: 'amtsgericht', bleibe: 'court', name: 'Amtsgericht Musterstadt', description: 'Zuständig für Mietsachen und Räumungsklagen im Kreis Musterland.', email: 'poststelle@ag-musterstadt.demo.test', phone: '05101 9100',
    locations: [{ key: 'ag', name: 'Amtsgericht', street: 'Gerichtsstraße 5', postalCode: '05102', city: 'Musterstadt', hours: [[WEEK, '08:30', '12:00']], accessibility: 'Eingang mit Rampe an der Rückseite' }],
    services: [
      { key: 'ag-rast', name: 'Rechtsantragstelle', description: 'Aufnahme von Anträgen und Erklärungen, Beratungshilfeschein für Rechtsberatung bei geringem Einkommen.', categories: ['court', 'legal_advice'], areas: ALL, at: ['ag'], phone: '05101 9100-200' },
    ],
  },
  {
    key: 'mwb', bleibe: 'housing', name: 'Musterländer Wohnungsbau GmbH', alternateName: 'MWB', description: 'Kommunales Wohnungsunternehmen mit rund 4.000 Wohnungen.', email: 'vermietung@mwb.demo.test', website: 'https://mwb.demo.test/', phone: '05101 6600',
    locations: [{ key: 'mwb', name: 'Kundencenter', street: 'Am Wasserturm 8', postalCode: '05101', city: 'Musterstadt', hours: [[['MO', 'TU', 'WE', 'TH'], '09:00', '16:00'], [['FR'], '09:00', '12:00']] }],
    services: [
      { key: 'mwb-sozial', name: 'Sozialmanagement und Mietschuldenberatung', description: 'Ratenvereinbarungen, Hilfe bei Zahlungsschwierigkeiten, Vermittlung an Beratungsstellen.', categories: ['housing_company'], areas: ['Musterstadt', 'Beispielheim', 'Lindenau'], at: ['mwb'], phone: '05101 6600-30', contact: { name: 'Sozialmanagement', title: 'Sozialarbeit im Quartier', email: 'sozial@mwb.demo.test' } },
    ],
  },
  {
    key: 'sucht', bleibe: 'sucht', name: 'Drogen- und Suchtberatung Musterland e.V.', description: 'Beratung, Vermittlung in Therapie und Nachsorge bei Sucht.', email: 'info@suchtberatung.demo.test', website: 'https://suchtberatung.demo.test/', phone: '05101 7700',
    locations: [{ key: 'sucht', name: 'Suchtberatungsstelle', street: 'Schillerstraße 22', postalCode: '05103', city: 'Musterstadt', hours: [[['MO', 'WE'], '09:00', '16:00'], [['TH'], '13:00', '19:00']], transportation: 'Bus 2, Haltestelle Schillerplatz' }],
    services: [
      { key: 'sucht-beratung', name: 'Suchtberatung', description: 'Offene Sprechstunde und Einzelberatung bei Alkohol-, Drogen- und Glücksspielsucht; auch für Angehörige.', categories: ['addiction_help'], areas: ALL, at: ['sucht', 'wh-lindenau'], fees: 'kostenlos, auf Wunsch anonym', languages: ['de', 'ru', 'pl'] },
      { key: 'sucht-nachsorge', name: 'Ambulante Nachsorge', description: 'Begleitung nach einer Entwöhnungsbehandlung.', categories: ['addiction_help'], areas: ALL, at: ['sucht'] },
    ],
  },
  {
    key: 'gesundheitsamt', name: 'Kreis Musterland – Gesundheitsamt', description: 'Öffentlicher Gesundheitsdienst des Kreises.', email: 'gesundheitsamt@kreis.demo.test', phone: '05101 4100',
    locations: [{ key: 'ga', name: 'Gesundheitsamt', street: 'Kreishausplatz 3', postalCode: '05101', city: 'Musterstadt', hours: [[WEEK, '08:30', '12:00']] }],
    services: [
      { key: 'spdi', name: 'Sozialpsychiatrischer Dienst', description: 'Beratung und Hausbesuche für psychisch kranke Menschen und ihre Angehörigen, Krisenintervention.', categories: ['social_psychiatric_service'], areas: ALL, at: ['ga'], phone: '05101 4100-60', contact: { name: 'Dr. Hanna Beispiel', title: 'Leitung Sozialpsychiatrischer Dienst', phone: '05101 4100-61' } },
    ],
  },
  {
    key: 'klinikum', name: 'Klinikum Musterland', description: 'Krankenhaus der Schwerpunktversorgung mit psychiatrischer Klinik.', website: 'https://klinikum.demo.test/', phone: '05101 8000',
    locations: [{ key: 'klinikum', name: 'Klinikum', street: 'Klinikweg 1', postalCode: '05103', city: 'Musterstadt', accessibility: 'Barrierefrei' }],
    services: [
      { key: 'kl-sozialdienst', name: 'Sozialdienst im Klinikum', description: 'Entlassmanagement, Klärung der Wohnsituation vor der Entlassung, Anträge.', categories: ['clinic'], areas: ALL, at: ['klinikum'], phone: '05101 8000-450' },
      { key: 'kl-pia', name: 'Psychiatrische Institutsambulanz', description: 'Ambulante psychiatrische Behandlung für Menschen, die eine Praxis nicht erreicht.', categories: ['clinic', 'social_psychiatric_service'], areas: ALL, at: ['klinikum'], hours: [[WEEK, '08:00', '16:00']] },
    ],
  },
  {
    key: 'jva', name: 'Justizvollzugsanstalt Musterstadt', description: 'Justizvollzugsanstalt des Landes.', phone: '05101 9500',
    locations: [{ key: 'jva', name: 'JVA Musterstadt', street: 'Am Hohen Tor 2', postalCode: '05103', city: 'Musterstadt' }],
    services: [
      { key: 'jva-sozial', name: 'Sozialdienst: Entlassungsvorbereitung', description: 'Vorbereitung der Entlassung: Wohnung, Leistungen, Kontakte zu Beratungsstellen.', categories: ['prison_social_service'], areas: ALL, at: ['jva'], phone: '05101 9500-30' },
    ],
  },
  {
    key: 'frauen', name: 'Frauen helfen Frauen Musterland e.V.', description: 'Schutz und Beratung für Frauen und ihre Kinder bei häuslicher Gewalt.', email: 'beratung@frauen.demo.test', phone: '05101 6060',
    // The shelter's address is kept secret; it is reached by phone, day and night.
    locations: [{ key: 'frauen-beratung', name: 'Frauenberatungsstelle', street: 'Rosenstraße 5', postalCode: '05110', city: 'Beispielheim', hours: [[['MO', 'TU', 'TH'], '09:00', '13:00']] }],
    services: [
      { key: 'frauenhaus', name: 'Frauenhaus Musterland', description: 'Schutzunterkunft für Frauen und Kinder; Aufnahme rund um die Uhr nach telefonischer Absprache. Die Adresse wird nicht veröffentlicht.', categories: ['womens_shelter', 'emergency_accommodation'], areas: ALL, at: [], phone: '05101 6061', languages: ['de', 'en', 'ar', 'tr', 'uk'] },
      { key: 'frauen-beratung', name: 'Frauenberatung bei häuslicher Gewalt', description: 'Beratung, Begleitung zu Polizei und Gericht, Hilfe bei Wohnungssuche nach Trennung.', categories: ['womens_shelter'], areas: ALL, at: ['frauen-beratung'] },
    ],
  },
  {
    key: 'sozialamt', name: 'Kreis Musterland – Sozialamt', description: 'Sozialhilfe nach dem SGB XII.', email: 'sozialamt@kreis.demo.test', phone: '05101 4200',
    locations: [{ key: 'sa', name: 'Sozialamt im Kreishaus', street: 'Kreishausplatz 1', postalCode: '05101', city: 'Musterstadt', hours: [[['MO', 'TU', 'TH', 'FR'], '08:30', '12:00']] }],
    services: [
      { key: 'sa-mietschulden', name: 'Übernahme von Mietschulden (§ 36 SGB XII)', description: 'Für Menschen ohne Bürgergeld-Anspruch: Übernahme von Mietschulden als Beihilfe oder Darlehen.', categories: ['social_office', 'housing_emergency'], areas: ALL, at: ['sa'], phone: '05101 4200-20' },
    ],
  },
  {
    key: 'jugendamt', name: 'Kreis Musterland – Jugendamt', description: 'Kinder- und Jugendhilfe.', phone: '05101 4300',
    locations: [{ key: 'ja', name: 'Jugendamt', street: 'Kreishausplatz 1', postalCode: '05101', city: 'Musterstadt' }],
    services: [
      { key: 'asd', name: 'Allgemeiner Sozialer Dienst', description: 'Beratung und Hilfe für Familien; wird bei drohender Wohnungslosigkeit von Familien mit Kindern einbezogen.', categories: ['youth_welfare'], areas: ALL, at: ['ja'], phone: '05101 4300-10' },
    ],
  },
  {
    key: 'migration', name: 'Migrationsdienst Musterland', description: 'Beratung für Zugewanderte und Geflüchtete.', email: 'migration@demo.test', phone: '05120 4400',
    locations: [{ key: 'mig', name: 'Migrationsberatung Lindenau', street: 'Bahnhofsplatz 2', postalCode: '05121', city: 'Lindenau', hours: [[['TU', 'WE'], '09:00', '15:00']], languages: ['de', 'ar', 'uk', 'ru', 'fa'] }],
    services: [
      { key: 'mbe', name: 'Migrationsberatung für Erwachsene', description: 'Beratung zu Aufenthalt, Leistungen, Wohnung und Arbeit; Dolmetschende auf Anfrage.', categories: ['migration_counselling'], areas: ALL, at: ['mig'], languages: ['de', 'ar', 'uk', 'ru', 'fa', 'tr'] },
    ],
  },
  {
    key: 'mieterverein', name: 'Mieterverein Musterland e.V.', description: 'Interessenvertretung und Rechtsberatung für Mieterinnen und Mieter.', email: 'info@mieterverein.demo.test', phone: '05101 2020',
    locations: [{ key: 'mv', name: 'Geschäftsstelle', street: 'Goethestraße 11', postalCode: '05102', city: 'Musterstadt', hours: [[['MO', 'WE'], '15:00', '18:00']] }],
    services: [
      { key: 'mv-beratung', name: 'Mietrechtsberatung', description: 'Rechtsberatung zu Kündigung, Mieterhöhung, Nebenkosten und Räumungsklage für Mitglieder.', categories: ['legal_advice'], areas: ALL, at: ['mv'], fees: 'Mitgliedsbeitrag 8 € im Monat; Erstberatung bei Räumungsklage kostenlos' },
    ],
  },
  {
    key: 'ordnungsamt', name: 'Stadt Musterstadt – Ordnungsamt', description: 'Ordnungsbehörde der Stadt Musterstadt.', phone: '05101 1000',
    locations: [{ key: 'nu', name: 'Notunterkunft Talweg', street: 'Talweg 30', postalCode: '05103', city: 'Musterstadt', phone: '05101 1000-99' }],
    services: [
      { key: 'nu', name: 'Notunterkunft Talweg', description: 'Ordnungsrechtliche Unterbringung für wohnungslose Menschen aus Musterstadt; Einweisung über das Ordnungsamt.', categories: ['emergency_accommodation'], areas: ['Musterstadt'], at: ['nu'], hours: [[WEEK, '08:00', '12:00', 'Einweisung im Rathaus; außerhalb der Zeiten über die Polizei']] },
    ],
  },
];

/** The specification → directory trees, with the district's municipality ids. */
export function buildDemoDirectory(munis: readonly MunicipalityRef[]): DirOrganization[] {
  const muni = (name: string) => munis.find((m) => m.name === name)?.id;
  const hours = (key: string, list: LocSpec['hours']) =>
    (list ?? []).map(([days, opens, closes, note], i) => ({ id: demoId(`${key}:hours:${i}`), days, opens, closes, note: note ?? null, validFrom: null, validTo: null }));
  const langs = (key: string, codes?: string[]) => (codes ?? []).map((code) => ({ id: demoId(`${key}:lang:${code}`), code }));
  const phones = (key: string, n?: string) => (n ? [{ id: demoId(`${key}:phone`), number: n, description: null }] : []);
  return DEMO_DIRECTORY.map((o) => {
    const orgId = demoId(`org:${o.key}`);
    const locations: DirLocation[] = o.locations.map((l, i) => ({
      id: demoId(`loc:${l.key}`), organizationId: orgId, type: 'physical', name: l.name, description: null,
      address: l.street ? { id: demoId(`loc:${l.key}:address`), street: l.street, postalCode: l.postalCode!, city: l.city!, stateProvince: 'NW', country: 'DE' } : null,
      municipalityId: l.postalCode ? municipalityForPostalCode(munis, l.postalCode) : null,
      transportation: l.transportation ?? null, accessibility: l.accessibility ? { id: demoId(`loc:${l.key}:access`), description: l.accessibility } : null,
      latitude: null, longitude: null,
      phones: phones(`loc:${l.key}`, l.phone), hours: hours(`loc:${l.key}:${i}`, l.hours), languages: langs(`loc:${l.key}`, l.languages),
    }));
    const services: DirService[] = o.services.map((s) => ({
      id: demoId(`svc:${s.key}`), organizationId: orgId, name: s.name, alternateName: null, description: s.description, url: s.url ?? null, email: s.email ?? null,
      status: s.status ?? 'active', applicationProcess: s.application ?? null, eligibility: s.eligibility ?? null, fees: s.fees ?? null, interpretationServices: null, lastModified: null,
      categories: s.categories.map((code) => ({ id: demoId(`svc:${s.key}:cat:${code}`), code })),
      areas: s.areas.flatMap((a) => (muni(a) ? [{ id: demoId(`svc:${s.key}:area:${a}`), municipalityId: muni(a)! }] : [])),
      atLocations: s.at.map((l) => ({ id: demoId(`svc:${s.key}:at:${l}`), locationId: demoId(`loc:${l}`), description: null })),
      phones: phones(`svc:${s.key}`, s.phone), hours: hours(`svc:${s.key}`, s.hours), languages: langs(`svc:${s.key}`, s.languages),
      contacts: s.contact
        ? [{ id: demoId(`svc:${s.key}:contact`), name: s.contact.name, title: s.contact.title, department: null, email: s.contact.email ?? null, phones: phones(`svc:${s.key}:contact`, s.contact.phone) }]
        : [],
    }));
    return {
      id: orgId, name: o.name, alternateName: o.alternateName ?? null, description: o.description, email: o.email ?? null, website: o.website ?? null,
      phones: phones(`org:${o.key}`, o.phone), contacts: [], locations, services,
    };
  });
}

/** Seeds the directory once (an installation whose directory has entries keeps them). */
export async function seedDemoDirectory(db: Database): Promise<void> {
  await unsafeInternalTx(db, null, async (tx) => {
    if (await tx.db.selectFrom('directory_organizations').select('id').limit(1).executeTakeFirst()) return;
    const munis = (await tx.db.selectFrom('municipalities').select(['id', 'name', 'ags', 'postal_codes']).execute()).map((m) => ({
      id: m.id, name: m.name, ags: m.ags, postalCodes: m.postal_codes,
    }));
    const rows = emptyRows();
    for (const o of buildDemoDirectory(munis)) organizationRows(o, rows);
    await applyRows(tx, emptyRows(), rows);
    for (const o of DEMO_DIRECTORY.filter((x) => x.bleibe)) {
      const name = ORGANISATIONS.find((b) => b.key === o.bleibe)?.name;
      const bleibe = name ? await tx.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirst() : undefined;
      if (bleibe) await tx.db.updateTable('directory_organizations').set({ bleibe_org_id: bleibe.id }).where('id', '=', demoId(`org:${o.key}`)).execute();
    }
    tx.audit({ action: 'demo.seed_directory', details: { organizations: DEMO_DIRECTORY.length, services: DEMO_DIRECTORY.reduce((n, o) => n + o.services.length, 0) } });
  });
}
