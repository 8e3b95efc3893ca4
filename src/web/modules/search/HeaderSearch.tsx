import { useEffect, useState, type FormEvent } from 'react';
import { ActionIcon, Group, TextInput, VisuallyHidden } from '@mantine/core';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';

export const HEADER_SEARCH_ID = 'header-search';

/**
 * The case search in the page header: a search landmark with a labelled field; Enter (or the
 * button) opens the results page. "/" anywhere outside a text field puts the cursor here, as on
 * many sites; the field is also an ordinary stop in the tab order.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const [value, setValue] = useState('');

  // On the results page the header field shows what was searched for.
  useEffect(() => {
    if (pathname === '/search') setValue(params.get('q') ?? '');
  }, [pathname, params]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      event.preventDefault();
      document.getElementById(HEADER_SEARCH_ID)?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = value.trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  };

  return (
    <form role="search" aria-label={t('search.landmark')} onSubmit={submit}>
      <Group gap={4} wrap="nowrap">
        <TextInput
          id={HEADER_SEARCH_ID}
          type="search"
          size="sm"
          w={{ base: 150, sm: 240 }}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          aria-describedby={`${HEADER_SEARCH_ID}-hint`}
        />
        <VisuallyHidden id={`${HEADER_SEARCH_ID}-hint`}>{t('search.hint')}</VisuallyHidden>
        <ActionIcon type="submit" variant="default" size="lg" aria-label={t('search.submit')}>
          <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round">
            <circle cx="11" cy="11" r="7" />
            <path d="m20 20-3.5-3.5" />
          </svg>
        </ActionIcon>
      </Group>
    </form>
  );
}
