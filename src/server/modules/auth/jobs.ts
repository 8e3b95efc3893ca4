import { unsafeInternalTx } from '../../platform/db/tenant.js';
import type { Job } from '../../platform/jobs/scheduler.js';

/** Deletes sessions past their absolute or idle timeout that nobody came back to end. */
export const sessionCleanupJob: Job = {
  name: 'auth.session_cleanup',
  intervalSeconds: 15 * 60,
  async run(s) {
    const now = s.now();
    const idleCutoff = new Date(now.getTime() - s.config.session.idleMinutes * 60_000);
    const result = await unsafeInternalTx(s.db, null, (tx) =>
      tx.db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
        .executeTakeFirst(),
    );
    return { deleted: Number(result.numDeletedRows) };
  },
};
