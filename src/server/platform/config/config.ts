import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const Bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  BLEIBE_DATA_DIR: z.string().min(1).default('./data'),
  BLEIBE_DEMO: Bool.optional(),
  BLEIBE_STORAGE_DIR: z.string().min(1).optional(),
  BLEIBE_UPLOAD_MAX_MB: z.coerce.number().min(0.01).max(100).default(10),
  BLEIBE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  BLEIBE_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  BLEIBE_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  BLEIBE_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  BLEIBE_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  BLEIBE_TRUST_PROXY: Bool.default(false),
  BLEIBE_SECURE_COOKIES: Bool.optional(),
  BLEIBE_FIRST_CONTACT_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  BLEIBE_REFERRAL_REPLY_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  BLEIBE_LONG_STAY_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** Reports across organisations hide counts below this (small-cell suppression). */
  BLEIBE_REPORT_MINIMUM_CELL: z.coerce.number().int().min(2).max(100).default(5),
  BLEIBE_MATCH_LINK_THRESHOLD: z.coerce.number().min(0).max(100).optional(),
  BLEIBE_MATCH_REVIEW_THRESHOLD: z.coerce.number().min(0).max(100).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'embedded'; dataDir: string | null } | { kind: 'server'; url: string };
  demo: boolean;
  /** Documents: where their bytes are kept (outside the database) and the largest upload. */
  storage: { dir: string; maxUploadBytes: number };
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockoutMinutes: number; ratePerMinute: number };
  intake: {
    /** A first contact attempt is due within this many working days of receipt. */
    firstContactWorkingDays: number;
    /** Person matching (bits of evidence, see domain/matching/score.ts); undefined = engine default. */
    matchLinkThreshold?: number;
    matchReviewThreshold?: number;
  };
  /** A referral without a reply from the partner after this many days is flagged. */
  referralReplyDays: number;
  /** A shelter stay at least this long puts the household on the brokerage alert list. */
  longStayMonths: number;
  /** The smallest count the district-wide reports show (default 5). */
  reportMinimumCell: number;
  trustProxy: boolean;
  /** undefined: Secure cookies exactly when the request came over HTTPS. */
  secureCookies: boolean | undefined;
  logLevel: string;
  version: string;
}

export class ConfigError extends Error {}

/**
 * Reads and validates the environment. Every problem is named with its variable, so an
 * operator sees e.g. "PORT: Too big: expected number to be <=65535" instead of a crash later.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const database = e.DATABASE_URL
    ? ({ kind: 'server', url: e.DATABASE_URL } as const)
    : ({ kind: 'embedded', dataDir: resolve(e.BLEIBE_DATA_DIR) } as const);
  // Demo data is the default on the embedded database and never allowed in production.
  const demo = e.BLEIBE_DEMO ?? (database.kind === 'embedded' && e.NODE_ENV !== 'production');
  if (e.BLEIBE_MATCH_LINK_THRESHOLD !== undefined && e.BLEIBE_MATCH_REVIEW_THRESHOLD !== undefined && e.BLEIBE_MATCH_REVIEW_THRESHOLD > e.BLEIBE_MATCH_LINK_THRESHOLD) {
    throw new ConfigError('Invalid configuration:\n  BLEIBE_MATCH_REVIEW_THRESHOLD: must not be above BLEIBE_MATCH_LINK_THRESHOLD');
  }
  if (demo && e.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  BLEIBE_DEMO: demo mode is refused when NODE_ENV=production');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database,
    demo,
    storage: {
      // Beside the data directory, not in it: that one is PostgreSQL's (PGlite refuses a non-empty
      // directory at its first start). Tests get a directory of their own in the temp dir.
      dir: resolve(e.BLEIBE_STORAGE_DIR ?? (e.NODE_ENV === 'test' ? join(tmpdir(), `bleibe-test-storage-${process.pid}`) : `${resolve(e.BLEIBE_DATA_DIR)}-documents`)),
      maxUploadBytes: Math.round(e.BLEIBE_UPLOAD_MAX_MB * 1024 * 1024),
    },
    session: { idleMinutes: e.BLEIBE_SESSION_IDLE_MINUTES, absoluteHours: e.BLEIBE_SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailures: e.BLEIBE_LOGIN_MAX_FAILURES,
      lockoutMinutes: e.BLEIBE_LOCKOUT_MINUTES,
      ratePerMinute: e.BLEIBE_LOGIN_RATE_PER_MINUTE,
    },
    intake: {
      firstContactWorkingDays: e.BLEIBE_FIRST_CONTACT_WORKING_DAYS,
      matchLinkThreshold: e.BLEIBE_MATCH_LINK_THRESHOLD,
      matchReviewThreshold: e.BLEIBE_MATCH_REVIEW_THRESHOLD,
    },
    referralReplyDays: e.BLEIBE_REFERRAL_REPLY_DAYS,
    longStayMonths: e.BLEIBE_LONG_STAY_MONTHS,
    reportMinimumCell: e.BLEIBE_REPORT_MINIMUM_CELL,
    trustProxy: e.BLEIBE_TRUST_PROXY,
    secureCookies: e.BLEIBE_SECURE_COOKIES,
    logLevel: e.LOG_LEVEL,
    version: process.env.npm_package_version ?? '0.1.0',
  };
}
