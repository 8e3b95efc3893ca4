import { useMemo } from 'react';
import { Anchor, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Indicator } from '../../../contracts/reports';

const MONTH = /^\d{4}-\d{2}$/;

/**
 * The catalogue that names an indicator's row keys (the server sends codes, the UI labels them).
 * Prefixes, not keys: in backticks, so the catalogue test does not take them for literal keys.
 */
const CATALOGUE: Partial<Record<Indicator, string>> = {
  notices_by_kind: `intake.kinds`,
  target_groups: `casefile.targetGroups`,
  outcomes: `closure.outcomes`,
  causes: `closure.causeLabels`,
  measures: `measures.categories`,
  rent_debt: `measures.statuses`,
  reach: `reports.keys.reach`,
  days_to_first_attempt: `reports.keys.days`,
  days_to_first_conversation: `reports.keys.days`,
  tenancy_after_6: `reports.keys.tenancy`,
  tenancy_after_12: `reports.keys.tenancy`,
  households: `reports.keys.households`,
};

/** A month key ("2026-03") in the UI language ("März 2026" / "Mar 2026"). */
export function useMonthLabel() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(i18n.language.startsWith('en') ? 'en-GB' : 'de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    return (month: string) => {
      if (!MONTH.test(month)) return month;
      const d = new Date(`${month}-01T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? month : f.format(d);
    };
  }, [i18n.language]);
}

/** The label of one row; an unknown code (a newer server) is shown as it is rather than hidden. */
export function useKeyLabel() {
  const { t, i18n } = useTranslation();
  const month = useMonthLabel();
  return (indicator: Indicator, key: string): string => {
    if (key === 'open' && indicator === 'outcomes') return t('reports.keys.open');
    if (indicator === 'notices_by_month' || indicator === 'placements_by_month') return month(key);
    const catalogue = CATALOGUE[indicator];
    if (!catalogue) return key;
    const path = `${catalogue}.${key}`;
    return i18n.exists(path) ? t(path) : key;
  };
}

export function useNumber() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const lng = i18n.language.startsWith('en') ? 'en-GB' : 'de-DE';
    const int = new Intl.NumberFormat(lng);
    const pct = new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 1 });
    const days = new Intl.NumberFormat(lng, { maximumFractionDigits: 1 });
    const money = new Intl.NumberFormat(lng, { style: 'currency', currency: 'EUR' });
    return { int: (n: number) => int.format(n), percent: (n: number) => pct.format(n), days: (n: number) => days.format(n), money: (n: number) => money.format(n) };
  }, [i18n.language]);
}

/**
 * A suppressed count is never shown as 0: a primary suppression reads "< 5" (fewer than the
 * smallest cell shown), a secondary one "unterdrückt" (hidden so the small one cannot be
 * recomputed from a total). The legend on the page explains both.
 */
export function suppressedText(suppressed: 'primary' | 'secondary' | null, minimumCell: number | null, t: TFunction): string {
  return suppressed === 'primary' && minimumCell !== null ? t('reports.suppression.primaryCell', { min: minimumCell }) : t('reports.suppression.secondaryCell');
}

/**
 * One count in a table: the number, a link to the cases behind it (organisation scope, non-zero),
 * or the suppression text. The link's name says what it opens, not just "12".
 */
export function CountCell({
  count,
  suppressed,
  minimumCell,
  href,
  label,
}: {
  count: number | null;
  suppressed: 'primary' | 'secondary' | null;
  minimumCell: number | null;
  href?: string | null;
  label: string;
}) {
  const { t } = useTranslation();
  const n = useNumber();
  if (count === null) return <span className="report-suppressed">{suppressedText(suppressed, minimumCell, t)}</span>;
  if (!href || count === 0) return <>{n.int(count)}</>;
  return (
    <Anchor component={Link} to={href}>
      {n.int(count)}{' '}
      <VisuallyHidden>{t('reports.drill.linkSuffix', { label })}</VisuallyHidden>
    </Anchor>
  );
}
