import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui/PageHeader';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('errors.forbiddenTitle')} />
      <Text mb="md">{t('errors.forbiddenText')}</Text>
      <Anchor component={Link} to="/">
        {t('errors.backToStart')}
      </Anchor>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('errors.notFoundTitle')} />
      <Text mb="md">{t('errors.notFoundText')}</Text>
      <Anchor component={Link} to="/">
        {t('errors.backToStart')}
      </Anchor>
    </>
  );
}
