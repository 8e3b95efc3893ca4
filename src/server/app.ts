import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyPluginCallback } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from './platform/config/config.js';
import type { Database } from './platform/db/connect.js';
import { SESSION_COOKIE } from './platform/auth/cookie.js';
import { AppError } from './platform/http/errors.js';
import { frameworkError, installErrorHandling, registerRoute } from './platform/http/pipeline.js';
import { openapiFor } from './platform/http/openapi.js';
import { installUploads } from './platform/http/uploads.js';
import type { AnyRoute } from './platform/http/route.js';
import type { Services } from './platform/services.js';
import { resolveSession } from './modules/auth/service.js';
import { resolveApiKey } from './modules/apikeys/service.js';
import { stopImports } from './modules/imports/runner.js';
import { allRoutes } from './routes.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface AppOptions {
  config: Config;
  db: Database;
  now?: () => Date;
  routes?: AnyRoute[];
  /** Logger on/off (tests keep it quiet). */
  logger?: boolean;
  /** Where log lines go (default stdout); tests read them to check the redaction. */
  logStream?: NodeJS.WritableStream;
}

/** Refuses to start with a route that declares no access rule, or with two routes on one path. */
export function checkRouteDeclarations(routes: AnyRoute[]) {
  const seen = new Set<string>();
  for (const r of routes) {
    const key = `${r.method} ${r.url}`;
    if (!r.access) throw new Error(`Route ${key} declares no access (permission or 'public')`);
    if (seen.has(key)) throw new Error(`Route ${key} is declared twice`);
    seen.add(key);
  }
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, db } = opts;
  const routes = opts.routes ?? allRoutes;
  checkRouteDeclarations(routes);

  const app = Fastify({
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkError,
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            // Personal data stays out of the logs: no cookies, tokens, bodies or query strings.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
            serializers: {
              req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unknown', id: req.id, ip: req.ip }),
            },
          },
  });
  const services: Services = { db, config, log: app.log, now: opts.now ?? (() => new Date()) };
  // Imports running in the background save their progress and stop before the database closes.
  app.addHook('onClose', () => stopImports(db));

  // Validation and serialisation happen in the route pipeline with the shared zod schemas.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // Start-up refuses any route that does not declare who may call it: ours declare it in their
  // definition, the static files and the API docs are public by nature (see publicScope).
  const declared: { url: string; method: unknown; config?: { access?: string } }[] = [];
  app.addHook('onRoute', (r) => {
    declared.push(r as never);
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionProblem', null);
  app.decorateRequest('apiClient', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Mantine sets CSS variables in style attributes
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies === true,
  });
  await app.register(cookie);
  await installUploads(app);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError(429, 'rate_limited'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Bleibe API',
        version: config.version,
        description:
          'JSON API of Bleibe. Errors: { error: { code, message, fields?, requestId } }. Staff sign in with a session cookie; ' +
          'every state-changing request then needs the header X-CSRF-Token from the session.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key of a partner organisation (notice routes only)' },
        },
      },
    },
  });
  await app.register(publicScope(swaggerUi), { routePrefix: '/api/docs' });

  installErrorHandling(app);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      // A partner system: the key alone decides; a browser session is not consulted.
      const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const client = key ? await resolveApiKey(services, key, request.id) : null;
      if (!client) throw new AppError(401, 'invalid_api_key');
      request.apiClient = client;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(services, token, request.id);
    if (resolved === 'expired') request.sessionProblem = 'session_expired';
    else request.actor = resolved;
  });

  const loginLimit = {
    max: config.login.ratePerMinute,
    timeWindow: '1 minute',
    // The key needs the parsed body (the e-mail address); on the default onRequest hook it is
    // not there yet and every account behind one address would share a single budget.
    hook: 'preHandler' as const,
    // Per address and account, so one office behind a shared IP does not lock everybody out.
    keyGenerator: (req: { ip: string; body?: unknown }) =>
      `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
  };
  for (const def of routes) {
    const routeConfig = def.config?.rateLimit === 'login' ? { ...def.config, rateLimit: loginLimit } : def.config;
    registerRoute(app, services, { ...def, config: routeConfig }, openapiFor(def));
  }

  // The single-page app: built files from dist/web, and index.html for every client-side route.
  const hasWeb = existsSync(WEB_ROOT + 'index.html');
  if (hasWeb) await app.register(publicScope(fastifyStatic), { root: WEB_ROOT, wildcard: false, index: false });
  const indexHtml = hasWeb ? readFileSync(WEB_ROOT + 'index.html', 'utf8') : null;
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/healthz' || request.url === '/readyz';
    if (!isApi && indexHtml && request.method === 'GET') return reply.type('text/html').send(indexHtml);
    throw new AppError(404, 'route_not_found');
  });

  await app.ready();
  const undeclared = declared.filter((r) => !r.config?.access);
  if (undeclared.length) {
    throw new Error(`Routes without a declared access rule: ${undeclared.map((r) => `${String(r.method)} ${r.url}`).join(', ')}`);
  }
  return app;
}

/** Registers a third-party plugin whose routes are all public (static files, API docs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function publicScope(plugin: FastifyPluginAsync<any> | FastifyPluginCallback<any>): FastifyPluginAsync<any> {
  return async (scope, opts) => {
    scope.addHook('onRoute', (r) => {
      r.config = { ...(r.config ?? {}), access: 'public' } as never;
    });
    await scope.register(plugin, opts);
  };
}
