import { dashboardRoutes } from './dashboard.js';
import { evaluationRoutes } from './evaluation.js';
import { exportRoutes } from './export.js';
import { officialRoutes } from './official.js';
import { pseudonymisedRoutes } from './pseudonymised.js';

/** The reports module's routes: dashboard, evaluation report with drill-down and export; the official counts and the pseudonymised export (official.ts, pseudonymised.ts). */
export const reportRoutes = [...dashboardRoutes, ...evaluationRoutes, ...exportRoutes, ...officialRoutes, ...pseudonymisedRoutes];
