import { z } from 'zod';
import { Id, IsoDateTime } from './common.js';

/** Dokumentarten: the catalogue a caseworker files an upload under. */
export const DOCUMENT_TYPES = ['tenancy_agreement', 'termination', 'court_letter', 'payment_commitment', 'consent_form', 'letter', 'other'] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

/** What may be uploaded, by the type its bytes really have. */
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** The form fields of an upload (multipart/form-data) beside the file itself, which comes as `file`. */
export const DocumentUploadFields = z.strictObject({
  type: DocumentType,
  note: z.string().trim().max(1000).optional(),
});
export type DocumentUploadFields = z.infer<typeof DocumentUploadFields>;

export const LetterInfo = z.object({ template: z.string(), language: z.string() });

export const DocumentItem = z.object({
  id: Id,
  caseId: Id,
  type: DocumentType,
  fileName: z.string(),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  note: z.string().nullable(),
  /** Set for letters Bleibe generated. */
  letter: LetterInfo.nullable(),
  createdAt: IsoDateTime,
  createdBy: z.object({ id: Id, name: z.string() }).nullable(),
});
export type DocumentItem = z.infer<typeof DocumentItem>;

export const DocumentList = z.object({
  items: z.array(DocumentItem),
  /** The largest upload the server takes, so the form can say so before sending. */
  maxUploadBytes: z.number().int(),
});
export type DocumentList = z.infer<typeof DocumentList>;
