import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../contracts/roles.js';
import { permissionsFor } from '../../domain/access/permissions.js';
import { randomToken, sha256 } from '../platform/auth/crypto.js';
import { newTotpSecret, totpCodeAt } from '../platform/auth/totp.js';
import { unsafeInternalTx } from '../platform/db/tenant.js';
import type { AnyRoute } from '../platform/http/route.js';
import { importsIdle } from '../modules/imports/runner.js';
import { remindDueTasks } from '../modules/tasks/jobs.js';
import { allRoutes } from '../routes.js';
import { createTestApp, uniqueSuffix, type TestApp } from '../test/app.js';
import { engineName } from '../test/db.js';
import { createLocation, createMunicipality, createOrg, createUser, TEST_PASSWORD, type TestOrg } from '../test/factories.js';
import { mintSession } from '../test/sessions.js';

/*
 * The tenant-isolation matrix: every route of allRoutes × every persona, each request aimed at
 * the data of Träger A. A persona gets either its legitimate right or a refusal that reveals
 * nothing about A and changes nothing. New routes cannot slip past: a route without an example
 * request or without an expectation row fails this file.
 *
 * Case data (cases, persons, households, match reviews, merges) belongs to the organisation a
 * notice was routed to; here every notice is routed to A. Only A's caseworker may ever see its
 * content; senders (B's staff, the Jobcenter's reporter, a partner system with an API key) get
 * the NoticeResult of what they sent and the status of their own receipts, nothing else.
 */

// ---- personas --------------------------------------------------------------------------------

// partnerKey: the Jobcenter's partner system, calling with an API key instead of a session.
const PERSONAS = ['anonymous', 'caseworkerA', 'orgAdminA', 'caseworkerB', 'orgAdminB', 'reporter', 'statistics', 'systemAdmin', 'partnerKey'] as const;
type Persona = (typeof PERSONAS)[number];
/** The personas that sign in with an account of their own. */
type SignedInPersona = Exclude<Persona, 'anonymous' | 'partnerKey'>;
const isSignedIn = (p: Persona): p is SignedInPersona => p !== 'anonymous' && p !== 'partnerKey';

/** 'allow': the call succeeds. 'deny': 401/403/404, standard error body, nothing of A, nothing changed.
 *  'rule': access is granted but a business rule refuses (4xx, standard body, nothing changed). */
type Outcome = 'allow' | 'deny' | 'rule';
const Y: Outcome = 'allow';
const N: Outcome = 'deny';
const R: Outcome = 'rule';

/** One expectation per persona, in the order of PERSONAS. */
function row(...outcomes: Outcome[]): Record<Persona, Outcome> {
  if (outcomes.length !== PERSONAS.length) throw new Error(`expectation row needs ${PERSONAS.length} entries`);
  return Object.fromEntries(PERSONAS.map((p, i) => [p, outcomes[i]])) as Record<Persona, Outcome>;
}

// One row per route. 'key' (partnerKey) is allowed exactly on the routes declared with apiKey:
// true; everywhere else under /api/ an API key is refused with 401 api_key_not_accepted. /healthz
// and /readyz live outside /api/ and look at no credentials at all.
// prettier-ignore
const expected: Record<string, Record<Persona, Outcome>> = {
  //                                               anon cwA admA cwB admB rep stat sys key
  'GET /healthz':                              row(Y,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  Y),
  'GET /readyz':                               row(Y,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  Y),
  'GET /api/v1/config':                        row(Y,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  // Auth routes act on the caller's own account; the anonymous caller tries A's account.
  'POST /api/v1/auth/login':                   row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'GET /api/v1/auth/session':                  row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  // Only accounts with a second factor ever hold a session in the 'totp' stage.
  'POST /api/v1/auth/totp':                    row(N,   N,  Y,   N,  Y,   N,  N,   Y,  N),
  'POST /api/v1/auth/logout':                  row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/auth/password':                row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/auth/totp/setup':              row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/auth/totp/enable':             row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  // Administrators must keep their second factor outside demo mode.
  'POST /api/v1/auth/totp/disable':            row(N,   Y,  R,   Y,  R,   Y,  Y,   R,  N),
  // Organisations, municipalities and locations are the district's public directory.
  'GET /api/v1/organisations':                 row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'GET /api/v1/organisations/:id':             row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/organisations':                row(N,   N,  N,   N,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/organisations/:id':           row(N,   N,  N,   N,  N,   N,  N,   Y,  N),
  'GET /api/v1/municipalities':                row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'GET /api/v1/municipalities/:id':            row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/municipalities':               row(N,   N,  N,   N,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/municipalities/:id':          row(N,   N,  N,   N,  N,   N,  N,   Y,  N),
  'GET /api/v1/locations':                     row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'GET /api/v1/locations/:id':                 row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/locations':                    row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/locations/:id':               row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  // Listing is allowed to other organisations' staff, but their list holds none of A's accounts.
  'GET /api/v1/users':                         row(N,   Y,  Y,   Y,  Y,   N,  N,   Y,  N),
  'GET /api/v1/users/:id':                     row(N,   Y,  Y,   N,  N,   N,  N,   Y,  N),
  'POST /api/v1/users':                        row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/users/:id':                   row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'POST /api/v1/users/:id/reset-password':     row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'POST /api/v1/users/:id/reset-totp':         row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'POST /api/v1/users/:id/unlock':             row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  // B's administrator may search the log, but only B's entries come back.
  'GET /api/v1/audit':                         row(N,   N,  Y,   N,  Y,   N,  N,   Y,  N),
  'POST /api/v1/audit/verify':                 row(N,   N,  N,   N,  N,   N,  N,   Y,  N),
  // The Schonfrist calculator is public (but, like every /api/ route without apiKey, refuses keys).
  'GET /api/v1/deadlines/schonfrist':          row(Y,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  // Whoever may report sends notices about addresses in A's area: they are routed to A, and the
  // sender gets the NoticeResult (ids, match outcomes, A as assignee, deadlines), no case content.
  'POST /api/v1/notices':                      row(N,   Y,  N,   Y,  N,   Y,  N,   N,  Y),
  'POST /api/v1/notices/batch':                row(N,   Y,  N,   Y,  N,   Y,  N,   N,  Y),
  // Each sending organisation sees the status of what it sent, and only that.
  'GET /api/v1/receipts':                      row(N,   Y,  Y,   Y,  Y,   Y,  N,   N,  N),
  // Case work is A's caseworkers' alone; B's queue holds none of A's cases.
  'GET /api/v1/cases/queue':                   row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  // The search finds the own organisation's cases only: B's caseworker searching A's tenant by name gets nothing of A.
  'GET /api/v1/search':                        row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/cases/:id':                     row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PUT /api/v1/cases/:id/service-dates':       row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // A's caseworker takes the case; who may assign whom is tested after the matrix.
  'POST /api/v1/cases/:id/assign':             row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/match-reviews':                 row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'POST /api/v1/match-reviews/:id/merge':      row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/match-reviews/:id/distinct':   row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/person-merges/:id/split':      row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // Keys are managed by the owning organisation's administrator, and by system administrators.
  'GET /api/v1/api-keys':                      row(N,   N,  Y,   N,  Y,   N,  N,   Y,  N),
  'POST /api/v1/api-keys':                     row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'POST /api/v1/api-keys/:id/revoke':          row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  // Bulk imports are the caseworkers' (and team leads'); each organisation sees its own imports only.
  'GET /api/v1/imports/template.csv':          row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'POST /api/v1/imports/preview':              row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'POST /api/v1/imports':                      row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/imports':                       row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/imports/:id':                   row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // The partner directory is district information: every signed-in user reads all of it. A's
  // administrator maintains A's entry (locations.write), system administrators every entry;
  // B's administrator gets "not found" for A's entry. A already has its entry, so creating a
  // second one is a rule refusal; B's administrator creates B's. Imports are district-wide.
  'GET /api/v1/directory/services':            row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'GET /api/v1/directory/services/:id':        row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/directory/services':           row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/directory/services/:id':      row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'GET /api/v1/directory/organizations':       row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'GET /api/v1/directory/organizations/:id':   row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/directory/organizations':      row(N,   N,  R,   N,  Y,   N,  N,   Y,  N),
  'PATCH /api/v1/directory/organizations/:id': row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'POST /api/v1/directory/locations':          row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/directory/locations/:id':     row(N,   N,  Y,   N,  N,   N,  N,   Y,  N),
  'GET /api/v1/directory/export':              row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/directory/import':             row(N,   N,  N,   N,  N,   N,  N,   Y,  N),
  // The household case file is A's caseworkers'. The sensitive part needs the additive role
  // sensitive_data, which no persona has: everyone is refused (its grant is tested in
  // modules/casefile/casefile.test.ts, with B's caseworker holding the role getting 404).
  'PATCH /api/v1/cases/:id/file':              row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PUT /api/v1/cases/:id/members':             row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PUT /api/v1/cases/:id/arrears':             row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/cases/:id/sensitive':           row(N,   N,  N,   N,  N,   N,  N,   N,  N),
  'PUT /api/v1/cases/:id/sensitive':           row(N,   N,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/handover':           row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // Absences: each organisation's own. B's caseworker lists B's (nothing of A) and cannot name A's
  // colleague as a substitute (a 422, nothing stored).
  'GET /api/v1/absences':                      row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'POST /api/v1/absences':                     row(N,   Y,  N,   R,  N,   N,  N,   N,  N),
  'DELETE /api/v1/absences/:id':               row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // Outreach, the record, tasks and closure are case work: A's caseworkers' alone. Lists without a
  // case (reach, day list, tasks, reminders) answer B's caseworker with B's own, holding nothing of A.
  'GET /api/v1/cases/:id/contact-attempts':    row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/contact-attempts':   row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/contact-attempts/:id':        row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/outreach/reach':                row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/outreach/home-visits':          row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/cases/:id/record':              row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // "Who saw this?": the holding organisation's team leads and administrators (cases.access_log),
  // for a client's request for access; names of people and organisations, never case content.
  'GET /api/v1/cases/:id/access-log':          row(N,   N,  Y,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/notes':              row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/tasks':                         row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/cases/:id/tasks':               row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/tasks':                        row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/tasks/:id':                   row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/reminders':                     row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'POST /api/v1/reminders/:id/read':           row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/cases/:id/closure':             row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/reopen':             row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/close':              row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // Documents and letters of a case: A's caseworkers only (B's get 404, administrators have no case access).
  'GET /api/v1/cases/:id/documents':           row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/documents':          row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/documents/:id/content':         row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'DELETE /api/v1/documents/:id':              row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/cases/:id/letter-options':      row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/letters':            row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // Letter texts and letterhead: each organisation's administrator edits its own.
  'GET /api/v1/letter-templates':              row(N,   N,  Y,   N,  Y,   N,  N,   N,  N),
  'PUT /api/v1/letter-templates':              row(N,   N,  Y,   N,  Y,   N,  N,   N,  N),
  'POST /api/v1/letter-templates/reset':       row(N,   N,  Y,   N,  Y,   N,  N,   N,  N),
  'PUT /api/v1/letterhead':                    row(N,   N,  Y,   N,  Y,   N,  N,   N,  N),
  // Appointments and measures are case work: A's caseworkers' alone. Calendars of A's caseworkers
  // and locations do not exist for anybody else.
  'GET /api/v1/cases/:id/appointments':        row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/appointments':       row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/appointments/:id':            row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/appointments':                  row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/appointments/calendar.ics':     row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/appointments/:id/ics':          row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/cases/:id/measures':            row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/measures':           row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/measures/:id':                row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // Only finance staff of the organisation an application was submitted to decide it (tested in
  // modules/measures/measures.test.ts); none of these personas has measures.decide.
  'GET /api/v1/rent-debt-applications':        row(N,   N,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/rent-debt-applications/:id':    row(N,   N,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/rent-debt-applications/:id/decision': row(N, N, N, N,  N,   N,  N,   N,  N),
  // Every organisation reads its own measure catalogue (no personal data) and its administrator
  // configures it; B's administrator changes B's, never A's.
  'GET /api/v1/measure-types':                 row(N,   Y,  Y,   Y,  Y,   Y,  Y,   Y,  N),
  'POST /api/v1/measure-types':                row(N,   N,  Y,   N,  Y,   N,  N,   N,  N),
  'PATCH /api/v1/measure-types/:id':           row(N,   N,  Y,   N,  N,   N,  N,   N,  N),
  'PUT /api/v1/measure-settings':              row(N,   N,  Y,   N,  Y,   N,  N,   N,  N),
  // Consents and the flows they govern. A's caseworker records and revokes A's consents and sends
  // A's data; nobody may hand a case over (no persona holds cases.transfer; tested in
  // modules/consents). The world holds a share of caseA with B (by consent, household facts only):
  // B's caseworker reads and answers it — no names, no ids of A — and nobody else does.
  'GET /api/v1/cases/:id/consents':            row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/consents':           row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/consents/:id/revoke':          row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/disclosures':        row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/transfer':           row(N,   N,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/cases/:id/disclosures':         row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/disclosures/sent':              row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/disclosures/received':          row(N,   Y,  N,   Y,  N,   Y,  N,   N,  N),
  'GET /api/v1/disclosures/:id':               row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'POST /api/v1/disclosures/:id/respond':      row(N,   N,  N,   Y,  N,   N,  N,   N,  N),
  'POST /api/v1/disclosures/:id/transfer-response': row(N, N, N,  N,  N,   N,  N,   N,  N),
  'POST /api/v1/disclosures/:id/withdraw':     row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // Network work is district information, no client data: staff with network.read of every
  // organisation read A's meetings, actions and agreements; only A's network.manage staff change
  // them (B's administrator gets "not found" for A's records, and plans B's own meetings).
  'GET /api/v1/network/meetings':              row(N,   Y,  Y,   Y,  Y,   N,  N,   N,  N),
  'POST /api/v1/network/meetings':             row(N,   N,  Y,   N,  Y,   N,  N,   N,  N),
  'GET /api/v1/network/meetings/:id':          row(N,   Y,  Y,   Y,  Y,   N,  N,   N,  N),
  'PATCH /api/v1/network/meetings/:id':        row(N,   N,  Y,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/network/meetings/:id/ics':      row(N,   Y,  Y,   Y,  Y,   N,  N,   N,  N),
  'POST /api/v1/network/meetings/:id/actions': row(N,   N,  Y,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/network/actions':               row(N,   Y,  Y,   Y,  Y,   N,  N,   N,  N),
  'PATCH /api/v1/network/actions/:id':         row(N,   N,  Y,   N,  N,   N,  N,   N,  N),
  'DELETE /api/v1/network/actions/:id':        row(N,   N,  Y,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/network/agreements':            row(N,   Y,  Y,   Y,  Y,   N,  N,   N,  N),
  'POST /api/v1/network/agreements':           row(N,   N,  Y,   N,  Y,   N,  N,   N,  N),
  'PATCH /api/v1/network/agreements/:id':      row(N,   N,  Y,   N,  N,   N,  N,   N,  N),
  // The shelter register is district information: every organisation's housing staff (and system
  // administrators) read A's accommodation with its occupancy; only A's staff change it. Placements
  // and long stays name households: A's caseworkers' alone (B's lists hold none of A's).
  'GET /api/v1/housing/accommodations':        row(N,   Y,  N,   Y,  N,   N,  N,   Y,  N),
  'POST /api/v1/housing/accommodations':       row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/housing/accommodations/:id':    row(N,   Y,  N,   Y,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/housing/accommodations/:id':  row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/placements':         row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/housing/placements/:id':      row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/housing/long-stays':            row(N,   Y,  N,   Y,  N,   N,  N,   Y,  N),
  // Landlords are A's unless shared: B's list shows A's shared landlord, never the unshared one
  // the routes aim at (B gets "not found" for it).
  'GET /api/v1/housing/landlords':             row(N,   Y,  N,   Y,  N,   N,  N,   Y,  N),
  'POST /api/v1/housing/landlords':            row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/housing/landlords/:id':         row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/housing/landlords/:id':       row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/housing/landlords/:id/agreements': row(N, Y, N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/housing/landlord-agreements/:id': row(N, Y, N,   N,  N,   N,  N,   N,  N),
  // Adequacy tables are the district's configuration, kept by system administrators.
  'GET /api/v1/housing/adequacy':              row(N,   Y,  N,   Y,  N,   N,  N,   Y,  N),
  'POST /api/v1/housing/adequacy/areas':       row(N,   N,  N,   N,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/housing/adequacy/areas/:id':  row(N,   N,  N,   N,  N,   N,  N,   Y,  N),
  'POST /api/v1/housing/adequacy/areas/:id/tables': row(N, N, N,  N,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/housing/adequacy/tables/:id': row(N,   N,  N,   N,  N,   N,  N,   Y,  N),
  'GET /api/v1/housing/adequacy/check':        row(N,   Y,  N,   Y,  N,   N,  N,   Y,  N),
  // The check of a case's tenancy is case work (cases.read and housing.read).
  'GET /api/v1/cases/:id/adequacy':            row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  // Brokerage names households: searches, offers, proposals and follow-ups are A's caseworkers'
  // alone. Lists without a case (offers, outcomes, follow-ups) answer B and the district office
  // with their own, holding nothing of A; B cannot offer A's unshared landlord's flat (a 422).
  // The case's housing is case work too: the system administrator reads no case (403).
  'GET /api/v1/cases/:id/housing':             row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/cases/:id/housing-search':     row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/housing/searches/:id':        row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/housing/offers':                row(N,   Y,  N,   Y,  N,   N,  N,   Y,  N),
  'POST /api/v1/housing/offers':               row(N,   Y,  N,   R,  N,   N,  N,   N,  N),
  'GET /api/v1/housing/offers/:id':            row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/housing/offers/:id':          row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/housing/offers/:id/candidates': row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'POST /api/v1/housing/offers/:id/proposals': row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'PATCH /api/v1/housing/proposals/:id':       row(N,   Y,  N,   N,  N,   N,  N,   N,  N),
  'GET /api/v1/housing/outcomes':              row(N,   Y,  N,   Y,  N,   N,  N,   Y,  N),
  'GET /api/v1/housing/follow-ups':            row(N,   Y,  N,   Y,  N,   N,  N,   Y,  N),
  'PATCH /api/v1/housing/follow-ups/:proposalId/:months': row(N, Y, N, N, N, N, N,   N,  N),
  // Official counts and the pseudonymised export: the statistics role only (district-wide, no names).
  'GET /api/v1/reports/official/federal':      row(N,   N,  N,   N,  N,   N,  Y,   N,  N),
  'GET /api/v1/reports/official/nrw':          row(N,   N,  N,   N,  N,   N,  Y,   N,  N),
  'POST /api/v1/reports/pseudonymised-export': row(N,   N,  N,   N,  N,   N,  Y,   N,  N),
  // Reports: the own organisation's report (reports.read) and its drill-down; the statistics role has
  // only the district scope (asked for explicitly), so the default organisation scope refuses it.
  // The report and its export are open to every signed-in account at the route and need the scope's
  // permission (reports.read or reports.aggregate) in the handler: refused there with 403, a rule.
  'GET /api/v1/reports/evaluation':            row(N,   Y,  R,   Y,  R,   R,  R,   R,  N),
  'GET /api/v1/reports/evaluation/cases':      row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
  'GET /api/v1/reports/evaluation/export':     row(N,   Y,  R,   Y,  R,   R,  R,   R,  N),
  'GET /api/v1/reports/dashboard':             row(N,   Y,  N,   Y,  N,   N,  N,   N,  N),
};

// ---- the world -------------------------------------------------------------------------------

interface Account {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  roles: Role[];
  totpSecret: string | null;
}

/** A case of A, opened by a court notice the Jobcenter's reporter sent through the partner portal. */
interface CaseOfA {
  id: string;
  caseNumber: string;
  householdId: string;
  noticeId: string;
  /** The Jobcenter's externalId: its receipt is the reporter's, not A's. */
  externalId: string;
  personId: string;
  firstName: string;
  lastName: string;
  street: string;
  fileNumber: string;
  landlord: string;
}

/** Two records of one person (the later one without a birth date) and the review or merge of them. */
interface PairOfA {
  id: string;
  personIds: [string, string];
  firstName: string;
  lastName: string;
  street: string;
  externalIds: string[];
}

interface World {
  t: TestApp;
  orgA: TestOrg;
  locationA: { id: string; name: string };
  municipality: { id: string };
  /** Where notices are routed to A: a municipality with this postal code, covered by locationA alone. */
  intake: { postalCode: string; city: string };
  /** The account of A that the user routes aim at (no persona signs in with it). */
  targetA: Account;
  accounts: Record<SignedInPersona, Account>;
  orgOf: Record<SignedInPersona, TestOrg>;
  caseA: CaseOfA;
  /** An open match review of A (reopened before each call that decides it). */
  reviewA: PairOfA;
  /** A person merge of A (undone again before each split). */
  mergeA: PairOfA;
  /** An API key of A's organisation; the key itself must never be shown again. */
  keyA: { id: string; name: string; prefix: string; key: string };
  /** The Jobcenter's partner system: the key persona partnerKey calls with. */
  partner: { id: string; key: string };
  /** A notice B's caseworker sent: in B's receipts, and in nobody else's. */
  receiptB: { externalId: string };
  /** A bulk import of A's caseworker (finished). */
  importA: { id: string; fileName: string };
  /** A's entry in the partner directory (made by A's administrator): organisation, location, service. */
  directoryA: { organizationId: string; locationId: string; serviceId: string };
  /** An absence of A's caseworker (1–5 December 2026) with A's target account standing in. */
  absenceA: { id: string };
  /** A planned home visit (2026-11-24) of A's case, a task of it due today and its reminder. */
  outreachA: { attemptId: string; taskId: string; reminderId: string };
  /** A document of A's case (an upload of A's caseworker). */
  documentA: { id: string; fileName: string };
  /** A's appointment for caseA (a phone call of A's caseworker on 30 November 2026). */
  appointmentA: { id: string };
  /** A type of A's measure catalogue, a measure of caseA, and a rent-debt application of caseA submitted to the district. */
  measureTypeA: { id: string };
  measureA: { id: string };
  applicationA: { id: string };
  /** A meeting A's administrator organises (10 December 2026), an open action of it, and A's agreement with a partner. */
  networkA: { meetingId: string; actionId: string; agreementId: string };
  /** A consent of caseA's tenant (for B, the Jobcenter and the landlord) and a share of caseA with B resting on it. */
  consentA: { consentId: string; disclosureId: string };
  /**
   * A's accommodation (in the world's municipality) with caseA placed there since 1 September 2025
   * (a long stay), a shared landlord of A and an unshared one with an agreement, and the district's
   * comparison area of that municipality and caseA's with a table (made by the system administrator).
   */
  housingA: {
    accommodationId: string; placementId: string; sharedLandlordId: string; landlordId: string; landlordName: string; agreementId: string;
    areaId: string; tableId: string;
  };
  /**
   * Brokerage of A: caseA's active search, an offer of A's unshared landlord (its street a marker)
   * and caseA proposed for it; an earlier search of caseA, housed in May through a lease whose
   * 6-month follow-up is due.
   */
  brokerageA: { searchId: string; offerId: string; offerStreet: string; proposalId: string; housedSearchId: string; letOfferId: string; leaseId: string };
}

const PERSONA_ROLES: Record<SignedInPersona, Role[]> = {
  caseworkerA: ['caseworker'],
  orgAdminA: ['org_admin'],
  caseworkerB: ['caseworker'],
  orgAdminB: ['org_admin'],
  reporter: ['reporter'],
  statistics: ['statistics'],
  systemAdmin: ['system_admin'],
};

async function newAccount(t: TestApp, org: TestOrg, roles: Role[], label: string): Promise<Account> {
  const displayName = `${label} ${uniqueSuffix()}`;
  // Administrators have a second factor, as they must outside demo mode.
  const totpSecret = roles.some((r) => r === 'org_admin' || r === 'system_admin') ? newTotpSecret() : null;
  const u = await createUser(t.db, org, roles, { displayName, ...(totpSecret ? { totpSecret } : {}) });
  return { id: u.id, orgId: org.id, email: u.email, displayName, roles, totpSecret };
}

/** A made-up word of ten letters: names nobody else in this file has, not even phonetically. */
function pseudoName() {
  const letters = 'bcdfghklmnprstvwz';
  const bytes = uniqueSuffix() + uniqueSuffix();
  let s = '';
  for (let i = 0; i < 5; i++) s += letters[parseInt(bytes.slice(i * 2, i * 2 + 2), 16) % letters.length] + 'aeiou'[parseInt(bytes[10 + i], 16) % 5];
  return s[0].toUpperCase() + s.slice(1);
}

/** A notice about a household in A's area, with names and a street of its own. */
function noticeBody(w: Pick<World, 'intake'>, tag: string, over: Record<string, unknown> = {}) {
  return {
    externalId: `${tag}-${uniqueSuffix()}`,
    kind: 'jobcenter_warning',
    receivedOn: '2026-11-16',
    tenants: [{ firstName: pseudoName(), lastName: pseudoName() }],
    address: { street: `${pseudoName()}weg`, houseNumber: '3', postalCode: w.intake.postalCode, city: w.intake.city },
    arrears: 1234.5,
    ...over,
  };
}

/** An import file (CSV, as German Excel writes it) with one valid notice about A's area. */
function importBody(w: Pick<World, 'intake'>, tag: string, fileName = `meldungen-${tag}.csv`) {
  const n = noticeBody(w, tag);
  const header = 'externalId;kind;receivedOn;tenant1FirstName;tenant1LastName;street;houseNumber;postalCode;city;arrears';
  const row = [n.externalId, n.kind, '16.11.2026', n.tenants[0].firstName, n.tenants[0].lastName, n.address.street, n.address.houseNumber, n.address.postalCode, n.address.city, '1.234,50'];
  return { fileName, contentBase64: Buffer.from(`\ufeff${header}\r\n${row.join(';')}\r\n`).toString('base64') };
}

type Send = (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<LightMyRequestResponse>;

/** Requests as one account, on a fresh session (world set-up only). */
async function as(t: TestApp, account: { id: string; orgId: string }): Promise<Send> {
  const session = await mintSession(t.db, t.clock, account);
  return (method, url, body) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
}

async function ok(res: Promise<LightMyRequestResponse>, status = 201) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`world set-up: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** Two notices about one person, the second without a birth date and two houses further: a review. */
async function reviewPair(t: TestApp, w: Pick<World, 'intake' | 'orgA'>, send: Send, tag: string): Promise<PairOfA> {
  const firstName = pseudoName();
  const lastName = pseudoName();
  const street = `${pseudoName()}gasse`;
  const address = (houseNumber: string) => ({ street, houseNumber, postalCode: w.intake.postalCode, city: w.intake.city });
  const first = noticeBody(w, `${tag}-1`, { tenants: [{ firstName, lastName, birthDate: '1961-03-04' }], address: address('5') });
  const second = noticeBody(w, `${tag}-2`, { tenants: [{ firstName, lastName }], address: address('7') });
  const a = await ok(send('POST', '/api/v1/notices', first));
  const b = await ok(send('POST', '/api/v1/notices', second));
  if (a.assignedTo.orgId !== w.orgA.id || b.persons[0].match !== 'review') throw new Error(`world set-up: no review of A: ${JSON.stringify(b)}`);
  const review = await unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('match_reviews').select(['id', 'candidate_id']).where('person_id', '=', b.persons[0].id).executeTakeFirstOrThrow(),
  );
  if (review.candidate_id !== a.persons[0].id) throw new Error('world set-up: the review pairs other records');
  return { id: review.id, personIds: [a.persons[0].id, b.persons[0].id], firstName, lastName, street, externalIds: [first.externalId, second.externalId] };
}

async function buildWorld(): Promise<World> {
  const t = await createTestApp();
  const s = uniqueSuffix();
  const orgA = await createOrg(t.db, 'provider', `Träger A ${s}`);
  const orgB = await createOrg(t.db, 'provider', `Träger B ${s}`);
  const jobcenter = await createOrg(t.db, 'jobcenter', `Jobcenter ${s}`);
  const district = await createOrg(t.db, 'district_office', `Fachstelle ${s}`);
  const orgOf = {
    caseworkerA: orgA, orgAdminA: orgA, caseworkerB: orgB, orgAdminB: orgB,
    reporter: jobcenter, statistics: district, systemAdmin: district,
  };
  const accounts = {} as World['accounts'];
  for (const p of PERSONAS) if (isSignedIn(p)) accounts[p] = await newAccount(t, orgOf[p], PERSONA_ROLES[p], `Persona ${p}`);
  const targetA = await newAccount(t, orgA, ['caseworker'], 'Zielperson A');
  // B has data of its own, so "B sees only B" is not trivially true of an empty organisation.
  await newAccount(t, orgB, ['team_lead'], 'Kollegin B');
  await createLocation(t.db, orgB, `Beratungsstelle B ${s}`);
  const locationA = await createLocation(t.db, orgA, `Beratungsstelle A ${s}`);
  const municipality = await createMunicipality(t.db);

  // Intake: a municipality of its own (the directory examples change the other one's postal
  // codes), covered by A's location alone, so every notice below is routed to A.
  const intake = { postalCode: `04${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`, city: `Prüfstadt ${s}` };
  const intakeMunicipality = await createMunicipality(t.db, intake.city);
  await unsafeInternalTx(t.db, null, async (tx) => {
    await tx.db.updateTable('municipalities').set({ postal_codes: [intake.postalCode] }).where('id', '=', intakeMunicipality.id).execute();
    await tx.db.updateTable('locations').set({ municipality_ids: [intakeMunicipality.id] }).where('id', '=', locationA.id).execute();
  });
  const base = { t, orgA, locationA, municipality, intake, targetA, accounts, orgOf };

  // A's case: a court notice from the Jobcenter's partner portal.
  const fromReporter = await as(t, accounts.reporter);
  const firstName = pseudoName();
  const lastName = pseudoName();
  const street = `${pseudoName()}straße`;
  const fileNumber = `7 C ${uniqueSuffix()}/26`;
  const landlord = `Vermietung ${pseudoName()} GmbH`;
  const courtNotice = noticeBody(base, 'AG', {
    kind: 'court_eviction_suit',
    tenants: [{ firstName, lastName, birthDate: '1975-06-07', servedOn: '2026-11-10' }],
    address: { street, houseNumber: '12', postalCode: intake.postalCode, city: intake.city },
    landlord: { name: landlord },
    court: { name: 'Amtsgericht Prüfstadt', fileNumber, servedOn: '2026-11-10', hearingOn: '2027-01-14' },
  });
  const sent = await ok(fromReporter('POST', '/api/v1/notices', courtNotice));
  if (sent.assignedTo.orgId !== orgA.id) throw new Error(`world set-up: the notice was not routed to A: ${JSON.stringify(sent)}`);
  const c = await unsafeInternalTx(t.db, null, (tx) =>
    tx.db.selectFrom('notices as n').innerJoin('cases as c', 'c.id', 'n.case_id').select(['c.id', 'c.case_number']).where('n.id', '=', sent.id).executeTakeFirstOrThrow(),
  );
  const caseA: CaseOfA = {
    id: c.id, caseNumber: c.case_number, householdId: sent.household.id, noticeId: sent.id, externalId: courtNotice.externalId,
    personId: sent.persons[0].id, firstName, lastName, street, fileNumber, landlord,
  };

  // A's review queue and a merge, from notices A's own caseworker entered.
  const fromCaseworkerA = await as(t, accounts.caseworkerA);
  const reviewA = await reviewPair(t, base, fromCaseworkerA, 'A-Doppel');
  const merged = await reviewPair(t, base, fromCaseworkerA, 'A-Zusammen');
  const merge = await ok(fromCaseworkerA('POST', `/api/v1/match-reviews/${merged.id}/merge`), 200);
  const mergeA: PairOfA = { ...merged, id: merge.mergeId };

  // API keys: A's (a target), and the Jobcenter's partner system, made by its administrator.
  const keyOfA = await ok((await as(t, accounts.orgAdminA))('POST', '/api/v1/api-keys', { name: `Fachverfahren A ${s}` }));
  const keyA = { id: keyOfA.apiKey.id, name: keyOfA.apiKey.name, prefix: keyOfA.apiKey.prefix, key: keyOfA.key };
  const jobcenterAdmin = await newAccount(t, jobcenter, ['org_admin'], 'Admin Jobcenter');
  const partnerKey = await ok((await as(t, jobcenterAdmin))('POST', '/api/v1/api-keys', { name: `Jobcenter-Schnittstelle ${s}` }));
  const partner = { id: partnerKey.apiKey.id, key: partnerKey.key };
  // The first use records the key's last use; later calls within the minute (the test clock
  // stands still) leave no trace, so the matrix can demand that refusals change nothing.
  await t.app.inject({ method: 'GET', url: '/api/v1/config', headers: { authorization: `Bearer ${partner.key}` } });

  // B reports too (about an address in A's area): B's receipt is B's.
  const noticeB = noticeBody(base, 'B');
  await ok((await as(t, accounts.caseworkerB))('POST', '/api/v1/notices', noticeB));

  // A bulk import of A's caseworker, run to its end.
  const importFileName = `Importe A ${s}.csv`;
  const imported = await ok(fromCaseworkerA('POST', '/api/v1/imports', importBody(base, 'IMP-A', importFileName)), 202);
  await importsIdle(t.db);
  const importA = { id: imported.id, fileName: importFileName };

  // A's entry in the partner directory, linked to A by A's administrator.
  const fromAdminA = await as(t, accounts.orgAdminA);
  const dirOrg = await ok(fromAdminA('POST', '/api/v1/directory/organizations', { name: `Verzeichnis A ${s}`, description: 'Beratung' }));
  const dirLocation = await ok(fromAdminA('POST', '/api/v1/directory/locations', {
    organizationId: dirOrg.id, name: `Standort A ${s}`, address: { street: 'Marktplatz 1', postalCode: '05101', city: 'Musterstadt' },
  }));
  const dirService = await ok(fromAdminA('POST', '/api/v1/directory/services', {
    organizationId: dirOrg.id, name: `Angebot A ${s}`, description: 'Hilfe bei Mietschulden', categories: ['housing_emergency'], locationIds: [dirLocation.id],
  }));
  const directoryA = { organizationId: dirOrg.id as string, locationId: dirLocation.id as string, serviceId: dirService.id as string };

  // An absence of A's caseworker, covered by the target account.
  const absence = await ok(fromCaseworkerA('POST', '/api/v1/absences', { substituteId: targetA.id, startsOn: '2026-12-01', endsOn: '2026-12-05' }));
  const absenceA = { id: absence.id as string };

  // Appointments and measures of A's case.
  const appointment = await ok(fromCaseworkerA('POST', `/api/v1/cases/${caseA.id}/appointments`, {
    kind: 'phone', userId: accounts.caseworkerA.id, date: '2026-11-30', startTime: '09:00', endTime: '09:30',
  }));
  const typesOfA = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('measure_types').select(['id', 'key']).where('org_id', '=', orgA.id).execute());
  const measureTypeA = { id: typesOfA.find((x) => x.key === 'accompaniment')!.id };
  const measure = await ok(fromCaseworkerA('POST', `/api/v1/cases/${caseA.id}/measures`, { typeId: measureTypeA.id, counterpart: 'Jobcenter' }));
  const draft = await ok(fromCaseworkerA('POST', `/api/v1/cases/${caseA.id}/measures`, {
    typeId: typesOfA.find((x) => x.key === 'rent_debt_assumption')!.id,
    rentDebt: { amount: 1234.5, body: 'jobcenter', form: 'loan', reasoning: 'Einkommensverlust', decidingOrgId: district.id },
  }));
  // Submitted to the district office, whose finance staff (none of the personas) would decide it.
  const submitSession = await mintSession(t.db, t.clock, accounts.caseworkerA);
  const submit = await t.app.inject({
    method: 'PATCH', url: `/api/v1/measures/${draft.id}`, payload: JSON.stringify({ version: draft.version, status: 'applied' }),
    headers: { cookie: submitSession.cookie, 'x-csrf-token': submitSession.csrf, 'content-type': 'application/json' },
  });
  if (submit.statusCode !== 200) throw new Error(`world set-up: ${submit.statusCode} ${submit.body}`);

  // A document of A's case, uploaded by A's caseworker.
  const documentFileName = `Mietvertrag A ${s}.pdf`;
  const docSession = await mintSession(t.db, t.clock, accounts.caseworkerA);
  const docForm = uploadForm(documentFileName);
  const uploaded = await t.app.inject({
    method: 'POST', url: `/api/v1/cases/${caseA.id}/documents`, payload: Buffer.from(docForm.payload, 'latin1'),
    headers: { cookie: docSession.cookie, 'x-csrf-token': docSession.csrf, 'content-type': docForm.contentType },
  });
  if (uploaded.statusCode !== 201) throw new Error(`world set-up: ${uploaded.statusCode} ${uploaded.body}`);
  const documentA = { id: uploaded.json().id as string, fileName: documentFileName };

  // Outreach of A's case: a planned home visit, and a task due today whose reminder the job made.
  const visit = await ok(fromCaseworkerA('POST', `/api/v1/cases/${caseA.id}/contact-attempts`, { channel: 'home_visit', plannedOn: '2026-11-24' }));
  const task = await ok(fromCaseworkerA('POST', '/api/v1/tasks', { caseId: caseA.id, title: `Aufgabe ${s}`, dueOn: '2026-11-21' }));
  await remindDueTasks(t.db, t.clock.now());
  const reminder = await unsafeInternalTx(t.db, null, (tx) => tx.db.selectFrom('reminders').select('id').where('task_id', '=', task.id).executeTakeFirstOrThrow());
  const outreachA = { attemptId: visit.id, taskId: task.id, reminderId: reminder.id };

  // Network work: a steering-group meeting A organises, an action agreed in it, an agreement of A.
  const meeting = await ok(fromAdminA('POST', '/api/v1/network/meetings', {
    kind: 'steering_group', title: `Lenkungsgruppe ${s}`, date: '2026-12-10', startTime: '14:00', endTime: '16:00', place: 'Kreishaus',
    agenda: [{ title: 'Fallzahlen' }], participants: [{ personName: `Gast ${s}`, personFunction: 'Mieterverein' }],
  }));
  const networkAction = await ok(fromAdminA('POST', `/api/v1/network/meetings/${meeting.id}/actions`, { text: `Flyer abstimmen ${s}`, responsibleName: 'Koordination', dueOn: '2026-12-20' }));
  const agreement = await ok(fromAdminA('POST', '/api/v1/network/agreements', {
    directoryOrganizationId: directoryA.organizationId, kind: 'cooperation', title: `Kooperation ${s}`, validFrom: '2026-01-01', validUntil: null,
  }));
  const networkA = { meetingId: meeting.id as string, actionId: networkAction.id as string, agreementId: agreement.id as string };

  // A consent of A's client, and a share of the case with B resting on it (household facts only).
  const consent = await ok(fromCaseworkerA('POST', `/api/v1/cases/${caseA.id}/consents`, {
    personId: caseA.personId, recipients: [{ kind: 'organisation', orgId: orgB.id }, { kind: 'organisation', orgId: jobcenter.id }, { kind: 'landlord' }],
    purposes: ['case_share', 'status_report', 'landlord_contact'], categories: ['household', 'tenancy', 'identity', 'income'], givenOn: '2026-11-20', openEnded: true, form: 'written',
  }));
  const share = await ok(fromCaseworkerA('POST', `/api/v1/cases/${caseA.id}/disclosures`, { kind: 'share', recipientOrgId: orgB.id, categories: ['household'] }));
  const consentA = { consentId: consent.id as string, disclosureId: share.id as string };

  // Housing: A's accommodation with caseA in it, A's landlords, the district's adequacy table.
  const accommodation = await ok(fromCaseworkerA('POST', '/api/v1/housing/accommodations', {
    kind: 'emergency_shelter', name: `Notunterkunft ${s}`, municipalityId: municipality.id, places: 12,
  }));
  const placement = await ok(fromCaseworkerA('POST', `/api/v1/cases/${caseA.id}/placements`, { accommodationId: accommodation.id, persons: 1, movedInOn: '2025-09-01' }));
  const sharedLandlord = await ok(fromCaseworkerA('POST', '/api/v1/housing/landlords', { kind: 'housing_company', name: `Wohnungsbau ${s}`, shared: true }));
  const landlordName = `Vermieter ${pseudoName()}`;
  const privateLandlord = await ok(fromCaseworkerA('POST', '/api/v1/housing/landlords', { kind: 'private', name: landlordName, contacts: [{ name: `Kontakt ${pseudoName()}` }] }));
  const withAgreement = await ok(fromCaseworkerA('POST', `/api/v1/housing/landlords/${privateLandlord.id}/agreements`, { title: `Absprache ${s}`, validFrom: '2026-01-01', flatsPerYear: 2 }));
  const fromSystemAdmin = await as(t, accounts.systemAdmin);
  const area = await ok(fromSystemAdmin('POST', '/api/v1/housing/adequacy/areas', { name: `Vergleichsraum ${s}`, municipalityIds: [municipality.id, intakeMunicipality.id] }));
  const withTable = await ok(fromSystemAdmin('POST', `/api/v1/housing/adequacy/areas/${area.id}/tables`, {
    validFrom: '2026-01-01', limits: [{ householdSize: 1, grossColdRent: 478.5, floorArea: 50 }, { householdSize: 2, grossColdRent: 572, floorArea: 65 }],
  }));
  const housingA = {
    accommodationId: accommodation.id as string, placementId: placement.id as string, sharedLandlordId: sharedLandlord.id as string, landlordId: privateLandlord.id as string,
    landlordName, agreementId: withAgreement.agreements[0].id as string, areaId: area.id as string, tableId: withTable.tables[0].id as string,
  };

  // Brokerage: caseA searches; A offers a one-room flat of its unshared landlord and proposes caseA.
  const search = await ok(fromCaseworkerA('POST', `/api/v1/cases/${caseA.id}/housing-search`, { startedOn: '2026-05-04', persons: 1, note: `Suche ${s}` }));
  const offerStreet = `${pseudoName()}ring`;
  const offer = await ok(fromCaseworkerA('POST', '/api/v1/housing/offers', {
    landlordId: housingA.landlordId, street: offerStreet, houseNumber: '4', postalCode: intake.postalCode, city: intake.city, municipalityId: municipality.id,
    floorArea: 38, rooms: 1, floor: 0, baseRent: 400, serviceCharges: 70, heatingCosts: 45, availableFrom: '2026-12-01',
  }));
  const proposal = await ok(fromCaseworkerA('POST', `/api/v1/housing/offers/${offer.offer.id}/proposals`, { searchId: search.id }));
  // The earlier, brokered tenancy (written directly: a lease would move caseA and end its placement).
  const brokerageA = await unsafeInternalTx(t.db, null, async (tx) => {
    const housed = await tx.db
      .insertInto('housing_searches')
      .values({ org_id: orgA.id, case_id: caseA.id, status: 'housed', started_on: '2026-01-12', ended_on: '2026-05-08', persons: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const let_ = await tx.db
      .insertInto('flat_offers')
      .values({
        org_id: orgA.id, landlord_id: housingA.landlordId, street: `${pseudoName()}weg`, house_number: '9', postal_code: intake.postalCode, city: intake.city,
        municipality_id: municipality.id, floor_area: 41, rooms: 1, floor: 1, base_rent: 380, service_charges: 80, heating_costs: 50, available_from: '2026-05-15', status: 'let',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lease = await tx.db
      .insertInto('offer_proposals')
      .values({ org_id: orgA.id, offer_id: let_.id, search_id: housed.id, case_id: caseA.id, status: 'lease_signed', proposed_on: '2026-04-20', lease_signed_on: '2026-05-08', tenancy_start: '2026-05-15' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db.insertInto('tenancy_followups').values([
      { proposal_id: lease.id, org_id: orgA.id, months: 6, due_on: '2026-11-15' },
      { proposal_id: lease.id, org_id: orgA.id, months: 12, due_on: '2027-05-15' },
    ]).execute();
    return {
      searchId: search.id as string, offerId: offer.offer.id as string, offerStreet, proposalId: proposal.id as string,
      housedSearchId: housed.id, letOfferId: let_.id, leaseId: lease.id,
    };
  });

  return {
    ...base, outreachA, networkA, consentA, housingA, brokerageA, caseA, reviewA, mergeA, keyA, partner, receiptB: { externalId: noticeB.externalId }, importA, documentA, directoryA,
    appointmentA: { id: appointment.id }, measureTypeA, measureA: { id: measure.id }, applicationA: { id: draft.id }, absenceA,
  };
}

/**
 * What must never reach a caller outside A (users, case ids, API keys), what only directory
 * routes and a notice's assignee may show (location, organisation), what only A's caseworker may
 * ever see (case content) and what nobody sees again (the key itself).
 */
function markersOfA(w: World) {
  const users = [w.accounts.caseworkerA, w.accounts.orgAdminA, w.targetA].flatMap((a) => [a.id, a.email, a.displayName]);
  const { caseA, reviewA, mergeA, importA } = w;
  return {
    users,
    location: [w.locationA.id, w.locationA.name],
    organisation: [w.orgA.id, w.orgA.name],
    caseIds: [w.absenceA.id, w.outreachA.attemptId, w.outreachA.taskId, w.outreachA.reminderId, w.documentA.id, caseA.id, caseA.householdId, caseA.noticeId, caseA.personId, reviewA.id, ...reviewA.personIds, mergeA.id, ...mergeA.personIds, importA.id,
      w.appointmentA.id, w.measureA.id, w.applicationA.id, w.housingA.placementId, w.housingA.landlordId, w.housingA.agreementId,
      w.brokerageA.searchId, w.brokerageA.offerId, w.brokerageA.proposalId, w.brokerageA.housedSearchId, w.brokerageA.letOfferId, w.brokerageA.leaseId],
    caseContent: [w.documentA.fileName, w.housingA.landlordName, w.brokerageA.offerStreet, caseA.caseNumber, caseA.firstName, caseA.lastName, caseA.street, caseA.fileNumber, caseA.landlord, importA.fileName,
      ...[reviewA, mergeA].flatMap((p) => [p.firstName, p.lastName, p.street])],
    apiKey: [w.keyA.id, w.keyA.name, w.keyA.prefix],
    secrets: [w.keyA.key, w.partner.key],
  };
}

const isOfA = (p: Persona) => p === 'caseworkerA' || p === 'orgAdminA';

// ---- example requests, one per route ---------------------------------------------------------

/** An upload form as a browser sends it: a small PDF in `file`, its type and a note (latin1 string). */
function uploadForm(fileName: string) {
  const boundary = `----matrix${uniqueSuffix()}`;
  const pdf = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
  const name = Buffer.from(fileName, 'utf8').toString('latin1');
  const payload =
    `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\ntenancy_agreement\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nVom Haushalt mitgebracht\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}


interface Ctx {
  w: World;
  persona: Persona;
  /** The account the request is made with (null: anonymous, or a partner system's API key). */
  account: Account | null;
  /** The API key the request is made with (partnerKey only). */
  apiKey: string | null;
  /** A number unique to this case, for names that must not collide. */
  seq: number;
  scratch: Record<string, string>;
}

interface Example {
  /** An array value repeats the parameter (?servedOn=…&servedOn=…). */
  query?: (c: Ctx) => Record<string, string | string[]>;
  body?: (c: Ctx) => unknown;
  /** A multipart/form-data body instead of JSON (uploads). */
  form?: (c: Ctx) => { payload: string; contentType: string };
  /** Runs on a fresh account of the persona (same organisation, roles, second factor): for calls
   *  that change the caller's own account, so no later case finds it changed. */
  ownAccount?: 'fresh';
  /** The session is in the second-factor stage, where the account has a second factor. */
  stage?: 'totp';
  /** Brings the target into the state the call acts on (e.g. locked, for unlock), before the snapshot. */
  prepare?: (c: Ctx) => Promise<void>;
  /** Changes a refusal is expected to leave behind (fingerprint keys). */
  refusalLeaves?: (c: Ctx) => string[];
  /** An allowed call whose only lasting trace is its audit entry. */
  onlyAudited?: true;
  /** An allowed POST that changes nothing at all (a dry run). */
  dryRun?: true;
  /** Background work the call starts, awaited before the evidence is taken. */
  settle?: (c: Ctx) => Promise<void>;
  /** Ids an allowed answer must contain: the read really returned the record. */
  shows?: (c: Ctx) => string[];
  /** What an allowed answer must not contain although the caller may call the route. */
  hides?: (c: Ctx) => string[];
  /** Further checks of an allowed answer (its shape, where it went). */
  answer?: (c: Ctx, body: any) => void;
}

const internal = <T>(c: Ctx, fn: Parameters<typeof unsafeInternalTx<T>>[2]) => unsafeInternalTx(c.w.t.db, null, fn);
/** The version of the caller's organisation's own letter text or letterhead, as an edit sends it. */
const letterVersion = (c: Ctx, table: 'letter_templates' | 'letterheads') =>
  internal(c, async (tx) => {
    const orgId = c.account?.orgId ?? c.w.orgA.id;
    const row =
      table === 'letterheads'
        ? await tx.db.selectFrom('letterheads').select('version').where('org_id', '=', orgId).executeTakeFirst()
        : await tx.db.selectFrom('letter_templates').select('version').where('org_id', '=', orgId).where('template', '=', 'first_contact').where('language', '=', 'de').executeTakeFirst();
    return row ? { version: row.version } : {};
  });
const versionOf = (c: Ctx, table: 'organisations' | 'municipalities' | 'locations' | 'users' | 'cases', id: string) =>
  internal(c, async (tx) => (await tx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

const versionOfRow = (c: Ctx, table: 'appointments' | 'measures' | 'rent_debt_applications' | 'measure_types', id: string) =>
  internal(c, async (tx) => (await tx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

/** The NoticeResult contract, and nothing more: ids, match outcomes, the assignee, deadlines. */
function expectNoticeResult(c: Ctx, r: any) {
  expect(Object.keys(r).sort()).toEqual(['assignedTo', 'deadlines', 'household', 'id', 'persons']);
  expect(Object.keys(r.household).sort()).toEqual(['id', 'match']);
  for (const p of r.persons) expect(Object.keys(p).sort()).toEqual(['id', 'match']);
  expect(r.persons.map((p: { match: string }) => p.match)).toEqual(['new']);
  expect(r.assignedTo).toEqual({ orgId: c.w.orgA.id, orgName: c.w.orgA.name, locationId: c.w.locationA.id });
  for (const d of r.deadlines) expect(['basis', 'date', 'estimate', 'kind', 'rawDate']).toEqual(expect.arrayContaining(Object.keys(d)));
}

/** Puts A's review back in front of a caseworker, undecided, so merge and distinct act on it. */
async function reopenReview(c: Ctx) {
  const { id, personIds } = c.w.reviewA;
  await internal(c, async (tx) => {
    await tx.db.updateTable('match_reviews').set({ status: 'open', decided_by: null, decided_at: null }).where('id', '=', id).execute();
    await tx.db.updateTable('persons').set({ merged_into: null }).where('id', 'in', personIds).execute();
    await tx.db.deleteFrom('person_distinct_pairs').where('person_a', 'in', personIds).where('person_b', 'in', personIds).execute();
  });
}

/** caseA's consent valid again and the share with B open, whatever an earlier call did to them.
 *  A consent cannot be un-revoked through any route (its guard trigger refuses): only this test
 *  switches the trigger off for one statement. */
async function restoreConsentA(c: Ctx) {
  await internal(c, async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx.db);
    await tx.db.updateTable('consents').set({ revoked_on: null, revoked_at: null, revoked_by: null, revocation_note: null }).where('id', '=', c.w.consentA.consentId).execute();
    await tx.db.updateTable('disclosures').set({ status: 'open', end_reason: null, ended_at: null }).where('id', '=', c.w.consentA.disclosureId).execute();
  });
}
const disclosureVersion = (c: Ctx) =>
  internal(c, async (tx) => (await tx.db.selectFrom('disclosures').select('version').where('id', '=', c.w.consentA.disclosureId).executeTakeFirstOrThrow()).version);

const examples: Record<string, Example> = {
  'GET /healthz': {},
  'GET /readyz': {},
  'GET /api/v1/config': {},
  'POST /api/v1/auth/login': {
    // Signed-in personas sign in again as themselves; the anonymous caller guesses at A's account.
    body: (c) => (c.account ? { email: c.account.email, password: TEST_PASSWORD } : { email: c.w.targetA.email, password: 'Geraten-Passwort-1' }),
    shows: (c) => [c.account!.id],
    prepare: (c) => internal(c, async (tx) => {
      await tx.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', c.w.targetA.id).execute();
    }),
    // A failed sign-in is counted against the account and audited: that is the lockout working.
    refusalLeaves: (c) => [`users:${c.w.targetA.id}:failed_logins`, 'audit_log:count'],
  },
  'GET /api/v1/auth/session': { shows: (c) => [c.account!.id] },
  'POST /api/v1/auth/totp': {
    ownAccount: 'fresh',
    stage: 'totp',
    body: async (c) => ({ code: c.account?.totpSecret ? await totpCodeAt(c.account.totpSecret, c.w.t.clock.now()) : '123456' }),
  },
  'POST /api/v1/auth/logout': {},
  'POST /api/v1/auth/password': {
    ownAccount: 'fresh',
    body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'Kein-Geheimnis-2027!' }),
  },
  'POST /api/v1/auth/totp/setup': { ownAccount: 'fresh' },
  'POST /api/v1/auth/totp/enable': {
    ownAccount: 'fresh',
    prepare: async (c) => {
      if (!c.account) return;
      c.scratch.pending = newTotpSecret();
      await internal(c, (tx) => tx.db.updateTable('users').set({ totp_pending_secret: c.scratch.pending }).where('id', '=', c.account!.id).execute());
    },
    body: async (c) => ({ code: c.scratch.pending ? await totpCodeAt(c.scratch.pending, c.w.t.clock.now()) : '123456' }),
  },
  'POST /api/v1/auth/totp/disable': {
    ownAccount: 'fresh',
    // Switching off a second factor that exists, so "allowed" shows a real change.
    prepare: async (c) => {
      if (!c.account || c.account.totpSecret) return;
      await internal(c, (tx) =>
        tx.db.updateTable('users').set({ totp_secret: newTotpSecret(), totp_enabled_at: c.w.t.clock.now() }).where('id', '=', c.account!.id).execute(),
      );
    },
    body: () => ({ password: TEST_PASSWORD }),
  },
  'GET /api/v1/organisations': { shows: (c) => [c.w.orgA.id] },
  'GET /api/v1/organisations/:id': { shows: (c) => [c.w.orgA.id] },
  'POST /api/v1/organisations': { body: (c) => ({ name: `Neue Organisation ${c.seq} ${uniqueSuffix()}`, kind: 'partner' }) },
  'PATCH /api/v1/organisations/:id': {
    body: async (c) => ({ version: await versionOf(c, 'organisations', c.w.orgA.id), shortName: `TA${c.seq}` }),
  },
  'GET /api/v1/municipalities': { shows: (c) => [c.w.municipality.id] },
  'GET /api/v1/municipalities/:id': { shows: (c) => [c.w.municipality.id] },
  'POST /api/v1/municipalities': {
    body: (c) => ({ name: `Gemeinde ${c.seq}`, ags: String(15_000_000 + c.seq * 7919 + Number.parseInt(uniqueSuffix().slice(0, 3), 16)).padStart(8, '0') }),
  },
  'PATCH /api/v1/municipalities/:id': {
    body: async (c) => ({ version: await versionOf(c, 'municipalities', c.w.municipality.id), postalCodes: [String(10_000 + c.seq)] }),
  },
  'GET /api/v1/locations': { query: (c) => ({ orgId: c.w.orgA.id }), shows: (c) => [c.w.locationA.id] },
  'GET /api/v1/locations/:id': { shows: (c) => [c.w.locationA.id] },
  'POST /api/v1/locations': {
    body: (c) => ({
      orgId: c.w.orgA.id,
      name: `Zweigstelle ${c.seq}`,
      address: { street: 'Marktplatz', houseNumber: String(c.seq), postalCode: '05101', city: 'Musterstadt' },
    }),
  },
  'PATCH /api/v1/locations/:id': {
    body: async (c) => ({ version: await versionOf(c, 'locations', c.w.locationA.id), phone: `+49 5101 ${1000 + c.seq}` }),
  },
  // Other organisations' staff get an empty list (the leak check proves it holds nothing of A).
  'GET /api/v1/users': { query: (c) => ({ orgId: c.w.orgA.id }), shows: (c) => (isOfA(c.persona) || c.persona === 'systemAdmin' ? [c.w.targetA.id] : []) },
  'GET /api/v1/users/:id': { shows: (c) => [c.w.targetA.id] },
  'POST /api/v1/users': {
    body: (c) => ({ orgId: c.w.orgA.id, email: `neu.${c.seq}.${uniqueSuffix()}@test.invalid`, displayName: `Neue Person ${c.seq}`, roles: ['caseworker'] }),
  },
  'PATCH /api/v1/users/:id': {
    body: async (c) => {
      const u = await internal(c, (tx) => tx.db.selectFrom('users').select(['version', 'language']).where('id', '=', c.w.targetA.id).executeTakeFirstOrThrow());
      return { version: u.version, language: u.language === 'de' ? 'en' : 'de' };
    },
  },
  'POST /api/v1/users/:id/reset-password': {},
  'POST /api/v1/users/:id/reset-totp': {
    prepare: (c) => internal(c, async (tx) => {
      await tx.db.updateTable('users').set({ totp_secret: newTotpSecret(), totp_enabled_at: c.w.t.clock.now() }).where('id', '=', c.w.targetA.id).execute();
    }),
  },
  'POST /api/v1/users/:id/unlock': {
    prepare: (c) => internal(c, async (tx) => {
      const until = new Date(c.w.t.clock.now().getTime() + 15 * 60_000);
      await tx.db.updateTable('users').set({ failed_logins: 3, locked_until: until }).where('id', '=', c.w.targetA.id).execute();
    }),
  },
  'GET /api/v1/audit': { query: (c) => ({ userId: c.w.targetA.id }) },
  'POST /api/v1/audit/verify': { onlyAudited: true },
  // TC: served 2026-02-03 and 2026-02-10 → the later service counts → Fri 2026-04-10.
  'GET /api/v1/deadlines/schonfrist': { query: () => ({ servedOn: ['2026-02-03', '2026-02-10'], state: 'NW' }), shows: () => ['2026-04-10'] },
  'POST /api/v1/notices': { body: (c) => noticeBody(c.w, `M${c.seq}`), answer: expectNoticeResult },
  'POST /api/v1/notices/batch': {
    body: (c) => ({ notices: [noticeBody(c.w, `M${c.seq}a`), noticeBody(c.w, `M${c.seq}b`)] }),
    answer: (c, r) => {
      expect([r.created, r.existing, r.rejected]).toEqual([2, 0, 0]);
      for (const item of r.items) {
        expect(Object.keys(item).sort()).toEqual(['index', 'result', 'status']);
        expectNoticeResult(c, item.result);
      }
    },
  },
  // Each sender its own: the reporter the Jobcenter's receipt of A's case, A the ones A sent, B B's.
  'GET /api/v1/receipts': {
    shows: (c) => (c.persona === 'reporter' ? [c.w.caseA.externalId] : isOfA(c.persona) ? c.w.reviewA.externalIds : [c.w.receiptB.externalId]),
    hides: (c) => [
      ...(c.persona === 'reporter' ? [] : [c.w.caseA.externalId]),
      ...(isOfA(c.persona) ? [] : c.w.reviewA.externalIds),
      ...(c.persona === 'caseworkerB' || c.persona === 'orgAdminB' ? [] : [c.w.receiptB.externalId]),
    ],
    answer: (_c, r) => {
      for (const item of r.items) expect(Object.keys(item).sort()).toEqual(['channel', 'createdAt', 'externalId', 'id', 'kind', 'receivedOn', 'status']);
    },
  },
  'GET /api/v1/cases/queue': { query: () => ({ scope: 'team' }), shows: (c) => (isOfA(c.persona) ? [c.w.caseA.id] : []) },
  'GET /api/v1/search': { query: (c) => ({ q: c.w.caseA.lastName }), shows: (c) => (isOfA(c.persona) ? [c.w.caseA.id] : []) },
  'GET /api/v1/cases/:id': { shows: (c) => [c.w.caseA.id, c.w.caseA.lastName, c.w.caseA.fileNumber] },
  'PUT /api/v1/cases/:id/service-dates': {
    body: async (c) => ({
      version: await versionOf(c, 'cases', c.w.caseA.id),
      tenants: [{ personId: c.w.caseA.personId, servedOn: `2026-11-${String(1 + (c.seq % 19)).padStart(2, '0')}` }],
    }),
  },
  // The caseworker takes the case (it is unassigned first, so taking it is a change).
  'POST /api/v1/cases/:id/assign': {
    prepare: (c) => internal(c, async (tx) => {
      await tx.db.updateTable('cases').set({ assigned_user_id: null }).where('id', '=', c.w.caseA.id).execute();
    }),
    body: async (c) => ({ version: await versionOf(c, 'cases', c.w.caseA.id), userId: c.account?.id ?? c.w.targetA.id }),
    shows: (c) => [c.account!.id],
  },
  'GET /api/v1/match-reviews': { prepare: reopenReview, shows: (c) => (isOfA(c.persona) ? [c.w.reviewA.id] : []) },
  'POST /api/v1/match-reviews/:id/merge': { prepare: reopenReview, shows: (c) => [c.w.reviewA.personIds[0], c.w.reviewA.personIds[1]] },
  'POST /api/v1/match-reviews/:id/distinct': { prepare: reopenReview },
  'POST /api/v1/person-merges/:id/split': {
    // Merged again, so the split has something to undo.
    prepare: (c) => internal(c, async (tx) => {
      const [survivor, merged] = c.w.mergeA.personIds;
      await tx.db.updateTable('person_merges').set({ split_at: null, split_by: null }).where('id', '=', c.w.mergeA.id).execute();
      await tx.db.updateTable('persons').set({ merged_into: survivor }).where('id', '=', merged).execute();
      await tx.db.deleteFrom('person_distinct_pairs').where('person_a', 'in', [survivor, merged]).where('person_b', 'in', [survivor, merged]).execute();
    }),
  },
  // B's administrator gets B's keys only (the leak check proves it holds nothing of A).
  'GET /api/v1/api-keys': { shows: (c) => (c.persona === 'orgAdminB' ? [] : [c.w.keyA.id]) },
  // For A: B's administrator may make keys for B only.
  'POST /api/v1/api-keys': { body: (c) => ({ name: `Partnersystem ${c.seq}`, orgId: c.w.orgA.id }), shows: (c) => [c.w.orgA.id, 'blb_'] },
  'POST /api/v1/api-keys/:id/revoke': {
    prepare: (c) => internal(c, async (tx) => {
      await tx.db.updateTable('api_keys').set({ revoked_at: null }).where('id', '=', c.w.keyA.id).execute();
    }),
    shows: (c) => [c.w.keyA.id],
  },
  'GET /api/v1/imports/template.csv': { shows: () => ['externalId', 'tenant1LastName'] },
  'POST /api/v1/imports/preview': {
    body: (c) => importBody(c.w, `V${c.seq}`),
    dryRun: true,
    answer: (_c, r) => expect(r).toMatchObject({ totalRows: 1, validRows: 1, rejectedRows: 0, knownRows: 0 }),
  },
  // B may import notices about A's area (they are routed to A, like B's single notices); the
  // answer is B's job: counts and rejected rows, nothing of the case behind the notice.
  'POST /api/v1/imports': {
    body: (c) => importBody(c.w, `I${c.seq}`),
    settle: (c) => importsIdle(c.w.t.db),
    answer: (_c, r) => expect(r).toMatchObject({ totalRows: 1, rejectedRows: 0, rejections: [] }),
  },
  // B's caseworker gets B's imports only (the leak check proves it holds nothing of A).
  'GET /api/v1/imports': { shows: (c) => (isOfA(c.persona) ? [c.w.importA.id, c.w.importA.fileName] : []) },
  'GET /api/v1/imports/:id': { shows: (c) => [c.w.importA.id, c.w.importA.fileName] },
  'GET /api/v1/directory/services': { query: () => ({ category: 'housing_emergency' }), shows: (c) => [c.w.directoryA.serviceId] },
  'GET /api/v1/directory/services/:id': { shows: (c) => [c.w.directoryA.serviceId, c.w.directoryA.locationId] },
  'POST /api/v1/directory/services': {
    body: (c) => ({ organizationId: c.w.directoryA.organizationId, name: `Angebot ${c.seq}`, description: 'Beratung', categories: ['debt_counselling'] }),
  },
  'PATCH /api/v1/directory/services/:id': {
    body: async (c) => ({ version: await directoryVersion(c, 'directory_services', c.w.directoryA.serviceId), fees: `Gebühr ${c.seq}` }),
  },
  'GET /api/v1/directory/organizations': { shows: (c) => [c.w.directoryA.organizationId] },
  'GET /api/v1/directory/organizations/:id': { shows: (c) => [c.w.directoryA.organizationId, c.w.directoryA.serviceId] },
  'POST /api/v1/directory/organizations': { body: (c) => ({ name: `Eintrag ${c.seq} ${uniqueSuffix()}`, description: 'Beratung' }) },
  'PATCH /api/v1/directory/organizations/:id': {
    body: async (c) => ({ version: await directoryVersion(c, 'directory_organizations', c.w.directoryA.organizationId), alternateName: `VA${c.seq}` }),
  },
  'POST /api/v1/directory/locations': {
    body: (c) => ({ organizationId: c.w.directoryA.organizationId, name: `Standort ${c.seq}`, address: { street: `Markt ${c.seq}`, postalCode: '05101', city: 'Musterstadt' } }),
  },
  'PATCH /api/v1/directory/locations/:id': {
    body: async (c) => ({ version: await directoryVersion(c, 'directory_locations', c.w.directoryA.locationId), transportation: `Bus ${c.seq}` }),
  },
  'GET /api/v1/directory/export': { shows: (c) => [c.w.directoryA.serviceId, c.w.directoryA.locationId] },
  'POST /api/v1/directory/import': {
    // A new organisation of its own per call (HSDS ids are the import's identity).
    body: (c) => ({
      fileName: `verzeichnis-${c.seq}.json`,
      dryRun: false,
      contentBase64: Buffer.from(JSON.stringify([{ id: randomUUID(), name: `Importiert ${c.seq}`, description: 'Partner' }])).toString('base64'),
    }),
    answer: (_c, r) => expect(r.counts.find((x: { table: string }) => x.table === 'organization')).toMatchObject({ created: 1, rejected: 0 }),
  },
  'PATCH /api/v1/cases/:id/file': {
    body: async (c) => ({ version: await versionOf(c, 'cases', c.w.caseA.id), contact: { bestTimes: `vormittags ${c.seq}`, preferredLanguage: 'tr' } }),
    shows: (c) => [`vormittags ${c.seq}`],
  },
  // The defendant stays; a child with a new name replaces the previous call's.
  'PUT /api/v1/cases/:id/members': {
    body: async (c) => ({
      version: await versionOf(c, 'cases', c.w.caseA.id),
      members: [
        { personId: c.w.caseA.personId, firstName: c.w.caseA.firstName, lastName: c.w.caseA.lastName, birthDate: '1975-06-07', relation: 'main_tenant' },
        { firstName: `Kind${c.seq}`, lastName: c.w.caseA.lastName, birthDate: '2018-01-01', relation: 'child' },
      ],
    }),
    shows: (c) => [`Kind${c.seq}`],
  },
  'PUT /api/v1/cases/:id/arrears': {
    body: async (c) => ({ version: await versionOf(c, 'cases', c.w.caseA.id), entries: [{ recordedOn: '2026-11-02', amount: 1000 + c.seq }] }),
  },
  'GET /api/v1/cases/:id/sensitive': {},
  'PUT /api/v1/cases/:id/sensitive': { body: () => ({ version: 0, markers: ['addiction'], healthNote: null, addictionNote: 'Geheim', criminalRecordNote: null }) },
  // The case is the caller's (handed over by a team lead before), and goes to A's target account.
  'POST /api/v1/cases/:id/handover': {
    prepare: (c) => internal(c, async (tx) => {
      await tx.db.updateTable('cases').set({ assigned_user_id: c.account?.id ?? c.w.accounts.caseworkerA.id }).where('id', '=', c.w.caseA.id).execute();
    }),
    body: async (c) => ({ version: await versionOf(c, 'cases', c.w.caseA.id), toUserId: c.w.targetA.id, note: `Übergabe ${c.seq}` }),
    shows: (c) => [c.w.targetA.id, `Übergabe ${c.seq}`],
  },
  'GET /api/v1/absences': { shows: (c) => (isOfA(c.persona) ? [c.w.absenceA.id] : []) },
  'POST /api/v1/absences': {
    body: (c) => {
      const day = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      return { substituteId: c.w.targetA.id, startsOn: day(c.seq * 3), endsOn: day(c.seq * 3 + 1) };
    },
  },
  // Recreated before each call, so an allowed delete has something to remove.
  'DELETE /api/v1/absences/:id': {
    prepare: (c) => internal(c, async (tx) => {
      await tx.db
        .insertInto('user_absences')
        .values({ id: c.w.absenceA.id, org_id: c.w.orgA.id, user_id: c.w.accounts.caseworkerA.id, substitute_user_id: c.w.targetA.id, starts_on: '2026-12-01', ends_on: '2026-12-05', created_by: c.w.accounts.caseworkerA.id })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }),
  },
  'GET /api/v1/cases/:id/contact-attempts': { shows: (c) => [c.w.outreachA.attemptId] },
  'POST /api/v1/cases/:id/contact-attempts': { body: (c) => ({ channel: 'home_visit', plannedOn: '2026-11-25', notes: `Klingel ${c.seq}` }) },
  'PATCH /api/v1/contact-attempts/:id': {
    body: async (c) => ({ version: await outreachVersion(c, 'contact_attempts', c.w.outreachA.attemptId), notes: `Hinterhaus ${c.seq}` }),
    shows: (c) => [c.w.outreachA.attemptId],
  },
  // Figures only; B's caseworker gets B's (no cases at all).
  'GET /api/v1/outreach/reach': { answer: (c, r) => expect(r.organisation.cases > 0).toBe(c.persona === 'caseworkerA') },
  'GET /api/v1/outreach/home-visits': {
    query: () => ({ date: '2026-11-24', scope: 'team' }),
    shows: (c) => (c.persona === 'caseworkerA' ? [c.w.outreachA.attemptId, c.w.caseA.street] : []),
  },
  'GET /api/v1/cases/:id/record': { shows: (c) => [c.w.outreachA.attemptId, c.w.caseA.noticeId] },
  // The court notice the reporter sent and A's caseworker's work on the case, by organisation.
  'GET /api/v1/cases/:id/access-log': {
    shows: (c) => [c.w.caseA.id, c.w.orgA.id, c.w.accounts.caseworkerA.id, c.w.accounts.reporter.orgId, 'notice_sent', 'contact_attempt_recorded'],
  },
  'POST /api/v1/cases/:id/notes': { body: (c) => ({ notedOn: '2026-11-20', minutes: 10, text: `Gespräch ${c.seq}` }) },
  'GET /api/v1/tasks': { query: () => ({ scope: 'team' }), shows: (c) => (c.persona === 'caseworkerA' ? [c.w.outreachA.taskId] : []) },
  'GET /api/v1/cases/:id/tasks': { shows: (c) => [c.w.outreachA.taskId] },
  'POST /api/v1/tasks': { body: (c) => ({ caseId: c.w.caseA.id, title: `Aufgabe ${c.seq}`, dueOn: '2026-11-30' }) },
  'PATCH /api/v1/tasks/:id': {
    body: async (c) => ({ version: await outreachVersion(c, 'tasks', c.w.outreachA.taskId), title: `Aufgabe ${c.seq}` }),
    shows: (c) => [c.w.outreachA.taskId],
  },
  // Each person's own reminders: B's caseworker has none.
  'GET /api/v1/reminders': { prepare: unreadReminder, shows: (c) => (c.persona === 'caseworkerA' ? [c.w.outreachA.reminderId] : []) },
  'POST /api/v1/reminders/:id/read': { prepare: unreadReminder },
  'GET /api/v1/cases/:id/closure': { shows: (c) => [c.w.caseA.id] },
  // Reopening acts on a closed case, closing on an open one; the closing's examples run last and
  // leave the case open for whatever follows.
  'POST /api/v1/cases/:id/reopen': {
    prepare: (c) => caseClosedOrOpen(c, 'closed'),
    body: async (c) => ({ version: await versionOf(c, 'cases', c.w.caseA.id), reason: `Neue Kündigung ${c.seq}` }),
  },
  'POST /api/v1/cases/:id/close': {
    prepare: (c) => caseClosedOrOpen(c, 'open'),
    body: async (c) => ({ version: await versionOf(c, 'cases', c.w.caseA.id), outcome: 'declined_help', causes: ['income_loss'] }),
  },
  'GET /api/v1/cases/:id/documents': { shows: (c) => [c.w.documentA.id, c.w.documentA.fileName] },
  'POST /api/v1/cases/:id/documents': {
    form: (c) => uploadForm(`Nachweis ${c.seq}.pdf`),
    answer: (c, r) => expect(r).toMatchObject({ caseId: c.w.caseA.id, type: 'tenancy_agreement', contentType: 'application/pdf' }),
  },
  'GET /api/v1/documents/:id/content': { shows: () => ['%PDF-'] },
  'DELETE /api/v1/documents/:id': {
    prepare: (c) => internal(c, async (tx) => {
      await tx.db.updateTable('documents').set({ deleted_at: null, deleted_by: null }).where('id', '=', c.w.documentA.id).execute();
    }),
  },
  'GET /api/v1/cases/:id/letter-options': { shows: (c) => [c.w.appointmentA.id], answer: (_c, r) => expect(r).toMatchObject({ landlordKnown: true }) },
  'POST /api/v1/cases/:id/letters': {
    // The landlord letter needs the client's consent: caseA's covers it.
    prepare: restoreConsentA,
    body: () => ({ template: 'landlord', language: 'tr' }),
    answer: (c, r) => expect(r).toMatchObject({ caseId: c.w.caseA.id, type: 'letter', letter: { template: 'landlord', language: 'tr' } }),
  },
  // Each administrator gets the own organisation's texts (the leak check proves none of A's reach B).
  'GET /api/v1/letter-templates': { shows: () => ['first_contact', '{{recipient}}'] },
  'PUT /api/v1/letter-templates': {
    body: async (c) => ({ template: 'first_contact', language: 'de', subject: `Angebot ${c.seq}`, body: 'Wir helfen. {{caseworker}}', ...(await letterVersion(c, 'letter_templates')) }),
    answer: (_c, r) => expect(r).toMatchObject({ template: 'first_contact', language: 'de', custom: true }),
  },
  'POST /api/v1/letter-templates/reset': {
    // The caller's organisation has its own English landlord letter (version 1) to drop.
    prepare: (c) => internal(c, async (tx) => {
      const orgId = c.account?.orgId ?? c.w.orgA.id;
      await tx.db.deleteFrom('letter_templates').where('org_id', '=', orgId).where('template', '=', 'landlord').where('language', '=', 'en').execute();
      await tx.db.insertInto('letter_templates').values({ org_id: orgId, template: 'landlord', language: 'en', subject: 'Own', body: 'Own text' }).execute();
    }),
    body: () => ({ template: 'landlord', language: 'en', version: 1 }),
    answer: (_c, r) => expect(r).toMatchObject({ custom: false, version: null }),
  },
  'PUT /api/v1/letterhead': {
    body: async (c) => ({ senderName: `Absender ${c.seq}`, footer: 'IBAN DE00 0000', ...(await letterVersion(c, 'letterheads')) }),
  },
  'GET /api/v1/cases/:id/appointments': { shows: (c) => [c.w.appointmentA.id] },
  // A phone call on a day of its own for every call, so the caseworker is never booked twice.
  'POST /api/v1/cases/:id/appointments': {
    body: (c) => ({
      kind: 'phone', userId: c.w.accounts.caseworkerA.id, date: new Date(Date.UTC(2027, 0, 1) + c.seq * 86_400_000).toISOString().slice(0, 10),
      startTime: '10:00', endTime: '10:30',
    }),
  },
  'PATCH /api/v1/appointments/:id': {
    body: async (c) => ({ version: await versionOfRow(c, 'appointments', c.w.appointmentA.id), note: `Rückruf ${c.seq}` }),
  },
  // B's caseworker asks for the week of A's caseworker: no such person for B.
  'GET /api/v1/appointments': { query: (c) => ({ userId: c.w.accounts.caseworkerA.id, date: '2026-11-30' }), shows: (c) => [c.w.appointmentA.id] },
  'GET /api/v1/appointments/calendar.ics': { query: (c) => ({ userId: c.w.accounts.caseworkerA.id, date: '2026-11-30' }), shows: (c) => [c.w.caseA.caseNumber, 'BEGIN:VEVENT'] },
  'GET /api/v1/appointments/:id/ics': { shows: (c) => [c.w.caseA.caseNumber, c.w.appointmentA.id] },
  'GET /api/v1/cases/:id/measures': { shows: (c) => [c.w.measureA.id, c.w.applicationA.id] },
  'POST /api/v1/cases/:id/measures': { body: (c) => ({ typeId: c.w.measureTypeA.id, note: `Begleitung ${c.seq}` }) },
  'PATCH /api/v1/measures/:id': { body: async (c) => ({ version: await versionOfRow(c, 'measures', c.w.measureA.id), note: `Notiz ${c.seq}` }) },
  'GET /api/v1/rent-debt-applications': {},
  'GET /api/v1/rent-debt-applications/:id': {},
  'POST /api/v1/rent-debt-applications/:id/decision': {
    body: async (c) => ({ version: await versionOfRow(c, 'rent_debt_applications', c.w.applicationA.id), status: 'approved', amount: 1234.5, form: 'loan', decidedOn: '2026-11-20' }),
  },
  'GET /api/v1/measure-types': { shows: (c) => (isOfA(c.persona) ? [c.w.measureTypeA.id] : []), hides: (c) => (isOfA(c.persona) ? [] : [c.w.measureTypeA.id]) },
  'POST /api/v1/measure-types': { body: (c) => ({ category: 'referral', label: `Vermittlung ${c.seq}` }) },
  'PATCH /api/v1/measure-types/:id': {
    body: async (c) => ({ version: await versionOfRow(c, 'measure_types', c.w.measureTypeA.id), label: `Begleitung zu Ämtern ${c.seq}` }),
  },
  // Each administrator sets the margin of the own organisation (the version it has now).
  'PUT /api/v1/measure-settings': {
    body: async (c) => ({
      schonfristWarningDays: 1 + (c.seq % 30),
      version: c.account
        ? await internal(c, async (tx) => (await tx.db.selectFrom('measure_settings').select('version').where('org_id', '=', c.account!.orgId).executeTakeFirst())?.version ?? 0)
        : 0,
    }),
  },
  'GET /api/v1/cases/:id/consents': { shows: (c) => [c.w.consentA.consentId] },
  'POST /api/v1/cases/:id/consents': {
    body: (c) => ({ personId: c.w.caseA.personId, recipients: [{ kind: 'landlord' }], purposes: ['landlord_contact'], categories: ['identity'], givenOn: '2026-11-21', validUntil: '2027-11-20', form: 'written' }),
  },
  'POST /api/v1/consents/:id/revoke': { prepare: restoreConsentA, body: () => ({ revokedOn: '2026-11-21', note: 'widerrufen' }) },
  'POST /api/v1/cases/:id/disclosures': { prepare: restoreConsentA, body: (c) => ({ kind: 'share', recipientOrgId: c.w.orgOf.caseworkerB.id, categories: ['household'] }) },
  'POST /api/v1/cases/:id/transfer': { body: (c) => ({ recipientOrgId: c.w.orgOf.caseworkerB.id, categories: ['identity', 'contact'] }) },
  'GET /api/v1/cases/:id/disclosures': { prepare: restoreConsentA, shows: (c) => [c.w.consentA.disclosureId] },
  'GET /api/v1/disclosures/sent': {
    prepare: restoreConsentA,
    shows: (c) => (c.persona === 'caseworkerA' ? [c.w.consentA.disclosureId] : []),
    hides: (c) => (c.persona === 'caseworkerA' ? [] : [c.w.consentA.disclosureId]),
  },
  'GET /api/v1/disclosures/received': {
    prepare: restoreConsentA,
    shows: (c) => (c.persona === 'caseworkerB' ? [c.w.consentA.disclosureId] : []),
    hides: (c) => (c.persona === 'caseworkerB' ? [] : [c.w.consentA.disclosureId]),
  },
  'GET /api/v1/disclosures/:id': { prepare: restoreConsentA, shows: (c) => [c.w.consentA.disclosureId] },
  'POST /api/v1/disclosures/:id/respond': { prepare: restoreConsentA, body: async (c) => ({ decision: 'accept', version: await disclosureVersion(c) }) },
  'POST /api/v1/disclosures/:id/transfer-response': { prepare: restoreConsentA, body: async (c) => ({ decision: 'accept', version: await disclosureVersion(c) }) },
  'POST /api/v1/disclosures/:id/withdraw': { prepare: restoreConsentA },
  'GET /api/v1/network/meetings': { query: () => ({ timing: 'upcoming' }), shows: (c) => [c.w.networkA.meetingId] },
  'POST /api/v1/network/meetings': {
    body: (c) => ({ kind: 'working_group', title: `AG ${c.seq}`, date: '2027-01-14', startTime: '10:00', endTime: '12:00', agenda: [{ title: 'Start' }] }),
  },
  'GET /api/v1/network/meetings/:id': { shows: (c) => [c.w.networkA.meetingId, c.w.networkA.actionId] },
  'PATCH /api/v1/network/meetings/:id': {
    body: async (c) => ({ version: await networkVersion(c, 'network_meetings', c.w.networkA.meetingId), place: `Raum ${c.seq}` }),
    shows: (c) => [`Raum ${c.seq}`],
  },
  'GET /api/v1/network/meetings/:id/ics': { shows: (c) => ['BEGIN:VEVENT', c.w.networkA.meetingId] },
  'POST /api/v1/network/meetings/:id/actions': { body: (c) => ({ text: `Aufgabe ${c.seq}`, responsibleName: 'Koordination' }) },
  'GET /api/v1/network/actions': { shows: (c) => [c.w.networkA.actionId] },
  'PATCH /api/v1/network/actions/:id': {
    body: async (c) => ({ version: await networkVersion(c, 'network_actions', c.w.networkA.actionId), text: `Flyer ${c.seq}` }),
  },
  // Recreated before each call, so an allowed removal has something to remove.
  'DELETE /api/v1/network/actions/:id': {
    prepare: (c) => internal(c, async (tx) => {
      await tx.db
        .insertInto('network_actions')
        .values({ id: c.w.networkA.actionId, org_id: c.w.orgA.id, meeting_id: c.w.networkA.meetingId, text: 'Wiederhergestellt', responsible_name: 'Koordination' })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }),
  },
  'GET /api/v1/network/agreements': { shows: (c) => [c.w.networkA.agreementId] },
  'POST /api/v1/network/agreements': {
    body: (c) => ({ directoryOrganizationId: c.w.directoryA.organizationId, kind: 'referral_pathway', title: `Absprache ${c.seq}`, validFrom: '2026-02-01' }),
  },
  'PATCH /api/v1/network/agreements/:id': {
    body: async (c) => ({ version: await networkVersion(c, 'partner_agreements', c.w.networkA.agreementId), note: `Notiz ${c.seq}` }),
  },
  'GET /api/v1/housing/accommodations': { shows: (c) => [c.w.housingA.accommodationId] },
  'POST /api/v1/housing/accommodations': {
    body: (c) => ({ kind: 'hostel', name: `Pension ${c.seq}`, municipalityId: c.w.municipality.id, places: 4 }),
  },
  'GET /api/v1/housing/accommodations/:id': {
    prepare: (c) => placementOfA(c, 'open'),
    shows: (c) => (isOfA(c.persona) ? [c.w.housingA.accommodationId, c.w.housingA.placementId, c.w.caseA.caseNumber] : [c.w.housingA.accommodationId]),
  },
  'PATCH /api/v1/housing/accommodations/:id': {
    body: async (c) => ({ version: await housingVersion(c, 'accommodations', c.w.housingA.accommodationId), note: `Hof ${c.seq}` }),
    shows: (c) => [`Hof ${c.seq}`],
  },
  // caseA's placement ended the day before, so a new one is a change, not a second open one.
  'POST /api/v1/cases/:id/placements': {
    prepare: (c) => placementOfA(c, 'moved_out'),
    body: (c) => ({ accommodationId: c.w.housingA.accommodationId, persons: 1, movedInOn: '2026-11-01', note: `Zimmer ${c.seq}` }),
  },
  'PATCH /api/v1/housing/placements/:id': {
    prepare: (c) => placementOfA(c, 'open'),
    body: async (c) => ({ version: await housingVersion(c, 'shelter_placements', c.w.housingA.placementId), note: `Zimmer ${c.seq}` }),
    shows: (c) => [c.w.housingA.placementId],
  },
  'GET /api/v1/housing/long-stays': { prepare: (c) => placementOfA(c, 'open'), shows: (c) => (isOfA(c.persona) ? [c.w.caseA.id] : []) },
  'GET /api/v1/housing/landlords': {
    shows: (c) => [c.w.housingA.sharedLandlordId, ...(isOfA(c.persona) ? [c.w.housingA.landlordId] : [])],
  },
  'POST /api/v1/housing/landlords': { body: (c) => ({ kind: 'cooperative', name: `Genossenschaft ${c.seq}`, contacts: [{ name: 'Frau Vorstand' }] }) },
  'GET /api/v1/housing/landlords/:id': { shows: (c) => [c.w.housingA.landlordId, c.w.housingA.agreementId] },
  'PATCH /api/v1/housing/landlords/:id': {
    body: async (c) => ({ version: await housingVersion(c, 'landlords', c.w.housingA.landlordId), note: `Notiz ${c.seq}` }),
  },
  'POST /api/v1/housing/landlords/:id/agreements': { body: (c) => ({ title: `Vereinbarung ${c.seq}`, validFrom: '2026-06-01' }) },
  'PATCH /api/v1/housing/landlord-agreements/:id': {
    body: async (c) => ({ version: await housingVersion(c, 'landlord_agreements', c.w.housingA.agreementId), flatsPerYear: c.seq % 10 }),
  },
  'GET /api/v1/housing/adequacy': { shows: (c) => [c.w.housingA.areaId, c.w.housingA.tableId] },
  'POST /api/v1/housing/adequacy/areas': { body: (c) => ({ name: `Vergleichsraum Neu ${c.seq}`, municipalityIds: [] }) },
  'PATCH /api/v1/housing/adequacy/areas/:id': {
    body: async (c) => ({ version: await housingVersion(c, 'adequacy_areas', c.w.housingA.areaId), name: `Vergleichsraum ${c.seq} ${uniqueSuffix()}` }),
  },
  // A table of its own per call: each starts on a day of its own.
  'POST /api/v1/housing/adequacy/areas/:id/tables': {
    body: (c) => ({
      validFrom: new Date(Date.UTC(2030, 0, 1) + c.seq * 86_400_000).toISOString().slice(0, 10),
      limits: [{ householdSize: 1, grossColdRent: 480 + c.seq, floorArea: 50 }],
    }),
  },
  'PATCH /api/v1/housing/adequacy/tables/:id': {
    body: async (c) => ({ version: await housingVersion(c, 'adequacy_tables', c.w.housingA.tableId), source: `Konzept ${c.seq}` }),
  },
  'GET /api/v1/housing/adequacy/check': {
    query: (c) => ({ municipalityId: c.w.municipality.id, householdSize: '2', grossColdRent: '540.5' }),
    answer: (_c, r) => expect(r).toMatchObject({ verdict: 'adequate', rentLimit: 572, rentExcess: -31.5 }),
  },
  'GET /api/v1/cases/:id/adequacy': { answer: (_c, r) => expect(r).toMatchObject({ verdict: 'rent_unknown', householdSize: expect.any(Number) }) },
  'GET /api/v1/cases/:id/housing': {
    prepare: (c) => brokerageOfA(c),
    shows: (c) => [c.w.brokerageA.searchId, c.w.brokerageA.offerId, c.w.brokerageA.proposalId, c.w.brokerageA.housedSearchId],
    answer: (c, r) => expect(r.offers[0]).toMatchObject({ offer: { id: c.w.brokerageA.offerId }, fit: { fits: true }, proposalId: c.w.brokerageA.proposalId }),
  },
  // caseA's search ended the day before, so a new one is a change, not a second running one.
  'POST /api/v1/cases/:id/housing-search': {
    prepare: (c) => brokerageOfA(c, { searchEnded: true }),
    body: (c) => ({ startedOn: '2026-11-20', persons: 1, note: `Neue Suche ${c.seq}` }),
  },
  'PATCH /api/v1/housing/searches/:id': {
    prepare: (c) => brokerageOfA(c),
    body: async (c) => ({ version: await brokerageVersion(c, 'housing_searches', c.w.brokerageA.searchId), note: `Suche ${c.seq}` }),
    shows: (c) => [`Suche ${c.seq}`],
  },
  'GET /api/v1/housing/offers': { shows: (c) => (isOfA(c.persona) ? [c.w.brokerageA.offerId, c.w.brokerageA.letOfferId] : []) },
  'POST /api/v1/housing/offers': {
    body: (c) => ({
      landlordId: c.w.housingA.landlordId, street: `Neubau ${c.seq}`, houseNumber: '1', postalCode: c.w.intake.postalCode, city: c.w.intake.city,
      municipalityId: c.w.municipality.id, floorArea: 52, rooms: 2, floor: 3, lift: true, baseRent: 420, serviceCharges: 110, heatingCosts: 60, availableFrom: '2027-01-01',
    }),
  },
  'GET /api/v1/housing/offers/:id': { prepare: (c) => brokerageOfA(c), shows: (c) => [c.w.brokerageA.offerId, c.w.brokerageA.proposalId] },
  'PATCH /api/v1/housing/offers/:id': {
    prepare: (c) => brokerageOfA(c),
    body: async (c) => ({ version: await brokerageVersion(c, 'flat_offers', c.w.brokerageA.offerId), note: `Schlüssel beim Hausmeister ${c.seq}` }),
  },
  'GET /api/v1/housing/offers/:id/candidates': {
    prepare: (c) => brokerageOfA(c),
    shows: (c) => [c.w.brokerageA.searchId, c.w.caseA.id, c.w.brokerageA.proposalId],
  },
  // caseA's proposal is taken back first, so the call proposes it anew.
  'POST /api/v1/housing/offers/:id/proposals': {
    prepare: (c) => brokerageOfA(c, { withoutProposal: true }),
    body: (c) => ({ searchId: c.w.brokerageA.searchId, note: `Vorschlag ${c.seq}` }),
  },
  'PATCH /api/v1/housing/proposals/:id': {
    prepare: (c) => brokerageOfA(c),
    body: async (c) => ({ version: await brokerageVersion(c, 'offer_proposals', c.w.brokerageA.proposalId), note: `Notiz ${c.seq}` }),
  },
  'GET /api/v1/housing/outcomes': {
    query: () => ({ from: '2026-05-01', to: '2026-11-30' }),
    answer: (c, r) => expect(r.placementsPerMonth.reduce((n: number, m: { placements: number }) => n + m.placements, 0)).toBe(isOfA(c.persona) ? 1 : 0),
  },
  'GET /api/v1/housing/follow-ups': {
    prepare: (c) => brokerageOfA(c),
    shows: (c) => (isOfA(c.persona) ? [c.w.brokerageA.leaseId, c.w.caseA.caseNumber] : []),
  },
  'PATCH /api/v1/housing/follow-ups/:proposalId/:months': {
    prepare: (c) => brokerageOfA(c),
    body: (c) => ({ inPlace: true, checkedOn: '2026-11-20', note: `Hausbesuch ${c.seq}` }),
  },
  'GET /api/v1/reports/official/federal': {
    query: () => ({ on: '2026-11-20' }),
    answer: (_c, r) => expect(r.on).toBe('2026-11-20'),
  },
  'GET /api/v1/reports/official/nrw': {
    query: () => ({ on: '2026-11-20' }),
    answer: (_c, r) => expect(r.on).toBe('2026-11-20'),
  },
  // A file of pseudonymised rows: nothing of A's case content may be in it (checked for every allowed call).
  'POST /api/v1/reports/pseudonymised-export': {
    body: () => ({ from: '2026-01-01', to: '2026-12-31', key: 'matrix-evaluator-key', format: 'csv' }),
    onlyAudited: true,
  },
  'GET /api/v1/reports/evaluation': {
    query: () => ({ from: '2026-11-01', to: '2026-11-30' }),
    answer: (c, r) => {
      expect(r.scope).toBe('organisation');
      if (isOfA(c.persona)) expect(r.households.total).toBeGreaterThan(0);
    },
  },
  'GET /api/v1/reports/evaluation/cases': {
    query: () => ({ from: '2026-11-01', to: '2026-11-30', indicator: 'households', key: 'all' }),
    shows: (c) => (isOfA(c.persona) ? [c.w.caseA.id] : []),
  },
  'GET /api/v1/reports/evaluation/export': { query: () => ({ from: '2026-11-01', to: '2026-11-30', format: 'csv', lang: 'en' }) },
  'GET /api/v1/reports/dashboard': {
    answer: (_c, r) => expect(r.openCasesByUrgency).toHaveLength(4),
  },
};

const brokerageVersion = (c: Ctx, table: 'housing_searches' | 'flat_offers' | 'offer_proposals', id: string) =>
  internal(c, async (tx) => (await tx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

/**
 * A's brokerage as the world made it, whatever an earlier call did: caseA's search active (or
 * ended the day before), the offer open with caseA proposed (or not yet), the follow-up unanswered.
 */
function brokerageOfA(c: Ctx, opts: { searchEnded?: boolean; withoutProposal?: boolean } = {}) {
  const b = c.w.brokerageA;
  return internal(c, async (tx) => {
    await tx.db.deleteFrom('housing_searches').where('case_id', '=', c.w.caseA.id).where('id', 'not in', [b.searchId, b.housedSearchId]).execute();
    await tx.db
      .updateTable('housing_searches')
      .set(opts.searchEnded ? { status: 'ended', ended_on: '2026-11-20' } : { status: 'active', ended_on: null })
      .where('id', '=', b.searchId)
      .execute();
    await tx.db.updateTable('flat_offers').set({ status: 'open' }).where('id', '=', b.offerId).execute();
    await tx.db.deleteFrom('offer_proposals').where('offer_id', '=', b.offerId).where('id', '<>', b.proposalId).execute();
    if (opts.withoutProposal) await tx.db.deleteFrom('offer_proposals').where('id', '=', b.proposalId).execute();
    else {
      await tx.db
        .insertInto('offer_proposals')
        .values({ id: b.proposalId, org_id: c.w.orgA.id, offer_id: b.offerId, search_id: b.searchId, case_id: c.w.caseA.id, proposed_on: '2026-11-21' })
        .onConflict((oc) => oc.column('id').doUpdateSet({ status: 'proposed', decline_reason: null, lease_signed_on: null, tenancy_start: null }))
        .execute();
    }
    await tx.db.updateTable('tenancy_followups').set({ in_place: null, checked_on: null, note: null }).where('proposal_id', '=', b.leaseId).execute();
  });
}

const housingVersion = (
  c: Ctx,
  table: 'accommodations' | 'shelter_placements' | 'landlords' | 'landlord_agreements' | 'adequacy_areas' | 'adequacy_tables',
  id: string,
) => internal(c, async (tx) => (await tx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

/** caseA's placement of the world alone, open (a long stay) or ended the day before a new one. */
function placementOfA(c: Ctx, state: 'open' | 'moved_out') {
  return internal(c, async (tx) => {
    await tx.db.deleteFrom('shelter_placements').where('case_id', '=', c.w.caseA.id).where('id', '<>', c.w.housingA.placementId).execute();
    await tx.db
      .updateTable('shelter_placements')
      .set(state === 'open' ? { moved_out_on: null, move_out_reason: null } : { moved_out_on: '2026-10-31', move_out_reason: 'other_accommodation' })
      .where('id', '=', c.w.housingA.placementId)
      .execute();
  });
}

const networkVersion = (c: Ctx, table: 'network_meetings' | 'network_actions' | 'partner_agreements', id: string) =>
  internal(c, async (tx) => (await tx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

function outreachVersion(c: Ctx, table: 'contact_attempts' | 'tasks', id: string) {
  return internal(c, async (tx) => (await tx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
}

/** A's caseworker's reminder, unread again. */
function unreadReminder(c: Ctx) {
  return internal(c, async (tx) => {
    await tx.db.updateTable('reminders').set({ read_at: null }).where('id', '=', c.w.outreachA.reminderId).execute();
  });
}

/** Brings A's case into the state a closing (open) or reopening (closed) acts on. */
function caseClosedOrOpen(c: Ctx, state: 'open' | 'closed') {
  const caseId = c.w.caseA.id;
  return internal(c, async (tx) => {
    const { status } = await tx.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow();
    if (state === 'closed' && status !== 'closed') {
      await tx.db.insertInto('case_closures').values({ org_id: c.w.orgA.id, case_id: caseId, closed_on: '2026-11-21', outcome: 'other', note: 'Vorbereitung' }).execute();
      await tx.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', caseId).execute();
    }
    if (state === 'open' && status === 'closed') {
      await tx.db.updateTable('case_closures').set({ reopened_at: c.w.t.clock.now(), reopen_reason: 'Vorbereitung' }).where('case_id', '=', caseId).where('reopened_at', 'is', null).execute();
      await tx.db.updateTable('cases').set({ status: 'open' }).where('id', '=', caseId).execute();
    }
  });
}

const directoryVersion = (c: Ctx, table: 'directory_services' | 'directory_organizations' | 'directory_locations', id: string) =>
  internal(c, async (tx) => (await tx.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

/** The record of A that a `:id` route aims at, by the resource type its url names. */
function targetIdFor(url: string, w: World): string {
  const prefix = url.slice(0, url.indexOf('/:'));
  const ids: Record<string, string> = {
    '/api/v1/organisations': w.orgA.id,
    '/api/v1/municipalities': w.municipality.id, // district data: nobody's, but writes still need the permission
    '/api/v1/locations': w.locationA.id,
    '/api/v1/users': w.targetA.id,
    '/api/v1/cases': w.caseA.id,
    '/api/v1/match-reviews': w.reviewA.id,
    '/api/v1/person-merges': w.mergeA.id,
    '/api/v1/api-keys': w.keyA.id,
    '/api/v1/imports': w.importA.id,
    '/api/v1/directory/services': w.directoryA.serviceId,
    '/api/v1/directory/organizations': w.directoryA.organizationId,
    '/api/v1/directory/locations': w.directoryA.locationId,
    '/api/v1/absences': w.absenceA.id,
    '/api/v1/contact-attempts': w.outreachA.attemptId,
    '/api/v1/tasks': w.outreachA.taskId,
    '/api/v1/reminders': w.outreachA.reminderId,
    '/api/v1/documents': w.documentA.id,
    '/api/v1/appointments': w.appointmentA.id,
    '/api/v1/measures': w.measureA.id,
    '/api/v1/rent-debt-applications': w.applicationA.id,
    '/api/v1/measure-types': w.measureTypeA.id,
    '/api/v1/consents': w.consentA.consentId,
    '/api/v1/disclosures': w.consentA.disclosureId,
    '/api/v1/network/meetings': w.networkA.meetingId,
    '/api/v1/network/actions': w.networkA.actionId,
    '/api/v1/network/agreements': w.networkA.agreementId,
    '/api/v1/housing/accommodations': w.housingA.accommodationId,
    '/api/v1/housing/placements': w.housingA.placementId,
    '/api/v1/housing/landlords': w.housingA.landlordId,
    '/api/v1/housing/landlord-agreements': w.housingA.agreementId,
    '/api/v1/housing/adequacy/areas': w.housingA.areaId, // district data: nobody's, but writes need adequacy.manage
    '/api/v1/housing/adequacy/tables': w.housingA.tableId,
    '/api/v1/housing/searches': w.brokerageA.searchId,
    '/api/v1/housing/offers': w.brokerageA.offerId,
    '/api/v1/housing/proposals': w.brokerageA.proposalId,
  };
  if (!(prefix in ids)) throw new Error(`${url}: no target of A for this resource type; add it to targetIdFor`);
  return ids[prefix];
}

function fillPath(url: string, w: World) {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    // A follow-up is named by its lease's proposal and the months after the tenancy start.
    if (name === 'proposalId' && url.startsWith('/api/v1/housing/follow-ups/')) return w.brokerageA.leaseId;
    if (name === 'months' && url.startsWith('/api/v1/housing/follow-ups/')) return '6';
    if (name !== 'id') throw new Error(`${url}: path parameter :${name} is unknown to the matrix`);
    return targetIdFor(url, w);
  });
}

// ---- evidence --------------------------------------------------------------------------------

/** Every table a request could change, with the columns that identify a row. */
const SNAPSHOT_TABLES: Record<string, string[]> = {
  organisations: ['id'], municipalities: ['id'], locations: ['id'], users: ['id'], user_recovery_codes: ['id'], sessions: ['id'],
  persons: ['id'], person_match_keys: ['org_id', 'key', 'person_id'], person_distinct_pairs: ['person_a', 'person_b'],
  households: ['id'], household_members: ['household_id', 'person_id'], cases: ['id'], notices: ['id'], notice_receipts: ['id'],
  case_tenants: ['case_id', 'person_id'], case_legal: ['case_id'], case_deadlines: ['case_id', 'kind', 'date'],
  match_reviews: ['id'], person_merges: ['id'], api_keys: ['id'], import_jobs: ['id'],
  directory_organizations: ['id'], directory_locations: ['id'], directory_services: ['id'], directory_service_categories: ['id'],
  directory_service_areas: ['id'], directory_service_locations: ['id'], directory_contacts: ['id'], directory_phones: ['id'],
  directory_schedules: ['id'], directory_languages: ['id'],
  contact_attempts: ['id'], case_notes: ['id'], case_closures: ['id'], tasks: ['id'], reminders: ['id'],
  documents: ['id'], letter_templates: ['id'], letterheads: ['org_id'],
  location_office_hours: ['id'], appointments: ['id'], measure_types: ['id'], measure_settings: ['org_id'], measures: ['id'], rent_debt_applications: ['id'],
  case_arrears: ['id'], case_sensitive: ['case_id'], case_handovers: ['id'], user_absences: ['id'],
  consents: ['id'], consent_recipients: ['id'], consent_events: ['id'], disclosures: ['id'],
  network_meetings: ['id'], network_agenda_items: ['id'], network_participants: ['id'], network_actions: ['id'], partner_agreements: ['id'],
  accommodations: ['id'], shelter_placements: ['id'], landlords: ['id'], landlord_contacts: ['id'], landlord_agreements: ['id'],
  adequacy_areas: ['id'], adequacy_tables: ['id'], adequacy_limits: ['table_id', 'household_size'],
  housing_searches: ['id'], flat_offers: ['id'], offer_proposals: ['id'], tenancy_followups: ['proposal_id', 'months'],
};

/** Every column of every row that a request could change, plus the length of the audit log. */
async function fingerprint(w: World): Promise<Map<string, string>> {
  return unsafeInternalTx(w.t.db, null, async (tx) => {
    const out = new Map<string, string>();
    for (const [table, key] of Object.entries(SNAPSHOT_TABLES)) {
      const rows = (await sql.raw<Record<string, unknown>>(`select * from ${table}`).execute(tx.db)).rows;
      for (const r of rows) {
        const id = key.map((k) => String(r[k])).join('/');
        for (const [col, v] of Object.entries(r)) out.set(`${table}:${id}:${col}`, JSON.stringify(v));
      }
    }
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(tx.db)).rows[0];
    out.set('audit_log:count', String(n));
    return out;
  });
}

function changedKeys(before: Map<string, string>, after: Map<string, string>) {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** The standard error body and nothing else: { error: { code, message, fields?, requestId } }. */
function expectErrorBody(res: LightMyRequestResponse, label: string) {
  const body = res.json();
  expect(Object.keys(body), label).toEqual(['error']);
  const e = body.error;
  expect(Object.keys(e).filter((k) => !['code', 'message', 'fields', 'requestId'].includes(k)), label).toEqual([]);
  expect(e.code, label).toMatch(/^[a-z_]+$/);
  expect(typeof e.message === 'string' && e.message.length > 0, label).toBe(true);
  expect(e.requestId, label).toBe(res.headers['x-request-id']);
  return e as { code: string; message: string; fields?: { path: string; message: string }[] };
}

function expectNoneOf(text: string, markers: string[], label: string) {
  const found = markers.filter((m) => text.includes(m));
  expect(found, `${label}: data of Träger A in the response`).toEqual([]);
}

/** Would the pipeline let this persona in at all (permission and session stage)? */
function passesAccess(route: AnyRoute, persona: Persona, account: Account | null, stage: string) {
  if (persona === 'partnerKey') return Boolean(route.apiKey) || !route.url.startsWith('/api/');
  if (route.access === 'public') return true;
  if (!account || persona === 'anonymous') return false;
  if (!(route.stages ?? ['active']).includes(stage as never)) return false;
  return route.access === 'authenticated' || permissionsFor(account.roles).includes(route.access);
}

// ---- the matrix ------------------------------------------------------------------------------

const keyOf = (r: AnyRoute) => `${r.method} ${r.url}`;

interface Sent {
  url: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
  form?: { payload: string; contentType: string };
}

function toInject(sent: Sent) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sent.query ?? {})) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  const qs = sent.query ? `?${params}` : '';
  if (sent.form) return { url: sent.url + qs, payload: Buffer.from(sent.form.payload, 'latin1') };
  return { url: sent.url + qs, ...(sent.body !== undefined ? { payload: JSON.stringify(sent.body) } : {}) };
}

function headersFor(sent: Sent, session: { cookie: string; csrf: string } | null, apiKey: string | null = null): Record<string, string> {
  return {
    ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    ...(sent.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(sent.form ? { 'content-type': sent.form.contentType } : {}),
  };
}

describe(`persona × route matrix (${engineName()})`, () => {
  let w: World;
  let seq = 0;
  beforeAll(async () => {
    w = await buildWorld();
  });
  afterAll(() => w?.t.close());

  it('every route has an example request and a full expectation row, and no entry is stale', () => {
    const routeKeys = allRoutes.map(keyOf).sort();
    expect(routeKeys.filter((k) => !(k in examples)), 'routes without an example request').toEqual([]);
    expect(routeKeys.filter((k) => !(k in expected)), 'routes without an expectation row').toEqual([]);
    expect(Object.keys(examples).filter((k) => !routeKeys.includes(k)), 'examples of routes that no longer exist').toEqual([]);
    expect(Object.keys(expected).filter((k) => !routeKeys.includes(k)), 'expectations of routes that no longer exist').toEqual([]);
    for (const k of Object.keys(expected)) expect(Object.keys(expected[k]).sort(), k).toEqual([...PERSONAS].sort());
    // A partner system's key opens exactly the routes declared with apiKey: true.
    const keyRoutes = allRoutes.filter((r) => r.url.startsWith('/api/'));
    expect(keyRoutes.filter((r) => !r.apiKey && expected[keyOf(r)]?.partnerKey !== 'deny').map(keyOf), 'API key allowed without apiKey: true').toEqual([]);
    expect(keyRoutes.filter((r) => r.apiKey && expected[keyOf(r)]?.partnerKey !== 'allow').map(keyOf), 'apiKey: true but the partner is refused').toEqual([]);
  });

  async function accountFor(persona: Persona, example: Example): Promise<Account | null> {
    if (!isSignedIn(persona)) return null;
    const own = w.accounts[persona];
    if (example.ownAccount !== 'fresh') return own;
    return newAccount(w.t, w.orgOf[persona], own.roles, `Frisch ${persona}`);
  }

  /** The same request with every id and e-mail of A replaced by one that exists nowhere. */
  function twinOf(sent: Sent): Sent | null {
    const m = markersOfA(w);
    const replace = [...m.users, ...m.organisation, w.locationA.id, ...m.caseIds, w.keyA.id].filter((x) => /^[0-9a-f-]{36}$|@/.test(x));
    let text = JSON.stringify(sent);
    for (const x of replace) text = text.split(x).join(x.includes('@') ? `niemand.${uniqueSuffix()}@test.invalid` : randomUUID());
    return text === JSON.stringify(sent) ? null : (JSON.parse(text) as Sent);
  }

  for (const route of allRoutes) {
    const key = keyOf(route);
    describe(key, () => {
      for (const persona of PERSONAS) {
        const outcome = expected[key]?.[persona];
        it(`${persona} → ${outcome ?? 'NO EXPECTATION'}`, async () => {
          const example = examples[key];
          if (!example) throw new Error(`${key} has no example request: add one to 'examples'`);
          if (!outcome) throw new Error(`${key} has no expectation for ${persona}: add it to 'expected'`);
          const label = `${key} as ${persona}`;

          const account = await accountFor(persona, example);
          const apiKey = persona === 'partnerKey' ? w.partner.key : null;
          const c: Ctx = { w, persona, account, apiKey, seq: ++seq, scratch: {} };
          await example.prepare?.(c);
          const stage = example.stage === 'totp' && account?.totpSecret ? 'totp' : 'active';
          const session = account ? await mintSession(w.t.db, w.t.clock, account, stage) : null;
          const sent: Sent = { url: fillPath(route.url, w), query: example.query?.(c), body: await example.body?.(c), form: example.form?.(c) };

          const before = await fingerprint(w);
          const res = await w.t.app.inject({ ...toInject(sent), method: route.method, headers: headersFor(sent, session, apiKey) });
          await example.settle?.(c);
          const after = await fingerprint(w);
          const changed = changedKeys(before, after);
          const m = markersOfA(w);
          const text = res.body + JSON.stringify(res.headers);
          // Shown once, at creation, and never again: not even to its own organisation.
          expectNoneOf(text, m.secrets, `${label} (API key secret)`);

          if (outcome === 'allow') {
            expect(res.statusCode, `${label}: ${res.body}`).toBe(route.status ?? 200);
            for (const id of example.shows?.(c) ?? []) expect(res.body, `${label}: the answer lacks ${id}`).toContain(id);
            expectNoneOf(res.body, example.hides?.(c) ?? [], `${label} (hidden from this caller)`);
            example.answer?.(c, res.json());
            if (route.method !== 'GET') {
              const lasting = changed.filter((k) => k !== 'audit_log:count');
              if (example.onlyAudited) expect(changed, label).toEqual(['audit_log:count']);
              else if (example.dryRun) expect(changed, `${label}: a dry run changed data`).toEqual([]);
              else expect(lasting.length, `${label}: an allowed write left no trace`).toBeGreaterThan(0);
            }
            // Case content is for A's caseworkers alone: not A's administrator, not the district.
            if (persona !== 'caseworkerA') expectNoneOf(text, m.caseContent, `${label} (case content)`);
            if (!isOfA(persona)) expectNoneOf(text, m.caseIds, `${label} (case records)`);
            // Outside A (system administrators aside) only the district directory may show A, and
            // a notice's answer its assignee.
            if (!isOfA(persona) && persona !== 'systemAdmin') {
              const assignee = route.url.startsWith('/api/v1/notices');
              const directory = route.url.startsWith('/api/v1/locations') || assignee ? [] : m.location;
              // The partner directory names the Bleibe organisation that maintains an entry (bleibeOrgId);
              // network meetings and agreements name their organiser and owner.
              // A disclosure names its sender to the recipient. The shelter register names the owner of an
              // accommodation, the landlord file the owner of a shared landlord.
              const districtData = [
                '/api/v1/locations', '/api/v1/organisations', '/api/v1/directory', '/api/v1/network', '/api/v1/disclosures',
                '/api/v1/housing/accommodations', '/api/v1/housing/landlords',
              ].some((u) => route.url.startsWith(u));
              const organisation = districtData || assignee ? [] : m.organisation;
              expectNoneOf(text, [...m.users, ...directory, ...organisation, ...m.apiKey], label);
            }
            return;
          }

          // Refused, whether by access control ('deny') or a business rule ('rule').
          expect(res.statusCode, `${label}: ${res.body}`).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
          if (outcome === 'deny') expect([401, 403, 404], `${label}: ${res.body}`).toContain(res.statusCode);
          const error = expectErrorBody(res, label);
          expectNoneOf(text, [...m.users, ...m.location, ...m.organisation, ...m.caseIds, ...m.caseContent, ...m.apiKey], label);
          const leaves = example.refusalLeaves?.(c) ?? [];
          expect(changed.filter((k) => !leaves.includes(k)), `${label}: a refused request changed data`).toEqual([]);
          if (outcome === 'rule') return;

          // A partner system's key, wherever it is not accepted: refused for what it is, before anything else.
          if (apiKey) expect([res.statusCode, error.code], label).toEqual([401, 'api_key_not_accepted']);
          else if (route.access !== 'public') {
            if (!account) expect([res.statusCode, error.code], label).toEqual([401, 'unauthenticated']);
            // Without the permission (or the session stage) the refusal is about the caller, never about A's record ...
            else if (!passesAccess(route, persona, account, stage)) expect([403, ['forbidden', 'stage_required'].includes(error.code)], label).toEqual([res.statusCode, true]);
            // ... and past that check, the only refusal for A's records is "does not exist".
            else expect([res.statusCode, error.code], label).toEqual([404, 'not_found']);
          }
          // No existence oracle: the same request about records that do not exist is refused alike.
          const twin = twinOf(sent);
          if (twin) {
            const twinSession = account ? await mintSession(w.t.db, w.t.clock, account, stage) : null;
            const before2 = await fingerprint(w);
            const res2 = await w.t.app.inject({ ...toInject(twin), method: route.method, headers: headersFor(twin, twinSession, apiKey) });
            expect([res2.statusCode, expectErrorBody(res2, `${label} (twin)`).code], `${label}: twin ${res2.body}`).toEqual([res.statusCode, error.code]);
            expect(changedKeys(before2, await fingerprint(w)).filter((k) => !leaves.includes(k)), `${label} (twin)`).toEqual([]);
          }
        });
      }
    });
  }

  it('a signed-in write without the CSRF token is refused and changes nothing, on every state-changing route', async () => {
    for (const route of allRoutes.filter((r) => r.method !== 'GET' && r.access !== 'public')) {
      const example = examples[keyOf(route)];
      if (!example) throw new Error(`${keyOf(route)} has no example request: add one to 'examples'`);
      // A persona the route would otherwise let through, so the token is the only thing missing.
      const signedIn = PERSONAS.filter(isSignedIn);
      const persona = signedIn.find((p) => passesAccess(route, p, w.accounts[p], 'active')) ?? 'systemAdmin';
      const account = w.accounts[persona];
      const passes = passesAccess(route, persona, account, 'active');
      const c: Ctx = { w, persona, account, apiKey: null, seq: ++seq, scratch: {} };
      await example.prepare?.(c);
      const session = await mintSession(w.t.db, w.t.clock, account, 'active');
      const sent: Sent = { url: fillPath(route.url, w), query: example.query?.(c), body: await example.body?.(c), form: example.form?.(c) };
      // One fingerprint around all three attempts: each must change nothing, so together they must not either.
      const before = await fingerprint(w);
      for (const csrf of [undefined, 'x', randomToken(24)]) {
        const headers: Record<string, string> = { ...headersFor(sent, null), cookie: session.cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) };
        const res = await w.t.app.inject({ ...toInject(sent), method: route.method, headers });
        const label = `${keyOf(route)} with CSRF token ${csrf ?? '(none)'}`;
        expect(res.statusCode, `${label}: ${res.body}`).toBe(403);
        const stageOk = (route.stages ?? ['active']).includes('active');
        expect(expectErrorBody(res, label).code, label).toBe(passes ? 'csrf_failed' : stageOk ? 'forbidden' : 'stage_required');
      }
      expect(changedKeys(before, await fingerprint(w)), `${keyOf(route)} without a valid CSRF token`).toEqual([]);
    }
    // Every state-changing route in one test (the world is built once); generous for loaded machines.
  }, 600_000);

  it('a revoked key, an unknown key and the key of a deactivated organisation are refused on every /api/ route, changing nothing but the audit log', async () => {
    const jobcenter = w.orgOf.reporter;
    const admin = await newAccount(w.t, jobcenter, ['org_admin'], 'Admin Jobcenter');
    const asAdmin = await as(w.t, admin);
    const made = await ok(asAdmin('POST', '/api/v1/api-keys', { name: `Zu widerrufen ${uniqueSuffix()}` }));
    // The key works until it is revoked ...
    const first = await w.t.app.inject({ method: 'POST', url: '/api/v1/notices', headers: headersFor({ url: '', body: {} }, null, made.key), payload: JSON.stringify(noticeBody(w, 'vorher')) });
    expect(first.statusCode, first.body).toBe(201);
    await ok(asAdmin('POST', `/api/v1/api-keys/${made.apiKey.id}/revoke`), 200);
    // ... and an organisation that is switched off takes its keys with it.
    const closed = await createOrg(w.t.db, 'partner', `Geschlossen ${uniqueSuffix()}`);
    const closedKey = `blb_${randomToken(32)}`;
    await unsafeInternalTx(w.t.db, null, async (tx) => {
      await tx.db.insertInto('api_keys').values({ org_id: closed.id, name: 'Alt', prefix: closedKey.slice(0, 10), key_hash: sha256(closedKey) }).execute();
      await tx.db.updateTable('organisations').set({ active: false }).where('id', '=', closed.id).execute();
    });
    const keys = { revoked: made.key as string, unknown: `blb_${randomToken(32)}`, deactivated: closedKey };

    const before = await fingerprint(w);
    let refused = 0;
    for (const route of allRoutes.filter((r) => r.url.startsWith('/api/'))) {
      const example = examples[keyOf(route)];
      if (!example) throw new Error(`${keyOf(route)} has no example request: add one to 'examples'`);
      const c: Ctx = { w, persona: 'partnerKey', account: null, apiKey: null, seq: ++seq, scratch: {} };
      const sent: Sent = { url: fillPath(route.url, w), query: example.query?.(c), body: await example.body?.(c), form: example.form?.(c) };
      for (const [which, k] of Object.entries(keys)) {
        // A valid session alongside does not help: the key alone decides.
        const session = await mintSession(w.t.db, w.t.clock, w.accounts.caseworkerA);
        const res = await w.t.app.inject({ ...toInject(sent), method: route.method, headers: headersFor(sent, session, k) });
        const label = `${keyOf(route)} with the ${which} key`;
        expect([res.statusCode, expectErrorBody(res, label).code], `${label}: ${res.body}`).toEqual([401, 'invalid_api_key']);
        expectNoneOf(res.body, [...markersOfA(w).caseIds, ...markersOfA(w).caseContent], label);
        refused++;
      }
    }
    const changed = changedKeys(before, await fingerprint(w)).filter((k) => !k.startsWith('sessions:'));
    expect(changed).toEqual(['audit_log:count']);
    // Refusals are on record once a minute per key prefix (so unauthenticated calls cannot flood
    // the audit log), with nothing but the key's first characters.
    const prefixes = Object.values(keys).map((k) => k.slice(0, 10));
    const refusalsOf = async () =>
      unsafeInternalTx(w.t.db, null, (tx) =>
        tx.db.selectFrom('audit_log').select(['details']).where('action', '=', 'apikey.refused').execute(),
      ).then((rows) => rows.map((r) => (r.details as { prefix: string }).prefix).filter((p) => prefixes.includes(p)));
    expect(refused).toBeGreaterThan(prefixes.length);
    expect((await refusalsOf()).sort()).toEqual([...prefixes].sort());
    for (const k of Object.values(keys)) expect(prefixes).not.toContain(k);
    // A minute later the same key is on record again.
    w.t.clock.advance(61_000);
    const again = await w.t.app.inject({ method: 'GET', url: '/api/v1/receipts', headers: { authorization: `Bearer ${keys.unknown}` } });
    expect(again.statusCode).toBe(401);
    expect((await refusalsOf()).filter((p) => p === keys.unknown.slice(0, 10))).toHaveLength(2);
  });

  it('assigning a case: team leads assign anyone of their team, caseworkers only take or give back their own', async () => {
    const teamLead = await newAccount(w.t, w.orgA, ['team_lead'], 'Teamleitung A');
    const finance = await newAccount(w.t, w.orgA, ['finance'], 'Wirtschaftsdienst A');
    const url = `/api/v1/cases/${w.caseA.id}/assign`;
    const c: Ctx = { w, persona: 'caseworkerA', account: null, apiKey: null, seq: ++seq, scratch: {} };
    await internal(c, (tx) => tx.db.updateTable('cases').set({ assigned_user_id: null }).where('id', '=', w.caseA.id).execute());
    const assign = async (who: Account, userId: string | null) => {
      const session = await mintSession(w.t.db, w.t.clock, who);
      const body = { version: await versionOf(c, 'cases', w.caseA.id), userId };
      const before = await fingerprint(w);
      const res = await w.t.app.inject({ method: 'POST', url, headers: headersFor({ url, body }, session), payload: JSON.stringify(body) });
      return { res, changed: changedKeys(before, await fingerprint(w)) };
    };
    const refused = async (who: Account, userId: string | null, status: number, code: string, label: string) => {
      const { res, changed } = await assign(who, userId);
      expect([res.statusCode, expectErrorBody(res, label).code], `${label}: ${res.body}`).toEqual([status, code]);
      expect(changed, label).toEqual([]);
      expectNoneOf(res.body, [w.accounts.caseworkerB.id, w.accounts.caseworkerB.displayName, w.caseA.lastName], label);
    };
    const assigned = async (who: Account, userId: string | null, label: string) => {
      const { res } = await assign(who, userId);
      expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
      expect(res.json().assignee?.id ?? null, label).toBe(userId);
    };
    const caseworker = w.accounts.caseworkerA;
    await refused(caseworker, w.targetA.id, 403, 'forbidden', 'a caseworker assigns a colleague');
    await refused(finance, finance.id, 403, 'forbidden', 'finance takes a case');
    await assigned(caseworker, caseworker.id, 'a caseworker takes an unassigned case');
    await assigned(caseworker, null, 'a caseworker gives their own case back');
    await assigned(teamLead, w.targetA.id, 'the team lead assigns a colleague');
    await refused(caseworker, null, 403, 'forbidden', "a caseworker gives back a colleague's case");
    await refused(caseworker, caseworker.id, 403, 'forbidden', "a caseworker takes a colleague's case");
    // Only caseworkers and team leads of the own organisation can hold a case; B's caseworker is
    // refused exactly like somebody who does not exist.
    await refused(teamLead, w.accounts.caseworkerB.id, 422, 'validation_failed', "the team lead assigns B's caseworker");
    await refused(teamLead, randomUUID(), 422, 'validation_failed', 'the team lead assigns nobody that exists');
    await refused(teamLead, w.accounts.orgAdminA.id, 422, 'validation_failed', 'the team lead assigns the administrator');
    await assigned(teamLead, null, 'the team lead takes the case back');
  });
});
