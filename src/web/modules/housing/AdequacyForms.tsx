import { useState } from 'react';
import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AdequacyLimitRow, AdequacyTableInput } from '../../../contracts/housing';
import { nrwFloorArea } from '../../../domain/housing/adequacy';
import { api } from '../../app/api';
import { useFormErrors } from '../../app/errors';
import { useMunicipalities } from '../../app/queries';
import { amountText, parseAmount } from '../casefile/parts';
import { HousingForm, isConflict, type AdequacyArea, type AdequacyTable } from './housingShared';

/** An amount for the request: a number, null, or — when unreadable — the text, so the server names the field. */
const amount = (v: string): number | null => {
  const n = parseAmount(v);
  return Number.isNaN(n) ? (v as unknown as number) : n;
};

/** A comparison area: its name and the municipalities it covers. */
export function AdequacyAreaForm({
  area,
  onSaved,
  onCancel,
  onConflict,
}: {
  area?: AdequacyArea;
  onSaved: (a: AdequacyArea) => void;
  onCancel: () => void;
  onConflict?: () => void;
}) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const [name, setName] = useState(area?.name ?? '');
  const [chosen, setChosen] = useState<string[]>(area?.municipalities.map((m) => m.id) ?? []);
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), municipalityIds: chosen };
      return area ? api.patch<AdequacyArea>(`/housing/adequacy/areas/${area.id}`, { version: area.version, ...body }) : api.post<AdequacyArea>('/housing/adequacy/areas', body);
    },
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: (e) => {
      errors.setError(e);
      if (isConflict(e)) onConflict?.();
    },
  });
  // Municipalities of the area the list does not hold (any more) stay listed, so saving keeps them.
  const options = [...(municipalities.data ?? []).map((m) => ({ id: m.id, name: m.name }))];
  for (const m of area?.municipalities ?? []) if (!options.some((o) => o.id === m.id)) options.push(m);
  const headingId = area ? `adequacy-area-edit-${area.id}` : 'adequacy-area-new';
  return (
    <HousingForm
      labelledBy={headingId}
      heading={
        <Title order={area ? 3 : 2} size="h4" id={headingId} mb="sm">
          {area ? t('housing.adequacy.areaForm.editHeading', { name: area.name }) : t('housing.adequacy.areaForm.newHeading')}
        </Title>
      }
      error={errors.error}
      knownPaths={['name', 'municipalityIds']}
      onSubmit={() => save.mutate()}
      submitLabel={area ? t('common.save') : t('housing.adequacy.areaForm.create')}
      pending={save.isPending}
      onCancel={onCancel}
    >
      <TextInput
        label={t('housing.adequacy.areaForm.name')}
        description={t('housing.adequacy.areaForm.nameHint')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.field('name')}
        required
        maxLength={200}
      />
      <Checkbox.Group
        label={t('housing.adequacy.areaForm.municipalities')}
        description={t('housing.adequacy.areaForm.municipalitiesHint')}
        value={chosen}
        onChange={setChosen}
        error={errors.field('municipalityIds')}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs" mt="xs">
          {options.map((m) => (
            <Checkbox key={m.id} value={m.id} label={m.name} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </HousingForm>
  );
}

interface LimitRow {
  key: number;
  householdSize: number | string;
  grossColdRent: string;
  floorArea: string;
}

let nextKey = 0;
const limitRow = (householdSize: number, grossColdRent = '', floorArea = amountText(nrwFloorArea(householdSize))): LimitRow => ({
  key: nextKey++,
  householdSize,
  grossColdRent,
  floorArea,
});

/** A new table starts with rows for one to five persons and the NRW floor areas; the rents are the area's own. */
export function initialLimitRows(table?: AdequacyTable): LimitRow[] {
  if (table) return table.limits.map((l) => limitRow(l.householdSize, amountText(l.grossColdRent), amountText(l.floorArea)));
  return [1, 2, 3, 4, 5].map((n) => limitRow(n));
}

/** The next row: one person more than the largest so far, with its NRW floor area. */
function nextRow(rows: readonly LimitRow[]): LimitRow {
  const largest = rows.reduce((max, r) => (typeof r.householdSize === 'number' && r.householdSize > max ? r.householdSize : max), 0);
  return limitRow(largest + 1);
}

/** An adequacy table of a comparison area: validity, source, limits per household size and the amounts per further person. */
export function AdequacyTableForm({
  area,
  table,
  onSaved,
  onCancel,
  onConflict,
}: {
  area: AdequacyArea;
  table?: AdequacyTable;
  onSaved: (a: AdequacyArea) => void;
  onCancel: () => void;
  onConflict?: () => void;
}) {
  const { t } = useTranslation();
  const [validFrom, setValidFrom] = useState(table?.validFrom ?? '');
  const [validUntil, setValidUntil] = useState(table?.validUntil ?? '');
  const [source, setSource] = useState(table?.source ?? '');
  const [rows, setRows] = useState<LimitRow[]>(() => initialLimitRows(table));
  const [extraRent, setExtraRent] = useState(amountText(table?.extraPersonRent));
  const [extraArea, setExtraArea] = useState(table ? amountText(table.extraPersonArea) : '15');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => {
      const body: AdequacyTableInput = {
        validFrom,
        validUntil: validUntil || null,
        source: source.trim() || null,
        extraPersonRent: amount(extraRent),
        extraPersonArea: amount(extraArea),
        limits: rows.map(
          (r): AdequacyLimitRow => ({ householdSize: r.householdSize as number, grossColdRent: amount(r.grossColdRent) as number, floorArea: amount(r.floorArea) as number }),
        ),
      };
      return table
        ? api.patch<AdequacyArea>(`/housing/adequacy/tables/${table.id}`, { version: table.version, ...body })
        : api.post<AdequacyArea>(`/housing/adequacy/areas/${area.id}/tables`, body);
    },
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: (e) => {
      errors.setError(e);
      if (isConflict(e)) onConflict?.();
    },
  });
  const update = (i: number, patch: Partial<LimitRow>) => setRows((prev) => prev.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const headingId = table ? `adequacy-table-edit-${table.id}` : `adequacy-table-new-${area.id}`;
  const persons = (r: LimitRow) => (typeof r.householdSize === 'number' ? r.householdSize : '?');
  return (
    <HousingForm
      labelledBy={headingId}
      heading={
        <Title order={3} size="h4" id={headingId} mb="sm">
          {table ? t('housing.adequacy.tableForm.editHeading', { area: area.name }) : t('housing.adequacy.tableForm.newHeading', { area: area.name })}
        </Title>
      }
      error={errors.error}
      knownPaths={['validFrom', 'validUntil', 'source', 'extraPersonRent', 'extraPersonArea', 'limits']}
      onSubmit={() => save.mutate()}
      submitLabel={table ? t('common.save') : t('housing.adequacy.tableForm.create')}
      pending={save.isPending}
      onCancel={onCancel}
    >
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput type="date" label={t('housing.adequacy.fields.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} error={errors.field('validFrom')} required />
        <TextInput
          type="date"
          label={t('housing.adequacy.fields.validUntil')}
          description={t('housing.adequacy.tableForm.validUntilHint')}
          value={validUntil}
          onChange={(e) => setValidUntil(e.currentTarget.value)}
          error={errors.field('validUntil')}
        />
      </Group>
      <TextInput
        label={t('housing.adequacy.fields.source')}
        description={t('housing.adequacy.tableForm.sourceHint')}
        value={source}
        onChange={(e) => setSource(e.currentTarget.value)}
        error={errors.field('source')}
        maxLength={500}
      />
      <Stack gap={4}>
        <Text fw={700} id={`${headingId}-rows`}>
          {t('housing.adequacy.tableForm.rowsHeading')}
        </Text>
        <Text size="sm">{t('housing.adequacy.tableForm.rowsHint')}</Text>
        {errors.field('limits') && !errors.fields.some((f) => /^limits\.\d+\./.test(f.path)) && (
          <Text size="sm" c="red.9" role="alert">
            {errors.field('limits')}
          </Text>
        )}
        <Table aria-labelledby={`${headingId}-rows`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('housing.adequacy.fields.householdSize')}</Table.Th>
              <Table.Th scope="col">{t('housing.adequacy.fields.grossColdRent')}</Table.Th>
              <Table.Th scope="col">{t('housing.adequacy.fields.floorArea')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <NumberInput
                    aria-label={t('housing.adequacy.tableForm.sizeLabel', { n: i + 1 })}
                    value={r.householdSize}
                    onChange={(v) => update(i, { householdSize: v })}
                    min={1}
                    max={30}
                    allowDecimal={false}
                    error={errors.field(`limits.${i}.householdSize`)}
                    w={110}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('housing.adequacy.tableForm.rentLabel', { count: persons(r) })}
                    inputMode="decimal"
                    rightSection="€"
                    value={r.grossColdRent}
                    onChange={(e) => update(i, { grossColdRent: e.currentTarget.value })}
                    error={errors.field(`limits.${i}.grossColdRent`)}
                    w={160}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('housing.adequacy.tableForm.areaLabel', { count: persons(r) })}
                    inputMode="decimal"
                    rightSection="m²"
                    value={r.floorArea}
                    onChange={(e) => update(i, { floorArea: e.currentTarget.value })}
                    error={errors.field(`limits.${i}.floorArea`)}
                    w={140}
                  />
                </Table.Td>
                <Table.Td>
                  <Button variant="subtle" color="red.9" size="xs" disabled={rows.length === 1} onClick={() => setRows((prev) => prev.filter((_, j) => j !== i))}>
                    {t('housing.adequacy.tableForm.removeRow', { count: persons(r) })}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button variant="default" size="xs" onClick={() => setRows((prev) => [...prev, nextRow(prev)])} disabled={rows.length >= 30}>
            {t('housing.adequacy.tableForm.addRow')}
          </Button>
        </Group>
      </Stack>
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput
          label={t('housing.adequacy.fields.extraPersonRent')}
          description={t('housing.adequacy.tableForm.extraHint')}
          inputMode="decimal"
          rightSection="€"
          value={extraRent}
          onChange={(e) => setExtraRent(e.currentTarget.value)}
          error={errors.field('extraPersonRent')}
          w={260}
        />
        <TextInput
          label={t('housing.adequacy.fields.extraPersonArea')}
          inputMode="decimal"
          rightSection="m²"
          value={extraArea}
          onChange={(e) => setExtraArea(e.currentTarget.value)}
          error={errors.field('extraPersonArea')}
          w={260}
        />
      </Group>
    </HousingForm>
  );
}
