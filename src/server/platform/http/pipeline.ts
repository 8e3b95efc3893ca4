import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common.js';
import type { Actor, ApiClient } from '../auth/actor.js';
import { DatabaseError } from '../db/connect.js';
import { negotiateLanguage, translatorFor } from '../i18n/translate.js';
import type { Services } from '../services.js';
import { AppError, fieldsFromZod, renderError, unstorableStrings } from './errors.js';
import type { AnyRoute } from './route.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Why there is no actor although a session cookie came along ('session_expired'). */
    sessionProblem: string | null;
    /** A partner system authenticated by API key (see onRequest in app.ts). */
    apiClient: ApiClient | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function languageOf(request: FastifyRequest) {
  const header = request.headers['accept-language'];
  if (header) return negotiateLanguage(header);
  return request.actor?.language ?? 'de';
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  // reportInput: zod 4 leaves the input out of its issues otherwise, and a wrong value would be
  // reported as a missing one.
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}), { reportInput: true });
  if (!result.success) throw new AppError(400, 'validation_failed', fieldsFromZod(result.error));
  const unstorable = unstorableStrings(result.data);
  if (unstorable.length) throw new AppError(400, 'validation_failed', unstorable);
  return result.data;
}

/** The pipeline every route runs: access → CSRF → input validation → handler → response schema. */
export function registerRoute(app: FastifyInstance, services: Services, def: AnyRoute, openapi: object) {
  app.route({
    method: def.method,
    url: def.url,
    schema: openapi,
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    config: { ...(def.config ?? {}), access: def.access } as never,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = request.actor;
      const apiClient = def.apiKey ? request.apiClient : null;
      if (request.apiClient && !def.apiKey) throw new AppError(401, 'api_key_not_accepted');
      if (def.access !== 'public' && !apiClient) {
        if (!actor) throw new AppError(401, request.sessionProblem ?? 'unauthenticated');
        if (!(def.stages ?? ['active']).includes(actor.session.stage)) throw new AppError(403, 'stage_required');
        if (def.access !== 'authenticated' && !actor.permissions.has(def.access)) throw new AppError(403, 'forbidden');
      }
      // Public routes act on nobody's session (sign-in starts a new one), so they need no token.
      if (def.access !== 'public' && !apiClient && actor && !SAFE_METHODS.has(request.method)) {
        const header = request.headers['x-csrf-token'];
        if (!sameToken(typeof header === 'string' ? header : undefined, actor.session.csrfToken)) {
          throw new AppError(403, 'csrf_failed');
        }
      }
      const params = parse(def.params, request.params, 'params');
      const query = parse(def.query, request.query, 'query');
      const body = parse(def.body, request.body, 'body');
      const lang = languageOf(request);
      // Set before the handler runs, so a handler may still choose another success status
      // (e.g. 200 instead of 201 for a notice that was already there).
      reply.code(def.status ?? 200);
      const result = await def.handler({
        params,
        query,
        body,
        actor: apiClient ? null : actor,
        apiClient,
        requestId: request.id,
        lang,
        t: translatorFor(lang),
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        services,
        request,
        reply,
      });
      // Parsing drops every key the response schema does not list; a mismatch is our bug (500).
      const out = def.response.parse(result);
      reply.send(out);
      return reply;
    },
  });
}

/** Postgres error codes that are the client's fault and have a proper answer. */
function fromDatabase(err: DatabaseError | { code?: string }): AppError | null {
  switch (err.code) {
    case '23505':
    case '23P01': // exclusion constraint, e.g. two appointments of one person at the same time
      return new AppError(409, 'duplicate');
    case '23503':
      return new AppError(422, 'invalid_reference');
    case '22P02':
    case '22007':
    case '22008':
    // A NUL or a lone surrogate that reached the database anyway (input is checked in parse()).
    case '22021':
    case '22P05':
      return new AppError(400, 'validation_failed');
    case '42501': // row-level security refused the row: it is not the actor's, so it does not exist
      return new AppError(404, 'not_found');
    default:
      return null;
  }
}

function fromFastify(err: { code?: string; statusCode?: number }): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload_too_large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'invalid_json');
  }
  if (err.statusCode === 429) return new AppError(429, 'rate_limited');
  if (err.statusCode === 400 || err instanceof SyntaxError) return new AppError(400, 'invalid_json');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError(err.statusCode, 'validation_failed');
  return null;
}

/**
 * Fastify answers an undecodable path (bad percent-encoding) or an overlong path parameter before
 * any route or error handler runs; this gives those answers the standard error body as well.
 * No route lives at such an address, hence "not found".
 */
export function frameworkError(_err: Error, request: FastifyRequest, reply: FastifyReply) {
  const t = translatorFor(languageOf(request));
  reply
    .code(404)
    .header('X-Request-Id', request.id)
    .send(ErrorBody.parse(renderError(new AppError(404, 'route_not_found'), t, request.id)));
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: any, request, reply) => {
    const known =
      err instanceof AppError
        ? err
        : err instanceof DatabaseError || (typeof err?.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code))
          ? fromDatabase(err)
          : fromFastify(err);
    const appErr = known ?? new AppError(500, 'internal_error');
    if (appErr.statusCode >= 500) request.log.error({ err }, 'request failed');
    const t = translatorFor(languageOf(request));
    if (appErr.statusCode === 401) reply.header('WWW-Authenticate', 'Cookie realm="bleibe"');
    reply.code(appErr.statusCode).send(ErrorBody.parse(renderError(appErr, t, request.id)));
  });
}
