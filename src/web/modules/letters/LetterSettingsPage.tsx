import { useEffect, useState } from 'react';
import { Button, Code, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  LETTER_LANGUAGES,
  LETTER_TEMPLATES,
  type Letterhead,
  type LetterLanguage,
  type LetterSettings,
  type LetterTemplateKey,
  type LetterTemplateText,
} from '../../../contracts/letters';
import { apiRequest, api } from '../../app/api';
import { FormError, QueryError, useFormErrors } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';

const KEY = ['letter-settings'] as const;

/** Administration "Briefvorlagen": the letterhead and the organisation's wording of each letter. */
export function LetterSettingsPage() {
  const { t } = useTranslation();
  const { notice, show, clear } = useNotice();
  const query = useQuery({ queryKey: KEY, queryFn: () => api.get<LetterSettings>('/letter-templates') });
  return (
    <Stack>
      <PageHeader title={t('letters.settings.title')} description={t('letters.settings.description')} />
      <Notice notice={notice} onClose={clear} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <LetterheadForm letterhead={query.data.letterhead} onSaved={() => show(t('letters.settings.letterheadSaved'))} />
          <TemplateEditor templates={query.data.templates} onSaved={(m) => show(m)} />
        </>
      )}
    </Stack>
  );
}

function LetterheadForm({ letterhead, onSaved }: { letterhead: Letterhead; onSaved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [senderName, setSenderName] = useState(letterhead.senderName ?? '');
  const [footer, setFooter] = useState(letterhead.footer ?? '');
  const save = useMutation({
    mutationFn: () =>
      apiRequest<Letterhead>('/letterhead', {
        method: 'PUT',
        body: { senderName: senderName.trim() || null, footer: footer.trim() || null, ...(letterhead.version ? { version: letterhead.version } : {}) },
      }),
    onMutate: () => errors.clear(),
    onError: (e) => errors.setError(e),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: KEY });
      onSaved();
    },
  });
  return (
    <Paper component="section" aria-labelledby="letterhead-heading" withBorder p="md">
      <Title order={2} size="h3" id="letterhead-heading" mb="sm">
        {t('letters.settings.letterhead')}
      </Title>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Stack gap="sm" maw={640}>
          <Text size="sm">
            {`${t('letters.settings.organisation')}: ${letterhead.organisationName}${letterhead.organisationAddress ? `, ${letterhead.organisationAddress}` : ''}`}
          </Text>
          <TextInput
            label={t('letters.settings.senderName')}
            description={t('letters.settings.senderNameHint')}
            value={senderName}
            onChange={(e) => setSenderName(e.currentTarget.value)}
            maxLength={200}
            error={errors.field('senderName')}
          />
          <Textarea label={t('letters.settings.footer')} description={t('letters.settings.footerHint')} value={footer} onChange={(e) => setFooter(e.currentTarget.value)} maxLength={1000} rows={3} error={errors.field('footer')} />
          <FormError error={errors.error} knownPaths={['senderName', 'footer']} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function TemplateEditor({ templates, onSaved }: { templates: LetterTemplateText[]; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [template, setTemplate] = useState<LetterTemplateKey>('first_contact');
  const [language, setLanguage] = useState<LetterLanguage>('de');
  const current = templates.find((x) => x.template === template && x.language === language)!;
  const [subject, setSubject] = useState(current.subject);
  const [body, setBody] = useState(current.body);
  // Another template or language chosen, or the text saved: the form shows what is stored.
  useEffect(() => {
    setSubject(current.subject);
    setBody(current.body);
    errors.clear();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current.subject, current.body, current.version, template, language]);
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: KEY });
    onSaved(message);
  };
  const save = useMutation({
    mutationFn: () =>
      apiRequest<LetterTemplateText>('/letter-templates', {
        method: 'PUT',
        body: { template, language, subject, body, ...(current.version ? { version: current.version } : {}) },
      }),
    onMutate: () => errors.clear(),
    onError: (e) => errors.setError(e),
    onSuccess: () => done(t('letters.settings.templateSaved')),
  });
  const reset = useMutation({
    mutationFn: () => api.post<LetterTemplateText>('/letter-templates/reset', { template, language, version: current.version }),
    onMutate: () => errors.clear(),
    onError: (e) => errors.setError(e),
    onSuccess: () => done(t('letters.settings.templateReset')),
  });
  const rtl = language === 'ar';
  return (
    <Paper component="section" aria-labelledby="templates-heading" withBorder p="md">
      <Title order={2} size="h3" id="templates-heading" mb="sm">
        {t('letters.settings.templates')}
      </Title>
      <Stack gap="sm">
        <Group align="flex-end">
          <Select
            label={t('letters.template')}
            data={LETTER_TEMPLATES.map((v) => ({ value: v, label: t(`letters.templates.${v}`) }))}
            value={template}
            onChange={(v) => v && setTemplate(v as LetterTemplateKey)}
            allowDeselect={false}
          />
          <Select
            label={t('letters.language')}
            data={LETTER_LANGUAGES.map((v) => ({ value: v, label: t(`letters.languages.${v}`) }))}
            value={language}
            onChange={(v) => v && setLanguage(v as LetterLanguage)}
            allowDeselect={false}
          />
          <StatusBadge tone={current.custom ? 'info' : 'neutral'}>{current.custom ? t('letters.settings.custom') : t('letters.settings.default')}</StatusBadge>
        </Group>
        <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
          <Stack gap="sm">
            <TextInput label={t('letters.settings.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} maxLength={200} required dir={rtl ? 'rtl' : 'ltr'} error={errors.field('subject')} />
            <Textarea
              label={t('letters.settings.body')}
              description={t('letters.settings.bodyHint')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              maxLength={8000}
              rows={14}
              required
              dir={rtl ? 'rtl' : 'ltr'}
              error={errors.field('body')}
            />
            <Text size="sm">
              {t('letters.settings.placeholders')}:{' '}
              {current.placeholders.map((p) => (
                <Code key={p} mr={4}>
                  {p}
                </Code>
              ))}
            </Text>
            <FormError error={errors.error} knownPaths={['subject', 'body']} />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
              {current.custom && (
                <Button variant="default" loading={reset.isPending} onClick={() => reset.mutate()}>
                  {t('letters.settings.reset')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
