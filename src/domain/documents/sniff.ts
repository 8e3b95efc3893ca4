import type { DocumentContentType } from '../../contracts/documents.js';

/**
 * The type a file really has, read from its first bytes. The browser's Content-Type and the file
 * name are the sender's claims; a renamed executable or HTML page must not be stored as "PDF"
 * and later served to a colleague as one.
 */
export function sniffContentType(bytes: Uint8Array): DocumentContentType | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  // "%PDF-": readers accept a header within the first KiB, but files we store start with it.
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // JPEG: SOI marker followed by the start of another marker.
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

export const EXTENSION: Record<DocumentContentType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

// Controls, bidi overrides and characters file systems or headers choke on.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"\\/:*?<>|]/g;

/**
 * A file name fit to keep and to offer again for download: the last path segment only, no
 * controls or bidi tricks ("rechnung\u202Efdp.exe"), at most 150 characters, and an extension
 * that matches what the bytes are.
 */
export function safeFileName(claimed: string | undefined, type: DocumentContentType, fallback = 'dokument'): string {
  const last = (claimed ?? '').split(/[\\/]/).pop() ?? '';
  let name = last.replace(UNSAFE, '').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const ext = EXTENSION[type];
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const hadRightExt = new RegExp(`\\.(${ext}|${type === 'image/jpeg' ? 'jpeg' : ext})$`, 'i').test(name);
  name = (hadRightExt ? name : `${base || fallback}.${ext}`).slice(-150);
  return name.startsWith('.') ? `${fallback}${name}` : name;
}
