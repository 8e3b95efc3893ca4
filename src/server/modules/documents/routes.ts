import { sql } from 'kysely';
import { z } from 'zod';
import { DOCUMENT_CONTENT_TYPES, DocumentItem, DocumentList, DocumentUploadFields } from '../../../contracts/documents.js';
import { IdParams, Ok } from '../../../contracts/common.js';
import { safeFileName, sniffContentType } from '../../../domain/documents/sniff.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { AppError, fieldsFromZod, unstorableStrings, type FieldProblem } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { readUpload } from '../../platform/http/uploads.js';
import { loadCaseForActor } from '../cases/access.js';
import { documentsOf, loadDocumentForActor, presentDocument, saveDocument } from './service.js';
import { readBytes } from './storage.js';

/** RFC 6266: an ASCII fallback and the real name, percent-encoded as UTF-8. */
export function contentDisposition(fileName: string) {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '') || 'dokument';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const documentRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/documents',
    access: 'cases.read',
    summary: "The case's documents (uploads and generated letters), newest first; deleted ones are not listed",
    tags: ['documents'],
    params: IdParams,
    response: DocumentList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await loadCaseForActor(tx, actor, ctx.params.id);
        const rows = await documentsOf(tx, actor).where('d.case_id', '=', ctx.params.id).orderBy('d.created_at', 'desc').orderBy('d.id').execute();
        tx.audit({ action: 'document.list', entityType: 'case', entityId: ctx.params.id, details: { ids: rows.map((r) => r.id) } });
        return { items: rows.map(presentDocument), maxUploadBytes: ctx.services.config.storage.maxUploadBytes };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/documents',
    access: 'cases.edit',
    summary:
      'Upload a document to the case: multipart/form-data with the file in `file` (PDF, JPEG or PNG, recognised by its content; at ' +
      'most BLEIBE_UPLOAD_MAX_MB) and the fields `type` (document type) and `note` (optional)',
    tags: ['documents'],
    params: IdParams,
    status: 201,
    response: DocumentItem,
    config: { multipart: true },
    async handler(ctx) {
      const actor = signedIn(ctx);
      // The case first: nobody learns anything about a form for a case they cannot open.
      await inTenantTx(ctx.services.db, actor, ctx.requestId, (tx) => loadCaseForActor(tx, actor, ctx.params.id));
      const max = ctx.services.config.storage.maxUploadBytes;
      const upload = await readUpload(ctx.request, 'file', max);
      // PostgreSQL cannot store a NUL or a lone surrogate: named like any bad value (the JSON pipeline does the same).
      const problems: FieldProblem[] = [...upload.problems, ...unstorableStrings(upload.fields)];
      const fields = DocumentUploadFields.safeParse(upload.fields, { reportInput: true });
      if (!fields.success) problems.push(...fieldsFromZod(fields.error));
      if (!upload.file) problems.push({ path: 'file', key: 'required' });
      else if (upload.file.bytes.byteLength === 0) problems.push({ path: 'file', key: 'upload.empty' });
      if (problems.length || !fields.success || !upload.file) throw new AppError(400, 'validation_failed', problems);
      const contentType = sniffContentType(upload.file.bytes);
      if (!contentType) {
        throw new AppError(415, 'document_type_unsupported', [{ path: 'file', key: 'upload.type', params: { allowed: 'PDF, JPEG, PNG' } }]);
      }
      return saveDocument(ctx.services, actor, ctx.requestId, ctx.params.id, {
        kind: fields.data.type,
        fileName: safeFileName(upload.file.fileName, contentType),
        contentType,
        bytes: upload.file.bytes,
        note: fields.data.note || null,
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/documents/:id/content',
    access: 'cases.read',
    summary: "Download a document (as an attachment, in the type its bytes have); checked by the case's access rule and audited",
    tags: ['documents'],
    params: IdParams,
    response: z.instanceof(Buffer),
    async handler(ctx) {
      const actor = signedIn(ctx);
      const doc = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const d = await loadDocumentForActor(tx, actor, ctx.params.id);
        tx.audit({ action: 'document.download', entityType: 'case', entityId: d.case_id, details: { documentId: d.id, sha256: d.sha256 } });
        return d;
      });
      const bytes = await readBytes(ctx.services.config.storage.dir, doc.storage_key, doc.sha256);
      if (!(DOCUMENT_CONTENT_TYPES as readonly string[]).includes(doc.content_type)) throw new Error('stored document with an unknown type');
      ctx.reply
        .type(doc.content_type)
        .header('Content-Disposition', contentDisposition(doc.file_name))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store');
      return bytes;
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/documents/:id',
    access: 'cases.edit',
    summary: 'Delete a document from the case (it is no longer listed; the record and the file are kept, the deletion is audited)',
    tags: ['documents'],
    params: IdParams,
    response: Ok,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const d = await loadDocumentForActor(tx, actor, ctx.params.id);
        await tx.db
          .updateTable('documents')
          .set({ deleted_at: sql<Date>`now()`, deleted_by: actor.userId })
          .where('id', '=', d.id)
          .where('org_id', '=', actor.orgId)
          .execute();
        tx.audit({ action: 'document.delete', entityType: 'case', entityId: d.case_id, details: { documentId: d.id } });
        return { ok: true as const };
      });
    },
  }),
];
