import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PostalAddress } from '../../../contracts/common';
import { ApiError } from '../../app/api';
import { FormError, errorMessage, useFormErrors } from '../../app/errors';

interface Versioned {
  id: string;
  version: number;
}

/**
 * Create-or-update with optimistic locking. PATCH sends the `version` the form was loaded from; on a 409
 * version_conflict the record is fetched again, the form reset to what is stored now, and the user told,
 * so they re-apply their change knowingly instead of overwriting someone else's.
 */
export function useRecordForm<R extends Versioned, F, S = R>({
  record,
  toForm,
  create,
  update,
  reload,
  onSaved,
}: {
  record: R | null;
  toForm: (record: R | null) => F;
  create: (form: F) => Promise<S>;
  update: (form: F, record: R) => Promise<S>;
  reload: (id: string) => Promise<R>;
  onSaved: (saved: S, kind: 'created' | 'updated') => void;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<R | null>(record);
  const [form, setForm] = useState<F>(() => toForm(record));
  const [conflict, setConflict] = useState<string | null>(null);
  const errors = useFormErrors();

  const mutation = useMutation({
    mutationFn: (values: F) => (current ? update(values, current) : create(values)),
    onMutate: () => {
      errors.clear();
      setConflict(null);
    },
    onSuccess: (saved) => onSaved(saved, current ? 'updated' : 'created'),
    onError: async (error) => {
      if (current && error instanceof ApiError && error.isVersionConflict) {
        try {
          const fresh = await reload(current.id);
          setCurrent(fresh);
          setForm(toForm(fresh));
          setConflict(`${errorMessage(error, t)} ${t('errors.conflictReloaded')}`);
        } catch (reloadError) {
          errors.setError(reloadError);
        }
        return;
      }
      errors.setError(error);
    },
  });

  const set = <K extends keyof F>(key: K, value: F[K]) => setForm((prev) => ({ ...prev, [key]: value }));

  return {
    form,
    setForm,
    set,
    current,
    isNew: current === null,
    errors,
    conflict,
    pending: mutation.isPending,
    submit: (event?: FormEvent) => {
      event?.preventDefault();
      mutation.mutate(form);
    },
  };
}

/** A modal dialog holding one create/edit form; its title is the dialog's accessible name (h2). */
export function FormModal({
  title,
  onClose,
  onSubmit,
  pending,
  error,
  conflict,
  knownPaths,
  children,
  size = 'lg',
  submitLabel,
}: {
  title: string;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void;
  pending: boolean;
  error: unknown;
  conflict: string | null;
  knownPaths: string[];
  children: ReactNode;
  size?: string;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} size={size} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          {conflict && (
            <Alert color="red" role="alert" title={t('errors.conflictTitle')}>
              {conflict}
            </Alert>
          )}
          <FormError error={error} knownPaths={knownPaths} />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export type AddressForm = { street: string; houseNumber: string; postalCode: string; city: string };

export const emptyAddress: AddressForm = { street: '', houseNumber: '', postalCode: '', city: '' };

export function toAddressForm(address: PostalAddress | null | undefined): AddressForm {
  return address ? { ...address } : { ...emptyAddress };
}

export function isAddressEmpty(a: AddressForm): boolean {
  return !a.street.trim() && !a.houseNumber.trim() && !a.postalCode.trim() && !a.city.trim();
}

export function toAddressBody(a: AddressForm): PostalAddress {
  return {
    street: a.street.trim(),
    houseNumber: a.houseNumber.trim(),
    postalCode: a.postalCode.trim(),
    city: a.city.trim(),
  };
}

export function AddressFields({
  value,
  onChange,
  fieldError,
  required,
}: {
  value: AddressForm;
  onChange: (value: AddressForm) => void;
  fieldError: (path: string) => string | undefined;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const input = (key: keyof AddressForm, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={value[key]}
      required={required}
      onChange={(e) => onChange({ ...value, [key]: e.currentTarget.value })}
      error={fieldError(`address.${key}`)}
      {...extra}
    />
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {input('street', t('address.street'), { autoComplete: 'off' })}
      {input('houseNumber', t('address.houseNumber'))}
      {input('postalCode', t('address.postalCode'), { inputMode: 'numeric', maxLength: 5 })}
      {input('city', t('address.city'))}
    </SimpleGrid>
  );
}

export function formatAddress(a: PostalAddress | null): string {
  return a ? `${a.street} ${a.houseNumber}, ${a.postalCode} ${a.city}` : '';
}
