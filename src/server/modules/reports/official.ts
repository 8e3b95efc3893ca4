import { sql } from 'kysely';
import { z } from 'zod';
import {
  FederalCount,
  NrwCount,
  OfficialQuery,
  type FederalRecord,
  type NrwRecord,
  type Totals,
} from '../../../contracts/official-statistics.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { federalCount, lastReferenceDay, nrwCount, type CounselledPersonRow, type PlacedPersonRow } from '../../../domain/reports/official.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { route, signedIn } from '../../platform/http/route.js';
import { attachmentHeaders, renderDocument, type DocumentSection, type ReportDocument } from './files.js';

/*
 * The official stock counts (issue 7 item 3; docs/statistics.md): the rows come from the
 * SECURITY DEFINER functions of migration 017 (every organisation's placements and cases, no
 * names, ids, addresses or birth dates), the records and totals from domain/reports/official.ts.
 * Both are computed from the dated rows (placement dates, closure dates, the living situation's
 * history), so a count for a past day comes out the same whenever it is run.
 *
 * Files: the CSV has one row per person, the characteristics in the law's order as codes (a fixed
 * English header, whatever the language: it is read by programs); XLSX and PDF add the totals.
 */

const TAGS = ['reports'];
type Lang = 'de' | 'en';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const day = (d: string | Date) =>
  d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : String(d).slice(0, 10);

export async function placedPersonRows(tx: Tx, on: string): Promise<PlacedPersonRow[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from official_placed_persons(${on}::date)`.execute(tx.db);
  return rows.map((r) => ({
    placementNo: Number(r.placement_no),
    placedPersons: Number(r.placed_persons),
    memberNo: num(r.member_no),
    relation: (r.relation as string | null) ?? null,
    sex: (r.sex as PlacedPersonRow['sex']) ?? null,
    age: num(r.age),
    nationality: (r.nationality as string | null) ?? null,
    provisionType: r.provision_type as PlacedPersonRow['provisionType'],
    providerType: r.provider_type as PlacedPersonRow['providerType'],
    welfareAssociation: (r.welfare_association as PlacedPersonRow['welfareAssociation']) ?? null,
    movedInOn: day(r.moved_in_on as string | Date),
    ags: String(r.ags),
  }));
}

export async function counselledPersonRows(tx: Tx, on: string): Promise<CounselledPersonRow[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from official_homeless_counselled(${on}::date)`.execute(tx.db);
  return rows.map((r) => ({
    caseNo: Number(r.case_no),
    memberNo: num(r.member_no),
    relation: (r.relation as string | null) ?? null,
    sex: (r.sex as CounselledPersonRow['sex']) ?? null,
    age: num(r.age),
    nationality: (r.nationality as string | null) ?? null,
    livingSituation: String(r.living_situation),
    ags: (r.ags as string | null) ?? null,
  }));
}

// ---- files -------------------------------------------------------------------------------------

const L = {
  de: {
    federalTitle: 'Bundesstatistik untergebrachter wohnungsloser Personen (WoBerichtsG)',
    nrwTitle: 'Integrierte Wohnungsnotfall-Berichterstattung NRW',
    on: 'Stichtag',
    persons: 'Personen',
    placements: 'Unterbringungen (Haushalte)',
    unlisted: 'davon Personen ohne Angaben in der Fallakte',
    placed: 'untergebracht',
    counselled: 'nicht untergebracht, in Beratung ohne Wohnung',
    records: 'Personen (Einzeldatensätze)',
    key: 'Merkmal',
    count: 'Anzahl',
    totals: {
      sex: 'Geschlecht',
      ageGroup: 'Altersgruppe',
      nationality: 'Staatsangehörigkeit',
      nationalityGroup: 'Staatsangehörigkeit',
      householdType: 'Haushaltstyp',
      householdSize: 'Haushaltsgröße',
      provisionType: 'Art der Überlassung',
      providerType: 'Anbieter',
      welfareAssociation: 'Wohlfahrtsverband',
      municipalityKey: 'Gemeindeschlüssel',
      situation: 'Wohnsituation am Stichtag',
    } as Record<string, string>,
    columns: {
      sex: 'Geschlecht',
      age: 'Alter',
      ageGroup: 'Altersgruppe',
      nationality: 'Staatsangehörigkeit',
      nationalityCode: 'Staat (ISO)',
      nationalityGroup: 'Staatsangehörigkeit',
      householdType: 'Haushaltstyp',
      householdSize: 'Haushaltsgröße',
      provisionType: 'Art der Überlassung',
      providerType: 'Anbieter',
      welfareAssociation: 'Verband',
      placedSince: 'Beginn der Überlassung',
      municipalityKey: 'Gemeindeschlüssel',
      situation: 'Wohnsituation',
    } as Record<string, string>,
  },
  en: {
    federalTitle: 'Federal statistics of accommodated homeless persons (WoBerichtsG)',
    nrwTitle: 'NRW integrated housing-emergency count',
    on: 'Reference day',
    persons: 'Persons',
    placements: 'Placements (households)',
    unlisted: 'of them persons not listed in the case file',
    placed: 'placed',
    counselled: 'not placed, counselled as homeless',
    records: 'Persons (records)',
    key: 'Characteristic',
    count: 'Count',
    totals: {
      sex: 'Sex',
      ageGroup: 'Age group',
      nationality: 'Nationality',
      nationalityGroup: 'Nationality',
      householdType: 'Household type',
      householdSize: 'Household size',
      provisionType: 'Kind of provision',
      providerType: 'Provider',
      welfareAssociation: 'Welfare association',
      municipalityKey: 'Municipality key',
      situation: 'Situation on the reference day',
    } as Record<string, string>,
    columns: {
      sex: 'Sex',
      age: 'Age',
      ageGroup: 'Age group',
      nationality: 'Nationality',
      nationalityCode: 'Country (ISO)',
      nationalityGroup: 'Nationality',
      householdType: 'Household type',
      householdSize: 'Household size',
      provisionType: 'Kind of provision',
      providerType: 'Provider',
      welfareAssociation: 'Association',
      placedSince: 'Placed since',
      municipalityKey: 'Municipality key',
      situation: 'Situation',
    } as Record<string, string>,
  },
};

/** The federal file's columns: the § 4 characteristics in the law's order (CSV header = these codes). */
export const FEDERAL_COLUMNS = [
  ['sex', 'sex'],
  ['age', 'age'],
  ['nationality', 'nationality'],
  ['nationalityCode', 'nationality_code'],
  ['householdType', 'household_type'],
  ['householdSize', 'household_size'],
  ['provisionType', 'provision_type'],
  ['providerType', 'provider_type'],
  ['welfareAssociation', 'welfare_association'],
  ['placedSince', 'placed_since'],
  ['municipalityKey', 'municipality_key'],
] as const satisfies readonly (readonly [keyof FederalRecord, string])[];

export const NRW_COLUMNS = [
  ['ageGroup', 'age_group'],
  ['sex', 'sex'],
  ['nationalityGroup', 'nationality_group'],
  ['householdType', 'household_type'],
  ['situation', 'situation'],
  ['municipalityKey', 'municipality_key'],
] as const satisfies readonly (readonly [keyof NrwRecord, string])[];

function recordsSection<R extends object>(
  format: 'csv' | 'xlsx' | 'pdf',
  lang: Lang,
  title: string,
  columns: readonly (readonly [keyof R & string, string])[],
  records: R[],
): DocumentSection {
  return {
    title,
    // CSV: fixed codes as the header (machine-readable); XLSX/PDF: labels in the reader's language.
    columns: columns.map(([key, code]) => ({ key, label: format === 'csv' ? code : (L[lang].columns[key] ?? code) })),
    rows: records.map((r) => Object.fromEntries(columns.map(([key]) => [key, ((r as Record<string, unknown>)[key] as string | number | null) ?? null]))),
  };
}

function totalsSections(lang: Lang, totals: Record<string, Totals>): DocumentSection[] {
  return Object.entries(totals).map(([name, list]) => ({
    title: L[lang].totals[name] ?? name,
    columns: [
      { key: 'key', label: L[lang].key },
      { key: 'count', label: L[lang].count },
    ],
    rows: list.map((t) => ({ key: t.key, count: t.count })),
  }));
}

export function federalDocument(format: 'csv' | 'xlsx' | 'pdf', lang: Lang, c: FederalCount): ReportDocument {
  const l = L[lang];
  const records = recordsSection(format, lang, l.records, FEDERAL_COLUMNS, c.records);
  return {
    title: `${l.federalTitle} ${c.on}`,
    fileName: `bleibe-bundesstatistik-${c.on}`,
    meta: [
      [l.on, c.on],
      [l.persons, String(c.persons)],
      [l.placements, String(c.placements)],
      [l.unlisted, String(c.unlistedPersons)],
    ],
    sections: format === 'csv' ? [records] : [...totalsSections(lang, c.totals), records],
  };
}

export function nrwDocument(format: 'csv' | 'xlsx' | 'pdf', lang: Lang, c: NrwCount): ReportDocument {
  const l = L[lang];
  const records = recordsSection(format, lang, l.records, NRW_COLUMNS, c.records);
  return {
    title: `${l.nrwTitle} ${c.on}`,
    fileName: `bleibe-nrw-wohnungsnotfaelle-${c.on}`,
    meta: [
      [l.on, c.on],
      [l.persons, String(c.persons)],
      [l.placed, String(c.placed)],
      [l.counselled, String(c.counselled)],
    ],
    sections: format === 'csv' ? [records] : [...totalsSections(lang, c.totals), records],
  };
}

// ---- routes ------------------------------------------------------------------------------------

const FileOr = <T extends z.ZodType>(json: T) => z.union([json, z.instanceof(Buffer)]);

export const officialRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/reports/official/federal',
    access: 'reports.official',
    summary:
      'The federal stock count (WoBerichtsG) for a reference day (default: the last 31 January): every person placed in an accommodation that night, ' +
      'one record per person with the § 4 characteristics (sex, age, nationality, household type and size, kind of provision, provider, welfare association, ' +
      'start of the placement, municipality key), across all organisations, without names or addresses. format=json (records and totals), csv (the records ' +
      'in the characteristics’ order, codes as in docs/statistics.md), xlsx or pdf (totals and records). Reproducible for past days; audited',
    tags: TAGS,
    query: OfficialQuery,
    response: FileOr(FederalCount),
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const q = ctx.query;
      const on = q.on ?? lastReferenceDay(localDay(ctx.services.now()), 1, 31);
      const count = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = federalCount(on, await placedPersonRows(tx, on));
        tx.audit({ action: 'report.official_federal', details: { on, format: q.format, persons: c.persons } });
        return c;
      });
      if (q.format === 'json') return count;
      const file = await renderDocument(q.format, federalDocument(q.format, q.lang, count), { createdAt: ctx.services.now() });
      ctx.reply.headers(attachmentHeaders(file));
      return file.body;
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/reports/official/nrw',
    access: 'reports.official',
    summary:
      'The NRW count (Integrierte Wohnungsnotfall-Berichterstattung) for a reference day (default: the last 30 June): the persons placed that night plus ' +
      'the members of open cases whose living situation that day was roofless or houseless (ETHOS Light 1–4) and who were not placed; by age group, sex, ' +
      'nationality group, household type and situation. format=json|csv|xlsx|pdf. Reproducible for past days (living-situation history); audited',
    tags: TAGS,
    query: OfficialQuery,
    response: FileOr(NrwCount),
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const q = ctx.query;
      const on = q.on ?? lastReferenceDay(localDay(ctx.services.now()), 6, 30);
      const count = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = nrwCount(on, await placedPersonRows(tx, on), await counselledPersonRows(tx, on));
        tx.audit({ action: 'report.official_nrw', details: { on, format: q.format, persons: c.persons } });
        return c;
      });
      if (q.format === 'json') return count;
      const file = await renderDocument(q.format, nrwDocument(q.format, q.lang, count), { createdAt: ctx.services.now() });
      ctx.reply.headers(attachmentHeaders(file));
      return file.body;
    },
  }),
];
