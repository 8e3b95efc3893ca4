import { useState } from 'react';
import { Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AdequacyAreaList } from '../../../contracts/housing';
import { tableOn } from '../../../domain/housing/adequacy';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { Day } from '../deadlines/DeadlineParts';
import { todayIso } from '../deadlines/dates';
import { AdequacyAreaForm, AdequacyTableForm } from './AdequacyForms';
import { housingKeys, useHousingFormat, type AdequacyArea, type AdequacyTable } from './housingShared';

export type TableState = 'in_force' | 'upcoming' | 'past';
const TABLE_STATE_TONES: Record<TableState, Tone> = { in_force: 'success', upcoming: 'info', past: 'neutral' };

/**
 * Where a table stands on `today`: the one the check uses (in force), one that starts later, or one
 * that ended or was replaced by a later one (past).
 */
export function tableState(table: AdequacyTable, tables: readonly AdequacyTable[], today: string): TableState {
  if (tableOn(tables, today)?.id === table.id) return 'in_force';
  return table.validFrom > today ? 'upcoming' : 'past';
}

/** Newest first: the table in force or about to be is what the reader looks for. */
const newestFirst = (a: AdequacyTable, b: AdequacyTable) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0);

function LimitsTable({ area, table, canEdit, onEdit }: { area: AdequacyArea; table: AdequacyTable; canEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const fmt = useHousingFormat();
  const state = tableState(table, area.tables, todayIso());
  const headingId = `adequacy-table-${table.id}`;
  const limits = [...table.limits].sort((a, b) => a.householdSize - b.householdSize);
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="sm">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Group gap="xs" wrap="wrap">
          <Title order={3} size="h5" id={headingId}>
            {table.validUntil
              ? t('housing.adequacy.validFromUntil', { from: fmt.day(table.validFrom), until: fmt.day(table.validUntil) })
              : t('housing.adequacy.validFrom', { from: fmt.day(table.validFrom) })}
          </Title>
          <StatusBadge tone={TABLE_STATE_TONES[state]}>{t(`housing.adequacy.states.${state}`)}</StatusBadge>
        </Group>
        {canEdit && (
          <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={t('housing.adequacy.editTableNamed', { area: area.name, from: fmt.day(table.validFrom) })}>
            {t('common.edit')}
          </Button>
        )}
      </Group>
      <TableScroll label={t('housing.adequacy.tableScrollLabel', { area: area.name, from: fmt.day(table.validFrom) })} minWidth={420}>
        <Table striped>
          <Table.Caption>{t('housing.adequacy.caption', { area: area.name })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('housing.adequacy.fields.householdSize')}</Table.Th>
              <Table.Th scope="col">{t('housing.adequacy.fields.grossColdRent')}</Table.Th>
              <Table.Th scope="col">{t('housing.adequacy.fields.floorArea')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {limits.map((l) => (
              <Table.Tr key={l.householdSize}>
                <Table.Th scope="row" fw={400}>
                  {t('housing.placements.persons', { count: l.householdSize })}
                </Table.Th>
                <Table.Td>{fmt.money(l.grossColdRent)}</Table.Td>
                <Table.Td>{fmt.area(l.floorArea)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Text size="sm" mt="xs">
        {table.extraPersonRent !== null
          ? t('housing.adequacy.extra', { rent: fmt.money(table.extraPersonRent), area: fmt.area(table.extraPersonArea ?? 15) })
          : t('housing.adequacy.noExtra')}
      </Text>
      {table.source && (
        <Text size="sm" mt={4}>
          {t('housing.adequacy.sourceText', { source: table.source })}
        </Text>
      )}
    </Paper>
  );
}

type Editing = { kind: 'area'; area: AdequacyArea } | { kind: 'table'; area: AdequacyArea; table?: AdequacyTable } | null;

function AreaSection({ area, canEdit, onEdit }: { area: AdequacyArea; canEdit: boolean; onEdit: (e: Editing) => void }) {
  const { t } = useTranslation();
  const headingId = `adequacy-area-${area.id}`;
  const tables = [...area.tables].sort(newestFirst);
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Title order={2} size="h3" id={headingId}>
          {area.name}
        </Title>
        {canEdit && (
          <Group gap="xs">
            <Button size="compact-sm" variant="default" onClick={() => onEdit({ kind: 'area', area })} aria-label={t('common.editNamed', { name: area.name })}>
              {t('housing.adequacy.editArea')}
            </Button>
            <Button size="compact-sm" onClick={() => onEdit({ kind: 'table', area })} aria-label={t('housing.adequacy.newTableNamed', { area: area.name })}>
              {t('housing.adequacy.newTable')}
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" mb="sm">
        {area.municipalities.length > 0
          ? t('housing.adequacy.municipalities', { names: area.municipalities.map((m) => m.name).join(', ') })
          : t('housing.adequacy.noMunicipalities')}
      </Text>
      {tables.length === 0 ? (
        <Text>{t('housing.adequacy.noTables')}</Text>
      ) : (
        <Stack gap="sm">
          {tables.map((table) => (
            <LimitsTable key={table.id} area={area} table={table} canEdit={canEdit} onEdit={() => onEdit({ kind: 'table', area, table })} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * /housing/adequacy: the district's rent-adequacy limits (Angemessenheitsgrenzen) per comparison
 * area — read by every housing user, kept by those with adequacy.manage.
 */
export function AdequacyPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notice = useNotice();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const query = useQuery({ queryKey: housingKeys.adequacy, queryFn: () => api.get<z.infer<typeof AdequacyAreaList>>('/housing/adequacy') });
  const canEdit = query.data?.canEdit ?? false;
  // Each change answers with the whole area: put it in place, the others stay as they are.
  const saved = (area: AdequacyArea, message: string) => {
    queryClient.setQueryData<z.infer<typeof AdequacyAreaList>>(housingKeys.adequacy, (d) =>
      d ? { ...d, items: d.items.some((a) => a.id === area.id) ? d.items.map((a) => (a.id === area.id ? area : a)) : [...d.items, area] } : d,
    );
    notice.show(message);
  };
  const close = () => setEditing(null);
  const conflict = () => void query.refetch();

  return (
    <>
      <PageHeader
        title={t('housing.adequacy.title')}
        description={t('housing.adequacy.description')}
        actions={canEdit && !creating ? <Button onClick={() => setCreating(true)}>{t('housing.adequacy.areaForm.newHeading')}</Button> : undefined}
      />
      <Stack gap="md">
        <Notice notice={notice.notice} onClose={notice.clear} />
        <Text size="sm">{t('housing.adequacy.areaNote')}</Text>
        {creating && (
          <Paper withBorder p="md">
            <AdequacyAreaForm
              onSaved={(a) => {
                setCreating(false);
                saved(a, t('common.created', { name: a.name }));
              }}
              onCancel={() => setCreating(false)}
            />
          </Paper>
        )}
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? (
          <Text>{t('housing.adequacy.empty')}</Text>
        ) : (
          [...query.data.items].sort((a, b) => a.name.localeCompare(b.name, 'de')).map((area) => <AreaSection key={area.id} area={area} canEdit={canEdit} onEdit={setEditing} />)
        )}
      </Stack>
      {editing && (
        <Modal
          opened
          onClose={close}
          title={editing.kind === 'area' ? t('housing.adequacy.areaForm.editTitle') : editing.table ? t('housing.adequacy.tableForm.editTitle') : t('housing.adequacy.tableForm.newTitle')}
          size={editing.kind === 'area' ? 'lg' : 'xl'}
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          {editing.kind === 'area' ? (
            <AdequacyAreaForm
              area={editing.area}
              onSaved={(a) => {
                close();
                saved(a, t('common.saved', { name: a.name }));
              }}
              onCancel={close}
              onConflict={conflict}
            />
          ) : (
            <AdequacyTableForm
              area={editing.area}
              table={editing.table}
              onSaved={(a) => {
                close();
                saved(a, editing.table ? t('housing.adequacy.tableForm.saved', { area: a.name }) : t('housing.adequacy.tableForm.created', { area: a.name }));
              }}
              onCancel={close}
              onConflict={conflict}
            />
          )}
        </Modal>
      )}
    </>
  );
}
