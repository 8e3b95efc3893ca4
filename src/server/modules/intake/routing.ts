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
  const munis = await tx.db
    .selectFrom('municipalities')
    .select(['id', 'name'])
    .where((eb) => eb(eb.val(address.postalCode), '=', eb.fn.any('postal_codes')))
    .execute();
  const city = address.city.trim().toLowerCase();
  const muni = munis.length === 1 ? munis[0] : munis.find((m) => m.name.toLowerCase() === city);
  if (!muni) return districtOffice(tx, 'unknown_postal_code');
  const locations = await tx.db
    .selectFrom('locations as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.org_id', 'o.name as org_name'])
    .where('l.active', '=', true)
    .where('o.active', '=', true)
    .where((eb) => eb(eb.val(muni.id), '=', eb.fn.any('l.municipality_ids')))
    .execute();
  if (locations.length === 1) {
    const l = locations[0];
    return { orgId: l.org_id, orgName: l.org_name, locationId: l.id, municipalityId: muni.id };
  }
  const office = await districtOffice(tx, locations.length ? 'several_locations_cover_municipality' : 'no_location_covers_municipality');
  return { ...office, municipalityId: muni.id };
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
