import type { Consent, ConsentPurpose, DataCategory } from '../../../contracts/consents.js';
import { checkConsent, consentState, type RecipientTarget } from '../../../domain/consent/consent.js';
import type { Tx } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/http/errors.js';

const day = (d: unknown) => (d ? String(d) : null);

/** The consents of a case with their recipients and their own trail, newest first. */
export async function consentsOfCase(tx: Tx, caseId: string, today: string): Promise<Consent[]> {
  const rows = await tx.db
    .selectFrom('consents as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .leftJoin('documents as d', 'd.id', 'c.document_id')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .select([
      'c.id', 'c.case_id', 'c.person_id', 'p.first_name', 'p.last_name', 'c.purposes', 'c.categories', 'c.given_on', 'c.valid_until',
      'c.open_ended', 'c.form', 'c.witness', 'c.document_id', 'd.file_name', 'c.note', 'u.display_name as recorded_by', 'c.recorded_at',
      'c.revoked_on', 'c.revocation_note',
    ])
    .where('c.case_id', '=', caseId)
    .orderBy('c.given_on', 'desc')
    .orderBy('c.recorded_at', 'desc')
    .execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [recipients, events] = await Promise.all([
    tx.db.selectFrom('consent_recipients').selectAll().where('consent_id', 'in', ids).orderBy('name').execute(),
    tx.db
      .selectFrom('consent_events as e')
      .leftJoin('users as u', 'u.id', 'e.user_id')
      .select(['e.consent_id', 'e.at', 'e.event', 'u.display_name', 'e.disclosure_id', 'e.details'])
      .where('e.consent_id', 'in', ids)
      .orderBy('e.id')
      .execute(),
  ]);
  return rows.map((r) => {
    const facts = { givenOn: String(r.given_on), validUntil: day(r.valid_until), revokedOn: day(r.revoked_on) };
    return {
      id: r.id,
      caseId: r.case_id,
      person: { id: r.person_id, name: `${r.first_name} ${r.last_name}` },
      recipients: recipients
        .filter((x) => x.consent_id === r.id)
        .map((x) => ({ kind: x.kind, orgId: x.recipient_org_id, directoryOrganizationId: x.directory_organization_id, name: x.name })),
      purposes: r.purposes as ConsentPurpose[],
      categories: r.categories as DataCategory[],
      ...facts,
      openEnded: r.open_ended,
      form: r.form as Consent['form'],
      witness: r.witness,
      document: r.document_id ? { id: r.document_id, name: r.file_name ?? '' } : null,
      note: r.note,
      recordedBy: r.recorded_by,
      recordedAt: new Date(r.recorded_at).toISOString(),
      revocationNote: r.revocation_note,
      state: consentState(facts, today),
      events: events
        .filter((e) => e.consent_id === r.id)
        .map((e) => ({
          at: new Date(e.at).toISOString(),
          event: e.event as 'recorded',
          user: e.display_name,
          disclosureId: e.disclosure_id,
          details: (e.details as Record<string, unknown> | null) ?? null,
        })),
    };
  });
}

/** A Bleibe organisation as a recipient: also named by the directory entries it maintains. */
export async function organisationTarget(tx: Tx, orgId: string): Promise<RecipientTarget & { name: string }> {
  const org = await tx.db.selectFrom('organisations').select(['id', 'name']).where('id', '=', orgId).where('active', '=', true).executeTakeFirst();
  if (!org) throw new AppError(422, 'validation_failed', [{ path: 'recipientOrgId', key: 'invalid_reference' }]);
  const entries = await tx.db.selectFrom('directory_organizations').select('id').where('bleibe_org_id', '=', orgId).execute();
  return { kind: 'organisation', orgId, directoryOrganizationIds: entries.map((e) => e.id), name: org.name };
}

/**
 * The one gate of every data flow out of a case: a valid consent of the client must cover the
 * recipient, the purpose and every category, or the flow is refused with the nearest reason.
 * Returns the consent it rests on.
 */
export async function requireConsent(
  tx: Tx,
  caseId: string,
  flow: { purpose: ConsentPurpose; recipient: RecipientTarget; categories: readonly DataCategory[] },
  today: string,
): Promise<string> {
  const consents = await consentsOfCase(tx, caseId, today);
  const decision = checkConsent(consents, flow, today);
  if (decision.ok) return decision.consentId;
  const lapsed = decision.reason === 'revoked' || decision.reason === 'expired' || decision.reason === 'not_yet_valid';
  const path = decision.reason === 'categories_missing' ? 'categories' : decision.reason === 'purpose_not_covered' ? 'purpose' : lapsed ? 'consent' : 'recipient';
  const params: Record<string, unknown> =
    decision.reason === 'categories_missing'
      ? { categories: decision.missing }
      : lapsed
        ? { date: String(consents.find((c) => c.id === decision.consentId)?.[decision.reason === 'revoked' ? 'revokedOn' : decision.reason === 'expired' ? 'validUntil' : 'givenOn'] ?? '') }
        : {};
  throw new AppError(409, 'consent_required', [{ path, key: `consent.${decision.reason}`, params }]);
}
