import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SearchInput, SearchPatch } from '../../../contracts/housing';
import { api } from '../../app/api';
import { FormError, useFormErrors } from '../../app/errors';
import { useMunicipalities } from '../../app/queries';
import { todayIso } from '../deadlines/dates';
import { amountText } from '../casefile/parts';
import { numberOrText, type Search } from './brokerage';

const KNOWN_PATHS = ['startedOn', 'status', 'persons', 'children', 'minRooms', 'needsStepFree', 'hasWbs', 'preferredMunicipalityIds', 'neededBy', 'note'];

export interface SearchFields {
  startedOn: string;
  status: 'active' | 'paused' | 'ended';
  persons: string;
  children: string;
  minRooms: string;
  needsStepFree: boolean;
  hasWbs: boolean;
  preferredMunicipalityIds: string[];
  neededBy: string;
  note: string;
}

/** A new search starts from the household as the case file knows it; an existing one from itself. */
export function searchFields(search: Search | null, household: { size: number; children: number }, today = todayIso()): SearchFields {
  return {
    startedOn: search?.startedOn ?? today,
    status: search && search.status !== 'housed' ? search.status : 'active',
    persons: String(search?.persons ?? Math.max(1, household.size)),
    children: String(search?.children ?? Math.min(household.children, Math.max(0, household.size - 1))),
    minRooms: amountText(search?.minRooms),
    needsStepFree: search?.needsStepFree ?? false,
    hasWbs: search?.hasWbs ?? false,
    preferredMunicipalityIds: search?.preferredMunicipalities.map((m) => m.id) ?? [],
    neededBy: search?.neededBy ?? '',
    note: search?.note ?? '',
  };
}

/** The request body: SearchInput for a new search, SearchPatch (with version and status) for a change. */
export function searchBody(f: SearchFields, search: Search | null) {
  const common = {
    persons: numberOrText(f.persons),
    children: numberOrText(f.children) ?? 0,
    minRooms: numberOrText(f.minRooms),
    needsStepFree: f.needsStepFree,
    hasWbs: f.hasWbs,
    preferredMunicipalityIds: f.preferredMunicipalityIds,
    neededBy: f.neededBy || null,
    note: f.note.trim() || null,
  };
  // Every field of the contracts, none they do not know (their bodies are strict).
  if (search) return { version: search.version, status: f.status, ...common } satisfies Record<keyof SearchPatch, unknown>;
  return { startedOn: f.startedOn, ...common } satisfies Record<keyof SearchInput, unknown>;
}

/**
 * Start a housing search for the case's household or change it: who moves (persons, children),
 * what the flat needs (rooms, step-free access, a WBS the household holds), where the household
 * would like to live and by when it must move; a running search can be paused or ended here.
 */
export function SearchForm({
  caseId,
  search,
  household,
  headingId,
  onSaved,
  onCancel,
}: {
  caseId: string;
  search: Search | null;
  household: { size: number; children: number };
  headingId: string;
  onSaved: (s: Search) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const [f, setF] = useState(() => searchFields(search, household));
  const set = <K extends keyof SearchFields>(key: K, value: SearchFields[K]) => setF((prev) => ({ ...prev, [key]: value }));
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () =>
      search ? api.patch<Search>(`/housing/searches/${search.id}`, searchBody(f, search)) : api.post<Search>(`/cases/${caseId}/housing-search`, searchBody(f, null)),
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: errors.setError,
  });

  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <FormError error={errors.error} knownPaths={KNOWN_PATHS} />
        <Group align="flex-start" gap="md" wrap="wrap">
          {search ? (
            <NativeSelect
              label={t('housing.search.fields.status')}
              value={f.status}
              onChange={(e) => set('status', e.currentTarget.value as SearchFields['status'])}
              data={(['active', 'paused', 'ended'] as const).map((s) => ({ value: s, label: t(`housing.search.setStatus.${s}`) }))}
              error={errors.field('status')}
            />
          ) : (
            <TextInput type="date" label={t('housing.search.fields.startedOn')} value={f.startedOn} onChange={(e) => set('startedOn', e.currentTarget.value)} error={errors.field('startedOn')} required />
          )}
          <TextInput label={t('housing.search.fields.persons')} value={f.persons} onChange={(e) => set('persons', e.currentTarget.value)} error={errors.field('persons')} required inputMode="numeric" w={140} />
          <TextInput label={t('housing.search.fields.children')} value={f.children} onChange={(e) => set('children', e.currentTarget.value)} error={errors.field('children')} inputMode="numeric" w={140} />
          <TextInput
            label={t('housing.search.fields.minRooms')}
            description={t('housing.search.fields.minRoomsHint')}
            value={f.minRooms}
            onChange={(e) => set('minRooms', e.currentTarget.value)}
            error={errors.field('minRooms')}
            inputMode="decimal"
            w={220}
          />
          <TextInput
            type="date"
            label={t('housing.search.fields.neededBy')}
            description={t('housing.search.fields.neededByHint')}
            value={f.neededBy}
            onChange={(e) => set('neededBy', e.currentTarget.value)}
            error={errors.field('neededBy')}
          />
        </Group>
        <Group gap="lg" wrap="wrap">
          <Checkbox label={t('housing.search.fields.needsStepFree')} checked={f.needsStepFree} onChange={(e) => set('needsStepFree', e.currentTarget.checked)} error={errors.field('needsStepFree')} />
          <Checkbox label={t('housing.search.fields.hasWbs')} checked={f.hasWbs} onChange={(e) => set('hasWbs', e.currentTarget.checked)} error={errors.field('hasWbs')} />
        </Group>
        <Checkbox.Group
          label={t('housing.search.fields.preferredMunicipalities')}
          description={t('housing.search.fields.preferredMunicipalitiesHint')}
          value={f.preferredMunicipalityIds}
          onChange={(v) => set('preferredMunicipalityIds', v)}
          error={errors.field('preferredMunicipalityIds')}
        >
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing={6} mt="xs">
            {(municipalities.data ?? []).map((m) => (
              <Checkbox key={m.id} value={m.id} label={m.name} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Textarea label={t('housing.search.fields.note')} value={f.note} onChange={(e) => set('note', e.currentTarget.value)} error={errors.field('note')} autosize minRows={2} maxLength={2000} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {search ? t('common.save') : t('housing.search.start')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
