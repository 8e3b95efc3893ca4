import { z } from 'zod';
import { Id } from './common.js';

export const ApiKey = z.object({
  id: Id,
  orgId: Id,
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ApiKeyList = z.object({ items: z.array(ApiKey) });
export const ApiKeyCreate = z.strictObject({ name: z.string().trim().min(1).max(100), orgId: Id.optional() });
/** The key itself is shown exactly once, at creation; only its hash is stored. */
export const ApiKeyCreated = z.object({ apiKey: ApiKey, key: z.string() });
