import { useState } from 'react';
import { Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONSENT_FORMS, CONSENT_PURPOSES, type ConsentInput, type ConsentRecipientInput } from '../../../contracts/consents';
import type { DocumentList } from '../../../contracts/documents';
import { api } from '../../app/api';
import { emptyToNull, useFormErrors } from '../../app/errors';
import { todayIso } from '../deadlines/dates';
import type { CaseSummary } from '../cases/types';
import { CaseDataForm, CategoryChecks, useOtherOrganisations, type Consent } from './shared';

type ConsentFormKind = (typeof CONSENT_FORMS)[number];

/** The form's state, as the inputs hold it. */
export interface ConsentFormState {
  personId: string;
  /** "org:<id>", "dir:<id>" or "landlord". */
  recipients: string[];
  purposes: string[];
  categories: string[];
  givenOn: string;
  validUntil: string;
  openEnded: boolean;
  form: ConsentFormKind;
  witness: string;
  documentId: string;
  note: string;
}

export function emptyConsentForm(summary: CaseSummary, today = todayIso()): ConsentFormState {
  const members = summary.file.members;
  return {
    personId: (members.find((m) => m.isCaseTenant) ?? members[0])?.personId ?? '',
    recipients: [],
    purposes: [],
    categories: [],
    givenOn: today,
    validUntil: '',
    openEnded: false,
    form: 'written',
    witness: '',
    documentId: '',
    note: '',
  };
}

function recipientInput(value: string): ConsentRecipientInput {
  if (value === 'landlord') return { kind: 'landlord' };
  const [kind, id] = value.split(':');
  return kind === 'org' ? { kind: 'organisation', orgId: id } : { kind: 'directory', directoryOrganizationId: id };
}

/**
 * The request body. The end of validity is a date or, ticked explicitly, "unbefristet" — never
 * both, and an empty date is sent as missing, not read as "forever": the server then names the field.
 */
export function toConsentBody(f: ConsentFormState): ConsentInput {
  return {
    personId: f.personId,
    recipients: f.recipients.map(recipientInput),
    purposes: f.purposes as ConsentInput['purposes'],
    categories: f.categories as ConsentInput['categories'],
    givenOn: f.givenOn,
    validUntil: f.openEnded ? null : f.validUntil || null,
    openEnded: f.openEnded,
    form: f.form,
    witness: f.form === 'verbal_witnessed' ? emptyToNull(f.witness) : null,
    documentId: f.documentId || null,
    note: emptyToNull(f.note),
  };
}

const KNOWN_PATHS = ['personId', 'recipients', 'purposes', 'categories', 'givenOn', 'validUntil', 'openEnded', 'form', 'witness', 'documentId', 'note'];

/** Bleibe organisations, partners of the directory (filterable: a district has many) and the landlord. */
function RecipientChoice({
  value,
  onChange,
  error,
  landlordName,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  landlordName: string | null;
}) {
  const { t } = useTranslation();
  const orgs = useOtherOrganisations();
  const directory = useQuery({
    queryKey: ['directory', 'organizations'],
    queryFn: async () => (await api.get<{ items: { id: string; name: string }[] }>('/directory/organizations')).items,
  });
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLocaleLowerCase('de');
  // Chosen entries stay visible whatever the filter, so a choice is never hidden.
  const entries = (directory.data ?? [])
    .filter((d) => !needle || d.name.toLocaleLowerCase('de').includes(needle) || value.includes(`dir:${d.id}`))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return (
    <Checkbox.Group label={t('consents.fields.recipients')} description={t('consents.fields.recipientsHint')} value={value} onChange={onChange} error={error} required>
      <Stack gap="xs" mt={6}>
        <Text fw={600} size="sm" id="consent-recipients-orgs">
          {t('consents.recipientGroups.organisations')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} role="group" aria-labelledby="consent-recipients-orgs">
          {(orgs.data ?? []).map((o) => (
            <Checkbox key={o.id} value={`org:${o.id}`} label={o.name} />
          ))}
        </SimpleGrid>
        <Text fw={600} size="sm" id="consent-recipients-directory" mt="xs">
          {t('consents.recipientGroups.directory')}
        </Text>
        <TextInput
          label={t('consents.recipientGroups.filter')}
          description={t('consents.recipientGroups.filterHint')}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          maw={360}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} role="group" aria-labelledby="consent-recipients-directory">
          {entries.map((d) => (
            <Checkbox key={d.id} value={`dir:${d.id}`} label={d.name} />
          ))}
        </SimpleGrid>
        {entries.length === 0 && directory.isSuccess && <Text size="sm">{t('consents.recipientGroups.noMatch')}</Text>}
        <Text fw={600} size="sm" id="consent-recipients-landlord" mt="xs">
          {t('consents.recipientGroups.landlord')}
        </Text>
        <div role="group" aria-labelledby="consent-recipients-landlord">
          <Checkbox value="landlord" label={landlordName ? t('consents.recipientGroups.landlordNamed', { name: landlordName }) : t('consents.recipientGroups.landlordUnnamed')} />
        </div>
      </Stack>
    </Checkbox.Group>
  );
}

/** "Einwilligung erfassen": who consents, to whom, for what, which data, how long, in which form. */
export function ConsentForm({ summary, onSaved }: { summary: CaseSummary; onSaved: (c: Consent) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<ConsentFormState>(() => emptyConsentForm(summary));
  const errors = useFormErrors();
  const documents = useQuery({
    queryKey: ['documents', summary.id],
    queryFn: () => api.get<DocumentList>(`/cases/${summary.id}/documents`),
  });
  const consentForms = (documents.data?.items ?? []).filter((d) => d.type === 'consent_form');
  const set = <K extends keyof ConsentFormState>(key: K, value: ConsentFormState[K]) => setForm((prev) => ({ ...prev, [key]: value }));

  const save = useMutation({
    mutationFn: (body: ConsentInput) => api.post<Consent>(`/cases/${summary.id}/consents`, body),
    onMutate: () => errors.clear(),
    onSuccess: (saved) => {
      setForm(emptyConsentForm(summary));
      onSaved(saved);
    },
    onError: errors.setError,
  });

  const field = errors.field;
  return (
    <CaseDataForm
      headingId="consent-new-heading"
      heading={t('consents.new.title')}
      error={errors.error}
      knownPaths={KNOWN_PATHS}
      onSubmit={() => save.mutate(toConsentBody(form))}
      submitLabel={t('consents.new.submit')}
      pending={save.isPending}
    >
      <NativeSelect
        label={t('consents.fields.person')}
        required
        value={form.personId}
        onChange={(e) => set('personId', e.currentTarget.value)}
        data={summary.file.members.map((m) => ({ value: m.personId, label: `${m.firstName} ${m.lastName}` }))}
        error={field('personId')}
        maw={360}
      />
      <RecipientChoice value={form.recipients} onChange={(v) => set('recipients', v)} error={field('recipients')} landlordName={summary.legal.landlord?.name ?? null} />
      <Checkbox.Group label={t('consents.fields.purposes')} value={form.purposes} onChange={(v) => set('purposes', v)} error={field('purposes')} required>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
          {CONSENT_PURPOSES.map((p) => (
            <Checkbox key={p} value={p} label={t(`consents.purposes.${p}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <CategoryChecks label={t('consents.fields.categories')} description={t('consents.fields.categoriesHint')} value={form.categories} onChange={(v) => set('categories', v)} error={field('categories')} />
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput type="date" label={t('consents.fields.givenOn')} required value={form.givenOn} onChange={(e) => set('givenOn', e.currentTarget.value)} error={field('givenOn')} />
        <TextInput
          type="date"
          label={t('consents.fields.validUntil')}
          description={t('consents.fields.validUntilHint')}
          value={form.openEnded ? '' : form.validUntil}
          disabled={form.openEnded}
          onChange={(e) => set('validUntil', e.currentTarget.value)}
          error={field('validUntil')}
        />
        <Checkbox
          mt={{ base: 0, sm: 30 }}
          label={t('consents.fields.openEnded')}
          description={t('consents.fields.openEndedHint')}
          checked={form.openEnded}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            // Either a date or explicitly open-ended: ticking the box clears the date.
            setForm((prev) => ({ ...prev, openEnded: checked, validUntil: checked ? '' : prev.validUntil }));
          }}
          error={field('openEnded')}
        />
      </Group>
      <Radio.Group label={t('consents.fields.form')} value={form.form} onChange={(v) => set('form', v as ConsentFormKind)} error={field('form')} required>
        <Group gap="md" mt={6}>
          {CONSENT_FORMS.map((k) => (
            <Radio key={k} value={k} label={t(`consents.forms.${k}`)} />
          ))}
        </Group>
      </Radio.Group>
      {form.form === 'verbal_witnessed' && (
        <TextInput label={t('consents.fields.witness')} description={t('consents.fields.witnessHint')} required value={form.witness} onChange={(e) => set('witness', e.currentTarget.value)} error={field('witness')} maxLength={200} maw={360} />
      )}
      <NativeSelect
        label={t('consents.fields.document')}
        description={consentForms.length ? t('consents.fields.documentHint') : t('consents.fields.noDocuments')}
        value={form.documentId}
        onChange={(e) => set('documentId', e.currentTarget.value)}
        data={[{ value: '', label: t('consents.fields.noDocument') }, ...consentForms.map((d) => ({ value: d.id, label: d.fileName }))]}
        error={field('documentId')}
        maw={480}
      />
      <Textarea label={t('consents.fields.note')} value={form.note} onChange={(e) => set('note', e.currentTarget.value)} error={field('note')} autosize minRows={2} maxLength={2000} />
    </CaseDataForm>
  );
}
