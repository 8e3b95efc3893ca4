import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SessionStage } from '../../../contracts/auth.js';
import type { LanguageCode } from '../../../contracts/common.js';
import type { Permission } from '../../../contracts/roles.js';
import type { Actor, ApiClient } from '../auth/actor.js';
import type { Translate } from '../i18n/translate.js';
import type { Services } from '../services.js';

export type Access =
  /** Anyone, signed in or not. */
  | 'public'
  /** Any signed-in user, whatever their roles (own account, session). */
  | 'authenticated'
  | Permission;

export interface RequestContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** null only on public routes, and on API-key requests. */
  actor: Actor | null;
  /** Set when a partner system called with a valid API key (routes with `apiKey: true` only). */
  apiClient: ApiClient | null;
  requestId: string;
  lang: LanguageCode;
  t: Translate;
  ip: string;
  userAgent: string | null;
  services: Services;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A signed-in context: what handlers of non-public routes receive. */
export type AuthedContext<P, Q, B> = RequestContext<P, Q, B> & { actor: Actor };

export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  access: Access;
  /** Session stages that may call this route; default: only fully signed-in sessions. */
  stages?: SessionStage[];
  /** Also accept `Authorization: Bearer <API key>` of a partner organisation (instead of a session). */
  apiKey?: boolean;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** Success status and schema. The response is parsed through it: unlisted fields are never sent. */
  status?: number;
  response: R;
  /** Larger request bodies than the default 1 MiB (batch submissions, imports). */
  bodyLimit?: number;
  /** Extra route config (rate limits). */
  config?: Record<string, unknown>;
  handler(ctx: RequestContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
}

/** Identity helper that keeps the type inference of each route definition. */
export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: RouteDefinition<P, Q, B, R>,
): RouteDefinition<P, Q, B, R> {
  if (def.access === undefined) throw new Error(`route ${def.method} ${def.url} declares no access`);
  return def;
}

export type AnyRoute = RouteDefinition<any, any, any, any>;

/** The actor of a non-public route (the pipeline has already refused anonymous requests). */
export function signedIn(ctx: { actor: Actor | null }): Actor {
  if (!ctx.actor) throw new Error('signedIn() used on a public route');
  return ctx.actor;
}
