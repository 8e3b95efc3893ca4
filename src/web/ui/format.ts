import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

function locale(lng: string): string {
  // British English for day-month order; German users and partners expect that in both languages.
  return lng.startsWith('en') ? 'en-GB' : 'de-DE';
}

/** Date formatters for the current UI language; invalid or missing input renders as an empty string. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium' });
    const safe = (f: Intl.DateTimeFormat) => (value: string | null | undefined) => {
      if (!value) return '';
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : f.format(d);
    };
    const number = new Intl.NumberFormat(locale(lng));
    return { dateTime: safe(dateTime), date: safe(date), number: (n: number) => number.format(n) };
  }, [lng]);
}
