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
  { path: '/admin/api-keys', labelKey: 'nav.apiKeys', permission: 'apikeys.manage' },
  { path: '/admin/letters', labelKey: 'letters.settings.nav', permission: 'casework.configure' },
  { path: '/admin/measures', labelKey: 'catalogue.nav', permission: 'casework.configure' },
];

export interface WorkNavEntry {
  path: string;
  labelKey: string;
  /** null: open to everyone (the Schonfrist calculator is public). */
  permission: Permission | null;
  /** For the start page's list of modules. */
  descriptionKey: string;
}

/** Early warning and case work, each shown when the session holds its permission. */
export const WORK_NAV: WorkNavEntry[] = [
  { path: '/cases', labelKey: 'nav.cases', permission: 'cases.read', descriptionKey: 'start.modules.cases' },
  { path: '/search', labelKey: 'nav.search', permission: 'cases.read', descriptionKey: 'search.navDescription' },
  { path: '/tasks', labelKey: 'tasks.nav', permission: 'cases.read', descriptionKey: 'tasks.navDescription' },
  { path: '/outreach/home-visits', labelKey: 'outreach.dayList.nav', permission: 'cases.read', descriptionKey: 'outreach.dayList.navDescription' },
  { path: '/outreach/reach', labelKey: 'outreach.reachPage.nav', permission: 'cases.read', descriptionKey: 'outreach.reachPage.navDescription' },
  { path: '/appointments', labelKey: 'appointments.nav', permission: 'cases.read', descriptionKey: 'appointments.navDescription' },
  { path: '/applications', labelKey: 'applications.nav', permission: 'measures.decide', descriptionKey: 'applications.navDescription' },
  { path: '/inbox', labelKey: 'inbox.nav', permission: 'disclosures.receive', descriptionKey: 'inbox.navDescription' },
  { path: '/intake/new', labelKey: 'nav.intakeNew', permission: 'notices.submit', descriptionKey: 'start.modules.intakeNew' },
  { path: '/intake/import', labelKey: 'nav.intakeImport', permission: 'imports.run', descriptionKey: 'start.modules.intakeImport' },
  { path: '/portal', labelKey: 'nav.portal', permission: 'receipts.read', descriptionKey: 'start.modules.portal' },
  { path: '/matching', labelKey: 'nav.matching', permission: 'matching.review', descriptionKey: 'start.modules.matching' },
  { path: '/network/meetings', labelKey: 'network.nav.meetings', permission: 'network.read', descriptionKey: 'network.nav.meetingsDescription' },
  { path: '/network/actions', labelKey: 'network.nav.actions', permission: 'network.read', descriptionKey: 'network.nav.actionsDescription' },
  { path: '/network/agreements', labelKey: 'network.nav.agreements', permission: 'network.read', descriptionKey: 'network.nav.agreementsDescription' },
  // The partner directory is for every signed-in user (null: no permission needed; the page is behind sign-in).
  { path: '/directory', labelKey: 'nav.directory', permission: null, descriptionKey: 'start.modules.directory' },
  { path: '/fristen', labelKey: 'nav.schonfrist', permission: null, descriptionKey: 'start.modules.schonfrist' },
];

/**
 * The navigation group "Wohnen"/"Housing": the shelter register, brokerage of flats and what the
 * Jobcenter accepts as rent, each entry shown when the session holds its permission.
 */
export const HOUSING_NAV: WorkNavEntry[] = [
  { path: '/housing/shelters', labelKey: 'housing.shelters.nav', permission: 'housing.read', descriptionKey: 'housing.shelters.navDescription' },
  { path: '/housing/long-stays', labelKey: 'housing.placements.longStays.nav', permission: 'housing.read', descriptionKey: 'housing.placements.longStays.navDescription' },
  { path: '/housing/landlords', labelKey: 'housing.landlords.nav', permission: 'housing.read', descriptionKey: 'housing.landlords.navDescription' },
  { path: '/housing/offers', labelKey: 'housing.offers.nav', permission: 'housing.read', descriptionKey: 'housing.offers.navDescription' },
  { path: '/housing/outcomes', labelKey: 'housing.outcomes.nav', permission: 'housing.read', descriptionKey: 'housing.outcomes.navDescription' },
  { path: '/housing/adequacy', labelKey: 'housing.adequacy.nav', permission: 'housing.read', descriptionKey: 'housing.adequacy.navDescription' },
];

export interface ReportsNavEntry {
  path: string;
  labelKey: string;
  /** Shown when the session holds any of these. */
  permissions: Permission[];
  descriptionKey: string;
}

/** The navigation group "Auswertung"/"Reports": the evaluation report (own organisation or district). */
export const REPORTS_NAV: ReportsNavEntry[] = [
  { path: '/reports', labelKey: 'reports.nav', permissions: ['reports.read', 'reports.aggregate'], descriptionKey: 'reports.navDescription' },
  // Not under /reports: the navigation marks an entry current for its sub-paths too.
  { path: '/statistics/official', labelKey: 'reports.official.nav', permissions: ['reports.official'], descriptionKey: 'reports.official.navDescription' },
  { path: '/statistics/export', labelKey: 'reports.pseudonymised.nav', permissions: ['reports.pseudonymised'], descriptionKey: 'reports.pseudonymised.navDescription' },
];

/** Modules announced but not built yet: shown as plain text, never as links to placeholder pages. */
export const UPCOMING_MODULES: readonly string[] = [];
