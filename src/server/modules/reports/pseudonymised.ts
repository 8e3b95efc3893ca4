import { sql } from 'kysely';
import { z } from 'zod';
import { PSEUDONYMISED_COLUMNS, PseudonymisedExportInput } from '../../../contracts/official-statistics.js';
import { ageGroups, codes, month, pseudonym, roundAmount } from '../../../domain/reports/pseudonymise.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { invalidInput } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { attachmentHeaders, renderDocument, type Cell, type ReportDocument } from './files.js';

/*
 * The pseudonymised case export for evaluators (issue 7 item 4; docs/statistics.md). The rows come
 * from pseudonymised_case_rows() (migration 019: every organisation's cases of the period, no
 * direct identifiers, no free text); here the ids become keyed pseudonyms, dates months, ages age
 * groups and amounts whole hundreds, and the rows are sorted by pseudonym (not by receipt, which
 * would order the cases within a month). The key arrives in a POST body so it never lands in a
 * URL or an access log, and the audit records who exported which period and how many rows —
 * never the key.
 */

/** At most ten years per export: the same limit as the evaluation report's period. */
const MAX_DAYS = 3660;

export type PseudonymisedRow = Record<(typeof PSEUDONYMISED_COLUMNS)[number], Cell>;

const day = (d: unknown) =>
  d === null || d === undefined
    ? null
    : d instanceof Date
      ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
      : String(d).slice(0, 10);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const list = (v: unknown) => (Array.isArray(v) ? (v as (string | null)[]) : null);

export async function pseudonymisedRows(tx: Tx, from: string, to: string, key: string): Promise<PseudonymisedRow[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from pseudonymised_case_rows(${from}::date, ${to}::date)`.execute(tx.db);
  const out = rows.map(
    (r): PseudonymisedRow => ({
      case_pseudonym: pseudonym(key, 'case', String(r.case_id)),
      household_pseudonym: pseudonym(key, 'household', String(r.household_id)),
      received_month: month(day(r.received_on)),
      notice_kinds: codes(list(r.notice_kinds)),
      municipality_key: (r.ags as string | null) ?? null,
      target_groups: codes(list(r.target_groups)),
      living_situation: (r.living_situation as string | null) ?? null,
      household_size: num(r.household_size),
      children: num(r.children),
      age_groups: ageGroups((list(r.member_ages) ?? []).map((a) => num(a))),
      reached: r.reached ? 'yes' : 'no',
      days_to_first_attempt: num(r.days_to_first_attempt),
      days_to_first_conversation: num(r.days_to_first_conversation),
      outcome: String(r.outcome),
      closed_month: month(day(r.closed_on)),
      causes: codes(list(r.causes)),
      measures: codes(list(r.measures)),
      arrears_rounded: roundAmount(num(r.arrears)),
      rent_debt_applied_rounded: roundAmount(num(r.rent_debt_applied)),
      rent_debt_assumed_rounded: roundAmount(num(r.rent_debt_assumed)),
      shelter_placement: r.shelter_placement ? 'yes' : 'no',
      brokered_lease_month: month(day(r.lease_signed_on)),
    }),
  );
  return out.sort((a, b) => String(a.case_pseudonym).localeCompare(String(b.case_pseudonym)));
}

export function pseudonymisedDocument(from: string, to: string, rows: PseudonymisedRow[]): ReportDocument {
  return {
    title: `Bleibe pseudonymised cases ${from} – ${to}`,
    fileName: `bleibe-pseudonymised-cases-${from}-${to}`,
    meta: [
      ['from', from],
      ['to', to],
      ['rows', String(rows.length)],
    ],
    sections: [{ title: 'cases', columns: PSEUDONYMISED_COLUMNS.map((c) => ({ key: c, label: c })), rows }],
  };
}

export const pseudonymisedRoutes = [
  route({
    method: 'POST',
    url: '/api/v1/reports/pseudonymised-export',
    access: 'reports.pseudonymised',
    summary:
      'The pseudonymised case export for evaluators: one row per case received from … to …, across all organisations, without names, addresses, ' +
      'birth dates, phone numbers, e-mail addresses, case numbers or free text. Case and household pseudonyms are HMAC-SHA256 of the id under the ' +
      'evaluator’s key (12–200 characters, sent in the body so it never appears in URLs or logs): stable for one key, unlinkable across keys. ' +
      'Dates as months, ages as age groups, amounts rounded to hundreds. CSV (default), XLSX or PDF; the export is audited (who, period, rows; never the key)',
    tags: ['reports'],
    body: PseudonymisedExportInput,
    response: z.instanceof(Buffer),
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const { from, to, key, format } = ctx.body;
      if (to < from) throw invalidInput([{ path: 'to', key: 'reports.to_before_from' }], 400);
      if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw invalidInput([{ path: 'to', key: 'reports.period_too_long', params: { max: 120 } }], 400);
      const rows = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const r = await pseudonymisedRows(tx, from, to, key);
        tx.audit({ action: 'report.pseudonymised_export', details: { from, to, format, rows: r.length } });
        return r;
      });
      const file = await renderDocument(format, pseudonymisedDocument(from, to, rows), { createdAt: ctx.services.now() });
      ctx.reply.headers(attachmentHeaders(file));
      return file.body;
    },
  }),
];
