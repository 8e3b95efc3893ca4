import { sql } from 'kysely';
import { IdParams } from '../../../contracts/common.js';
import { TemporaryPassword, User, UserCreate, UserList, UserListQuery, UserPatch } from '../../../contracts/admin.js';
import type { Role } from '../../../contracts/roles.js';
import { ADMIN_ROLES, assignableRoles } from '../../../domain/access/permissions.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hashPassword, temporaryPassword } from '../../platform/auth/crypto.js';
import { failStaleOrMissing } from '../../platform/db/optimistic.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { route, signedIn, type RequestContext } from '../../platform/http/route.js';
import { revokeSessions } from '../auth/service.js';
import { assertMayWriteFor, scopeUsers } from './access.js';
import { presentUser } from './presenters.js';

const COLUMNS = [
  'users.id', 'users.org_id', 'organisations.name as org_name', 'users.email', 'users.display_name', 'users.roles',
  'users.language', 'users.active', 'users.totp_enabled_at', 'users.locked_until', 'users.last_login_at', 'users.version',
] as const;

function visibleUsers(tx: Tx, actor: Actor) {
  return scopeUsers(tx.db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.org_id').select([...COLUMNS]), actor);
}

async function findVisible(tx: Tx, actor: Actor, id: string) {
  const row = await visibleUsers(tx, actor).where('users.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function assertAssignable(actor: Actor, roles: Role[]) {
  const allowed = new Set(assignableRoles(actor.roles));
  const bad = roles.map((r, i) => ({ r, i })).filter((x) => !allowed.has(x.r));
  if (bad.length) throw new AppError(422, 'role_not_assignable', bad.map((b) => ({ path: `roles.${b.i}`, key: 'invalid_format' })));
}

/** Only a system administrator may change a system administrator's account (else: takeover by reset). */
function assertMayManage(actor: Actor, target: { roles: string[] }) {
  if ((target.roles as Role[]).includes('system_admin') && !actor.globalAdmin) throw new AppError(422, 'role_not_assignable');
}

type Ctx = RequestContext<{ id: string }, unknown, unknown>;

/** Administrative actions on an account: each loads through the access rule, changes, audits. */
async function adminAction(ctx: Ctx, action: string, change: (tx: Tx, id: string) => Promise<void>) {
  const actor = signedIn(ctx);
  const now = ctx.services.now();
  const row = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
    const target = await findVisible(tx, actor, ctx.params.id);
    assertMayManage(actor, target);
    await change(tx, target.id);
    tx.audit({ action, entityType: 'user', entityId: target.id });
    return findVisible(tx, actor, target.id);
  });
  return presentUser(row, now);
}

// Staff accounts. Reading them is a read of personal data and is audited like any other.
export const userRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/users',
    access: 'users.read',
    summary: 'List staff accounts (own organisation; system administrators: all)',
    tags: ['admin'],
    query: UserListQuery,
    response: UserList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        let q = visibleUsers(tx, actor).orderBy('users.display_name').limit(1000);
        if (ctx.query.orgId) q = q.where('users.org_id', '=', ctx.query.orgId);
        if (ctx.query.q) {
          const like = `%${ctx.query.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
          q = q.where((eb) => eb.or([eb('users.display_name', 'ilike', like), eb('users.email', 'ilike', like)]));
        }
        const rows = await q.execute();
        tx.audit({ action: 'user.list', entityType: 'user', details: { count: rows.length, ids: rows.map((r) => r.id) } });
        return { items: rows.map((r) => presentUser(r, ctx.services.now())) };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/users/:id',
    access: 'users.read',
    summary: 'One staff account',
    tags: ['admin'],
    params: IdParams,
    response: User,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const row = await findVisible(tx, actor, ctx.params.id);
        tx.audit({ action: 'user.read', entityType: 'user', entityId: row.id });
        return presentUser(row, ctx.services.now());
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/users',
    access: 'users.write',
    summary: 'Create a staff account; returns its temporary password once',
    tags: ['admin'],
    body: UserCreate,
    status: 201,
    response: TemporaryPassword,
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      assertMayWriteFor(actor, ctx.body.orgId);
      assertAssignable(actor, ctx.body.roles);
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const row = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const { id } = await tx.db
          .insertInto('users')
          .values({
            org_id: ctx.body.orgId,
            email: ctx.body.email,
            display_name: ctx.body.displayName,
            roles: [...new Set(ctx.body.roles)],
            language: ctx.body.language,
            password_hash: passwordHash,
            must_change_password: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'user.create', entityType: 'user', entityId: id, details: { roles: ctx.body.roles } });
        return findVisible(tx, actor, id);
      });
      return { user: presentUser(row, ctx.services.now()), temporaryPassword: password };
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/users/:id',
    access: 'users.write',
    summary: 'Change name, roles, language or active state of an account (optimistic locking)',
    tags: ['admin'],
    params: IdParams,
    body: UserPatch,
    response: User,
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const { version, ...patch } = ctx.body;
      if (patch.roles) assertAssignable(actor, patch.roles);
      // Nobody locks themselves out: no self-deactivation, no dropping one's own admin role.
      const dropsOwnAdminRole = patch.roles && actor.roles.some((r) => ADMIN_ROLES.includes(r) && !patch.roles!.includes(r));
      if (ctx.params.id === actor.userId && (patch.active === false || dropsOwnAdminRole)) {
        throw new AppError(422, 'cannot_change_own_account');
      }
      const row = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const target = await findVisible(tx, actor, ctx.params.id);
        assertMayManage(actor, target);
        const updated = await tx.db
          .updateTable('users')
          .set({
            ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
            ...(patch.roles !== undefined ? { roles: [...new Set(patch.roles)] } : {}),
            ...(patch.language !== undefined ? { language: patch.language } : {}),
            ...(patch.active !== undefined ? { active: patch.active } : {}),
            updated_at: sql`now()`,
            version: sql`version + 1`,
          } as never)
          .where('id', '=', target.id)
          .where('version', '=', version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) return failStaleOrMissing(tx, 'users', target.id);
        tx.audit({ action: 'user.update', entityType: 'user', entityId: target.id, details: { fields: Object.keys(patch) } });
        return findVisible(tx, actor, target.id);
      });
      if (patch.active === false || patch.roles) await revokeSessions(ctx.services, row.id, ctx.requestId);
      return presentUser(row, ctx.services.now());
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/users/:id/reset-password',
    access: 'users.write',
    summary: 'Issue a temporary password (must be changed at next sign-in); ends the account\'s sessions',
    tags: ['admin'],
    params: IdParams,
    response: TemporaryPassword,
    handler: async (ctx) => {
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const user = await adminAction(ctx, 'user.password_reset', async (tx, id) => {
        await tx.db.updateTable('users').set({ password_hash: passwordHash, must_change_password: true, failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
      });
      await revokeSessions(ctx.services, user.id, ctx.requestId);
      return { user, temporaryPassword: password };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/users/:id/reset-totp',
    access: 'users.write',
    summary: 'Remove an account\'s second factor (it must enrol again); ends its sessions',
    tags: ['admin'],
    params: IdParams,
    response: User,
    handler: async (ctx) => {
      const user = await adminAction(ctx, 'user.totp_reset', async (tx, id) => {
        await tx.db.updateTable('users').set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', id).execute();
      });
      await revokeSessions(ctx.services, user.id, ctx.requestId);
      return user;
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/users/:id/unlock',
    access: 'users.write',
    summary: 'Lift a temporary lockout after failed sign-ins',
    tags: ['admin'],
    params: IdParams,
    response: User,
    handler: (ctx) =>
      adminAction(ctx, 'user.unlock', async (tx, id) => {
        await tx.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
      }),
  }),
];
