import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABULAR, type TabularTable } from '../../../domain/directory/tabular.js';
import { createTestApp, login, type TestApp } from '../../test/app.js';
import { engineName } from '../../test/db.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { seedDemo } from '../demo/seed.js';

/*
 * The HSDS export of the demo directory validates against the Open Referral HSDS 3.0 JSON
 * schemas (vendor/hsds-3.0, copied from the specification). The schemas name no $schema, so they
 * are JSON Schema draft-07, Ajv's default; their annotation keywords (datapackage metadata,
 * examples, "core") are declared as a vocabulary, so strict mode still catches anything else.
 */
const SCHEMA_DIR = fileURLToPath(new URL('../../../../vendor/hsds-3.0/', import.meta.url));
const ANNOTATIONS = ['name', 'path', 'datapackage_metadata', 'datapackage_type', 'constraints', 'example', 'core', 'tabular_required', 'order'];

function hsdsAjv() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    // Each schema is registered under its file name, which is how the others $ref it.
    ajv.addSchema(JSON.parse(readFileSync(SCHEMA_DIR + file, 'utf8')) as AnySchema, file);
  }
  return ajv;
}

/** schema/compiled/organization_package.json, built from its parts: organizations with their services nested. */
const ORGANIZATION_PACKAGE = {
  type: 'array',
  items: { allOf: [{ $ref: 'organization.json' }, { type: 'object', properties: { services: { type: 'array', items: { $ref: 'service.json' } } } }] },
};

const errorsOf = (ajv: Ajv) => (ajv.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe(`HSDS 3.0 schema validation of the demo directory (${engineName()})`, () => {
  let t: TestApp;
  let json: unknown;
  let zip: Buffer;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.db);
    const c = await login(t.app, 'jc@demo.test', DEMO_PASSWORD);
    json = JSON.parse((await c.get('/api/v1/directory/export?format=json')).body);
    zip = (await c.get('/api/v1/directory/export?format=csv')).rawPayload;
  });
  afterAll(() => t?.close());

  it('the JSON export is a valid HSDS organization package', () => {
    const ajv = hsdsAjv();
    const valid = ajv.validate(ORGANIZATION_PACKAGE, json);
    expect(errorsOf(ajv)).toEqual([]);
    expect(valid).toBe(true);
    const orgs = json as { services: { schedules?: unknown[]; attributes: unknown[] }[]; locations: unknown[] }[];
    // Not a trivial pass: the package holds the whole demo directory, with hours and categories.
    expect(orgs.length).toBeGreaterThanOrEqual(15);
    expect(orgs.flatMap((o) => o.services).length).toBeGreaterThanOrEqual(20);
    expect(orgs.flatMap((o) => o.services).every((s) => s.attributes.length > 0)).toBe(true);
  });

  it('the validator notices a broken record (so the pass above means something)', () => {
    const ajv = hsdsAjv();
    const broken = structuredClone(json) as { id: string; services: { status: string }[] }[];
    broken[0].id = 'not-a-uuid';
    broken[1].services[0].status = 'open';
    expect(ajv.validate(ORGANIZATION_PACKAGE, broken)).toBe(false);
    expect(errorsOf(ajv)).toEqual(expect.arrayContaining(['/0/id must match format "uuid"', '/1/services/0/status must be equal to one of the allowed values']));
  });

  it('the CSV export has one file per table, named as the schemas say, and every row is a valid record', () => {
    const ajv = hsdsAjv();
    const files = unzipSync(new Uint8Array(zip));
    for (const table of Object.keys(TABULAR) as TabularTable[]) {
      const schema = JSON.parse(readFileSync(`${SCHEMA_DIR}${table}.json`, 'utf8')) as { path: string; properties: Record<string, { type: string }> };
      expect(TABULAR[table].file, table).toBe(schema.path);
      const content = files[schema.path];
      expect(content, schema.path).toBeDefined();
      const rows = parse(Buffer.from(content), { columns: true }) as Record<string, string>[];
      if (['organization', 'service', 'location', 'address', 'schedule', 'attribute', 'taxonomy_term', 'taxonomy'].includes(table)) expect(rows.length, schema.path).toBeGreaterThan(0);
      for (const [i, row] of rows.entries()) {
        // CSV is text: empty cells are absent values, number columns are read as numbers.
        const record = Object.fromEntries(
          Object.entries(row).filter(([, v]) => v !== '').map(([k, v]) => [k, schema.properties[k]?.type === 'number' ? Number(v) : v]),
        );
        const ok = ajv.validate(`${table}.json`, record);
        expect(errorsOf(ajv), `${schema.path} row ${i + 2}`).toEqual([]);
        expect(ok).toBe(true);
      }
    }
  });
});
