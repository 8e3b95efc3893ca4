import { sql } from 'kysely';
import type { MunicipalityRef, DirOrganization } from '../../../domain/directory/model.js';
import { assembleOrganizations, diffRows, emptyRows, ROW_TABLES, type DirectoryRows, type DirectoryRowTable, type TableDiff } from '../../../domain/directory/rows.js';
import type { Tx } from '../../platform/db/tenant.js';

/** The columns of each directory table that the domain rows carry (see domain/directory/rows.ts). */
const COLUMNS: Record<DirectoryRowTable, readonly string[]> = {
  directory_organizations: ['id', 'name', 'alternate_name', 'description', 'email', 'website'],
  directory_locations: [
    'id', 'organization_id', 'location_type', 'name', 'description', 'address_id', 'street', 'postal_code', 'city', 'state_province', 'country',
    'municipality_id', 'transportation', 'accessibility_id', 'accessibility', 'latitude', 'longitude', 'position',
  ],
  directory_services: [
    'id', 'organization_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'application_process', 'eligibility_description',
    'fees_description', 'interpretation_services', 'position',
  ],
  directory_service_categories: ['id', 'organization_id', 'service_id', 'category', 'position'],
  directory_service_areas: ['id', 'organization_id', 'service_id', 'municipality_id', 'position'],
  directory_service_locations: ['id', 'organization_id', 'service_id', 'location_id', 'description', 'position'],
  directory_contacts: ['id', 'organization_id', 'service_id', 'location_id', 'name', 'title', 'department', 'email', 'position'],
  directory_phones: ['id', 'organization_id', 'service_id', 'location_id', 'contact_id', 'number', 'description', 'position'],
  directory_schedules: ['id', 'organization_id', 'service_id', 'location_id', 'days', 'opens_at', 'closes_at', 'note', 'valid_from', 'valid_to', 'position'],
  directory_languages: ['id', 'organization_id', 'service_id', 'location_id', 'code', 'position'],
};

/** What the trees do not carry: who maintains an entry, the versions, when a service changed. */
export interface DirectoryMeta {
  bleibeOrgOf: Map<string, string | null>;
  orgVersion: Map<string, number>;
  serviceVersion: Map<string, number>;
  locationVersion: Map<string, number>;
}

export interface Directory {
  orgs: DirOrganization[];
  meta: DirectoryMeta;
  municipalities: MunicipalityRef[];
}

/**
 * The whole directory of the district. It is small (hundreds of services), and every read needs
 * most of it: a service's locations may belong to other organisations, search matches labels.
 */
export async function loadDirectory(tx: Tx): Promise<Directory> {
  const rows = emptyRows();
  for (const t of ROW_TABLES) {
    let q = tx.db.selectFrom(t).select(COLUMNS[t] as never);
    q = t === 'directory_organizations' ? q.orderBy(sql`lower(name)`).orderBy('id' as never) : q;
    (rows[t] as unknown[]) = await q.execute();
  }
  // One after the other: a transaction is one connection.
  const orgMeta = await tx.db.selectFrom('directory_organizations').select(['id', 'bleibe_org_id', 'version']).execute();
  const serviceMeta = await tx.db.selectFrom('directory_services').select(['id', 'version', 'updated_at']).execute();
  const locationMeta = await tx.db.selectFrom('directory_locations').select(['id', 'version']).execute();
  const municipalities = await tx.db.selectFrom('municipalities').select(['id', 'name', 'ags', 'postal_codes']).orderBy('name').execute();
  const lastModified = new Map(serviceMeta.map((s) => [s.id, new Date(s.updated_at).toISOString()]));
  return {
    orgs: assembleOrganizations(rows, lastModified),
    meta: {
      bleibeOrgOf: new Map(orgMeta.map((o) => [o.id, o.bleibe_org_id])),
      orgVersion: new Map(orgMeta.map((o) => [o.id, o.version])),
      serviceVersion: new Map(serviceMeta.map((s) => [s.id, s.version])),
      locationVersion: new Map(locationMeta.map((l) => [l.id, l.version])),
    },
    municipalities: municipalities.map((m) => ({ id: m.id, name: m.name, ags: m.ags, postalCodes: m.postal_codes })),
  };
}

const CHUNK = 500;

/**
 * Brings the stored rows of one scope (an organisation, a service, a location, or several
 * organisations of an import) to the incoming rows: deletes what is gone (children first),
 * then inserts or updates what is new or changed (parents first). Versions are the caller's.
 */
export async function applyRows(tx: Tx, stored: DirectoryRows, incoming: DirectoryRows): Promise<Record<DirectoryRowTable, TableDiff>> {
  const diff = diffRows(stored, incoming);
  for (const t of [...ROW_TABLES].reverse()) {
    const gone = diff[t].removed;
    for (let i = 0; i < gone.length; i += CHUNK) await tx.db.deleteFrom(t).where('id', 'in', gone.slice(i, i + CHUNK)).execute();
  }
  for (const t of ROW_TABLES) {
    const changed = new Set([...diff[t].created, ...diff[t].updated]);
    const rows = (incoming[t] as { id: string }[]).filter((r) => changed.has(r.id));
    const cols = COLUMNS[t].filter((c) => c !== 'id');
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx.db
        .insertInto(t)
        .values(rows.slice(i, i + CHUNK) as never)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never),
        )
        .execute();
    }
  }
  return diff;
}

/** After an import: organisations, services and locations whose record or children changed get a new version. */
export async function bumpVersions(tx: Tx, ids: { directory_organizations: string[]; directory_services: string[]; directory_locations: string[] }) {
  for (const t of ['directory_organizations', 'directory_services', 'directory_locations'] as const) {
    const list = ids[t];
    for (let i = 0; i < list.length; i += CHUNK) {
      await tx.db.updateTable(t).set({ version: sql`version + 1`, updated_at: sql`now()` } as never).where('id', 'in', list.slice(i, i + CHUNK)).execute();
    }
  }
}
