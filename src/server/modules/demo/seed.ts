import { hashPassword } from '../../platform/auth/crypto.js';
import type { Database } from '../../platform/db/connect.js';
import { unsafeInternalTx } from '../../platform/db/tenant.js';
import { API_KEYS, DEMO_PASSWORD, MUNICIPALITIES, ORGANISATIONS, USERS } from './demo-data.js';
import { sha256 } from '../../platform/auth/crypto.js';
import { keyPrefix } from '../apikeys/service.js';
import { seedDemoDirectory } from './directory-seed.js';
import { seedDemoCases } from './cases-seed.js';
import { seedDemoNetwork } from './network-seed.js';
import { seedDemoBrokerage, seedDemoHousing } from './housing-seed.js';
import { seedDemoPersonStatistics } from './statistics-seed.js';
import type { Config } from '../../platform/config/config.js';

export interface SeedOptions {
  /** Also the demo case set (npm start in demo mode, the browser tests); unit tests leave it out. */
  cases?: { config: Config; now?: Date };
}

/** Loads Kreis Musterland once; later starts find it and change nothing. */
export async function seedDemo(db: Database, options: SeedOptions = {}): Promise<boolean> {
  const present = await unsafeInternalTx(db, null, (tx) =>
    tx.db.selectFrom('organisations').select('id').where('name', '=', ORGANISATIONS[0].name).executeTakeFirst(),
  );
  if (present) {
    await seedDemoApiKeys(db);
    await seedDemoDirectory(db);
    await seedDemoNetwork(db, options.cases?.now);
    // Data directories made before the housing module get its register, landlords and tables, and
    // the brokerage's searching households and offers, once.
    if (options.cases) {
      const services = { db, config: options.cases.config, now: options.cases.now ?? new Date() };
      await seedDemoBrokerage(services, await seedDemoHousing(services));
      await seedDemoPersonStatistics(db);
    }
    return false;
  }
  // Hashed outside the transaction: argon2 is deliberately slow.
  const hashes = await Promise.all(USERS.map(() => hashPassword(DEMO_PASSWORD)));
  await unsafeInternalTx(db, null, async (tx) => {
    const muniIds = new Map<string, string>();
    for (const m of MUNICIPALITIES) {
      const { id } = await tx.db
        .insertInto('municipalities')
        .values({ name: m.name, ags: m.ags, postal_codes: [...m.postalCodes] })
        .returning('id')
        .executeTakeFirstOrThrow();
      muniIds.set(m.name, id);
    }
    const orgIds = new Map<string, string>();
    for (const o of ORGANISATIONS) {
      const seat = o.locations[0]?.municipality ?? 'Musterstadt';
      const seatMuni = MUNICIPALITIES.find((m) => m.name === seat)!;
      const { id } = await tx.db
        .insertInto('organisations')
        .values({
          name: o.name, short_name: o.shortName, kind: o.kind, email: o.email, phone: o.phone,
          street: o.locations[0]?.street ?? 'Hauptstraße', house_number: o.locations[0]?.houseNumber ?? '1',
          postal_code: seatMuni.postalCodes[0], city: seatMuni.name,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(o.key, id);
      for (const l of o.locations) {
        const muni = MUNICIPALITIES.find((m) => m.name === l.municipality)!;
        await tx.db
          .insertInto('locations')
          .values({
            org_id: id, name: l.name, street: l.street, house_number: l.houseNumber, postal_code: muni.postalCodes[0],
            city: muni.name, phone: l.phone, email: o.email, office_hours: JSON.stringify(l.officeHours),
            municipality_ids: l.covers.map((c) => muniIds.get(c)!),
          })
          .execute();
      }
    }
    await tx.db
      .insertInto('users')
      .values(USERS.map((u, i) => ({ org_id: orgIds.get(u.org)!, email: u.email, display_name: u.displayName, roles: u.roles, password_hash: hashes[i] })))
      .execute();
    tx.audit({ action: 'demo.seed', details: { organisations: ORGANISATIONS.length, users: USERS.length } });
  });
  await seedDemoApiKeys(db);
  await seedDemoDirectory(db);
  await seedDemoNetwork(db, options.cases?.now);
  if (options.cases) {
    const services = { db, config: options.cases.config, now: options.cases.now ?? new Date() };
    await seedDemoCases(services);
    await seedDemoBrokerage(services, await seedDemoHousing(services));
    await seedDemoPersonStatistics(db);
  }
  return true;
}

/** The demo partners' API keys (added separately, so data directories from before get them too). */
async function seedDemoApiKeys(db: Database) {
  await unsafeInternalTx(db, null, async (tx) => {
    for (const k of API_KEYS) {
      const org = ORGANISATIONS.find((o) => o.key === k.org)!;
      const orgRow = await tx.db.selectFrom('organisations').select('id').where('name', '=', org.name).executeTakeFirst();
      if (!orgRow) continue;
      await tx.db
        .insertInto('api_keys')
        .values({ org_id: orgRow.id, name: k.name, prefix: keyPrefix(k.key), key_hash: sha256(k.key) })
        .onConflict((oc) => oc.column('key_hash').doNothing())
        .execute();
    }
  });
}
