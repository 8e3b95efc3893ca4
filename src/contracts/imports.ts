import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/** Limits of one import file (the server refuses larger files with a 413 naming the limit). */
export const IMPORT_LIMITS = {
  /** Bytes of the file itself. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Data rows (the header row not counted). */
  maxRows: 20_000,
} as const;

/** Base64 of the largest file, with room for padding. */
const MAX_BASE64_CHARS = Math.ceil(IMPORT_LIMITS.maxFileBytes / 3) * 4 + 4;

/**
 * An uploaded file: its name (the extension tells CSV from Excel, the content must agree) and its
 * content in base64. JSON keeps the upload on the same pipeline as every other request.
 */
export const ImportUpload = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  // The limit is checked on the decoded size as well; this cap keeps the check cheap.
  contentBase64: z.base64().min(1).max(MAX_BASE64_CHARS),
});
export type ImportUpload = z.infer<typeof ImportUpload>;

export const ImportFileType = z.enum(['csv', 'xlsx']);

/** One problem in a row: the column as it is headed in the file (none for the whole row) and why. */
export const ImportRowError = z.object({ column: z.string().nullable(), message: z.string() });

/** A rejected row; `row` is the row number as the file shows it (the header is row 1). */
export const ImportRejection = z.object({
  row: z.number().int(),
  externalId: z.string().nullable(),
  errors: z.array(ImportRowError),
});
export type ImportRejection = z.infer<typeof ImportRejection>;

/** A valid row as the preview shows it (a few of them, to check the columns were understood). */
export const ImportSampleRow = z.object({
  row: z.number().int(),
  externalId: z.string(),
  kind: z.string(),
  receivedOn: IsoDate,
  tenants: z.array(z.string()),
  address: z.string(),
});

export const ImportPreview = z.object({
  fileName: z.string(),
  fileType: ImportFileType,
  /** CSV only: the detected field separator and text encoding. */
  delimiter: z.string().nullable(),
  encoding: z.string().nullable(),
  /** The columns of the file, as headed there. */
  columns: z.array(z.string()),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  rejectedRows: z.number().int(),
  /** Valid rows whose externalId the own organisation has sent before: importing them changes nothing. */
  knownRows: z.number().int(),
  rejections: z.array(ImportRejection),
  sample: z.array(ImportSampleRow),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportStatus = z.enum(['running', 'done', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportJobSummary = z.object({
  id: Id,
  fileName: z.string(),
  fileType: ImportFileType,
  status: ImportStatus,
  totalRows: z.number().int(),
  /** Rows handled so far (imported, duplicate or rejected); equals totalRows when done. */
  processedRows: z.number().int(),
  importedRows: z.number().int(),
  duplicateRows: z.number().int(),
  rejectedRows: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Why a failed import stopped (rows up to processedRows were handled; uploading the file again continues). */
  error: z.string().nullable(),
});
export type ImportJobSummary = z.infer<typeof ImportJobSummary>;

export const ImportJob = ImportJobSummary.extend({ rejections: z.array(ImportRejection) });
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportJobQuery = z.object({
  /** 'none' leaves the rejected rows out (for polling the progress). */
  rejections: z.enum(['all', 'none']).default('all'),
});

export const ImportJobList = z.object({ items: z.array(ImportJobSummary) });
export const ImportListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
