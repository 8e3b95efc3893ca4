import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import bidiFactory from 'bidi-js';
import PDFDocument from 'pdfkit';
import type { LetterModel } from '../../../domain/letters/compose.js';

/*
 * Writes a letter (domain/letters/compose.ts) as an A4 PDF with pdfkit.
 *
 * Fonts: DejaVu Sans (npm package dejavu-fonts-ttf, installed by `npm ci`) covers Latin with its
 * extensions (Turkish ı ş ğ İ), Cyrillic (Ukrainian ї є ґ) and Arabic with the OpenType tables for
 * joining; pdfkit embeds the subset of glyphs used.
 *
 * Right-to-left: pdfkit has no bidi and shapes text word by word, so this module lays out every
 * line itself. For each line the Unicode bidi algorithm (bidi-js) gives each character its level;
 * characters of one level form a run; runs are put in visual order (rule L2 of UAX #9) and drawn
 * one after another from the left. A right-to-left run is handed to fontkit whole and in logical
 * order (its `features` option makes pdfkit lay out the run in one piece): fontkit joins the
 * Arabic letters and reverses the glyphs. Runs without Arabic letters (spaces, punctuation) are
 * reversed here. Mirrored characters (brackets) are swapped first. Placeholder values come
 * wrapped in directional isolates (FSI … PDI), so a Latin name or a phone number inside Arabic
 * text keeps its own order; the isolate marks themselves are not drawn.
 */

const bidi = bidiFactory();
const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = { regular: join(FONT_DIR, 'DejaVuSans.ttf'), bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf') };

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
// DIN 5008-like margins: text from 25 mm, 20 mm on the right, the address window at 45 mm.
const LEFT = 25 * MM;
const RIGHT = PAGE.width - 20 * MM;
const WIDTH = RIGHT - LEFT;
const BOTTOM = PAGE.height - 25 * MM;
const SIZE = { text: 10.5, small: 7.5, sender: 13, subject: 11.5 };
const LEADING = 1.4;

const ISOLATES = /[\u2066-\u2069]/;
const RTL_LETTERS = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
// pdfkit lays text out word by word unless features are given; an empty list keeps the font's defaults.
const WHOLE_RUN = { features: [] as never[] };

type Doc = InstanceType<typeof PDFDocument>;
type Dir = 'ltr' | 'rtl';
type Align = 'start' | 'end';

interface Run {
  level: number;
  text: string;
}

/** The runs of one line in visual order (left to right), ready to draw. */
export function visualRuns(line: string, dir: Dir): Run[] {
  const { levels } = bidi.getEmbeddingLevels(line, dir);
  const mirrored = bidi.getMirroredCharactersMap(line, levels);
  const runs: Run[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ISOLATES.test(ch)) continue;
    const c = mirrored.get(i) ?? ch;
    const last = runs[runs.length - 1];
    if (last && last.level === levels[i]) last.text += c;
    else runs.push({ level: levels[i], text: c });
  }
  if (!runs.length) return runs;
  // L2: from the highest level down to the lowest odd one, reverse every stretch at or above it.
  const max = Math.max(...runs.map((r) => r.level));
  const odd = runs.map((r) => r.level).filter((l) => l % 2 === 1);
  const lowestOdd = odd.length ? Math.min(...odd) : max + 1;
  for (let level = max; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; ) {
      if (runs[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j].level >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  // fontkit reverses runs of Arabic script itself; other right-to-left runs are reversed here.
  return runs.map((r) => (r.level % 2 === 1 && !RTL_LETTERS.test(r.text) ? { ...r, text: [...r.text].reverse().join('') } : r));
}

const visible = (s: string) => s.replace(/[\u2066-\u2069]/g, '');

class Writer {
  y = 0;
  constructor(
    readonly doc: Doc,
    readonly dir: Dir,
  ) {}

  private width(text: string) {
    return this.doc.widthOfString(visible(text), WHOLE_RUN);
  }

  /** Greedy word wrap in logical order; bidi is applied per line afterwards (UAX #9 3.4). */
  private wrap(text: string, width: number): string[] {
    const words = text.split(/ +/).filter(Boolean);
    const lines: string[] = [];
    let current = '';
    for (const w of words) {
      const candidate = current ? `${current} ${w}` : w;
      if (current && this.width(candidate) > width) {
        lines.push(current);
        current = w;
      } else current = candidate;
    }
    if (current) lines.push(current);
    return lines;
  }

  private drawLine(line: string, x: number, width: number, align: Align) {
    const runs = visualRuns(line, this.dir);
    const widths = runs.map((r) => this.doc.widthOfString(r.text, WHOLE_RUN));
    const total = widths.reduce((a, b) => a + b, 0);
    const toRight = (align === 'start') === (this.dir === 'rtl');
    let cx = toRight ? x + width - total : x;
    runs.forEach((r, i) => {
      this.doc.text(r.text, cx, this.y, { lineBreak: false, ...WHOLE_RUN });
      cx += widths[i];
    });
  }

  lineHeight(size: number) {
    return size * LEADING;
  }

  /** Writes one paragraph line by line, starting a new page when the text reaches the bottom. */
  text(text: string, opts: { size?: number; bold?: boolean; x?: number; width?: number; align?: Align; gap?: number; fixed?: boolean } = {}) {
    const size = opts.size ?? SIZE.text;
    const x = opts.x ?? LEFT;
    const width = opts.width ?? WIDTH;
    this.doc.font(opts.bold ? FONT.bold : FONT.regular).fontSize(size);
    for (const line of this.wrap(text, width)) {
      if (!opts.fixed && this.y + this.lineHeight(size) > BOTTOM) {
        this.doc.addPage();
        this.y = 20 * MM;
      }
      this.drawLine(line, x, width, opts.align ?? 'start');
      this.y += this.lineHeight(size);
    }
    this.y += opts.gap ?? 0;
  }
}

/**
 * Text extraction (pdftotext/poppler, and so search and copy in most viewers) reverses a right-to-
 * left line character by character, including the characters of one ligature glyph: lam-alef
 * ("لا", "لإ"), which Arabic typography requires, would come out as "ال", "إل". Its ToUnicode
 * entry is therefore stored in visual order, so that the reversal yields the logical order. This
 * reaches into pdfkit's font object (pdfkit is pinned; the extraction test guards it).
 */
function reverseArabicLigatureText(doc: Doc) {
  const fonts = (doc as unknown as { _fontFamilies: Record<string, { unicode?: number[][]; arabicFixed?: Set<number> }> })._fontFamilies;
  for (const font of new Set(Object.values(fonts))) {
    if (!font.unicode) continue;
    font.arabicFixed ??= new Set();
    font.unicode.forEach((cps, gid) => {
      if (!cps || cps.length < 2 || font.arabicFixed!.has(gid)) return;
      if (cps.every((cp) => RTL_LETTERS.test(String.fromCodePoint(cp)))) font.unicode![gid] = [...cps].reverse();
      font.arabicFixed!.add(gid);
    });
  }
}

/** The letter as PDF bytes. */
export function renderLetterPdf(letter: LetterModel, meta: { author: string; createdAt: Date }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    lang: letter.pdfLang,
    displayTitle: true,
    info: { Title: letter.title, Author: meta.author, Creator: 'Bleibe', CreationDate: meta.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new Writer(doc, letter.direction);
  // Letterhead: the sender on the far side from where the reader starts, as letters do.
  w.y = 15 * MM;
  w.text(letter.sender.name, { size: SIZE.sender, bold: true, align: 'end' });
  for (const line of letter.sender.lines) w.text(line, { size: SIZE.small + 1, align: 'end' });

  // Address window (DIN 5008 form B): return line, then the recipient.
  w.y = 45 * MM;
  w.text(letter.returnLine, { size: SIZE.small, width: 85 * MM, x: letter.direction === 'rtl' ? RIGHT - 85 * MM : LEFT, gap: 2 });
  for (const line of letter.recipient) w.text(line, { width: 85 * MM, x: letter.direction === 'rtl' ? RIGHT - 85 * MM : LEFT });

  // Reference line, then subject and text.
  w.y = Math.max(w.y + 8 * MM, 95 * MM);
  for (const r of letter.reference) w.text(`${r.label}: ${r.value}`, { size: SIZE.text - 1, align: 'end' });
  w.y += 6 * MM;
  w.text(letter.subject, { size: SIZE.subject, bold: true, gap: 4 * MM });
  for (const paragraph of letter.paragraphs) {
    for (const line of paragraph) w.text(line);
    w.y += w.lineHeight(SIZE.text) * 0.6;
  }

  w.y += 4 * MM;
  for (const block of letter.blocks) {
    w.text(block.heading, { bold: true, size: SIZE.text - 1 });
    for (const line of block.lines) w.text(line, { size: SIZE.text - 1 });
    w.y += 2 * MM;
  }

  if (letter.footer) {
    // On the page's foot, below the text area (the text never runs into it: see BOTTOM).
    w.y = PAGE.height - 18 * MM;
    w.text(letter.footer, { size: SIZE.small, fixed: true });
  }
  reverseArabicLigatureText(doc);
  doc.end();
  return done;
}
