import type { Tx } from '../../platform/db/tenant.js';

export interface Assignment {
  orgId: string;
  orgName: string;
  locationId?: string;
  municipalityId?: string;
  /** Why the notice went to the district office's queue instead of a provider. */
  note?: 'unknown_postal_code' | 'no_location_covers_municipality' | 'several_locations_cover_municipality';
}

/**
 * Address → municipality (by postal code, the city name deciding between municipalities that share
 * one) → the location that covers it (configured per location by the organisations) → its
 * organisation. Anything that cannot be routed unambiguously lands in the district office's queue.
 */
export async function routeAddress(tx: Tx, address: { postalCode: string; city: string }): Promise<Assignment> {
  // One query: the municipalities with this postal code, each with the active locations covering it.
  const rows = await tx.db
    .selectFrom('municipalities as m')
    .leftJoin('locations as l', (join) =>
      join.on((eb) => eb.and([eb('m.id', '=', eb.fn.any('l.municipality_ids')), eb('l.active', '=', true)])),
    )
    .leftJoin('organisations as o', (join) => join.onRef('o.id', '=', 'l.org_id').on('o.active', '=', true))
    .select(['m.id as muni_id', 'm.name as muni_name', 'l.id as location_id', 'l.org_id', 'o.name as org_name'])
    .where((eb) => eb(eb.val(address.postalCode), '=', eb.fn.any('m.postal_codes')))
    .execute();
  const municipalityIds = [...new Set(rows.map((r) => r.muni_id))];
  const city = address.city.trim().toLowerCase();
  const muniId =
    municipalityIds.length === 1 ? municipalityIds[0] : rows.find((r) => r.muni_name.toLowerCase() === city)?.muni_id;
  if (!muniId) return districtOffice(tx, 'unknown_postal_code');
  const locations = rows.filter((r) => r.muni_id === muniId && r.location_id && r.org_name);
  if (locations.length === 1) {
    const l = locations[0];
    return { orgId: l.org_id!, orgName: l.org_name!, locationId: l.location_id!, municipalityId: muniId };
  }
  const office = await districtOffice(tx, locations.length ? 'several_locations_cover_municipality' : 'no_location_covers_municipality');
  return { ...office, municipalityId: muniId };
}

async function districtOffice(tx: Tx, note: NonNullable<Assignment['note']>): Promise<Assignment> {
  const office = await tx.db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('kind', '=', 'district_office')
    .where('active', '=', true)
    .orderBy('created_at')
    .executeTakeFirst();
  if (!office) throw new Error('No active district office is configured: notices cannot be routed');
  return { orgId: office.id, orgName: office.name, note };
}

/**
 * For a case handed over to a chosen organisation: the address still gives the municipality, and
 * the organisation's location covering it (if any) becomes the case's location.
 */
export async function assignToOrganisation(tx: Tx, address: { postalCode: string; city: string }, orgId: string): Promise<Assignment> {
  const routed = await routeAddress(tx, address);
  if (routed.orgId === orgId) return routed;
  const org = await tx.db.selectFrom('organisations').select(['id', 'name']).where('id', '=', orgId).executeTakeFirstOrThrow();
  const location = routed.municipalityId
    ? await tx.db
        .selectFrom('locations')
        .select('id')
        .where('org_id', '=', orgId)
        .where('active', '=', true)
        .where((eb) => eb(eb.val(routed.municipalityId!), '=', eb.fn.any('municipality_ids')))
        .orderBy('name')
        .executeTakeFirst()
    : undefined;
  return { orgId: org.id, orgName: org.name, municipalityId: routed.municipalityId, ...(location ? { locationId: location.id } : {}) };
}
