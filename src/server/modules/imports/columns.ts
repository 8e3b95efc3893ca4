import { NOTICE_KINDS, NoticeInput } from '../../../contracts/intake.js';
import { AppError, fieldsFromZod, unstorableStrings, type FieldProblem } from '../../platform/http/errors.js';
import type { Cell, Sheet } from './file.js';

/*
 * The column layout of an import file. One row is one notice (the partner API's NoticeInput).
 * Headers are matched case-insensitively, ignoring spaces and punctuation, by their English key
 * (as in the template) or the German name; values may be written the German way ("1.234,56",
 * "12.04.2026") or as in the API ("1234.56", "2026-04-12").
 */

type ColumnType = 'text' | 'postalCode' | 'date' | 'money' | 'integer' | 'kind' | 'terminationType';

export interface ColumnDef {
  key: string;
  /** Where the value goes in NoticeInput. */
  path: (string | number)[];
  type: ColumnType;
  required?: boolean;
  /** The German header name (the template's second line explains both). */
  german: string;
  /** The template's example value. */
  example?: string;
}

/** How many tenants a row may carry (tenant1… to tenant5…). */
export const MAX_TENANT_COLUMNS = 5;

const TENANT_FIELDS: { field: string; type: ColumnType; german: string }[] = [
  { field: 'FirstName', type: 'text', german: 'Vorname' },
  { field: 'LastName', type: 'text', german: 'Nachname' },
  { field: 'BirthDate', type: 'date', german: 'Geburtsdatum' },
  { field: 'ServedOn', type: 'date', german: 'Zustellung' },
  { field: 'Phone', type: 'text', german: 'Telefon' },
  { field: 'Email', type: 'text', german: 'E-Mail' },
];

function tenantColumns(n: number): ColumnDef[] {
  return TENANT_FIELDS.map((f) => ({
    key: `tenant${n}${f.field}`,
    path: ['tenants', n - 1, f.field[0].toLowerCase() + f.field.slice(1)],
    type: f.type,
    required: n === 1 && (f.field === 'FirstName' || f.field === 'LastName'),
    german: `Mieter${n} ${f.german}`,
  }));
}

const EXAMPLES: Record<string, string> = {
  externalId: 'AG-2026-0001',
  kind: 'court_eviction_suit',
  receivedOn: '12.04.2026',
  tenant1FirstName: 'Erika',
  tenant1LastName: 'Mustermann',
  tenant1BirthDate: '03.07.1980',
  tenant1ServedOn: '10.04.2026',
  street: 'Lindenstraße',
  houseNumber: '5a',
  postalCode: '05101',
  city: 'Musterstadt',
  householdSize: '3',
  children: '1',
  landlordName: 'Musterländer Wohnungsbau GmbH',
  monthlyRent: '620,50',
  arrears: '1.350,00',
  terminationType: 'without_notice',
  terminationReceivedOn: '02.03.2026',
  courtName: 'Amtsgericht Musterstadt',
  courtFileNumber: '12 C 345/26',
  courtFiledOn: '01.04.2026',
  courtServedOn: '10.04.2026',
  courtHearingOn: '20.05.2026',
};

const LAYOUT: ColumnDef[] = [
  { key: 'externalId', path: ['externalId'], type: 'text', required: true, german: 'Externe ID' },
  { key: 'kind', path: ['kind'], type: 'kind', required: true, german: 'Art' },
  { key: 'receivedOn', path: ['receivedOn'], type: 'date', required: true, german: 'Eingang' },
  ...Array.from({ length: MAX_TENANT_COLUMNS }, (_, i) => tenantColumns(i + 1)).flat(),
  { key: 'street', path: ['address', 'street'], type: 'text', required: true, german: 'Straße' },
  { key: 'houseNumber', path: ['address', 'houseNumber'], type: 'text', required: true, german: 'Hausnummer' },
  { key: 'postalCode', path: ['address', 'postalCode'], type: 'postalCode', required: true, german: 'PLZ' },
  { key: 'city', path: ['address', 'city'], type: 'text', required: true, german: 'Ort' },
  { key: 'householdSize', path: ['householdSize'], type: 'integer', german: 'Haushaltsgröße' },
  { key: 'children', path: ['children'], type: 'integer', german: 'Kinder' },
  { key: 'landlordName', path: ['landlord', 'name'], type: 'text', german: 'Vermieter' },
  { key: 'monthlyRent', path: ['monthlyRent'], type: 'money', german: 'Miete' },
  { key: 'arrears', path: ['arrears'], type: 'money', german: 'Mietrückstand' },
  { key: 'terminationType', path: ['termination', 'type'], type: 'terminationType', german: 'Kündigungsart' },
  { key: 'terminationReceivedOn', path: ['termination', 'receivedOn'], type: 'date', german: 'Kündigung erhalten' },
  { key: 'courtName', path: ['court', 'name'], type: 'text', german: 'Gericht' },
  { key: 'courtFileNumber', path: ['court', 'fileNumber'], type: 'text', german: 'Aktenzeichen' },
  { key: 'courtFiledOn', path: ['court', 'filedOn'], type: 'date', german: 'Klage eingereicht' },
  { key: 'courtServedOn', path: ['court', 'servedOn'], type: 'date', german: 'Klage zugestellt' },
  { key: 'courtHearingOn', path: ['court', 'hearingOn'], type: 'date', german: 'Gerichtstermin' },
  { key: 'evictionOn', path: ['evictionOn'], type: 'date', german: 'Räumungstermin' },
  { key: 'note', path: ['note'], type: 'text', german: 'Bemerkung' },
];
export const COLUMNS: ColumnDef[] = LAYOUT.map((c) => ({ ...c, example: EXAMPLES[c.key] }));

/** The columns the template shows: everything, with two tenants. */
export const TEMPLATE_COLUMNS = COLUMNS.filter((c) => !/^tenant[3-9]/.test(c.key));

/**
 * Lower case, letters and digits only, text in brackets dropped: "Mieter 1 – Vorname",
 * "tenant1FirstName" and the template's "tenant1FirstName (Pflicht)" all meet their column.
 */
export const normaliseHeader = (h: string) =>
  h.replace(/\([^)]*\)/g, '').toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '');

const BY_HEADER = new Map<string, ColumnDef>();
for (const c of COLUMNS) {
  BY_HEADER.set(normaliseHeader(c.key), c);
  BY_HEADER.set(normaliseHeader(c.german), c);
}
// Common spellings of German headers.
const MORE_ALIASES: Record<string, string> = {
  externeid: 'externalId', id: 'externalId', meldungsnummer: 'externalId', art: 'kind', meldungsart: 'kind',
  eingangsdatum: 'receivedOn', eingegangenam: 'receivedOn', strasse: 'street', hausnr: 'houseNumber',
  postleitzahl: 'postalCode', stadt: 'city', wohnort: 'city', personenimhaushalt: 'householdSize',
  anzahlkinder: 'children', vermieterin: 'landlordName', monatsmiete: 'monthlyRent', kaltmiete: 'monthlyRent',
  rueckstand: 'arrears', mietrueckstand: 'arrears', rückstand: 'arrears', bemerkungen: 'note', notiz: 'note',
};
for (const [alias, key] of Object.entries(MORE_ALIASES)) BY_HEADER.set(alias, COLUMNS.find((c) => c.key === key)!);
for (let n = 1; n <= MAX_TENANT_COLUMNS; n++) {
  for (const f of TENANT_FIELDS) {
    const def = COLUMNS.find((c) => c.key === `tenant${n}${f.field}`)!;
    BY_HEADER.set(normaliseHeader(`Mieterin${n} ${f.german}`), def);
    BY_HEADER.set(normaliseHeader(`Mieter ${n} ${f.german}`), def);
  }
}

const ALL_BY_PATH = new Map(COLUMNS.map((c) => [c.path.join('.'), c]));

/** The layout's column key for a NoticeInput path ("address.postalCode" → postalCode), if there is one. */
export const columnKeyOf = (path: string): string | null => ALL_BY_PATH.get(path)?.key ?? null;

export interface ColumnMap {
  /** For each column of the file: its definition (none for a column without a heading). */
  defs: (ColumnDef | undefined)[];
  /** The header as written in the file, by definition key (for messages). */
  headerOf: Map<string, string>;
}

/** Matches the file's header to the layout; unknown, repeated or missing columns are a 422 naming them. */
export function mapHeader(header: string[]): ColumnMap {
  const problems: FieldProblem[] = [];
  const defs: (ColumnDef | undefined)[] = [];
  const headerOf = new Map<string, string>();
  header.forEach((h) => {
    const def = BY_HEADER.get(normaliseHeader(h));
    // A column without a heading (Excel's trailing separator) is fine as long as it stays empty.
    if (!h) return void defs.push(undefined);
    if (!def) problems.push({ path: h, key: 'import.unknown_column' });
    else if (headerOf.has(def.key)) problems.push({ path: h, key: 'import.duplicate_column', params: { other: headerOf.get(def.key) } });
    else headerOf.set(def.key, h);
    defs.push(def);
  });
  for (const c of COLUMNS) if (c.required && !headerOf.has(c.key)) problems.push({ path: c.key, key: 'import.missing_column' });
  if (problems.length) throw new AppError(422, 'import_columns_invalid', problems);
  return { defs, headerOf };
}

// ---- values -----------------------------------------------------------------------------------

const KIND_ALIASES: Record<string, (typeof NOTICE_KINDS)[number]> = {
  raeumungsklage: 'court_eviction_suit', räumungsklage: 'court_eviction_suit', mizi: 'court_eviction_suit', klage: 'court_eviction_suit',
  jobcenter: 'jobcenter_warning', jobcentermeldung: 'jobcenter_warning', fruehwarnung: 'jobcenter_warning', frühwarnung: 'jobcenter_warning',
  vermieter: 'landlord_notice', vermietermeldung: 'landlord_notice', wohnungsunternehmen: 'landlord_notice',
  kuendigung: 'termination_notice', kündigung: 'termination_notice',
  raeumungstermin: 'eviction_date', räumungstermin: 'eviction_date', zwangsraeumung: 'eviction_date', zwangsräumung: 'eviction_date',
  selbstmelder: 'self_referral', selbstmelderin: 'self_referral', selbstmeldung: 'self_referral',
  sonstiges: 'other', andere: 'other',
};
const TERMINATION_ALIASES: Record<string, string> = {
  fristlos: 'without_notice', außerordentlich: 'without_notice', ausserordentlich: 'without_notice',
  ordentlich: 'ordinary', fristgemäß: 'ordinary', fristgemaess: 'ordinary',
  beides: 'both', beide: 'both', fristlosundordentlich: 'both', fristloshilfsweiseordentlich: 'both',
};

const pad = (n: number | string, len = 2) => String(n).padStart(len, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** "12.04.2026", "12.4.2026", "2026-04-12" (also with a midnight time) → "2026-04-12"; anything else stays as it is for the validator to name. */
export function parseDate(cell: Cell): string | undefined {
  if (cell instanceof Date) return isoOf(cell);
  // A date cell Excel did not format as a date: its serial number (days since 1899-12-30).
  if (typeof cell === 'number') return cell >= 1 && cell < 2_958_466 && Number.isInteger(cell) ? isoOf(new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000)) : String(cell);
  const s = text(cell);
  if (s === undefined) return undefined;
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (de) return `${de[3]}-${pad(de[2])}-${pad(de[1])}`;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/.exec(s);
  if (iso) return iso[1];
  return s;
}

/**
 * German "1.234,56", "620,5", "1.350" and international "1234.56", "1,234.56"; a currency sign
 * and spaces are ignored. Returns the text unchanged when it is no number.
 */
export function parseNumber(cell: Cell): number | string | undefined {
  if (typeof cell === 'number') return cell;
  const s = text(cell);
  if (s === undefined) return undefined;
  const t = s.replace(/[\s\u00a0\u202f€]|EUR/gi, '');
  let normal: string | null = null;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) normal = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+\.\d+$/.test(t)) normal = t.replace(/,/g, '');
  else if (/^-?\d+(,\d+)?$/.test(t)) normal = t.replace(',', '.');
  else if (/^-?\d*\.\d+$/.test(t)) normal = t;
  if (normal === null) return s;
  const n = Number(normal);
  return Number.isFinite(n) ? n : s;
}

function text(cell: Cell): string | undefined {
  if (cell === null) return undefined;
  if (cell instanceof Date) return isoOf(cell);
  const s = String(cell).trim();
  return s === '' ? undefined : s;
}

function convert(def: ColumnDef, cell: Cell): unknown {
  switch (def.type) {
    case 'text':
      return text(cell);
    case 'postalCode': {
      // Excel drops the leading zero of 01067 when the column is not formatted as text.
      if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 0 && cell < 100_000) return pad(cell, 5);
      return text(cell);
    }
    case 'date':
      return parseDate(cell);
    case 'money':
    case 'integer':
      return parseNumber(cell);
    case 'kind': {
      const s = text(cell);
      if (s === undefined) return undefined;
      if ((NOTICE_KINDS as readonly string[]).includes(s)) return s;
      return KIND_ALIASES[normaliseHeader(s)] ?? s;
    }
    case 'terminationType': {
      const s = text(cell);
      if (s === undefined) return undefined;
      return TERMINATION_ALIASES[normaliseHeader(s)] ?? s;
    }
  }
}

function setAt(target: Record<string, unknown>, path: (string | number)[], value: unknown) {
  let node: Record<string | number, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    node[k] ??= typeof path[i + 1] === 'number' ? [] : {};
    node = node[k] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function valueAt(target: unknown, path: string): unknown {
  let node = target;
  for (const k of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}

// ---- rows -------------------------------------------------------------------------------------

/** A problem found in a row: the column (as headed in the file, null for the whole row) and a catalogue key. */
export interface RowProblem {
  column: string | null;
  key: string;
  params?: Record<string, unknown>;
}

export interface RejectedRow {
  row: number;
  externalId: string | null;
  problems: RowProblem[];
}

export interface ValidRow {
  row: number;
  input: NoticeInput;
}

/** A validator's message key, made specific to the column's kind of value. */
function keyFor(def: ColumnDef | undefined, p: FieldProblem, given: boolean): RowProblem['key'] {
  // fieldsFromZod cannot tell a missing value from one of the wrong type (zod 4 leaves the input out).
  if (p.key === 'required' && !given) return 'field.required';
  if (p.key === 'required') p = { ...p, key: 'invalid_type' };
  if (def?.type === 'date' && (p.key === 'invalid_date' || p.key === 'invalid_type')) return 'field.import.invalid_date';
  if (def?.type === 'money' && p.key === 'invalid_type') return 'field.import.invalid_number';
  if (def?.type === 'money' && p.key === 'invalid_format') return 'field.import.invalid_amount';
  if (def?.type === 'integer' && p.key === 'invalid_type') return 'field.import.invalid_integer';
  if (p.key === 'invalid_type') return 'field.invalid_format';
  if (def?.type === 'kind' && p.key === 'invalid_value') return 'field.import.invalid_kind';
  if (def?.type === 'terminationType' && p.key === 'invalid_value') return 'field.import.invalid_termination_type';
  if (def?.type === 'postalCode' && p.key === 'invalid_format') return 'field.import.invalid_postal_code';
  return `field.${p.key}`;
}

/**
 * Turns the sheet's rows into notices, each validated like a notice sent to the API. A rejected
 * row names every problem with its column; an externalId that occurs twice in the file rejects
 * the later rows (they would otherwise be taken for re-sent notices and not imported).
 */
export function convertRows(sheet: Sheet): { columns: ColumnMap; valid: ValidRow[]; rejected: RejectedRow[] } {
  const columns = mapHeader(sheet.header);
  const byPath = new Map<string, ColumnDef>();
  for (const d of columns.defs) if (d) byPath.set(d.path.join('.'), d);
  const columnOf = (path: string) => {
    // The nearest column for a path: "court.name" → courtName; "tenants.1" → tenant2FirstName.
    for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      const def = byPath.get(p);
      if (def) return def;
    }
    // A column the file does not have (e.g. tenant2FirstName when only tenant2BirthDate is there).
    return ALL_BY_PATH.get(path);
  };
  const valid: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();

  for (const { row, cells } of sheet.rows) {
    const problems: RowProblem[] = [];
    const draft: Record<string, unknown> = {};
    cells.forEach((cell, i) => {
      const def = columns.defs[i];
      if (!def) {
        // A value beyond the last column or under an empty heading: it would be lost, so the row is refused.
        if (cell !== null && String(cell).trim() !== '') problems.push({ column: null, key: 'field.import.value_without_column', params: { column: i + 1 } });
        return;
      }
      const value = convert(def, cell);
      if (value !== undefined) setAt(draft, def.path, value);
    });
    // Tenant columns left empty between filled ones would leave holes: name them as missing.
    if (Array.isArray(draft.tenants)) draft.tenants = Array.from(draft.tenants as unknown[], (t) => t ?? {});
    const externalId = typeof draft.externalId === 'string' ? draft.externalId : null;

    const parsed = NoticeInput.safeParse(draft);
    const fieldProblems = parsed.success ? unstorableStrings(parsed.data) : fieldsFromZod(parsed.error);
    for (const p of fieldProblems) {
      const def = columnOf(p.path);
      const key = keyFor(def, p, valueAt(draft, p.path) !== undefined);
      problems.push({ column: def ? columns.headerOf.get(def.key) ?? def.key : null, key, ...(p.params ? { params: p.params } : {}) });
    }
    if (parsed.success && !problems.length) {
      const first = seen.get(parsed.data.externalId);
      if (first !== undefined) {
        problems.push({ column: columns.headerOf.get('externalId')!, key: 'field.import.duplicate_in_file', params: { row: first } });
      } else {
        seen.set(parsed.data.externalId, row);
        valid.push({ row, input: parsed.data });
        continue;
      }
    }
    rejected.push({ row, externalId, problems });
  }
  return { columns, valid, rejected };
}
