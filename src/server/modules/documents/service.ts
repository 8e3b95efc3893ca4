import type { DocumentContentType, DocumentItem, DocumentType } from '../../../contracts/documents.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import type { Services } from '../../platform/services.js';
import { loadCaseForActor } from '../cases/access.js';
import { discardBytes, sha256Of, storeBytes } from './storage.js';

export const DOCUMENT_COLUMNS = [
  'd.id', 'd.case_id', 'd.kind', 'd.file_name', 'd.content_type', 'd.size_bytes', 'd.sha256', 'd.note',
  'd.letter_template', 'd.letter_language', 'd.created_at', 'd.created_by', 'u.display_name as created_by_name',
] as const;

export interface DocumentRow {
  id: string;
  case_id: string;
  kind: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  note: string | null;
  letter_template: string | null;
  letter_language: string | null;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

export function presentDocument(d: DocumentRow): DocumentItem {
  return {
    id: d.id,
    caseId: d.case_id,
    type: d.kind as DocumentType,
    fileName: d.file_name,
    contentType: d.content_type as DocumentContentType,
    sizeBytes: d.size_bytes,
    sha256: d.sha256,
    note: d.note,
    letter: d.letter_template && d.letter_language ? { template: d.letter_template, language: d.letter_language } : null,
    createdAt: new Date(d.created_at).toISOString(),
    createdBy: d.created_by ? { id: d.created_by, name: d.created_by_name ?? '' } : null,
  };
}

export const documentsOf = (tx: Tx, actor: Actor) =>
  tx.db
    .selectFrom('documents as d')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .select([...DOCUMENT_COLUMNS])
    .where('d.org_id', '=', actor.orgId)
    .where('d.deleted_at', 'is', null);

/**
 * The one access rule for a document: it is not deleted, belongs to the actor's organisation,
 * and the actor may open its case (loadCaseForActor). Anything else is "not found".
 */
export async function loadDocumentForActor(tx: Tx, actor: Actor, documentId: string) {
  const doc = await documentsOf(tx, actor).select(['d.storage_key']).where('d.id', '=', documentId).executeTakeFirst();
  if (!doc) throw notFound();
  await loadCaseForActor(tx, actor, doc.case_id);
  return doc;
}

export interface NewDocument {
  kind: DocumentType;
  fileName: string;
  contentType: DocumentContentType;
  bytes: Uint8Array;
  note: string | null;
  letter?: { template: string; language: string; appointmentId: string | null };
}

/**
 * Stores a document of a case: the bytes first (outside the transaction: no file I/O while the
 * embedded database's single session is held), then the row, in the case's access check. If the
 * row cannot be written, the bytes go again.
 */
export async function saveDocument(services: Services, actor: Actor, requestId: string, caseId: string, doc: NewDocument): Promise<DocumentItem> {
  const sha256 = sha256Of(doc.bytes);
  const key = await storeBytes(services.config.storage.dir, doc.bytes);
  try {
    return await inTenantTx(services.db, actor, requestId, async (tx) => {
      await loadCaseForActor(tx, actor, caseId);
      const row = await tx.db
        .insertInto('documents')
        .values({
          org_id: actor.orgId,
          case_id: caseId,
          kind: doc.kind,
          file_name: doc.fileName,
          content_type: doc.contentType,
          size_bytes: doc.bytes.byteLength,
          sha256,
          storage_key: key,
          note: doc.note,
          letter_template: doc.letter?.template ?? null,
          letter_language: doc.letter?.language ?? null,
          appointment_id: doc.letter?.appointmentId ?? null,
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      tx.audit({
        action: doc.letter ? 'letter.generate' : 'document.upload',
        entityType: 'case',
        entityId: caseId,
        details: { documentId: row.id, type: doc.kind, contentType: doc.contentType, size: doc.bytes.byteLength, sha256, ...(doc.letter ?? {}) },
      });
      const saved = await documentsOf(tx, actor).where('d.id', '=', row.id).executeTakeFirstOrThrow();
      return presentDocument(saved);
    });
  } catch (err) {
    await discardBytes(services.config.storage.dir, key);
    throw err;
  }
}
