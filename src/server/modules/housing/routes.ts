import type { AnyRoute } from '../../platform/http/route.js';
import { adequacyRoutes } from './adequacy.js';
import { landlordRoutes } from './landlords.js';
import { shelterRoutes } from './shelters.js';
import { brokerageRoutes } from './brokerage.js';
import { outcomeRoutes } from './outcomes.js';

/** Every housing route (issue 5): shelters, landlords, adequacy, brokerage, outcomes. */
export const housingRoutes: AnyRoute[] = [...shelterRoutes, ...landlordRoutes, ...adequacyRoutes, ...brokerageRoutes, ...outcomeRoutes];
