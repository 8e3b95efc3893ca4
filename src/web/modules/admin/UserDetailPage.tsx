import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/admin';
import type { Role } from '../../../contracts/roles';
import { ApiError, api } from '../../app/api';
import { FormError, QueryError, errorMessage, useFormErrors } from '../../app/errors';
import { queryKeys } from '../../app/queries';
import { useSession } from '../../app/session';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { Loading } from '../../ui/Loading';
import { OneTimeSecret } from '../../ui/OneTimeSecret';
import { Notice, useNotice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { useFormatters } from '../../ui/format';
import { LanguageField, RolesField, UserStatusBadges, isLocked } from './userFields';

const userKey = (id: string) => [...queryKeys.users, 'detail', id] as const;

interface EditForm {
  displayName: string;
  roles: Role[];
  language: 'de' | 'en';
}

const toForm = (u: User): EditForm => ({ displayName: u.displayName, roles: u.roles, language: u.language });

function EditUserForm({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<EditForm>(() => toForm(user));
  const [conflict, setConflict] = useState<string | null>(null);
  const errors = useFormErrors();

  const save = useMutation({
    // `user` is always the latest copy this page holds (actions below refresh it), so its version is the
    // one to send; anything newer on the server is someone else's change and yields a conflict.
    mutationFn: () => api.patch<User>(`/users/${user.id}`, { ...form, displayName: form.displayName.trim(), version: user.version }),
    onMutate: () => {
      errors.clear();
      setConflict(null);
    },
    onSuccess: onSaved,
    onError: async (error) => {
      if (error instanceof ApiError && error.isVersionConflict) {
        try {
          const fresh = await api.get<User>(`/users/${user.id}`);
          queryClient.setQueryData(userKey(user.id), fresh);
          setForm(toForm(fresh));
          setConflict(`${errorMessage(error, t)} ${t('errors.conflictReloaded')}`);
        } catch (reloadError) {
          errors.setError(reloadError);
        }
        return;
      }
      errors.setError(error);
    },
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md">
        {conflict && (
          <Alert color="red" role="alert" title={t('errors.conflictTitle')}>
            {conflict}
          </Alert>
        )}
        <FormError error={errors.error} knownPaths={['displayName', 'roles', 'language']} />
        <TextInput
          label={t('users.displayName')}
          required
          value={form.displayName}
          onChange={(e) => {
            const displayName = e.currentTarget.value;
            setForm((f) => ({ ...f, displayName }));
          }}
          error={errors.field('displayName')}
          maw={480}
        />
        <RolesField value={form.roles} onChange={(roles) => setForm((f) => ({ ...f, roles }))} error={errors.field('roles')} />
        <LanguageField
          value={form.language}
          onChange={(language) => setForm((f) => ({ ...f, language }))}
          error={errors.field('language')}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Action = 'resetPassword' | 'resetTotp' | 'unlock' | 'deactivate' | 'reactivate';

function UserActions({ user, onUpdated }: { user: User; onUpdated: (u: User, notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [temporaryPassword, setTemporaryPassword] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = useMutation({
    mutationFn: async (action: Action): Promise<User> => {
      switch (action) {
        case 'resetPassword': {
          const result = await api.post<{ user: User; temporaryPassword: string }>(`/users/${user.id}/reset-password`);
          setTemporaryPassword(result.temporaryPassword);
          return result.user;
        }
        case 'resetTotp':
          return api.post<User>(`/users/${user.id}/reset-totp`);
        case 'unlock':
          return api.post<User>(`/users/${user.id}/unlock`);
        case 'deactivate':
        case 'reactivate':
          return api.patch<User>(`/users/${user.id}`, { active: action === 'reactivate', version: user.version });
      }
    },
    onMutate: () => setError(null),
    onSuccess: (updated, action) => {
      setConfirming(null);
      onUpdated(updated, t(`users.actions.${action}.done`, { name: updated.displayName }));
    },
    onError: (e) => {
      setConfirming(null);
      setError(e);
      // Someone else changed the account meanwhile: show the current state before the next attempt.
      if (e instanceof ApiError && e.isVersionConflict) void queryClient.invalidateQueries({ queryKey: userKey(user.id) });
    },
  });

  const actions: Action[] = [
    'resetPassword',
    ...(user.totpEnabled ? (['resetTotp'] as const) : []),
    ...(isLocked(user) ? (['unlock'] as const) : []),
    ...(user.active ? (['deactivate'] as const) : (['reactivate'] as const)),
  ];
  const danger = (a: Action) => a === 'deactivate' || a === 'resetTotp' || a === 'resetPassword';

  return (
    <Stack gap="md">
      <FormError error={error} />
      {temporaryPassword && (
        <Modal
          opened
          onClose={() => setTemporaryPassword(null)}
          title={t('users.temporaryPasswordTitle')}
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          <Stack gap="md">
            <OneTimeSecret
              title={t('users.temporaryPasswordFor', { name: user.displayName })}
              hint={t('users.temporaryPasswordHint')}
              values={[temporaryPassword]}
            />
            <Group justify="flex-end">
              <Button onClick={() => setTemporaryPassword(null)}>{t('common.done')}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
      <Group gap="sm">
        {actions.map((action) => (
          <Button
            key={action}
            variant="outline"
            color={danger(action) ? 'red.9' : 'blue.9'}
            onClick={() => setConfirming(action)}
          >
            {t(`users.actions.${action}.button`)}
          </Button>
        ))}
      </Group>
      {confirming && (
        <ConfirmModal
          opened
          title={t(`users.actions.${confirming}.title`)}
          message={t(`users.actions.${confirming}.confirm`, { name: user.displayName })}
          confirmLabel={t(`users.actions.${confirming}.button`)}
          danger={danger(confirming)}
          pending={run.isPending}
          onConfirm={() => run.mutate(confirming)}
          onClose={() => setConfirming(null)}
        />
      )}
    </Stack>
  );
}

export function UserDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const canWrite = can('users.write');
  const fmt = useFormatters();
  const queryClient = useQueryClient();
  const { notice, show, clear } = useNotice();
  const query = useQuery({ queryKey: userKey(id), queryFn: () => api.get<User>(`/users/${id}`) });

  const update = (u: User, message: string) => {
    queryClient.setQueryData(userKey(u.id), u);
    void queryClient.invalidateQueries({ queryKey: [...queryKeys.users, 'list'] });
    show(message);
  };

  const backLink = (
    <Anchor component={Link} to="/admin/users">
      {t('users.backToList')}
    </Anchor>
  );

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={t('users.detailTitle')} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
        <Text mt="md">{backLink}</Text>
      </>
    );
  }
  const user = query.data;

  return (
    <>
      <Text mb="sm">{backLink}</Text>
      <PageHeader title={user.displayName} documentTitle={t('users.detailDocumentTitle', { name: user.displayName })} />
      <Notice notice={notice} onClose={clear} />
      <Stack gap="lg" maw={880}>
        <Paper component="section" aria-labelledby="user-overview" withBorder p="md">
          <Title order={2} size="h3" id="user-overview" mb="sm">
            {t('users.overview')}
          </Title>
          <Stack gap={4}>
            <Text>
              <strong>{t('common.email')}:</strong> {user.email}
            </Text>
            <Text>
              <strong>{t('common.organisation')}:</strong> {user.orgName}
            </Text>
            <Group gap="xs">
              <Text>
                <strong>{t('common.status')}:</strong>
              </Text>
              <UserStatusBadges user={user} />
            </Group>
            <Group gap="xs">
              <Text>
                <strong>{t('users.twoFactor')}:</strong>
              </Text>
              {user.totpEnabled ? (
                <StatusBadge tone="info">{t('users.twoFactorOn')}</StatusBadge>
              ) : (
                <Text span>{t('users.twoFactorOff')}</Text>
              )}
            </Group>
            <Text>
              <strong>{t('users.lastLogin')}:</strong>{' '}
              {user.lastLoginAt ? fmt.dateTime(user.lastLoginAt) : t('users.neverLoggedIn')}
            </Text>
          </Stack>
        </Paper>

        {canWrite ? (
          <>
            <Paper component="section" aria-labelledby="user-edit" withBorder p="md">
              <Title order={2} size="h3" id="user-edit" mb="sm">
                {t('users.editHeading')}
              </Title>
              <EditUserForm
                key={user.id}
                user={user}
                onSaved={(u) => update(u, t('common.saved', { name: u.displayName }))}
              />
            </Paper>
            <Paper component="section" aria-labelledby="user-actions" withBorder p="md">
              <Title order={2} size="h3" id="user-actions" mb="sm">
                {t('users.actionsHeading')}
              </Title>
              <UserActions user={user} onUpdated={update} />
            </Paper>
          </>
        ) : (
          <Paper component="section" aria-labelledby="user-roles" withBorder p="md">
            <Title order={2} size="h3" id="user-roles" mb="sm">
              {t('users.roles')}
            </Title>
            <Text>{user.roles.map((r) => t(`roles.${r}`)).join(', ')}</Text>
          </Paper>
        )}
      </Stack>
    </>
  );
}
