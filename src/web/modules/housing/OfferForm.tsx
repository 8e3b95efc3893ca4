import { useState } from 'react';
import { Anchor, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OfferInput } from '../../../contracts/housing';
import { api } from '../../app/api';
import { FormError, useFormErrors } from '../../app/errors';
import { useMunicipalities } from '../../app/queries';
import { todayIso, useDayFormat } from '../deadlines/dates';
import { amountText, parseAmount } from '../casefile/parts';
import { numberOrText, useLandlordOptions, type Offer, type OfferDetail } from './brokerage';

const KNOWN_PATHS = [
  'landlordId', 'street', 'houseNumber', 'postalCode', 'city', 'municipalityId', 'floorArea', 'rooms', 'floor',
  'stepFree', 'lift', 'baseRent', 'serviceCharges', 'heatingCosts', 'deposit', 'availableFrom', 'wbsRequired', 'note',
];

type Fields = {
  landlordId: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  municipalityId: string;
  floorArea: string;
  rooms: string;
  floor: string;
  stepFree: boolean;
  lift: boolean;
  baseRent: string;
  serviceCharges: string;
  heatingCosts: string;
  deposit: string;
  availableFrom: string;
  wbsRequired: boolean;
  note: string;
};

function fieldsOf(o?: Offer): Fields {
  return {
    landlordId: o?.landlord.id ?? '',
    street: o?.street ?? '',
    houseNumber: o?.houseNumber ?? '',
    postalCode: o?.postalCode ?? '',
    city: o?.city ?? '',
    municipalityId: o?.municipality.id ?? '',
    floorArea: amountText(o?.floorArea),
    rooms: amountText(o?.rooms),
    floor: o ? String(o.floor) : '0',
    stepFree: o?.stepFree ?? false,
    lift: o?.lift ?? false,
    baseRent: amountText(o?.baseRent),
    serviceCharges: amountText(o?.serviceCharges),
    heatingCosts: amountText(o?.heatingCosts),
    deposit: amountText(o?.deposit),
    availableFrom: o?.availableFrom ?? todayIso(),
    wbsRequired: o?.wbsRequired ?? false,
    note: o?.note ?? '',
  };
}

/** The request body of the form (OfferInput; with the version, OfferPatch). Required numbers stay as typed when unreadable. */
export function offerBody(f: Fields) {
  return {
    landlordId: f.landlordId,
    street: f.street.trim(),
    houseNumber: f.houseNumber.trim(),
    postalCode: f.postalCode.trim(),
    city: f.city.trim(),
    municipalityId: f.municipalityId,
    floorArea: numberOrText(f.floorArea),
    rooms: numberOrText(f.rooms),
    floor: numberOrText(f.floor),
    stepFree: f.stepFree,
    lift: f.lift,
    baseRent: numberOrText(f.baseRent),
    serviceCharges: numberOrText(f.serviceCharges),
    heatingCosts: numberOrText(f.heatingCosts),
    deposit: numberOrText(f.deposit),
    availableFrom: f.availableFrom,
    wbsRequired: f.wbsRequired,
    note: f.note.trim() || null,
    // Every field of the contract, none it does not know (its bodies are strict).
  } satisfies Record<keyof OfferInput, unknown>;
}

/**
 * Record a flat offer or change one: landlord and address (the municipality decides the adequacy
 * limit; it is suggested from the postal code), size, accessibility, the rent split with the
 * gross cold rent the limit is compared with, deposit, availability and whether a WBS is needed.
 */
export function OfferForm({ offer, onSaved, onCancel, headingId }: { offer?: Offer; onSaved: (d: OfferDetail) => void; onCancel?: () => void; headingId: string }) {
  const { t } = useTranslation();
  const { money } = useDayFormat();
  const landlords = useLandlordOptions();
  const municipalities = useMunicipalities();
  const [f, setF] = useState<Fields>(() => fieldsOf(offer));
  const errors = useFormErrors();
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setF((prev) => ({ ...prev, [key]: value }));
  const save = useMutation({
    mutationFn: () =>
      offer
        ? api.patch<OfferDetail>(`/housing/offers/${offer.id}`, { version: offer.version, ...offerBody(f) })
        : api.post<OfferDetail>('/housing/offers', offerBody(f)),
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: errors.setError,
  });

  // The municipality follows the postal code while none is chosen: the adequacy limit depends on it.
  const setPostalCode = (value: string) => {
    setF((prev) => {
      const next = { ...prev, postalCode: value };
      if (!prev.municipalityId && /^\d{5}$/.test(value.trim())) {
        const found = (municipalities.data ?? []).filter((m) => m.postalCodes.includes(value.trim()));
        if (found.length === 1) next.municipalityId = found[0].id;
      }
      return next;
    });
  };

  const parts = [parseAmount(f.baseRent), parseAmount(f.serviceCharges)];
  const grossCold = parts.every((n) => n !== null && !Number.isNaN(n)) ? (parts[0] as number) + (parts[1] as number) : null;
  const landlordItems = landlords.data ?? [];
  const moneyField = { inputMode: 'decimal' as const, rightSection: '€' };

  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md">
        <FormError error={errors.error} knownPaths={KNOWN_PATHS} />
        <Fieldset legend={t('housing.offers.form.location')}>
          <Stack gap="sm">
            <NativeSelect
              label={t('housing.offers.fields.landlord')}
              value={f.landlordId}
              onChange={(e) => set('landlordId', e.currentTarget.value)}
              data={[
                { value: '', label: t('housing.offers.form.chooseLandlord') },
                ...landlordItems.map((l) => ({
                  value: l.id,
                  label: [l.name, l.city, l.cooperating ? t('housing.offers.cooperating') : null].filter(Boolean).join(' · '),
                })),
              ]}
              error={errors.field('landlordId')}
              description={
                landlords.isSuccess && landlordItems.length === 0 ? (
                  <>
                    {t('housing.offers.form.noLandlords')}{' '}
                    <Anchor component={Link} to="/housing/landlords" size="xs">
                      {t('housing.offers.form.toLandlords')}
                    </Anchor>
                  </>
                ) : undefined
              }
              required
            />
            <Group align="flex-start" gap="md" wrap="wrap">
              <TextInput label={t('housing.offers.fields.street')} value={f.street} onChange={(e) => set('street', e.currentTarget.value)} error={errors.field('street')} required maxLength={200} w={280} />
              <TextInput label={t('housing.offers.fields.houseNumber')} value={f.houseNumber} onChange={(e) => set('houseNumber', e.currentTarget.value)} error={errors.field('houseNumber')} required maxLength={20} w={120} />
              <TextInput
                label={t('housing.offers.fields.postalCode')}
                value={f.postalCode}
                onChange={(e) => setPostalCode(e.currentTarget.value)}
                error={errors.field('postalCode')}
                required
                inputMode="numeric"
                maxLength={5}
                w={130}
              />
              <TextInput label={t('housing.offers.fields.city')} value={f.city} onChange={(e) => set('city', e.currentTarget.value)} error={errors.field('city')} required maxLength={100} w={220} />
            </Group>
            <NativeSelect
              label={t('housing.offers.fields.municipality')}
              description={t('housing.offers.form.municipalityHint')}
              value={f.municipalityId}
              onChange={(e) => set('municipalityId', e.currentTarget.value)}
              data={[{ value: '', label: t('housing.offers.form.chooseMunicipality') }, ...(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }))]}
              error={errors.field('municipalityId')}
              required
              maw={420}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('housing.offers.form.flat')}>
          <Stack gap="sm">
            <Group align="flex-start" gap="md" wrap="wrap">
              <TextInput label={t('housing.offers.fields.rooms')} description={t('housing.offers.form.roomsHint')} value={f.rooms} onChange={(e) => set('rooms', e.currentTarget.value)} error={errors.field('rooms')} required inputMode="decimal" w={160} />
              <TextInput label={t('housing.offers.fields.floorArea')} value={f.floorArea} onChange={(e) => set('floorArea', e.currentTarget.value)} error={errors.field('floorArea')} required inputMode="decimal" rightSection="m²" w={160} />
              <TextInput label={t('housing.offers.fields.floor')} description={t('housing.offers.form.floorHint')} value={f.floor} onChange={(e) => set('floor', e.currentTarget.value)} error={errors.field('floor')} required inputMode="numeric" w={200} />
              <TextInput type="date" label={t('housing.offers.fields.availableFrom')} value={f.availableFrom} onChange={(e) => set('availableFrom', e.currentTarget.value)} error={errors.field('availableFrom')} required />
            </Group>
            <Group gap="lg" wrap="wrap">
              <Checkbox label={t('housing.offers.fields.stepFree')} checked={f.stepFree} onChange={(e) => set('stepFree', e.currentTarget.checked)} error={errors.field('stepFree')} />
              <Checkbox label={t('housing.offers.fields.lift')} checked={f.lift} onChange={(e) => set('lift', e.currentTarget.checked)} error={errors.field('lift')} />
              <Checkbox label={t('housing.offers.fields.wbsRequired')} checked={f.wbsRequired} onChange={(e) => set('wbsRequired', e.currentTarget.checked)} error={errors.field('wbsRequired')} />
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('housing.offers.form.rent')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
              <TextInput label={t('housing.offers.fields.baseRent')} value={f.baseRent} onChange={(e) => set('baseRent', e.currentTarget.value)} error={errors.field('baseRent')} required {...moneyField} />
              <TextInput label={t('housing.offers.fields.serviceCharges')} value={f.serviceCharges} onChange={(e) => set('serviceCharges', e.currentTarget.value)} error={errors.field('serviceCharges')} required {...moneyField} />
              <TextInput label={t('housing.offers.fields.heatingCosts')} value={f.heatingCosts} onChange={(e) => set('heatingCosts', e.currentTarget.value)} error={errors.field('heatingCosts')} required {...moneyField} />
              <TextInput label={t('housing.offers.fields.deposit')} value={f.deposit} onChange={(e) => set('deposit', e.currentTarget.value)} error={errors.field('deposit')} {...moneyField} />
            </SimpleGrid>
            {/* Announced while typing: the gross cold rent is what the adequacy limit is compared with. */}
            <Text size="sm" aria-live="polite">
              {grossCold !== null ? t('housing.offers.form.grossCold', { amount: money(grossCold) }) : t('housing.offers.form.grossColdHint')}
            </Text>
          </Stack>
        </Fieldset>

        <Textarea label={t('housing.offers.fields.note')} value={f.note} onChange={(e) => set('note', e.currentTarget.value)} error={errors.field('note')} autosize minRows={2} maxLength={2000} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {offer ? t('common.save') : t('housing.offers.form.create')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
