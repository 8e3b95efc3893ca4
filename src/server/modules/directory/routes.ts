import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  DirectoryExportQuery, DirectoryImportReport, DirectoryImportRequest, DirectoryLocation, DirectoryLocationInput, DirectoryLocationPatch,
  DirectoryOrganization, DirectoryOrganizationInput, DirectoryOrganizationList, DirectoryOrganizationPatch, DirectorySearchQuery,
  DirectorySearchResult, DirectoryService, DirectoryServiceInput, DirectoryServicePatch, DIRECTORY_IMPORT_LIMITS,
} from '../../../contracts/directory.js';
import { municipalityForPostalCode } from '../../../domain/directory/hsds-import.js';
import type { DirLocation, DirOrganization, DirService } from '../../../domain/directory/model.js';
import { emptyRows, locationRows, serviceRows } from '../../../domain/directory/rows.js';
import { searchDirectory } from '../../../domain/directory/search.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { AppError, invalidInput, notFound, versionConflict, type FieldProblem } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { assertMayEditEntry, mayEditEntry, mayManageDistrict } from './access.js';
import { areasFrom, atLocationsFrom, categoriesFrom, contactsFrom, failOn, hoursFrom, languagesFrom, phonesFrom } from './edit.js';
import { exportJson, exportZip, runImport } from './import.js';
import { presentHit, presentLocation, presentOrganization, presentService } from './present.js';
import { applyRows, loadDirectory, type Directory } from './store.js';

const TAGS = ['directory'];
/** Base64 of the largest import file, plus the JSON around it. */
const IMPORT_BODY_LIMIT = Math.ceil(DIRECTORY_IMPORT_LIMITS.maxFileBytes / 3) * 4 + 64 * 1024;

function findService(dir: Directory, id: string): { org: DirOrganization; service: DirService } {
  for (const org of dir.orgs) {
    const service = org.services.find((s) => s.id === id.toLowerCase());
    if (service) return { org, service };
  }
  throw notFound();
}

function findLocation(dir: Directory, id: string): { org: DirOrganization; location: DirLocation } {
  for (const org of dir.orgs) {
    const location = org.locations.find((l) => l.id === id.toLowerCase());
    if (location) return { org, location };
  }
  throw notFound();
}

/** The organisation a new record is for, if the actor may edit it; any other is "not found". */
function editableOrg(dir: Directory, actor: Actor, id: string): DirOrganization {
  const org = dir.orgs.find((o) => o.id === id.toLowerCase());
  assertMayEditEntry(actor, org ? (dir.meta.bleibeOrgOf.get(org.id) ?? null) : undefined);
  return org!;
}

/** Moves a record's version on, or fails with 409 when someone else saved first. */
async function claimVersion(tx: Tx, table: 'directory_organizations' | 'directory_services' | 'directory_locations', id: string, version: number) {
  const hit = await tx.db
    .updateTable(table)
    .set({ version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!hit) throw versionConflict();
}

type ServiceFields = Partial<z.output<typeof DirectoryServiceInput>>;

/** A service with the form's fields over the stored ones; children keep their ids (edit.ts). */
function buildService(dir: Directory, base: DirService, input: ServiceFields): DirService {
  const problems: FieldProblem[] = [];
  const knownMunicipalities = new Set(dir.municipalities.map((m) => m.id));
  const knownLocations = new Set(dir.orgs.flatMap((o) => o.locations.map((l) => l.id)));
  const s: DirService = {
    ...base,
    name: input.name ?? base.name,
    alternateName: input.alternateName !== undefined ? input.alternateName : base.alternateName,
    description: input.description ?? base.description,
    url: input.url !== undefined ? input.url : base.url,
    email: input.email !== undefined ? input.email : base.email,
    status: input.status ?? base.status,
    applicationProcess: input.applicationProcess !== undefined ? input.applicationProcess : base.applicationProcess,
    eligibility: input.eligibility !== undefined ? input.eligibility : base.eligibility,
    fees: input.fees !== undefined ? input.fees : base.fees,
    categories: input.categories ? categoriesFrom(input.categories, base.categories) : base.categories,
    areas: input.areaMunicipalityIds ? areasFrom(input.areaMunicipalityIds, base.areas, knownMunicipalities, problems) : base.areas,
    atLocations: input.locationIds ? atLocationsFrom(input.locationIds, base.atLocations, knownLocations, problems) : base.atLocations,
    languages: input.languages ? languagesFrom(input.languages, base.languages) : base.languages,
    phones: input.phones ? phonesFrom(input.phones, base.phones, 'phones', problems) : base.phones,
    contacts: input.contacts ? contactsFrom(input.contacts, base.contacts, 'contacts', problems) : base.contacts,
    hours: input.openingHours ? hoursFrom(input.openingHours, base.hours, 'openingHours', problems) : base.hours,
  };
  failOn(problems);
  return s;
}

type LocationFields = Partial<z.output<typeof DirectoryLocationInput>>;

function buildLocation(dir: Directory, base: DirLocation, input: LocationFields): DirLocation {
  const problems: FieldProblem[] = [];
  const address = input.address
    ? { id: base.address?.id ?? randomUUID(), street: input.address.street, postalCode: input.address.postalCode, city: input.address.city, stateProvince: base.address?.stateProvince ?? 'NW', country: 'DE' }
    : base.address;
  let municipalityId = base.municipalityId;
  if (input.municipalityId) {
    municipalityId = input.municipalityId.toLowerCase();
    if (!dir.municipalities.some((m) => m.id === municipalityId)) problems.push({ path: 'municipalityId', key: 'directory.unknown_municipality' });
  } else if (input.municipalityId === null || input.address) {
    // Not named: the postal code decides when it belongs to exactly one municipality.
    municipalityId = address ? municipalityForPostalCode(dir.municipalities, address.postalCode) : null;
  }
  const l: DirLocation = {
    ...base,
    name: input.name ?? base.name,
    description: input.description !== undefined ? input.description : base.description,
    address,
    municipalityId,
    transportation: input.transportation !== undefined ? input.transportation : base.transportation,
    accessibility:
      input.accessibility === undefined ? base.accessibility : input.accessibility ? { id: base.accessibility?.id ?? randomUUID(), description: input.accessibility } : null,
    phones: input.phones ? phonesFrom(input.phones, base.phones, 'phones', problems) : base.phones,
    hours: input.openingHours ? hoursFrom(input.openingHours, base.hours, 'openingHours', problems) : base.hours,
    languages: input.languages ? languagesFrom(input.languages, base.languages) : base.languages,
  };
  failOn(problems);
  return l;
}

/** The Bleibe organisation an entry is linked to: only system administrators choose it freely. */
async function linkFor(tx: Tx, dir: Directory, actor: Actor, requested: string | null | undefined, entryId: string | null): Promise<string | null> {
  let link: string | null;
  if (mayManageDistrict(actor)) link = requested?.toLowerCase() ?? null;
  else if (requested === undefined || requested?.toLowerCase() === actor.orgId) link = actor.orgId;
  else throw invalidInput([{ path: 'bleibeOrgId', key: 'directory.link_not_allowed' }]);
  if (link === null) return null;
  const exists = await tx.db.selectFrom('organisations').select('id').where('id', '=', link).executeTakeFirst();
  if (!exists) throw invalidInput([{ path: 'bleibeOrgId', key: 'invalid_uuid' }]);
  for (const [id, linked] of dir.meta.bleibeOrgOf) {
    if (linked === link && id !== entryId) throw new AppError(409, 'directory_entry_exists', [{ path: 'bleibeOrgId', key: 'directory.org_has_entry' }]);
  }
  return link;
}

export const directoryRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/directory/services',
    access: 'authenticated',
    summary: 'Search the partner directory by need (category), free text and municipality (service area or location there)',
    tags: TAGS,
    query: DirectorySearchQuery,
    response: DirectorySearchResult,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const hits = searchDirectory(dir.orgs, {
          category: ctx.query.category,
          municipalityId: ctx.query.municipalityId?.toLowerCase(),
          q: ctx.query.q,
          includeInactive: ctx.query.includeInactive === 'true',
        });
        return { items: hits.map((h) => presentHit(dir, h)), total: hits.length };
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/directory/services/:id',
    access: 'authenticated',
    summary: 'One service of the partner directory with its organisation, locations, opening hours and contacts',
    tags: TAGS,
    params: IdParams,
    response: DirectoryService,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const { org, service } = findService(dir, ctx.params.id);
        return presentService(dir, signedIn(ctx), org, service);
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/directory/services',
    access: 'locations.write',
    summary: 'Add a service to a directory entry (own organisation; system administrators: any)',
    tags: TAGS,
    body: DirectoryServiceInput,
    status: 201,
    response: DirectoryService,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const org = editableOrg(dir, actor, ctx.body.organizationId);
        const blank: DirService = {
          id: randomUUID(), organizationId: org.id, name: '', alternateName: null, description: null, url: null, email: null, status: 'active',
          applicationProcess: null, eligibility: null, fees: null, interpretationServices: null, lastModified: null,
          categories: [], areas: [], atLocations: [], phones: [], contacts: [], hours: [], languages: [],
        };
        const service = buildService(dir, blank, ctx.body);
        const rows = emptyRows();
        serviceRows(rows, service, org.services.length);
        await applyRows(tx, emptyRows(), rows);
        tx.audit({ action: 'directory.service.create', entityType: 'directory_service', entityId: service.id, details: { organizationId: org.id } });
        const after = await loadDirectory(tx);
        const found = findService(after, service.id);
        return presentService(after, actor, found.org, found.service);
      });
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/directory/services/:id',
    access: 'locations.write',
    summary: 'Change a service of the directory (optimistic locking by version)',
    tags: TAGS,
    params: IdParams,
    body: DirectoryServicePatch,
    response: DirectoryService,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const { org, service } = findService(dir, ctx.params.id);
        assertMayEditEntry(actor, dir.meta.bleibeOrgOf.get(org.id) ?? null);
        const { version, ...patch } = ctx.body;
        const next = buildService(dir, service, patch);
        await claimVersion(tx, 'directory_services', service.id, version);
        const position = org.services.indexOf(service);
        const before = emptyRows();
        const after = emptyRows();
        serviceRows(before, service, position);
        serviceRows(after, next, position);
        await applyRows(tx, before, after);
        tx.audit({ action: 'directory.service.update', entityType: 'directory_service', entityId: service.id, details: { fields: Object.keys(patch) } });
        const reloaded = await loadDirectory(tx);
        const found = findService(reloaded, service.id);
        return presentService(reloaded, actor, found.org, found.service);
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/directory/organizations',
    access: 'authenticated',
    summary: 'The organisations of the partner directory, with what the caller may do',
    tags: TAGS,
    response: DirectoryOrganizationList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const ownEntry = [...dir.meta.bleibeOrgOf.values()].includes(actor.orgId);
        return {
          items: dir.orgs.map((o) => ({
            id: o.id, name: o.name, services: o.services.length, locations: o.locations.length,
            mayEdit: mayEditEntry(actor, dir.meta.bleibeOrgOf.get(o.id) ?? null),
          })),
          mayCreate: mayManageDistrict(actor) || (actor.permissions.has('locations.write') && !ownEntry),
          mayImport: mayManageDistrict(actor),
        };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/directory/organizations/:id',
    access: 'authenticated',
    summary: 'One organisation of the partner directory with its services and locations',
    tags: TAGS,
    params: IdParams,
    response: DirectoryOrganization,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const org = dir.orgs.find((o) => o.id === ctx.params.id.toLowerCase());
        if (!org) throw notFound();
        return presentOrganization(dir, signedIn(ctx), org);
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/directory/organizations',
    access: 'locations.write',
    summary: "Create a directory entry: an organisation's administrators the one of their own organisation, system administrators any",
    tags: TAGS,
    body: DirectoryOrganizationInput,
    status: 201,
    response: DirectoryOrganization,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const link = await linkFor(tx, dir, actor, ctx.body.bleibeOrgId, null);
        const b = ctx.body;
        const { id } = await tx.db
          .insertInto('directory_organizations')
          .values({ id: randomUUID(), bleibe_org_id: link, name: b.name, alternate_name: b.alternateName ?? null, description: b.description, email: b.email ?? null, website: b.website ?? null })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'directory.organization.create', entityType: 'directory_organization', entityId: id, details: { bleibeOrgId: link } });
        const after = await loadDirectory(tx);
        return presentOrganization(after, actor, after.orgs.find((o) => o.id === id)!);
      });
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/directory/organizations/:id',
    access: 'locations.write',
    summary: 'Change a directory entry (optimistic locking by version)',
    tags: TAGS,
    params: IdParams,
    body: DirectoryOrganizationPatch,
    response: DirectoryOrganization,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const org = dir.orgs.find((o) => o.id === ctx.params.id.toLowerCase());
        assertMayEditEntry(actor, org ? (dir.meta.bleibeOrgOf.get(org.id) ?? null) : undefined);
        const { version, bleibeOrgId, ...patch } = ctx.body;
        const link = bleibeOrgId === undefined ? undefined : await linkFor(tx, dir, actor, bleibeOrgId, org!.id);
        await claimVersion(tx, 'directory_organizations', org!.id, version);
        await tx.db
          .updateTable('directory_organizations')
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.alternateName !== undefined ? { alternate_name: patch.alternateName } : {}),
            ...(patch.description !== undefined ? { description: patch.description } : {}),
            ...(patch.email !== undefined ? { email: patch.email } : {}),
            ...(patch.website !== undefined ? { website: patch.website } : {}),
            ...(link !== undefined ? { bleibe_org_id: link } : {}),
          })
          .where('id', '=', org!.id)
          .execute();
        tx.audit({ action: 'directory.organization.update', entityType: 'directory_organization', entityId: org!.id, details: { fields: Object.keys(ctx.body).filter((k) => k !== 'version') } });
        const after = await loadDirectory(tx);
        return presentOrganization(after, actor, after.orgs.find((o) => o.id === org!.id)!);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/directory/locations',
    access: 'locations.write',
    summary: 'Add a location (address, opening hours, phones, languages) to a directory entry',
    tags: TAGS,
    body: DirectoryLocationInput,
    status: 201,
    response: DirectoryLocation,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const org = editableOrg(dir, actor, ctx.body.organizationId);
        const blank: DirLocation = {
          id: randomUUID(), organizationId: org.id, type: 'physical', name: null, description: null, address: null, municipalityId: null,
          transportation: null, accessibility: null, latitude: null, longitude: null, phones: [], hours: [], languages: [],
        };
        const location = buildLocation(dir, blank, ctx.body);
        const rows = emptyRows();
        locationRows(rows, location, org.locations.length);
        await applyRows(tx, emptyRows(), rows);
        tx.audit({ action: 'directory.location.create', entityType: 'directory_location', entityId: location.id, details: { organizationId: org.id } });
        const after = await loadDirectory(tx);
        return presentLocation(after, actor, findLocation(after, location.id).location);
      });
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/directory/locations/:id',
    access: 'locations.write',
    summary: 'Change a location of the directory (optimistic locking by version)',
    tags: TAGS,
    params: IdParams,
    body: DirectoryLocationPatch,
    response: DirectoryLocation,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        const { org, location } = findLocation(dir, ctx.params.id);
        assertMayEditEntry(actor, dir.meta.bleibeOrgOf.get(org.id) ?? null);
        const { version, ...patch } = ctx.body;
        const next = buildLocation(dir, location, patch);
        await claimVersion(tx, 'directory_locations', location.id, version);
        const position = org.locations.indexOf(location);
        const before = emptyRows();
        const after = emptyRows();
        locationRows(before, location, position);
        locationRows(after, next, position);
        await applyRows(tx, before, after);
        tx.audit({ action: 'directory.location.update', entityType: 'directory_location', entityId: location.id, details: { fields: Object.keys(patch) } });
        const reloaded = await loadDirectory(tx);
        return presentLocation(reloaded, actor, findLocation(reloaded, location.id).location);
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/directory/export',
    access: 'authenticated',
    summary: 'The whole directory in Open Referral HSDS 3.0 form: JSON (organization package) or CSV (tabular, one file per table in a zip)',
    tags: TAGS,
    query: DirectoryExportQuery,
    response: z.union([z.string(), z.instanceof(Buffer)]),
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const dir = await loadDirectory(tx);
        if (ctx.query.format === 'csv') {
          ctx.reply.type('application/zip').header('Content-Disposition', 'attachment; filename="hsds-verzeichnis.zip"');
          return exportZip(dir);
        }
        ctx.reply.type('application/json; charset=utf-8').header('Content-Disposition', 'attachment; filename="hsds-verzeichnis.json"');
        return exportJson(dir);
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/directory/import',
    access: 'organisations.write',
    summary:
      'Import HSDS 3.0 data (JSON organization package or zipped tabular CSV, base64). Records are matched by HSDS id: importing ' +
      'the same file twice changes nothing. With dryRun the report (counts and every rejected record with its reason) is all that happens.',
    tags: TAGS,
    body: DirectoryImportRequest,
    response: DirectoryImportReport,
    bodyLimit: IMPORT_BODY_LIMIT,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) => {
        const report = await runImport(tx, ctx.body, ctx.t);
        if (!ctx.body.dryRun) {
          const sum = (k: 'created' | 'updated' | 'removed' | 'rejected') => report.counts.reduce((n, c) => n + c[k], 0);
          tx.audit({
            action: 'directory.import',
            entityType: 'directory',
            details: { fileName: ctx.body.fileName, format: report.format, created: sum('created'), updated: sum('updated'), removed: sum('removed'), rejected: sum('rejected') },
          });
        }
        return report;
      }),
  }),
];
