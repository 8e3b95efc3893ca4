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
import { absenceRoutes, caseFileRoutes } from './modules/casefile/routes.js';
import { matchingRoutes } from './modules/matching/routes.js';
import { apiKeyRoutes } from './modules/apikeys/routes.js';
import { deadlineRoutes } from './modules/deadlines/routes.js';
import { importRoutes } from './modules/imports/routes.js';
import { directoryRoutes } from './modules/directory/routes.js';
import { outreachRoutes } from './modules/outreach/routes.js';
import { recordRoutes } from './modules/outreach/record.js';
import { closureRoutes } from './modules/outreach/closure.js';
import { taskRoutes } from './modules/tasks/routes.js';
import { consentRoutes } from './modules/consents/routes.js';
import { disclosureRoutes } from './modules/consents/disclosures.js';
import { appointmentRoutes } from './modules/appointments/routes.js';
import { measureRoutes } from './modules/measures/routes.js';
import { decisionRoutes } from './modules/measures/decisions.js';
import { catalogueRoutes } from './modules/measures/catalogue.js';
import { documentRoutes } from './modules/documents/routes.js';
import { letterRoutes } from './modules/letters/routes.js';
import { searchRoutes } from './modules/search/routes.js';
import { accessLogRoutes } from './modules/accesslog/routes.js';
import { networkRoutes } from './modules/network/routes.js';
import { housingRoutes } from './modules/housing/routes.js';
import { reportRoutes } from './modules/reports/routes.js';

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
  ...caseFileRoutes,
  ...absenceRoutes,
  ...matchingRoutes,
  ...apiKeyRoutes,
  ...importRoutes,
  ...directoryRoutes,
  ...outreachRoutes,
  ...recordRoutes,
  ...taskRoutes,
  ...consentRoutes,
  ...disclosureRoutes,
  ...closureRoutes,
  ...appointmentRoutes,
  ...measureRoutes,
  ...decisionRoutes,
  ...catalogueRoutes,
  ...documentRoutes,
  ...letterRoutes,
  ...searchRoutes,
  ...accessLogRoutes,
  ...networkRoutes,
  ...housingRoutes,
  ...reportRoutes,
];
