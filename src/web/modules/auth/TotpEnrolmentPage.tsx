import { useState } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contracts/auth';
import { setCsrfToken } from '../../app/api';
import { useSession } from '../../app/session';
import { OneTimeSecret } from '../../ui/OneTimeSecret';
import { PageHeader } from '../../ui/PageHeader';
import { TotpEnrolment } from '../account/TotpEnrolment';

/** Accounts that must use 2FA (administrators) enrol here before they can do anything else. */
export function TotpEnrolmentPage() {
  const { t } = useTranslation();
  const { setSession } = useSession();
  const [done, setDone] = useState<{ recoveryCodes: string[]; session: SessionInfo } | null>(null);

  return (
    <>
      <PageHeader title={t('totpEnrolment.title')} />
      {done ? (
        <Stack gap="md">
          <OneTimeSecret
            title={t('totp.recoveryTitle')}
            hint={t('totp.recoveryHint')}
            values={done.recoveryCodes}
          />
          <Button onClick={() => setSession(done.session)}>{t('totpEnrolment.continue')}</Button>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text>{t('totpEnrolment.intro')}</Text>
          <TotpEnrolment
            onEnabled={(result) => {
              // The stage is already active on the server, but the session is only swapped in after
              // the user has seen the recovery codes: the guard would otherwise navigate away from them.
              setCsrfToken(result.session.csrfToken);
              setDone(result);
            }}
          />
        </Stack>
      )}
    </>
  );
}
