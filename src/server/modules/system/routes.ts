import { sql } from 'kysely';
import { z } from 'zod';
import { PublicConfig } from '../../../contracts/auth.js';
import { PASSWORD_MIN_LENGTH } from '../../../domain/auth/password-policy.js';
import { AppError } from '../../platform/http/errors.js';
import { route } from '../../platform/http/route.js';

const READY_TIMEOUT_MS = 3000;

export const systemRoutes = [
  route({
    method: 'GET',
    url: '/healthz',
    access: 'public',
    summary: 'Liveness: the process answers (does not touch the database)',
    tags: ['system'],
    response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ status: 'ok' as const }),
  }),
  route({
    method: 'GET',
    url: '/readyz',
    access: 'public',
    summary: 'Readiness: the database answers within 3 s',
    tags: ['system'],
    response: z.object({ status: z.literal('ready'), database: z.enum(['embedded', 'server']) }),
    handler: async (ctx) => {
      const db = ctx.services.db;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AppError(503, 'service_unavailable')), READY_TIMEOUT_MS);
      });
      try {
        await Promise.race([sql`select 1`.execute(db.kysely), timeout]);
      } catch (err) {
        throw err instanceof AppError ? err : new AppError(503, 'service_unavailable');
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ready' as const, database: db.engine };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/config',
    access: 'public',
    summary: 'What the sign-in page needs to know',
    tags: ['system'],
    response: PublicConfig,
    handler: async (ctx) => ({
      demo: ctx.services.config.demo,
      version: ctx.services.config.version,
      languages: ['de' as const, 'en' as const],
      passwordPolicy: { minLength: PASSWORD_MIN_LENGTH },
    }),
  }),
];
