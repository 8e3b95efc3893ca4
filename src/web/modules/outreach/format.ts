import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Instants (when an attempt was made) in the reader's language and the browser's time zone. */
export function useInstantFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(lng.startsWith('en') ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string | null | undefined) => (iso ? f.format(new Date(iso)) : '');
  }, [lng]);
}
