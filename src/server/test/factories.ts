import type { OrganisationKind, Role } from '../../contracts/roles.js';
import { hashPassword } from '../platform/auth/crypto.js';
import type { Database } from '../platform/db/connect.js';
import { unsafeInternalTx } from '../platform/db/tenant.js';
import { uniqueSuffix } from './app.js';

export const TEST_PASSWORD = 'Test-Passwort-2026!';
let cachedHash: Promise<string> | null = null;
const testHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

export interface TestOrg {
  id: string;
  name: string;
}

/** A fresh organisation per test: tests never share tenants, so nothing needs cleaning up. */
export async function createOrg(db: Database, kind: OrganisationKind = 'provider', name?: string): Promise<TestOrg> {
  const orgName = name ?? `Test-${kind}-${uniqueSuffix()}`;
  const row = await unsafeInternalTx(db, null, (tx) =>
    tx.db.insertInto('organisations').values({ name: orgName, kind }).returning(['id', 'name']).executeTakeFirstOrThrow(),
  );
  return row;
}

export interface TestUser {
  id: string;
  email: string;
  orgId: string;
  password: string;
}

export async function createUser(
  db: Database,
  org: TestOrg,
  roles: Role[],
  opts: { email?: string; displayName?: string; mustChangePassword?: boolean; totpSecret?: string } = {},
): Promise<TestUser> {
  const email = opts.email ?? `${roles[0]}.${uniqueSuffix()}@test.invalid`;
  const row = await unsafeInternalTx(db, null, async (tx) =>
    tx.db
      .insertInto('users')
      .values({
        org_id: org.id,
        email,
        display_name: opts.displayName ?? `Testperson ${uniqueSuffix()}`,
        roles,
        password_hash: await testHash(),
        must_change_password: opts.mustChangePassword ?? false,
        totp_secret: opts.totpSecret ?? null,
        totp_enabled_at: opts.totpSecret ? new Date() : null,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow(),
  );
  return { id: row.id, email, orgId: org.id, password: TEST_PASSWORD };
}

export async function createLocation(db: Database, org: TestOrg, name = `Stelle ${uniqueSuffix()}`) {
  return unsafeInternalTx(db, null, (tx) =>
    tx.db
      .insertInto('locations')
      .values({ org_id: org.id, name, street: 'Teststraße', house_number: '1', postal_code: '05101', city: 'Musterstadt', office_hours: '[]', municipality_ids: [] })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow(),
  );
}

export async function createMunicipality(db: Database, name = `Gemeinde ${uniqueSuffix()}`) {
  const ags = `0589${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
  return unsafeInternalTx(db, null, (tx) =>
    tx.db.insertInto('municipalities').values({ name, ags, postal_codes: ['05101'] }).returning(['id', 'name', 'ags']).executeTakeFirstOrThrow(),
  );
}
