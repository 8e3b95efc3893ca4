import type { AnyRoute } from './platform/http/route.js';
import { authRoutes } from './modules/auth/routes.js';
import { organisationRoutes } from './modules/admin/organisations.js';
import { municipalityRoutes } from './modules/admin/municipalities.js';
import { locationRoutes } from './modules/admin/locations.js';
import { userRoutes } from './modules/admin/users.js';
import { auditRoutes } from './modules/audit/routes.js';
import { systemRoutes } from './modules/system/routes.js';
import { intakeRoutes } from './modules/intake/routes.js';
import { caseRoutes } from './modules/cases/routes.js';
import { matchingRoutes } from './modules/matching/routes.js';
import { apiKeyRoutes } from './modules/apikeys/routes.js';
import { deadlineRoutes } from './modules/deadlines/routes.js';
import { importRoutes } from './modules/imports/routes.js';

/** Every route of the application, in one list: the permission snapshot test reads it. */
export const allRoutes: AnyRoute[] = [
  ...systemRoutes,
  ...authRoutes,
  ...organisationRoutes,
  ...municipalityRoutes,
  ...locationRoutes,
  ...userRoutes,
  ...auditRoutes,
  ...deadlineRoutes,
  ...intakeRoutes,
  ...caseRoutes,
  ...matchingRoutes,
  ...apiKeyRoutes,
  ...importRoutes,
];
