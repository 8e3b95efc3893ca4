import { z } from 'zod';
import { Id } from './common.js';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  orgId: Id.nullable(),
  actorUserId: Id.nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * A day of the audit period. Years 0000 and 10000 (the day after 9999-12-31) cannot be passed
 * to the database as timestamps on both engines; no audit entry is that old or that new.
 */
// abort: an unparseable date is reported once, not again by the range check.
const AuditDay = z.iso.date({ abort: true }).refine((d) => d >= '1000-01-01' && d <= '9998-12-31', { message: 'invalid_date' });

export const AuditQuery = z.object({
  userId: Id.optional(),
  entityType: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  from: AuditDay.optional(),
  to: AuditDay.optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const AuditPage = z.object({ items: z.array(AuditEntry), nextBeforeId: z.number().int().nullable() });

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
});
