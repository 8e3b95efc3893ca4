import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IdParams } from '../../contracts/common.js';
import { ROLES, type Permission, type Role } from '../../contracts/roles.js';
import { ADMIN_ROLES, ROLE_PERMISSIONS } from '../../domain/access/permissions.js';
import { newTotpSecret } from '../platform/auth/totp.js';
import type { AnyRoute } from '../platform/http/route.js';
import { importsIdle } from '../modules/imports/runner.js';
import { remindDueTasks } from '../modules/tasks/jobs.js';
import { allRoutes } from '../routes.js';
import { createTestApp, uniqueSuffix, type TestApp } from '../test/app.js';
import { engineName } from '../test/db.js';
import { unsafeInternalTx } from '../platform/db/tenant.js';
import { createLocation, createMunicipality, createOrg, createUser, type TestOrg, type TestUser } from '../test/factories.js';
import { mintSession, type MintedSession } from '../test/sessions.js';

/*
 * Malformed requests against every route of allRoutes: broken JSON, wrong content types, wrong
 * shapes, hostile strings, absurd numbers, invalid ids and dates, oversized payloads. Sent by a
 * signed-in system administrator (or, where that role lacks the permission, an account that has
 * it) with a valid CSRF token, so validation, not access control, is what answers; a share of
 * them anonymously, and on routes that take API keys a share with a partner system's key. Every
 * route also gets broken Authorization headers (401 invalid_api_key under /api/) and a valid key
 * where keys are not accepted (401 api_key_not_accepted). The server must never answer 5xx, every
 * 4xx must be the standard error body, and a body of the wrong shape must be named field by field.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface World {
  t: TestApp;
  admin: TestUser;
  /** The organisation other callers belong to (the example records' owner). */
  provider: TestOrg;
  /** Accounts for permissions a system administrator does not hold, one per role, made on demand. */
  byRole: Map<Role, TestUser>;
  ids: {
    organisation: string; municipality: string; location: string; user: string;
    /** The provider's case (its tenant: person), open match review, person merge and API key. */
    case: string; person: string; review: string; merge: string; apiKey: string;
    /** The provider's caseworker, who sends the signed-in requests of the case routes. */
    caseworker: string;
    /** A bulk import of the provider's caseworker. */
    import: string;
  };
  /** The postal code notices are routed to the provider by. */
  postalCode: string;
  /** A partner system's key (for routes with apiKey: true), and one that was revoked. */
  keys: { partner: string; revoked: string };
  /** A document of the provider's case (uploaded by its caseworker). */
  documents?: { document: string };
  /** An entry of the partner directory (made by the system administrator): organisation, location, service. */
  directory?: { organization: string; location: string; service: string };
  /** A planned contact attempt of the provider's case, a task of it and the caseworker's reminder of it. */
  outreach?: { attempt: string; task: string; reminder: string };
  /** The provider's appointment for its case, its rent-debt type, and a rent-debt application it submitted to itself. */
  casework?: { appointment: string; measureType: string; measure: string };
  /** A meeting the provider's team lead organises, an action of it, and the provider's agreement with the directory entry. */
  network?: { meeting: string; action: string; agreement: string };
  /** The provider's accommodation with its case placed there, its landlord with an agreement, and the district's comparison area with a table. */
  housing?: { accommodation: string; placement: string; landlord: string; agreement: string; area: string; table: string };
  /** The provider's case searching, a flat offer with the case proposed for it, and a signed lease with its follow-ups. */
  brokerage?: { search: string; offer: string; proposal: string; lease: string };
}

/**
 * Who sends the signed-in requests of a route: the system administrator wherever that role may
 * call it, else an account of the first role that holds the route's permission.
 */
async function callerFor(route: AnyRoute, w: World): Promise<TestUser> {
  if (route.access === 'public' || route.access === 'authenticated' || ROLE_PERMISSIONS.system_admin.includes(route.access)) return w.admin;
  const role = ROLES.find((r) => ROLE_PERMISSIONS[r].includes(route.access as Permission));
  if (!role) throw new Error(`${keyOf(route)}: no role holds ${route.access}`);
  if (!w.byRole.has(role)) {
    const totp = ADMIN_ROLES.includes(role) ? { totpSecret: newTotpSecret() } : {};
    // The sensitive-data role only adds to a case role; on its own every case route refuses it.
    const roles: Role[] = role === 'sensitive_data' ? ['caseworker', role] : [role];
    w.byRole.set(role, await createUser(w.t.db, w.provider, roles, totp));
  }
  return w.byRole.get(role)!;
}

/** A request and what the server must answer to it beyond the general rules (no 5xx, standard errors). */
interface Probe {
  label: string;
  method: AnyRoute['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string;
  anonymous: boolean;
  /** An Authorization header, sent instead of a session when `anonymous`, else alongside it. */
  authorization?: string;
  expect?: { status: number; code: string; field?: string | 'any' | 'named' };
}

const HUGE = 'x'.repeat(100_000);
const OVERSIZED = JSON.stringify({ blob: 'y'.repeat(1_100_000) });
const HOSTILE_STRINGS = ['', '   ', HUGE, 'a\u0000b', '\ud800', '\udfff\ud800', '\u202eevil\u202c', '\ufeff\u200b', '2026-02-30', 'not-a-uuid', "' or 1=1 --", '👩‍👩‍👧‍👦'.repeat(50)];
const ABSURD_NUMBERS = [-1, 0, 1.5, 2_147_483_648, -2_147_483_649, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2];
const OTHER_VALUES: Json[] = [null, true, 'x', {}, [], ['x'], { nested: { deeper: [1, { x: null }] } }];
const DELETE = Symbol('delete');
const LEAF_MUTATIONS: (Json | typeof DELETE)[] = [...OTHER_VALUES, ...HOSTILE_STRINGS, ...ABSURD_NUMBERS, DELETE];

// ---- valid example bodies: the starting point of every field mutation -----------------------

const address = { street: 'Marktplatz', houseNumber: '1a', postalCode: '05101', city: 'Musterstadt' };

/** A notice with every field the contract knows, about a household in the provider's area. */
const notice = (w: Pick<World, 'postalCode'>, externalId = `EXT-${uniqueSuffix()}`) => ({
  externalId,
  kind: 'court_eviction_suit',
  receivedOn: '2026-11-16',
  tenants: [{ firstName: 'Erika', lastName: 'Mustermann', birthDate: '1970-01-31', servedOn: '2026-11-10', phone: '+49 5101 1234', email: 'erika@test.invalid' }],
  householdSize: 3,
  children: 1,
  address: { street: 'Lindenstraße', houseNumber: '5', postalCode: w.postalCode, city: 'Prüfdorf' },
  landlord: { name: 'Wohnbau GmbH', address: 'Am Markt 1, 05101 Musterstadt', contact: '+49 5101 9999' },
  monthlyRent: 620.5,
  arrears: 1350,
  termination: { type: 'without_notice', receivedOn: '2026-10-01' },
  court: { name: 'Amtsgericht Musterstadt', fileNumber: '12 C 345/26', filedOn: '2026-11-01', servedOn: '2026-11-10', hearingOn: '2027-01-14' },
  evictionOn: '2027-03-01',
  note: 'Mieterin ist telefonisch schwer erreichbar.',
});
/** An import file (CSV with one notice about the provider's area), as the import routes take it. */
const importFile = (w: Pick<World, 'postalCode'>) => ({
  fileName: 'meldungen.csv',
  contentBase64: Buffer.from(
    `externalId;kind;receivedOn;tenant1FirstName;tenant1LastName;street;houseNumber;postalCode;city;arrears\r\n` +
      `IMP-1;Räumungsklage;16.11.2026;Erika;Mustermann;Lindenstraße;5;${w.postalCode};Prüfdorf;1.350,00\r\n`,
  ).toString('base64'),
});
/** A directory location and service with every field the contracts know. */
const directoryLocation = (w: World) => ({
  name: 'Standort', description: 'Erdgeschoss', address: { street: 'Marktplatz 1', postalCode: '05101', city: 'Musterstadt' },
  municipalityId: w.ids.municipality, transportation: 'Bus 1', accessibility: 'stufenlos',
  phones: [{ number: '+49 5101 1234', description: 'Zentrale' }], openingHours: [{ days: ['MO', 'WE'], opens: '09:00', closes: '12:00', note: 'offen' }], languages: ['de'],
});
const directoryService = (w: World) => ({
  name: 'Angebot', alternateName: 'A', description: 'Beratung', url: 'https://a.test.invalid/', email: 'a@test.invalid', status: 'active',
  categories: ['debt_counselling'], applicationProcess: 'Anruf', eligibility: 'alle', fees: 'keine', areaMunicipalityIds: [w.ids.municipality],
  locationIds: [w.directory?.location ?? randomUUID()], languages: ['de', 'tr'], phones: [{ number: '+49 5101 1234', description: 'Zentrale' }],
  contacts: [{ name: 'Frau Test', title: 'Leitung', email: 't@test.invalid', phone: '05101 1' }],
  openingHours: [{ days: ['TU'], opens: '09:00', closes: '12:00', note: 'offen' }],
});

/** A network meeting and a cooperation agreement with every field the contracts know. */
const networkMeeting = (w: World) => ({
  kind: 'steering_group', title: 'Lenkungsgruppe', date: '2026-12-10', startTime: '14:00', endTime: '16:00', place: 'Kreishaus', municipalityId: w.ids.municipality,
  status: 'planned', agenda: [{ title: 'Fallzahlen', presenter: 'Fachstelle' }] as Json[],
  participants: [
    { orgId: w.ids.organisation, directoryOrganizationId: null, personName: 'Frau Muster', personFunction: 'Leitung', attended: null },
    { orgId: null, directoryOrganizationId: w.directory?.organization ?? randomUUID(), personName: null, personFunction: null, attended: true },
  ] as Json[],
  minutes: 'TOP 1: Fallzahlen besprochen.',
});
const networkAgreement = (w: World) => ({
  directoryOrganizationId: w.directory?.organization ?? randomUUID(), kind: 'cooperation', title: 'Kooperationsvereinbarung', subject: 'Überleitung',
  validFrom: '2026-01-01', validUntil: '2027-12-31', note: 'jährlich prüfen',
});

/** A housing search and a flat offer with every field the contracts know. */
const housingSearch = (w: World) => ({
  startedOn: '2026-05-04', persons: 3, children: 1, minRooms: 2.5, needsStepFree: true, hasWbs: true, preferredMunicipalityIds: [w.ids.municipality] as Json[],
  neededBy: '2027-02-28', note: 'Erdgeschoss bevorzugt',
});
const flatOffer = (w: World) => ({
  landlordId: '0b7e2d54-3c1f-4a8e-9d26-5f1a7c3e8b40', street: 'Lindenallee', houseNumber: '12a', postalCode: '05101', city: 'Musterstadt', municipalityId: w.ids.municipality,
  floorArea: 72.5, rooms: 3, floor: 2, stepFree: true, lift: true, baseRent: 480, serviceCharges: 140.5, heatingCosts: 90, deposit: 1440, availableFrom: '2026-12-01',
  wbsRequired: true, note: 'Besichtigung nach Absprache',
});

/** An accommodation, a landlord, an agreement and an adequacy table with every field the contracts know. */
const accommodation = (w: World) => ({
  kind: 'emergency_shelter', name: 'Notunterkunft Prüf', provider: 'Stadt (Ordnungsamt)', street: 'Bahnhofstraße', houseNumber: '12', postalCode: '05101',
  city: 'Musterstadt', municipalityId: w.ids.municipality, places: 20, active: true, note: 'Eingang über den Hof',
});
const landlord = () => ({
  kind: 'housing_company', name: 'Wohnungsbau Prüf eG', street: 'Am Wasserwerk', houseNumber: '1', postalCode: '05101', city: 'Musterstadt', phone: '+49 5101 6600',
  email: 'vermietung@test.invalid', shared: true, note: 'Ansprechpartnerin wechselt im Januar',
  contacts: [{ name: 'Frau Quartier', function: 'Sozialmanagement', phone: '05101 6600-21', email: 'q@test.invalid' }] as Json[],
});
const landlordAgreement = () => ({ title: 'Kooperationsvereinbarung', validFrom: '2026-01-01', validUntil: '2027-12-31', flatsPerYear: 5, subject: 'Fünf Wohnungen im Jahr' });
const adequacyTable = () => ({
  validFrom: '2026-01-01', validUntil: '2027-12-31', source: 'Schlüssiges Konzept 2025', extraPersonRent: 116.5, extraPersonArea: 15,
  limits: [{ householdSize: 1, grossColdRent: 478.5, floorArea: 50 }, { householdSize: 2, grossColdRent: 572, floorArea: 65 }] as Json[],
});

const validBodies: Record<string, (w: World) => Json> = {
  'POST /api/v1/auth/login': () => ({ email: 'niemand@test.invalid', password: 'irgendein-Kennwort' }),
  'POST /api/v1/auth/totp': () => ({ code: '123456' }),
  'POST /api/v1/auth/password': () => ({ currentPassword: 'nicht-das-richtige', newPassword: 'Kein-Geheimnis-2027!' }),
  'POST /api/v1/auth/totp/enable': () => ({ code: '123456' }),
  'POST /api/v1/auth/totp/disable': () => ({ password: 'nicht-das-richtige' }),
  'POST /api/v1/organisations': () => ({ name: `Org ${uniqueSuffix()}`, shortName: 'O', kind: 'partner', email: 'o@test.invalid', phone: '+49 5101 1234', address, active: true }),
  'PATCH /api/v1/organisations/:id': () => ({ version: 1, name: `Org ${uniqueSuffix()}`, shortName: 'O', kind: 'partner', email: 'o@test.invalid', phone: '+49 5101 1234', address, active: true }),
  'POST /api/v1/municipalities': () => ({ name: 'Gemeinde', ags: '05899999', postalCodes: ['05101'] }),
  'PATCH /api/v1/municipalities/:id': () => ({ version: 1, name: 'Gemeinde', ags: '05899998', postalCodes: ['05101'] }),
  'POST /api/v1/locations': (w) => ({
    orgId: w.ids.organisation, name: 'Stelle', address, phone: '+49 5101 1234', email: 's@test.invalid',
    officeHours: [{ weekday: 1, opens: '09:00', closes: '12:00', note: 'Mo' }], municipalityIds: [w.ids.municipality], active: true,
  }),
  'PATCH /api/v1/locations/:id': (w) => ({
    version: 1, name: 'Stelle', address, phone: '+49 5101 1234', email: 's@test.invalid',
    officeHours: [{ weekday: 1, opens: '09:00', closes: '12:00', note: 'Mo' }], municipalityIds: [w.ids.municipality], active: true,
  }),
  'POST /api/v1/users': (w) => ({ orgId: w.ids.organisation, email: 'neu@test.invalid', displayName: 'Neue Person', roles: ['caseworker'], language: 'de' }),
  'PATCH /api/v1/users/:id': () => ({ version: 1, displayName: 'Neuer Name', roles: ['caseworker'], language: 'en', active: true }),
  'POST /api/v1/notices': (w) => notice(w),
  'POST /api/v1/notices/batch': (w) => ({ notices: [notice(w)] }),
  'PUT /api/v1/cases/:id/service-dates': (w) => ({ version: 1, tenants: [{ personId: w.ids.person, servedOn: '2026-11-12' }] }),
  'POST /api/v1/cases/:id/assign': (w) => ({ version: 1, userId: w.ids.caseworker }),
  'PATCH /api/v1/cases/:id/file': (w) => ({
    version: 1,
    situation: { targetGroups: ['seniors'], livingSituation: { category: 'threat_of_eviction', situation: 'rented_housing', since: '2026-01-01' }, incomeSources: ['pension'], incomeNote: 'Witwenrente' },
    tenancy: { landlord: { name: 'Wohnbau GmbH', address: 'Am Markt 1', contact: 'Frau Kurz' }, baseRent: 450, serviceCharges: 120.5, heatingCosts: 80, monthlyRent: 650.5, tenancyStart: '2015-04-01', floorArea: 61.5 },
    legal: {
      terminationType: 'both', terminationReceivedOn: '2026-10-01', courtName: 'Amtsgericht Musterstadt', courtFileNumber: '12 C 345/26', suitFiledOn: '2026-11-01',
      hearingOn: '2027-01-14', judgmentOn: '2027-01-14', judgmentFinalOn: '2027-02-15', raeumungsfristEnd: '2027-05-31', evictionOn: '2027-06-15',
      earlierCuredTerminations: ['2025-03-01'], service: [{ personId: w.ids.person, servedOn: '2026-11-10' }],
    },
    contact: { phone: '+49 5101 1234', email: 'erika@test.invalid', postalAddress: 'Postfach 12, 05101 Musterstadt', bestTimes: 'vormittags', preferredLanguage: 'uk', interpreterNeeded: true },
  }),
  'PUT /api/v1/cases/:id/members': (w) => ({
    version: 1,
    members: [
      { personId: w.ids.person, firstName: 'Erika', lastName: 'Mustermann', birthDate: '1970-01-31', relation: 'main_tenant' },
      { firstName: 'Mia', lastName: 'Mustermann', birthDate: null, relation: 'child' },
    ] as Json[],
  }),
  'PUT /api/v1/cases/:id/arrears': () => ({ version: 1, entries: [{ recordedOn: '2026-11-01', amount: 1241, months: 2, note: 'laut Vermieter' }] }),
  'PUT /api/v1/cases/:id/sensitive': () => ({ version: 0, markers: ['chronically_ill'], healthNote: 'Diabetes', addictionNote: null, criminalRecordNote: null }),
  'POST /api/v1/cases/:id/handover': (w) => ({ version: 1, toUserId: w.ids.caseworker, note: 'Bitte übernehmen: Termin am Montag.' }),
  'POST /api/v1/absences': (w) => ({ substituteId: w.ids.caseworker, startsOn: '2026-12-01', endsOn: '2026-12-05', note: 'Urlaub' }),
  'POST /api/v1/api-keys': (w) => ({ name: 'Fachverfahren', orgId: w.ids.organisation }),
  'POST /api/v1/imports/preview': (w) => importFile(w),
  'POST /api/v1/imports': (w) => importFile(w),
  'POST /api/v1/directory/organizations': () => ({
    name: `Eintrag ${uniqueSuffix()}`, alternateName: 'E', description: 'Beratung', email: 'e@test.invalid', website: 'https://e.test.invalid/', bleibeOrgId: null,
  }),
  'PATCH /api/v1/directory/organizations/:id': () => ({
    version: 1, name: 'Eintrag', alternateName: 'E', description: 'Beratung', email: 'e@test.invalid', website: 'https://e.test.invalid/',
  }),
  'POST /api/v1/directory/locations': (w) => ({ organizationId: w.directory?.organization ?? randomUUID(), ...directoryLocation(w) }),
  'PATCH /api/v1/directory/locations/:id': (w) => ({ version: 1, ...directoryLocation(w) }),
  'POST /api/v1/directory/services': (w) => ({ organizationId: w.directory?.organization ?? randomUUID(), ...directoryService(w) }),
  'PATCH /api/v1/directory/services/:id': (w) => ({ version: 1, ...directoryService(w) }),
  'POST /api/v1/directory/import': () => ({
    fileName: 'verzeichnis.json',
    contentBase64: Buffer.from(JSON.stringify([{ id: '0e6f5c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6', name: 'Partner', description: 'x' }])).toString('base64'),
    dryRun: true,
  }),
  'POST /api/v1/cases/:id/letters': () => ({ template: 'first_contact', language: 'ar' }),
  'PUT /api/v1/letter-templates': () => ({ template: 'first_contact', language: 'de', subject: 'Angebot für {{recipient}}', body: 'Wir helfen. {{caseworker}}' }),
  'POST /api/v1/letter-templates/reset': () => ({ template: 'landlord', language: 'uk', version: 1 }),
  'PUT /api/v1/letterhead': () => ({ senderName: 'Fachdienst Wohnen', footer: 'IBAN DE00 0000' }),
  'POST /api/v1/cases/:id/contact-attempts': (w) => ({
    channel: 'phone', plannedOn: '2026-11-24', attemptedAt: '2026-11-20T10:00:00+01:00', outcome: 'reached', notes: 'Rückruf vereinbart', assigneeId: w.ids.caseworker,
  }),
  'PATCH /api/v1/contact-attempts/:id': (w) => ({
    version: 1, plannedOn: '2026-11-24', attemptedAt: '2026-11-20T10:00:00+01:00', outcome: 'reached', notes: 'Rückruf vereinbart', assigneeId: w.ids.caseworker,
  }),
  'POST /api/v1/cases/:id/notes': () => ({ notedOn: '2026-11-20', minutes: 30, text: 'Gespräch mit der Vermieterin' }),
  // A general task (caseId null): the example check's stand-in world has no case.
  'POST /api/v1/tasks': (w) => ({ caseId: null, title: 'Mietkonto anfordern', dueOn: '2026-11-30', assigneeId: w.ids.caseworker }),
  'PATCH /api/v1/tasks/:id': (w) => ({ version: 1, title: 'Mietkonto anfordern', dueOn: '2026-12-01', assigneeId: w.ids.caseworker, done: false, followUpAnswer: null }),
  'POST /api/v1/cases/:id/close': () => ({ version: 1, outcome: 'other', causes: ['income_loss', 'other'], notReachedReason: null, note: 'Zu Angehörigen gezogen' }),
  'POST /api/v1/cases/:id/reopen': () => ({ version: 1, reason: 'Neue Kündigung' }),
  'POST /api/v1/cases/:id/appointments': (w) => ({
    kind: 'phone', locationId: null, userId: w.ids.caseworker, date: '2026-11-25', startTime: '10:00', endTime: '10:30', note: 'Rückruf', allowOutsideOfficeHours: false,
  }),
  'PATCH /api/v1/appointments/:id': (w) => ({
    version: 1, kind: 'phone', locationId: null, userId: w.ids.caseworker, date: '2026-11-26', startTime: '11:00', endTime: '11:15', status: 'planned', note: 'verlegt',
    allowOutsideOfficeHours: false,
  }),
  'POST /api/v1/cases/:id/measures': (w) => ({
    typeId: w.casework?.measureType ?? w.ids.person, status: 'draft', startedOn: '2026-11-20', dueOn: '2026-11-30', completedOn: null, amount: null,
    counterpart: 'Jobcenter', note: 'Antrag vorbereitet',
    rentDebt: { amount: 1350, body: 'jobcenter', form: 'loan', reasoning: 'Einkommensverlust', decidingOrgId: w.ids.organisation },
  }),
  'PATCH /api/v1/measures/:id': (w) => ({
    version: 1, status: 'withdrawn', startedOn: '2026-11-20', dueOn: '2026-11-30', completedOn: '2026-11-21', amount: null, counterpart: 'Jobcenter', note: 'zurückgezogen',
    rentDebt: { amount: 1350, body: 'social_office', form: 'grant', reasoning: 'x', decidingOrgId: w.ids.organisation, commitmentOn: null },
  }),
  'POST /api/v1/rent-debt-applications/:id/decision': () => ({
    version: 1, status: 'partly_approved', amount: 1200, form: 'loan', decidedOn: '2026-11-20', commitmentOn: '2026-11-22', note: 'Darlehen',
  }),
  'POST /api/v1/measure-types': () => ({ category: 'referral', label: 'Vermittlung: Frauenberatung', sortOrder: 95, active: true }),
  'PATCH /api/v1/measure-types/:id': () => ({ version: 1, label: 'Umbenannt', sortOrder: 5, active: true }),
  'PUT /api/v1/measure-settings': () => ({ schonfristWarningDays: 10, version: 0 }),
  'POST /api/v1/cases/:id/consents': (w) => ({
    personId: w.ids.person, recipients: [{ kind: 'organisation', orgId: w.ids.organisation }, { kind: 'landlord' }] as Json[], purposes: ['landlord_contact', 'case_share'],
    categories: ['identity', 'tenancy'], givenOn: '2026-11-20', validUntil: '2027-11-19', openEnded: false, form: 'verbal_witnessed', witness: 'Frau Zeugin',
    documentId: null, note: 'am Telefon',
  }),
  'POST /api/v1/consents/:id/revoke': () => ({ revokedOn: '2026-11-20', note: 'telefonisch widerrufen' }),
  'POST /api/v1/cases/:id/disclosures': (w) => ({ kind: 'share', recipientOrgId: w.ids.organisation, directoryServiceId: null, categories: ['identity'], message: 'Bitte übernehmen' }),
  'POST /api/v1/cases/:id/transfer': (w) => ({ recipientOrgId: w.ids.organisation, categories: ['identity', 'contact'], message: 'Umzug' }),
  'POST /api/v1/disclosures/:id/respond': () => ({ decision: 'decline', reason: 'kein Platz', version: 1 }),
  'POST /api/v1/disclosures/:id/transfer-response': () => ({ decision: 'accept', reason: null, version: 1 }),
  'POST /api/v1/network/meetings': (w) => networkMeeting(w),
  'PATCH /api/v1/network/meetings/:id': (w) => ({ version: 1, ...networkMeeting(w) }),
  'POST /api/v1/network/meetings/:id/actions': (w) => ({
    text: 'Flyer abstimmen', responsibleOrgId: w.ids.organisation, responsibleDirectoryOrganizationId: null, responsibleName: 'Frau Muster', dueOn: '2026-12-20',
  }),
  'PATCH /api/v1/network/actions/:id': (w) => ({
    version: 1, text: 'Flyer abstimmen', responsibleOrgId: null, responsibleDirectoryOrganizationId: w.directory?.organization ?? randomUUID(), responsibleName: 'Frau Muster',
    dueOn: '2026-12-20', status: 'done', doneOn: '2026-11-20',
  }),
  'POST /api/v1/network/agreements': (w) => networkAgreement(w),
  'PATCH /api/v1/network/agreements/:id': (w) => ({ version: 1, ...networkAgreement(w) }),
  'POST /api/v1/housing/accommodations': (w) => accommodation(w),
  'PATCH /api/v1/housing/accommodations/:id': (w) => ({ version: 1, ...accommodation(w) }),
  'POST /api/v1/cases/:id/placements': (w) => ({ accommodationId: w.housing?.accommodation ?? randomUUID(), persons: 2, movedInOn: '2026-11-01', note: 'Zimmer 3' }),
  'PATCH /api/v1/housing/placements/:id': () => ({ version: 1, persons: 2, movedInOn: '2026-10-01', movedOutOn: '2026-11-20', moveOutReason: 'own_flat', note: 'ausgezogen' }),
  'POST /api/v1/housing/landlords': () => landlord(),
  'PATCH /api/v1/housing/landlords/:id': () => ({ version: 1, ...landlord() }),
  'POST /api/v1/housing/landlords/:id/agreements': () => landlordAgreement(),
  'PATCH /api/v1/housing/landlord-agreements/:id': () => ({ version: 1, ...landlordAgreement() }),
  'POST /api/v1/housing/adequacy/areas': (w) => ({ name: 'Vergleichsraum Nord', municipalityIds: [w.ids.municipality] }),
  'PATCH /api/v1/housing/adequacy/areas/:id': (w) => ({ version: 1, name: 'Vergleichsraum Süd', municipalityIds: [w.ids.municipality] }),
  'POST /api/v1/housing/adequacy/areas/:id/tables': () => adequacyTable(),
  'PATCH /api/v1/housing/adequacy/tables/:id': () => ({ version: 1, ...adequacyTable() }),
  'POST /api/v1/cases/:id/housing-search': (w) => housingSearch(w),
  'PATCH /api/v1/housing/searches/:id': (w) => {
    const { startedOn: _started, ...rest } = housingSearch(w);
    return { version: 1, status: 'paused', ...rest };
  },
  'POST /api/v1/housing/offers': (w) => flatOffer(w),
  'PATCH /api/v1/housing/offers/:id': (w) => ({ version: 1, ...flatOffer(w), status: 'reserved' }),
  'POST /api/v1/housing/offers/:id/proposals': () => ({ searchId: '5d2c8e41-9b7a-4f3e-8c61-0a4b2e7d9f15', note: 'Haushalt passt gut' }),
  'PATCH /api/v1/housing/proposals/:id': (w) => ({
    version: 1, status: 'viewing_planned', viewingAt: '2026-11-25T10:00:00+01:00', viewingPlace: 'vor dem Haus', accompaniedBy: w.ids.caseworker,
    decidedOn: '2026-11-20', declineReason: 'zu teuer', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01', note: 'Besichtigung vereinbart',
  }),
  'PATCH /api/v1/housing/follow-ups/:proposalId/:months': () => ({ inPlace: true, checkedOn: '2026-11-20', note: 'Hausbesuch' }),
  'POST /api/v1/reports/pseudonymised-export': () => ({ from: '2026-01-01', to: '2026-12-31', key: 'malformed-evaluator-key', format: 'csv' }),
};

/**
 * Valid example queries of routes with required query parameters: each probe changes one
 * parameter of it, so the refusal is about that parameter and not about the others missing.
 */
const validQueries: Record<string, (w: World) => Record<string, string>> = {
  'GET /api/v1/housing/adequacy/check': (w) => ({ municipalityId: w.ids.municipality, householdSize: '2', grossColdRent: '540.5', floorArea: '61.5', on: '2026-11-20' }),
  'GET /api/v1/reports/official/federal': () => ({ on: '2026-01-31', format: 'json' }),
  'GET /api/v1/reports/official/nrw': () => ({ on: '2026-06-30', format: 'json' }),
  'GET /api/v1/reports/evaluation': () => ({ from: '2026-01-01', to: '2026-12-31' }),
  'GET /api/v1/reports/evaluation/cases': () => ({ from: '2026-01-01', to: '2026-12-31', indicator: 'households', key: 'all' }),
  'GET /api/v1/reports/evaluation/export': () => ({ from: '2026-01-01', to: '2026-12-31', format: 'csv' }),
};

// ---- generators ------------------------------------------------------------------------------

const keyOf = (r: AnyRoute) => `${r.method} ${r.url}`;
const hasBody = (r: AnyRoute) => r.method !== 'GET';
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every path into a JSON value (objects, arrays and leaves), the root excluded. */
function pathsOf(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const children: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : isPlainObject(v) ? Object.entries(v) : [];
  return children.flatMap(([k, child]) => [[...prefix, k], ...pathsOf(child, [...prefix, k])]);
}

function withAt(v: Json, path: (string | number)[], value: Json | typeof DELETE): Json {
  const copy = structuredClone(v) as Record<string | number, Json>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy as Json;
}

const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const nestedArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/**
 * Valid ISO dates at and beyond the edges of what case dates may be (the deadline engine's
 * calendar runs 1900–2199; deadlines reach two years back and one ahead) and of what the database
 * can store: for every date field, on top of the general mutations.
 */
const DATE_EDGES = ['0000-01-01', '0001-01-01', '1000-01-01', '1899-12-31', '1900-01-01', '1949-12-31', '1950-01-01', '2149-12-31', '2150-01-01', '2199-12-31', '2200-01-01', '9999-12-31'];
const isIsoDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * Authorization headers that are no valid API key: wrong schemes, empty and broken bearers, keys
 * that are too long, almost right or revoked. Under /api/ each is a 401 invalid_api_key, with or
 * without a session alongside.
 */
const badAuthorizations = (w: World) => [
  '', ' ', 'Bearer', 'Bearer ', 'Bearer    ', 'bearer', 'Bearer\t', 'Basic dXNlcjpwYXNzd29yZA==', 'Digest username="x", realm="bleibe"',
  'Token blb_abc', 'ApiKey blb_abc', 'Bearer blb_', `Bearer blb_${'A'.repeat(43)}`, 'Bearer a b', 'Bearer\tblb_abc', 'BEARER blb_abc',
  'Bearer blb_a, Bearer blb_b', 'Bearer Bearer blb_abc', `Bearer ${'x'.repeat(8_000)}`, `Bearer ${'k'.repeat(200_000)}`, 'Bearer äöü€',
  'Bearer %00', "Bearer ' or 1=1 --", 'Bearer ../../etc/passwd', 'Bearer null', 'Bearer undefined', `Bearer ${w.keys.partner}x`,
  `Bearer ${w.keys.partner.slice(0, -1)}`, `Bearer ${w.keys.partner.toUpperCase()}`, `Bearer ${w.keys.revoked}`, `${w.keys.partner}`,
];

const INVALID_JSON = ['{', '{"a":', "{'a':1}", '{"a":1,}', 'nul', '{"a":1}}', '\u0000', '[1,2', '{"a":"\\ud800', '{"a":01}', '{"a":NaN}', '{"a":Infinity}', '"\\x41"'];
const UNSUPPORTED_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/xml', 'image/png'];
const POISONED = ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}'];

/** Path segments for `:id`: malformed, hostile, overlong, and well-formed but unknown. */
const PATH_IDS = [
  'abc', 'null', 'undefined', '-1', '0', '1e3', '123e4567e89b12d3a456426614174000', '123e4567-e89b-12d3-a456-4266141740000',
  '123e4567-e89b-12d3-a456-42661417400g', '%00', '%20', '%E2%80%AE123e4567-e89b-12d3-a456-426614174000', "'%20or%20'1'%3D'1",
  'a'.repeat(101), '%E0%A4%A', '%ED%A0%80', '..%2F..%2Fetc%2Fpasswd', '%F0%9F%92%A9', '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '123E4567-E89B-12D3-A456-426614174000', '{id}', '%7B%7D',
];

/** Query values: decoded where the test knows what the server will see, raw-only otherwise. */
const QUERY_VALUES: { raw: string; decoded?: string }[] = [
  ...['not-a-uuid', '', ' ', '2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '26-1-1', '-1', '0', '501', '1e400', 'NaN', '1.5',
    '99999999999999999999', '9007199254740993', HUGE, 'a\u0000b', '\u202e', '%', "' or 1=1 --", '\\', '_%', '123E4567-E89B-12D3-A456-426614174000',
  ].map((v) => ({ raw: encodeURIComponent(v), decoded: v })),
  { raw: '%ED%A0%80' },
  { raw: '%zz' },
  { raw: '%' },
];

function decodeOrNull(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function fillId(url: string, w: World, segment?: string) {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    // A follow-up is named by a proposal (the id probed here) and the months after the tenancy start.
    if (name === 'months' && url.startsWith('/api/v1/housing/follow-ups/')) return '6';
    if (name === 'proposalId' && url.startsWith('/api/v1/housing/follow-ups/')) return segment ?? w.brokerage!.lease;
    if (name !== 'id') throw new Error(`${url}: path parameter :${name} is unknown to this test`);
    if (segment !== undefined) return segment;
    const prefix = url.slice(0, url.indexOf('/:'));
    const ids: Record<string, string> = {
      '/api/v1/organisations': w.ids.organisation,
      '/api/v1/municipalities': w.ids.municipality,
      '/api/v1/locations': w.ids.location,
      '/api/v1/users': w.ids.user,
      '/api/v1/cases': w.ids.case,
      '/api/v1/match-reviews': w.ids.review,
      '/api/v1/person-merges': w.ids.merge,
      '/api/v1/api-keys': w.ids.apiKey,
      '/api/v1/imports': w.ids.import,
      '/api/v1/directory/organizations': w.directory!.organization,
      '/api/v1/directory/locations': w.directory!.location,
      '/api/v1/directory/services': w.directory!.service,
      // No absence is needed: a well-formed id of none answers 404 like any unknown record.
      '/api/v1/absences': '6b1c3f2e-0d7a-4e55-9a31-2f4e8c0b7d10',
      '/api/v1/documents': w.documents!.document,
      '/api/v1/contact-attempts': w.outreach!.attempt,
      '/api/v1/tasks': w.outreach!.task,
      '/api/v1/reminders': w.outreach!.reminder,
      '/api/v1/appointments': w.casework!.appointment,
      '/api/v1/measures': w.casework!.measure,
      '/api/v1/rent-debt-applications': w.casework!.measure,
      '/api/v1/measure-types': w.casework!.measureType,
      // Well-formed ids of none: an unknown consent or disclosure answers 404 like any unknown record.
      '/api/v1/consents': '2c7e4a10-5b3d-4f6e-9a21-8d0c3b7e5f42',
      '/api/v1/disclosures': '9d3a1e62-7c4b-4a5f-8e10-6b2f0c9d4a73',
      '/api/v1/network/meetings': w.network!.meeting,
      '/api/v1/network/actions': w.network!.action,
      '/api/v1/network/agreements': w.network!.agreement,
      '/api/v1/housing/accommodations': w.housing!.accommodation,
      '/api/v1/housing/placements': w.housing!.placement,
      '/api/v1/housing/landlords': w.housing!.landlord,
      '/api/v1/housing/landlord-agreements': w.housing!.agreement,
      '/api/v1/housing/adequacy/areas': w.housing!.area,
      '/api/v1/housing/adequacy/tables': w.housing!.table,
      '/api/v1/housing/searches': w.brokerage!.search,
      '/api/v1/housing/offers': w.brokerage!.offer,
      '/api/v1/housing/proposals': w.brokerage!.proposal,
    };
    if (!(prefix in ids)) throw new Error(`${url}: no example record for this resource type; add it to fillId`);
    return ids[prefix];
  });
}

/**
 * All probes for one route. Expectations follow the order of the pipeline: the body parser first
 * (for every caller), then access control, then params → query → body validation.
 */
function probesFor(route: AnyRoute, w: World): Probe[] {
  const key = keyOf(route);
  const out: Omit<Probe, 'anonymous'>[] = [];
  const url = fillId(route.url, w);
  const json = { 'content-type': 'application/json' };
  const validBody = validBodies[key]?.(w);
  if (route.body && validBody === undefined) throw new Error(`${key} has a body schema but no valid example body: add one to validBodies`);
  const bodyText = validBody === undefined ? undefined : JSON.stringify(validBody);

  /** A body the parser accepts, judged by the route's own schema. */
  const shaped = (label: string, value: unknown, payload = JSON.stringify(value), headers: Record<string, string> = json) => {
    const fails = route.body && hasBody(route) && !route.body.safeParse(value).success;
    out.push({
      label, method: route.method, url, headers, payload,
      expect: fails ? { status: 400, code: 'validation_failed', field: isPlainObject(value) ? 'named' : 'any' } : undefined,
    });
  };
  const parserRefuses = (label: string, payload: string | undefined, headers: Record<string, string>, status: number, code: string) =>
    out.push({ label, method: route.method, url, headers, payload, expect: hasBody(route) ? { status, code } : undefined });

  // The body parser.
  INVALID_JSON.forEach((p, i) => parserRefuses(`invalid JSON #${i}`, p, json, 400, 'invalid_json'));
  parserRefuses('empty JSON body', '', json, 400, 'invalid_json');
  POISONED.forEach((p, i) => parserRefuses(`prototype poisoning #${i}`, p, json, 400, 'invalid_json'));
  // Upload routes take forms (multipart/form-data) and nothing else; every other route refuses them.
  const takesForms = (route.config as { multipart?: boolean } | undefined)?.multipart === true;
  UNSUPPORTED_TYPES.filter((type) => !(takesForms && type.startsWith('multipart/'))).forEach((type) =>
    parserRefuses(`content-type ${type}`, bodyText ?? '{}', { 'content-type': type }, 415, 'unsupported_media_type'),
  );
  if (takesForms) {
    const boundary = 'probe4711';
    const formOf = (...parts: string[]) => ({ 'content-type': `multipart/form-data; boundary=${boundary}`, payload: `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n` });
    const fileOf = (name: string, data: string, field = 'file') => `Content-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n${data}`;
    const typeField = 'Content-Disposition: form-data; name="type"\r\n\r\nother';
    const formProbe = (label: string, form: { 'content-type': string; payload: string }, status: number, code: string, field: string) =>
      out.push({ label, method: route.method, url, headers: { 'content-type': form['content-type'] }, payload: form.payload, expect: { status, code, field } });
    formProbe('form: broken body', { 'content-type': `multipart/form-data; boundary=${boundary}`, payload: '{}' }, 400, 'document_form_invalid', 'file');
    formProbe('form: no file', formOf(typeField), 400, 'validation_failed', 'file');
    formProbe('form: empty file', formOf(typeField, fileOf('leer.pdf', '')), 400, 'validation_failed', 'file');
    formProbe('form: file under another name', formOf(typeField, fileOf('a.pdf', '%PDF-1.4', 'upload')), 400, 'validation_failed', 'upload');
    formProbe('form: no type', formOf(fileOf('a.pdf', '%PDF-1.4')), 400, 'validation_failed', 'type');
    formProbe('form: unknown type', formOf('Content-Disposition: form-data; name="type"\r\n\r\npassport', fileOf('a.pdf', '%PDF-1.4')), 400, 'validation_failed', 'type');
    formProbe('form: unknown field', formOf(typeField, 'Content-Disposition: form-data; name="isAdmin"\r\n\r\ntrue', fileOf('a.pdf', '%PDF-1.4')), 400, 'validation_failed', 'isAdmin');
    formProbe('form: HTML posing as PDF', formOf(typeField, fileOf('a.pdf', '<html><script>alert(1)</script>')), 415, 'document_type_unsupported', 'file');
    formProbe('form: NUL in the note', formOf(typeField, 'Content-Disposition: form-data; name="note"\r\n\r\na\u0000b', fileOf('a.pdf', '%PDF-1.4')), 400, 'validation_failed', 'note');
  }
  parserRefuses('no content-type', bodyText ?? '{}', {}, 415, 'unsupported_media_type');
  if (!route.bodyLimit) parserRefuses('oversized payload (> 1 MB)', OVERSIZED, json, 413, 'payload_too_large');
  else {
    // A route that takes more than the default takes that much, and not a byte more.
    shaped('over the default limit, within the route\'s', JSON.parse(OVERSIZED), OVERSIZED);
    parserRefuses(`oversized payload (> ${route.bodyLimit} bytes)`, JSON.stringify({ blob: 'y'.repeat(route.bodyLimit) }), json, 413, 'payload_too_large');
  }

  // Bodies of the wrong shape.
  shaped('no body at all', undefined, undefined, {});
  shaped('text/plain body', bodyText ?? 'hallo', bodyText ?? 'hallo', { 'content-type': 'text/plain' });
  for (const v of [null, 42, 'text', true, [], [validBody ?? {}], {}] as Json[]) shaped(`body ${JSON.stringify(v).slice(0, 30)}`, v);
  shaped('unknown field', { ...(isPlainObject(validBody) ? validBody : {}), isAdmin: true });
  shaped('deeply nested object in a field', { ...(isPlainObject(validBody) ? validBody : {}), deep: JSON.parse(nestedObject(2_000)) });
  out.push({ label: 'deeply nested array body (50,000 levels)', method: route.method, url, headers: json, payload: nestedArray(50_000) });
  out.push({ label: 'deeply nested object body (50,000 levels)', method: route.method, url, headers: json, payload: nestedObject(50_000) });
  // Random JSON, seeded so a failure can be replayed.
  fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: 4711, numRuns: 12 }).forEach((v, i) => shaped(`random JSON #${i}`, v as Json));

  // Every field of a valid body replaced by something it must not be.
  if (validBody !== undefined && route.body) {
    for (const path of pathsOf(validBody)) {
      LEAF_MUTATIONS.forEach((m, i) => shaped(`${path.join('.')} ← ${m === DELETE ? '(removed)' : `#${i} ${JSON.stringify(m).slice(0, 24)}`}`, withAt(validBody, path, m)));
      const leaf = path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], validBody);
      if (isIsoDate(leaf)) DATE_EDGES.forEach((d) => shaped(`${path.join('.')} ← ${d}`, withAt(validBody, path, d)));
    }
  }

  // Path parameters.
  if (route.url.includes('/:')) {
    for (const segment of PATH_IDS) {
      const decoded = decodeOrNull(segment);
      // Past 100 characters or with broken percent-encoding, no route matches at all.
      const routable = decoded !== null && segment.length <= 100;
      const valid = routable && IdParams.safeParse({ id: decoded }).success;
      out.push({
        label: `path id ${segment.slice(0, 40)}`,
        method: route.method,
        url: fillId(route.url, w, segment),
        headers: bodyText ? json : {},
        payload: bodyText,
        expect: !routable
          ? { status: 404, code: 'route_not_found' }
          : valid
            ? { status: 404, code: 'not_found' }
            : { status: 400, code: 'validation_failed', field: route.url.includes('/:proposalId') ? 'proposalId' : 'id' },
      });
    }
  }

  // Query strings: every known key with bad values, duplicated, and junk keys.
  const shape = route.query instanceof z.ZodObject ? (route.query.shape as Record<string, z.ZodType>) : {};
  const baseQuery = validQueries[key]?.(w) ?? {};
  /** The probe's parameter on top of the valid example query without that parameter. */
  const withBase = (qs: string, except?: string) =>
    [...Object.entries(baseQuery).filter(([k]) => k !== except).map(([k, v]) => `${k}=${encodeURIComponent(v)}`), qs].join('&');
  const queryProbe = (label: string, qs: string, value?: { key: string; decoded: unknown }) => {
    const fails = value && route.query && !route.query.safeParse({ ...baseQuery, [value.key]: value.decoded }).success;
    out.push({
      label, method: route.method, url: `${url}?${withBase(qs, value?.key)}`, headers: bodyText ? json : {}, payload: bodyText,
      expect: fails ? { status: 400, code: 'validation_failed', field: value.key } : undefined,
    });
  };
  for (const k of Object.keys(shape)) {
    for (const v of QUERY_VALUES) queryProbe(`query ${k}=${v.raw.slice(0, 30)}`, `${k}=${v.raw}`, v.decoded === undefined ? undefined : { key: k, decoded: v.decoded });
    queryProbe(`query ${k} twice`, `${k}=a&${k}=b`, { key: k, decoded: ['a', 'b'] });
    queryProbe(`query ${k} empty array syntax`, `${k}[]=1`);
  }
  queryProbe('duplicated unknown query params', 'x=1&x=2&__proto__=1&constructor=2');
  queryProbe('query with NUL and surrogates', 'q=%00&%00=1&%ED%A0%80=%ED%A0%80');

  // A share anonymously: for a non-public route that is then 401, unless routing or the body
  // parser refused the request before any route ran. On routes that take API keys another share
  // comes from a partner system, which gets as far as a signed-in caller.
  const probes: Probe[] = out.map((p, i) => {
    const anonymous = i % 4 === 3;
    if (route.apiKey && i % 4 === 1) return { ...p, anonymous: false, authorization: `Bearer ${w.keys.partner}` };
    if (!anonymous || route.access === 'public') return { ...p, anonymous };
    const beforeRoute = p.expect && ['route_not_found', 'invalid_json', 'unsupported_media_type', 'payload_too_large'].includes(p.expect.code);
    return { ...p, anonymous, expect: beforeRoute ? p.expect : { status: 401, code: 'unauthenticated' } };
  });

  // Authorization headers: a broken one is refused before anything else under /api/ (outside it,
  // nothing reads credentials), whether a session comes along or not; a valid key is refused
  // where keys are not accepted.
  const api = route.url.startsWith('/api/');
  const headers = bodyText ? json : {};
  badAuthorizations(w).forEach((authorization, i) =>
    probes.push({
      label: `Authorization #${i} ${JSON.stringify(authorization).slice(0, 30)}`, method: route.method, url, headers, payload: bodyText,
      anonymous: i % 2 === 1, authorization, expect: api ? { status: 401, code: 'invalid_api_key' } : undefined,
    }),
  );
  if (api && !route.apiKey) {
    for (const anonymous of [false, true]) {
      probes.push({
        label: 'a valid API key where none is accepted', method: route.method, url, headers, payload: bodyText,
        anonymous, authorization: `Bearer ${w.keys.partner}`, expect: { status: 401, code: 'api_key_not_accepted' },
      });
    }
  }
  // Idempotency keys (a notice's externalId): a fresh one per probe, or every probe after the
  // first would get the stored answer to the first and the mutated content would never be read.
  const once = [...(bodyText ?? '').matchAll(/"externalId":("[^"]*")/g)].map((m) => m[1]);
  return probes.map((p, i) => (once.length && p.payload ? { ...p, payload: once.reduce((text, id) => text.split(id).join(`${id.slice(0, -1)}-${i}"`), p.payload) } : p));
}

// ---- checks ----------------------------------------------------------------------------------

/** The body as the server's JSON parser sees it (null when it is not JSON). */
function jsonBodyOf(p: Probe): unknown {
  if (p.payload === undefined || !p.headers['content-type']?.startsWith('application/json')) return null;
  try {
    return JSON.parse(p.payload);
  } catch {
    return null;
  }
}

/** Everything wrong with one answer, as readable lines (empty when it is right). */
function problemsWith(p: Probe, res: LightMyRequestResponse): string[] {
  const where = `${p.anonymous ? 'anonymous ' : p.authorization ? 'by key ' : ''}${p.method} ${p.url.slice(0, 80)} [${p.label}]`;
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${where}: ${what} — ${res.statusCode} ${res.body.slice(0, 200)}`);
  if (res.statusCode >= 500) say('server error');
  if (res.statusCode >= 400) {
    let body: any;
    try {
      body = res.json();
    } catch {
      say('error body is not JSON');
      return problems;
    }
    const e = body?.error;
    if (!isPlainObject(body) || Object.keys(body).join() !== 'error' || !isPlainObject(e)) say('not the standard error body');
    else {
      if (typeof e.code !== 'string' || !/^[a-z_]+$/.test(e.code)) say('error without a code');
      if (typeof e.message !== 'string' || e.message.length === 0) say('error without a message');
      else if (e.message === e.code) say(`no catalogue text for error code ${e.code}`);
      if (e.requestId !== res.headers['x-request-id'] || typeof e.requestId !== 'string') say('requestId missing or not the X-Request-Id');
      const extra = Object.keys(e).filter((k) => !['code', 'message', 'fields', 'requestId'].includes(k));
      if (extra.length) say(`unexpected keys ${extra.join(', ')}`);
      const fields = e.fields as { path?: unknown; message?: unknown }[] | undefined;
      if (fields !== undefined && (!Array.isArray(fields) || fields.some((f) => typeof f.path !== 'string' || typeof f.message !== 'string' || !f.message || f.message.startsWith('field.')))) {
        say('malformed or untranslated field problems');
      }
      // "Check the marked fields" must mark one; for a JSON object body, one with a name.
      if (e.code === 'validation_failed') {
        if (!fields?.length) say('validation_failed without field problems');
        else if (isPlainObject(jsonBodyOf(p)) && !fields.some((f) => f.path)) say('validation_failed naming no field');
      }
      if (p.expect?.field) {
        const paths = (fields ?? []).map((f) => String(f.path));
        const named =
          p.expect.field === 'any' ? paths.length > 0 : p.expect.field === 'named' ? paths.some((x) => x.length > 0) : paths.some((x) => x === p.expect!.field || x.startsWith(`${p.expect!.field}.`));
        if (!named) say(`the field problem (${p.expect.field}) is not named`);
      }
      if (p.expect && (res.statusCode !== p.expect.status || e.code !== p.expect.code)) say(`expected ${p.expect.status} ${p.expect.code}`);
    }
  } else if (p.expect) say(`expected ${p.expect.status} ${p.expect.code}`);
  return problems;
}

// ---- the run ---------------------------------------------------------------------------------

describe(`malformed requests on every route (${engineName()})`, () => {
  let w: World;
  const sent = { total: 0, anonymous: 0, byKey: 0, authorization: 0, fieldsExpected: 0 };
  beforeAll(async () => {
    const t = await createTestApp();
    const district = await createOrg(t.db, 'district_office');
    const provider = await createOrg(t.db, 'provider');
    // The administrator has a second factor, so the 'totp' stage route gets as far as validation.
    const admin = await createUser(t.db, district, ['system_admin'], { totpSecret: newTotpSecret() });
    const user = await createUser(t.db, provider, ['caseworker']);
    const location = await createLocation(t.db, provider);
    const municipality = await createMunicipality(t.db);

    // Intake: notices with this postal code are routed to the provider's location.
    const postalCode = `03${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const area = await createMunicipality(t.db);
    await unsafeInternalTx(t.db, null, async (tx) => {
      await tx.db.updateTable('municipalities').set({ postal_codes: [postalCode] }).where('id', '=', area.id).execute();
      await tx.db.updateTable('locations').set({ municipality_ids: [area.id] }).where('id', '=', location.id).execute();
    });
    const caseworker = await createUser(t.db, provider, ['caseworker']);
    const send = async (who: TestUser, url: string, body?: unknown, status = 201) => {
      const s = await mintSession(t.db, t.clock, who);
      const res = await t.app.inject({
        method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      if (res.statusCode !== status) throw new Error(`set-up ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const sentNotice = await send(caseworker, '/api/v1/notices', notice({ postalCode }));
    // Two records of one person (the second without a birth date): a review; a second pair, merged.
    const reviewOf = async (lastName: string) => {
      const person = (houseNumber: string, birthDate?: string) => ({
        ...notice({ postalCode }),
        tenants: [{ firstName: 'Hannelore', lastName, ...(birthDate ? { birthDate } : {}) }],
        address: { street: `${lastName}weg`, houseNumber, postalCode, city: 'Prüfdorf' },
      });
      await send(caseworker, '/api/v1/notices', person('5', '1961-03-04'));
      const second = await send(caseworker, '/api/v1/notices', person('7'));
      return unsafeInternalTx(t.db, null, (tx) =>
        tx.db.selectFrom('match_reviews').select('id').where('person_id', '=', second.persons[0].id).executeTakeFirstOrThrow(),
      );
    };
    const review = await reviewOf('Zabokelu');
    const merge = await send(caseworker, `/api/v1/match-reviews/${(await reviewOf('Wiratosek')).id}/merge`, undefined, 200);
    const caseId = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('notices').select('case_id').where('id', '=', sentNotice.id).executeTakeFirstOrThrow());
    // API keys: the provider's (a target of the key routes), a partner system's, and a revoked one.
    const apiKey = await send(admin, '/api/v1/api-keys', { name: 'Ziel', orgId: provider.id });
    const partner = await send(admin, '/api/v1/api-keys', { name: 'Partner', orgId: provider.id });
    const revoked = await send(admin, '/api/v1/api-keys', { name: 'Widerrufen', orgId: provider.id });
    await send(admin, `/api/v1/api-keys/${revoked.apiKey.id}/revoke`, undefined, 200);
    const imported = await send(caseworker, '/api/v1/imports', importFile({ postalCode }), 202);
    await importsIdle(t.db);

    w = {
      t, admin, provider, byRole: new Map([['caseworker', caseworker]]), postalCode, keys: { partner: partner.key, revoked: revoked.key },
      ids: {
        organisation: provider.id, municipality: municipality.id, location: location.id, user: user.id, case: caseId.case_id, person: sentNotice.persons[0].id,
        review: review.id, merge: merge.mergeId, apiKey: apiKey.apiKey.id, caseworker: caseworker.id, import: imported.id,
      },
    };
    // Outreach records of the provider's case: a planned visit, a task due today and its reminder.
    const visit = await send(caseworker, `/api/v1/cases/${caseId.case_id}/contact-attempts`, { channel: 'home_visit', plannedOn: '2026-11-24' });
    const task = await send(caseworker, '/api/v1/tasks', { caseId: caseId.case_id, title: 'Prüfaufgabe', dueOn: '2026-11-21' });
    await remindDueTasks(t.db, t.clock.now());
    const reminder = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('reminders').select('id').where('task_id', '=', task.id).executeTakeFirstOrThrow());
    w.outreach = { attempt: visit.id, task: task.id, reminder: reminder.id };
    // A document of the provider's case.
    const docForm = '--b1\r\nContent-Disposition: form-data; name="type"\r\n\r\nother\r\n--b1\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n' +
      'Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--b1--\r\n';
    const docSession = await mintSession(t.db, t.clock, caseworker);
    const doc = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${caseId.case_id}/documents`, payload: docForm,
      headers: { cookie: docSession.cookie, 'x-csrf-token': docSession.csrf, 'content-type': 'multipart/form-data; boundary=b1' },
    });
    if (doc.statusCode !== 201) throw new Error(`set-up document: ${doc.statusCode} ${doc.body}`);
    w.documents = { document: doc.json().id };
    // An entry of the partner directory.
    const dirOrg = await send(admin, '/api/v1/directory/organizations', { name: 'Verzeichnis Prüf', description: 'Beratung' });
    const dirLocation = await send(admin, '/api/v1/directory/locations', {
      organizationId: dirOrg.id, name: 'Standort', address: { street: 'Marktplatz 1', postalCode: '05101', city: 'Musterstadt' },
    });
    const dirService = await send(admin, '/api/v1/directory/services', {
      organizationId: dirOrg.id, name: 'Angebot', description: 'Beratung', categories: ['court'], locationIds: [dirLocation.id],
    });
    w.directory = { organization: dirOrg.id, location: dirLocation.id, service: dirService.id };
    // Appointments and measures of the provider's case.
    const appointment = await send(caseworker, `/api/v1/cases/${caseId.case_id}/appointments`, {
      kind: 'phone', userId: caseworker.id, date: '2026-11-24', startTime: '10:00', endTime: '10:30',
    });
    const rentDebtType = await unsafeInternalTx(t.db, null, (tx) =>
      tx.db.selectFrom('measure_types').select('id').where('org_id', '=', provider.id).where('key', '=', 'rent_debt_assumption').executeTakeFirstOrThrow(),
    );
    // Submitted to the provider itself, so its finance staff get as far as the decision.
    const measure = await send(caseworker, `/api/v1/cases/${caseId.case_id}/measures`, {
      typeId: rentDebtType.id, rentDebt: { amount: 1350, body: 'jobcenter', form: 'loan', decidingOrgId: provider.id },
    });
    const submitSession = await mintSession(t.db, t.clock, caseworker);
    const submitted = await t.app.inject({
      method: 'PATCH', url: `/api/v1/measures/${measure.id}`, payload: JSON.stringify({ version: measure.version, status: 'applied' }),
      headers: { cookie: submitSession.cookie, 'x-csrf-token': submitSession.csrf, 'content-type': 'application/json' },
    });
    if (submitted.statusCode !== 200) throw new Error(`set-up submit: ${submitted.statusCode} ${submitted.body}`);
    w.casework = { appointment: appointment.id, measureType: rentDebtType.id, measure: measure.id };
    // Network work of the provider, by its team lead (who then sends the requests of the network.manage routes).
    const lead = await createUser(t.db, provider, ['team_lead']);
    w.byRole.set('team_lead', lead);
    const meeting = await send(lead, '/api/v1/network/meetings', networkMeeting(w));
    const action = await send(lead, `/api/v1/network/meetings/${meeting.id}/actions`, { text: 'Prüfaufgabe', responsibleName: 'Koordination' });
    const agreement = await send(lead, '/api/v1/network/agreements', networkAgreement(w));
    w.network = { meeting: meeting.id, action: action.id, agreement: agreement.id };
    // The shelter register, landlords and adequacy tables: the provider's accommodation with its case
    // placed there, its landlord with an agreement (by its caseworker, who sends the housing.manage
    // requests), the district's comparison area with a table (by the system administrator).
    const shelter = await send(caseworker, '/api/v1/housing/accommodations', accommodation(w));
    const placement = await send(caseworker, `/api/v1/cases/${caseId.case_id}/placements`, { accommodationId: shelter.id, persons: 1, movedInOn: '2026-10-01' });
    const ownLandlord = await send(caseworker, '/api/v1/housing/landlords', landlord());
    const withAgreement = await send(caseworker, `/api/v1/housing/landlords/${ownLandlord.id}/agreements`, landlordAgreement());
    const comparison = await send(admin, '/api/v1/housing/adequacy/areas', { name: 'Vergleichsraum Prüf', municipalityIds: [municipality.id] });
    const withTable = await send(admin, `/api/v1/housing/adequacy/areas/${comparison.id}/tables`, adequacyTable());
    w.housing = {
      accommodation: shelter.id, placement: placement.id, landlord: ownLandlord.id, agreement: withAgreement.agreements[0].id, area: comparison.id, table: withTable.tables[0].id,
    };
    // Brokerage of the provider: its case searches, an offer of its landlord, the case proposed for
    // it, and an earlier lease (written directly) whose follow-ups the follow-up route answers.
    const search = await send(caseworker, `/api/v1/cases/${caseId.case_id}/housing-search`, { startedOn: '2026-05-04', persons: 1 });
    const landlordId = ownLandlord.id as string;
    const offer = await send(caseworker, '/api/v1/housing/offers', { ...flatOffer(w), landlordId, rooms: 1, wbsRequired: false });
    w.brokerage = await unsafeInternalTx(t.db, null, async (tx) => {
      const proposal = await tx.db
        .insertInto('offer_proposals')
        .values({ org_id: provider.id, offer_id: offer.offer.id, search_id: search.id, case_id: caseId.case_id, proposed_on: '2026-11-20' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const housed = await tx.db
        .insertInto('housing_searches')
        .values({ org_id: provider.id, case_id: caseId.case_id, status: 'housed', started_on: '2026-01-12', ended_on: '2026-05-08', persons: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const let_ = await tx.db
        .insertInto('flat_offers')
        .values({
          org_id: provider.id, landlord_id: landlordId, street: 'Altbauweg', house_number: '2', postal_code: '05101', city: 'Musterstadt', municipality_id: municipality.id,
          floor_area: 40, rooms: 1, floor: 1, base_rent: 380, service_charges: 80, heating_costs: 50, available_from: '2026-05-15', status: 'let',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const lease = await tx.db
        .insertInto('offer_proposals')
        .values({ org_id: provider.id, offer_id: let_.id, search_id: housed.id, case_id: caseId.case_id, status: 'lease_signed', proposed_on: '2026-04-20', lease_signed_on: '2026-05-08', tenancy_start: '2026-05-15' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.db.insertInto('tenancy_followups').values([
        { proposal_id: lease.id, org_id: provider.id, months: 6, due_on: '2026-11-15' },
        { proposal_id: lease.id, org_id: provider.id, months: 12, due_on: '2027-05-15' },
      ]).execute();
      return { search: search.id, offer: offer.offer.id, proposal: proposal.id, lease: lease.id };
    });
  });
  afterAll(() => w?.t.close());

  it('every route with a body schema has a valid example body, and no example is stale', () => {
    const keys = allRoutes.map(keyOf);
    expect(allRoutes.filter((r) => r.body && !(keyOf(r) in validBodies)).map(keyOf)).toEqual([]);
    expect(Object.keys(validBodies).filter((k) => !keys.includes(k))).toEqual([]);
    // The examples are valid, so each mutation is what makes a request wrong.
    const dummy: World = {
      t: null as never, admin: null as never, provider: null as never, byRole: new Map(), postalCode: '05101', keys: { partner: '', revoked: '' },
      ids: { organisation: randomUUID(), municipality: randomUUID(), location: '', user: '', case: '', person: randomUUID(), review: '', merge: '', apiKey: '', caseworker: randomUUID(), import: '' },
    };
    for (const r of allRoutes.filter((x) => x.body)) expect(r.body!.safeParse(validBodies[keyOf(r)](dummy)).success, keyOf(r)).toBe(true);
    expect(Object.keys(validQueries).filter((k) => !keys.includes(k))).toEqual([]);
    for (const r of allRoutes.filter((x) => keyOf(x) in validQueries)) expect(r.query!.safeParse(validQueries[keyOf(r)](dummy)).success, keyOf(r)).toBe(true);
  });

  for (const route of allRoutes) {
    it(`${keyOf(route)}`, async () => {
      const probes = probesFor(route, w);
      const stages = route.stages ?? ['active'];
      const stage = stages.includes('active') ? 'active' : stages[0];
      const caller = await callerFor(route, w);
      const problems: string[] = [];
      let session: MintedSession | null = null;
      for (const p of probes) {
        // A session lasts until a state-changing request succeeds (it may have been a logout, a
        // sign-in that replaced it, a password change): then the next request gets a fresh one.
        session ??= await mintSession(w.t.db, w.t.clock, caller, stage);
        const auth = {
          ...(p.anonymous ? {} : { cookie: session.cookie, 'x-csrf-token': session.csrf }),
          ...(p.authorization !== undefined ? { authorization: p.authorization } : {}),
        };
        const res = await w.t.app.inject({ method: p.method, url: p.url, headers: { ...p.headers, ...auth }, ...(p.payload !== undefined ? { payload: p.payload } : {}) });
        if (!p.anonymous && p.method !== 'GET' && res.statusCode < 400) session = null;
        problems.push(...problemsWith(p, res));
      }
      sent.total += probes.length;
      sent.anonymous += probes.filter((p) => p.anonymous && p.authorization === undefined).length;
      sent.byKey += probes.filter((p) => p.authorization === `Bearer ${w.keys.partner}`).length;
      sent.authorization += probes.filter((p) => p.authorization !== undefined && p.authorization !== `Bearer ${w.keys.partner}`).length;
      sent.fieldsExpected += probes.filter((p) => p.expect?.field).length;
      expect(problems.slice(0, 40), `${problems.length} problems`).toEqual([]);
    });
  }

  it('dates at the edges of the calendar are refused field by field wherever a case is made or changed, never a 5xx', async () => {
    const caller = await callerFor(allRoutes.find((r) => r.url === '/api/v1/notices')!, w);
    const session = await mintSession(w.t.db, w.t.clock, caller);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' };
    const post = (method: 'POST' | 'PUT', url: string, body: unknown) => w.t.app.inject({ method, url, headers, payload: JSON.stringify(body) });
    const problems: string[] = [];
    const check = (label: string, url: string, body: unknown, res: LightMyRequestResponse, field: string, accepted: number[]) => {
      const p: Probe = { label, method: 'POST', url, headers, payload: JSON.stringify(body), anonymous: false };
      problems.push(...problemsWith(p, res));
      if (res.statusCode >= 400) problems.push(...problemsWith({ ...p, expect: { status: 400, code: 'validation_failed', field } }, res));
      else if (!accepted.includes(res.statusCode)) problems.push(`${label}: ${res.statusCode}`);
    };
    const base = notice(w);
    const datePaths = pathsOf(base).filter((path) => isIsoDate(path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], base)));
    expect(datePaths.map((path) => path.join('.')).sort()).toEqual(
      ['court.filedOn', 'court.hearingOn', 'court.servedOn', 'evictionOn', 'receivedOn', 'tenants.0.birthDate', 'tenants.0.servedOn', 'termination.receivedOn'],
    );
    for (const path of datePaths) {
      for (const d of DATE_EDGES) {
        const one = withAt(notice(w), path, d);
        check(`notice ${path.join('.')} ← ${d}`, '/api/v1/notices', one, await post('POST', '/api/v1/notices', one), path.join('.'), [201]);
        // In a batch the item is answered on its own, the batch itself is fine.
        const batch = { notices: [withAt(notice(w), path, d)] };
        const res = await post('POST', '/api/v1/notices/batch', batch);
        if (res.statusCode !== 200) problems.push(`batch ${path.join('.')} ← ${d}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else {
          const item = res.json().items[0];
          if (item.status >= 500) problems.push(`batch item ${path.join('.')} ← ${d}: ${JSON.stringify(item).slice(0, 200)}`);
          if (item.status === 400 && !item.error.fields?.some((f: { path: string }) => f.path === path.join('.'))) problems.push(`batch item ${path.join('.')} ← ${d}: field not named`);
        }
      }
    }
    // A service date on the case, with the case's current version each time.
    const url = `/api/v1/cases/${w.ids.case}/service-dates`;
    for (const d of DATE_EDGES) {
      const { version } = await unsafeInternalTx(w.t.db, null, (tx) => tx.db.selectFrom('cases').select('version').where('id', '=', w.ids.case).executeTakeFirstOrThrow());
      const body = { version, tenants: [{ personId: w.ids.person, servedOn: d }] };
      check(`service date ← ${d}`, url, body, await post('PUT', url, body), 'tenants.0.servedOn', [200]);
    }
    expect(problems.slice(0, 40), `${problems.length} problems`).toEqual([]);
  });

  it('sent at least 1,000 malformed requests, a share of them anonymously, by key, and with broken credentials', () => {
    console.info(
      `malformed requests: ${sent.total} sent, ${sent.anonymous} anonymously, ${sent.byKey} with a partner's API key, ` +
        `${sent.authorization} with a broken Authorization header, ${sent.fieldsExpected} had to name a field`,
    );
    expect(sent.total).toBeGreaterThanOrEqual(1000);
    expect(sent.anonymous).toBeGreaterThanOrEqual(sent.total / 5);
    expect(sent.byKey).toBeGreaterThanOrEqual(100);
    expect(sent.authorization).toBeGreaterThanOrEqual(allRoutes.length * 25);
    expect(sent.fieldsExpected).toBeGreaterThanOrEqual(500);
  });
});
