import { expect } from 'vitest';
import type { Database } from '../platform/db/connect.js';
import { unsafeInternalTx } from '../platform/db/tenant.js';
import { uniqueSuffix, type Client } from './app.js';
import { createLocation, createMunicipality, type TestOrg } from './factories.js';

/** A municipality whose notices are routed to one organisation (through a location of its own). */
export interface IntakeArea {
  municipality: { id: string; name: string };
  postalCode: string;
  city: string;
}

let areas = 0;

/**
 * A municipality with a postal code of its own (07xxx: unused by the demo and by other helpers),
 * covered by a new location of `org`, so every notice about an address there becomes a case of `org`.
 */
export async function intakeArea(db: Database, org: TestOrg): Promise<IntakeArea> {
  const postalCode = `07${String(++areas).padStart(3, '0')}`;
  const city = `Aufnahmeort ${uniqueSuffix()}`;
  const municipality = await createMunicipality(db, city);
  const location = await createLocation(db, org);
  await unsafeInternalTx(db, null, async (tx) => {
    await tx.db.updateTable('municipalities').set({ postal_codes: [postalCode] }).where('id', '=', municipality.id).execute();
    await tx.db.updateTable('locations').set({ municipality_ids: [municipality.id] }).where('id', '=', location.id).execute();
  });
  return { municipality: { id: municipality.id, name: municipality.name }, postalCode, city };
}

let households = 0;

/**
 * A case of the area's organisation, opened by a notice the client's account sends (it needs
 * notices.submit): one tenant with a name and address of its own, so the matcher joins nothing.
 */
export async function caseIn(db: Database, client: Client, area: IntakeArea, lastName = `Muster${uniqueSuffix()}`): Promise<{ id: string; caseNumber: string; lastName: string }> {
  const n = ++households;
  const res = await client.post('/api/v1/notices', {
    externalId: `T-${uniqueSuffix()}`,
    kind: 'jobcenter_warning',
    receivedOn: '2026-11-02',
    tenants: [{ firstName: 'Dana', lastName, birthDate: `19${60 + (n % 30)}-0${1 + (n % 9)}-1${n % 10}` }],
    address: { street: `Prüfweg ${uniqueSuffix()}`, houseNumber: String(n), postalCode: area.postalCode, city: area.city },
    arrears: 900,
  });
  expect(res.statusCode, res.body).toBe(201);
  const row = await unsafeInternalTx(db, null, (tx) =>
    tx.db.selectFrom('notices as n').innerJoin('cases as c', 'c.id', 'n.case_id').select(['c.id', 'c.case_number']).where('n.id', '=', res.json().id).executeTakeFirstOrThrow(),
  );
  return { id: row.id, caseNumber: row.case_number, lastName };
}
