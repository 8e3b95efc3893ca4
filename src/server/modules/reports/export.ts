import deWeb from '../../../i18n/de/web.json' with { type: 'json' };
import enWeb from '../../../i18n/en/web.json' with { type: 'json' };
import { EvaluationExportQuery, type Breakdown, type Distribution, type EvaluationReport } from '../../../contracts/reports.js';
import type { LanguageCode } from '../../../contracts/common.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { route, signedIn } from '../../platform/http/route.js';
import { z } from 'zod';
import { checkFilter, evaluationReport } from './evaluation.js';
import { attachmentHeaders, renderDocument, type Cell, type DocumentSection, type ReportDocument } from './files.js';

/*
 * The evaluation report as a file (CSV, XLSX, PDF) through the shared renderer (files.ts): one
 * table per figure, labelled in the requested language. Catalogue labels (notice kinds, outcomes,
 * causes …) are the web app's (src/i18n/<lang>/web.json), so the file says what the screen says;
 * the few texts only the file has are below. Suppressed cells read "< 5" (too small) or
 * "suppressed" (hidden so a small one cannot be recomputed), as on the screen.
 */

type Lang = LanguageCode;
const WEB: Record<Lang, unknown> = { de: deWeb, en: enWeb };

const TEXT = {
  de: {
    title: 'Auswertung',
    scope: 'Bereich',
    scopes: { organisation: 'Eigene Organisation', district: 'Ganzer Kreis (nur Summen, kleine Zahlen unterdrückt)' },
    period: 'Zeitraum',
    cohort: 'Fälle zählen zum Zeitraum, wenn ihre erste Meldung darin einging; Meldungen nach ihrem Eingang, Vermittlungen nach dem Tag der Vertragsunterzeichnung, Nachfragen nach ihrer Fälligkeit.',
    cohortLabel: 'Zählweise',
    minimum: 'Kleinste gezeigte Zahl',
    filters: { municipalityId: 'Gemeinden', orgId: 'Organisationen', locationId: 'Beratungsstellen', targetGroup: 'Zielgruppen', noticeKind: 'Meldewege' },
    key: 'Merkmal',
    count: 'Anzahl',
    total: 'Insgesamt',
    primary: (min: number) => `< ${min}`,
    secondary: 'unterdrückt',
    sections: {
      households: 'Gemeldete Haushalte',
      noticesByKind: 'Meldungen nach Meldeweg',
      noticesByMonth: 'Meldungen nach Monat',
      targetGroups: 'Zielgruppen',
      reach: 'Erreichung',
      daysToFirstAttempt: 'Tage bis zum ersten Kontaktversuch',
      daysToFirstConversation: 'Tage bis zum ersten Gespräch',
      outcomes: 'Ergebnisse',
      causes: 'Ursachen der Mietschulden',
      measures: 'Maßnahmen',
      rentDebt: 'Anträge auf Mietschuldenübernahme',
      placementsByMonth: 'Vermittlungen in Wohnungen nach Monat',
      tenancyAfter6: 'Wohnung nach 6 Monaten erhalten',
      tenancyAfter12: 'Wohnung nach 12 Monaten erhalten',
    },
    keys: {
      all: 'Haushalte', reached: 'erreicht', not_reached: 'nicht erreicht', open: 'noch offen',
      in_place: 'Wohnung besteht', not_in_place: 'Wohnung besteht nicht mehr', unknown: 'unbekannt oder noch offen',
    } as Record<string, string>,
    days: (b: string) => `${b} Tage`,
    reachRate: 'Erreichungsquote (%)',
    quartiles: { n: 'Fälle', q1: '1. Quartil (Tage)', median: 'Median (Tage)', q3: '3. Quartil (Tage)' },
    appliedAmount: 'Beantragt (EUR)',
    assumedAmount: 'Übernommen (EUR)',
  },
  en: {
    title: 'Evaluation report',
    scope: 'Scope',
    scopes: { organisation: 'Own organisation', district: 'Whole district (aggregates only, small counts suppressed)' },
    period: 'Period',
    cohort: 'Cases count in the period when their first notice came in it; notices by their receipt, placements by the day the lease was signed, follow-ups by their due day.',
    cohortLabel: 'Counting',
    minimum: 'Smallest count shown',
    filters: { municipalityId: 'Municipalities', orgId: 'Organisations', locationId: 'Counselling locations', targetGroup: 'Target groups', noticeKind: 'Notice channels' },
    key: 'Characteristic',
    count: 'Count',
    total: 'Total',
    primary: (min: number) => `< ${min}`,
    secondary: 'suppressed',
    sections: {
      households: 'Households reported',
      noticesByKind: 'Notices by channel',
      noticesByMonth: 'Notices by month',
      targetGroups: 'Target groups',
      reach: 'Reach',
      daysToFirstAttempt: 'Days to the first contact attempt',
      daysToFirstConversation: 'Days to the first conversation',
      outcomes: 'Outcomes',
      causes: 'Causes of rent debt',
      measures: 'Measures',
      rentDebt: 'Rent-debt assumption applications',
      placementsByMonth: 'Placements into flats by month',
      tenancyAfter6: 'Tenancy in place after 6 months',
      tenancyAfter12: 'Tenancy in place after 12 months',
    },
    keys: {
      all: 'Households', reached: 'reached', not_reached: 'not reached', open: 'still open',
      in_place: 'tenancy in place', not_in_place: 'tenancy ended', unknown: 'unknown or not yet asked',
    } as Record<string, string>,
    days: (b: string) => `${b} days`,
    reachRate: 'Reach rate (%)',
    quartiles: { n: 'Cases', q1: '1st quartile (days)', median: 'Median (days)', q3: '3rd quartile (days)' },
    appliedAmount: 'Applied for (EUR)',
    assumedAmount: 'Assumed (EUR)',
  },
} as const;

/** A label of the web app's catalogue by its path, or null where it has none. */
function webLabel(lang: Lang, path: string): string | null {
  let node: unknown = WEB[lang];
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : null;
}

/** Where the web app keeps each section's catalogue labels. */
const CATALOGUE: Partial<Record<keyof typeof TEXT.de.sections, string>> = {
  noticesByKind: 'intake.kinds',
  targetGroups: 'casefile.targetGroups',
  outcomes: 'closure.outcomes',
  causes: 'closure.causeLabels',
  measures: 'measures.categories',
  rentDebt: 'measures.statuses',
};

function monthLabel(lang: Lang, month: string): string {
  const d = new Date(`${month}-01T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

function keyLabel(lang: Lang, section: keyof typeof TEXT.de.sections, key: string): string {
  const text = TEXT[lang];
  if (/^\d{4}-\d{2}$/.test(key)) return monthLabel(lang, key);
  if (section === 'daysToFirstAttempt' || section === 'daysToFirstConversation') return text.days(key);
  const catalogue = CATALOGUE[section];
  return (catalogue ? webLabel(lang, `${catalogue}.${key}`) : null) ?? text.keys[key] ?? key;
}

function countCell(lang: Lang, count: number | null, state: string | null, min: number | null): Cell {
  if (count !== null) return count;
  return state === 'secondary' ? TEXT[lang].secondary : TEXT[lang].primary(min ?? 0);
}

function breakdownSection(lang: Lang, r: EvaluationReport, section: keyof typeof TEXT.de.sections, b: Breakdown, extra: Record<string, Cell>[] = []): DocumentSection {
  const text = TEXT[lang];
  return {
    title: text.sections[section],
    columns: [{ key: 'key', label: text.key }, { key: 'count', label: text.count }],
    rows: [
      ...b.rows.map((row) => ({ key: keyLabel(lang, section, row.key), count: countCell(lang, row.count, row.suppressed, r.minimumCell) })),
      { key: text.total, count: countCell(lang, b.total, b.totalSuppressed, r.minimumCell) },
      ...extra,
    ],
  };
}

function distributionRows(lang: Lang, d: Distribution): Record<string, Cell>[] {
  const q = TEXT[lang].quartiles;
  return [
    { key: q.q1, count: d.q1 },
    { key: q.median, count: d.median },
    { key: q.q3, count: d.q3 },
  ];
}

const formatDay = (lang: Lang, day: string) => (lang === 'de' ? `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}` : day);

/** The file's document: meta (scope, period, filters by name) and one table per figure. */
export async function evaluationDocument(tx: Tx, r: EvaluationReport, filter: z.output<typeof EvaluationExportQuery>, lang: Lang): Promise<ReportDocument> {
  const text = TEXT[lang];
  const meta: [string, string][] = [
    [text.scope, text.scopes[r.scope]],
    [text.period, `${formatDay(lang, r.from)} – ${formatDay(lang, r.to)}`],
    [text.cohortLabel, text.cohort],
  ];
  if (r.minimumCell !== null) meta.push([text.minimum, String(r.minimumCell)]);
  const names = async (table: 'municipalities' | 'locations' | 'organisations', ids: string[] | undefined) =>
    ids?.length ? (await tx.db.selectFrom(table).select('name').where('id', 'in', ids.map((i) => i.toLowerCase())).orderBy('name').execute()).map((x) => x.name).join(', ') : null;
  const filters: [keyof typeof text.filters, string | null][] = [
    ['orgId', await names('organisations', filter.orgId)],
    ['municipalityId', await names('municipalities', filter.municipalityId)],
    ['locationId', await names('locations', filter.locationId)],
    ['targetGroup', filter.targetGroup?.map((g) => keyLabel(lang, 'targetGroups', g)).join(', ') ?? null],
    ['noticeKind', filter.noticeKind?.map((k) => keyLabel(lang, 'noticesByKind', k)).join(', ') ?? null],
  ];
  for (const [k, v] of filters) if (v) meta.push([text.filters[k], v]);

  const rate = r.reachRate === null ? null : Math.round(r.reachRate * 1000) / 10;
  return {
    title: `${text.title} ${formatDay(lang, r.from)} – ${formatDay(lang, r.to)}`,
    fileName: `${lang === 'de' ? 'auswertung' : 'evaluation'}-${r.from}-${r.to}`,
    meta,
    sections: [
      breakdownSection(lang, r, 'households', r.households),
      breakdownSection(lang, r, 'noticesByKind', r.noticesByKind),
      breakdownSection(lang, r, 'noticesByMonth', r.noticesByMonth),
      breakdownSection(lang, r, 'targetGroups', r.targetGroups),
      breakdownSection(lang, r, 'reach', r.reach, [{ key: text.reachRate, count: rate }]),
      breakdownSection(lang, r, 'daysToFirstAttempt', r.daysToFirstAttempt.buckets, distributionRows(lang, r.daysToFirstAttempt)),
      breakdownSection(lang, r, 'daysToFirstConversation', r.daysToFirstConversation.buckets, distributionRows(lang, r.daysToFirstConversation)),
      breakdownSection(lang, r, 'outcomes', r.outcomes),
      breakdownSection(lang, r, 'causes', r.causes),
      breakdownSection(lang, r, 'measures', r.measures),
      breakdownSection(lang, r, 'rentDebt', r.rentDebt.applications, [
        { key: text.appliedAmount, count: r.rentDebt.appliedAmount },
        { key: text.assumedAmount, count: r.rentDebt.assumedAmount },
      ]),
      breakdownSection(lang, r, 'placementsByMonth', r.placementsByMonth),
      breakdownSection(lang, r, 'tenancyAfter6', r.tenancyAfter6),
      breakdownSection(lang, r, 'tenancyAfter12', r.tenancyAfter12),
    ],
  };
}

export const exportRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/reports/evaluation/export',
    // Either permission, by scope: checked in checkFilter().
    access: 'authenticated',
    summary:
      'The evaluation report as a file: format=csv|xlsx|pdf, lang=de|en, with the same period, scope and filters as GET /reports/evaluation ' +
      '(the same permissions; the district scope suppressed the same way). One table per figure',
    tags: ['reports'],
    query: EvaluationExportQuery,
    response: z.instanceof(Buffer),
    async handler(ctx) {
      const actor = signedIn(ctx);
      const { format, lang, ...filter } = ctx.query;
      checkFilter(actor, filter);
      const doc = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const report = await evaluationReport(tx, filter.scope, filter, { orgId: actor.orgId, minimumCell: ctx.services.config.reportMinimumCell });
        tx.audit({ action: 'report.evaluation.export', details: { scope: filter.scope, from: filter.from, to: filter.to, format } });
        return evaluationDocument(tx, report, ctx.query, lang);
      });
      const file = await renderDocument(format, doc, { createdAt: ctx.services.now() });
      for (const [k, v] of Object.entries(attachmentHeaders(file))) ctx.reply.header(k, v);
      return file.body;
    },
  }),
];
