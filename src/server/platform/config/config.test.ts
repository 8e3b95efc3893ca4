import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const PG = 'postgres://bleibe@db.example:5432/bleibe';

/** loadConfig must fail with a ConfigError whose message names the variable. */
function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has sensible defaults: port 3000, embedded database in ./data, demo on', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.database).toEqual({ kind: 'embedded', dataDir: resolve('./data') });
    expect(c.demo).toBe(true);
    expect(c.session).toEqual({ idleMinutes: 30, absoluteHours: 12 });
    expect(c.login).toEqual({ maxFailures: 5, lockoutMinutes: 15, ratePerMinute: 10 });
    expect(c.trustProxy).toBe(false);
    expect(c.secureCookies).toBeUndefined();
    expect(c.logLevel).toBe('info');
  });

  it('does not read process.env when given an environment', () => {
    const before = process.env.PORT;
    process.env.PORT = '4711';
    try {
      expect(loadConfig({}).port).toBe(3000);
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });

  it.each([['postgres://u@h/db'], ['postgresql://u:p@h:5433/db'], [PG]])('DATABASE_URL %s switches to the server engine and demo off', (url) => {
    const c = loadConfig({ DATABASE_URL: url });
    expect(c.database).toEqual({ kind: 'server', url });
    expect(c.demo).toBe(false);
  });

  it('allows demo mode on a server database when asked for explicitly', () => {
    expect(loadConfig({ DATABASE_URL: PG, BLEIBE_DEMO: 'true' }).demo).toBe(true);
  });

  it.each<[NodeJS.ProcessEnv, boolean]>([
    [{ BLEIBE_DEMO: 'false' }, false],
    [{ BLEIBE_DEMO: '0' }, false],
    [{ BLEIBE_DEMO: 'no' }, false],
    [{ BLEIBE_DEMO: 'yes' }, true],
    [{ BLEIBE_DEMO: '1' }, true],
    [{ NODE_ENV: 'test' }, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', BLEIBE_DEMO: 'false' }, false],
  ])('demo for %j is %s', (env, demo) => {
    expect(loadConfig(env).demo).toBe(demo);
  });

  it.each<[NodeJS.ProcessEnv]>([
    [{ NODE_ENV: 'production', BLEIBE_DEMO: 'true' }],
    [{ NODE_ENV: 'production', BLEIBE_DEMO: '1' }],
    [{ NODE_ENV: 'production', BLEIBE_DEMO: 'true', DATABASE_URL: PG }],
  ])('refuses demo mode in production: %j', (env) => {
    expect(refusal(env).message).toMatch(/BLEIBE_DEMO/);
  });

  it.each<[string, NodeJS.ProcessEnv]>([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '80.5' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://u@h/db' }],
    ['DATABASE_URL', { DATABASE_URL: 'http://h/db' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['BLEIBE_DEMO', { BLEIBE_DEMO: 'maybe' }],
    ['BLEIBE_SESSION_IDLE_MINUTES', { BLEIBE_SESSION_IDLE_MINUTES: '0' }],
    ['BLEIBE_LOGIN_MAX_FAILURES', { BLEIBE_LOGIN_MAX_FAILURES: 'many' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
  ])('an invalid %s is a ConfigError naming it', (variable, env) => {
    const err = refusal(env);
    expect(err.message).toContain(`${variable}:`);
  });

  it('names every invalid variable at once', () => {
    const err = refusal({ PORT: 'x', DATABASE_URL: 'nope' });
    expect(err.message).toContain('PORT:');
    expect(err.message).toContain('DATABASE_URL:');
  });

  it('reads the tunables', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: PG,
      BLEIBE_SESSION_IDLE_MINUTES: '10',
      BLEIBE_SESSION_ABSOLUTE_HOURS: '8',
      BLEIBE_LOGIN_MAX_FAILURES: '3',
      BLEIBE_LOCKOUT_MINUTES: '60',
      BLEIBE_LOGIN_RATE_PER_MINUTE: '20',
      BLEIBE_TRUST_PROXY: 'true',
      BLEIBE_SECURE_COOKIES: 'false',
      LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      env: 'production',
      port: 8080,
      host: '127.0.0.1',
      database: { kind: 'server', url: PG },
      demo: false,
      session: { idleMinutes: 10, absoluteHours: 8 },
      login: { maxFailures: 3, lockoutMinutes: 60, ratePerMinute: 20 },
      trustProxy: true,
      secureCookies: false,
      logLevel: 'warn',
    });
  });

  it('reads the intake settings: first-contact working days and matching thresholds', () => {
    expect(loadConfig({}).intake).toEqual({ firstContactWorkingDays: 3, matchLinkThreshold: undefined, matchReviewThreshold: undefined });
    expect(
      loadConfig({ BLEIBE_FIRST_CONTACT_WORKING_DAYS: '5', BLEIBE_MATCH_LINK_THRESHOLD: '24', BLEIBE_MATCH_REVIEW_THRESHOLD: '10' }).intake,
    ).toEqual({ firstContactWorkingDays: 5, matchLinkThreshold: 24, matchReviewThreshold: 10 });
  });

  it.each<[NodeJS.ProcessEnv, string]>([
    [{ BLEIBE_FIRST_CONTACT_WORKING_DAYS: '-1' }, 'BLEIBE_FIRST_CONTACT_WORKING_DAYS'],
    [{ BLEIBE_REFERRAL_REPLY_DAYS: '0' }, 'BLEIBE_REFERRAL_REPLY_DAYS'],
    [{ BLEIBE_LONG_STAY_MONTHS: '0' }, 'BLEIBE_LONG_STAY_MONTHS'],
    [{ BLEIBE_MATCH_LINK_THRESHOLD: 'viel' }, 'BLEIBE_MATCH_LINK_THRESHOLD'],
    [{ BLEIBE_MATCH_LINK_THRESHOLD: '10', BLEIBE_MATCH_REVIEW_THRESHOLD: '12' }, 'BLEIBE_MATCH_REVIEW_THRESHOLD'],
  ])('refuses bad intake settings %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('resolves BLEIBE_DATA_DIR to an absolute path', () => {
    expect(loadConfig({ BLEIBE_DATA_DIR: 'var/bleibe' }).database).toEqual({ kind: 'embedded', dataDir: resolve('var/bleibe') });
  });
});
