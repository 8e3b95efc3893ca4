import { sql } from 'kysely';
import { LETTER_LANGUAGES, LETTER_TEMPLATES, type LetterLanguage, type LetterTemplateKey, type LetterTemplateText } from '../../../contracts/letters.js';
import type { LetterFacts, OfficeHour } from '../../../domain/letters/compose.js';
import { DEFAULT_TEXTS } from '../../../domain/letters/defaults.js';
import { resolveTemplate } from '../../../domain/letters/languages.js';
import { TEMPLATE_PLACEHOLDERS } from '../../../domain/letters/placeholders.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { invalidInput } from '../../platform/http/errors.js';

const addressLine = (a: { street: string | null; house_number: string | null; postal_code: string | null; city: string | null }) => {
  const street = [a.street, a.house_number].filter(Boolean).join(' ');
  const place = [a.postal_code, a.city].filter(Boolean).join(' ');
  return [street, place].filter(Boolean).join(', ') || null;
};

export interface CaseAppointment {
  id: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  kind: string;
  location_name: string | null;
  location_address: string | null;
  caseworker_name: string | null;
}

/**
 * The case's appointments (appointments module, migrations/009), newest first. Read with plain
 * SQL on the same tenant transaction: row-level security applies, and org and case are named.
 */
export async function appointmentsOfCase(tx: Tx, actor: Actor, caseId: string, appointmentId?: string): Promise<CaseAppointment[]> {
  const rows = await sql<CaseAppointment & { street: string | null; house_number: string | null; postal_code: string | null; city: string | null }>`
    select a.id, a.starts_at, a.ends_at, a.status, a.kind, l.name as location_name, l.street, l.house_number, l.postal_code, l.city,
      u.display_name as caseworker_name
    from appointments a
    left join locations l on l.id = a.location_id
    left join users u on u.id = a.user_id
    where a.org_id = ${actor.orgId} and a.case_id = ${caseId}
      ${appointmentId ? sql`and a.id = ${appointmentId}` : sql``}
    order by a.starts_at desc
    limit 100`.execute(tx.db);
  return rows.rows.map((r) => ({ ...r, location_address: r.street ? addressLine(r) : null }));
}

/** The preferred language recorded on the case (cases.preferred_language, from the case file), if any. */
export async function preferredLanguageOf(tx: Tx, caseId: string): Promise<string | null> {
  // to_jsonb: the column belongs to the case-file migration; read it without depending on its order.
  const r = await sql<{ lang: string | null }>`select to_jsonb(c) ->> 'preferred_language' as lang from cases c where c.id = ${caseId}`.execute(tx.db);
  return r.rows[0]?.lang ?? null;
}

export async function landlordOf(tx: Tx, caseId: string): Promise<{ name: string; address: string | null } | null> {
  const legal = await tx.db.selectFrom('case_legal').select(['landlord']).where('case_id', '=', caseId).executeTakeFirst();
  const l = legal?.landlord as { name?: string; address?: string } | null | undefined;
  return l?.name ? { name: l.name, address: l.address ?? null } : null;
}

/** Everything a letter of this case says, as the actor's organisation has it. */
export async function letterFacts(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: { template: LetterTemplateKey; language: LetterLanguage; appointmentId?: string },
  now: Date,
): Promise<LetterFacts> {
  const c = await tx.db
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .leftJoin('case_legal as cl', 'cl.case_id', 'c.id')
    .select(['c.case_number', 'c.location_id', 'c.assigned_user_id', 'h.street', 'h.house_number', 'h.postal_code', 'h.city', 'cl.court_file_number'])
    .where('c.id', '=', caseId)
    .where('c.org_id', '=', actor.orgId)
    .executeTakeFirstOrThrow();
  const tenants = await tx.db
    .selectFrom('case_tenants as ct')
    .innerJoin('persons as p', 'p.id', 'ct.person_id')
    .select(['p.first_name', 'p.last_name'])
    .where('ct.case_id', '=', caseId)
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  const org = await tx.db
    .selectFrom('organisations')
    .select(['name', 'street', 'house_number', 'postal_code', 'city', 'phone', 'email'])
    .where('id', '=', actor.orgId)
    .executeTakeFirstOrThrow();
  const head = await tx.db.selectFrom('letterheads').select(['sender_name', 'footer']).where('org_id', '=', actor.orgId).executeTakeFirst();
  const location = c.location_id
    ? await tx.db
        .selectFrom('locations')
        .select(['name', 'street', 'house_number', 'postal_code', 'city', 'phone', 'email', 'office_hours'])
        .where('id', '=', c.location_id)
        .executeTakeFirst()
    : undefined;
  // The contact is the case's caseworker; while nobody has the case, whoever writes.
  const caseworker = await tx.db
    .selectFrom('users')
    .select(['display_name', 'email'])
    .where('id', '=', c.assigned_user_id ?? actor.userId)
    .where('org_id', '=', actor.orgId)
    .executeTakeFirst();

  const landlord = input.template === 'landlord' ? await landlordOf(tx, caseId) : null;
  if (input.template === 'landlord' && !landlord) throw invalidInput([{ path: 'template', key: 'letter.no_landlord' }]);
  let appointment: LetterFacts['appointment'] = null;
  if (input.template === 'appointment_confirmation') {
    if (!input.appointmentId) throw invalidInput([{ path: 'appointmentId', key: 'required' }]);
    const [a] = await appointmentsOfCase(tx, actor, caseId, input.appointmentId);
    if (!a || a.status === 'cancelled') throw invalidInput([{ path: 'appointmentId', key: 'letter.no_appointment' }]);
    appointment = {
      startsAt: new Date(a.starts_at),
      kind: a.kind,
      place: a.location_name && a.location_address ? { name: a.location_name, address: a.location_address } : null,
    };
  }

  return {
    template: input.template,
    language: input.language,
    date: now,
    organisation: { name: org.name, address: addressLine(org), phone: org.phone, email: org.email },
    letterhead: { senderName: head?.sender_name ?? null, footer: head?.footer ?? null },
    // The office's hours as the location keeps them (location_office_hours mirrors exactly these).
    office: location
      ? {
          name: location.name,
          address: addressLine(location) ?? '',
          phone: location.phone,
          email: location.email,
          hours: ((location.office_hours as OfficeHour[] | null) ?? []).filter((h) => h && typeof h.weekday === 'number'),
        }
      : null,
    caseworker: caseworker ? { name: caseworker.display_name, email: caseworker.email, phone: null } : null,
    caseNumber: c.case_number,
    courtFileNumber: c.court_file_number,
    household: { names: tenants.map((t) => `${t.first_name} ${t.last_name}`), address: addressLine(c) ?? '' },
    landlord,
    appointment,
  };
}

export async function overridesOf(tx: Tx, actor: Actor) {
  return tx.db
    .selectFrom('letter_templates')
    .select(['template', 'language', 'subject', 'body', 'version', 'updated_at'])
    .where('org_id', '=', actor.orgId)
    .execute();
}

/** The text a letter of this organisation is written from. */
export async function templateTextFor(tx: Tx, actor: Actor, template: LetterTemplateKey, language: LetterLanguage) {
  return resolveTemplate(template, language, await overridesOf(tx, actor), DEFAULT_TEXTS);
}

/** Every template × language as the organisation writes it (its own wording or the default). */
export async function templateTexts(tx: Tx, actor: Actor): Promise<LetterTemplateText[]> {
  const own = await overridesOf(tx, actor);
  return LETTER_TEMPLATES.flatMap((template) =>
    LETTER_LANGUAGES.map((language) => {
      const o = own.find((x) => x.template === template && x.language === language);
      const text = o ?? DEFAULT_TEXTS[template][language];
      return {
        template,
        language,
        subject: text.subject,
        body: text.body,
        custom: Boolean(o),
        version: o?.version ?? null,
        updatedAt: o ? new Date(o.updated_at).toISOString() : null,
        placeholders: TEMPLATE_PLACEHOLDERS[template].map((p) => `{{${p}}}`),
      };
    }),
  );
}
