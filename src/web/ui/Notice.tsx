import { useState } from 'react';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A dismissible confirmation after saving, announced politely to screen readers. */
export function useNotice() {
  const [notice, setNotice] = useState<string | null>(null);
  return { notice, show: setNotice, clear: () => setNotice(null) };
}

export function Notice({ notice, onClose }: { notice: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  // The live region is always present so that a newly inserted message is actually announced.
  return (
    <div role="status">
      {notice && (
        <Alert color="teal" mb="md" role="note" withCloseButton closeButtonLabel={t('common.close')} onClose={onClose}>
          {notice}
        </Alert>
      )}
    </div>
  );
}
