import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from '../../i18n/de/web.json';
import en from '../../i18n/en/web.json';
import { setApiLanguage } from './api';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'de';
export const LANGUAGE_STORAGE_KEY = 'bleibe.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be unavailable (privacy mode, sandboxed iframes); the default language still works.
    return null;
  }
}

export function hasStoredLanguage(): boolean {
  return readStoredLanguage() !== null;
}

function applyDocumentLanguage(lng: string): void {
  document.documentElement.lang = lng;
  setApiLanguage(lng);
}

export const i18n = i18next.createInstance();

i18n.on('languageChanged', applyDocumentLanguage);

void i18n.use(initReactI18next).init({
  resources: { de: { web: de }, en: { web: en } },
  ns: ['web'],
  defaultNS: 'web',
  lng: readStoredLanguage() ?? DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // Resources are bundled, so initialise synchronously: the first render is already translated.
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

applyDocumentLanguage(i18n.language);

/** The user's explicit choice: remembered in this browser and applied at once. */
export async function chooseLanguage(lng: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // Not persisted, but still switch for this visit.
  }
  await i18n.changeLanguage(lng);
}

/** A language from the user's profile applies only while this browser has no explicit choice. */
export async function applyProfileLanguage(lng: string): Promise<void> {
  if (!isLanguage(lng) || hasStoredLanguage() || i18n.language === lng) return;
  await i18n.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}
