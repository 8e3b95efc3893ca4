import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../contracts/roles.js';
import { buildApp, checkRouteDeclarations } from '../app.js';
import { loadConfig } from '../platform/config/config.js';
import type { Database } from '../platform/db/connect.js';
import type { AnyRoute } from '../platform/http/route.js';
import { allRoutes } from '../routes.js';

/** One line per route: who may call it, in which session stages when not just 'active', and whether partner systems may call it with an API key. */
function describeRoute(r: AnyRoute) {
  return `${r.method} ${r.url} → ${r.access}${r.stages ? ` [${[...r.stages].join(', ')}]` : ''}${r.apiKey ? ' + API key' : ''}`;
}

const okRoute = (url: string): AnyRoute => ({
  method: 'GET',
  url,
  access: 'public',
  summary: 'test',
  tags: ['test'],
  response: z.object({}),
  handler: async () => ({}),
});

// Built by hand, not with route(): route() itself already refuses a missing access rule.
const withoutAccess = (url: string) => ({ ...okRoute(url), access: undefined }) as unknown as AnyRoute;

describe('route permissions', () => {
  it('every route with its access rule: a change here is a change to who may do what', () => {
    const lines = allRoutes.map(describeRoute).sort();
    expect(lines.join('\n')).toMatchInlineSnapshot(`
      "DELETE /api/v1/absences/:id → cases.edit
      DELETE /api/v1/documents/:id → cases.edit
      DELETE /api/v1/network/actions/:id → network.manage
      GET /api/v1/absences → cases.read
      GET /api/v1/api-keys → apikeys.manage
      GET /api/v1/appointments → cases.read
      GET /api/v1/appointments/:id/ics → cases.read
      GET /api/v1/appointments/calendar.ics → cases.read
      GET /api/v1/audit → audit.read
      GET /api/v1/auth/session → authenticated [active, totp, totp_enrolment, password_change]
      GET /api/v1/cases/:id → cases.read
      GET /api/v1/cases/:id/access-log → cases.access_log
      GET /api/v1/cases/:id/adequacy → cases.read
      GET /api/v1/cases/:id/appointments → cases.read
      GET /api/v1/cases/:id/closure → cases.read
      GET /api/v1/cases/:id/consents → cases.read
      GET /api/v1/cases/:id/contact-attempts → cases.read
      GET /api/v1/cases/:id/disclosures → cases.read
      GET /api/v1/cases/:id/documents → cases.read
      GET /api/v1/cases/:id/housing → cases.read
      GET /api/v1/cases/:id/letter-options → cases.read
      GET /api/v1/cases/:id/measures → cases.read
      GET /api/v1/cases/:id/record → cases.read
      GET /api/v1/cases/:id/sensitive → cases.sensitive
      GET /api/v1/cases/:id/tasks → cases.read
      GET /api/v1/cases/queue → cases.read
      GET /api/v1/config → public
      GET /api/v1/deadlines/schonfrist → public
      GET /api/v1/directory/export → authenticated
      GET /api/v1/directory/organizations → authenticated
      GET /api/v1/directory/organizations/:id → authenticated
      GET /api/v1/directory/services → authenticated
      GET /api/v1/directory/services/:id → authenticated
      GET /api/v1/disclosures/:id → disclosures.receive
      GET /api/v1/disclosures/received → disclosures.receive
      GET /api/v1/disclosures/sent → cases.read
      GET /api/v1/documents/:id/content → cases.read
      GET /api/v1/housing/accommodations → housing.read
      GET /api/v1/housing/accommodations/:id → housing.read
      GET /api/v1/housing/adequacy → housing.read
      GET /api/v1/housing/adequacy/check → housing.read
      GET /api/v1/housing/follow-ups → housing.read
      GET /api/v1/housing/landlords → housing.read
      GET /api/v1/housing/landlords/:id → housing.read
      GET /api/v1/housing/long-stays → housing.read
      GET /api/v1/housing/offers → housing.read
      GET /api/v1/housing/offers/:id → housing.read
      GET /api/v1/housing/offers/:id/candidates → housing.read
      GET /api/v1/housing/outcomes → housing.read
      GET /api/v1/imports → imports.run
      GET /api/v1/imports/:id → imports.run
      GET /api/v1/imports/template.csv → imports.run
      GET /api/v1/letter-templates → casework.configure
      GET /api/v1/locations → locations.read
      GET /api/v1/locations/:id → locations.read
      GET /api/v1/match-reviews → matching.review
      GET /api/v1/measure-types → authenticated
      GET /api/v1/municipalities → municipalities.read
      GET /api/v1/municipalities/:id → municipalities.read
      GET /api/v1/network/actions → network.read
      GET /api/v1/network/agreements → network.read
      GET /api/v1/network/meetings → network.read
      GET /api/v1/network/meetings/:id → network.read
      GET /api/v1/network/meetings/:id/ics → network.read
      GET /api/v1/organisations → organisations.read
      GET /api/v1/organisations/:id → organisations.read
      GET /api/v1/outreach/home-visits → cases.read
      GET /api/v1/outreach/reach → cases.read
      GET /api/v1/receipts → receipts.read
      GET /api/v1/reminders → cases.read
      GET /api/v1/rent-debt-applications → measures.decide
      GET /api/v1/rent-debt-applications/:id → measures.decide
      GET /api/v1/reports/dashboard → cases.read
      GET /api/v1/reports/evaluation → authenticated
      GET /api/v1/reports/evaluation/cases → reports.read
      GET /api/v1/reports/evaluation/export → authenticated
      GET /api/v1/reports/official/federal → reports.official
      GET /api/v1/reports/official/nrw → reports.official
      GET /api/v1/search → cases.read
      GET /api/v1/tasks → cases.read
      GET /api/v1/users → users.read
      GET /api/v1/users/:id → users.read
      GET /healthz → public
      GET /readyz → public
      PATCH /api/v1/appointments/:id → cases.edit
      PATCH /api/v1/cases/:id/file → cases.edit
      PATCH /api/v1/contact-attempts/:id → cases.edit
      PATCH /api/v1/directory/locations/:id → locations.write
      PATCH /api/v1/directory/organizations/:id → locations.write
      PATCH /api/v1/directory/services/:id → locations.write
      PATCH /api/v1/housing/accommodations/:id → housing.manage
      PATCH /api/v1/housing/adequacy/areas/:id → adequacy.manage
      PATCH /api/v1/housing/adequacy/tables/:id → adequacy.manage
      PATCH /api/v1/housing/follow-ups/:proposalId/:months → housing.manage
      PATCH /api/v1/housing/landlord-agreements/:id → housing.manage
      PATCH /api/v1/housing/landlords/:id → housing.manage
      PATCH /api/v1/housing/offers/:id → housing.manage
      PATCH /api/v1/housing/placements/:id → housing.manage
      PATCH /api/v1/housing/proposals/:id → housing.manage
      PATCH /api/v1/housing/searches/:id → housing.manage
      PATCH /api/v1/locations/:id → locations.write
      PATCH /api/v1/measure-types/:id → casework.configure
      PATCH /api/v1/measures/:id → cases.edit
      PATCH /api/v1/municipalities/:id → municipalities.write
      PATCH /api/v1/network/actions/:id → network.manage
      PATCH /api/v1/network/agreements/:id → network.manage
      PATCH /api/v1/network/meetings/:id → network.manage
      PATCH /api/v1/organisations/:id → organisations.write
      PATCH /api/v1/tasks/:id → cases.edit
      PATCH /api/v1/users/:id → users.write
      POST /api/v1/absences → cases.edit
      POST /api/v1/api-keys → apikeys.manage
      POST /api/v1/api-keys/:id/revoke → apikeys.manage
      POST /api/v1/audit/verify → audit.verify
      POST /api/v1/auth/login → public
      POST /api/v1/auth/logout → authenticated [active, totp, totp_enrolment, password_change]
      POST /api/v1/auth/password → authenticated [active, password_change]
      POST /api/v1/auth/totp → authenticated [totp]
      POST /api/v1/auth/totp/disable → authenticated
      POST /api/v1/auth/totp/enable → authenticated [active, totp_enrolment]
      POST /api/v1/auth/totp/setup → authenticated [active, totp_enrolment]
      POST /api/v1/cases/:id/appointments → cases.edit
      POST /api/v1/cases/:id/assign → cases.read
      POST /api/v1/cases/:id/close → cases.edit
      POST /api/v1/cases/:id/consents → consents.manage
      POST /api/v1/cases/:id/contact-attempts → cases.edit
      POST /api/v1/cases/:id/disclosures → cases.edit
      POST /api/v1/cases/:id/documents → cases.edit
      POST /api/v1/cases/:id/handover → cases.edit
      POST /api/v1/cases/:id/housing-search → housing.manage
      POST /api/v1/cases/:id/letters → cases.edit
      POST /api/v1/cases/:id/measures → cases.edit
      POST /api/v1/cases/:id/notes → cases.edit
      POST /api/v1/cases/:id/placements → housing.manage
      POST /api/v1/cases/:id/reopen → cases.edit
      POST /api/v1/cases/:id/transfer → cases.transfer
      POST /api/v1/consents/:id/revoke → consents.manage
      POST /api/v1/directory/import → organisations.write
      POST /api/v1/directory/locations → locations.write
      POST /api/v1/directory/organizations → locations.write
      POST /api/v1/directory/services → locations.write
      POST /api/v1/disclosures/:id/respond → disclosures.receive
      POST /api/v1/disclosures/:id/transfer-response → cases.transfer
      POST /api/v1/disclosures/:id/withdraw → cases.edit
      POST /api/v1/housing/accommodations → housing.manage
      POST /api/v1/housing/adequacy/areas → adequacy.manage
      POST /api/v1/housing/adequacy/areas/:id/tables → adequacy.manage
      POST /api/v1/housing/landlords → housing.manage
      POST /api/v1/housing/landlords/:id/agreements → housing.manage
      POST /api/v1/housing/offers → housing.manage
      POST /api/v1/housing/offers/:id/proposals → housing.manage
      POST /api/v1/imports → imports.run
      POST /api/v1/imports/preview → imports.run
      POST /api/v1/letter-templates/reset → casework.configure
      POST /api/v1/locations → locations.write
      POST /api/v1/match-reviews/:id/distinct → matching.review
      POST /api/v1/match-reviews/:id/merge → matching.review
      POST /api/v1/measure-types → casework.configure
      POST /api/v1/municipalities → municipalities.write
      POST /api/v1/network/agreements → network.manage
      POST /api/v1/network/meetings → network.manage
      POST /api/v1/network/meetings/:id/actions → network.manage
      POST /api/v1/notices → notices.submit + API key
      POST /api/v1/notices/batch → notices.submit + API key
      POST /api/v1/organisations → organisations.write
      POST /api/v1/person-merges/:id/split → matching.review
      POST /api/v1/reminders/:id/read → cases.read
      POST /api/v1/rent-debt-applications/:id/decision → measures.decide
      POST /api/v1/reports/pseudonymised-export → reports.pseudonymised
      POST /api/v1/tasks → cases.edit
      POST /api/v1/users → users.write
      POST /api/v1/users/:id/reset-password → users.write
      POST /api/v1/users/:id/reset-totp → users.write
      POST /api/v1/users/:id/unlock → users.write
      PUT /api/v1/cases/:id/arrears → cases.edit
      PUT /api/v1/cases/:id/members → cases.edit
      PUT /api/v1/cases/:id/sensitive → cases.sensitive
      PUT /api/v1/cases/:id/service-dates → cases.edit
      PUT /api/v1/letter-templates → casework.configure
      PUT /api/v1/letterhead → casework.configure
      PUT /api/v1/measure-settings → casework.configure"
    `);
  });

  it('every access rule is public, authenticated or a known permission', () => {
    const known = new Set<string>(['public', 'authenticated', ...PERMISSIONS]);
    for (const r of allRoutes) expect(known.has(r.access), `${r.method} ${r.url}`).toBe(true);
  });

  it('checkRouteDeclarations refuses a route without access and a route declared twice', () => {
    expect(() => checkRouteDeclarations([okRoute('/a'), withoutAccess('/b')])).toThrow(/GET \/b declares no access/);
    expect(() => checkRouteDeclarations([okRoute('/a'), okRoute('/a')])).toThrow(/GET \/a is declared twice/);
    expect(() => checkRouteDeclarations([okRoute('/a'), { ...okRoute('/a'), method: 'POST' }])).not.toThrow();
    expect(() => checkRouteDeclarations(allRoutes)).not.toThrow();
  });

  it('buildApp refuses to start with a route that declares no access', async () => {
    const config = loadConfig({ NODE_ENV: 'test', BLEIBE_DEMO: 'false', LOG_LEVEL: 'silent' });
    // The check runs before anything touches the database, so none is needed.
    const db = {} as Database;
    await expect(buildApp({ config, db, logger: false, routes: [...allRoutes, withoutAccess('/api/v1/sneaky')] })).rejects.toThrow(
      /\/api\/v1\/sneaky declares no access/,
    );
  });
});
