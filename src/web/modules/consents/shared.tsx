import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../contracts/admin';
import {
  DATA_CATEGORIES,
  SENSITIVE_CATEGORIES,
  type Consent,
  type ConsentState,
  type DataCategory,
  type Disclosure,
  type DisclosureDetail,
} from '../../../contracts/consents';
import { ApiError, api } from '../../app/api';
import { FormError, errorMessage } from '../../app/errors';
import { useActiveSession } from '../../app/session';
import type { Tone } from '../../ui/StatusBadge';

export type { Consent, Disclosure, DisclosureDetail };

export const consentKeys = {
  ofCase: (caseId: string) => ['consents', 'case', caseId] as const,
  disclosuresOfCase: (caseId: string) => ['disclosures', 'case', caseId] as const,
  received: ['disclosures', 'received'] as const,
  overdue: ['disclosures', 'sent', 'overdue'] as const,
  detail: (id: string) => ['disclosures', 'detail', id] as const,
};

export const CONSENT_STATE_TONE: Record<ConsentState, Tone> = {
  valid: 'success',
  revoked: 'danger',
  expired: 'neutral',
  not_yet_valid: 'info',
};

export const DISCLOSURE_STATUS_TONE: Record<Disclosure['status'], Tone> = {
  open: 'info',
  accepted: 'success',
  declined: 'danger',
  withdrawn: 'neutral',
  ended: 'neutral',
  completed: 'success',
};

export const isSensitive = (c: DataCategory) => SENSITIVE_CATEGORIES.includes(c);

/** Category names in the reader's language, in the order of the catalogue. */
export function useCategoryList() {
  const { t } = useTranslation();
  return (categories: readonly DataCategory[]) => categories.map((c) => t(`consents.categories.${c}`)).join(', ');
}

/**
 * The other organisations of the district (active, not the own one): the recipients a consent can
 * name and a share, status report or transfer can go to.
 */
export function useOtherOrganisations() {
  const session = useActiveSession();
  return useQuery({
    queryKey: ['organisations', 'others', session.organisation.id],
    queryFn: async () =>
      (await api.get<{ items: Organisation[] }>('/organisations')).items
        .filter((o) => o.active && o.id !== session.organisation.id)
        .sort((a, b) => a.name.localeCompare(b.name, 'de')),
  });
}

/**
 * A refused flow: the server says there is no valid consent and, per field, what is lacking (the
 * recipient, the purpose, a category it names, or the date of the revocation). Shown in full at the
 * top of the form, not as "path: message", so the reason reads as a sentence.
 */
export function RefusalOrError({ error, knownPaths }: { error: unknown; knownPaths: string[] }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.code === 'consent_required') {
    return (
      <Alert color="red" role="alert" title={t('disclosures.refusedTitle')}>
        <Text>{errorMessage(error, t)}</Text>
        {error.fields.length > 0 && (
          <List mt="xs">
            {error.fields.map((f) => (
              <List.Item key={`${f.path}:${f.message}`}>{f.message}</List.Item>
            ))}
          </List>
        )}
        <Text mt="xs" size="sm">
          {t('disclosures.refusedHint')}
        </Text>
      </Alert>
    );
  }
  return <FormError error={error} knownPaths={knownPaths} />;
}

/** The data categories to tick, the sensitive ones (Art. 9 GDPR) marked as such. */
export function CategoryChecks({ value, onChange, error, label, description }: { value: string[]; onChange: (v: string[]) => void; error?: string; label: string; description: string }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={label} description={description} value={value} onChange={onChange} error={error} required>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
        {DATA_CATEGORIES.map((c) => (
          <Checkbox key={c} value={c} label={isSensitive(c) ? t('consents.sensitiveCategory', { name: t(`consents.categories.${c}`) }) : t(`consents.categories.${c}`)} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

/**
 * The frame of the consent and disclosure forms: the server checks the input (noValidate); a
 * refusal or error stands at the top and takes the focus after a rejected submit, which is where
 * to start correcting; then the fields and the submit button.
 */
export function CaseDataForm({
  headingId,
  heading,
  intro,
  error,
  knownPaths,
  onSubmit,
  submitLabel,
  pending,
  children,
}: {
  headingId: string;
  heading: string;
  intro?: string;
  error: unknown;
  knownPaths: string[];
  onSubmit: () => void;
  submitLabel: string;
  pending: boolean;
  children: ReactNode;
}) {
  const formTop = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) formTop.current?.focus();
  }, [error]);
  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Title order={3} size="h4" id={headingId} mb="xs">
        {heading}
      </Title>
      <Stack gap="md">
        {intro && <Text size="sm">{intro}</Text>}
        <div ref={formTop} tabIndex={-1}>
          <RefusalOrError error={error} knownPaths={knownPaths} />
        </div>
        {children}
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
