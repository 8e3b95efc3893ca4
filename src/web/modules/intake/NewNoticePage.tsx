import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { NoticeForm } from './NoticeForm';

/** /intake/new: staff enter a notice (walk-in, phone call, letter) through the same pipeline as partners. */
export function NewNoticePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('intake.title')} description={t('intake.intro')} />
      <NoticeForm detail="full" headingOrder={2} />
    </>
  );
}
