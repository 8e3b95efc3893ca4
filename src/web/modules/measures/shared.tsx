import { Alert, List } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Measure, MeasureCatalogue, RentDebtApplication, SubmittedApplication } from '../../../contracts/measures';
import { api } from '../../app/api';
import type { Tone } from '../../ui/StatusBadge';

export type { Measure, MeasureCatalogue, RentDebtApplication, SubmittedApplication };

export const measureKeys = {
  all: ['measures'] as const,
  ofCase: (caseId: string) => ['measures', 'case', caseId] as const,
  catalogue: ['measures', 'catalogue'] as const,
  applications: (status: string) => ['measures', 'applications', status] as const,
};

export function useCatalogue() {
  return useQuery({ queryKey: measureKeys.catalogue, queryFn: () => api.get<MeasureCatalogue>('/measure-types') });
}

/** A type's name: the default types in the reader's language, the organisation's own as written. */
export function useTypeLabel() {
  const { t } = useTranslation();
  return (type: { key: string; label: string }) => t(`measures.types.${type.key}`, { defaultValue: type.label });
}

export function statusTone(status: string): Tone {
  if (['done', 'attended', 'approved'].includes(status)) return 'success';
  if (['failed', 'not_attended', 'rejected'].includes(status)) return 'danger';
  if (['cancelled', 'withdrawn', 'draft'].includes(status)) return 'neutral';
  return 'info';
}

/** Euro amounts in the reader's language. */
export function useMoney() {
  const { i18n } = useTranslation();
  const f = new Intl.NumberFormat(i18n.language.startsWith('en') ? 'en-GB' : 'de-DE', { style: 'currency', currency: 'EUR' });
  return (n: number | null | undefined) => (n === null || n === undefined ? '–' : f.format(n));
}

/** The Schonfrist warnings of an application, in words (the colour only repeats what they say). */
export function RentDebtWarnings({ warnings }: { warnings: { code: string; days: number }[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <Alert color="red" title={t('measures.warnings.title')} mt="xs">
      <List size="sm">
        {warnings.map((w) => (
          <List.Item key={w.code}>{t(`measures.warnings.${w.code}`, { count: Math.abs(w.days) })}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
