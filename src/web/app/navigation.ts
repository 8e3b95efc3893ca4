import type { Permission } from '../../contracts/roles';

export interface AdminNavEntry {
  path: string;
  labelKey: string;
  permission: Permission;
}

/** Each administration page and the permission whose presence in the session shows it. */
export const ADMIN_NAV: AdminNavEntry[] = [
  { path: '/admin/organisations', labelKey: 'nav.organisations', permission: 'organisations.read' },
  { path: '/admin/municipalities', labelKey: 'nav.municipalities', permission: 'municipalities.read' },
  { path: '/admin/locations', labelKey: 'nav.locations', permission: 'locations.read' },
  { path: '/admin/users', labelKey: 'nav.users', permission: 'users.read' },
  { path: '/admin/audit', labelKey: 'nav.audit', permission: 'audit.read' },
];

/** Modules announced but not built yet: shown as plain text, never as links to placeholder pages. */
export const UPCOMING_MODULES = ['intake', 'cases', 'appointments', 'housing', 'network', 'reports'] as const;
