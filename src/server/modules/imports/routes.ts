import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import {
  ImportJob,
  ImportJobList,
  ImportJobQuery,
  ImportListQuery,
  ImportPreview,
  ImportUpload,
  type ImportJobSummary,
  type ImportRejection,
} from '../../../contracts/imports.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import type { Translate } from '../../platform/i18n/translate.js';
import { convertRows, type RejectedRow, type ValidRow } from './columns.js';
import { readSheet, type Sheet } from './file.js';
import { LEASE_SECONDS, newLeaseToken, startImport } from './runner.js';
import { templateCsv } from './template.js';

/** Uploads arrive as base64 in JSON: a 20 MiB file is about 27 MiB of request. */
const UPLOAD_BODY_LIMIT = 32 * 1024 * 1024;
const SAMPLE_ROWS = 10;

interface ReadFile {
  fileName: string;
  sha256: string;
  sheet: Sheet;
  columns: string[];
  valid: ValidRow[];
  rejected: RejectedRow[];
}

/** Decodes, parses and validates an upload; file-level problems are 4xx errors, row-level ones rejections. */
async function readUpload(body: ImportUpload): Promise<ReadFile> {
  const content = Buffer.from(body.contentBase64, 'base64');
  const sheet = await readSheet(body.fileName, content);
  const { columns, valid, rejected } = convertRows(sheet);
  return {
    fileName: body.fileName,
    sha256: createHash('sha256').update(content).digest('hex'),
    sheet,
    columns: sheet.header.filter((h, i) => h && columns.defs[i]),
    valid,
    rejected,
  };
}

export function renderRejections(rows: RejectedRow[], t: Translate): ImportRejection[] {
  return rows.map((r) => ({
    row: r.row,
    externalId: r.externalId,
    errors: r.problems.map((p) => ({ column: p.column, message: t(p.key, p.params ?? {}) })),
  }));
}

/** The externalIds among `ids` that the actor's organisation has sent before (receipts are the sender's). */
async function knownExternalIds(tx: Tx, orgId: string, ids: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await tx.db.selectFrom('notice_receipts').select('external_id').where('org_id', '=', orgId).where('external_id', 'in', chunk).execute();
    for (const r of rows) known.add(r.external_id);
  }
  return known;
}

const JOB_COLUMNS = [
  'j.id',
  'j.file_name',
  'j.file_type',
  'j.status',
  'j.total_rows',
  'j.processed_rows',
  'j.imported_rows',
  'j.duplicate_rows',
  'j.rejected_rows',
  'j.created_at',
  'j.finished_at',
  'j.error',
  'u.display_name',
] as const;

interface JobRow {
  id: string;
  file_name: string;
  file_type: string;
  status: string;
  total_rows: number;
  processed_rows: number;
  imported_rows: number;
  duplicate_rows: number;
  rejected_rows: number;
  created_at: Date;
  finished_at: Date | null;
  error: string | null;
  display_name: string | null;
}

function presentJob(j: JobRow, t: Translate): z.input<typeof ImportJobSummary> {
  return {
    id: j.id,
    fileName: j.file_name,
    fileType: j.file_type as 'csv' | 'xlsx',
    status: j.status as 'running' | 'done' | 'failed',
    totalRows: j.total_rows,
    processedRows: j.processed_rows,
    importedRows: j.imported_rows,
    duplicateRows: j.duplicate_rows,
    rejectedRows: j.rejected_rows,
    createdBy: j.display_name,
    createdAt: new Date(j.created_at).toISOString(),
    finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
    error: j.error ? t(j.error) : null,
  };
}

const jobsOf = (tx: Tx, actor: Actor) =>
  tx.db
    .selectFrom('import_jobs as j')
    .leftJoin('users as u', 'u.id', 'j.created_by')
    .select([...JOB_COLUMNS])
    .where('j.org_id', '=', actor.orgId);

async function loadJob(tx: Tx, actor: Actor, id: string, t: Translate, withRejections: boolean) {
  const job = await jobsOf(tx, actor)
    .where('j.id', '=', id)
    .$if(withRejections, (q) => q.select('j.rejections'))
    .executeTakeFirst();
  if (!job) throw notFound();
  const rejections = withRejections ? ((job as { rejections?: unknown }).rejections as RejectedRow[]) : [];
  return { ...presentJob(job, t), rejections: renderRejections(rejections, t) };
}

export const importRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/imports/template.csv',
    access: 'imports.run',
    summary: 'The import template: the column layout as a CSV header line (UTF-8 with BOM, separated by semicolons)',
    tags: ['imports'],
    response: z.string(),
    async handler(ctx) {
      const fileName = ctx.lang === 'de' ? 'bleibe-importvorlage.csv' : 'bleibe-import-template.csv';
      ctx.reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${fileName}"`);
      return templateCsv(ctx.lang);
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/imports/preview',
    access: 'imports.run',
    summary:
      'Dry run of an import (CSV or XLSX, base64): parses and validates every row and writes nothing. Returns the counts, every ' +
      'rejected row with its reasons, how many rows were imported before (same externalId), and a sample of valid rows.',
    tags: ['imports'],
    body: ImportUpload,
    response: ImportPreview,
    bodyLimit: UPLOAD_BODY_LIMIT,
    async handler(ctx) {
      const actor = signedIn(ctx);
      const file = await readUpload(ctx.body);
      const known = await inTenantTx(ctx.services.db, actor, ctx.requestId, (tx) =>
        knownExternalIds(tx, actor.orgId, file.valid.map((v) => v.input.externalId)),
      );
      return {
        fileName: file.fileName,
        fileType: file.sheet.fileType,
        delimiter: file.sheet.delimiter,
        encoding: file.sheet.encoding,
        columns: file.columns,
        totalRows: file.sheet.rows.length,
        validRows: file.valid.length,
        rejectedRows: file.rejected.length,
        knownRows: known.size,
        rejections: renderRejections(file.rejected, ctx.t),
        sample: file.valid.slice(0, SAMPLE_ROWS).map(({ row, input }) => ({
          row,
          externalId: input.externalId,
          kind: input.kind,
          receivedOn: input.receivedOn,
          tenants: input.tenants.map((p) => `${p.firstName} ${p.lastName}`),
          address: `${input.address.street} ${input.address.houseNumber}, ${input.address.postalCode} ${input.address.city}`,
        })),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/imports',
    access: 'imports.run',
    summary:
      'Start an import (CSV or XLSX, base64): answers 202 with the job, then sends the valid rows through the intake pipeline in the ' +
      'background. Rows whose externalId the organisation sent before count as duplicates and change nothing; uploading a file ' +
      'that is still being imported returns that job.',
    tags: ['imports'],
    body: ImportUpload,
    status: 202,
    response: ImportJob,
    bodyLimit: UPLOAD_BODY_LIMIT,
    async handler(ctx) {
      const actor = signedIn(ctx);
      const file = await readUpload(ctx.body);
      const leaseToken = newLeaseToken();
      let startAfterCommit = false;
      const id = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        // The same file twice at once (a double click, a second tab): one job.
        const running = await tx.db
          .selectFrom('import_jobs')
          .select('id')
          .where('org_id', '=', actor.orgId)
          .where('file_sha256', '=', file.sha256)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (running) return running.id;
        // Without a valid row there is nothing to do in the background: the job ends here.
        const nothingToSend = file.valid.length === 0;
        const job = await tx.db
          .insertInto('import_jobs')
          .values({
            org_id: actor.orgId,
            file_name: file.fileName,
            file_sha256: file.sha256,
            file_type: file.sheet.fileType,
            status: nothingToSend ? 'done' : 'running',
            total_rows: file.sheet.rows.length,
            // Rows rejected up front are handled already.
            processed_rows: file.rejected.length,
            rejected_rows: file.rejected.length,
            rejections: JSON.stringify(file.rejected),
            created_by: actor.userId,
            request_id: ctx.requestId,
            ...(nothingToSend
              ? { finished_at: sql<Date>`now()` }
              : {
                  pending_rows: JSON.stringify(file.valid),
                  lease_token: leaseToken,
                  leased_until: sql<Date>`now() + make_interval(secs => ${LEASE_SECONDS})`,
                }),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({
          action: 'import.start',
          entityType: 'import_job',
          entityId: job.id,
          details: {
            fileType: file.sheet.fileType,
            sha256: file.sha256,
            totalRows: file.sheet.rows.length,
            validRows: file.valid.length,
            rejectedRows: file.rejected.length,
          },
        });
        if (nothingToSend) {
          tx.audit({
            action: 'import.finish',
            entityType: 'import_job',
            entityId: job.id,
            details: { totalRows: file.sheet.rows.length, processedRows: file.rejected.length, importedRows: 0, duplicateRows: 0, rejectedRows: file.rejected.length },
          });
        } else startAfterCommit = true;
        return job.id;
      });
      if (startAfterCommit) startImport(ctx.services, id, leaseToken);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, (tx) => loadJob(tx, actor, id, ctx.t, true));
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/imports',
    access: 'imports.run',
    summary: "The organisation's imports, newest first, with their counts",
    tags: ['imports'],
    query: ImportListQuery,
    response: ImportJobList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const rows = await jobsOf(tx, actor).orderBy('j.created_at', 'desc').limit(ctx.query.limit).execute();
        return { items: rows.map((r) => presentJob(r, ctx.t)) };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/imports/:id',
    access: 'imports.run',
    summary: 'An import: its progress while it runs, then the report with every rejected row (row number, column, reason)',
    tags: ['imports'],
    params: IdParams,
    query: ImportJobQuery,
    response: ImportJob,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, (tx) => loadJob(tx, actor, ctx.params.id, ctx.t, ctx.query.rejections === 'all'));
    },
  }),
];
