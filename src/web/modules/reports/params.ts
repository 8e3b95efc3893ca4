import { NOTICE_KINDS } from '../../../contracts/intake';
import { TARGET_GROUPS } from '../../../contracts/casefile';
import type { Indicator, ReportScope } from '../../../contracts/reports';
import { INDICATORS } from '../../../contracts/reports';
import { todayIso } from '../deadlines/dates';

/*
 * The report's period, scope and filters live in the page address (?from=&to=&scope=&…), so a
 * report can be bookmarked and shared and the back button steps through the changes. The same
 * parameters, unchanged, go to the API (report, drill-down, export).
 */

export const FILTER_KEYS = ['municipalityId', 'locationId', 'targetGroup', 'noticeKind', 'orgId'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface ReportParams {
  from: string;
  to: string;
  scope: ReportScope;
  /** One value per filter in the UI; absent: no restriction. */
  filters: Partial<Record<FilterKey, string>>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string | null): v is string => !!v && DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Values a filter may take; anything else in a hand-edited address is dropped, not sent. */
function validFilter(key: FilterKey, value: string): boolean {
  if (key === 'targetGroup') return (TARGET_GROUPS as readonly string[]).includes(value);
  if (key === 'noticeKind') return (NOTICE_KINDS as readonly string[]).includes(value);
  return UUID.test(value);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export const PRESETS = ['thisYear', 'lastYear', 'last12Months', 'lastQuarter'] as const;
export type Preset = (typeof PRESETS)[number];

/** The period of a preset relative to today (calendar days, no time zones involved). */
export function presetPeriod(preset: Preset, today = todayIso()): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  switch (preset) {
    case 'thisYear':
      return { from: `${y}-01-01`, to: today };
    case 'lastYear':
      return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
    case 'last12Months': {
      // The same day a year ago, plus one: twelve whole months ending today.
      const start = new Date(Date.UTC(y - 1, m, Number(today.slice(8, 10)) + 1));
      return { from: iso(start), to: today };
    }
    case 'lastQuarter': {
      // The last complete calendar quarter.
      const q = Math.floor(m / 3);
      const start = new Date(Date.UTC(y, (q - 1) * 3, 1));
      const end = new Date(Date.UTC(y, q * 3, 0));
      return { from: iso(start), to: iso(end) };
    }
  }
}

/** Which preset the period equals, if any (the button is then shown as pressed). */
export function matchingPreset(from: string, to: string, today = todayIso()): Preset | null {
  return PRESETS.find((p) => {
    const period = presetPeriod(p, today);
    return period.from === from && period.to === to;
  }) ?? null;
}

/**
 * Reads the address. The default scope is the one the user may see first (the own organisation for
 * case workers, the district for the statistics role); the default period is this year.
 */
export function parseReportParams(search: URLSearchParams, allowed: ReportScope[]): ReportParams {
  const defaults = presetPeriod('thisYear');
  const requested = search.get('scope');
  const scope = allowed.find((s) => s === requested) ?? allowed[0] ?? 'organisation';
  const filters: ReportParams['filters'] = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (!value || !validFilter(key, value)) continue;
    // The organisation filter only exists in the district scope.
    if (key === 'orgId' && scope !== 'district') continue;
    filters[key] = value;
  }
  return {
    from: isDay(search.get('from')) ? search.get('from')! : defaults.from,
    to: isDay(search.get('to')) ? search.get('to')! : defaults.to,
    scope,
    filters,
  };
}

/** The parameters as a query string (also what the API takes): period, scope, then the filters set. */
export function reportSearch(p: ReportParams): URLSearchParams {
  const search = new URLSearchParams({ from: p.from, to: p.to, scope: p.scope });
  for (const key of FILTER_KEYS) {
    const value = p.filters[key];
    if (value && !(key === 'orgId' && p.scope !== 'district')) search.set(key, value);
  }
  return search;
}

export interface DrillDown {
  indicator: Indicator;
  key: string;
  page: number;
}

export function parseDrillDown(search: URLSearchParams): DrillDown | null {
  const indicator = search.get('indicator');
  const key = search.get('key');
  if (!indicator || !(INDICATORS as readonly string[]).includes(indicator) || !key || key.length > 40) return null;
  const page = Number(search.get('page') ?? '1');
  return { indicator: indicator as Indicator, key, page: Number.isInteger(page) && page >= 1 ? page : 1 };
}

/** The address of the cases behind one number: the report's own parameters plus indicator and key. */
export function drillDownHref(p: ReportParams, indicator: Indicator, key: string, page = 1): string {
  const search = reportSearch(p);
  search.set('indicator', indicator);
  search.set('key', key);
  if (page > 1) search.set('page', String(page));
  return `/reports/cases?${search.toString()}`;
}

/** The download address of the report as a file, with the same filters and the UI language. */
export function exportHref(p: ReportParams, format: 'csv' | 'xlsx' | 'pdf', lang: 'de' | 'en'): string {
  const search = reportSearch(p);
  search.set('format', format);
  search.set('lang', lang);
  return `/api/v1/reports/evaluation/export?${search.toString()}`;
}

export const reportKeys = {
  all: ['reports'] as const,
  evaluation: (qs: string) => ['reports', 'evaluation', qs] as const,
  cases: (qs: string) => ['reports', 'cases', qs] as const,
  dashboard: ['reports', 'dashboard'] as const,
};
