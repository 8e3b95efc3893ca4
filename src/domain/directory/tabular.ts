import { parse } from 'csv-parse/sync';
import type { DirectoryTable } from '../../contracts/directory.js';
import type { HsdsRecord } from './hsds-export.js';
import { ORIGIN, type Rejection } from './hsds-import.js';

/*
 * HSDS tabular form: one CSV file per table (comma-separated, UTF-8, a header row with the HSDS
 * field names; file names as the schemas' `path`), in one zip file. Nested records become rows
 * that point at their parent by id (service.organization_id, phone.service_id …). Reading goes the
 * other way: rows are hung under their parents again and read like the JSON form, so both formats
 * share every check. A row whose parent is not in the file is rejected as an orphan.
 */

export const TABULAR = {
  organization: { file: 'organizations.csv', columns: ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id'] },
  service: { file: 'services.csv', columns: ['id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services', 'application_process', 'fees_description', 'wait_time', 'fees', 'accreditations', 'eligibility_description', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'licenses', 'alert', 'last_modified'] },
  location: { file: 'locations.csv', columns: ['id', 'location_type', 'url', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type'] },
  address: { file: 'addresses.csv', columns: ['id', 'location_id', 'attention', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'] },
  accessibility: { file: 'accessibility.csv', columns: ['id', 'location_id', 'description', 'details', 'url'] },
  service_at_location: { file: 'service_at_location.csv', columns: ['id', 'service_id', 'location_id', 'description'] },
  service_area: { file: 'service_areas.csv', columns: ['id', 'service_id', 'name', 'description', 'extent', 'extent_type', 'uri'] },
  attribute: { file: 'attributes.csv', columns: ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value'] },
  phone: { file: 'phones.csv', columns: ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description'] },
  contact: { file: 'contacts.csv', columns: ['id', 'organization_id', 'service_id', 'service_at_location_id', 'location_id', 'name', 'title', 'department', 'email'] },
  schedule: { file: 'schedules.csv', columns: ['id', 'service_id', 'location_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq', 'interval', 'byday', 'byweekno', 'bymonthday', 'byyearday', 'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes'] },
  language: { file: 'languages.csv', columns: ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note'] },
  taxonomy_term: { file: 'taxonomy_terms.csv', columns: ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'] },
  taxonomy: { file: 'taxonomies.csv', columns: ['id', 'name', 'description', 'uri', 'version'] },
} as const;
export type TabularTable = keyof typeof TABULAR;
export type Row = Record<string, string | number>;
export type Tables = Record<TabularTable, Row[]>;

/** Which nested array of a record holds which table. */
const NESTED: Record<string, TabularTable> = {
  services: 'service', locations: 'location', addresses: 'address', accessibility: 'accessibility', service_at_locations: 'service_at_location',
  service_areas: 'service_area', attributes: 'attribute', phones: 'phone', contacts: 'contact', schedules: 'schedule', languages: 'language',
};

const emptyTables = (): Tables => Object.fromEntries(Object.keys(TABULAR).map((k) => [k, []])) as unknown as Tables;

/** The HSDS JSON package → one list of rows per table (taxonomy terms and the taxonomy once each). */
export function packageToTables(pkg: readonly HsdsRecord[]): Tables {
  const tables = emptyTables();
  const seen = new Set<string>();
  const add = (table: TabularTable, record: HsdsRecord) => {
    const key = `${table}:${String(record.id)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const row: Row = {};
    for (const col of TABULAR[table].columns) {
      const v = record[col];
      if (typeof v === 'string' || typeof v === 'number') row[col] = v;
    }
    tables[table].push(row);
    for (const [field, child] of Object.entries(NESTED)) {
      const items = record[field];
      if (Array.isArray(items)) for (const item of items) add(child, item as HsdsRecord);
    }
    if (table === 'attribute' && record.taxonomy_term) {
      const term = record.taxonomy_term as HsdsRecord;
      add('taxonomy_term', term);
      if (term.taxonomy_detail) add('taxonomy', term.taxonomy_detail as HsdsRecord);
    }
  };
  for (const o of pkg) add('organization', o);
  return tables;
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function tablesToCsvFiles(tables: Tables): { name: string; content: string }[] {
  return (Object.keys(TABULAR) as TabularTable[]).map((t) => ({ name: TABULAR[t].file, content: toCsv(TABULAR[t].columns, tables[t]) }));
}

export class CsvFileError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason}`);
  }
}

/** Reads the CSV files of a tabular import (by HSDS file name); unknown files are ignored. */
export function readCsvFiles(files: ReadonlyMap<string, string>): Record<TabularTable, Record<string, string>[]> {
  const out = {} as Record<TabularTable, Record<string, string>[]>;
  for (const t of Object.keys(TABULAR) as TabularTable[]) {
    const text = files.get(TABULAR[t].file);
    if (text === undefined) {
      out[t] = [];
      continue;
    }
    try {
      out[t] = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: false }) as Record<string, string>[];
    } catch {
      throw new CsvFileError(TABULAR[t].file, 'invalid_csv');
    }
    if (out[t].length && !('id' in out[t][0])) throw new CsvFileError(TABULAR[t].file, 'missing_id_column');
  }
  if (!files.has(TABULAR.organization.file)) throw new CsvFileError(TABULAR.organization.file, 'missing_file');
  return out;
}

type Node = Record<string | symbol, unknown>;

/**
 * Rows → the nested JSON form, each object marked with the file and row it came from (row 2 is
 * the first data row, as a spreadsheet shows it). Rows whose parent is missing are rejected.
 */
export function tablesToPackage(tables: Record<TabularTable, Record<string, string>[]>): { pkg: Node[]; rejections: Rejection[] } {
  const rejections: Rejection[] = [];
  const nodes = {} as Record<TabularTable, Node[]>;
  const index = {} as Record<TabularTable, Map<string, Node>>;
  for (const t of Object.keys(TABULAR) as TabularTable[]) {
    nodes[t] = tables[t].map((row, i) => {
      const node: Node = {};
      for (const [k, v] of Object.entries(row)) if (v !== '') node[k] = v;
      node[ORIGIN] = `${TABULAR[t].file}:${i + 2}`;
      return node;
    });
    index[t] = new Map(nodes[t].filter((n) => typeof n.id === 'string').map((n) => [String(n.id).toLowerCase(), n]));
  }
  const push = (parent: Node, field: string, child: Node) => {
    const list = (parent[field] ??= []) as Node[];
    list.push(child);
  };
  const orphan = (table: DirectoryTable, n: Node, field: string) =>
    rejections.push({ table, id: typeof n.id === 'string' ? n.id : null, where: String(n[ORIGIN]), field, reason: 'orphan' });
  const parentOf = (table: TabularTable, id: unknown) => (typeof id === 'string' ? index[table].get(id.toLowerCase()) : undefined);

  const hang = (table: DirectoryTable & TabularTable, field: string, parents: [TabularTable, string][]) => {
    for (const n of nodes[table]) {
      const hit = parents.map(([pt, col]) => [parentOf(pt, n[col]), col] as const).find(([p]) => p);
      if (hit) push(hit[0]!, field, n);
      else orphan(table, n, parents.find(([, col]) => n[col] !== undefined)?.[1] ?? parents[0][1]);
    }
  };
  // Contacts before phones, so a contact's phones hang under it.
  hang('service', 'services', [['organization', 'organization_id']]);
  hang('location', 'locations', [['organization', 'organization_id']]);
  hang('address', 'addresses', [['location', 'location_id']]);
  hang('accessibility', 'accessibility', [['location', 'location_id']]);
  hang('service_at_location', 'service_at_locations', [['service', 'service_id']]);
  hang('service_area', 'service_areas', [['service', 'service_id']]);
  hang('contact', 'contacts', [['service', 'service_id'], ['location', 'location_id'], ['organization', 'organization_id']]);
  hang('phone', 'phones', [['contact', 'contact_id'], ['service', 'service_id'], ['location', 'location_id'], ['organization', 'organization_id']]);
  hang('schedule', 'schedules', [['service', 'service_id'], ['location', 'location_id']]);
  hang('language', 'languages', [['service', 'service_id'], ['location', 'location_id']]);
  for (const n of nodes.attribute) {
    const term = parentOf('taxonomy_term', n.taxonomy_term_id);
    if (term) n.taxonomy_term = term;
    const service = parentOf('service', n.link_id);
    if (service && (n.link_entity === undefined || n.link_entity === 'service')) push(service, 'attributes', n);
    else orphan('attribute', n, 'link_id');
  }
  return { pkg: nodes.organization, rejections };
}
