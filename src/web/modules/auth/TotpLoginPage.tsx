import { useState } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contracts/auth';
import { api } from '../../app/api';
import { FormError, useFormErrors } from '../../app/errors';
import { useSession } from '../../app/session';
import { PageHeader } from '../../ui/PageHeader';

type Mode = 'code' | 'recovery';

/** Second login step: a code from the authenticator app, or one of the recovery codes. */
export function TotpLoginPage() {
  const { t } = useTranslation();
  const { setSession, logout } = useSession();
  const [mode, setMode] = useState<Mode>('code');
  const [value, setValue] = useState('');
  const errors = useFormErrors();

  const verify = useMutation({
    mutationFn: (body: { code: string } | { recoveryCode: string }) =>
      api.post<{ session: SessionInfo }>('/auth/totp', body, { expectUnauthorized: true }),
    onMutate: () => errors.clear(),
    onSuccess: ({ session }) => setSession(session),
    onError: (error) => {
      errors.setError(error);
      setValue('');
    },
  });

  const switchMode = () => {
    setMode(mode === 'code' ? 'recovery' : 'code');
    setValue('');
    errors.clear();
  };

  const field = mode === 'code' ? 'code' : 'recoveryCode';

  return (
    <>
      <PageHeader title={t('totpLogin.title')} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = value.replace(/\s+/g, mode === 'code' ? '' : ' ').trim();
          verify.mutate(mode === 'code' ? { code: trimmed } : { recoveryCode: trimmed });
        }}
      >
        <Stack gap="md">
          <Text>{mode === 'code' ? t('totpLogin.codeIntro') : t('totpLogin.recoveryIntro')}</Text>
          <FormError error={errors.error} knownPaths={[field]} />
          {mode === 'code' ? (
            <TextInput
              key="code"
              label={t('totpLogin.codeLabel')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              withAsterisk={false}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={errors.field('code')}
            />
          ) : (
            <TextInput
              key="recovery"
              label={t('totpLogin.recoveryLabel')}
              name="recoveryCode"
              autoComplete="off"
              required
              withAsterisk={false}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={errors.field('recoveryCode')}
            />
          )}
          <Button type="submit" loading={verify.isPending}>
            {t('totpLogin.submit')}
          </Button>
          <Group justify="space-between">
            <Button variant="subtle" onClick={switchMode}>
              {mode === 'code' ? t('totpLogin.useRecovery') : t('totpLogin.useCode')}
            </Button>
            <Button variant="subtle" onClick={() => void logout()}>
              {t('totpLogin.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
