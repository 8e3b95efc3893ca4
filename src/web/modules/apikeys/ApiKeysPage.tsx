import { useState } from 'react';
import { Button, Code, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { ApiKey, ApiKeyCreated, ApiKeyList } from '../../../contracts/apikeys';
import { api } from '../../app/api';
import { FormError, QueryError, errorMessage, useFormErrors } from '../../app/errors';
import { useOrganisations } from '../../app/queries';
import { useActiveSession, useSession } from '../../app/session';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { Loading } from '../../ui/Loading';
import { Notice, useNotice } from '../../ui/Notice';
import { OneTimeSecret } from '../../ui/OneTimeSecret';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';

type Key = z.infer<typeof ApiKey>;
type Created = z.infer<typeof ApiKeyCreated>;

const KEYS = ['apiKeys'] as const;

function CreateKeyModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const canPickOrg = can('organisations.read');
  const organisations = useOrganisations(canPickOrg);
  const [orgId, setOrgId] = useState(session.organisation.id);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const errors = useFormErrors();

  const create = useMutation({
    mutationFn: () =>
      api.post<Created>('/api-keys', {
        name: name.trim(),
        ...(orgId !== session.organisation.id ? { orgId } : {}),
      }),
    onMutate: () => errors.clear(),
    onSuccess: (result) => {
      setCreated(result);
      onCreated();
    },
    onError: errors.setError,
  });

  return (
    <Modal opened onClose={onClose} title={t('apiKeys.createTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {created ? (
        <Stack gap="md">
          <Text>{t('apiKeys.createdText', { name: created.apiKey.name })}</Text>
          <OneTimeSecret title={t('apiKeys.secretTitle')} hint={t('apiKeys.secretHint')} values={[created.key]} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <Stack gap="md">
            <FormError error={errors.error} knownPaths={['name', 'orgId']} />
            <Text>{t('apiKeys.createIntro')}</Text>
            {canPickOrg && (organisations.data?.length ?? 0) > 1 ? (
              <NativeSelect
                label={t('common.organisation')}
                required
                value={orgId}
                onChange={(e) => setOrgId(e.currentTarget.value)}
                error={errors.field('orgId')}
                data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            ) : (
              <Text>
                <strong>{t('common.organisation')}:</strong> {session.organisation.name}
              </Text>
            )}
            <TextInput
              label={t('apiKeys.name')}
              description={t('apiKeys.nameHint')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.field('name')}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('apiKeys.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** /admin/api-keys: keys with which partner systems (court, Jobcenter) send notices. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const organisations = useOrganisations(can('organisations.read'));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Key | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const { notice, show, clear } = useNotice();

  const list = useQuery({
    queryKey: KEYS,
    queryFn: async () => (await api.get<z.infer<typeof ApiKeyList>>('/api-keys')).items,
  });
  const orgName = new Map((organisations.data ?? []).map((o) => [o.id, o.name]));
  const severalOrgs = new Set((list.data ?? []).map((k) => k.orgId)).size > 1;

  const revoke = useMutation({
    mutationFn: (key: Key) => api.post<Key>(`/api-keys/${key.id}/revoke`),
    onMutate: () => setRevokeError(null),
    onSuccess: (key) => {
      setRevoking(null);
      show(t('apiKeys.revokedNotice', { name: key.name }));
    },
    onError: (e) => setRevokeError(errorMessage(e, t)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: KEYS }),
  });

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.intro')}
        actions={<Button onClick={() => setCreating(true)}>{t('apiKeys.create')}</Button>}
      />
      <Notice notice={notice} onClose={clear} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text>{t('apiKeys.empty')}</Text>
      ) : (
        <TableScroll label={t('apiKeys.title')} minWidth={860}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>{t('apiKeys.caption', { count: list.data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('apiKeys.name')}</Table.Th>
                {severalOrgs && <Table.Th scope="col">{t('common.organisation')}</Table.Th>}
                <Table.Th scope="col">{t('apiKeys.prefix')}</Table.Th>
                <Table.Th scope="col">{t('apiKeys.createdAt')}</Table.Th>
                <Table.Th scope="col">{t('apiKeys.lastUsedAt')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>{k.name}</Table.Td>
                  {severalOrgs && <Table.Td>{orgName.get(k.orgId) ?? k.orgId}</Table.Td>}
                  <Table.Td>
                    <Code>{k.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{fmt.dateTime(k.createdAt)}</Table.Td>
                  <Table.Td>{k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : t('apiKeys.neverUsed')}</Table.Td>
                  <Table.Td>
                    {k.revokedAt ? (
                      <StatusBadge tone="neutral">{t('apiKeys.revokedAt', { date: fmt.dateTime(k.revokedAt) })}</StatusBadge>
                    ) : (
                      <StatusBadge tone="success">{t('common.active')}</StatusBadge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!k.revokedAt && (
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        onClick={() => setRevoking(k)}
                        aria-label={t('apiKeys.revokeNamed', { name: k.name })}
                      >
                        {t('apiKeys.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {creating && (
        <CreateKeyModal onClose={() => setCreating(false)} onCreated={() => void queryClient.invalidateQueries({ queryKey: KEYS })} />
      )}
      <ConfirmModal
        opened={revoking !== null}
        title={t('apiKeys.revokeTitle')}
        message={revoking ? t('apiKeys.revokeConfirm', { name: revoking.name }) : ''}
        confirmLabel={t('apiKeys.revoke')}
        danger
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => {
          setRevoking(null);
          setRevokeError(null);
        }}
      >
        {revokeError && (
          <Text c="red.9" role="alert">
            {revokeError}
          </Text>
        )}
      </ConfirmModal>
    </>
  );
}
