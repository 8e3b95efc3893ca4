import { useState, type ReactNode } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contracts/auth';
import { api } from '../../app/api';
import { FormError, useFormErrors } from '../../app/errors';
import { useActiveSession, useSession } from '../../app/session';
import { Notice, useNotice } from '../../ui/Notice';
import { OneTimeSecret } from '../../ui/OneTimeSecret';
import { PageHeader } from '../../ui/PageHeader';
import { StatusBadge } from '../../ui/StatusBadge';
import { ChangePasswordForm } from './ChangePasswordForm';
import { TotpEnrolment } from './TotpEnrolment';
import { AbsencesSection } from '../casefile/AbsencesSection';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md">
      <Title order={2} size="h3" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function DisableTotpForm({ onDisabled }: { onDisabled: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const errors = useFormErrors();
  const disable = useMutation({
    mutationFn: (body: { password: string }) =>
      api.post<{ session: SessionInfo }>('/auth/totp/disable', body, { expectUnauthorized: true }),
    onMutate: () => errors.clear(),
    onSuccess: ({ session }) => {
      setPassword('');
      onDisabled(session);
    },
    onError: errors.setError,
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        disable.mutate({ password });
      }}
    >
      <Stack gap="md">
        <Text>{t('totp.disableIntro')}</Text>
        <FormError error={errors.error} knownPaths={['password']} />
        <TextInput
          label={t('totp.disablePassword')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.field('password')}
          maw={360}
        />
        <Group>
          <Button type="submit" color="red.9" loading={disable.isPending}>
            {t('totp.disable')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const { setSession, can } = useSession();
  const { notice, show: setNotice, clear } = useNotice();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Stack gap="lg" maw={720}>
        <Notice notice={notice} onClose={clear} />
        <Section id="account-profile" title={t('account.profile')}>
          <Stack gap={4}>
            <Text>
              <strong>{t('account.name')}:</strong> {session.user.displayName}
            </Text>
            <Text>
              <strong>{t('account.email')}:</strong> {session.user.email}
            </Text>
            <Text>
              <strong>{t('account.organisation')}:</strong> {session.organisation.name}
            </Text>
            <Text>
              <strong>{t('account.roles')}:</strong> {session.roles.map((r) => t(`roles.${r}`)).join(', ')}
            </Text>
          </Stack>
        </Section>

        <Section id="account-password" title={t('password.title')}>
          <ChangePasswordForm
            onChanged={(next) => {
              setSession(next);
              setNotice(t('password.changed'));
            }}
          />
        </Section>

        <Section id="account-totp" title={t('totp.title')}>
          <Stack gap="md">
            <Group gap="sm">
              <Text>{t('totp.status')}</Text>
              {session.user.totpEnabled ? (
                <StatusBadge tone="success">{t('totp.enabled')}</StatusBadge>
              ) : (
                <StatusBadge tone="neutral">{t('totp.disabled')}</StatusBadge>
              )}
            </Group>
            {recoveryCodes && (
              <OneTimeSecret title={t('totp.recoveryTitle')} hint={t('totp.recoveryHint')} values={recoveryCodes} />
            )}
            {session.user.totpEnabled ? (
              <DisableTotpForm
                onDisabled={(next) => {
                  setRecoveryCodes(null);
                  setSession(next);
                  setNotice(t('totp.disabledNotice'));
                }}
              />
            ) : (
              <TotpEnrolment
                onEnabled={(result) => {
                  setRecoveryCodes(result.recoveryCodes);
                  setSession(result.session);
                  setNotice(t('totp.enabledNotice'));
                }}
              />
            )}
          </Stack>
        </Section>

        {/* Caseworkers and team leads: who stands in for whom while someone is away. */}
        {can('cases.edit') && <AbsencesSection />}
      </Stack>
    </>
  );
}
