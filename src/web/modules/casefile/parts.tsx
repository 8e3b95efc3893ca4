import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../app/api';
import { FormError, errorMessage, useFormErrors } from '../../app/errors';
import type { CaseSummary } from '../cases/types';

export function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

/** A label–value line; empty values say so in words. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0);
  return (
    <Text>
      <strong>{label}:</strong> {empty ? t('case.unknown') : children}
    </Text>
  );
}

/** What the case page gives each part of the file: how to store a changed case and reload it. */
export interface FileEditing {
  summary: CaseSummary;
  /** The case as the server answered after a save, plus the confirmation to announce. */
  onSaved: (c: CaseSummary, message: string) => void;
  /** Reloads the case after a version conflict (someone else saved first). */
  reload: () => Promise<CaseSummary>;
}

/**
 * Saving one part of the case file. Every edit sends the case's version; when someone else saved
 * first (409) the dialog stays open, the case is reloaded (the dialog's fields show what is
 * stored now, because it is keyed by the version) and a message says what happened.
 */
export function useCaseEdit<B>(editing: FileEditing, method: 'PATCH' | 'PUT' | 'POST', path: string, message: string, onDone: () => void) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: (body: B) => apiRequest<CaseSummary>(`/cases/${editing.summary.id}${path}`, { method, body }),
    onMutate: () => errors.clear(),
    onSuccess: (c) => {
      onDone();
      editing.onSaved(c, message);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isVersionConflict) {
        try {
          await editing.reload();
          errors.setError(new ApiError({ status: 409, code: error.code, message: `${errorMessage(error, t)} ${t('casefile.conflict')}` }));
        } catch (reloadError) {
          errors.setError(reloadError);
        }
        return;
      }
      errors.setError(error);
    },
  });
  return { save, errors };
}

/** A modal form of the case file: labelled, closable with Escape, first field focused. */
export function EditDialog({
  title,
  onClose,
  onSubmit,
  saving,
  error,
  knownPaths,
  children,
  size = 'lg',
}: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  saving: boolean;
  error: unknown;
  knownPaths: string[];
  children: ReactNode;
  size?: string;
}) {
  const { t } = useTranslation();
  const conflict = error instanceof ApiError && error.isVersionConflict;
  return (
    <Modal opened onClose={onClose} title={title} size={size} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="md">
          {conflict ? (
            <Alert color="red" role="alert" title={t('errors.conflictTitle')}>
              {errorMessage(error, t)}
            </Alert>
          ) : (
            <FormError error={error} knownPaths={knownPaths} />
          )}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Text input value → number or null ("1.234,50" and "1234.5" both work). */
export function parseAmount(value: string): number | null | typeof NaN {
  const v = value.trim();
  if (v === '') return null;
  const normalised = v.includes(',') ? v.replace(/\./g, '').replace(',', '.') : v;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : NaN;
}

export const amountText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','));

/**
 * Form state that starts from the case and starts over when the case's version changes (after a
 * conflict the reloaded case is what the form must show).
 */
export function useFormFor<F>(summary: CaseSummary, init: (c: CaseSummary) => F) {
  const [form, setForm] = useState(() => init(summary));
  const [version, setVersion] = useState(summary.version);
  if (summary.version !== version) {
    setVersion(summary.version);
    setForm(init(summary));
  }
  return [form, setForm] as const;
}
