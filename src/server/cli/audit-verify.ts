import { loadConfig } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/open.js';
import { verifyAuditChain } from '../modules/audit/verify.js';

// Exit code 0: the chain is intact; 1: it is broken (the first broken entry is named).
const db = await openDatabase(loadConfig());
try {
  const r = await verifyAuditChain(db);
  console.log(r.ok ? `Audit chain intact: ${r.checked} entries checked.` : `Audit chain BROKEN after ${r.checked} intact entries${r.firstBrokenId ? ` at entry ${r.firstBrokenId}` : ' (entries missing at the end)'}.`);
  process.exitCode = r.ok ? 0 : 1;
} finally {
  await db.close();
}
