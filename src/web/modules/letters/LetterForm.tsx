import { useEffect, useState } from 'react';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DocumentItem } from '../../../contracts/documents';
import { LETTER_LANGUAGES, LETTER_TEMPLATES, type LetterLanguage, type LetterOptions, type LetterTemplateKey } from '../../../contracts/letters';
import { api } from '../../app/api';
import { FormError, QueryError, useFormErrors } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { useFormatters } from '../../ui/format';

/**
 * Writes a letter of the case as PDF: template, language (pre-selected from the case's preferred
 * language) and, for the confirmation, one of the case's appointments. The letter is filed in the
 * case's documents, from where it is downloaded and printed.
 */
export function LetterForm({ caseId, onWritten }: { caseId: string; onWritten: (doc: DocumentItem) => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const errors = useFormErrors();
  const options = useQuery({ queryKey: ['letter-options', caseId], queryFn: () => api.get<LetterOptions>(`/cases/${caseId}/letter-options`) });
  const [template, setTemplate] = useState<LetterTemplateKey>('first_contact');
  const [language, setLanguage] = useState<LetterLanguage | null>(null);
  const [appointmentId, setAppointmentId] = useState<string | null>(null);
  useEffect(() => {
    if (options.data && language === null) setLanguage(options.data.suggestedLanguage);
  }, [options.data, language]);
  const write = useMutation({
    mutationFn: () =>
      api.post<DocumentItem>(`/cases/${caseId}/letters`, {
        template,
        language: language ?? 'de',
        ...(template === 'appointment_confirmation' && appointmentId ? { appointmentId } : {}),
      }),
    onMutate: () => errors.clear(),
    onError: (e) => errors.setError(e),
    onSuccess: (doc) => onWritten(doc),
  });
  if (options.isPending) return <Loading />;
  if (options.isError) return <QueryError error={options.error} onRetry={() => void options.refetch()} />;
  const appointments = options.data.appointments.filter((a) => a.status !== 'cancelled');
  return (
    <form aria-label={t('letters.heading')} onSubmit={(e) => { e.preventDefault(); write.mutate(); }}>
      <Stack gap="sm" maw={560}>
        <Select
          label={t('letters.template')}
          data={LETTER_TEMPLATES.map((v) => ({ value: v, label: t(`letters.templates.${v}`) }))}
          value={template}
          onChange={(v) => v && setTemplate(v as LetterTemplateKey)}
          allowDeselect={false}
          required
          error={errors.field('template')}
        />
        {template === 'landlord' && !options.data.landlordKnown && <Text c="red.9">{t('letters.noLandlord')}</Text>}
        <Select
          label={t('letters.language')}
          description={options.data.preferredLanguage ? t('letters.preferred', { code: options.data.preferredLanguage }) : undefined}
          data={LETTER_LANGUAGES.map((v) => ({ value: v, label: t(`letters.languages.${v}`) }))}
          value={language}
          onChange={(v) => v && setLanguage(v as LetterLanguage)}
          allowDeselect={false}
          required
          error={errors.field('language')}
        />
        {template === 'appointment_confirmation' && (
          <Select
            label={t('letters.appointment')}
            placeholder={appointments.length ? undefined : t('letters.noAppointments')}
            data={appointments.map((a) => ({
              value: a.id,
              label: [f.dateTime(a.startsAt), a.locationName, a.caseworkerName].filter(Boolean).join(' · '),
            }))}
            value={appointmentId}
            onChange={setAppointmentId}
            required
            error={errors.field('appointmentId')}
          />
        )}
        <FormError error={errors.error} knownPaths={['template', 'language', 'appointmentId']} />
        <Group>
          <Button type="submit" loading={write.isPending}>
            {t('letters.write')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
