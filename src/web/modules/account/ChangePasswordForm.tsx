import { useState } from 'react';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contracts/auth';
import { api } from '../../app/api';
import { FormError, useFormErrors } from '../../app/errors';
import { usePublicConfig } from '../../app/queries';

export function ChangePasswordForm({
  currentLabel,
  onChanged,
}: {
  currentLabel?: string;
  onChanged: (session: SessionInfo) => void;
}) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const minLength = config.data?.passwordPolicy.minLength;
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const errors = useFormErrors();

  const change = useMutation({
    // A wrong current password may come back as 401; that is an answer, not an expired session.
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<{ session: SessionInfo }>('/auth/password', body, { expectUnauthorized: true }),
    onMutate: () => errors.clear(),
    onSuccess: ({ session }) => {
      setCurrentPassword('');
      setNewPassword('');
      setConfirmPassword('');
      onChanged(session);
    },
    onError: errors.setError,
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // The only check made here: a typo in the repetition cannot be caught by the server.
        if (newPassword !== confirmPassword) {
          setMismatch(true);
          return;
        }
        setMismatch(false);
        change.mutate({ currentPassword, newPassword });
      }}
    >
      <Stack gap="md">
        <FormError error={errors.error} knownPaths={['currentPassword', 'newPassword']} />
        <TextInput
          label={currentLabel ?? t('password.current')}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
          error={errors.field('currentPassword')}
        />
        <TextInput
          label={t('password.new')}
          description={minLength ? t('password.policy', { count: minLength }) : undefined}
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={errors.field('newPassword')}
        />
        <TextInput
          label={t('password.confirm')}
          type="password"
          autoComplete="new-password"
          required
          value={confirmPassword}
          onChange={(e) => {
            setConfirmPassword(e.currentTarget.value);
            setMismatch(false);
          }}
          error={mismatch ? t('password.mismatch') : undefined}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
