import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

/*
 * One renderer for every report file (evaluation report, official counts, pseudonymised export):
 * a document is a title, label/value pairs about it (period, filters, date of the data) and one or
 * more tables. The callers translate; this module only lays out.
 *
 * CSV: RFC 4180 with comma separators, CRLF line ends and a UTF-8 byte-order mark. The comma
 * (not the semicolon of German Excel) is what statistics offices and R/pandas read without
 * options; the BOM makes Excel open the file as UTF-8 (umlauts intact). Numbers are written with a
 * decimal point and no thousands separators. A document with one table is just its header row and
 * data rows (machine-readable); a document with several tables writes the title, the meta pairs
 * and each table under its title, separated by blank lines.
 *
 * Formula injection (CSV and XLSX): a text cell starting with = + - @ (or a tab / carriage return,
 * which some spreadsheet programs skip before a formula) gets a leading apostrophe, so a
 * spreadsheet never evaluates text that came from user input. Numbers stay numbers.
 *
 * XLSX (exceljs): a first sheet with the title and the meta pairs when there are any, then one
 * sheet per table, header row bold and frozen.
 *
 * PDF (pdfkit, DejaVu Sans as in the letters module): A4, landscape when a table has more than six
 * columns; cells wrap; a table continues on the next page with its header row repeated; page
 * numbers at the foot.
 */

export type Cell = string | number | null;
export interface DocumentColumn {
  key: string;
  label: string;
}
export interface DocumentSection {
  title: string;
  columns: DocumentColumn[];
  rows: Record<string, Cell>[];
}
export interface ReportDocument {
  title: string;
  meta: [string, string][];
  sections: DocumentSection[];
  /** The download's name without extension; default: the title in lower case with dashes. */
  fileName?: string;
}
export type DocumentFormat = 'csv' | 'xlsx' | 'pdf';
export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export async function renderDocument(format: DocumentFormat, doc: ReportDocument, opts: { createdAt?: Date } = {}): Promise<RenderedDocument> {
  const body = format === 'csv' ? renderCsv(doc) : format === 'xlsx' ? await renderXlsx(doc) : await renderPdf(doc, opts.createdAt ?? new Date());
  return { body, contentType: CONTENT_TYPES[format], fileName: `${baseName(doc)}.${format}` };
}

/** Headers for a download: RFC 6266 with an ASCII fallback and the UTF-8 name (umlauts). */
export function attachmentHeaders(file: RenderedDocument): Record<string, string> {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'Cache-Control': 'no-store',
  };
}

function baseName(doc: ReportDocument): string {
  const raw = doc.fileName ?? doc.title;
  const slug = raw
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return slug || 'bleibe-report';
}

// ---- cells ---------------------------------------------------------------------------------

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet could take for a formula, defused with a leading apostrophe. */
export function safeText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  // No exponent notation for ordinary magnitudes; the decimal point as the CSV note says.
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(10)));
}

// ---- CSV -----------------------------------------------------------------------------------

function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? numberText(v) : safeText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(cells: Cell[]): string {
  return cells.map(csvField).join(',');
}

function csvTable(section: DocumentSection): string[] {
  return [csvLine(section.columns.map((c) => c.label)), ...section.rows.map((r) => csvLine(section.columns.map((c) => r[c.key] ?? null)))];
}

export function renderCsv(doc: ReportDocument): Buffer {
  let lines: string[];
  if (doc.sections.length === 1) lines = csvTable(doc.sections[0]);
  else {
    lines = [csvLine([doc.title]), ...doc.meta.map(([k, v]) => csvLine([k, v]))];
    for (const s of doc.sections) lines.push('', csvLine([s.title]), ...csvTable(s));
  }
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

// ---- XLSX ----------------------------------------------------------------------------------

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique (case-insensitive). */
function sheetNames(titles: string[]): string[] {
  const used = new Set<string>();
  return titles.map((t, i) => {
    const base = t.replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || `Sheet ${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

function xlsxValue(v: Cell): string | number | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? (Number.isFinite(v) ? v : null) : safeText(v);
}

export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bleibe';
  const withInfo = doc.meta.length > 0;
  const names = sheetNames([...(withInfo ? [doc.title] : []), ...doc.sections.map((s) => s.title)]);
  if (withInfo) {
    const ws = wb.addWorksheet(names.shift()!);
    ws.addRow([xlsxValue(doc.title)]).font = { bold: true, size: 13 };
    for (const [k, v] of doc.meta) ws.addRow([xlsxValue(k), xlsxValue(v)]);
    ws.getColumn(1).width = 30;
    ws.getColumn(2).width = 50;
  }
  doc.sections.forEach((s, i) => {
    const ws = wb.addWorksheet(names[i], { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: xlsxValue(c.label) as string, key: c.key, width: columnWidth(s, c) }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(s.columns.map((c) => xlsxValue(r[c.key] ?? null)));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function columnWidth(s: DocumentSection, c: DocumentColumn): number {
  let w = c.label.length;
  for (const r of s.rows.slice(0, 500)) w = Math.max(w, String(r[c.key] ?? '').length);
  return Math.min(60, Math.max(8, w + 2));
}

// ---- PDF -----------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = { regular: join(FONT_DIR, 'DejaVuSans.ttf'), bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf') };
const MM = 72 / 25.4;
const MARGIN = 15 * MM;
const SIZE = { title: 14, section: 11, text: 8.5, foot: 7 };
const PAD = 2.5;

type Pdf = InstanceType<typeof PDFDocument>;

export function renderPdf(doc: ReportDocument, createdAt: Date): Promise<Buffer> {
  const landscape = doc.sections.some((s) => s.columns.length > 6);
  const pdf = new PDFDocument({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: true,
    displayTitle: true,
    info: { Title: doc.title, Creator: 'Bleibe', CreationDate: createdAt },
  });
  pdf.registerFont('regular', FONT.regular);
  pdf.registerFont('bold', FONT.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const width = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN - 10;
  let y = MARGIN;
  const text = (s: string, x: number, w: number, font: 'regular' | 'bold', size: number) => {
    pdf.font(font).fontSize(size).text(s, x, y, { width: w, lineBreak: true });
    return pdf.font(font).fontSize(size).heightOfString(s, { width: w });
  };

  y += text(doc.title, MARGIN, width, 'bold', SIZE.title) + 4;
  for (const [k, v] of doc.meta) {
    const h = Math.max(
      pdf.font('bold').fontSize(SIZE.text).heightOfString(k, { width: width * 0.3 }),
      pdf.font('regular').fontSize(SIZE.text).heightOfString(v, { width: width * 0.7 - 4 }),
    );
    if (y + h > bottom()) {
      pdf.addPage();
      y = MARGIN;
    }
    text(k, MARGIN, width * 0.3, 'bold', SIZE.text);
    text(v, MARGIN + width * 0.3 + 4, width * 0.7 - 4, 'regular', SIZE.text);
    y += h + 1.5;
  }

  for (const s of doc.sections) {
    y += 10;
    const widths = pdfColumnWidths(pdf, s, width);
    const tableWidth = widths.reduce((a, b) => a + b, 0);
    const numericColumn = s.columns.map((c) => s.rows.length > 0 && s.rows.every((r) => r[c.key] === null || r[c.key] === undefined || typeof r[c.key] === 'number'));
    const cellText = (r: Record<string, Cell>, key: string) => {
      const v = r[key];
      return v === null || v === undefined ? '' : typeof v === 'number' ? numberText(v) : v;
    };
    const rowHeight = (cells: string[], font: 'regular' | 'bold') =>
      Math.max(...cells.map((c, i) => pdf.font(font).fontSize(SIZE.text).heightOfString(c || ' ', { width: widths[i] - 2 * PAD }))) + 2 * PAD;
    const drawRow = (cells: string[], font: 'regular' | 'bold', h: number, shade: boolean) => {
      if (shade) pdf.rect(MARGIN, y, tableWidth, h).fill(font === 'bold' ? '#dde3ea' : '#f3f5f7').fillColor('black');
      let x = MARGIN;
      cells.forEach((c, i) => {
        pdf.font(font).fontSize(SIZE.text).text(c, x + PAD, y + PAD, { width: widths[i] - 2 * PAD, align: numericColumn[i] ? 'right' : 'left' });
        x += widths[i];
      });
      pdf.moveTo(MARGIN, y + h).lineTo(MARGIN + tableWidth, y + h).lineWidth(0.3).strokeColor('#999999').stroke();
      y += h;
    };
    const header = s.columns.map((c) => c.label);
    const headerHeight = rowHeight(header, 'bold');
    const titleHeight = pdf.font('bold').fontSize(SIZE.section).heightOfString(s.title, { width });
    // Keep the title with the header and the first row.
    const firstRow = s.rows.length ? rowHeight(s.columns.map((c) => cellText(s.rows[0], c.key)), 'regular') : 0;
    if (y + titleHeight + headerHeight + firstRow + 4 > bottom()) {
      pdf.addPage();
      y = MARGIN;
    }
    y += text(s.title, MARGIN, width, 'bold', SIZE.section) + 4;
    drawRow(header, 'bold', headerHeight, true);
    s.rows.forEach((r, n) => {
      const cells = s.columns.map((c) => cellText(r, c.key));
      const h = rowHeight(cells, 'regular');
      if (y + h > bottom()) {
        pdf.addPage();
        y = MARGIN;
        drawRow(header, 'bold', headerHeight, true);
      }
      drawRow(cells, 'regular', h, n % 2 === 1);
    });
  }

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const foot = `${doc.title} · ${i - range.start + 1} / ${range.count}`;
    // Writing below the bottom margin would make pdfkit open a new page; lift the margin first.
    const saved = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('regular').fontSize(SIZE.foot).fillColor('#555555').text(foot, MARGIN, pdf.page.height - MARGIN + 2, { width, align: 'right', lineBreak: false });
    pdf.page.margins.bottom = saved;
    pdf.fillColor('black');
  }
  pdf.end();
  return done;
}

/**
 * Column widths from the content: each column at least as wide as its longest word (no word is
 * broken where the page allows), the rest shared in proportion to the natural widths; a narrow
 * table stays narrow (at most twice its natural width) instead of spreading over the page.
 */
function pdfColumnWidths(pdf: Pdf, s: DocumentSection, total: number): number[] {
  const measure = (text: string, font: 'regular' | 'bold') => pdf.font(font).fontSize(SIZE.text).widthOfString(text);
  const longestWord = (text: string, font: 'regular' | 'bold') => Math.max(0, ...text.split(/\s+/).map((w) => measure(w, font)));
  const natural: number[] = [];
  const words: number[] = [];
  for (const c of s.columns) {
    let w = measure(c.label, 'bold');
    let word = longestWord(c.label, 'bold');
    for (const r of s.rows.slice(0, 200)) {
      const v = r[c.key];
      if (v === null || v === undefined) continue;
      const text = typeof v === 'number' ? numberText(v) : v;
      w = Math.max(w, measure(text, 'regular'));
      word = Math.max(word, longestWord(text, 'regular'));
    }
    natural.push(Math.min(w, total * 0.4) + 2 * PAD + 1);
    words.push(Math.min(word, total * 0.4) + 2 * PAD + 1);
  }
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= total) return natural.map((w) => w * Math.min(2, total / sum));
  const wordSum = words.reduce((a, b) => a + b, 0);
  // Not even the longest words fit: shrink in proportion (pdfkit then breaks inside words).
  if (wordSum >= total) return words.map((w) => (w * total) / wordSum);
  const rest = total - wordSum;
  const extra = natural.map((w, i) => Math.max(0, w - words[i]));
  const extraSum = extra.reduce((a, b) => a + b, 0) || 1;
  return words.map((w, i) => w + (rest * extra[i]) / extraSum);
}
