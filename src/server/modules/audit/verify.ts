import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/connect.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
}

const GENESIS = '0'.repeat(64);
const BATCH = 5000;

/**
 * Recomputes every entry's SHA-256 over its canonical text and checks that each entry points
 * at its predecessor's hash: a changed, inserted or removed entry breaks the chain there.
 * Reads in batches so the check runs in constant memory on a large log.
 */
export async function verifyAuditChain(db: Database): Promise<ChainCheck> {
  let prev = GENESIS;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await unsafeInternalTx(db, null, async (tx) =>
      (
        await sql<{ id: number; canonical: string; prev_hash: string; hash: string }>`
          select id, prev_hash, hash,
            audit_canonical(prev_hash, id, at, org_id, actor_user_id, actor_label, action, entity_type,
                            entity_id, request_id, details) as canonical
          from audit_log where id > ${afterId} order by id limit ${BATCH}`.execute(tx.db)
      ).rows,
    );
    for (const r of rows) {
      const digest = createHash('sha256').update(r.canonical, 'utf8').digest('hex');
      if (r.prev_hash !== prev || digest !== r.hash) return { ok: false, checked, firstBrokenId: Number(r.id) };
      prev = r.hash;
      checked++;
    }
    if (rows.length < BATCH) break;
    afterId = Number(rows[rows.length - 1].id);
  }
  // The head must point at the last entry, or entries were cut off the end.
  const head = await unsafeInternalTx(db, null, async (tx) =>
    (await sql<{ last_hash: string }>`select last_hash from audit_chain_head where id = 1`.execute(tx.db)).rows[0],
  );
  if (head.last_hash !== prev) return { ok: false, checked, firstBrokenId: null };
  return { ok: true, checked, firstBrokenId: null };
}
