import type { Permission, Role } from '../../contracts/roles.js';

/**
 * Which role grants which permission. The single source of truth: routes declare a permission,
 * the server checks it against this table, and the UI only renders the resulting list.
 * Organisation scoping (own organisation vs. the whole district) is decided per resource by the
 * access functions and row-level security, not here.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  caseworker: [
    'organisations.read', 'municipalities.read', 'locations.read', 'users.read',
    'notices.submit', 'receipts.read', 'cases.read', 'cases.edit', 'matching.review', 'imports.run',
    'consents.manage', 'disclosures.receive', 'network.read', 'housing.read', 'housing.manage', 'reports.read',
  ],
  team_lead: [
    'organisations.read', 'municipalities.read', 'locations.read', 'users.read',
    'notices.submit', 'receipts.read', 'cases.read', 'cases.edit', 'cases.assign', 'cases.transfer', 'matching.review', 'imports.run',
    'consents.manage', 'disclosures.receive', 'network.read', 'network.manage', 'cases.access_log', 'housing.read', 'housing.manage',
    'reports.read',
  ],
  // The finance service checks a flat's rent against the adequacy limit before assuming its debts.
  finance: ['organisations.read', 'municipalities.read', 'locations.read', 'users.read', 'cases.read', 'measures.decide', 'housing.read'],
  // Evaluators: aggregates of the whole district, the official counts and the pseudonymised export; never a case.
  statistics: ['organisations.read', 'municipalities.read', 'locations.read', 'reports.aggregate', 'reports.official', 'reports.pseudonymised'],
  // A partner such as the Jobcenter also receives the status reports a client consented to.
  reporter: ['organisations.read', 'municipalities.read', 'locations.read', 'notices.submit', 'receipts.read', 'disclosures.receive'],
  org_admin: [
    'organisations.read',
    'municipalities.read',
    'locations.read',
    'locations.write',
    'users.read',
    'users.write',
    'audit.read',
    'receipts.read',
    'apikeys.manage',
    'casework.configure',
    'network.read',
    'network.manage',
    'cases.access_log',
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
    'apikeys.manage',
    'housing.read',
    'adequacy.manage',
  ],
  // Only meaningful together with a role that reads cases; on its own it opens nothing.
  sensitive_data: ['cases.sensitive'],
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
  const all: Role[] = ['caseworker', 'team_lead', 'finance', 'statistics', 'org_admin', 'reporter', 'sensitive_data'];
  return actorRoles.includes('system_admin') ? [...all, 'system_admin'] : all;
}
