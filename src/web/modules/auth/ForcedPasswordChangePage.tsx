import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { PageHeader } from '../../ui/PageHeader';
import { ChangePasswordForm } from '../account/ChangePasswordForm';

/** After an administrator reset the password: nothing else is possible until it is replaced. */
export function ForcedPasswordChangePage() {
  const { t } = useTranslation();
  const { setSession } = useSession();
  return (
    <>
      <PageHeader title={t('forcedPassword.title')} />
      <Text mb="md">{t('forcedPassword.intro')}</Text>
      <ChangePasswordForm currentLabel={t('forcedPassword.currentLabel')} onChanged={setSession} />
    </>
  );
}
