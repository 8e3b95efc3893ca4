import { useState } from 'react';
import { Button, Checkbox, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LANDLORD_KINDS, type LandlordAgreementInput, type LandlordInput, type LandlordKind, type LandlordPatch } from '../../../contracts/housing';
import { api } from '../../app/api';
import { useFormErrors } from '../../app/errors';
import { todayIso } from '../deadlines/dates';
import { HousingForm, isConflict, type Landlord, type LandlordAgreement } from './housingShared';

const LANDLORD_PATHS = ['kind', 'name', 'street', 'houseNumber', 'postalCode', 'city', 'phone', 'email', 'shared', 'note', 'contacts'];
const AGREEMENT_PATHS = ['title', 'validFrom', 'validUntil', 'flatsPerYear', 'subject'];

interface ContactRow {
  key: number;
  name: string;
  function: string;
  phone: string;
  email: string;
}

let nextKey = 0;
const contactRow = (c?: Landlord['contacts'][number]): ContactRow => ({
  key: nextKey++,
  name: c?.name ?? '',
  function: c?.function ?? '',
  phone: c?.phone ?? '',
  email: c?.email ?? '',
});

/**
 * The contact people as the API takes them, empty parts as "none". Every row goes, even an empty
 * one: the server's errors name rows by position (contacts.1.name), which must be the form's.
 */
export function contactsBody(rows: readonly Omit<ContactRow, 'key'>[]): LandlordInput['contacts'] {
  return rows.map((r) => ({ name: r.name.trim(), function: r.function.trim() || null, phone: r.phone.trim() || null, email: r.email.trim() || null }));
}

/**
 * Record a landlord or change one of the own organisation's: kind, name, address, how to reach them,
 * whether the district's other organisations may see them (shared), notes and contact people.
 */
export function LandlordForm({
  landlord: l,
  onSaved,
  onCancel,
  onConflict,
}: {
  landlord?: Landlord;
  onSaved: (l: Landlord) => void;
  onCancel?: () => void;
  onConflict?: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LandlordKind>(l?.kind ?? 'private');
  const [name, setName] = useState(l?.name ?? '');
  const [street, setStreet] = useState(l?.street ?? '');
  const [houseNumber, setHouseNumber] = useState(l?.houseNumber ?? '');
  const [postalCode, setPostalCode] = useState(l?.postalCode ?? '');
  const [city, setCity] = useState(l?.city ?? '');
  const [phone, setPhone] = useState(l?.phone ?? '');
  const [email, setEmail] = useState(l?.email ?? '');
  const [shared, setShared] = useState(l?.shared ?? false);
  const [note, setNote] = useState(l?.note ?? '');
  const [contacts, setContacts] = useState<ContactRow[]>(() => (l?.contacts ?? []).map(contactRow));
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => {
      const body = {
        kind,
        name: name.trim(),
        street: street.trim() || null,
        houseNumber: houseNumber.trim() || null,
        postalCode: postalCode.trim() || null,
        city: city.trim() || null,
        phone: phone.trim() || null,
        email: email.trim() || null,
        shared,
        note: note.trim() || null,
        contacts: contactsBody(contacts),
      };
      return l
        ? api.patch<Landlord>(`/housing/landlords/${l.id}`, { version: l.version, ...body } satisfies LandlordPatch)
        : api.post<Landlord>('/housing/landlords', body satisfies LandlordInput);
    },
    onMutate: () => errors.clear(),
    onSuccess: onSaved,
    onError: (e) => {
      errors.setError(e);
      if (isConflict(e)) onConflict?.();
    },
  });
  const update = (i: number, patch: Partial<ContactRow>) => setContacts((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const headingId = l ? `landlord-edit-heading-${l.id}` : 'landlord-new-heading';
  return (
    <HousingForm
      labelledBy={headingId}
      heading={
        <Title order={2} size="h3" id={headingId} mb="sm">
          {l ? t('housing.landlords.form.editHeading', { name: l.name }) : t('housing.landlords.form.newHeading')}
        </Title>
      }
      error={errors.error}
      knownPaths={LANDLORD_PATHS}
      onSubmit={() => save.mutate()}
      submitLabel={l ? t('common.save') : t('housing.landlords.form.create')}
      pending={save.isPending}
      onCancel={onCancel}
    >
      <Group align="flex-start" gap="md" wrap="wrap">
        <NativeSelect
          label={t('housing.landlords.fields.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as LandlordKind)}
          data={LANDLORD_KINDS.map((k) => ({ value: k, label: t(`housing.landlords.kinds.${k}`) }))}
          error={errors.field('kind')}
        />
        <TextInput label={t('housing.landlords.fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.field('name')} required maxLength={200} miw={280} />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <TextInput label={t('address.street')} value={street} onChange={(e) => setStreet(e.currentTarget.value)} error={errors.field('street')} maxLength={200} />
        <TextInput label={t('address.houseNumber')} value={houseNumber} onChange={(e) => setHouseNumber(e.currentTarget.value)} error={errors.field('houseNumber')} maxLength={20} />
        <TextInput label={t('address.postalCode')} value={postalCode} onChange={(e) => setPostalCode(e.currentTarget.value)} error={errors.field('postalCode')} inputMode="numeric" maxLength={5} />
        <TextInput label={t('address.city')} value={city} onChange={(e) => setCity(e.currentTarget.value)} error={errors.field('city')} maxLength={100} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput type="tel" label={t('common.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={errors.field('phone')} maxLength={40} />
        <TextInput type="email" label={t('common.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.field('email')} maxLength={254} />
      </SimpleGrid>
      <Checkbox
        label={t('housing.landlords.fields.sharedLabel')}
        description={t('housing.landlords.form.sharedHint')}
        checked={shared}
        onChange={(e) => setShared(e.currentTarget.checked)}
        error={errors.field('shared')}
      />
      <Textarea
        label={t('housing.landlords.fields.note')}
        description={t('housing.landlords.form.noteHint')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.field('note')}
        autosize
        minRows={2}
        maxLength={4000}
      />
      <Stack gap="xs">
        <Text fw={700}>{t('housing.landlords.contacts.heading')}</Text>
        {contacts.length === 0 && <Text size="sm">{t('housing.landlords.contacts.none')}</Text>}
        {contacts.map((c, i) => (
          <Fieldset key={c.key} legend={t('housing.landlords.contacts.legend', { n: i + 1 })}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
              <TextInput label={t('housing.landlords.contacts.name')} value={c.name} onChange={(e) => update(i, { name: e.currentTarget.value })} error={errors.field(`contacts.${i}.name`)} required maxLength={200} />
              <TextInput label={t('housing.landlords.contacts.function')} value={c.function} onChange={(e) => update(i, { function: e.currentTarget.value })} error={errors.field(`contacts.${i}.function`)} maxLength={200} />
              <TextInput type="tel" label={t('common.phone')} value={c.phone} onChange={(e) => update(i, { phone: e.currentTarget.value })} error={errors.field(`contacts.${i}.phone`)} maxLength={40} />
              <TextInput type="email" label={t('common.email')} value={c.email} onChange={(e) => update(i, { email: e.currentTarget.value })} error={errors.field(`contacts.${i}.email`)} maxLength={254} />
            </SimpleGrid>
            <Group justify="flex-end" mt="xs">
              <Button variant="subtle" color="red.9" size="xs" onClick={() => setContacts((rows) => rows.filter((_, j) => j !== i))}>
                {t('housing.landlords.contacts.remove', { n: i + 1 })}
              </Button>
            </Group>
          </Fieldset>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => setContacts((rows) => [...rows, contactRow()])}>
            {t('housing.landlords.contacts.add')}
          </Button>
        </Group>
      </Stack>
    </HousingForm>
  );
}

/** Record a cooperation agreement with the landlord, or change one: title, validity, quota of flats per year, subject. */
export function LandlordAgreementForm({
  landlordId,
  agreement: a,
  onSaved,
  onCancel,
  onConflict,
}: {
  landlordId: string;
  agreement?: LandlordAgreement;
  onSaved: (l: Landlord) => void;
  onCancel?: () => void;
  onConflict?: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(a?.title ?? '');
  const [validFrom, setValidFrom] = useState(a?.validFrom ?? todayIso());
  const [validUntil, setValidUntil] = useState(a?.validUntil ?? '');
  const [flatsPerYear, setFlatsPerYear] = useState<number | string>(a?.flatsPerYear ?? '');
  const [subject, setSubject] = useState(a?.subject ?? '');
  const errors = useFormErrors();
  const save = useMutation({
    mutationFn: () => {
      const body: LandlordAgreementInput = {
        title: title.trim(),
        validFrom,
        validUntil: validUntil || null,
        flatsPerYear: flatsPerYear === '' ? null : (flatsPerYear as number),
        subject: subject.trim() || null,
      };
      return a
        ? api.patch<Landlord>(`/housing/landlord-agreements/${a.id}`, { version: a.version, ...body })
        : api.post<Landlord>(`/housing/landlords/${landlordId}/agreements`, body);
    },
    onMutate: () => errors.clear(),
    onSuccess: (l) => {
      if (!a) {
        setTitle('');
        setValidUntil('');
        setFlatsPerYear('');
        setSubject('');
      }
      onSaved(l);
    },
    onError: (e) => {
      errors.setError(e);
      if (isConflict(e)) onConflict?.();
    },
  });
  const headingId = a ? `landlord-agreement-edit-heading-${a.id}` : 'landlord-agreement-new-heading';
  return (
    <HousingForm
      labelledBy={headingId}
      heading={
        <Title order={a ? 3 : 2} size="h4" id={headingId} mb="sm">
          {a ? t('housing.landlords.agreements.editHeading', { title: a.title }) : t('housing.landlords.agreements.newHeading')}
        </Title>
      }
      error={errors.error}
      knownPaths={AGREEMENT_PATHS}
      onSubmit={() => save.mutate()}
      submitLabel={a ? t('common.save') : t('housing.landlords.agreements.create')}
      pending={save.isPending}
      onCancel={onCancel}
    >
      <TextInput label={t('housing.landlords.agreements.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.field('title')} required maxLength={200} />
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput type="date" label={t('housing.landlords.agreements.fields.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} error={errors.field('validFrom')} required />
        <TextInput
          type="date"
          label={t('housing.landlords.agreements.fields.validUntil')}
          description={t('housing.landlords.agreements.validUntilHint')}
          value={validUntil}
          onChange={(e) => setValidUntil(e.currentTarget.value)}
          error={errors.field('validUntil')}
        />
        <NumberInput
          label={t('housing.landlords.agreements.fields.flatsPerYear')}
          description={t('housing.landlords.agreements.flatsPerYearHint')}
          value={flatsPerYear}
          onChange={setFlatsPerYear}
          min={0}
          max={10_000}
          allowDecimal={false}
          error={errors.field('flatsPerYear')}
          w={220}
        />
      </Group>
      <Textarea label={t('housing.landlords.agreements.fields.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.field('subject')} autosize minRows={2} maxLength={4000} />
    </HousingForm>
  );
}
