import { useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEASURE_CATEGORIES, type MeasureCategory, type MeasureType } from '../../../contracts/measures';
import { ApiError, api, apiRequest } from '../../app/api';
import { FormError, QueryError, errorMessage, useFormErrors } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { measureKeys, useCatalogue, useTypeLabel, type MeasureCatalogue } from './shared';

/** One row of the catalogue: its name, order and whether it is offered. */
function TypeRow({ type, onSaved, onError }: { type: MeasureType; onSaved: (m: string) => void; onError: (m: string) => void }) {
  const { t } = useTranslation();
  const typeLabel = useTypeLabel();
  const [label, setLabel] = useState(type.label);
  const [sortOrder, setSortOrder] = useState<number | string>(type.sortOrder);
  const [active, setActive] = useState(type.active);
  const save = useMutation({
    mutationFn: () => api.patch<MeasureType>(`/measure-types/${type.id}`, { version: type.version, label: label.trim(), sortOrder: Number(sortOrder), active }),
    onSuccess: (saved) => onSaved(t('common.saved', { name: saved.label })),
    onError: (e) => onError(`${errorMessage(e, t)}${e instanceof ApiError && e.fields.length ? ` ${e.fields.map((f) => f.message).join(' ')}` : ''}`),
  });
  const name = typeLabel(type);
  return (
    <Table.Tr>
      <Table.Th scope="row">
        <TextInput aria-label={t('catalogue.fields.labelOf', { name })} value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={200} />
      </Table.Th>
      <Table.Td>{t(`measures.categories.${type.category}`)}</Table.Td>
      <Table.Td>
        <NumberInput aria-label={t('catalogue.fields.sortOrderOf', { name })} value={sortOrder} onChange={setSortOrder} min={0} max={100000} w={100} />
      </Table.Td>
      <Table.Td>
        <Checkbox aria-label={t('catalogue.fields.activeOf', { name })} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
      </Table.Td>
      <Table.Td>
        <Button size="compact-sm" variant="default" onClick={() => save.mutate()} loading={save.isPending} aria-label={t('common.editNamed', { name })}>
          {t('common.save')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function NewTypeForm({ onSaved }: { onSaved: (m: string) => void }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<MeasureCategory>('referral');
  const [label, setLabel] = useState('');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => api.post<MeasureType>('/measure-types', { category, label: label.trim() }),
    onMutate: () => errors.clear(),
    onSuccess: (saved) => {
      setLabel('');
      onSaved(t('common.created', { name: saved.label }));
    },
    onError: errors.setError,
  });
  return (
    <form
      noValidate
      aria-labelledby="catalogue-new-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={2} size="h3" id="catalogue-new-heading" mb="xs">
        {t('catalogue.new')}
      </Title>
      <FormError error={errors.error} knownPaths={['category', 'label']} />
      <Group align="flex-start" gap="md" wrap="wrap">
        <NativeSelect
          label={t('catalogue.fields.category')}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value as MeasureCategory)}
          data={MEASURE_CATEGORIES.map((c) => ({ value: c, label: t(`measures.categories.${c}`) }))}
          error={errors.field('category')}
        />
        <TextInput label={t('catalogue.fields.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={errors.field('label')} required maxLength={200} />
        <Button type="submit" mt={24} loading={save.isPending}>
          {t('catalogue.add')}
        </Button>
      </Group>
    </form>
  );
}

function WarningDaysForm({ settings, onSaved }: { settings: MeasureCatalogue['settings']; onSaved: (m: string) => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<number | string>(settings.schonfristWarningDays);
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => apiRequest<MeasureCatalogue>('/measure-settings', { method: 'PUT', body: { schonfristWarningDays: Number(days), version: settings.version } }),
    onMutate: () => errors.clear(),
    onSuccess: () => onSaved(t('catalogue.warningDaysSaved', { count: Number(days) })),
    onError: errors.setError,
  });
  return (
    <form
      noValidate
      aria-labelledby="catalogue-days-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={2} size="h3" id="catalogue-days-heading" mb="xs">
        {t('catalogue.warningDays')}
      </Title>
      <FormError error={errors.error} knownPaths={['schonfristWarningDays']} />
      <Group align="flex-start" gap="md">
        <NumberInput label={t('catalogue.fields.warningDays')} description={t('catalogue.fields.warningDaysHint')} value={days} onChange={setDays} min={0} max={60} error={errors.field('schonfristWarningDays')} w={260} />
        <Button type="submit" mt={44} loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </form>
  );
}

/** The organisation's measure catalogue and its Schonfrist warning margin (org administrators). */
export function CataloguePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const query = useCatalogue();
  const saved = (message: string) => {
    notice.show(message);
    void queryClient.invalidateQueries({ queryKey: measureKeys.catalogue });
  };
  return (
    <>
      <PageHeader title={t('catalogue.title')} description={t('catalogue.description')} />
      <Notice notice={notice.notice} onClose={notice.clear} />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="md">
          <Paper withBorder p="md">
            <TableScroll label={t('catalogue.tableLabel')}>
              <Table>
                <Table.Caption>{t('catalogue.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('catalogue.fields.label')}</Table.Th>
                    <Table.Th scope="col">{t('catalogue.fields.category')}</Table.Th>
                    <Table.Th scope="col">{t('catalogue.fields.sortOrder')}</Table.Th>
                    <Table.Th scope="col">{t('catalogue.fields.active')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((type) => (
                    <TypeRow key={`${type.id}:${type.version}`} type={type} onSaved={saved} onError={notice.show} />
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
            <Text size="sm" mt="xs">
              {t('catalogue.noDelete')}
            </Text>
          </Paper>
          <Paper withBorder p="md">
            <NewTypeForm onSaved={saved} />
          </Paper>
          <Paper withBorder p="md">
            <WarningDaysForm key={query.data.settings.version} settings={query.data.settings} onSaved={saved} />
          </Paper>
        </Stack>
      )}
    </>
  );
}
