import i18next, { type TFunction } from 'i18next';
import deErrors from '../../../i18n/de/errors.json' with { type: 'json' };
import enErrors from '../../../i18n/en/errors.json' with { type: 'json' };
import type { LanguageCode } from '../../../contracts/common.js';

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: 'de',
  fallbackLng: 'de',
  supportedLngs: ['de', 'en'],
  ns: ['errors'],
  defaultNS: 'errors',
  resources: { de: { errors: deErrors }, en: { errors: enErrors } },
  interpolation: { escapeValue: false },
});

export type Translate = TFunction;

export function translatorFor(lang: LanguageCode): Translate {
  return instance.getFixedT(lang, 'errors');
}

/** Picks German or English from an Accept-Language header; German is the default. */
export function negotiateLanguage(header: string | undefined): LanguageCode {
  if (!header) return 'de';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.lang === 'de' || x.lang === 'en')
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as LanguageCode) ?? 'de';
}
