import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PseudonymisedExportInput } from '../../../contracts/official-statistics';
import { apiDownload } from '../../app/api';
import { FormError, useFormErrors } from '../../app/errors';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { presetPeriod } from './params';

const FORMATS = ['csv', 'xlsx', 'pdf'] as const;

/** Hands a received file to the browser's download (the export comes from a POST, so no plain link can fetch it). */
function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * /statistics/export: the pseudonymised case-level export for evaluators. The export key is typed
 * here and sent in the request body (never in an address); it is not kept in the page after the
 * download.
 */
export function PseudonymisedPage() {
  const { t } = useTranslation();
  const lastYear = presetPeriod('lastYear');
  const [from, setFrom] = useState(lastYear.from);
  const [to, setTo] = useState(lastYear.to);
  const [key, setKey] = useState('');
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('csv');
  const errors = useFormErrors();
  const notice = useNotice();
  const [tried, setTried] = useState(false);
  const tooShort = (tried || key.length > 0) && key.length < 12;
  const reversed = from > to;
  const run = useMutation({
    mutationFn: () => {
      const body: PseudonymisedExportInput = { from, to, key, format };
      return apiDownload('/reports/pseudonymised-export', body);
    },
    onMutate: () => {
      errors.clear();
      notice.clear();
    },
    onSuccess: ({ blob, fileName }) => {
      const name = fileName ?? `bleibe-pseudonymised-${from}-${to}.${format}`;
      saveFile(blob, name);
      setKey('');
      setTried(false);
      notice.show(t('reports.pseudonymised.saved', { name }));
    },
    onError: errors.setError,
  });

  return (
    <>
      <PageHeader title={t('reports.pseudonymised.title')} description={t('reports.pseudonymised.description')} />
      <Stack gap="lg">
        <Notice notice={notice.notice} onClose={notice.clear} />
        <Paper withBorder p="md" maw={640}>
          <form
            noValidate
            aria-label={t('reports.pseudonymised.formLabel')}
            onSubmit={(e) => {
              e.preventDefault();
              setTried(true);
              if (key.length < 12 || reversed) return;
              run.mutate();
            }}
          >
            <Stack gap="md">
              <FormError error={errors.error} knownPaths={['from', 'to', 'key', 'format']} />
              <Text size="sm">{t('reports.pseudonymised.contents')}</Text>
              <Group align="flex-start" gap="md" wrap="wrap">
                <TextInput type="date" label={t('reports.filters.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.field('from')} required />
                <TextInput
                  type="date"
                  label={t('reports.filters.to')}
                  value={to}
                  onChange={(e) => setTo(e.currentTarget.value)}
                  error={reversed ? t('reports.filters.toBeforeFrom') : errors.field('to')}
                  required
                />
              </Group>
              <PasswordInput
                label={t('reports.pseudonymised.key')}
                description={t('reports.pseudonymised.keyHint')}
                value={key}
                onChange={(e) => setKey(e.currentTarget.value)}
                error={tooShort ? t('reports.pseudonymised.keyTooShort') : errors.field('key')}
                autoComplete="off"
                minLength={12}
                maxLength={200}
                required
                visibilityToggleButtonProps={{ 'aria-label': t('reports.pseudonymised.showKey') }}
              />
              <NativeSelect
                label={t('reports.pseudonymised.format')}
                value={format}
                onChange={(e) => setFormat(e.currentTarget.value as (typeof FORMATS)[number])}
                data={FORMATS.map((f) => ({ value: f, label: t(`reports.pseudonymised.formats.${f}`) }))}
                error={errors.field('format')}
              />
              <Group>
                <Button type="submit" loading={run.isPending}>
                  {t('reports.pseudonymised.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </>
  );
}
