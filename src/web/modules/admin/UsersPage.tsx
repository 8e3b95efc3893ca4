import { useState } from 'react';
import { Anchor, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/admin';
import type { Role } from '../../../contracts/roles';
import { api } from '../../app/api';
import { FormError, QueryError, useFormErrors } from '../../app/errors';
import { currentLanguage } from '../../app/i18n';
import { queryKeys, useOrganisations } from '../../app/queries';
import { useActiveSession, useSession } from '../../app/session';
import { Loading } from '../../ui/Loading';
import { OneTimeSecret } from '../../ui/OneTimeSecret';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useFormatters } from '../../ui/format';
import { LanguageField, RolesField, UserStatusBadges } from './userFields';

interface CreatedUser {
  user: User;
  temporaryPassword: string;
}

function CreateUserModal({ defaultOrgId, onClose, onCreated }: { defaultOrgId: string; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const canPickOrg = can('organisations.read');
  const organisations = useOrganisations(canPickOrg);
  const [orgId, setOrgId] = useState(defaultOrgId);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['caseworker']);
  const [language, setLanguage] = useState<'de' | 'en'>(currentLanguage());
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const errors = useFormErrors();

  const create = useMutation({
    mutationFn: () =>
      api.post<CreatedUser>('/users', { orgId, email: email.trim(), displayName: displayName.trim(), roles, language }),
    onMutate: () => errors.clear(),
    onSuccess: (result) => {
      setCreated(result);
      onCreated();
    },
    onError: errors.setError,
  });

  return (
    <Modal opened onClose={onClose} title={t('users.createTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {created ? (
        <Stack gap="md">
          <Text>{t('users.createdText', { name: created.user.displayName, email: created.user.email })}</Text>
          <OneTimeSecret
            title={t('users.temporaryPasswordTitle')}
            hint={t('users.temporaryPasswordHint')}
            values={[created.temporaryPassword]}
          />
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
            <FormError error={errors.error} knownPaths={['orgId', 'email', 'displayName', 'roles', 'language']} />
            {canPickOrg ? (
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
              label={t('users.displayName')}
              required
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={errors.field('displayName')}
              data-autofocus
            />
            <TextInput
              label={t('common.email')}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.field('email')}
            />
            <RolesField value={roles} onChange={setRoles} error={errors.field('roles')} />
            <LanguageField value={language} onChange={setLanguage} error={errors.field('language')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('users.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { can } = useSession();
  const canWrite = can('users.write');
  const canFilterOrg = can('organisations.read');
  const fmt = useFormatters();
  const queryClient = useQueryClient();
  const organisations = useOrganisations(canFilterOrg);
  const [orgId, setOrgId] = useState('');
  const [search, setSearch] = useState('');
  // Search as the user types, but not one request per keystroke.
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);

  const list = useQuery({
    queryKey: [...queryKeys.users, 'list', { orgId, q }],
    queryFn: async () => (await api.get<{ items: User[] }>('/users', { orgId, q })).items,
    placeholderData: (previous) => previous,
  });

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={canWrite && <Button onClick={() => setCreating(true)}>{t('users.create')}</Button>}
      />
      <Group align="flex-end" mb="md" gap="md">
        <TextInput
          label={t('users.search')}
          description={t('users.searchHint')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
        />
        {canFilterOrg && (
          <NativeSelect
            label={t('common.filterOrganisation')}
            value={orgId}
            onChange={(e) => setOrgId(e.currentTarget.value)}
            data={[
              { value: '', label: t('common.allOrganisations') },
              ...(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
            ]}
            w={320}
          />
        )}
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text role="status">{t('users.empty')}</Text>
      ) : (
        <>
          <Text role="status" mb="xs">
            {t('users.count', { count: list.data.length })}
          </Text>
          <TableScroll label={t('users.title')} minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                  <Table.Th scope="col">{t('common.email')}</Table.Th>
                  <Table.Th scope="col">{t('common.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('users.roles')}</Table.Th>
                  <Table.Th scope="col">{t('common.status')}</Table.Th>
                  <Table.Th scope="col">{t('users.twoFactor')}</Table.Th>
                  <Table.Th scope="col">{t('users.lastLogin')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/users/${u.id}`}>
                        {u.displayName}
                      </Anchor>
                      {u.id === session.user.id && <Text span> ({t('users.you')})</Text>}
                    </Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{u.orgName}</Table.Td>
                    <Table.Td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</Table.Td>
                    <Table.Td>
                      <UserStatusBadges user={u} />
                    </Table.Td>
                    <Table.Td>
                      {u.totpEnabled ? (
                        <StatusBadge tone="info">{t('users.twoFactorOn')}</StatusBadge>
                      ) : (
                        <Text span>{t('users.twoFactorOff')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{u.lastLoginAt ? fmt.dateTime(u.lastLoginAt) : t('users.neverLoggedIn')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
      {creating && (
        <CreateUserModal
          defaultOrgId={orgId || session.organisation.id}
          onClose={() => setCreating(false)}
          onCreated={() => void queryClient.invalidateQueries({ queryKey: queryKeys.users })}
        />
      )}
    </>
  );
}
