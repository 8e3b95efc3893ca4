import { z } from 'zod';
import { NoticeBatchInput, NoticeBatchResult, NoticeInput, NoticeResult, ReceiptList } from '../../../contracts/intake.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { AppError, fieldsFromZod, renderError } from '../../platform/http/errors.js';
import { route, type RequestContext } from '../../platform/http/route.js';
import { submitNotice, type Submitter } from './pipeline.js';

/** Who sends: a partner system by API key, or a signed-in person (web form, partner portal). */
function submitterOf(ctx: RequestContext<unknown, unknown, unknown>): Submitter {
  if (ctx.apiClient) {
    return { orgId: ctx.apiClient.orgId, userId: null, label: `api-key:${ctx.apiClient.keyName}`, channel: 'api', requestId: ctx.requestId };
  }
  const actor = ctx.actor!;
  // Reporters (Jobcenter, court, housing company) use the partner portal; staff the web form.
  const channel = actor.roles.includes('reporter') ? 'portal' : 'web';
  return { orgId: actor.orgId, userId: actor.userId, label: actor.email, channel, requestId: ctx.requestId };
}

export const intakeRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/notices',
    access: 'notices.submit',
    apiKey: true,
    summary:
      'Submit a notice (court, Jobcenter, landlord, self-referral …). Idempotent per sending organisation and externalId: ' +
      'sending it again returns the existing notice with 200 and changes nothing.',
    tags: ['intake'],
    body: NoticeInput,
    status: 201,
    response: NoticeResult,
    async handler(ctx) {
      const { status, result } = await submitNotice(ctx.services, ctx.body, submitterOf(ctx));
      ctx.reply.code(status);
      return result;
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/notices/batch',
    access: 'notices.submit',
    apiKey: true,
    summary: 'Submit up to 10,000 notices; each item is answered on its own (201, 200 for a known externalId, or 4xx with the error).',
    tags: ['intake'],
    body: NoticeBatchInput,
    response: NoticeBatchResult,
    bodyLimit: 64 * 1024 * 1024,
    async handler(ctx) {
      const by = submitterOf(ctx);
      const items: z.input<typeof NoticeBatchResult>['items'] = [];
      let created = 0;
      let existing = 0;
      for (const [index, raw] of ctx.body.notices.entries()) {
        const parsed = NoticeInput.safeParse(raw, { reportInput: true });
        if (!parsed.success) {
          const err = new AppError(400, 'validation_failed', fieldsFromZod(parsed.error));
          items.push({ index, status: 400, error: renderError(err, ctx.t, ctx.requestId).error });
          continue;
        }
        try {
          const { status, result } = await submitNotice(ctx.services, parsed.data, by);
          if (status === 201) created++;
          else existing++;
          items.push({ index, status, result });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          items.push({ index, status: err.statusCode, error: renderError(err, ctx.t, ctx.requestId).error });
        }
      }
      return { created, existing, rejected: items.length - created - existing, items };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/receipts',
    access: 'receipts.read',
    summary: 'The notices the own organisation sent, with their status only (received, in progress, contact made, closed)',
    tags: ['intake'],
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: ReceiptList,
    handler: (ctx) =>
      inTenantTx(ctx.services.db, ctx.actor!, ctx.requestId, async (tx) => {
        const rows = await tx.db
          .selectFrom('notice_receipts')
          .select(['id', 'external_id', 'kind', 'channel', 'received_on', 'status', 'created_at'])
          .where('org_id', '=', ctx.actor!.orgId)
          .orderBy('created_at', 'desc')
          .limit(ctx.query.limit)
          .execute();
        return {
          items: rows.map((r) => ({
            id: r.id,
            externalId: r.external_id,
            kind: r.kind as never,
            channel: r.channel,
            receivedOn: String(r.received_on),
            status: r.status as never,
            createdAt: new Date(r.created_at).toISOString(),
          })),
        };
      }),
  }),
];
