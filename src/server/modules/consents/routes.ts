import { sql } from 'kysely';
import { IdParams } from '../../../contracts/common.js';
import { Consent, ConsentInput, ConsentList, RevokeConsentInput } from '../../../contracts/consents.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { AppError, invalidInput, notFound, type FieldProblem } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import type { Actor } from '../../platform/auth/actor.js';
import { loadCaseForActor } from '../cases/access.js';
import { consentsOfCase } from './store.js';

async function consentById(tx: Tx, caseId: string, id: string, today: string) {
  const found = (await consentsOfCase(tx, caseId, today)).find((c) => c.id === id);
  if (!found) throw notFound();
  return found;
}

/** The consent's case, through the one access rule for cases. */
async function loadConsentForActor(tx: Tx, actor: Actor, id: string) {
  const row = await tx.db.selectFrom('consents').select(['id', 'case_id']).where('id', '=', id).where('org_id', '=', actor.orgId).executeTakeFirst();
  if (!row) throw notFound();
  await loadCaseForActor(tx, actor, row.case_id);
  return row;
}

export const consentRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/consents',
    access: 'cases.read',
    summary: 'The client’s consents in a case (Schweigepflichtentbindungen): recipients, purposes, data categories, validity, revocation and each consent’s own trail',
    tags: ['consents'],
    params: IdParams,
    response: ConsentList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const items = await consentsOfCase(tx, c.id, localDay(ctx.services.now()));
        tx.audit({ action: 'consent.list', entityType: 'case', entityId: c.id, details: { caseId: c.id, count: items.length } });
        return { items };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/consents',
    access: 'consents.manage',
    summary: 'Record a consent of a household member: recipients, purposes, data categories, given on, valid until (or explicitly open-ended), form, scanned document',
    tags: ['consents'],
    params: IdParams,
    body: ConsentInput,
    status: 201,
    response: Consent,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const problems: FieldProblem[] = [];
        const member = await tx.db
          .selectFrom('household_members as m')
          .innerJoin('cases as k', 'k.household_id', 'm.household_id')
          .select('m.person_id')
          .where('k.id', '=', c.id)
          .where('m.person_id', '=', b.personId)
          .executeTakeFirst();
        if (!member) problems.push({ path: 'personId', key: 'consent.not_a_member' });
        if (b.givenOn > today) problems.push({ path: 'givenOn', key: 'consent.given_in_future' });
        if (b.openEnded && b.validUntil) problems.push({ path: 'validUntil', key: 'consent.open_ended_with_date' });
        if (!b.openEnded && !b.validUntil) problems.push({ path: 'validUntil', key: 'consent.valid_until_required' });
        if (b.validUntil && b.validUntil < b.givenOn) problems.push({ path: 'validUntil', key: 'consent.ends_before_given' });
        if (b.form === 'verbal_witnessed' && !b.witness) problems.push({ path: 'witness', key: 'required' });
        if (b.documentId) {
          const doc = await tx.db
            .selectFrom('documents')
            .select('kind')
            .where('id', '=', b.documentId)
            .where('case_id', '=', c.id)
            .where('deleted_at', 'is', null)
            .executeTakeFirst();
          if (!doc) problems.push({ path: 'documentId', key: 'invalid_reference' });
          else if (doc.kind !== 'consent_form') problems.push({ path: 'documentId', key: 'consent.document_not_consent_form' });
        }
        const recipients: { kind: 'organisation' | 'directory' | 'landlord'; recipient_org_id: string | null; directory_organization_id: string | null; name: string }[] = [];
        for (const [i, r] of b.recipients.entries()) {
          if (r.kind === 'organisation') {
            const org = r.orgId === actor.orgId ? null : await tx.db.selectFrom('organisations').select('name').where('id', '=', r.orgId).executeTakeFirst();
            if (!org) problems.push({ path: `recipients.${i}.orgId`, key: r.orgId === actor.orgId ? 'consent.own_organisation' : 'invalid_reference' });
            else recipients.push({ kind: 'organisation', recipient_org_id: r.orgId, directory_organization_id: null, name: org.name });
          } else if (r.kind === 'directory') {
            const entry = await tx.db.selectFrom('directory_organizations').select('name').where('id', '=', r.directoryOrganizationId).executeTakeFirst();
            if (!entry) problems.push({ path: `recipients.${i}.directoryOrganizationId`, key: 'invalid_reference' });
            else recipients.push({ kind: 'directory', recipient_org_id: null, directory_organization_id: r.directoryOrganizationId, name: entry.name });
          } else {
            const legal = await tx.db.selectFrom('case_legal').select('landlord').where('case_id', '=', c.id).executeTakeFirst();
            const name = (legal?.landlord as { name?: string } | null)?.name;
            recipients.push({ kind: 'landlord', recipient_org_id: null, directory_organization_id: null, name: name ?? 'Vermieter/in' });
          }
        }
        if (problems.length) throw invalidInput(problems);
        const row = await tx.db
          .insertInto('consents')
          .values({
            org_id: actor.orgId,
            case_id: c.id,
            person_id: b.personId,
            purposes: [...b.purposes],
            categories: [...b.categories],
            given_on: b.givenOn,
            valid_until: b.validUntil ?? null,
            open_ended: b.openEnded,
            form: b.form,
            witness: b.form === 'verbal_witnessed' ? (b.witness ?? null) : null,
            document_id: b.documentId ?? null,
            note: b.note ?? null,
            recorded_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.db
          .insertInto('consent_recipients')
          .values(recipients.map((r) => ({ ...r, org_id: actor.orgId, consent_id: row.id })))
          .execute();
        tx.audit({
          action: 'consent.record',
          entityType: 'consent',
          entityId: row.id,
          details: { caseId: c.id, purposes: b.purposes, categories: b.categories, recipients: recipients.map((r) => r.name), validUntil: b.validUntil ?? null },
        });
        return consentById(tx, c.id, row.id, today);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/consents/:id/revoke',
    access: 'consents.manage',
    summary: 'Record the revocation of a consent: every flow resting on it stops at once, and shares and referrals made with it end',
    tags: ['consents'],
    params: IdParams,
    body: RevokeConsentInput,
    response: Consent,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const row = await loadConsentForActor(tx, actor, ctx.params.id);
        const consent = await consentById(tx, row.case_id, row.id, today);
        if (consent.revokedOn) throw new AppError(409, 'consent_already_revoked');
        const problems: FieldProblem[] = [];
        if (b.revokedOn > today) problems.push({ path: 'revokedOn', key: 'consent.revoked_in_future' });
        if (b.revokedOn < consent.givenOn) problems.push({ path: 'revokedOn', key: 'consent.revoked_before_given' });
        if (problems.length) throw invalidInput(problems);
        await tx.db
          .updateTable('consents')
          .set({ revoked_on: b.revokedOn, revoked_at: ctx.services.now(), revoked_by: actor.userId, revocation_note: b.note ?? null })
          .where('id', '=', row.id)
          .execute();
        // Row-level security already hides them from the recipients; the sender's list says why.
        const ended = await tx.db
          .updateTable('disclosures')
          .set({ status: 'ended', end_reason: 'consent_revoked', ended_at: ctx.services.now(), updated_at: sql`now()`, version: sql`version + 1` })
          .where('consent_id', '=', row.id)
          .where('status', 'in', ['open', 'accepted'])
          .returning('id')
          .execute();
        tx.audit({
          action: 'consent.revoke',
          entityType: 'consent',
          entityId: row.id,
          details: { caseId: row.case_id, revokedOn: b.revokedOn, endedDisclosures: ended.map((d) => d.id) },
        });
        return consentById(tx, row.case_id, row.id, today);
      });
    },
  }),
];
