import { useState } from 'react';
import { Button, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '../../../contracts/admin';
import { api } from '../../app/api';
import { QueryError } from '../../app/errors';
import { queryKeys, useMunicipalities } from '../../app/queries';
import { useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TableScroll } from '../../ui/TableScroll';
import { FormModal, useRecordForm } from './shared';

interface MunicipalityForm {
  name: string;
  ags: string;
  postalCodes: string;
}

function toForm(m: Municipality | null): MunicipalityForm {
  return { name: m?.name ?? '', ags: m?.ags ?? '', postalCodes: m?.postalCodes.join(', ') ?? '' };
}

function toBody(f: MunicipalityForm) {
  return {
    name: f.name.trim(),
    ags: f.ags.trim(),
    postalCodes: f.postalCodes.split(/[\s,;]+/).filter(Boolean),
  };
}

const KNOWN_PATHS = ['name', 'ags', 'postalCodes'];

function MunicipalityModal({
  record,
  onClose,
  onSaved,
}: {
  record: Municipality | null;
  onClose: () => void;
  onSaved: (m: Municipality, kind: 'created' | 'updated') => void;
}) {
  const { t } = useTranslation();
  const rf = useRecordForm<Municipality, MunicipalityForm>({
    record,
    toForm,
    create: (f) => api.post<Municipality>('/municipalities', toBody(f)),
    update: (f, r) => api.patch<Municipality>(`/municipalities/${r.id}`, { ...toBody(f), version: r.version }),
    reload: (id) => api.get<Municipality>(`/municipalities/${id}`),
    onSaved,
  });
  const { form, set, errors } = rf;
  return (
    <FormModal
      title={rf.isNew ? t('municipalities.createTitle') : t('municipalities.editTitle', { name: rf.current?.name })}
      onClose={onClose}
      onSubmit={rf.submit}
      pending={rf.pending}
      error={errors.error}
      conflict={rf.conflict}
      knownPaths={KNOWN_PATHS}
      size="md"
    >
      <TextInput
        label={t('municipalities.name')}
        required
        value={form.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.field('name')}
        data-autofocus
      />
      <TextInput
        label={t('municipalities.ags')}
        description={t('municipalities.agsHint')}
        required
        inputMode="numeric"
        maxLength={8}
        value={form.ags}
        onChange={(e) => set('ags', e.currentTarget.value)}
        error={errors.field('ags')}
      />
      <TextInput
        label={t('municipalities.postalCodes')}
        description={t('municipalities.postalCodesHint')}
        value={form.postalCodes}
        onChange={(e) => set('postalCodes', e.currentTarget.value)}
        error={errors.field('postalCodes')}
      />
    </FormModal>
  );
}

export function MunicipalitiesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const canWrite = can('municipalities.write');
  const queryClient = useQueryClient();
  const list = useMunicipalities();
  const [editing, setEditing] = useState<Municipality | 'new' | null>(null);
  const { notice, show, clear } = useNotice();

  return (
    <>
      <PageHeader
        title={t('municipalities.title')}
        actions={canWrite && <Button onClick={() => setEditing('new')}>{t('municipalities.create')}</Button>}
      />
      <Notice notice={notice} onClose={clear} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text>{t('municipalities.empty')}</Text>
      ) : (
        <TableScroll label={t('municipalities.title')} minWidth={560}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('municipalities.name')}</Table.Th>
                <Table.Th scope="col">{t('municipalities.ags')}</Table.Th>
                <Table.Th scope="col">{t('municipalities.postalCodes')}</Table.Th>
                {canWrite && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.name}</Table.Td>
                  <Table.Td>{m.ags}</Table.Td>
                  <Table.Td>{m.postalCodes.join(', ')}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(m)}
                        aria-label={t('common.editNamed', { name: m.name })}
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
        <MunicipalityModal
          record={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(m, kind) => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: queryKeys.municipalities });
            show(t(kind === 'created' ? 'common.created' : 'common.saved', { name: m.name }));
          }}
        />
      )}
    </>
  );
}
