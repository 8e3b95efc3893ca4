import { sql } from 'kysely';
import { IdParams } from '../../../contracts/common.js';
import { DocumentItem } from '../../../contracts/documents.js';
import {
  GenerateLetterInput,
  Letterhead,
  LetterOptions,
  LetterSettings,
  LetterTemplateText,
  PutLetterheadInput,
  PutLetterTemplateInput,
  ResetLetterTemplateInput,
} from '../../../contracts/letters.js';
import { composeLetter } from '../../../domain/letters/compose.js';
import { letterLanguageFor } from '../../../domain/letters/languages.js';
import { unknownPlaceholders } from '../../../domain/letters/placeholders.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { invalidInput, notFound, versionConflict, type FieldProblem } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { saveDocument } from '../documents/service.js';
import { renderLetterPdf } from './pdf.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { LANDLORD_LETTER_CATEGORIES } from '../../../domain/consent/consent.js';
import { requireConsent } from '../consents/store.js';
import { appointmentsOfCase, landlordOf, letterFacts, preferredLanguageOf, templateTextFor, templateTexts } from './service.js';

const FILE_TITLE: Record<string, string> = { first_contact: 'Kontaktangebot', appointment_confirmation: 'Terminbestaetigung', landlord: 'Schreiben-Vermieter' };

async function letterhead(tx: Tx, actor: Actor) {
  const org = await tx.db.selectFrom('organisations').select(['name', 'street', 'house_number', 'postal_code', 'city']).where('id', '=', actor.orgId).executeTakeFirstOrThrow();
  const head = await tx.db.selectFrom('letterheads').select(['sender_name', 'footer', 'version']).where('org_id', '=', actor.orgId).executeTakeFirst();
  const street = [org.street, org.house_number].filter(Boolean).join(' ');
  const place = [org.postal_code, org.city].filter(Boolean).join(' ');
  return {
    organisationName: org.name,
    organisationAddress: [street, place].filter(Boolean).join(', ') || null,
    senderName: head?.sender_name ?? null,
    footer: head?.footer ?? null,
    version: head?.version ?? null,
  };
}

function checkPlaceholders(input: { template: PutLetterTemplateInput['template']; subject: string; body: string }) {
  const problems: FieldProblem[] = [];
  for (const field of ['subject', 'body'] as const) {
    const unknown = unknownPlaceholders(input[field], input.template);
    if (unknown.length) problems.push({ path: field, key: 'letter.unknown_placeholder', params: { names: unknown.map((u) => `{{${u}}}`).join(', ') } });
  }
  if (problems.length) throw invalidInput(problems);
}

export const letterRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/letter-options',
    access: 'cases.read',
    summary: "What the letter form offers for a case: the language chosen from the case's preferred language, its appointments, whether a landlord is known",
    tags: ['letters'],
    params: IdParams,
    response: LetterOptions,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await loadCaseForActor(tx, actor, ctx.params.id);
        const preferred = await preferredLanguageOf(tx, ctx.params.id);
        const appointments = await appointmentsOfCase(tx, actor, ctx.params.id);
        const landlord = await landlordOf(tx, ctx.params.id);
        tx.audit({ action: 'letter.options', entityType: 'case', entityId: ctx.params.id });
        return {
          preferredLanguage: preferred,
          suggestedLanguage: letterLanguageFor(preferred),
          appointments: appointments.map((a) => ({
            id: a.id,
            startsAt: new Date(a.starts_at).toISOString(),
            endsAt: new Date(a.ends_at).toISOString(),
            status: a.status,
            kind: a.kind,
            locationName: a.location_name,
            caseworkerName: a.caseworker_name,
          })),
          landlordKnown: Boolean(landlord),
        };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/letters',
    access: 'cases.edit',
    summary:
      'Write a letter from a template in one of six languages (de, de_easy = Leichte Sprache, en, tr, ar, uk) as PDF and file it in the ' +
      'case as a document of type letter; download it like any document',
    tags: ['letters'],
    params: IdParams,
    body: GenerateLetterInput,
    status: 201,
    response: DocumentItem,
    async handler(ctx) {
      const actor = signedIn(ctx);
      const now = ctx.services.now();
      const { facts, text } = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        if (ctx.body.template === 'landlord') {
          // Writing to the landlord discloses social data: only with the client's consent.
          const categories = LANDLORD_LETTER_CATEGORIES;
          const consentId = await requireConsent(tx, c.id, { purpose: 'landlord_contact', recipient: { kind: 'landlord' }, categories }, localDay(now));
          tx.audit({ action: 'disclosure.landlord_letter', entityType: 'case', entityId: c.id, details: { caseId: c.id, consentId, categories } });
        }
        return {
          facts: await letterFacts(tx, actor, ctx.params.id, ctx.body, now),
          text: await templateTextFor(tx, actor, ctx.body.template, ctx.body.language),
        };
      });
      // Rendering takes a moment: outside the transaction.
      const letter = composeLetter(facts, text);
      const pdf = await renderLetterPdf(letter, { author: facts.caseworker?.name ?? actor.displayName, createdAt: now });
      const day = now.toISOString().slice(0, 10);
      return saveDocument(ctx.services, actor, ctx.requestId, ctx.params.id, {
        kind: 'letter',
        fileName: `${FILE_TITLE[ctx.body.template]}-${facts.caseNumber}-${ctx.body.language}-${day}.pdf`,
        contentType: 'application/pdf',
        bytes: pdf,
        note: null,
        letter: { template: ctx.body.template, language: ctx.body.language, appointmentId: ctx.body.appointmentId ?? null },
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/letter-templates',
    access: 'casework.configure',
    summary: "The organisation's letter texts (every template in every language, its own wording or the default) and its letterhead",
    tags: ['letters'],
    response: LetterSettings,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => ({ templates: await templateTexts(tx, actor), letterhead: await letterhead(tx, actor) }));
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/letter-templates',
    access: 'casework.configure',
    summary:
      "Set the organisation's own wording of a template in one language; `version` is the version edited (absent when starting from the " +
      'default). Unknown placeholders are refused by name',
    tags: ['letters'],
    body: PutLetterTemplateInput,
    response: LetterTemplateText,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      checkPlaceholders(ctx.body);
      const { template, language, subject, body, version } = ctx.body;
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const existing = await tx.db
          .selectFrom('letter_templates')
          .select(['id', 'version'])
          .where('org_id', '=', actor.orgId)
          .where('template', '=', template)
          .where('language', '=', language)
          .executeTakeFirst();
        // Two administrators editing one text: the second is told, not silently overwritten.
        if ((existing?.version ?? null) !== (version ?? null)) throw versionConflict();
        if (existing) {
          await tx.db
            .updateTable('letter_templates')
            .set({ subject, body, updated_by: actor.userId, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
            .where('id', '=', existing.id)
            .where('version', '=', existing.version)
            .execute();
        } else {
          await tx.db.insertInto('letter_templates').values({ org_id: actor.orgId, template, language, subject, body, updated_by: actor.userId }).execute();
        }
        tx.audit({ action: 'letter_template.update', entityType: 'organisation', entityId: actor.orgId, details: { template, language } });
        return (await templateTexts(tx, actor)).find((t) => t.template === template && t.language === language)!;
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/letter-templates/reset',
    access: 'casework.configure',
    summary: "Drop the organisation's own wording of a template in one language: the default text applies again",
    tags: ['letters'],
    body: ResetLetterTemplateInput,
    response: LetterTemplateText,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const { template, language, version } = ctx.body;
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const existing = await tx.db
          .selectFrom('letter_templates')
          .select(['id', 'version'])
          .where('org_id', '=', actor.orgId)
          .where('template', '=', template)
          .where('language', '=', language)
          .executeTakeFirst();
        if (!existing) throw notFound();
        if (existing.version !== version) throw versionConflict();
        await tx.db.deleteFrom('letter_templates').where('id', '=', existing.id).where('org_id', '=', actor.orgId).execute();
        tx.audit({ action: 'letter_template.reset', entityType: 'organisation', entityId: actor.orgId, details: { template, language } });
        return (await templateTexts(tx, actor)).find((t) => t.template === template && t.language === language)!;
      });
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/letterhead',
    access: 'casework.configure',
    summary: "Set the organisation's letterhead: the sender name printed above its letters (default: its name) and a footer",
    tags: ['letters'],
    body: PutLetterheadInput,
    response: Letterhead,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const { senderName, footer, version } = ctx.body;
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const existing = await tx.db.selectFrom('letterheads').select(['version']).where('org_id', '=', actor.orgId).executeTakeFirst();
        if ((existing?.version ?? null) !== (version ?? null)) throw versionConflict();
        const values = { sender_name: senderName || null, footer: footer || null, updated_by: actor.userId };
        if (existing) {
          await tx.db
            .updateTable('letterheads')
            .set({ ...values, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
            .where('org_id', '=', actor.orgId)
            .where('version', '=', existing.version)
            .execute();
        } else {
          await tx.db.insertInto('letterheads').values({ org_id: actor.orgId, ...values }).execute();
        }
        tx.audit({ action: 'letterhead.update', entityType: 'organisation', entityId: actor.orgId });
        return letterhead(tx, actor);
      });
    },
  }),
];
