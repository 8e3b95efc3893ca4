import { sql } from 'kysely';
import { TENANT_RELATIONS } from '../../../contracts/casefile.js';
import { IdParams } from '../../../contracts/common.js';
import {
  Disclosure,
  DisclosureDetail,
  DisclosureInput,
  DisclosureList,
  DisclosurePayload,
  DisclosureResponseInput,
  SENSITIVE_CATEGORIES,
  SentDisclosuresQuery,
  TransferInput,
  type ConsentPurpose,
  type DataCategory,
  type DisclosureKind,
} from '../../../contracts/consents.js';
import type { NoticeInput } from '../../../contracts/intake.js';
import { addDays } from '../../../domain/deadlines/calendar.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { disclosurePayload, replyOverdue, type RecipientTarget } from '../../../domain/consent/consent.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { AppError, invalidInput, notFound, versionConflict } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import type { Services } from '../../platform/services.js';
import { loadCaseForActor } from '../cases/access.js';
import { caseSummary } from '../cases/summary.js';
import { readSensitive } from '../casefile/service.js';
import { submitNotice } from '../intake/pipeline.js';
import { organisationTarget, requireConsent } from './store.js';

const PURPOSE: Record<DisclosureKind, ConsentPurpose> = {
  share: 'case_share',
  referral: 'referral',
  transfer: 'case_transfer',
  status_report: 'status_report',
};

interface Recipient {
  target: RecipientTarget;
  orgId: string | null;
  directoryOrganizationId: string | null;
  serviceId: string | null;
  name: string;
}

/** A Bleibe organisation, or a service of the partner directory (whose organisation may use Bleibe too). */
async function resolveRecipient(tx: Tx, actor: Actor, b: { recipientOrgId?: string | null; directoryServiceId?: string | null }): Promise<Recipient> {
  if (b.recipientOrgId) {
    if (b.recipientOrgId === actor.orgId) throw invalidInput([{ path: 'recipientOrgId', key: 'consent.own_organisation' }]);
    const t = await organisationTarget(tx, b.recipientOrgId);
    return { target: t, orgId: b.recipientOrgId, directoryOrganizationId: null, serviceId: null, name: t.name };
  }
  const service = await tx.db
    .selectFrom('directory_services as s')
    .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
    .select(['s.id', 's.name as service_name', 'o.id as org_id', 'o.name as org_name', 'o.bleibe_org_id'])
    .where('s.id', '=', b.directoryServiceId!)
    .executeTakeFirst();
  if (!service) throw invalidInput([{ path: 'directoryServiceId', key: 'invalid_reference' }]);
  if (service.bleibe_org_id === actor.orgId) throw invalidInput([{ path: 'directoryServiceId', key: 'consent.own_organisation' }]);
  const target: RecipientTarget = service.bleibe_org_id
    ? await organisationTarget(tx, service.bleibe_org_id)
    : { kind: 'directory', directoryOrganizationId: service.org_id };
  return { target, orgId: service.bleibe_org_id, directoryOrganizationId: service.org_id, serviceId: service.id, name: `${service.org_name} – ${service.service_name}` };
}

async function payloadOf(tx: Tx, actor: Actor, caseId: string, categories: readonly DataCategory[], today: string): Promise<DisclosurePayload> {
  const sensitive = categories.some((k) => SENSITIVE_CATEGORIES.includes(k));
  if (sensitive && !actor.permissions.has('cases.sensitive')) throw new AppError(403, 'forbidden', [{ path: 'categories', key: 'consent.sensitive_not_permitted' }]);
  return disclosurePayload(await caseSummary(tx, caseId, today), sensitive ? await readSensitive(tx, actor, caseId) : null, categories);
}

/** Checks the consent, copies the consented categories and records the flow; the consent's trail notes the use. */
async function disclose(
  tx: Tx,
  s: Services,
  actor: Actor,
  caseId: string,
  kind: DisclosureKind,
  recipient: Recipient,
  categories: readonly DataCategory[],
  message: string | null,
) {
  const today = localDay(s.now());
  const consentId = await requireConsent(tx, caseId, { purpose: PURPOSE[kind], recipient: recipient.target, categories }, today);
  const payload = await payloadOf(tx, actor, caseId, categories, today);
  const row = await tx.db
    .insertInto('disclosures')
    .values({
      org_id: actor.orgId,
      case_id: caseId,
      kind,
      consent_id: consentId,
      recipient_org_id: recipient.orgId,
      directory_organization_id: recipient.directoryOrganizationId,
      directory_service_id: recipient.serviceId,
      recipient_name: recipient.name,
      categories: [...categories],
      payload: JSON.stringify(payload),
      message,
      reply_due_on: kind === 'referral' ? addDays(today, s.config.referralReplyDays) : null,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  tx.audit({
    action: 'disclosure.create',
    entityType: 'case',
    entityId: caseId,
    details: {
      disclosureId: row.id,
      kind,
      consentId,
      recipientOrgId: recipient.orgId,
      recipientDirectoryOrgId: recipient.directoryOrganizationId,
      recipientName: recipient.name,
      categories,
    },
  });
  return row.id;
}

function selectDisclosures(tx: Tx) {
  return tx.db
    .selectFrom('disclosures as d')
    .innerJoin('organisations as so', 'so.id', 'd.org_id')
    // The sender's case and users: invisible (null) to the receiving organisation, by row-level security.
    .leftJoin('cases as c', 'c.id', 'd.case_id')
    .leftJoin('users as cu', 'cu.id', 'd.created_by')
    .leftJoin('users as ru', 'ru.id', 'd.responded_by')
    .leftJoin('directory_services as ds', 'ds.id', 'd.directory_service_id')
    .select([
      'd.id', 'd.kind', 'c.id as visible_case_id', 'd.case_id', 'c.case_number', 'd.org_id', 'so.name as sender_name', 'd.recipient_org_id', 'd.directory_organization_id',
      'ds.name as service_name', 'd.recipient_name', 'd.consent_id', 'd.categories', 'd.message', 'd.status', 'd.response_reason', 'd.responded_at',
      'ru.display_name as responded_by', 'd.reply_due_on', 'd.end_reason', 'd.created_at', 'cu.display_name as created_by', 'd.new_case_id', 'd.version',
      'd.payload', sql<boolean>`consent_valid(d.consent_id)`.as('consent_valid'),
    ]);
}
type DisclosureRow = Awaited<ReturnType<ReturnType<typeof selectDisclosures>['executeTakeFirstOrThrow']>>;

function present(r: DisclosureRow, today: string): Disclosure {
  const replyDueOn = r.reply_due_on ? String(r.reply_due_on) : null;
  return {
    id: r.id,
    kind: r.kind,
    caseId: r.visible_case_id,
    caseNumber: r.case_number,
    sender: { id: r.org_id, name: r.sender_name },
    recipient: { orgId: r.recipient_org_id, directoryOrganizationId: r.directory_organization_id, serviceName: r.service_name, name: r.recipient_name },
    consentId: r.consent_id,
    categories: r.categories as DataCategory[],
    message: r.message,
    status: r.status as Disclosure['status'],
    consentLapsed: !r.consent_valid,
    responseReason: r.response_reason,
    respondedAt: r.responded_at ? new Date(r.responded_at).toISOString() : null,
    respondedBy: r.responded_by,
    replyDueOn,
    replyOverdue: replyOverdue({ kind: r.kind, status: r.status, replyDueOn }, today),
    endReason: r.end_reason,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    newCaseId: r.new_case_id,
    version: r.version,
  };
}

/** A disclosure the actor's organisation sent or (while the consent holds) received; anything else is "not found". */
async function loadDisclosureForActor(tx: Tx, actor: Actor, id: string) {
  const row = await selectDisclosures(tx)
    .where('d.id', '=', id)
    .where((eb) => eb.or([eb('d.org_id', '=', actor.orgId), eb('d.recipient_org_id', '=', actor.orgId)]))
    .executeTakeFirst();
  if (!row) throw notFound();
  return { row, sender: row.org_id === actor.orgId };
}

const disclosureById = async (tx: Tx, id: string, today: string) => present(await selectDisclosures(tx).where('d.id', '=', id).executeTakeFirstOrThrow(), today);

/** The receiving organisation reads the consented data: recorded for the "who saw this?" list. */
function auditRecipientRead(tx: Tx, row: DisclosureRow, action: string) {
  tx.audit({ action, entityType: 'disclosure', entityId: row.id, details: { caseId: row.case_id, ownerOrgId: row.org_id, kind: row.kind } });
}

export const disclosureRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/disclosures',
    access: 'cases.edit',
    summary: 'Share the case with another organisation, refer the household to a partner service, or send a status report — only with a valid consent covering recipient, purpose and data categories',
    tags: ['consents'],
    params: IdParams,
    body: DisclosureInput,
    status: 201,
    response: Disclosure,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const recipient = await resolveRecipient(tx, actor, b);
        // Working a case together needs the partner in Bleibe; a referral or report can go anywhere.
        if (b.kind === 'share' && !recipient.orgId) throw invalidInput([{ path: 'directoryServiceId', key: 'consent.share_needs_bleibe_organisation' }]);
        const id = await disclose(tx, ctx.services, actor, c.id, b.kind, recipient, b.categories, b.message ?? null);
        return disclosureById(tx, id, localDay(ctx.services.now()));
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/transfer',
    access: 'cases.transfer',
    summary: 'Hand the case over to another organisation (only with a consent for the transfer); it accepts and gets its own case, and this case then closes as handed over',
    tags: ['consents'],
    params: IdParams,
    body: TransferInput,
    status: 201,
    response: Disclosure,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        if (c.status === 'closed') throw new AppError(409, 'case_already_closed');
        // The receiving organisation opens its case from these two: who, and where.
        const missing = (['identity', 'contact'] as const).filter((k) => !b.categories.includes(k));
        if (missing.length) throw invalidInput([{ path: 'categories', key: 'consent.transfer_needs_identity_and_contact' }]);
        const pending = await tx.db
          .selectFrom('disclosures')
          .select('id')
          .where('case_id', '=', c.id)
          .where('kind', '=', 'transfer')
          .where('status', 'in', ['open', 'accepted'])
          .executeTakeFirst();
        if (pending) throw new AppError(409, 'transfer_pending');
        const recipient = await resolveRecipient(tx, actor, { recipientOrgId: b.recipientOrgId });
        const id = await disclose(tx, ctx.services, actor, c.id, 'transfer', recipient, b.categories, b.message ?? null);
        return disclosureById(tx, id, localDay(ctx.services.now()));
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/disclosures',
    access: 'cases.read',
    summary: 'What left this case: shares, referrals, transfers and status reports with their replies and whether their consent still holds',
    tags: ['consents'],
    params: IdParams,
    response: DisclosureList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const rows = await selectDisclosures(tx).where('d.case_id', '=', c.id).where('d.org_id', '=', actor.orgId).orderBy('d.created_at', 'desc').execute();
        tx.audit({ action: 'disclosure.list', entityType: 'case', entityId: c.id, details: { caseId: c.id, count: rows.length } });
        return { items: rows.map((r) => present(r, today)) };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/disclosures/sent',
    access: 'cases.read',
    summary: 'The organisation’s referrals, shares, transfers and reports; `overdue=true`: referrals without a reply in time',
    tags: ['consents'],
    query: SentDisclosuresQuery,
    response: DisclosureList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        let q = selectDisclosures(tx).where('d.org_id', '=', actor.orgId);
        if (ctx.query.overdue === 'true') q = q.where('d.kind', '=', 'referral').where('d.status', '=', 'open').where('d.reply_due_on', '<', today);
        const rows = await q.orderBy('d.created_at', 'desc').limit(ctx.query.limit).execute();
        tx.audit({ action: 'disclosure.list', entityType: 'disclosure', details: { sent: true, count: rows.length } });
        return { items: rows.map((r) => present(r, today)) };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/disclosures/received',
    access: 'disclosures.receive',
    summary: 'Shares, referrals, transfers and status reports other organisations sent to this one — only those whose consent still holds',
    tags: ['consents'],
    response: DisclosureList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        // Row-level security hides the lapsed ones; the conditions say so for the reader too.
        const rows = await selectDisclosures(tx)
          .where('d.recipient_org_id', '=', actor.orgId)
          .where('d.status', 'in', ['open', 'accepted', 'completed'])
          .where(sql<boolean>`consent_valid(d.consent_id)`)
          .orderBy('d.created_at', 'desc')
          .limit(500)
          .execute();
        tx.audit({ action: 'disclosure.list', entityType: 'disclosure', details: { received: true, ids: rows.map((r) => r.id) } });
        return { items: rows.map((r) => present(r, today)) };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/disclosures/:id',
    access: 'disclosures.receive',
    summary: 'One disclosure with the data it carries (exactly the consented categories); every read by the recipient is recorded',
    tags: ['consents'],
    params: IdParams,
    response: DisclosureDetail,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const { row, sender } = await loadDisclosureForActor(tx, actor, ctx.params.id);
        if (sender) tx.audit({ action: 'disclosure.view', entityType: 'case', entityId: row.case_id, details: { caseId: row.case_id, disclosureId: row.id } });
        else auditRecipientRead(tx, row, 'disclosure.read');
        return { ...present(row, today), payload: row.payload as DisclosurePayload };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/disclosures/:id/respond',
    access: 'disclosures.receive',
    summary: 'Accept or decline a share or referral (the receiving organisation); for a partner outside Bleibe the referring organisation records the reply',
    tags: ['consents'],
    params: IdParams,
    body: DisclosureResponseInput,
    response: Disclosure,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      const today = localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const { row, sender } = await loadDisclosureForActor(tx, actor, ctx.params.id);
        if (row.kind === 'transfer') throw new AppError(409, 'disclosure_transfer_separate');
        if (row.kind === 'status_report') throw new AppError(409, 'disclosure_not_answerable');
        // The sender answers only for a partner that does not use Bleibe (a reply by letter or phone).
        if (sender && row.recipient_org_id) throw notFound();
        if (row.status !== 'open') throw new AppError(409, 'disclosure_already_answered');
        if (b.decision === 'decline' && !b.reason) throw invalidInput([{ path: 'reason', key: 'required' }]);
        const answered = await answer(tx, actor, row, b, ctx.services.now(), today);
        if (!sender) auditRecipientRead(tx, row, `disclosure.${b.decision}`);
        else tx.audit({ action: `disclosure.reply_recorded`, entityType: 'case', entityId: row.case_id, details: { caseId: row.case_id, disclosureId: row.id, decision: b.decision } });
        return answered;
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/disclosures/:id/transfer-response',
    access: 'cases.transfer',
    summary: 'Accept a case handed over by another organisation (opens a case here from the transferred data and closes theirs as handed over) or decline it',
    tags: ['consents'],
    params: IdParams,
    body: DisclosureResponseInput,
    response: Disclosure,
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      const s = ctx.services;
      const today = localDay(s.now());
      const declined = await inTenantTx(s.db, actor, ctx.requestId, async (tx) => {
        const { row, sender } = await loadDisclosureForActor(tx, actor, ctx.params.id);
        if (sender || row.kind !== 'transfer') throw notFound();
        if (row.status !== 'open') throw new AppError(409, 'disclosure_already_answered');
        if (row.version !== b.version) throw versionConflict();
        if (b.decision === 'decline') {
          if (!b.reason) throw invalidInput([{ path: 'reason', key: 'required' }]);
          const answered = await answer(tx, actor, row, b, s.now(), today);
          auditRecipientRead(tx, row, 'disclosure.decline');
          return { row, answered };
        }
        return { row, answered: null };
      });
      if (declined.answered) return declined.answered;
      const row = declined.row;
      if (b.decision === 'accept') {
        // The new case comes through the intake pipeline (matching against this organisation's
        // records, deadlines), idempotent by the transfer's id; then, in one transaction, the
        // transfer is accepted and the sender's case closes as handed over.
        const notice = transferNotice(row.id, row.payload as DisclosurePayload, row.sender_name, today, row.message);
        const submitted = await submitNotice(s, notice, { orgId: row.org_id, userId: null, label: `transfer:${actor.email}`, channel: 'web', requestId: ctx.requestId, assignTo: actor.orgId });
        await inTenantTx(s.db, actor, ctx.requestId, async (tx) => {
          const caseId = (await tx.db.selectFrom('notices').select('case_id').where('id', '=', submitted.result.id).executeTakeFirstOrThrow()).case_id;
          const r = await sql<{ done: boolean }>`select complete_case_transfer(${row.id}::uuid, ${caseId}::uuid, ${today}::date, ${b.version}) as done`.execute(tx.db);
          if (!r.rows[0].done) throw versionConflict();
          auditRecipientRead(tx, row, 'disclosure.accept');
          tx.audit({ action: 'case.transfer_received', entityType: 'case', entityId: caseId, details: { disclosureId: row.id, fromOrgId: row.org_id } });
          // The sender's log records that its case was closed as handed over, and by whom.
          tx.audit({
            action: 'case.handed_over',
            entityType: 'case',
            entityId: row.case_id,
            actor: { orgId: row.org_id, userId: null, label: `${actor.email} (${row.recipient_name})` },
            details: { caseId: row.case_id, disclosureId: row.id, toOrgId: actor.orgId },
          });
        });
      }
      return inTenantTx(s.db, actor, ctx.requestId, (tx) => disclosureById(tx, row.id, today));
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/disclosures/:id/withdraw',
    access: 'cases.edit',
    summary: 'Withdraw a share, referral or transfer the organisation sent: the recipient loses access at once',
    tags: ['consents'],
    params: IdParams,
    response: Disclosure,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const { row, sender } = await loadDisclosureForActor(tx, actor, ctx.params.id);
        if (!sender) throw notFound();
        await loadCaseForActor(tx, actor, row.case_id);
        if (row.status !== 'open' && row.status !== 'accepted') throw new AppError(409, 'disclosure_already_ended');
        await tx.db
          .updateTable('disclosures')
          .set({ status: 'withdrawn', end_reason: 'withdrawn', ended_at: ctx.services.now(), updated_at: sql`now()`, version: sql`version + 1` })
          .where('id', '=', row.id)
          .execute();
        tx.audit({ action: 'disclosure.withdraw', entityType: 'case', entityId: row.case_id, details: { caseId: row.case_id, disclosureId: row.id } });
        return disclosureById(tx, row.id, localDay(ctx.services.now()));
      });
    },
  }),
];

/**
 * Records the answer. What comes back is built from the row as read before: a declined
 * disclosure is no longer visible to the recipient (row-level security), who still gets the answer.
 */
async function answer(tx: Tx, actor: Actor, row: DisclosureRow, b: { decision: 'accept' | 'decline'; reason?: string | null; version: number }, now: Date, today: string) {
  const accept = b.decision === 'accept';
  const reason = b.reason ?? null;
  let done: boolean;
  if (row.org_id === actor.orgId) {
    // The sender records the reply of a partner outside Bleibe.
    const r = await tx.db
      .updateTable('disclosures')
      .set({ status: accept ? 'accepted' : 'declined', response_reason: reason, responded_at: now, responded_by: actor.userId, updated_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', row.id)
      .where('status', '=', 'open')
      .where('version', '=', b.version)
      .executeTakeFirst();
    done = Number(r.numUpdatedRows) === 1;
  } else {
    const r = await sql<{ done: boolean }>`select answer_disclosure(${row.id}::uuid, ${accept}, ${reason}, ${b.version}) as done`.execute(tx.db);
    done = r.rows[0].done;
  }
  if (!done) throw versionConflict();
  return present({ ...row, status: accept ? 'accepted' : 'declined', version: row.version + 1, response_reason: reason, responded_at: now, responded_by: actor.displayName }, today);
}

/** The notice through which the receiving organisation opens its own case for a transferred household. */
function transferNotice(id: string, p: DisclosurePayload, senderName: string, today: string, message: string | null): NoticeInput {
  const members = p.identity?.members ?? [];
  const tenants = members.filter((m) => (TENANT_RELATIONS as readonly string[]).includes(m.relation));
  const named = (tenants.length ? tenants : members.slice(0, 1)).map((m) => ({ firstName: m.firstName, lastName: m.lastName, ...(m.birthDate ? { birthDate: m.birthDate } : {}) }));
  const a = p.contact!.address;
  return {
    externalId: `transfer-${id}`,
    kind: 'other',
    receivedOn: today,
    tenants: named,
    ...(p.household ? { householdSize: Math.max(1, p.household.size), children: p.household.children } : {}),
    address: { street: a.street, houseNumber: a.houseNumber, postalCode: a.postalCode, city: a.city },
    ...(p.tenancy?.landlord ? { landlord: { name: p.tenancy.landlord } } : {}),
    ...(p.tenancy?.totalRent != null ? { monthlyRent: p.tenancy.totalRent } : {}),
    ...(p.tenancy?.arrears != null ? { arrears: p.tenancy.arrears } : {}),
    note: [`Übergabe von ${senderName}`, message].filter(Boolean).join('\n\n'),
  };
}
