import { useState } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contracts/auth';
import { api } from '../../app/api';
import { FormError, useFormErrors } from '../../app/errors';
import { usePublicConfig } from '../../app/queries';
import { useSession } from '../../app/session';
import { PageHeader } from '../../ui/PageHeader';

export function LoginPage() {
  const { t } = useTranslation();
  const { setSession, loginNotice: notice } = useSession();
  const config = usePublicConfig();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errors = useFormErrors();

  const login = useMutation({
    // A 401 here means wrong credentials, not an expired session.
    mutationFn: (body: { email: string; password: string }) =>
      api.post<{ session: SessionInfo }>('/auth/login', body, { expectUnauthorized: true }),
    onMutate: () => errors.clear(),
    // The route guard sends the new session wherever its stage says (start page, 2FA, ...).
    onSuccess: ({ session }) => setSession(session),
    onError: (error) => {
      errors.setError(error);
      setPassword('');
    },
  });

  return (
    <>
      <PageHeader title={t('login.title')} />
      <Stack gap="md">
        {notice && (
          <Alert color="blue" role="status">
            {t(notice === 'expired' ? 'login.noticeExpired' : 'login.noticeLoggedOut')}
          </Alert>
        )}
        {config.data?.demo && (
          <Alert color="blue" title={t('login.demoTitle')} role="note">
            {t('login.demoText')}
          </Alert>
        )}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            login.mutate({ email: email.trim(), password });
          }}
        >
          <Stack gap="md">
            <FormError error={errors.error} knownPaths={['email', 'password']} title={t('login.failedTitle')} />
            <TextInput
              label={t('login.email')}
              type="email"
              name="email"
              autoComplete="username"
              required
              withAsterisk={false}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.field('email')}
            />
            <TextInput
              label={t('login.password')}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              withAsterisk={false}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.field('password')}
            />
            <Button type="submit" loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
        <Text>
          {t('login.schonfristIntro')}{' '}
          <Anchor component={Link} to="/fristen">
            {t('login.schonfristLink')}
          </Anchor>
        </Text>
      </Stack>
    </>
  );
}
