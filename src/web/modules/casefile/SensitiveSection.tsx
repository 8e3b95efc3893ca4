import { useState } from 'react';
import { Alert, Button, Checkbox, Group, List, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SENSITIVE_MARKERS, type SensitiveData, type SensitiveInput } from '../../../contracts/casefile';
import { ApiError, api, apiRequest } from '../../app/api';
import { QueryError, emptyToNull, errorMessage, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { EditDialog, Section } from './parts';
import { useFormatters } from '../../ui/format';

const sensitiveKey = (caseId: string) => ['cases', 'sensitive', caseId] as const;

/**
 * Health, addiction, criminal record (Art. 9 and 10 GDPR). Rendered only with `cases.sensitive`,
 * and even then loaded only when the caseworker asks to see it: each load is a logged view, so
 * nobody's illness is read (and logged) just because the case was opened.
 */
export function SensitiveSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [shown, setShown] = useState(false);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: sensitiveKey(caseId),
    queryFn: () => api.get<SensitiveData>(`/cases/${caseId}/sensitive`),
    enabled: shown,
    // Not kept after hiding: showing again is a new (logged) view.
    gcTime: 0,
    staleTime: Infinity,
  });
  const data = query.data;
  const when = useFormatters().dateTime;

  return (
    <Section
      id="case-sensitive"
      title={t('casefile.sections.sensitive')}
      actions={
        <Group gap="xs">
          {shown && data && can('cases.edit') && (
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('casefile.sensitive.edit')}
            </Button>
          )}
          <Button variant={shown ? 'default' : 'filled'} onClick={() => setShown((s) => !s)} aria-expanded={shown} aria-controls="case-sensitive-content">
            {shown ? t('casefile.sensitive.hide') : t('casefile.sensitive.show')}
          </Button>
        </Group>
      }
    >
      <Text mb="sm">{t('casefile.sensitive.intro')}</Text>
      <div id="case-sensitive-content">
        {notice && (
          <Alert color="teal" role="note" mb="sm" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        {shown && query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
        {shown && data && (
          <Stack gap={4} data-testid="sensitive-data">
            {data.version === 0 ? (
              <Text>{t('casefile.sensitive.nothing')}</Text>
            ) : (
              <>
                <Text>
                  <strong>{t('casefile.sensitive.markers')}:</strong>{' '}
                  {data.markers.length ? data.markers.map((m) => t(`casefile.sensitiveMarkers.${m}`)).join(', ') : t('case.unknown')}
                </Text>
                <List listStyleType="none" spacing={4}>
                  {(['healthNote', 'addictionNote', 'criminalRecordNote'] as const).map((k) => (
                    <List.Item key={k}>
                      <strong>{t(`casefile.sensitive.${k}`)}:</strong> {data[k] ?? t('case.unknown')}
                    </List.Item>
                  ))}
                </List>
                {data.updatedAt && (
                  <Text size="sm" c="dimmed">
                    {t('casefile.sensitive.updated', { at: when(data.updatedAt), by: data.updatedBy ?? '' })}
                  </Text>
                )}
              </>
            )}
          </Stack>
        )}
      </div>
      {editing && data && (
        <SensitiveDialog
          caseId={caseId}
          data={data}
          onClose={() => setEditing(false)}
          onSaved={(message) => {
            setEditing(false);
            setNotice(message);
          }}
        />
      )}
    </Section>
  );
}

function SensitiveDialog({ caseId, data, onClose, onSaved }: { caseId: string; data: SensitiveData; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const init = (d: SensitiveData) => ({ markers: d.markers as string[], healthNote: d.healthNote ?? '', addictionNote: d.addictionNote ?? '', criminalRecordNote: d.criminalRecordNote ?? '' });
  const [current, setCurrent] = useState(data);
  const [form, setForm] = useState(() => init(data));
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () =>
      apiRequest<SensitiveData>(`/cases/${caseId}/sensitive`, {
        method: 'PUT',
        body: {
          version: current.version,
          markers: form.markers as SensitiveInput['markers'],
          healthNote: emptyToNull(form.healthNote),
          addictionNote: emptyToNull(form.addictionNote),
          criminalRecordNote: emptyToNull(form.criminalRecordNote),
        } satisfies SensitiveInput,
      }),
    onMutate: () => errors.clear(),
    onSuccess: (fresh) => {
      queryClient.setQueryData(sensitiveKey(caseId), fresh);
      onSaved(t('casefile.sensitive.saved'));
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isVersionConflict) {
        // Someone else saved first: show what is stored now; the user decides again.
        const fresh = await api.get<SensitiveData>(`/cases/${caseId}/sensitive`);
        queryClient.setQueryData(sensitiveKey(caseId), fresh);
        setCurrent(fresh);
        setForm(init(fresh));
        errors.setError(new ApiError({ status: 409, code: error.code, message: `${errorMessage(error, t)} ${t('casefile.conflict')}` }));
        return;
      }
      errors.setError(error);
    },
  });
  const note = (k: 'healthNote' | 'addictionNote' | 'criminalRecordNote') => (
    <Textarea key={k} label={t(`casefile.sensitive.${k}`)} value={form[k]} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, [k]: v })); }} error={errors.field(k)} rows={2} />
  );
  return (
    <EditDialog title={t('casefile.sections.sensitive')} onClose={onClose} onSubmit={() => save.mutate()} saving={save.isPending} error={errors.error} knownPaths={['markers', 'healthNote', 'addictionNote', 'criminalRecordNote']}>
      <Checkbox.Group label={t('casefile.sensitive.markers')} value={form.markers} onChange={(v) => setForm((f) => ({ ...f, markers: v }))} error={errors.field('markers')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
          {SENSITIVE_MARKERS.map((m) => (
            <Checkbox key={m.code} value={m.code} label={t(`casefile.sensitiveMarkers.${m.code}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      {note('healthNote')}
      {note('addictionNote')}
      {note('criminalRecordNote')}
    </EditDialog>
  );
}
