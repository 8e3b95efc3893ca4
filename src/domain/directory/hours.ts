import { WEEKDAYS, type Weekday } from '../../contracts/directory.js';

/**
 * Opening hours in HSDS schedule form: a weekly rule (freq WEEKLY, byday "MO,WE") with opening
 * and closing times. HSDS asks for times with a UTC offset, but a fixed offset is wrong for half
 * the year in Germany; times are therefore stored and exported as local wall-clock time of the
 * district, and an imported offset of +01:00 or +02:00 (CET/CEST) is read as that local time.
 */

/** Sorts and de-duplicates weekday codes into Monday-first order. */
export function normaliseDays(days: readonly Weekday[]): Weekday[] {
  return WEEKDAYS.filter((d) => days.includes(d));
}

/** HSDS byday ("MO,TU") → weekdays; null when it holds anything else (ordinals such as "2MO" are monthly rules). */
export function parseByDay(byday: string): Weekday[] | null {
  const parts = byday.split(',').map((p) => p.trim().toUpperCase()).filter(Boolean);
  if (!parts.length) return null;
  if (!parts.every((p): p is Weekday => (WEEKDAYS as readonly string[]).includes(p))) return null;
  return normaliseDays(parts);
}

export const formatByDay = (days: readonly Weekday[]) => normaliseDays(days).join(',');

/**
 * "09:00", "09:00:00", "09:00+01:00", "09:00:00+02:00" → "09:00"; null for anything else,
 * including UTC ("Z") and offsets outside Germany's, which would name another wall-clock time.
 */
export function parseLocalTime(value: string): string | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const offset = m[4];
  if (offset !== undefined && !['+01:00', '+0100', '+02:00', '+0200'].includes(offset)) return null;
  if (m[3] !== undefined && m[3] !== '00') return null;
  return `${m[1]}:${m[2]}`;
}

const DAY_LABELS_DE: Record<Weekday, string> = { MO: 'Mo', TU: 'Di', WE: 'Mi', TH: 'Do', FR: 'Fr', SA: 'Sa', SU: 'So' };

/** Consecutive days as ranges: MO,TU,WE,FR → "Mo–Mi, Fr". */
export function describeDays(days: readonly Weekday[], labels: Record<Weekday, string> = DAY_LABELS_DE): string {
  const idx = normaliseDays(days).map((d) => WEEKDAYS.indexOf(d));
  const ranges: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
    const from = labels[WEEKDAYS[idx[i]]];
    const to = labels[WEEKDAYS[idx[j]]];
    ranges.push(j === i ? from : j === i + 1 ? `${from}, ${to}` : `${from}–${to}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

/** The human-readable German line an HSDS schedule carries beside its rule. */
export function describeHours(h: { days: readonly Weekday[]; opens: string; closes: string }): string {
  return `${describeDays(h.days)} ${h.opens}–${h.closes} Uhr`;
}
