import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, List, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, CLIENT_ERROR_CODES, type FieldError } from './api';

/** The text to show for any failure: the server's localized message when there is one. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.message) return error.message;
    if (error.code === CLIENT_ERROR_CODES.network) return t('errors.network');
  }
  return t('errors.unexpected');
}

function matches(fieldPath: string, path: string): boolean {
  return fieldPath === path || fieldPath.startsWith(`${path}.`) || fieldPath.startsWith(`${path}[`);
}

/**
 * Server validation errors (400/422 `fields[]`) mapped onto form inputs by path, e.g. `address.postalCode`.
 * Messages for paths the form has no input for still reach the user through <FormError>.
 */
export function useFormErrors() {
  const [error, setError] = useState<unknown>(null);
  const fields: FieldError[] = useMemo(() => (error instanceof ApiError ? error.fields : []), [error]);
  const field = useCallback(
    (path: string): string | undefined => {
      const found = fields.filter((f) => matches(f.path, path)).map((f) => f.message);
      return found.length ? found.join(' ') : undefined;
    },
    [fields],
  );
  return { error, setError, clear: () => setError(null), field, fields };
}

export function FormError({
  error,
  knownPaths = [],
  title,
}: {
  error: unknown;
  /** Paths that have their own input; their messages are shown there instead of here. */
  knownPaths?: string[];
  title?: string;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fields : [];
  const unplaced = fields.filter((f) => !knownPaths.some((p) => matches(f.path, p)));
  return (
    <Alert color="red" role="alert" title={title ?? t('errors.title')}>
      <Text>{errorMessage(error, t)}</Text>
      {unplaced.length > 0 && (
        <List mt="xs">
          {unplaced.map((f) => (
            <List.Item key={`${f.path}:${f.message}`}>
              {f.path ? `${f.path}: ` : ''}
              {f.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** For a failed query: the message plus a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t('errors.loadFailed')}>
      <Text>{errorMessage(error, t)}</Text>
      {onRetry && (
        <Button mt="sm" variant="default" size="xs" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}

export function emptyToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
