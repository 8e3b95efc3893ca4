import { describe, expect, it } from 'vitest';
import { safeFileName, sniffContentType } from './sniff.js';

const bytes = (...b: (number | string)[]) => new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...Buffer.from(x, 'latin1')] : [x])));

describe('sniffContentType', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['PNG', bytes(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0), 'image/png'],
    ['JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'), 'image/jpeg'],
    ['JPEG (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1), 'image/jpeg'],
    ['empty', bytes(), null],
    ['a PDF header later in the file', bytes(' %PDF-1.4'), null],
    ['HTML', bytes('<!doctype html><script>'), null],
    ['a Windows program', bytes('MZ', 0x90, 0), null],
    ['ZIP (docx)', bytes('PK', 3, 4), null],
    ['GIF', bytes('GIF89a'), null],
    ['truncated PNG signature', bytes(0x89, 'PNG'), null],
    ['"%PDF" without the dash', bytes('%PDF'), null],
  ])('%s', (_name, input, type) => expect(sniffContentType(input)).toBe(type));
});

describe('safeFileName', () => {
  it.each([
    ['Mietvertrag.pdf', 'application/pdf', 'Mietvertrag.pdf'],
    ['scan.PDF', 'application/pdf', 'scan.PDF'],
    ['foto.jpeg', 'image/jpeg', 'foto.jpeg'],
    ['foto.png', 'image/jpeg', 'foto.jpg'],
    ['C:\\Users\\x\\Kündigung März.pdf', 'application/pdf', 'Kündigung März.pdf'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['rechnung\u202efdp.exe', 'application/pdf', 'rechnungfdp.pdf'],
    ['a"b<c>.png', 'image/png', 'abc.png'],
    ['', 'application/pdf', 'dokument.pdf'],
    [undefined, 'image/png', 'dokument.png'],
    ['.pdf', 'application/pdf', 'pdf.pdf'], // no hidden files
  ] as const)('%s as %s → %s', (claimed, type, out) => expect(safeFileName(claimed, type)).toBe(out));
  it('is at most 150 characters and keeps its extension', () => {
    const name = safeFileName(`${'x'.repeat(400)}.pdf`, 'application/pdf');
    expect(name.length).toBe(150);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
