import pino from 'pino';
import type { Permission, Role, OrganisationKind } from '../../../contracts/roles.js';
import type { LanguageCode } from '../../../contracts/common.js';
import { permissionsFor } from '../../../domain/access/permissions.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Config } from '../../platform/config/config.js';
import type { Database } from '../../platform/db/connect.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { AppError, fieldsFromZod, unstorableStrings } from '../../platform/http/errors.js';
import type { AnyRoute } from '../../platform/http/route.js';
import type { Services } from '../../platform/services.js';
import { translatorFor } from '../../platform/i18n/translate.js';
import { allRoutes } from '../../routes.js';

/**
 * The demo's case work is done the way staff do it: every step calls a route of the API as a
 * demo user — its access declaration, its input schemas, its handler with the rules it enforces
 * and the audit entries it writes, and its response schema — only without HTTP, session cookie
 * and CSRF token, which exist to identify a person at a browser. So the demo data is exactly what
 * the application produces, and a rule that changes shows up in the demo's test instead of being
 * copied (and forgotten) here.
 */

/** Audit entries of the seed carry this request id, so they can be told apart from real work. */
export const DEMO_REQUEST_ID = 'demo-seed';

export interface DemoServices {
  db: Database;
  config: Config;
  /** The seed's "now": every demo date is relative to its Berlin calendar day. */
  now: Date;
}

type Method = AnyRoute['method'];

export interface StaffClient {
  actor: Actor;
  /** Calls `METHOD url` as this person, with the clock at `at` (default: the seed's now). */
  call<T = unknown>(method: Method, url: string, input?: { params?: unknown; query?: unknown; body?: unknown }, at?: Date): Promise<T>;
}

const routeIndex = new Map(allRoutes.map((r) => [`${r.method} ${r.url}`, r]));
export const silentLog = pino({ level: 'silent' });

/** Parses like the HTTP pipeline: a schema error is the same 400 naming the field. */
function parse(schema: AnyRoute['body'], value: unknown, where: 'params' | 'query' | 'body') {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw new AppError(400, 'validation_failed', fieldsFromZod(result.error));
  const unstorable = unstorableStrings(result.data);
  if (unstorable.length) throw new AppError(400, 'validation_failed', unstorable);
  return result.data;
}

/** A demo account as a signed-in actor (the same fields the session lookup fills in). */
export async function demoActor(db: Database, email: string, now: Date): Promise<Actor> {
  const u = await unsafeInternalTx(db, null, (tx) =>
    tx.db
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.email', 'u.display_name', 'u.language', 'u.roles', 'u.org_id', 'o.name as org_name', 'o.kind as org_kind'])
      .where('u.email', '=', email)
      .executeTakeFirstOrThrow(),
  );
  const roles = u.roles as Role[];
  return {
    userId: u.id,
    email: u.email,
    displayName: u.display_name,
    language: u.language as LanguageCode,
    orgId: u.org_id,
    orgName: u.org_name,
    orgKind: u.org_kind as OrganisationKind,
    roles,
    permissions: new Set<Permission>(permissionsFor(roles)),
    globalAdmin: roles.includes('system_admin'),
    totpEnabled: false,
    session: { id: DEMO_REQUEST_ID, stage: 'active', csrfToken: '', expiresAt: new Date(now.getTime() + 3_600_000) },
  };
}

export async function staffClient(s: DemoServices, email: string): Promise<StaffClient> {
  const actor = await demoActor(s.db, email, s.now);
  return {
    actor,
    async call(method, url, input = {}, at = s.now) {
      const def = routeIndex.get(`${method} ${url}`);
      if (!def) throw new Error(`demo seed: no route ${method} ${url}`);
      try {
        // The access rule of the pipeline (the demo accounts have finished signing in).
        if (def.access !== 'public' && def.access !== 'authenticated' && !actor.permissions.has(def.access)) throw new AppError(403, 'forbidden');
        const services: Services = { db: s.db, config: s.config, log: silentLog, now: () => at };
        const result = await def.handler({
          params: parse(def.params, input.params, 'params'),
          query: parse(def.query, input.query, 'query'),
          body: parse(def.body, input.body, 'body'),
          actor,
          apiClient: null,
          requestId: DEMO_REQUEST_ID,
          lang: 'de',
          t: translatorFor('de'),
          ip: '127.0.0.1',
          userAgent: null,
          services,
          // Only the upload route reads the raw request, and the notice route sets its status
          // (200 for a repeat) on the reply; the demo uses neither more.
          request: undefined as never,
          reply: { code: () => undefined } as never,
        });
        return def.response.parse(result) as never;
      } catch (err) {
        // A demo step the application refuses is a bug of the seed: say which one and why.
        if (err instanceof AppError) throw new Error(`demo seed: ${method} ${url} as ${email}: ${err.statusCode} ${err.code} ${JSON.stringify(err.fields ?? [])}`);
        throw err;
      }
    },
  };
}
