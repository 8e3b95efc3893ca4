import { strToU8, unzipSync, zipSync } from 'fflate';
import { DIRECTORY_IMPORT_LIMITS, type DirectoryImportReport, type DirectoryImportRequest, type DirectoryTable } from '../../../contracts/directory.js';
import { toHsdsPackage } from '../../../domain/directory/hsds-export.js';
import { parseHsdsPackage, type Rejection } from '../../../domain/directory/hsds-import.js';
import type { DirOrganization } from '../../../domain/directory/model.js';
import { diffRows, emptyRows, organizationRows, ROW_TABLES, type DirectoryRows, type DirectoryRowTable, type TableDiff } from '../../../domain/directory/rows.js';
import { CsvFileError, packageToTables, readCsvFiles, tablesToCsvFiles, tablesToPackage } from '../../../domain/directory/tabular.js';
import type { Tx } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/http/errors.js';
import type { Translate } from '../../platform/i18n/translate.js';
import { applyRows, bumpVersions, loadDirectory, type Directory } from './store.js';

const HSDS_TABLE_OF: Record<DirectoryRowTable, DirectoryTable> = {
  directory_organizations: 'organization',
  directory_locations: 'location',
  directory_services: 'service',
  directory_service_categories: 'attribute',
  directory_service_areas: 'service_area',
  directory_service_locations: 'service_at_location',
  directory_contacts: 'contact',
  directory_phones: 'phone',
  directory_schedules: 'schedule',
  directory_languages: 'language',
};

const unreadable = (reason: string, params: Record<string, unknown> = {}) =>
  new AppError(400, 'directory_file_unreadable', [{ path: 'contentBase64', key: `directory.${reason}`, params }]);
const tooLarge = () =>
  new AppError(413, 'directory_file_too_large', [{ path: 'contentBase64', key: 'directory.file_too_large', params: { max: DIRECTORY_IMPORT_LIMITS.maxFileBytes / 1024 / 1024 } }]);

const utf8 = new TextDecoder('utf-8', { fatal: true });
function text(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw unreadable('not_utf8', { file });
  }
}

/** The CSV files of a zip, by base name. Sizes are checked from the directory before anything is inflated. */
function unzipCsv(content: Buffer): Map<string, string> {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(content, {
      filter: (f) => {
        if (!f.name.toLowerCase().endsWith('.csv')) return false;
        total += f.originalSize;
        if (total > DIRECTORY_IMPORT_LIMITS.maxUnpackedBytes) throw tooLarge();
        return true;
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable('not_zip');
  }
  const out = new Map<string, string>();
  for (const [name, bytes] of Object.entries(files)) {
    if (bytes.length > DIRECTORY_IMPORT_LIMITS.maxUnpackedBytes) throw tooLarge();
    const base = name.split('/').pop()!.toLowerCase();
    out.set(base, text(bytes, base));
  }
  return out;
}

interface ReadFile {
  format: 'json' | 'csv';
  pkg: unknown;
  rejections: Rejection[];
}

/** Decodes an upload into the nested HSDS form; file-level problems are 4xx errors naming the file. */
export function readImportFile(body: DirectoryImportRequest): ReadFile {
  const content = Buffer.from(body.contentBase64, 'base64');
  if (content.length > DIRECTORY_IMPORT_LIMITS.maxFileBytes) throw tooLarge();
  if (content.length === 0) throw unreadable('empty_file');
  if (/\.json$/i.test(body.fileName)) {
    try {
      return { format: 'json', pkg: JSON.parse(text(content, body.fileName)), rejections: [] };
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw unreadable('not_json');
    }
  }
  const files = unzipCsv(content);
  try {
    const { pkg, rejections } = tablesToPackage(readCsvFiles(files));
    return { format: 'csv', pkg, rejections };
  } catch (e) {
    if (e instanceof CsvFileError) throw unreadable(e.reason, { file: e.file });
    throw e;
  }
}

function recordCount(pkg: unknown): number {
  let n = 0;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      n++;
      Object.values(v).forEach(walk);
    }
  };
  walk(pkg);
  return n;
}

/**
 * An organisation of the file whose records carry ids that the directory already uses under
 * another organisation would take them over: it is refused as a whole, naming the id.
 */
function foreignIds(incoming: DirOrganization, storedOwner: ReadonlyMap<string, string>): string | null {
  const rows = organizationRows(incoming);
  for (const t of ROW_TABLES) {
    for (const r of rows[t] as { id: string; organization_id?: string }[]) {
      const owner = storedOwner.get(`${t}:${r.id}`);
      if (owner !== undefined && owner !== (r.organization_id ?? r.id)) return r.id;
    }
  }
  for (const l of incoming.locations) {
    for (const [kind, id] of [['address', l.address?.id], ['accessibility', l.accessibility?.id]] as const) {
      const owner = id ? storedOwner.get(`${kind}:${id}`) : undefined;
      if (owner !== undefined && owner !== l.id) return id!;
    }
  }
  return null;
}

/**
 * Runs an import: every organisation of the file replaces its stored entry (same HSDS id), with
 * the records the file no longer lists removed; organisations the file does not name stay as they
 * are. A dry run stops before writing and reports the same. Importing the same file again changes
 * nothing (every record "unchanged").
 */
export async function runImport(tx: Tx, body: DirectoryImportRequest, t: Translate): Promise<DirectoryImportReport> {
  const file = readImportFile(body);
  if (recordCount(file.pkg) > DIRECTORY_IMPORT_LIMITS.maxRecords) throw tooLarge();
  const dir = await loadDirectory(tx);
  const storedLocations = new Set(dir.orgs.flatMap((o) => o.locations.map((l) => l.id)));
  const parsed = parseHsdsPackage(file.pkg, { municipalities: dir.municipalities, knownLocationIds: storedLocations });
  if (!parsed) throw unreadable('not_hsds');
  const rejections = [...file.rejections, ...parsed.rejections];

  const storedOwner = new Map<string, string>();
  for (const o of dir.orgs) {
    const rows = organizationRows(o);
    for (const tb of ROW_TABLES) for (const r of rows[tb] as { id: string; organization_id?: string }[]) storedOwner.set(`${tb}:${r.id}`, r.organization_id ?? r.id);
    for (const l of o.locations) {
      if (l.address) storedOwner.set(`address:${l.address.id}`, l.id);
      if (l.accessibility) storedOwner.set(`accessibility:${l.accessibility.id}`, l.id);
    }
  }
  const taken: DirOrganization[] = [];
  for (const o of parsed.organizations) {
    const clash = foreignIds(o, storedOwner);
    if (clash) rejections.push({ table: 'organization', id: o.id, where: o.id, field: 'id', reason: 'foreign_id', params: { id: clash } });
    else taken.push(o);
  }

  // One scope for all organisations of the file, so a service may link a location named further down.
  const stored = emptyRows();
  const incoming = emptyRows();
  for (const o of taken) {
    const old = dir.orgs.find((x) => x.id === o.id);
    if (old) organizationRows(old, stored);
    organizationRows(o, incoming);
  }
  const diff = body.dryRun ? diffRows(stored, incoming) : await applyRows(tx, stored, incoming);
  if (!body.dryRun) await bumpVersions(tx, changedParents(diff, stored, incoming));

  return {
    dryRun: body.dryRun,
    format: file.format,
    counts: countsOf(diff, rejections),
    rejections: rejections.map((r) => ({
      table: r.table,
      id: r.id,
      where: r.where,
      field: r.field,
      message: t(`directory_import.${r.reason}`, { field: r.field ?? '', ...(r.params ?? {}) }),
    })),
  };
}

/** Organisations, services and locations whose own row or any row below them changed. */
function changedParents(diff: Record<DirectoryRowTable, TableDiff>, stored: DirectoryRows, incoming: DirectoryRows) {
  const out = { directory_organizations: new Set<string>(), directory_services: new Set<string>(), directory_locations: new Set<string>() };
  const rowsById = new Map<string, { organization_id?: string; service_id?: string | null; location_id?: string | null }>();
  for (const rows of [stored, incoming]) for (const t of ROW_TABLES) for (const r of rows[t] as { id: string; organization_id?: string }[]) rowsById.set(`${t}:${r.id}`, r);
  for (const t of ROW_TABLES) {
    for (const id of [...diff[t].updated, ...diff[t].removed, ...diff[t].created]) {
      const r = rowsById.get(`${t}:${id}`);
      if (!r) continue;
      if (t === 'directory_organizations') {
        if (diff[t].updated.includes(id)) out.directory_organizations.add(id);
        continue;
      }
      if (r.organization_id) out.directory_organizations.add(r.organization_id);
      if (t === 'directory_services') out.directory_services.add(id);
      else if (t === 'directory_locations') out.directory_locations.add(id);
      if (r.service_id) out.directory_services.add(r.service_id);
      if (r.location_id) out.directory_locations.add(r.location_id);
    }
  }
  // Newly created records start at version 1; only existing ones move on.
  const existing = (t: 'directory_organizations' | 'directory_services' | 'directory_locations') =>
    [...out[t]].filter((id) => (stored[t] as { id: string }[]).some((r) => r.id === id) && (incoming[t] as { id: string }[]).some((r) => r.id === id));
  return { directory_organizations: existing('directory_organizations'), directory_services: existing('directory_services'), directory_locations: existing('directory_locations') };
}

function countsOf(diff: Record<DirectoryRowTable, TableDiff>, rejections: Rejection[]): DirectoryImportReport['counts'] {
  const rejected = new Map<DirectoryTable, Set<string>>();
  for (const r of rejections) rejected.set(r.table, (rejected.get(r.table) ?? new Set()).add(`${r.where}|${r.id}`));
  const counts: DirectoryImportReport['counts'] = ROW_TABLES.map((tb) => ({
    table: HSDS_TABLE_OF[tb],
    created: diff[tb].created.length,
    updated: diff[tb].updated.length,
    unchanged: diff[tb].unchanged.length,
    removed: diff[tb].removed.length,
    rejected: rejected.get(HSDS_TABLE_OF[tb])?.size ?? 0,
  }));
  for (const tb of ['address', 'accessibility'] as const) {
    if (rejected.has(tb)) counts.push({ table: tb, created: 0, updated: 0, unchanged: 0, removed: 0, rejected: rejected.get(tb)!.size });
  }
  return counts;
}

// ---- export ------------------------------------------------------------------------------------

export function exportJson(dir: Directory): string {
  return JSON.stringify(toHsdsPackage(dir.orgs, dir.municipalities), null, 2);
}

/** The tabular form: one CSV per HSDS table in one zip (fixed timestamps, so the same directory gives the same bytes). */
export function exportZip(dir: Directory): Buffer {
  const files = tablesToCsvFiles(packageToTables(toHsdsPackage(dir.orgs, dir.municipalities)));
  const mtime = new Date('2026-01-01T00:00:00Z');
  return Buffer.from(zipSync(Object.fromEntries(files.map((f) => [f.name, [strToU8(f.content), { mtime }]]))));
}
