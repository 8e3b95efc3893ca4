import { useEffect, type ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const PAGE_TITLE_ID = 'page-title';

/**
 * The page's only h1, and the document title that goes with it. The heading is focusable (tabIndex -1)
 * so the layout can move focus to it after client-side navigation, as a full page load would.
 */
export function PageHeader({
  title,
  documentTitle,
  description,
  actions,
}: {
  title: string;
  /** Shorter title for the browser tab when the heading is a sentence (e.g. a greeting). */
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const appName = t('app.name');
  const tabTitle = documentTitle ?? title;
  useEffect(() => {
    document.title = `${tabTitle} · ${appName}`;
  }, [tabTitle, appName]);

  return (
    <Stack gap="xs" mb="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Title order={1} id={PAGE_TITLE_ID} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Title>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
      {description ? <Text>{description}</Text> : null}
    </Stack>
  );
}
