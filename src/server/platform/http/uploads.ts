import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from './errors.js';

/*
 * File uploads (multipart/form-data) through @fastify/multipart. Only routes that declare
 * `config: { multipart: true }` take them; everywhere else a multipart body is refused with 415
 * before access control, exactly like any other content type the API does not speak. Upload
 * routes run through the normal pipeline (access, CSRF token, params) and read the form with
 * readUpload() in their handler.
 */

export async function installUploads(app: FastifyInstance) {
  // Limits here are ceilings; each route passes its own (e.g. BLEIBE_UPLOAD_MAX_MB).
  await app.register(multipart, { limits: { files: 1, fields: 10, parts: 12, fieldNameSize: 100, fieldSize: 10_000, headerPairs: 50 } });
  app.addHook('preValidation', async (request) => {
    const multipartRoute = (request.routeOptions.config as { multipart?: boolean } | undefined)?.multipart === true;
    if (request.isMultipart() && !multipartRoute) throw new AppError(415, 'unsupported_media_type');
  });
}

export interface UploadedFile {
  field: string;
  fileName: string;
  /** What the browser said the type is (not to be trusted: sniff the bytes). */
  declaredType: string;
  bytes: Buffer;
}

export interface Upload {
  file: UploadedFile | null;
  fields: Record<string, string>;
  /** Problems found while reading (unknown file fields, repeated fields); the caller adds its own. */
  problems: FieldProblem[];
}

/**
 * Reads a multipart form with one file (in `fileField`) and a few text fields, whole, into
 * memory (uploads are small: a few MB). Every way it can go wrong is a 4xx naming the field:
 * 413 for a file over `maxBytes`, 400 for a broken or overlong form, 415 when it is no form.
 */
export async function readUpload(request: FastifyRequest, fileField: string, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError(415, 'multipart_required');
  const out: Upload = { file: null, fields: {}, problems: [] };
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
      if (part.type === 'file') {
        // Read every file part to its end, so the form can be parsed on (a stream left alone stalls it).
        const bytes = await part.toBuffer();
        if (part.fieldname !== fileField) out.problems.push({ path: part.fieldname || fileField, key: 'unrecognized_keys' });
        else if (out.file) out.problems.push({ path: fileField, key: 'upload.one_file' });
        else out.file = { field: part.fieldname, fileName: part.filename, declaredType: part.mimetype, bytes };
      } else if (part.fieldname in out.fields) {
        out.problems.push({ path: part.fieldname, key: 'upload.repeated' });
      } else {
        out.fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      }
    }
  } catch (err) {
    throw uploadError(err, fileField, maxBytes);
  }
  return out;
}

function uploadError(err: unknown, fileField: string, maxBytes: number): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  const megabytes = (maxBytes / (1024 * 1024)).toLocaleString('de-DE', { maximumFractionDigits: 2 });
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(413, 'document_too_large', [{ path: fileField, key: 'upload.too_large', params: { max: megabytes } }]);
    case 'FST_FILES_LIMIT':
      return new AppError(400, 'validation_failed', [{ path: fileField, key: 'upload.one_file' }]);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'multipart_required');
    default:
      // Too many fields, an overlong field, a broken boundary, a body that ends mid-part: the form
      // itself is unreadable, and the file is what the caller has to send again.
      return new AppError(400, 'document_form_invalid', [{ path: fileField, key: 'upload.malformed' }]);
  }
}
