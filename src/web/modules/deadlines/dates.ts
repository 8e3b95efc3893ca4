import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Calendar days (YYYY-MM-DD) are not instants: formatting them through `new Date(day)` in the
 * browser's time zone would show the day before west of Greenwich. They are read and formatted
 * in UTC, so a deadline is always the day the server computed.
 */
function dayToDate(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

function locale(lng: string): string {
  return lng.startsWith('en') ? 'en-GB' : 'de-DE';
}

export function useDayFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(() => {
    const short = new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat(locale(lng), {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const safe = (f: Intl.DateTimeFormat) => (day: string | null | undefined) => {
      if (!day) return '';
      const d = dayToDate(day);
      return d ? f.format(d) : day;
    };
    const money = new Intl.NumberFormat(locale(lng), { style: 'currency', currency: 'EUR' });
    return { short: safe(short), long: safe(long), money: (n: number) => money.format(n) };
  }, [lng]);
}

/** Today in the browser's calendar, as YYYY-MM-DD (the default for "received on"). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
