import { useState } from 'react';
import { Button, Checkbox, Fieldset, NativeSelect, SimpleGrid, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../contracts/admin';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../contracts/roles';
import { api } from '../../app/api';
import { QueryError, emptyToNull } from '../../app/errors';
import { queryKeys, useOrganisations } from '../../app/queries';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import {
  AddressFields,
  FormModal,
  formatAddress,
  isAddressEmpty,
  toAddressBody,
  toAddressForm,
  useRecordForm,
  type AddressForm,
} from './shared';

interface OrganisationForm {
  name: string;
  shortName: string;
  kind: OrganisationKind;
  email: string;
  phone: string;
  address: AddressForm;
  active: boolean;
}

function toForm(o: Organisation | null): OrganisationForm {
  return {
    name: o?.name ?? '',
    shortName: o?.shortName ?? '',
    kind: o?.kind ?? 'provider',
    email: o?.email ?? '',
    phone: o?.phone ?? '',
    address: toAddressForm(o?.address),
    active: o?.active ?? true,
  };
}

function toBody(f: OrganisationForm) {
  return {
    name: f.name.trim(),
    shortName: emptyToNull(f.shortName),
    kind: f.kind,
    email: emptyToNull(f.email),
    phone: emptyToNull(f.phone),
    // The address is optional as a whole; a half-filled one goes to the server to be reported field by field.
    address: isAddressEmpty(f.address) ? null : toAddressBody(f.address),
    active: f.active,
  };
}

const KNOWN_PATHS = ['name', 'shortName', 'kind', 'email', 'phone', 'address', 'active'];

function OrganisationModal({
  record,
  onClose,
  onSaved,
}: {
  record: Organisation | null;
  onClose: () => void;
  onSaved: (o: Organisation, kind: 'created' | 'updated') => void;
}) {
  const { t } = useTranslation();
  const rf = useRecordForm<Organisation, OrganisationForm>({
    record,
    toForm,
    create: (f) => api.post<Organisation>('/organisations', toBody(f)),
    update: (f, r) => api.patch<Organisation>(`/organisations/${r.id}`, { ...toBody(f), version: r.version }),
    reload: (id) => api.get<Organisation>(`/organisations/${id}`),
    onSaved,
  });
  const { form, set, errors } = rf;

  return (
    <FormModal
      title={rf.isNew ? t('organisations.createTitle') : t('organisations.editTitle', { name: rf.current?.name })}
      onClose={onClose}
      onSubmit={rf.submit}
      pending={rf.pending}
      error={errors.error}
      conflict={rf.conflict}
      knownPaths={KNOWN_PATHS}
    >
      <TextInput
        label={t('organisations.name')}
        required
        value={form.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.field('name')}
        data-autofocus
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('organisations.shortName')}
          value={form.shortName}
          onChange={(e) => set('shortName', e.currentTarget.value)}
          error={errors.field('shortName')}
        />
        <NativeSelect
          label={t('organisations.kind')}
          required
          value={form.kind}
          onChange={(e) => set('kind', e.currentTarget.value as OrganisationKind)}
          error={errors.field('kind')}
          data={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisationKinds.${k}`) }))}
        />
        <TextInput
          label={t('common.email')}
          type="email"
          value={form.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          error={errors.field('email')}
        />
        <TextInput
          label={t('common.phone')}
          type="tel"
          value={form.phone}
          onChange={(e) => set('phone', e.currentTarget.value)}
          error={errors.field('phone')}
        />
      </SimpleGrid>
      <Fieldset legend={t('address.legendOptional')} variant="unstyled">
        <AddressFields value={form.address} onChange={(v) => set('address', v)} fieldError={errors.field} />
      </Fieldset>
      <Checkbox
        label={t('common.active')}
        checked={form.active}
        onChange={(e) => set('active', e.currentTarget.checked)}
      />
    </FormModal>
  );
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const canWrite = can('organisations.write');
  const queryClient = useQueryClient();
  const list = useOrganisations();
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const { notice, show, clear } = useNotice();

  return (
    <>
      <PageHeader
        title={t('organisations.title')}
        actions={
          canWrite && (
            <Button onClick={() => setEditing('new')}>{t('organisations.create')}</Button>
          )
        }
      />
      <Notice notice={notice} onClose={clear} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text>{t('organisations.empty')}</Text>
      ) : (
        <TableScroll label={t('organisations.title')}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('organisations.name')}</Table.Th>
                <Table.Th scope="col">{t('organisations.kind')}</Table.Th>
                <Table.Th scope="col">{t('common.contact')}</Table.Th>
                <Table.Th scope="col">{t('address.label')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                {canWrite && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    {o.name}
                    {o.shortName ? ` (${o.shortName})` : ''}
                  </Table.Td>
                  <Table.Td>{t(`organisationKinds.${o.kind}`)}</Table.Td>
                  <Table.Td>{[o.email, o.phone].filter(Boolean).join(' · ')}</Table.Td>
                  <Table.Td>{formatAddress(o.address)}</Table.Td>
                  <Table.Td>
                    <StatusBadge tone={o.active ? 'success' : 'neutral'}>
                      {o.active ? t('common.active') : t('common.inactive')}
                    </StatusBadge>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(o)}
                        aria-label={t('common.editNamed', { name: o.name })}
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
        <OrganisationModal
          record={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(o, kind) => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: queryKeys.organisations });
            show(t(kind === 'created' ? 'common.created' : 'common.saved', { name: o.name }));
          }}
        />
      )}
    </>
  );
}
