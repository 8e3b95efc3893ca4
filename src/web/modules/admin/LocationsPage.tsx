import { useState } from 'react';
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Location, Municipality, OfficeHour } from '../../../contracts/admin';
import { api } from '../../app/api';
import { QueryError, emptyToNull } from '../../app/errors';
import { queryKeys, useMunicipalities, useOrganisations } from '../../app/queries';
import { useActiveSession, useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import {
  AddressFields,
  FormModal,
  emptyAddress,
  formatAddress,
  toAddressBody,
  toAddressForm,
  useRecordForm,
  type AddressForm,
} from './shared';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

interface HourRow {
  key: number;
  weekday: string;
  opens: string;
  closes: string;
  note: string;
}

interface LocationForm {
  orgId: string;
  name: string;
  address: AddressForm;
  phone: string;
  email: string;
  officeHours: HourRow[];
  municipalityIds: string[];
  active: boolean;
}

// Stable React keys for rows that have no id of their own, so removing a row keeps focus and input state right.
let nextRowKey = 1;
const newRow = (h?: OfficeHour): HourRow => ({
  key: nextRowKey++,
  weekday: String(h?.weekday ?? 1),
  opens: h?.opens ?? '',
  closes: h?.closes ?? '',
  note: h?.note ?? '',
});

function OfficeHoursEditor({
  rows,
  onChange,
  fieldError,
}: {
  rows: HourRow[];
  onChange: (rows: HourRow[]) => void;
  fieldError: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<HourRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const weekdays = WEEKDAYS.map((d) => ({ value: String(d), label: t(`weekdays.long.${d}`) }));

  return (
    <Fieldset legend={t('locations.officeHours')} variant="unstyled">
      <Stack gap="sm">
        {rows.length === 0 && <Text>{t('locations.noOfficeHours')}</Text>}
        {rows.map((row, i) => {
          const path = (k: string) => `officeHours.${i}.${k}`;
          return (
            <Fieldset key={row.key} legend={t('locations.officeHourN', { n: i + 1 })} p="sm">
              <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
                <NativeSelect
                  label={t('locations.weekday')}
                  data={weekdays}
                  value={row.weekday}
                  onChange={(e) => update(i, { weekday: e.currentTarget.value })}
                  error={fieldError(path('weekday'))}
                />
                <TextInput
                  type="time"
                  label={t('locations.opens')}
                  required
                  value={row.opens}
                  onChange={(e) => update(i, { opens: e.currentTarget.value })}
                  error={fieldError(path('opens'))}
                />
                <TextInput
                  type="time"
                  label={t('locations.closes')}
                  required
                  value={row.closes}
                  onChange={(e) => update(i, { closes: e.currentTarget.value })}
                  error={fieldError(path('closes'))}
                />
                <TextInput
                  label={t('locations.note')}
                  value={row.note}
                  onChange={(e) => update(i, { note: e.currentTarget.value })}
                  error={fieldError(path('note'))}
                />
              </SimpleGrid>
              <Group justify="flex-end" mt="xs">
                <Button
                  size="xs"
                  variant="outline"
                  color="red.9"
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  aria-label={t('locations.removeOfficeHourN', { n: i + 1 })}
                >
                  {t('common.remove')}
                </Button>
              </Group>
            </Fieldset>
          );
        })}
        <Group>
          <Button variant="default" onClick={() => onChange([...rows, newRow()])}>
            {t('locations.addOfficeHour')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function LocationModal({
  record,
  defaultOrgId,
  onClose,
  onSaved,
}: {
  record: Location | null;
  defaultOrgId: string;
  onClose: () => void;
  onSaved: (l: Location, kind: 'created' | 'updated') => void;
}) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const canPickOrg = can('organisations.read');
  const canPickMunicipalities = can('municipalities.read');
  const organisations = useOrganisations(canPickOrg);
  const municipalities = useMunicipalities(canPickMunicipalities);

  const toForm = (l: Location | null): LocationForm => ({
    orgId: l?.orgId ?? defaultOrgId,
    name: l?.name ?? '',
    address: l ? toAddressForm(l.address) : { ...emptyAddress },
    phone: l?.phone ?? '',
    email: l?.email ?? '',
    officeHours: (l?.officeHours ?? []).map(newRow),
    municipalityIds: l?.municipalityIds ?? [],
    active: l?.active ?? true,
  });

  const toBody = (f: LocationForm) => ({
    name: f.name.trim(),
    address: toAddressBody(f.address),
    phone: emptyToNull(f.phone),
    email: emptyToNull(f.email),
    officeHours: f.officeHours.map((h) => ({
      weekday: Number(h.weekday),
      opens: h.opens,
      closes: h.closes,
      note: emptyToNull(h.note),
    })),
    // Without read access to municipalities the field is not shown, and must not wipe what is stored.
    ...(canPickMunicipalities ? { municipalityIds: f.municipalityIds } : {}),
    active: f.active,
  });

  const rf = useRecordForm<Location, LocationForm>({
    record,
    toForm,
    create: (f) => api.post<Location>('/locations', { orgId: f.orgId, ...toBody(f) }),
    update: (f, r) => api.patch<Location>(`/locations/${r.id}`, { ...toBody(f), version: r.version }),
    reload: (id) => api.get<Location>(`/locations/${id}`),
    onSaved,
  });
  const { form, set, errors } = rf;

  const knownPaths = [
    'orgId',
    'name',
    'address',
    'phone',
    'email',
    'municipalityIds',
    'active',
    ...form.officeHours.flatMap((_, i) => ['weekday', 'opens', 'closes', 'note'].map((k) => `officeHours.${i}.${k}`)),
  ];

  return (
    <FormModal
      title={rf.isNew ? t('locations.createTitle') : t('locations.editTitle', { name: rf.current?.name })}
      onClose={onClose}
      onSubmit={rf.submit}
      pending={rf.pending}
      error={errors.error}
      conflict={rf.conflict}
      knownPaths={knownPaths}
      size="xl"
    >
      {rf.isNew && canPickOrg ? (
        <NativeSelect
          label={t('common.organisation')}
          required
          value={form.orgId}
          onChange={(e) => set('orgId', e.currentTarget.value)}
          error={errors.field('orgId')}
          data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
      ) : (
        <Text>
          <strong>{t('common.organisation')}:</strong> {rf.current?.orgName ?? session.organisation.name}
        </Text>
      )}
      <TextInput
        label={t('locations.name')}
        required
        value={form.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.field('name')}
        data-autofocus
      />
      <Fieldset legend={t('address.label')} variant="unstyled">
        <AddressFields value={form.address} onChange={(v) => set('address', v)} fieldError={errors.field} required />
      </Fieldset>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('common.phone')}
          type="tel"
          value={form.phone}
          onChange={(e) => set('phone', e.currentTarget.value)}
          error={errors.field('phone')}
        />
        <TextInput
          label={t('common.email')}
          type="email"
          value={form.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          error={errors.field('email')}
        />
      </SimpleGrid>
      <OfficeHoursEditor rows={form.officeHours} onChange={(rows) => set('officeHours', rows)} fieldError={errors.field} />
      {canPickMunicipalities && (
        <MultiSelect
          label={t('locations.municipalities')}
          description={t('locations.municipalitiesHint')}
          data={(municipalities.data ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.ags})` }))}
          value={form.municipalityIds}
          onChange={(ids) => set('municipalityIds', ids)}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          error={errors.field('municipalityIds')}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      <Checkbox label={t('common.active')} checked={form.active} onChange={(e) => set('active', e.currentTarget.checked)} />
    </FormModal>
  );
}

function OfficeHoursSummary({ hours }: { hours: OfficeHour[] }) {
  const { t } = useTranslation();
  if (hours.length === 0) return null;
  return (
    <ul className="plain-list">
      {[...hours]
        .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
        .map((h, i) => (
          <li key={i}>
            {t(`weekdays.short.${h.weekday}`)} {h.opens}–{h.closes}
            {h.note ? ` (${h.note})` : ''}
          </li>
        ))}
    </ul>
  );
}

export function LocationsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const canWrite = can('locations.write');
  const canFilterOrg = can('organisations.read');
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState('');
  const organisations = useOrganisations(canFilterOrg);
  const municipalities = useMunicipalities(can('municipalities.read'));
  const list = useQuery({
    queryKey: [...queryKeys.locations, { orgId }],
    queryFn: async () => (await api.get<{ items: Location[] }>('/locations', { orgId })).items,
  });
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  const { notice, show, clear } = useNotice();

  const municipalityName = new Map((municipalities.data ?? []).map((m: Municipality) => [m.id, m.name]));

  return (
    <>
      <PageHeader
        title={t('locations.title')}
        actions={canWrite && <Button onClick={() => setEditing('new')}>{t('locations.create')}</Button>}
      />
      <Notice notice={notice} onClose={clear} />
      {canFilterOrg && (
        <NativeSelect
          label={t('common.filterOrganisation')}
          value={orgId}
          onChange={(e) => setOrgId(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.allOrganisations') },
            ...(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
          maw={360}
          mb="md"
        />
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text>{t('locations.empty')}</Text>
      ) : (
        <TableScroll label={t('locations.title')} minWidth={880}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('locations.name')}</Table.Th>
                <Table.Th scope="col">{t('common.organisation')}</Table.Th>
                <Table.Th scope="col">{t('address.label')}</Table.Th>
                <Table.Th scope="col">{t('locations.officeHours')}</Table.Th>
                <Table.Th scope="col">{t('locations.municipalities')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                {canWrite && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td>{l.orgName}</Table.Td>
                  <Table.Td>{formatAddress(l.address)}</Table.Td>
                  <Table.Td>
                    <OfficeHoursSummary hours={l.officeHours} />
                  </Table.Td>
                  <Table.Td>
                    {municipalities.data
                      ? l.municipalityIds.map((id) => municipalityName.get(id) ?? id).join(', ')
                      : t('locations.municipalityCount', { count: l.municipalityIds.length })}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge tone={l.active ? 'success' : 'neutral'}>
                      {l.active ? t('common.active') : t('common.inactive')}
                    </StatusBadge>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(l)}
                        aria-label={t('common.editNamed', { name: l.name })}
                      >
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {editing && (
        <LocationModal
          record={editing === 'new' ? null : editing}
          defaultOrgId={orgId || session.organisation.id}
          onClose={() => setEditing(null)}
          onSaved={(l, kind) => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: queryKeys.locations });
            show(t(kind === 'created' ? 'common.created' : 'common.saved', { name: l.name }));
          }}
        />
      )}
    </>
  );
}
