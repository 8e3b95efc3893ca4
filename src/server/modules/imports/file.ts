import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { IMPORT_LIMITS } from '../../../contracts/imports.js';
import { AppError } from '../../platform/http/errors.js';

/** A cell as the converter receives it: CSV gives text, Excel also numbers, dates and booleans. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number as the file shows it (the header is row 1 in a file that starts with it). */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  fileType: 'csv' | 'xlsx';
  delimiter: string | null;
  encoding: string | null;
  header: string[];
  rows: SheetRow[];
}

/** Uncompressed size an .xlsx may unpack to: guards against zip bombs before the parser runs. */
const MAX_XLSX_UNPACKED = 120 * 1024 * 1024;

const unsupported = () => new AppError(415, 'import_unsupported_file_type');
const unreadable = (line?: number) =>
  new AppError(400, 'import_file_unreadable', line ? [{ path: 'file', key: 'import.unreadable_at_row', params: { row: line } }] : undefined);
const tooManyRows = () => new AppError(413, 'import_too_many_rows', [{ path: 'file', key: 'import.too_many_rows', params: { max: IMPORT_LIMITS.maxRows } }]);

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0]; // Excel 97–2003 (.xls) and other old Office files
const PDF = [0x25, 0x50, 0x44, 0x46];

/**
 * Reads an uploaded file into a header and data rows. The file name's extension and the content
 * must agree: CSV (.csv, .txt, .tsv) or Excel (.xlsx); anything else is a 415 that says so.
 */
export async function readSheet(fileName: string, content: Buffer): Promise<Sheet> {
  if (content.length === 0) throw new AppError(422, 'import_empty_file');
  if (content.length > IMPORT_LIMITS.maxFileBytes) {
    throw new AppError(413, 'import_file_too_large', [{ path: 'file', key: 'import.file_too_large', params: { max: IMPORT_LIMITS.maxFileBytes / 1024 / 1024 } }]);
  }
  const ext = extname(fileName).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') {
    if (!startsWith(content, ZIP)) throw unsupported();
    return readXlsx(content);
  }
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    if (startsWith(content, ZIP) || startsWith(content, OLE2) || startsWith(content, PDF)) throw unsupported();
    return readCsv(content);
  }
  throw unsupported();
}

// ---- CSV --------------------------------------------------------------------------------------

/** UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252 (older Excel's "CSV"). */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8', { fatal: false }).decode(buf.subarray(3)), encoding: 'utf-8' };
  if (startsWith(buf, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(buf, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(buf), encoding: 'windows-1252' };
  }
}

/** The separator is the one the header line uses most: `;` (German Excel), `,` or a tab. */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.min(text.length, 64 * 1024)).split(/\r?\n/, 1)[0] ?? '';
  // Quoted header names may contain anything; count outside quotes only.
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ';';
}

function readCsv(content: Buffer): Sheet {
  const { text, encoding } = decodeText(content);
  // A NUL never occurs in a text file: this is some binary file with a CSV name.
  if (text.includes('\u0000')) throw unsupported();
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      // Kept, so that record n is row n as a spreadsheet shows the file; blank rows are dropped below.
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    const e = err as { code?: string; records?: number; lines?: number };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) throw unreadable((e.records ?? 0) + 1);
    throw err;
  }
  return toSheet(records, 'csv', delimiter, encoding);
}

// ---- XLSX -------------------------------------------------------------------------------------

/**
 * The sum of the uncompressed sizes in a zip's central directory, or null when it cannot be read
 * (not a zip, or ZIP64, which no spreadsheet within the file size limit needs).
 */
export function zipUnpackedSize(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 22 - 65_535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || p === 0xffffffff) return null;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) return null;
    total += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

/** An Excel cell value as plain data: formulas by their result, rich text as its text. */
function plainCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plainCell((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text ?? '');
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

async function readXlsx(content: Buffer): Promise<Sheet> {
  const unpacked = zipUnpackedSize(content);
  if (unpacked === null) throw unreadable();
  if (unpacked > MAX_XLSX_UNPACKED) {
    throw new AppError(413, 'import_file_too_large', [{ path: 'file', key: 'import.file_too_large', params: { max: IMPORT_LIMITS.maxFileBytes / 1024 / 1024 } }]);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable();
  }
  // The first worksheet holds the notices (documented in the template).
  const ws = wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0];
  if (!ws) throw new AppError(422, 'import_empty_file');
  const rows: SheetRow[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length > IMPORT_LIMITS.maxRows + 1) {
      tooMany = true;
      return;
    }
    // row.values is 1-based (index 0 is empty); holes are empty cells.
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
    rows.push({ row: rowNumber, cells });
  });
  if (tooMany) throw tooManyRows();
  return toSheetRows(rows, 'xlsx', null, null);
}

// ---- common -----------------------------------------------------------------------------------

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

function toSheet(records: string[][], fileType: 'csv', delimiter: string, encoding: string): Sheet {
  return toSheetRows(
    records.map((cells, i) => ({ row: i + 1, cells })),
    fileType,
    delimiter,
    encoding,
  );
}

/** The first non-empty row is the header; empty rows (blank in every cell) are skipped. */
function toSheetRows(all: SheetRow[], fileType: Sheet['fileType'], delimiter: string | null, encoding: string | null): Sheet {
  const nonEmpty = all.filter((r) => !r.cells.every(isBlank));
  if (nonEmpty.length === 0) throw new AppError(422, 'import_empty_file');
  const [head, ...rows] = nonEmpty;
  if (rows.length === 0) throw new AppError(422, 'import_empty_file');
  if (rows.length > IMPORT_LIMITS.maxRows) throw tooManyRows();
  const header = head.cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c)).trim());
  return { fileType, delimiter, encoding, header, rows };
}
