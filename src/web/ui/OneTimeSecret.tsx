import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A secret the server shows exactly once (temporary password, recovery codes). */
export function OneTimeSecret({ title, hint, values }: { title: string; hint: string; values: string[] }) {
  const { t } = useTranslation();
  const text = values.join('\n');
  return (
    <Alert color="blue" title={title} role="note">
      <Stack gap="sm">
        <Text>{hint}</Text>
        <Code block fz="md" data-testid="one-time-secret">
          {text}
        </Code>
        <Group>
          <CopyButton value={text}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
