import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config/config.js';
import type { Database } from './db/connect.js';

/** What every module's service functions receive: small and explicit, no container magic. */
export interface Services {
  db: Database;
  config: Config;
  log: FastifyBaseLogger;
  /** The clock, injectable so tests can move time (session timeouts, lockouts). */
  now(): Date;
}
