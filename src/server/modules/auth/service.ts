import { sql } from 'kysely';
import type { SessionInfo, SessionStage } from '../../../contracts/auth.js';
import type { LanguageCode } from '../../../contracts/common.js';
import type { OrganisationKind, Role } from '../../../contracts/roles.js';
import { permissionsFor, requiresTwoFactor } from '../../../domain/access/permissions.js';
import { checkPassword, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from '../../../domain/auth/password-policy.js';
import { nextStage, type CompletedStep } from '../../../domain/auth/stages.js';
import type { Actor } from '../../platform/auth/actor.js';
import {
  burnPasswordCheck,
  hashPassword,
  normaliseRecoveryCode,
  randomToken,
  recoveryCode,
  sha256,
  verifyPassword,
} from '../../platform/auth/crypto.js';
import { checkTotp, newTotpSecret, totpEnrolment } from '../../platform/auth/totp.js';
import { unsafeInternalTx, type AuditActor, type Tx } from '../../platform/db/tenant.js';
import { AppError, invalidInput } from '../../platform/http/errors.js';
import type { Services } from '../../platform/services.js';

export interface RequestMeta {
  requestId: string;
  ip: string;
  userAgent: string | null;
}

const ACCOUNT_COLUMNS = [
  'u.id',
  'u.org_id',
  'u.email',
  'u.display_name',
  'u.password_hash',
  'u.roles',
  'u.language',
  'u.active',
  'u.must_change_password',
  'u.totp_secret',
  'u.totp_pending_secret',
  'u.totp_last_step',
  'u.failed_logins',
  'u.locked_until',
  'o.name as org_name',
  'o.kind as org_kind',
  'o.active as org_active',
] as const;

type AccountRow = Awaited<ReturnType<typeof findAccount>>;

function findAccount(tx: Tx, by: { email: string } | { id: string }) {
  let q = tx.db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select([...ACCOUNT_COLUMNS]);
  q = 'email' in by ? q.where(sql`lower(u.email)`, '=', by.email.toLowerCase()) : q.where('u.id', '=', by.id);
  return q.executeTakeFirst();
}

const auditActorOf = (a: NonNullable<AccountRow>): AuditActor => ({ orgId: a.org_id, userId: a.id, label: a.email });

function accountState(s: Services, a: NonNullable<AccountRow>) {
  return {
    totpEnabled: a.totp_secret !== null,
    mustChangePassword: a.must_change_password,
    twoFactorRequired: requiresTwoFactor(a.roles as Role[], s.config.demo),
  };
}

function toActor(
  a: NonNullable<AccountRow>,
  session: { id: string; stage: string; csrf_token: string; expires_at: Date | string },
): Actor {
  const roles = a.roles as Role[];
  return {
    userId: a.id,
    email: a.email,
    displayName: a.display_name,
    language: a.language as LanguageCode,
    orgId: a.org_id,
    orgName: a.org_name,
    orgKind: a.org_kind as OrganisationKind,
    roles,
    permissions: new Set(permissionsFor(roles)),
    globalAdmin: roles.includes('system_admin'),
    totpEnabled: a.totp_secret !== null,
    session: {
      id: session.id,
      stage: session.stage as SessionStage,
      csrfToken: session.csrf_token,
      expiresAt: new Date(session.expires_at),
    },
  };
}

export function sessionInfo(s: Services, actor: Actor): SessionInfo {
  return {
    stage: actor.session.stage,
    user: {
      id: actor.userId,
      email: actor.email,
      displayName: actor.displayName,
      language: actor.language,
      totpEnabled: actor.totpEnabled,
    },
    organisation: { id: actor.orgId, name: actor.orgName, kind: actor.orgKind },
    roles: actor.roles,
    // Until the sign-in is complete a session may do nothing but finish it.
    permissions: actor.session.stage === 'active' ? [...actor.permissions] : [],
    csrfToken: actor.session.csrfToken,
    idleTimeoutSeconds: s.config.session.idleMinutes * 60,
    expiresAt: actor.session.expiresAt.toISOString(),
    demo: s.config.demo,
  };
}

export interface LoginResult {
  token: string;
  actor: Actor;
}

/** Password step. Failed attempts count towards a temporary lockout; every outcome is audited. */
export async function login(s: Services, email: string, password: string, meta: RequestMeta): Promise<LoginResult> {
  const now = s.now();
  const account = await unsafeInternalTx(s.db, meta.requestId, (tx) => findAccount(tx, { email }));
  if (!account || !account.active || !account.org_active) {
    await burnPasswordCheck(password);
    await unsafeInternalTx(s.db, meta.requestId, async (tx) =>
      tx.audit({
        action: 'auth.login_failed',
        // The attempted address is kept only as a hash: it may be a mistyped stranger's.
        details: { reason: account ? 'inactive' : 'unknown_account', emailSha256: sha256(email.toLowerCase()), ip: meta.ip },
        actor: account ? auditActorOf(account) : undefined,
      }),
    );
    throw new AppError(401, 'invalid_credentials');
  }
  if (account.locked_until && account.locked_until > now) {
    await unsafeInternalTx(s.db, meta.requestId, async (tx) =>
      tx.audit({ action: 'auth.login_refused_locked', entityType: 'user', entityId: account.id, actor: auditActorOf(account), details: { ip: meta.ip } }),
    );
    throw new AppError(423, 'account_locked');
  }
  if (!(await verifyPassword(account.password_hash, password))) {
    const locked = await registerFailure(s, account, 'password', meta);
    throw new AppError(locked ? 423 : 401, locked ? 'account_locked' : 'invalid_credentials');
  }
  return startSession(s, account, nextStage('password', accountState(s, account)), meta);
}

/** Counts a failed password or code; locks the account once the limit is reached. */
async function registerFailure(s: Services, account: NonNullable<AccountRow>, factor: string, meta: RequestMeta) {
  const now = s.now();
  const { maxFailures, lockoutMinutes } = s.config.login;
  return unsafeInternalTx(s.db, meta.requestId, async (tx) => {
    const row = await tx.db
      .updateTable('users')
      .set({ failed_logins: sql`failed_logins + 1` })
      .where('id', '=', account.id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    const lock = row.failed_logins >= maxFailures;
    if (lock) {
      await tx.db
        .updateTable('users')
        .set({ locked_until: new Date(now.getTime() + lockoutMinutes * 60_000), failed_logins: 0 })
        .where('id', '=', account.id)
        .execute();
    }
    const actor = auditActorOf(account);
    tx.audit({ action: 'auth.login_failed', entityType: 'user', entityId: account.id, actor, details: { factor, ip: meta.ip } });
    if (lock) tx.audit({ action: 'auth.account_locked', entityType: 'user', entityId: account.id, actor, details: { minutes: lockoutMinutes } });
    return lock;
  });
}

async function startSession(s: Services, account: NonNullable<AccountRow>, stage: SessionStage, meta: RequestMeta): Promise<LoginResult> {
  const now = s.now();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + s.config.session.absoluteHours * 3_600_000);
  const session = await unsafeInternalTx(s.db, meta.requestId, async (tx) => {
    await tx.db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, ...(stage === 'active' ? { last_login_at: now } : {}) })
      .where('id', '=', account.id)
      .execute();
    const row = await tx.db
      .insertInto('sessions')
      .values({
        org_id: account.org_id,
        user_id: account.id,
        token_hash: sha256(token),
        csrf_token: randomToken(24),
        stage,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .returning(['id', 'stage', 'csrf_token', 'expires_at'])
      .executeTakeFirstOrThrow();
    tx.audit({ action: stage === 'active' ? 'auth.login' : 'auth.login_password_ok', entityType: 'session', entityId: row.id, actor: auditActorOf(account), details: { stage, ip: meta.ip } });
    return row;
  });
  return { token, actor: toActor(account, session) };
}

/**
 * Resolves a session cookie to an actor. Ends sessions past their idle or absolute timeout
 * (both audited) and refreshes the idle timer at most once a minute.
 */
export async function resolveSession(s: Services, token: string, requestId: string): Promise<Actor | 'expired' | null> {
  const now = s.now();
  return unsafeInternalTx(s.db, requestId, async (tx) => {
    // Session, account and organisation in one query: this runs on every request.
    const row = await tx.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .select([...ACCOUNT_COLUMNS, 's.id as session_id', 's.stage', 's.csrf_token', 's.expires_at', 's.last_seen_at'])
      .where('s.token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row) return null;
    const session = { id: row.session_id, stage: row.stage, csrf_token: row.csrf_token, expires_at: row.expires_at, last_seen_at: row.last_seen_at };
    const account = row;
    const idleLimit = new Date(new Date(session.last_seen_at).getTime() + s.config.session.idleMinutes * 60_000);
    const reason =
      new Date(session.expires_at) <= now ? 'absolute_timeout' : idleLimit <= now ? 'idle_timeout' : !account?.active || !account.org_active ? 'account_inactive' : null;
    if (reason || !account) {
      await tx.db.deleteFrom('sessions').where('id', '=', session.id).execute();
      tx.audit({ action: 'auth.session_expired', entityType: 'session', entityId: session.id, actor: account ? auditActorOf(account) : undefined, details: { reason } });
      return 'expired';
    }
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
      await tx.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', session.id).execute();
    }
    return toActor(account, session);
  });
}

async function setStage(tx: Tx, actor: Actor, stage: SessionStage) {
  await tx.db.updateTable('sessions').set({ stage }).where('id', '=', actor.session.id).execute();
  actor.session.stage = stage;
}

async function reloadActor(s: Services, actor: Actor, requestId: string): Promise<Actor> {
  return unsafeInternalTx(s.db, requestId, async (tx) => {
    const account = await findAccount(tx, { id: actor.userId });
    const session = await tx.db
      .selectFrom('sessions')
      .select(['id', 'stage', 'csrf_token', 'expires_at'])
      .where('id', '=', actor.session.id)
      .executeTakeFirstOrThrow();
    return toActor(account!, session);
  });
}

/** Second step: a TOTP code, or a one-time recovery code. */
export async function completeTotp(s: Services, actor: Actor, input: { code?: string; recoveryCode?: string }, meta: RequestMeta) {
  const account = await unsafeInternalTx(s.db, meta.requestId, (tx) => findAccount(tx, { id: actor.userId }));
  if (!account?.totp_secret) throw new AppError(403, 'stage_required');
  if (account.locked_until && account.locked_until > s.now()) throw new AppError(423, 'account_locked');
  const accepted = await unsafeInternalTx(s.db, meta.requestId, async (tx) => {
    if (input.code) {
      const step = await checkTotp(account.totp_secret!, input.code, s.now(), account.totp_last_step);
      if (step === null) return false;
      await tx.db.updateTable('users').set({ totp_last_step: step }).where('id', '=', account.id).execute();
      return true;
    }
    const used = await tx.db
      .updateTable('user_recovery_codes')
      .set({ used_at: s.now() })
      .where('user_id', '=', account.id)
      .where('code_hash', '=', sha256(normaliseRecoveryCode(input.recoveryCode!)))
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (used) tx.audit({ action: 'auth.recovery_code_used', entityType: 'user', entityId: account.id, actor: auditActorOf(account) });
    return Boolean(used);
  });
  if (!accepted) {
    const locked = await registerFailure(s, account, input.code ? 'totp' : 'recovery_code', meta);
    throw new AppError(locked ? 423 : 401, locked ? 'account_locked' : 'invalid_totp');
  }
  await advance(s, actor, 'totp', meta);
  return reloadActor(s, actor, meta.requestId);
}

async function advance(s: Services, actor: Actor, step: CompletedStep, meta: RequestMeta) {
  await unsafeInternalTx(s.db, meta.requestId, async (tx) => {
    const account = (await findAccount(tx, { id: actor.userId }))!;
    const stage = nextStage(step, accountState(s, account));
    await setStage(tx, actor, stage);
    if (stage === 'active') {
      await tx.db.updateTable('users').set({ last_login_at: s.now(), failed_logins: 0 }).where('id', '=', actor.userId).execute();
      tx.audit({ action: 'auth.login', entityType: 'session', entityId: actor.session.id, actor: auditActorOf(account), details: { after: step } });
    }
  });
}

export async function logout(s: Services, actor: Actor, meta: RequestMeta) {
  await unsafeInternalTx(s.db, meta.requestId, async (tx) => {
    await tx.db.deleteFrom('sessions').where('id', '=', actor.session.id).execute();
    tx.audit({ action: 'auth.logout', entityType: 'session', entityId: actor.session.id, actor: { orgId: actor.orgId, userId: actor.userId, label: actor.email } });
  });
}

export function passwordProblems(password: string, ctx: { email: string; displayName: string }, path = 'newPassword') {
  return checkPassword(password, ctx).map((key) => ({
    path,
    key: `password.${key}`,
    params: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
  }));
}

/** Changing one's own password ends every other session of the account. */
export async function changePassword(s: Services, actor: Actor, current: string, next: string, meta: RequestMeta) {
  const account = await unsafeInternalTx(s.db, meta.requestId, (tx) => findAccount(tx, { id: actor.userId }));
  if (!account || !(await verifyPassword(account.password_hash, current))) {
    if (account) await registerFailure(s, account, 'password_change', meta);
    throw invalidInput([{ path: 'currentPassword', key: 'wrong_password' }]).withCode('wrong_password');
  }
  const problems = passwordProblems(next, { email: account.email, displayName: account.display_name });
  if (current === next) problems.push({ path: 'newPassword', key: 'password.same_as_current', params: { min: 0, max: 0 } });
  if (problems.length) throw invalidInput(problems).withCode('password_policy');
  const newHash = await hashPassword(next);
  await unsafeInternalTx(s.db, meta.requestId, async (tx) => {
    await tx.db
      .updateTable('users')
      .set({ password_hash: newHash, must_change_password: false, password_changed_at: s.now(), updated_at: s.now() })
      .where('id', '=', actor.userId)
      .execute();
    await tx.db.deleteFrom('sessions').where('user_id', '=', actor.userId).where('id', '!=', actor.session.id).execute();
    tx.audit({ action: 'auth.password_changed', entityType: 'user', entityId: actor.userId, actor: auditActorOf(account) });
  });
  if (actor.session.stage === 'password_change') await advance(s, actor, 'password_change', meta);
  return reloadActor(s, actor, meta.requestId);
}

export async function beginTotpEnrolment(s: Services, actor: Actor, meta: RequestMeta) {
  const secret = newTotpSecret();
  await unsafeInternalTx(s.db, meta.requestId, async (tx) => {
    await tx.db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', actor.userId).execute();
    tx.audit({ action: 'auth.totp_enrolment_started', entityType: 'user', entityId: actor.userId, actor: { orgId: actor.orgId, userId: actor.userId, label: actor.email } });
  });
  return totpEnrolment(secret, actor.email);
}

export async function enableTotp(s: Services, actor: Actor, code: string, meta: RequestMeta) {
  const account = await unsafeInternalTx(s.db, meta.requestId, (tx) => findAccount(tx, { id: actor.userId }));
  if (!account?.totp_pending_secret) throw new AppError(409, 'totp_not_started');
  const step = await checkTotp(account.totp_pending_secret, code, s.now(), null);
  if (step === null) throw invalidInput([{ path: 'code', key: 'invalid_totp' }]).withCode('invalid_totp');
  const codes = Array.from({ length: 10 }, recoveryCode);
  await unsafeInternalTx(s.db, meta.requestId, async (tx) => {
    await tx.db
      .updateTable('users')
      .set({ totp_secret: account.totp_pending_secret, totp_pending_secret: null, totp_enabled_at: s.now(), totp_last_step: step })
      .where('id', '=', actor.userId)
      .execute();
    await tx.db.deleteFrom('user_recovery_codes').where('user_id', '=', actor.userId).execute();
    await tx.db
      .insertInto('user_recovery_codes')
      .values(codes.map((c) => ({ org_id: actor.orgId, user_id: actor.userId, code_hash: sha256(normaliseRecoveryCode(c)) })))
      .execute();
    tx.audit({ action: 'auth.totp_enabled', entityType: 'user', entityId: actor.userId, actor: auditActorOf(account) });
  });
  if (actor.session.stage === 'totp_enrolment') await advance(s, actor, 'totp_enrolment', meta);
  return { recoveryCodes: codes, actor: await reloadActor(s, actor, meta.requestId) };
}

export async function disableTotp(s: Services, actor: Actor, password: string, meta: RequestMeta) {
  if (requiresTwoFactor(actor.roles, s.config.demo)) throw new AppError(422, 'totp_required_for_admins');
  const account = await unsafeInternalTx(s.db, meta.requestId, (tx) => findAccount(tx, { id: actor.userId }));
  if (!account || !(await verifyPassword(account.password_hash, password))) {
    if (account) await registerFailure(s, account, 'totp_disable', meta);
    throw invalidInput([{ path: 'password', key: 'wrong_password' }]).withCode('wrong_password');
  }
  await unsafeInternalTx(s.db, meta.requestId, async (tx) => {
    await tx.db.updateTable('users').set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', actor.userId).execute();
    await tx.db.deleteFrom('user_recovery_codes').where('user_id', '=', actor.userId).execute();
    tx.audit({ action: 'auth.totp_disabled', entityType: 'user', entityId: actor.userId, actor: auditActorOf(account) });
  });
  return reloadActor(s, actor, meta.requestId);
}

/** Ends every session of an account (after an administrator reset or deactivation). */
export async function revokeSessions(s: Services, userId: string, requestId: string) {
  await unsafeInternalTx(s.db, requestId, (tx) => tx.db.deleteFrom('sessions').where('user_id', '=', userId).execute());
}
