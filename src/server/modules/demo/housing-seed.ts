import type { Accommodation, AccommodationInput, AdequacyArea, AdequacyTableInput, Landlord, LandlordAgreementInput, LandlordInput } from '../../../contracts/housing.js';
import type { OfferDetail, OfferInput, Proposal, Search } from '../../../contracts/housing.js';
import type { CaseSummary } from '../../../contracts/cases.js';
import type { NoticeResult } from '../../../contracts/intake.js';
import { localToInstant } from '../../../domain/casework/appointments.js';
import { AccommodationInput as AccommodationSchema } from '../../../contracts/housing.js';
import { addMonths, localDay } from '../../../domain/casework/calendar-day.js';
import { addDays, addWorkingDays } from '../../../domain/deadlines/index.js';
import { nrwFloorArea } from '../../../domain/housing/adequacy.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { ORGANISATIONS } from './demo-data.js';
import { staffClient, type DemoServices } from './staff-client.js';

/*
 * The demo district's housing: the shelter register (the Fachstelle's emergency shelter and the
 * district's refugee accommodation, the Wohnhilfe's transitional housing), the landlords the
 * Wohnhilfe works with (the cooperating housing company, shared with the district, and two private
 * landlords) and the rent-adequacy tables of the district's two comparison areas. Synthetic
 * throughout. Dates lie relative to the seed day, so the agreement is in force and the older
 * adequacy table has expired on any day. Seeded once, after the demo cases; later calls find the
 * emergency shelter and only look the records up.
 *
 * Whatever a demo account may do goes through the API as that account (see staff-client.ts); the
 * Fachstelle has no housing staff in the demo, so its accommodations are written directly, after
 * the same contract has checked them.
 */

/** Demo-data.ts organisation keys of the owners. */
type Owner = 'fachstelle' | 'traeger_a';

interface AccommodationSpec {
  key: DemoAccommodationKey;
  owner: Owner;
  municipality: string;
  input: Omit<AccommodationInput, 'municipalityId'>;
}

export type DemoAccommodationKey = 'emergency_shelter' | 'refugee_accommodation' | 'transitional_housing';

export const DEMO_ACCOMMODATIONS: AccommodationSpec[] = [
  {
    key: 'emergency_shelter',
    owner: 'fachstelle',
    municipality: 'Musterstadt',
    input: {
      kind: 'emergency_shelter', name: 'Notunterkunft Am Kreishaus', provider: 'Kreis Musterland, Ordnungsamt', street: 'Kreishausplatz', houseNumber: '7',
      postalCode: '05101', city: 'Musterstadt', places: 24, provisionType: 'short_term', providerType: 'municipality',
      note: 'Aufnahme rund um die Uhr über den Bereitschaftsdienst des Ordnungsamts. Zwei Familienzimmer im Erdgeschoss, barrierefrei.',
    },
  },
  {
    key: 'refugee_accommodation',
    owner: 'fachstelle',
    municipality: 'Lindenau',
    input: {
      kind: 'refugee_accommodation', name: 'Gemeinschaftsunterkunft Alte Ziegelei', provider: 'Kreis Musterland, Integrationsamt', street: 'Alte Ziegelei', houseNumber: '3',
      postalCode: '05120', city: 'Lindenau', places: 60, provisionType: 'short_term', providerType: 'municipality', note: 'Sozialbetreuung werktags 8–16 Uhr im Haus.',
    },
  },
  {
    key: 'transitional_housing',
    owner: 'traeger_a',
    municipality: 'Beispielheim',
    input: {
      kind: 'transitional_housing', name: 'Übergangswohnhaus Gartenweg', provider: 'Wohnhilfe Musterland e.V.', street: 'Gartenweg', houseNumber: '5',
      postalCode: '05110', city: 'Beispielheim', places: 14, provisionType: 'semi_residential', providerType: 'voluntary',
      welfareAssociation: 'paritaetischer', note: 'Sieben Apartments mit Kochnische; Betreuung durch die Beratungsstelle Musterstadt.',
    },
  },
];

export type DemoLandlordKey = 'housing_company' | 'private_lindenau' | 'private_musterstadt';

interface LandlordSpec {
  key: DemoLandlordKey;
  input: LandlordInput;
  /** Cooperation agreements: from the first of a month to the end of a month, in months from the seed day's (null: indefinite). */
  agreements: (Omit<LandlordAgreementInput, 'validFrom' | 'validUntil'> & { fromMonths: number; untilMonths: number | null })[];
}

/** The Wohnhilfe's landlords: the housing company of many demo tenancies (demo-cases.ts), shared with the district, and two private landlords. */
export const DEMO_LANDLORDS: LandlordSpec[] = [
  {
    key: 'housing_company',
    input: {
      kind: 'housing_company', name: 'Musterländer Wohnungsbau GmbH', street: 'Am Wasserwerk', houseNumber: '1', postalCode: '05101', city: 'Musterstadt',
      phone: '05101 6600', email: 'vermietung@mwb.demo.test', shared: true,
      note: 'Größte Vermieterin im Kreis (rund 4.200 Wohnungen). Wohnungsangebote kommen über das Sozialmanagement; Besichtigungen mit Begleitung sind erwünscht.',
      contacts: [
        { name: 'Frau Quartiersmann', function: 'Sozialmanagement', phone: '05101 6600-21', email: 'sozialmanagement@mwb.demo.test' },
        { name: 'Herr Schlüsselberg', function: 'Vermietung Musterstadt und Beispielheim', phone: '05101 6600-35' },
      ],
    },
    agreements: [
      {
        title: 'Kooperationsvertrag Wohnraumversorgung', fromMonths: -22, untilMonths: 26, flatsPerYear: 6,
        subject: 'Die MWB stellt jährlich sechs Wohnungen für Haushalte bereit, die die Wohnhilfe vorschlägt, vorrangig für Haushalte aus der Notunterkunft. ' +
          'Die Wohnhilfe begleitet die Mietverhältnisse im ersten Jahr.',
      },
    ],
  },
  {
    key: 'private_lindenau',
    input: {
      kind: 'private', name: 'Heinrich Vogelsang', street: 'Am Mühlbach', houseNumber: '14', postalCode: '05120', city: 'Lindenau', phone: '05120 4471',
      note: 'Vermietet zwei Wohnungen im eigenen Haus; telefonisch am besten vormittags erreichbar.', contacts: [],
    },
    agreements: [],
  },
  {
    key: 'private_musterstadt',
    input: {
      kind: 'private', name: 'Renate Albers', street: 'Ulmenweg', houseNumber: '9', postalCode: '05102', city: 'Musterstadt', email: 'r.albers@demo.test',
      note: 'Erbengemeinschaft; Frau Albers verwaltet die Wohnungen für ihre Geschwister.',
      contacts: [{ name: 'Jens Albers', function: 'Bruder, Hausmeisterdienste', phone: '0170 5550123' }],
    },
    agreements: [],
  },
];

export type DemoAreaKey = 'town' | 'country';

interface AreaSpec {
  key: DemoAreaKey;
  name: string;
  municipalities: string[];
  /** Gross cold rent limits for 1–5 persons (NRW floor areas 50–110 m²) and the amount per further person. */
  tables: { fromYears: number; fromMonth: number; untilYears: number | null; source: string; rents: number[]; extraPersonRent: number }[];
}

/**
 * Two comparison areas: the towns along the railway with the higher price level, and the
 * countryside. Limits in the range NRW districts published for 2025/2026; the town's previous
 * table (three years, expired at the end of last year) is lower.
 */
export const DEMO_AREAS: AreaSpec[] = [
  {
    key: 'town',
    name: 'Vergleichsraum Musterstadt/Lindenau',
    municipalities: ['Musterstadt', 'Beispielheim', 'Lindenau'],
    tables: [
      { fromYears: 0, fromMonth: 1, untilYears: null, source: 'Schlüssiges Konzept KdU Kreis Musterland, Fortschreibung (Stand 1. Januar)', rents: [478.5, 572, 681.6, 795.2, 912], extraPersonRent: 116.5 },
      { fromYears: -3, fromMonth: 1, untilYears: -1, source: 'Schlüssiges Konzept KdU Kreis Musterland (Erstfassung)', rents: [431, 520.5, 618, 722, 831.5], extraPersonRent: 105 },
    ],
  },
  {
    key: 'country',
    name: 'Vergleichsraum Ländlicher Raum',
    municipalities: ['Eichenfeld', 'Ahrensberg', 'Birkenbach', 'Talhausen', 'Wiesental', 'Neuhof am See'],
    tables: [
      { fromYears: -1, fromMonth: 7, untilYears: null, source: 'Schlüssiges Konzept KdU Kreis Musterland, Fortschreibung (Stand 1. Juli)', rents: [419.5, 508, 603.2, 702.5, 806], extraPersonRent: 99.5 },
    ],
  },
];

/** What the seed made, by key: for the brokerage's demo data and for tests. */
export interface DemoHousing {
  accommodations: Record<DemoAccommodationKey, { id: string; name: string }>;
  landlords: Record<DemoLandlordKey, { id: string; name: string }>;
  areas: Record<DemoAreaKey, { id: string; name: string }>;
}

/** The table of an area spec on the seed day's calendar. */
export function tableInput(t: AreaSpec['tables'][number], today: string): AdequacyTableInput {
  const year = Number(today.slice(0, 4));
  return {
    validFrom: `${year + t.fromYears}-${String(t.fromMonth).padStart(2, '0')}-01`,
    validUntil: t.untilYears === null ? null : `${year + t.untilYears}-12-31`,
    source: t.source,
    extraPersonRent: t.extraPersonRent,
    extraPersonArea: 15,
    limits: t.rents.map((grossColdRent, i) => ({ householdSize: i + 1, grossColdRent, floorArea: nrwFloorArea(i + 1) })),
  };
}

/** The first of the month `months` months from the seed day's month. */
const monthStart = (today: string, months: number) => `${addMonths(today, months).slice(0, 7)}-01`;
/** The last day of the month `months` months from the seed day's month. */
const monthEnd = (today: string, months: number) => addDays(monthStart(today, months + 1), -1);

export async function seedDemoHousing(s: DemoServices): Promise<DemoHousing> {
  const found = await lookUp(s);
  if (found) return found;
  const today = localDay(s.now);
  const { orgs, municipalities } = await unsafeInternalTx(s.db, null, async (tx) => ({
    orgs: await tx.db.selectFrom('organisations').select(['id', 'name']).execute(),
    municipalities: await tx.db.selectFrom('municipalities').select(['id', 'name']).execute(),
  }));
  const orgId = (key: Owner) => orgs.find((o) => o.name === ORGANISATIONS.find((x) => x.key === key)!.name)!.id;
  const municipalityId = (name: string) => municipalities.find((m) => m.name === name)!.id;
  const lead = await staffClient(s, 'tl.a@demo.test');
  const admin = await staffClient(s, 'admin@demo.test');

  // ---- shelter register ----
  const accommodations = {} as DemoHousing['accommodations'];
  for (const a of DEMO_ACCOMMODATIONS) {
    const input = { ...a.input, municipalityId: municipalityId(a.municipality) };
    if (a.owner === 'traeger_a') {
      const made = await lead.call<Accommodation>('POST', '/api/v1/housing/accommodations', { body: input });
      accommodations[a.key] = { id: made.id, name: made.name };
      continue;
    }
    const v = AccommodationSchema.parse(input);
    const made = await unsafeInternalTx(s.db, null, async (tx) => {
      const row = await tx.db
        .insertInto('accommodations')
        .values({
          org_id: orgId(a.owner), kind: v.kind, name: v.name, provider: v.provider ?? null, street: v.street ?? null, house_number: v.houseNumber ?? null,
          postal_code: v.postalCode ?? null, city: v.city ?? null, municipality_id: v.municipalityId, places: v.places, active: v.active, note: v.note ?? null,
          provision_type: v.provisionType, provider_type: v.providerType, welfare_association: v.welfareAssociation ?? null,
        })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();
      tx.audit({ action: 'demo.seed_accommodation', entityType: 'accommodation', entityId: row.id, details: { kind: v.kind } });
      return row;
    });
    accommodations[a.key] = made;
  }

  // ---- landlords ----
  const landlords = {} as DemoHousing['landlords'];
  for (const l of DEMO_LANDLORDS) {
    const made = await lead.call<Landlord>('POST', '/api/v1/housing/landlords', { body: l.input });
    for (const g of l.agreements) {
      const { fromMonths, untilMonths, ...rest } = g;
      const body: LandlordAgreementInput = { ...rest, validFrom: monthStart(today, fromMonths), validUntil: untilMonths === null ? null : monthEnd(today, untilMonths) };
      await lead.call('POST', '/api/v1/housing/landlords/:id/agreements', { params: { id: made.id }, body });
    }
    landlords[l.key] = { id: made.id, name: made.name };
  }

  // ---- adequacy tables ----
  const areas = {} as DemoHousing['areas'];
  for (const a of DEMO_AREAS) {
    const made = await admin.call<AdequacyArea>('POST', '/api/v1/housing/adequacy/areas', { body: { name: a.name, municipalityIds: a.municipalities.map(municipalityId) } });
    for (const t of a.tables) await admin.call('POST', '/api/v1/housing/adequacy/areas/:id/tables', { params: { id: made.id }, body: tableInput(t, today) });
    areas[a.key] = { id: made.id, name: made.name };
  }
  return { accommodations, landlords, areas };
}

/** The records of an earlier run, found by their names; null when the seed has not run yet. */
async function lookUp(s: DemoServices): Promise<DemoHousing | null> {
  return unsafeInternalTx(s.db, null, async (tx) => {
    const shelters = await tx.db.selectFrom('accommodations').select(['id', 'name']).where('name', 'in', DEMO_ACCOMMODATIONS.map((a) => a.input.name)).execute();
    const shelter = shelters.find((r) => r.name === DEMO_ACCOMMODATIONS[0].input.name);
    if (!shelter) return null;
    const landlordRows = await tx.db.selectFrom('landlords').select(['id', 'name']).where('name', 'in', DEMO_LANDLORDS.map((l) => l.input.name)).execute();
    const areaRows = await tx.db.selectFrom('adequacy_areas').select(['id', 'name']).where('name', 'in', DEMO_AREAS.map((a) => a.name)).execute();
    const pick = <K extends string>(specs: { key: K; name: string }[], rows: { id: string; name: string }[]) =>
      Object.fromEntries(specs.flatMap((x) => rows.filter((r) => r.name === x.name).map((r) => [x.key, r] as const))) as Record<K, { id: string; name: string }>;
    return {
      accommodations: pick(DEMO_ACCOMMODATIONS.map((a) => ({ key: a.key, name: a.input.name })), shelters),
      landlords: pick(DEMO_LANDLORDS.map((l) => ({ key: l.key, name: l.input.name })), landlordRows),
      areas: pick(DEMO_AREAS.map((a) => ({ key: a.key, name: a.name })), areaRows),
    };
  });
}

// ---- brokerage (helper H2) -----------------------------------------------------------------------

/*
 * The demo's brokerage: the Rahimi family, four persons, has lived in the district office's
 * emergency shelter for fourteen months (so it is on the Wohnhilfe's long-stay list) and searches
 * a flat with the Wohnhilfe; four households of the demo cases whose tenancies cannot be kept
 * search too (a single, a single mother, a mother with an eviction date, a family of four); and
 * the Wohnhilfe has four open offers: a three-room flat of the cooperating housing company, for
 * which the Rahimis rank first, and smaller flats of the company and the two private landlords.
 * One proposal is under way, with a viewing in the coming days. Everything as Fatma Fachkraft
 * through the API, on the days it happened. Seeded once: a second call finds the family's notice.
 */

/** The family in the shelter: its notice's external id and the names the tests look for. */
export const DEMO_SHELTER_FAMILY = { externalId: 'WOHNEN-DEMO-rahimi', lastName: 'Rahimi', persons: 4, children: 2, shelterMonths: 14 } as const;

/** Demo cases (demo-cases.ts keys) that search a flat too, with their searches. */
export const DEMO_SEARCHES: { key: string; persons: number; children: number; hasWbs: boolean; preferred: string[]; neededByEviction?: true; note: string }[] = [
  { key: 'oberlaender', persons: 1, children: 0, hasWbs: true, preferred: ['Musterstadt'], note: 'Die fristlose Kündigung ist nicht mehr abzuwenden; sucht eine kleine Wohnung in Musterstadt.' },
  { key: 'rasch', persons: 2, children: 1, hasWbs: false, preferred: ['Musterstadt', 'Beispielheim'], note: 'Möchte in der Nähe der Kita bleiben.' },
  { key: 'quast', persons: 2, children: 1, hasWbs: true, preferred: ['Lindenau'], neededByEviction: true, note: 'Räumungstermin steht fest; Wohnung muss bis dahin gefunden sein.' },
  { key: 'haddad', persons: 4, children: 3, hasWbs: true, preferred: [], note: 'Die Wohnung ist für die Familie zu teuer geworden; sucht mit WBS.' },
];

export type DemoOfferKey = 'company_three_rooms' | 'company_two_rooms' | 'lindenau_two_rooms' | 'musterstadt_one_room';

interface OfferSpec {
  key: DemoOfferKey;
  landlord: DemoLandlordKey;
  municipality: string;
  /** Days from the seed day to the day the flat is free. */
  freeInDays: number;
  input: Omit<OfferInput, 'landlordId' | 'municipalityId' | 'availableFrom'>;
}

export const DEMO_OFFERS: OfferSpec[] = [
  {
    key: 'company_three_rooms', landlord: 'housing_company', municipality: 'Musterstadt', freeInDays: 21,
    input: {
      street: 'Am Wasserwerk', houseNumber: '12', postalCode: '05101', city: 'Musterstadt', floorArea: 78.5, rooms: 3, floor: 1, stepFree: false, lift: false,
      baseRent: 585, serviceCharges: 170, heatingCosts: 95, deposit: 1755, wbsRequired: true,
      note: 'Aus dem Kontingent des Kooperationsvertrags; frisch renoviert, Laminat, Wannenbad.',
    },
  },
  {
    key: 'company_two_rooms', landlord: 'housing_company', municipality: 'Beispielheim', freeInDays: 10,
    input: {
      street: 'Birkenhof', houseNumber: '4', postalCode: '05110', city: 'Beispielheim', floorArea: 52, rooms: 2, floor: 0, stepFree: true, lift: false,
      baseRent: 410, serviceCharges: 125, heatingCosts: 70, deposit: 1230, wbsRequired: false, note: 'Erdgeschoss mit kleiner Terrasse.',
    },
  },
  {
    key: 'lindenau_two_rooms', landlord: 'private_lindenau', municipality: 'Lindenau', freeInDays: 30,
    input: {
      street: 'Am Mühlbach', houseNumber: '14', postalCode: '05120', city: 'Lindenau', floorArea: 58, rooms: 2, floor: 1, stepFree: false, lift: false,
      baseRent: 395, serviceCharges: 120, heatingCosts: 85, deposit: 1185, wbsRequired: false, note: 'Im Haus des Vermieters, Obergeschoss.',
    },
  },
  {
    key: 'musterstadt_one_room', landlord: 'private_musterstadt', municipality: 'Musterstadt', freeInDays: 7,
    input: {
      street: 'Ulmenweg', houseNumber: '9', postalCode: '05102', city: 'Musterstadt', floorArea: 36, rooms: 1, floor: 2, stepFree: false, lift: false,
      baseRent: 355, serviceCharges: 95, heatingCosts: 55, wbsRequired: false, note: 'Einbauküche wird übernommen.',
    },
  },
];

export interface DemoBrokerage {
  shelterFamily: { caseId: string; searchId: string };
  searches: Record<string, string>;
  offers: Record<DemoOfferKey, string>;
}

/** A Berlin wall-clock time on a day, as an instant. */
function berlin(day: string, time: string) {
  const r = localToInstant(day, time);
  return r.ok ? r.instant : new Date(`${day}T12:00:00Z`);
}

/** … for something done then: never after the seed's now (nothing is recorded ahead). */
const momentOf = (s: DemoServices, day: string, time: string) => {
  const instant = berlin(day, time);
  return instant.getTime() > s.now.getTime() ? s.now : instant;
};

export async function seedDemoBrokerage(s: DemoServices, housing: DemoHousing): Promise<DemoBrokerage | null> {
  const known = await unsafeInternalTx(s.db, null, (tx) =>
    tx.db.selectFrom('notices').select('id').where('external_id', '=', DEMO_SHELTER_FAMILY.externalId).executeTakeFirst(),
  );
  if (known) return null;
  const today = localDay(s.now);
  const fk = await staffClient(s, 'fk.a@demo.test');
  const municipalities = await unsafeInternalTx(s.db, null, (tx) => tx.db.selectFrom('municipalities').select(['id', 'name']).execute());
  const municipalityId = (name: string) => municipalities.find((m) => m.name === name)!.id;
  const caseOf = async (caseId: string) => fk.call<CaseSummary>('GET', '/api/v1/cases/:id', { params: { id: caseId } });

  // ---- the family in the emergency shelter, fourteen months now ----
  const movedIn = addMonths(today, -DEMO_SHELTER_FAMILY.shelterMonths);
  const cameIn = addDays(movedIn, 3);
  const searchFrom = addMonths(today, -13);
  const born = (yearsAgo: number, monthDay: string) => `${Number(today.slice(0, 4)) - yearsAgo}-${monthDay}`;
  const notice = await fk.call<NoticeResult>('POST', '/api/v1/notices', {
    body: {
      externalId: DEMO_SHELTER_FAMILY.externalId, kind: 'self_referral', receivedOn: cameIn,
      tenants: [{ firstName: 'Leila', lastName: 'Rahimi', birthDate: born(36, '04-17'), phone: '0152 4471 2290' }, { firstName: 'Omid', lastName: 'Rahimi', birthDate: born(39, '09-02') }],
      address: { street: 'Kreishausplatz', houseNumber: '7', postalCode: '05101', city: 'Musterstadt' }, householdSize: 4, children: 2,
      note: 'Nach der Räumung der Wohnung vom Ordnungsamt in der Notunterkunft Am Kreishaus untergebracht; kam mit dem Einweisungsbescheid in die Sprechstunde.',
    },
  }, momentOf(s, cameIn, '10:30'));
  const caseId = (await unsafeInternalTx(s.db, null, (tx) => tx.db.selectFrom('notices').select('case_id').where('id', '=', notice.id).executeTakeFirstOrThrow())).case_id;
  let c = await caseOf(caseId);
  c = await fk.call<CaseSummary>('POST', '/api/v1/cases/:id/assign', { params: { id: caseId }, body: { version: c.version, userId: fk.actor.userId } }, momentOf(s, cameIn, '10:35'));
  await fk.call('POST', '/api/v1/cases/:id/contact-attempts', {
    params: { id: caseId }, body: { channel: 'office', outcome: 'reached', attemptedAt: momentOf(s, cameIn, '10:30').toISOString(), notes: 'Erstgespräch in der Sprechstunde, mit Dolmetscherin.' },
  }, momentOf(s, cameIn, '11:30'));
  const [leila, omid] = c.file.members;
  c = await fk.call<CaseSummary>('PUT', '/api/v1/cases/:id/members', {
    params: { id: caseId },
    body: {
      version: c.version,
      members: [
        { personId: leila.personId, firstName: leila.firstName, lastName: leila.lastName, birthDate: leila.birthDate, relation: 'main_tenant' },
        { personId: omid.personId, firstName: omid.firstName, lastName: omid.lastName, birthDate: omid.birthDate, relation: 'partner' },
        { firstName: 'Sara', lastName: 'Rahimi', birthDate: born(10, '01-23'), relation: 'child' },
        { firstName: 'Ilyas', lastName: 'Rahimi', birthDate: born(6, '06-11'), relation: 'child' },
      ],
    },
  }, momentOf(s, cameIn, '11:40'));
  c = await fk.call<CaseSummary>('PATCH', '/api/v1/cases/:id/file', {
    params: { id: caseId },
    body: {
      version: c.version,
      // The living situation follows from the placement below.
      situation: { targetGroups: ['families_with_children'], incomeSources: ['sgb2', 'child_benefit'] },
      contact: { preferredLanguage: 'fa', interpreterNeeded: true },
    },
  }, momentOf(s, cameIn, '11:45'));
  await fk.call('POST', '/api/v1/cases/:id/placements', {
    params: { id: caseId }, body: { accommodationId: housing.accommodations.emergency_shelter.id, persons: 4, movedInOn: movedIn, note: 'Familienzimmer im Erdgeschoss.' },
  }, momentOf(s, cameIn, '11:50'));
  const familySearch = await fk.call<Search>('POST', '/api/v1/cases/:id/housing-search', {
    params: { id: caseId },
    body: {
      startedOn: searchFrom, persons: 4, children: 2, minRooms: 3, hasWbs: true, preferredMunicipalityIds: [municipalityId('Musterstadt'), municipalityId('Beispielheim')],
      note: 'WBS für vier Personen liegt vor. Die Kinder gehen in Musterstadt zur Schule.',
    },
  }, momentOf(s, searchFrom, '09:00'));

  // ---- households of the demo cases that search too ----
  const demoCases = await unsafeInternalTx(s.db, null, (tx) =>
    tx.db
      .selectFrom('notices as n')
      .innerJoin('cases as c', 'c.id', 'n.case_id')
      .leftJoin('case_legal as l', 'l.case_id', 'c.id')
      .select(['n.external_id', 'c.id', 'c.status', 'c.received_on', 'l.eviction_on'])
      .select((eb) => eb.exists(eb.selectFrom('housing_searches as h').select('h.id').whereRef('h.case_id', '=', 'c.id').where('h.status', 'in', ['active', 'paused'])).as('searching'))
      .where('n.external_id', 'in', DEMO_SEARCHES.map((x) => `DEMO-${x.key}`))
      .execute(),
  );
  const searches: Record<string, string> = {};
  for (const spec of DEMO_SEARCHES) {
    const row = demoCases.find((r) => r.external_id === `DEMO-${spec.key}`);
    // A case closed or searching already (an older data directory someone worked in) is left as it is.
    if (!row || row.status === 'closed' || row.searching) continue;
    const startedOn = addDays(String(row.received_on), 2) > today ? today : addDays(String(row.received_on), 2);
    const made = await fk.call<Search>('POST', '/api/v1/cases/:id/housing-search', {
      params: { id: row.id },
      body: {
        startedOn, persons: spec.persons, children: spec.children, hasWbs: spec.hasWbs, preferredMunicipalityIds: spec.preferred.map(municipalityId),
        ...(spec.neededByEviction && row.eviction_on ? { neededBy: String(row.eviction_on) } : {}), note: spec.note,
      },
    }, momentOf(s, startedOn, '14:00'));
    searches[spec.key] = made.id;
  }

  // ---- open offers ----
  const offers = {} as Record<DemoOfferKey, string>;
  for (const o of DEMO_OFFERS) {
    const made = await fk.call<OfferDetail>('POST', '/api/v1/housing/offers', {
      body: { ...o.input, landlordId: housing.landlords[o.landlord].id, municipalityId: municipalityId(o.municipality), availableFrom: addDays(today, o.freeInDays) },
    }, momentOf(s, addDays(today, -2), '09:30'));
    offers[o.key] = made.offer.id;
  }

  // ---- a proposal under way: the single mother for the ground-floor flat, viewing in two working days ----
  if (searches.rasch) {
    const proposal = await fk.call<Proposal>('POST', '/api/v1/housing/offers/:id/proposals', {
      params: { id: offers.company_two_rooms }, body: { searchId: searches.rasch, note: 'Frau Quartiersmann (MWB) ist informiert.' },
    }, momentOf(s, addDays(today, -1), '10:00'));
    const viewingDay = addWorkingDays(today, 2, 'NW');
    await fk.call('PATCH', '/api/v1/housing/proposals/:id', {
      params: { id: proposal.id },
      body: { version: proposal.version, status: 'viewing_planned', viewingAt: berlin(viewingDay, '10:00').toISOString(), viewingPlace: 'Vor dem Haus Birkenhof 4', accompaniedBy: fk.actor.userId },
    }, momentOf(s, addDays(today, -1), '10:15'));
  }
  return { shelterFamily: { caseId, searchId: familySearch.id }, searches, offers };
}
