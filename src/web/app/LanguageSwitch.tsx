import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, chooseLanguage, currentLanguage, isLanguage } from './i18n';

/**
 * A native <select>: keyboard and screen-reader behaviour come from the browser. Each language is named
 * in itself ("Deutsch", "English") so people can find theirs whatever the current language is.
 */
export function LanguageSwitch() {
  // useTranslation re-renders this component whenever the language changes.
  const { t } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLanguage(next)) void chooseLanguage(next);
      }}
      size="sm"
      w={120}
    >
      {LANGUAGES.map((lng) => (
        <option key={lng} value={lng} lang={lng}>
          {t(`language.names.${lng}`)}
        </option>
      ))}
    </NativeSelect>
  );
}
