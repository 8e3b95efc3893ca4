import type { SessionStage } from '../../contracts/auth.js';
import { randomToken, sha256 } from '../platform/auth/crypto.js';
import type { Database } from '../platform/db/connect.js';
import { unsafeInternalTx } from '../platform/db/tenant.js';
import type { TestClock } from './app.js';

export interface MintedSession {
  cookie: string;
  csrf: string;
  sessionId: string;
}

/**
 * A session row written straight into the database, as a completed sign-in would leave it.
 * Tests that need many independent sessions (one per request, so a logout or a password change
 * cannot spoil the next case) use this instead of running argon2 and TOTP for each one; the
 * sign-in flow itself is covered by the auth tests. Times come from the test clock, so the idle
 * timeout never strikes by accident.
 */
export async function mintSession(
  db: Database,
  clock: TestClock,
  user: { id: string; orgId: string },
  stage: SessionStage = 'active',
): Promise<MintedSession> {
  const token = randomToken();
  const csrf = randomToken(24);
  const now = clock.now();
  const row = await unsafeInternalTx(db, null, (tx) =>
    tx.db
      .insertInto('sessions')
      .values({
        org_id: user.orgId,
        user_id: user.id,
        token_hash: sha256(token),
        csrf_token: csrf,
        stage,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return { cookie: `bleibe_session=${token}`, csrf, sessionId: row.id };
}
