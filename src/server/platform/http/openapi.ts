import { z } from 'zod';
import { ErrorBody } from '../../../contracts/common.js';
import type { AnyRoute } from './route.js';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

/**
 * The OpenAPI description of one route, derived from the same zod schemas the pipeline
 * enforces. Fastify's own validation and serialisation are switched off (see app.ts): these
 * schemas are documentation only, so the two can never disagree.
 */
export function openapiFor(def: AnyRoute) {
  const error = jsonSchema(ErrorBody, 'output');
  return {
    summary: def.summary,
    tags: def.tags,
    ...(def.params ? { params: jsonSchema(def.params, 'input') } : {}),
    ...(def.query ? { querystring: jsonSchema(def.query, 'input') } : {}),
    ...(def.body ? { body: jsonSchema(def.body, 'input') } : {}),
    ...(def.access === 'public' ? {} : { security: def.apiKey ? [{ session: [] }, { apiKey: [] }] : [{ session: [] }] }),
    response: {
      [def.status ?? 200]: jsonSchema(def.response, 'output'),
      '4XX': error,
      '5XX': error,
    },
  };
}
