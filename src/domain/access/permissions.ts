import type { Permission, Role } from '../../contracts/roles.js';

/**
 * Which role grants which permission. The single source of truth: routes declare a permission,
 * the server checks it against this table, and the UI only renders the resulting list.
 * Organisation scoping (own organisation vs. the whole district) is decided per resource by the
 * access functions and row-level security, not here.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  caseworker: ['organisations.read', 'municipalities.read', 'locations.read', 'users.read'],
  team_lead: ['organisations.read', 'municipalities.read', 'locations.read', 'users.read'],
  finance: ['organisations.read', 'municipalities.read', 'locations.read', 'users.read'],
  statistics: ['organisations.read', 'municipalities.read', 'locations.read'],
  reporter: ['organisations.read', 'municipalities.read', 'locations.read'],
  org_admin: [
    'organisations.read',
    'municipalities.read',
    'locations.read',
    'locations.write',
    'users.read',
    'users.write',
    'audit.read',
  ],
  system_admin: [
    'organisations.read',
    'organisations.write',
    'municipalities.read',
    'municipalities.write',
    'locations.read',
    'locations.write',
    'users.read',
    'users.write',
    'audit.read',
    'audit.verify',
  ],
};

export function permissionsFor(roles: readonly Role[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) set.add(p);
  return [...set].sort();
}

/** Roles whose accounts must use two-factor authentication outside demo mode. */
export const ADMIN_ROLES: readonly Role[] = ['org_admin', 'system_admin'];

export function requiresTwoFactor(roles: readonly Role[], demo: boolean): boolean {
  return !demo && roles.some((r) => ADMIN_ROLES.includes(r));
}

/** Roles an org admin may hand out; system_admin can only be granted by a system admin. */
export function assignableRoles(actorRoles: readonly Role[]): Role[] {
  const all: Role[] = ['caseworker', 'team_lead', 'finance', 'statistics', 'org_admin', 'reporter'];
  return actorRoles.includes('system_admin') ? [...all, 'system_admin'] : all;
}
