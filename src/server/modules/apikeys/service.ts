import type { ApiClient } from '../../platform/auth/actor.js';
import { randomToken, sha256 } from '../../platform/auth/crypto.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import type { Services } from '../../platform/services.js';

/** Keys look like `blb_<43 random characters>`; only their SHA-256 is stored. */
export const newApiKey = () => `blb_${randomToken(32)}`;
export const keyPrefix = (key: string) => key.slice(0, 10);

/**
 * Refused keys are audited once a minute per key prefix: enough to see an attack or a partner
 * system with a stale key, without letting anyone grow the audit log with unauthenticated calls.
 */
const lastRefusalAudit = new Map<string, number>();
function shouldAuditRefusal(prefix: string, now: Date): boolean {
  const last = lastRefusalAudit.get(prefix);
  if (last !== undefined && now.getTime() - last < 60_000) return false;
  if (lastRefusalAudit.size > 10_000) lastRefusalAudit.clear();
  lastRefusalAudit.set(prefix, now.getTime());
  return true;
}

/** Looks a key up by its hash; revoked keys and inactive organisations are refused. Records last use. */
export async function resolveApiKey(s: Services, key: string, requestId: string): Promise<ApiClient | null> {
  return unsafeInternalTx(s.db, requestId, async (tx) => {
    const row = await tx.db
      .selectFrom('api_keys as k')
      .innerJoin('organisations as o', 'o.id', 'k.org_id')
      .select(['k.id', 'k.name', 'k.org_id', 'o.name as org_name', 'k.last_used_at'])
      .where('k.key_hash', '=', sha256(key))
      .where('k.revoked_at', 'is', null)
      .where('o.active', '=', true)
      .executeTakeFirst();
    if (!row) {
      if (shouldAuditRefusal(keyPrefix(key), s.now())) tx.audit({ action: 'apikey.refused', details: { prefix: keyPrefix(key) } });
      return null;
    }
    // At most once a minute, so a busy partner system does not turn every call into a write.
    const now = s.now();
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
      await tx.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return { keyId: row.id, keyName: row.name, orgId: row.org_id, orgName: row.org_name };
  });
}
