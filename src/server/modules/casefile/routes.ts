import { Absence, AbsenceInput, Absences, ArrearsInput, CaseFilePatch, HandoverInput, MembersInput, SensitiveData, SensitiveInput } from '../../../contracts/casefile.js';
import { CaseSummary } from '../../../contracts/cases.js';
import { IdParams, Ok } from '../../../contracts/common.js';
import type { Permission } from '../../../contracts/roles.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { can, type Actor } from '../../platform/auth/actor.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { forbidden } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { caseSummary } from '../cases/summary.js';
import { createAbsence, deleteAbsence, listAbsences } from './absences.js';
import { handOver, patchCaseFile, readSensitive, replaceArrears, replaceMembers, writeSensitive } from './service.js';

/** The sensitive-data role adds to a case role; on its own it opens nothing. */
function alsoNeeds(actor: Actor, permission: Permission) {
  if (!can(actor, permission)) throw forbidden();
}

export const caseFileRoutes = [
  route({
    method: 'PATCH',
    url: '/api/v1/cases/:id/file',
    access: 'cases.edit',
    summary: 'Edit the household case file: situation (target groups, ETHOS living situation, income), tenancy, legal timeline, contact and language; legal changes recompute the deadlines',
    tags: ['case file'],
    params: IdParams,
    body: CaseFilePatch,
    response: CaseSummary,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await patchCaseFile(tx, actor, ctx.params.id, ctx.body);
        return caseSummary(tx, ctx.params.id, today);
      });
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/cases/:id/members',
    access: 'cases.edit',
    summary: 'Replace the list of household members (relation, birth date); household size and children follow from it',
    tags: ['case file'],
    params: IdParams,
    body: MembersInput,
    response: CaseSummary,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await replaceMembers(tx, actor, ctx.params.id, ctx.body, today);
        return caseSummary(tx, ctx.params.id, today);
      });
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/cases/:id/arrears',
    access: 'cases.edit',
    summary: 'Replace the dated arrears history; the latest entry is the current arrears',
    tags: ['case file'],
    params: IdParams,
    body: ArrearsInput,
    response: CaseSummary,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await replaceArrears(tx, actor, ctx.params.id, ctx.body, today);
        return caseSummary(tx, ctx.params.id, today);
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/sensitive',
    access: 'cases.sensitive',
    summary: 'The special categories of data of a case (health, addiction, criminal record); every view is audited',
    tags: ['case file'],
    params: IdParams,
    response: SensitiveData,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      alsoNeeds(actor, 'cases.read');
      return inTenantTx(ctx.services.db, actor, ctx.requestId, (tx) => readSensitive(tx, actor, ctx.params.id));
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/cases/:id/sensitive',
    access: 'cases.sensitive',
    summary: 'Record the special categories of data of a case (version 0 for the first record)',
    tags: ['case file'],
    params: IdParams,
    body: SensitiveInput,
    response: SensitiveData,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      alsoNeeds(actor, 'cases.edit');
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await writeSensitive(tx, actor, ctx.params.id, ctx.body);
        return readSensitive(tx, actor, ctx.params.id);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/handover',
    access: 'cases.edit',
    summary: 'Hand the case over to a colleague with a note (team leads: any case; caseworkers: their own, and those they stand in for)',
    tags: ['case file'],
    params: IdParams,
    body: HandoverInput,
    response: CaseSummary,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await handOver(tx, actor, ctx.params.id, ctx.body, today);
        return caseSummary(tx, ctx.params.id, today);
      });
    },
  }),
];

export const absenceRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/absences',
    access: 'cases.read',
    summary: 'Current and coming absences with their substitutes: one’s own and those one stands in for (team leads: the whole organisation)',
    tags: ['absences'],
    response: Absences,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => ({ items: await listAbsences(tx, actor, localDay(ctx.services.now())) }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/absences',
    access: 'cases.edit',
    summary: 'Record an absence with a substitute, who sees the absent person’s cases in their own work queue meanwhile',
    tags: ['absences'],
    body: AbsenceInput,
    status: 201,
    response: Absence,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, (tx) => createAbsence(tx, actor, ctx.body, localDay(ctx.services.now())));
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/absences/:id',
    access: 'cases.edit',
    summary: 'Remove an absence (one’s own, one recorded oneself; team leads: any)',
    tags: ['absences'],
    params: IdParams,
    response: Ok,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await deleteAbsence(tx, actor, ctx.params.id);
        return { ok: true as const };
      });
    },
  }),
];
