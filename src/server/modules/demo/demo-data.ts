import type { OfficeHour } from '../../../contracts/admin.js';
import type { OrganisationKind, Role } from '../../../contracts/roles.js';

/**
 * "Kreis Musterland": a fictional district. Every name, address and person here is invented.
 * Postal codes use the 05xxx range, which Deutsche Post never assigned, and the AGS keys use a
 * government region (8) that North Rhine-Westphalia does not have, so nothing points at a real place.
 */
export const DEMO_PASSWORD = 'Bleibe-Demo-2026!';

export const MUNICIPALITIES = [
  { name: 'Musterstadt', ags: '05899004', postalCodes: ['05101', '05102', '05103'] },
  { name: 'Beispielheim', ags: '05899008', postalCodes: ['05110'] },
  { name: 'Lindenau', ags: '05899012', postalCodes: ['05120', '05121'] },
  { name: 'Eichenfeld', ags: '05899016', postalCodes: ['05130'] },
  { name: 'Ahrensberg', ags: '05899020', postalCodes: ['05140'] },
  { name: 'Birkenbach', ags: '05899024', postalCodes: ['05150'] },
  { name: 'Talhausen', ags: '05899028', postalCodes: ['05160'] },
  { name: 'Wiesental', ags: '05899032', postalCodes: ['05170'] },
  { name: 'Neuhof am See', ags: '05899036', postalCodes: ['05180'] },
] as const;

type Muni = (typeof MUNICIPALITIES)[number]['name'];

const hours = (...days: [number, string, string][]): OfficeHour[] => days.map(([weekday, opens, closes]) => ({ weekday, opens, closes }));

export interface DemoLocation {
  name: string;
  street: string;
  houseNumber: string;
  municipality: Muni;
  phone: string;
  officeHours: OfficeHour[];
  covers: Muni[];
}

export interface DemoOrganisation {
  key: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  email: string;
  phone: string;
  locations: DemoLocation[];
}

export const ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'fachstelle',
    name: 'Fachstelle Wohnungsnotfälle Kreis Musterland',
    shortName: 'Fachstelle',
    kind: 'district_office',
    email: 'fachstelle@demo.test',
    phone: '05101 4000',
    locations: [
      { name: 'Fachstelle im Kreishaus', street: 'Kreishausplatz', houseNumber: '1', municipality: 'Musterstadt', phone: '05101 4000-10', officeHours: hours([1, '08:30', '12:00'], [3, '13:00', '17:00']), covers: [] },
    ],
  },
  {
    key: 'traeger_a',
    name: 'Wohnhilfe Musterland e.V.',
    shortName: 'Wohnhilfe',
    kind: 'provider',
    email: 'kontakt@wohnhilfe.demo.test',
    phone: '05101 5500',
    locations: [
      { name: 'Beratungsstelle Musterstadt', street: 'Lindenstraße', houseNumber: '12a', municipality: 'Musterstadt', phone: '05101 5500-1', officeHours: hours([1, '09:00', '12:00'], [2, '09:00', '12:00'], [4, '14:00', '17:30']), covers: ['Musterstadt', 'Beispielheim'] },
      { name: 'Beratungsstelle Lindenau', street: 'Am Markt', houseNumber: '3', municipality: 'Lindenau', phone: '05120 770', officeHours: hours([2, '14:00', '17:00'], [5, '09:00', '12:00']), covers: ['Lindenau', 'Eichenfeld'] },
    ],
  },
  {
    key: 'traeger_b',
    name: 'Sozialwerk Ahrensberg gGmbH',
    shortName: 'Sozialwerk',
    kind: 'provider',
    email: 'info@sozialwerk.demo.test',
    phone: '05140 2200',
    locations: [
      { name: 'Beratung Ahrensberg', street: 'Bahnhofstraße', houseNumber: '40', municipality: 'Ahrensberg', phone: '05140 2200-5', officeHours: hours([1, '13:00', '16:00'], [3, '09:00', '12:00']), covers: ['Ahrensberg', 'Birkenbach'] },
      { name: 'Beratung Talhausen', street: 'Mühlenweg', houseNumber: '7', municipality: 'Talhausen', phone: '05160 310', officeHours: hours([4, '09:00', '13:00']), covers: ['Talhausen'] },
    ],
  },
  {
    key: 'traeger_c',
    name: 'Netzwerk Wohnen Wiesental e.V.',
    shortName: 'Netzwerk Wohnen',
    kind: 'provider',
    email: 'post@netzwerk-wohnen.demo.test',
    phone: '05170 880',
    locations: [
      { name: 'Anlaufstelle Wiesental', street: 'Wiesenweg', houseNumber: '2', municipality: 'Wiesental', phone: '05170 880-0', officeHours: hours([2, '10:00', '13:00'], [4, '10:00', '13:00']), covers: ['Wiesental'] },
      { name: 'Sprechstunde Neuhof am See', street: 'Seestraße', houseNumber: '15', municipality: 'Neuhof am See', phone: '05180 120', officeHours: hours([5, '10:00', '12:00']), covers: ['Neuhof am See'] },
    ],
  },
  { key: 'jobcenter', name: 'Jobcenter Kreis Musterland', shortName: 'Jobcenter', kind: 'jobcenter', email: 'jobcenter@demo.test', phone: '05101 3300', locations: [] },
  { key: 'court', name: 'Amtsgericht Musterstadt', shortName: 'AG Musterstadt', kind: 'court', email: 'poststelle@ag-musterstadt.demo.test', phone: '05101 9100', locations: [] },
  { key: 'housing', name: 'Musterländer Wohnungsbau GmbH', shortName: 'MWB', kind: 'housing_company', email: 'vermietung@mwb.demo.test', phone: '05101 6600', locations: [] },
  // A partner service that uses Bleibe to receive referrals (and nothing else: it has no cases of its own here).
  { key: 'sucht', name: 'Drogen- und Suchtberatung Musterland e.V.', shortName: 'Suchtberatung', kind: 'partner', email: 'info@suchtberatung.demo.test', phone: '05101 7700', locations: [] },
];

export const USERS: { email: string; displayName: string; org: string; roles: Role[] }[] = [
  { email: 'admin@demo.test', displayName: 'Sam Systemadmin', org: 'fachstelle', roles: ['system_admin'] },
  { email: 'kreis@demo.test', displayName: 'Karla Kreisadmin', org: 'fachstelle', roles: ['org_admin'] },
  { email: 'wd@demo.test', displayName: 'Werner Wirtschaftsdienst', org: 'fachstelle', roles: ['finance'] },
  { email: 'stat@demo.test', displayName: 'Stefanie Statistik', org: 'fachstelle', roles: ['statistics'] },
  // Both may see the special categories of data (health, addiction, criminal record) of A's cases.
  { email: 'fk.a@demo.test', displayName: 'Fatma Fachkraft', org: 'traeger_a', roles: ['caseworker', 'sensitive_data'] },
  { email: 'tl.a@demo.test', displayName: 'Tobias Teamleitung', org: 'traeger_a', roles: ['team_lead', 'caseworker', 'sensitive_data'] },
  { email: 'fk.b@demo.test', displayName: 'Bernd Beratung', org: 'traeger_b', roles: ['caseworker'] },
  { email: 'jc@demo.test', displayName: 'Jana Jobcenter', org: 'jobcenter', roles: ['reporter'] },
  { email: 'ag@demo.test', displayName: 'Armin Amtsgericht', org: 'court', roles: ['reporter'] },
  { email: 'sb@demo.test', displayName: 'Sina Suchtberatung', org: 'sucht', roles: ['caseworker'] },
];

/** Partner systems of the demo: the keys are public knowledge, so they exist only in demo mode. */
export const API_KEYS = [
  { org: 'jobcenter', name: 'Fachverfahren Jobcenter (Demo)', key: 'demo-jobcenter-key' },
  { org: 'court', name: 'Justiz-Fachverfahren Amtsgericht (Demo)', key: 'demo-court-key' },
];
