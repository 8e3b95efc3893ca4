import type { Actor } from '../../platform/auth/actor.js';
import { notFound } from '../../platform/http/errors.js';

/*
 * Who may change a directory entry. There is no permission of its own: the directory is district
 * information like organisations and locations, so it reuses theirs.
 * - `organisations.write` (system administrators) maintains every entry of the district, also
 *   those of partners that do not use Bleibe (courts, clinics, …), and imports.
 * - `locations.write` (an organisation's administrators) maintains the one entry linked to the
 *   own organisation, as they maintain their own counselling locations.
 * Row-level security says the same (directory_may_write in migrations/011_directory.sql).
 * Reading needs nothing but a session: the directory is no client data.
 */
export function mayEditEntry(actor: Actor, bleibeOrgId: string | null): boolean {
  if (actor.permissions.has('organisations.write')) return true;
  return actor.permissions.has('locations.write') && bleibeOrgId !== null && bleibeOrgId === actor.orgId;
}

/** Another organisation's entry is answered like one that does not exist. */
export function assertMayEditEntry(actor: Actor, bleibeOrgId: string | null | undefined) {
  if (bleibeOrgId === undefined || !mayEditEntry(actor, bleibeOrgId)) throw notFound();
}

export const mayManageDistrict = (actor: Actor) => actor.permissions.has('organisations.write');
