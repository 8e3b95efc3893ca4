import { useEffect, useRef, useState } from 'react';
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NOTICE_KINDS, type NoticeResult } from '../../../contracts/intake';
import { api } from '../../app/api';
import { FormError, useFormErrors } from '../../app/errors';
import { AddressFields } from '../admin/shared';
import { todayIso } from '../deadlines/dates';
import {
  MAX_TENANTS,
  emptyNoticeForm,
  generateExternalId,
  knownNoticePaths,
  newTenant,
  toNoticeBody,
  type NoticeFormState,
  type SubmittedNotice,
  type TenantForm,
  type TerminationType,
} from './noticeForm';
import { NoticeResultView } from './NoticeResultView';

const TERMINATION_TYPES: TerminationType[] = ['without_notice', 'ordinary', 'both'];

function TenantFields({
  index,
  tenant,
  count,
  onChange,
  onRemove,
  fieldError,
}: {
  index: number;
  tenant: TenantForm;
  count: number;
  onChange: (patch: Partial<TenantForm>) => void;
  onRemove: () => void;
  fieldError: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const path = (k: keyof TenantForm) => `tenants.${index}.${k}`;
  const text = (k: 'firstName' | 'lastName' | 'phone' | 'email', extra: Record<string, unknown> = {}) => (
    <TextInput
      label={t(`intake.tenant.${k}`)}
      value={tenant[k]}
      onChange={(e) => onChange({ [k]: e.currentTarget.value })}
      error={fieldError(path(k))}
      {...extra}
    />
  );
  const date = (k: 'birthDate' | 'servedOn', extra: Record<string, unknown> = {}) => (
    <TextInput
      type="date"
      label={t(`intake.tenant.${k}`)}
      value={tenant[k]}
      onChange={(e) => onChange({ [k]: e.currentTarget.value })}
      error={fieldError(path(k))}
      {...extra}
    />
  );
  return (
    <Fieldset legend={t('intake.tenant.legend', { n: index + 1 })} p="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {text('firstName', { required: true, autoComplete: 'off' })}
        {text('lastName', { required: true, autoComplete: 'off' })}
        {date('birthDate')}
        {date('servedOn', { description: t('intake.tenant.servedOnHint') })}
        {text('phone', { type: 'tel', autoComplete: 'off' })}
        {text('email', { type: 'email', autoComplete: 'off' })}
      </SimpleGrid>
      {count > 1 && (
        <Group justify="flex-end" mt="xs">
          <Button size="xs" variant="outline" color="red.9" onClick={onRemove} aria-label={t('intake.tenant.removeN', { n: index + 1 })}>
            {t('common.remove')}
          </Button>
        </Group>
      )}
    </Fieldset>
  );
}

/**
 * The notice form of staff (web form) and partners (portal). Both send the partner-API body to
 * POST /api/v1/notices; the server decides the channel from the session. `detail` decides what the
 * result shows: staff see routing, matching and deadlines, partners a receipt only.
 */
export function NoticeForm({
  detail,
  headingOrder,
  onSubmitted,
}: {
  detail: 'full' | 'receipt';
  headingOrder: 2 | 3;
  onSubmitted?: (submitted: SubmittedNotice) => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<NoticeFormState>(() => emptyNoticeForm(todayIso()));
  // Generated once per notice and kept across retries: sending the same notice twice is recognised.
  const [generatedId, setGeneratedId] = useState(generateExternalId);
  const [submitted, setSubmitted] = useState<SubmittedNotice | null>(null);
  const errors = useFormErrors();
  const formTop = useRef<HTMLDivElement>(null);

  const set = <K extends keyof NoticeFormState>(key: K, value: NoticeFormState[K]) => setForm((prev) => ({ ...prev, [key]: value }));
  const setTenant = (key: number, patch: Partial<TenantForm>) =>
    setForm((prev) => ({ ...prev, tenants: prev.tenants.map((tn) => (tn.key === key ? { ...tn, ...patch } : tn)) }));

  const submit = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<NoticeResult>('/notices', body),
    onMutate: () => errors.clear(),
    onSuccess: (result, body) => {
      const done: SubmittedNotice = {
        result,
        externalId: String(body.externalId),
        tenants: form.tenants.map((tn) => ({ firstName: tn.firstName.trim(), lastName: tn.lastName.trim() })),
      };
      setSubmitted(done);
      onSubmitted?.(done);
    },
    onError: errors.setError,
  });

  // After a rejected submit, the summary of errors at the top of the form is where to start.
  useEffect(() => {
    if (errors.error) formTop.current?.focus();
  }, [errors.error]);

  const startOver = () => {
    setForm(emptyNoticeForm(todayIso()));
    setGeneratedId(generateExternalId());
    setSubmitted(null);
    errors.clear();
  };

  if (submitted) {
    return <NoticeResultView submitted={submitted} detail={detail} headingOrder={headingOrder} onNew={startOver} />;
  }

  const field = errors.field;
  return (
    <form
      noValidate
      aria-label={t('intake.formLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        submit.mutate(toNoticeBody(form, generatedId));
      }}
    >
      <Stack gap="md">
        <div ref={formTop} tabIndex={-1}>
          <FormError error={errors.error} knownPaths={knownNoticePaths(form.tenants.length)} />
        </div>

        <Fieldset legend={t('intake.sections.notice')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('intake.kind')}
              required
              value={form.kind}
              onChange={(e) => set('kind', e.currentTarget.value as NoticeFormState['kind'])}
              error={field('kind')}
              data={[
                { value: '', label: t('intake.chooseKind') },
                ...NOTICE_KINDS.map((k) => ({ value: k, label: t(`intake.kinds.${k}`) })),
              ]}
            />
            <TextInput
              type="date"
              label={t('intake.receivedOn')}
              required
              value={form.receivedOn}
              onChange={(e) => set('receivedOn', e.currentTarget.value)}
              error={field('receivedOn')}
            />
            <TextInput
              label={t('intake.externalId')}
              description={t('intake.externalIdHint')}
              value={form.externalId}
              onChange={(e) => set('externalId', e.currentTarget.value)}
              error={field('externalId')}
              autoComplete="off"
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('intake.sections.tenants')}>
          <Stack gap="sm">
            {form.tenants.map((tenant, i) => (
              <TenantFields
                key={tenant.key}
                index={i}
                tenant={tenant}
                count={form.tenants.length}
                onChange={(patch) => setTenant(tenant.key, patch)}
                onRemove={() => set('tenants', form.tenants.filter((tn) => tn.key !== tenant.key))}
                fieldError={field}
              />
            ))}
            {form.tenants.length < MAX_TENANTS && (
              <Group>
                <Button variant="default" onClick={() => set('tenants', [...form.tenants, newTenant()])}>
                  {t('intake.tenant.add')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('intake.sections.address')}>
          <AddressFields value={form.address} onChange={(v) => set('address', v)} fieldError={field} required />
        </Fieldset>

        <Fieldset legend={t('intake.sections.household')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('intake.householdSize')}
              inputMode="numeric"
              value={form.householdSize}
              onChange={(e) => set('householdSize', e.currentTarget.value)}
              error={field('householdSize')}
            />
            <TextInput
              label={t('intake.children')}
              inputMode="numeric"
              value={form.children}
              onChange={(e) => set('children', e.currentTarget.value)}
              error={field('children')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('intake.sections.landlord')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('intake.landlordName')}
              value={form.landlordName}
              onChange={(e) => set('landlordName', e.currentTarget.value)}
              error={field('landlord.name')}
            />
            <TextInput
              label={t('intake.landlordAddress')}
              value={form.landlordAddress}
              onChange={(e) => set('landlordAddress', e.currentTarget.value)}
              error={field('landlord.address')}
            />
            <TextInput
              label={t('intake.landlordContact')}
              value={form.landlordContact}
              onChange={(e) => set('landlordContact', e.currentTarget.value)}
              error={field('landlord.contact')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('intake.sections.money')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('intake.monthlyRent')}
              description={t('intake.moneyHint')}
              inputMode="decimal"
              value={form.monthlyRent}
              onChange={(e) => set('monthlyRent', e.currentTarget.value)}
              error={field('monthlyRent')}
            />
            <TextInput
              label={t('intake.arrears')}
              description={t('intake.moneyHint')}
              inputMode="decimal"
              value={form.arrears}
              onChange={(e) => set('arrears', e.currentTarget.value)}
              error={field('arrears')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('intake.sections.termination')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('intake.terminationType')}
              value={form.terminationType}
              onChange={(e) => set('terminationType', e.currentTarget.value as TerminationType)}
              error={field('termination.type')}
              data={[
                { value: '', label: t('intake.noTermination') },
                ...TERMINATION_TYPES.map((k) => ({ value: k, label: t(`intake.terminationTypes.${k}`) })),
              ]}
            />
            <TextInput
              type="date"
              label={t('intake.terminationReceivedOn')}
              value={form.terminationReceivedOn}
              onChange={(e) => set('terminationReceivedOn', e.currentTarget.value)}
              error={field('termination.receivedOn')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('intake.sections.court')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('intake.courtName')}
              value={form.courtName}
              onChange={(e) => set('courtName', e.currentTarget.value)}
              error={field('court.name')}
            />
            <TextInput
              label={t('intake.courtFileNumber')}
              value={form.courtFileNumber}
              onChange={(e) => set('courtFileNumber', e.currentTarget.value)}
              error={field('court.fileNumber')}
              autoComplete="off"
            />
            <TextInput
              type="date"
              label={t('intake.courtFiledOn')}
              value={form.courtFiledOn}
              onChange={(e) => set('courtFiledOn', e.currentTarget.value)}
              error={field('court.filedOn')}
            />
            <TextInput
              type="date"
              label={t('intake.courtServedOn')}
              description={t('intake.courtServedOnHint')}
              value={form.courtServedOn}
              onChange={(e) => set('courtServedOn', e.currentTarget.value)}
              error={field('court.servedOn')}
            />
            <TextInput
              type="date"
              label={t('intake.courtHearingOn')}
              value={form.courtHearingOn}
              onChange={(e) => set('courtHearingOn', e.currentTarget.value)}
              error={field('court.hearingOn')}
            />
            <TextInput
              type="date"
              label={t('intake.evictionOn')}
              value={form.evictionOn}
              onChange={(e) => set('evictionOn', e.currentTarget.value)}
              error={field('evictionOn')}
            />
          </SimpleGrid>
        </Fieldset>

        <Textarea
          label={t('intake.note')}
          description={t('intake.noteHint')}
          rows={4}
          value={form.note}
          onChange={(e) => set('note', e.currentTarget.value)}
          error={field('note')}
        />

        <Group>
          <Button type="submit" loading={submit.isPending}>
            {t('intake.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
