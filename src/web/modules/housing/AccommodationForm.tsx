import { useState } from 'react';
import { Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AccommodationKind } from '../../../contracts/housing';
import { PROVIDER_TYPES, PROVISION_TYPES, WELFARE_ASSOCIATIONS, type ProviderType, type ProvisionType, type WelfareAssociation } from '../../../contracts/official-statistics';
import { api } from '../../app/api';
import { useFormErrors } from '../../app/errors';
import { useMunicipalities } from '../../app/queries';
import { AccommodationKindSelect, HousingForm, isConflict, type Accommodation, type AccommodationInput } from './housingShared';

const KNOWN_PATHS = ['kind', 'name', 'provider', 'street', 'houseNumber', 'postalCode', 'city', 'municipalityId', 'places', 'active', 'note', 'provisionType', 'providerType', 'welfareAssociation'];

/**
 * Record an accommodation of the shelter register, or change one of the own organisation's: kind,
 * name, provider, address, municipality, places, whether it takes households now, note.
 */
export function AccommodationForm({
  accommodation: a,
  onSaved,
  onCancel,
  onConflict,
}: {
  accommodation?: Accommodation;
  onSaved: (a: Accommodation) => void;
  onCancel?: () => void;
  /** Someone else saved first: reload the accommodation. */
  onConflict?: () => void;
}) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const [kind, setKind] = useState<AccommodationKind>(a?.kind ?? 'emergency_shelter');
  const [name, setName] = useState(a?.name ?? '');
  const [provider, setProvider] = useState(a?.provider ?? '');
  const [street, setStreet] = useState(a?.street ?? '');
  const [houseNumber, setHouseNumber] = useState(a?.houseNumber ?? '');
  const [postalCode, setPostalCode] = useState(a?.postalCode ?? '');
  const [city, setCity] = useState(a?.city ?? '');
  const [municipalityId, setMunicipalityId] = useState(a?.municipality.id ?? '');
  const [places, setPlaces] = useState<number | string>(a?.places ?? '');
  const [active, setActive] = useState(a?.active ?? true);
  const [note, setNote] = useState(a?.note ?? '');
  const [provisionType, setProvisionType] = useState<ProvisionType>(a?.provisionType ?? 'short_term');
  const [providerType, setProviderType] = useState<ProviderType>(a?.providerType ?? 'municipality');
  const [welfareAssociation, setWelfareAssociation] = useState<string>(a?.welfareAssociation ?? '');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => {
      const body: AccommodationInput = {
        kind,
        name: name.trim(),
        provider: provider.trim() || null,
        street: street.trim() || null,
        houseNumber: houseNumber.trim() || null,
        postalCode: postalCode.trim() || null,
        city: city.trim() || null,
        municipalityId,
        // Left empty, the text goes as it is and the server names the field.
        places: places as number,
        active,
        note: note.trim() || null,
        provisionType,
        providerType,
        // Only a voluntary provider names its association; the server names the field when one is missing.
        welfareAssociation: providerType === 'voluntary' ? ((welfareAssociation || null) as WelfareAssociation | null) : null,
      };
      return a ? api.patch<Accommodation>(`/housing/accommodations/${a.id}`, { version: a.version, ...body }) : api.post<Accommodation>('/housing/accommodations', body);
    },
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: (e) => {
      errors.setError(e);
      if (isConflict(e)) onConflict?.();
    },
  });
  const headingId = a ? `accommodation-edit-heading-${a.id}` : 'accommodation-new-heading';
  // A stored municipality the list does not hold (no municipalities.read) stays selectable under its name.
  const options = (municipalities.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  if (a && !options.some((o) => o.value === a.municipality.id)) options.unshift({ value: a.municipality.id, label: a.municipality.name });
  return (
    <HousingForm
      labelledBy={headingId}
      heading={
        <Title order={2} size="h3" id={headingId} mb="sm">
          {a ? t('housing.shelters.form.editHeading', { name: a.name }) : t('housing.shelters.form.newHeading')}
        </Title>
      }
      error={errors.error}
      knownPaths={KNOWN_PATHS}
      onSubmit={() => save.mutate()}
      submitLabel={a ? t('common.save') : t('housing.shelters.form.create')}
      pending={save.isPending}
      onCancel={onCancel}
    >
      <Group align="flex-start" gap="md" wrap="wrap">
        <AccommodationKindSelect label={t('housing.shelters.fields.kind')} value={kind} onChange={(v) => setKind(v as AccommodationKind)} error={errors.field('kind')} />
        <TextInput label={t('housing.shelters.fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.field('name')} required maxLength={200} miw={280} />
      </Group>
      <TextInput
        label={t('housing.shelters.fields.provider')}
        description={t('housing.shelters.form.providerHint')}
        value={provider}
        onChange={(e) => setProvider(e.currentTarget.value)}
        error={errors.field('provider')}
        maxLength={200}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <TextInput label={t('address.street')} value={street} onChange={(e) => setStreet(e.currentTarget.value)} error={errors.field('street')} maxLength={200} />
        <TextInput label={t('address.houseNumber')} value={houseNumber} onChange={(e) => setHouseNumber(e.currentTarget.value)} error={errors.field('houseNumber')} maxLength={20} />
        <TextInput label={t('address.postalCode')} value={postalCode} onChange={(e) => setPostalCode(e.currentTarget.value)} error={errors.field('postalCode')} inputMode="numeric" maxLength={5} />
        <TextInput label={t('address.city')} value={city} onChange={(e) => setCity(e.currentTarget.value)} error={errors.field('city')} maxLength={100} />
      </SimpleGrid>
      <Group align="flex-start" gap="md" wrap="wrap">
        <NativeSelect
          label={t('housing.shelters.fields.municipality')}
          value={municipalityId}
          onChange={(e) => setMunicipalityId(e.currentTarget.value)}
          data={[{ value: '', label: t('housing.shelters.form.chooseMunicipality') }, ...options]}
          error={errors.field('municipalityId')}
          required
        />
        <NumberInput
          label={t('housing.shelters.fields.places')}
          description={t('housing.shelters.form.placesHint')}
          value={places}
          onChange={setPlaces}
          min={0}
          max={10_000}
          allowDecimal={false}
          error={errors.field('places')}
          required
          w={200}
        />
      </Group>
      <Group align="flex-start" gap="md" wrap="wrap">
        <NativeSelect
          label={t('housing.shelters.fields.provisionType')}
          description={t('housing.shelters.form.statisticsHint')}
          value={provisionType}
          onChange={(e) => setProvisionType(e.currentTarget.value as ProvisionType)}
          data={PROVISION_TYPES.map((v) => ({ value: v, label: t(`housing.provisionTypes.${v}`) }))}
          error={errors.field('provisionType')}
        />
        <NativeSelect
          label={t('housing.shelters.fields.providerType')}
          value={providerType}
          onChange={(e) => setProviderType(e.currentTarget.value as ProviderType)}
          data={PROVIDER_TYPES.map((v) => ({ value: v, label: t(`housing.providerTypes.${v}`) }))}
          error={errors.field('providerType')}
        />
        {providerType === 'voluntary' && (
          <NativeSelect
            label={t('housing.shelters.fields.welfareAssociation')}
            value={welfareAssociation}
            onChange={(e) => setWelfareAssociation(e.currentTarget.value)}
            data={[{ value: '', label: t('housing.shelters.form.chooseAssociation') }, ...WELFARE_ASSOCIATIONS.map((v) => ({ value: v, label: t(`housing.welfareAssociations.${v}`) }))]}
            error={errors.field('welfareAssociation')}
            required
          />
        )}
      </Group>
      <Checkbox
        label={t('housing.shelters.fields.activeLabel')}
        description={t('housing.shelters.form.activeHint')}
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
        error={errors.field('active')}
      />
      <Textarea label={t('housing.shelters.fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.field('note')} autosize minRows={2} maxLength={2000} />
    </HousingForm>
  );
}
