import { useMemo } from 'react';
import { Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../contracts/admin';
import {
  ETHOS_CATEGORIES,
  INCOME_SOURCES,
  ISO_639_1,
  LETTER_LANGUAGES,
  MEMBER_RELATIONS,
  TARGET_GROUPS,
  TERMINATION_TYPES,
  type ArrearsInput,
  type CaseFilePatch,
  type HandoverInput,
  type MembersInput,
} from '../../../contracts/casefile';
import { SEXES } from '../../../contracts/official-statistics';
import { api } from '../../app/api';
import { emptyToNull } from '../../app/errors';
import { useActiveSession } from '../../app/session';
import { EditDialog, amountText, parseAmount, useCaseEdit, useFormFor, type FileEditing } from './parts';

interface DialogProps {
  editing: FileEditing;
  onClose: () => void;
}

/** An amount field's value for the request: a number, null, or — when unreadable — the text, so the server names the field. */
const amount = (v: string) => {
  const n = parseAmount(v);
  return Number.isNaN(n) ? (v as unknown as number) : n;
};

// ---- members ---------------------------------------------------------------------------------

export function MembersDialog({ editing, onClose }: DialogProps) {
  const { t } = useTranslation();
  const c = editing.summary;
  const [rows, setRows] = useFormFor(c, (s) =>
    s.file.members.map((m) => ({ key: m.personId, personId: m.personId as string | undefined, firstName: m.firstName, lastName: m.lastName, birthDate: m.birthDate ?? '', relation: m.relation as string, defendant: m.isCaseTenant, sex: (m.sex ?? '') as string, nationality: m.nationality ?? '' })),
  );
  const { save, errors } = useCaseEdit<MembersInput>(editing, 'PUT', '/members', t('casefile.members.saved'), onClose);
  const update = (i: number, patch: Partial<(typeof rows)[number]>) => setRows((prev) => prev.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <EditDialog
      title={t('casefile.members.edit')}
      onClose={onClose}
      size="xl"
      saving={save.isPending}
      error={errors.error}
      knownPaths={rows.map((_, i) => `members.${i}`)}
      onSubmit={() =>
        save.mutate({
          version: c.version,
          members: rows.map((r) => ({
            ...(r.personId ? { personId: r.personId } : {}),
            firstName: r.firstName,
            lastName: r.lastName,
            birthDate: r.birthDate || null,
            relation: r.relation as MembersInput['members'][number]['relation'],
            // For the official statistics; empty: not recorded / unknown.
            sex: (r.sex || null) as MembersInput['members'][number]['sex'],
            nationality: r.nationality.trim() || null,
          })),
        })
      }
    >
      <Text>{t('casefile.members.intro')}</Text>
      {rows.map((r, i) => (
        <Fieldset key={r.key} legend={`${t('casefile.members.member', { n: i + 1 })}${r.defendant ? ` (${t('casefile.members.defendant')})` : ''}`}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            <TextInput label={t('casefile.members.firstName')} value={r.firstName} onChange={(e) => update(i, { firstName: e.currentTarget.value })} error={errors.field(`members.${i}.firstName`)} data-autofocus={i === 0 ? true : undefined} />
            <TextInput label={t('casefile.members.lastName')} value={r.lastName} onChange={(e) => update(i, { lastName: e.currentTarget.value })} error={errors.field(`members.${i}.lastName`)} />
            <TextInput type="date" label={t('casefile.members.birthDate')} value={r.birthDate} onChange={(e) => update(i, { birthDate: e.currentTarget.value })} error={errors.field(`members.${i}.birthDate`)} />
            <NativeSelect
              label={t('casefile.members.relation')}
              value={r.relation}
              onChange={(e) => update(i, { relation: e.currentTarget.value })}
              data={MEMBER_RELATIONS.map((v) => ({ value: v, label: t(`casefile.relations.${v}`) }))}
              error={errors.field(`members.${i}.relation`) ?? errors.field(`members.${i}.personId`)}
            />
            <NativeSelect
              label={t('casefile.members.sex')}
              value={r.sex}
              onChange={(e) => update(i, { sex: e.currentTarget.value })}
              data={[{ value: '', label: t('casefile.members.notRecorded') }, ...SEXES.map((v) => ({ value: v, label: t(`casefile.sexes.${v}`) }))]}
              error={errors.field(`members.${i}.sex`)}
            />
            <TextInput
              label={t('casefile.members.nationality')}
              description={t('casefile.members.nationalityHint')}
              value={r.nationality}
              onChange={(e) => update(i, { nationality: e.currentTarget.value.toUpperCase() })}
              error={errors.field(`members.${i}.nationality`)}
              maxLength={2}
              autoComplete="off"
            />
          </SimpleGrid>
          {!r.defendant && (
            <Group justify="flex-end" mt="xs">
              <Button variant="subtle" color="red" size="xs" onClick={() => setRows((prev) => prev.filter((_, j) => j !== i))}>
                {t('casefile.members.removeNamed', { name: `${r.firstName} ${r.lastName}`.trim() || t('casefile.members.member', { n: i + 1 }) })}
              </Button>
            </Group>
          )}
        </Fieldset>
      ))}
      <Group>
        <Button
          variant="default"
          onClick={() => setRows((prev) => [...prev, { key: `new-${Date.now()}-${prev.length}`, personId: undefined, firstName: '', lastName: c.tenants[0]?.lastName ?? '', birthDate: '', relation: 'child', defendant: false, sex: '', nationality: '' }])}
        >
          {t('casefile.members.add')}
        </Button>
      </Group>
    </EditDialog>
  );
}

// ---- situation -------------------------------------------------------------------------------

export function SituationDialog({ editing, onClose }: DialogProps) {
  const { t } = useTranslation();
  const c = editing.summary;
  const [form, setForm] = useFormFor(c, (s) => ({
    targetGroups: s.file.targetGroups as string[],
    category: s.file.livingSituation?.category ?? '',
    situation: s.file.livingSituation?.situation ?? '',
    since: s.file.livingSituation?.since ?? '',
    incomeSources: s.file.incomeSources as string[],
    incomeNote: s.file.incomeNote ?? '',
  }));
  const { save, errors } = useCaseEdit<CaseFilePatch>(editing, 'PATCH', '/file', t('casefile.situation.saved'), onClose);
  const situations = ETHOS_CATEGORIES.find((x) => x.code === form.category)?.situations ?? [];
  return (
    <EditDialog
      title={t('casefile.situation.edit')}
      onClose={onClose}
      saving={save.isPending}
      error={errors.error}
      knownPaths={['situation.targetGroups', 'situation.livingSituation', 'situation.incomeSources', 'situation.incomeNote']}
      onSubmit={() =>
        save.mutate({
          version: c.version,
          situation: {
            targetGroups: form.targetGroups as never,
            livingSituation: form.category ? ({ category: form.category, situation: form.situation, since: form.since || null } as never) : null,
            incomeSources: form.incomeSources as never,
            incomeNote: emptyToNull(form.incomeNote),
          },
        })
      }
    >
      <Checkbox.Group label={t('casefile.situation.targetGroups')} value={form.targetGroups} onChange={(v) => setForm((f) => ({ ...f, targetGroups: v }))} error={errors.field('situation.targetGroups')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
          {TARGET_GROUPS.map((g) => (
            <Checkbox key={g} value={g} label={t(`casefile.targetGroups.${g}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Fieldset legend={t('casefile.situation.livingSituation')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('casefile.situation.category')}
            value={form.category}
            onChange={(e) => {
              const category = e.currentTarget.value;
              const first = ETHOS_CATEGORIES.find((x) => x.code === category)?.situations[0] ?? '';
              setForm((f) => ({ ...f, category, situation: first }));
            }}
            data={[{ value: '', label: t('casefile.situation.none') }, ...ETHOS_CATEGORIES.map((x) => ({ value: x.code, label: t(`casefile.ethosCategories.${x.code}`) }))]}
            error={errors.field('situation.livingSituation.category')}
          />
          <NativeSelect
            label={t('casefile.situation.situation')}
            value={form.situation}
            disabled={!form.category}
            onChange={(e) => setForm((f) => ({ ...f, situation: e.currentTarget.value }))}
            data={situations.map((s) => ({ value: s, label: t(`casefile.ethosSituations.${s}`) }))}
            error={errors.field('situation.livingSituation.situation')}
          />
          <TextInput type="date" label={t('casefile.situation.since')} value={form.since} disabled={!form.category} onChange={(e) => setForm((f) => ({ ...f, since: e.currentTarget.value }))} error={errors.field('situation.livingSituation.since')} />
        </SimpleGrid>
      </Fieldset>
      <Checkbox.Group label={t('casefile.situation.incomeSources')} value={form.incomeSources} onChange={(v) => setForm((f) => ({ ...f, incomeSources: v }))} error={errors.field('situation.incomeSources')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
          {INCOME_SOURCES.map((g) => (
            <Checkbox key={g} value={g} label={t(`casefile.incomeSources.${g}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea label={t('casefile.situation.incomeNote')} value={form.incomeNote} onChange={(e) => setForm((f) => ({ ...f, incomeNote: e.currentTarget.value }))} error={errors.field('situation.incomeNote')} rows={2} />
    </EditDialog>
  );
}

// ---- tenancy ---------------------------------------------------------------------------------

export function TenancyDialog({ editing, onClose }: DialogProps) {
  const { t } = useTranslation();
  const c = editing.summary;
  const [form, setForm] = useFormFor(c, (s) => {
    const tn = s.file.tenancy;
    return {
      name: tn.landlord?.name ?? '',
      address: tn.landlord?.address ?? '',
      contact: tn.landlord?.contact ?? '',
      baseRent: amountText(tn.baseRent),
      serviceCharges: amountText(tn.serviceCharges),
      heatingCosts: amountText(tn.heatingCosts),
      monthlyRent: amountText(s.legal.monthlyRent),
      tenancyStart: tn.tenancyStart ?? '',
      floorArea: amountText(tn.floorArea),
    };
  });
  const { save, errors } = useCaseEdit<CaseFilePatch>(editing, 'PATCH', '/file', t('casefile.tenancy.saved'), onClose);
  const field = (key: keyof typeof form, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput label={label} value={form[key]} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, [key]: v })); }} error={errors.field(`tenancy.${key === 'name' || key === 'address' || key === 'contact' ? `landlord.${key}` : key}`)} {...extra} />
  );
  const money = { inputMode: 'decimal' as const, rightSection: '€' };
  return (
    <EditDialog
      title={t('casefile.tenancy.edit')}
      onClose={onClose}
      saving={save.isPending}
      error={errors.error}
      knownPaths={['tenancy']}
      onSubmit={() =>
        save.mutate({
          version: c.version,
          tenancy: {
            landlord: form.name.trim() ? { name: form.name, ...(form.address.trim() ? { address: form.address } : {}), ...(form.contact.trim() ? { contact: form.contact } : {}) } : null,
            baseRent: amount(form.baseRent),
            serviceCharges: amount(form.serviceCharges),
            heatingCosts: amount(form.heatingCosts),
            monthlyRent: amount(form.monthlyRent),
            tenancyStart: form.tenancyStart || null,
            floorArea: amount(form.floorArea),
          },
        })
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {field('name', t('casefile.tenancy.landlordName'), { 'data-autofocus': true })}
        {field('address', t('casefile.tenancy.landlordAddress'))}
        {field('contact', t('casefile.tenancy.landlordContact'))}
      </SimpleGrid>
      <Text size="sm">{t('casefile.tenancy.splitHint')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {field('baseRent', t('casefile.tenancy.baseRent'), money)}
        {field('serviceCharges', t('casefile.tenancy.serviceCharges'), money)}
        {field('heatingCosts', t('casefile.tenancy.heatingCosts'), money)}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {field('monthlyRent', t('casefile.tenancy.monthlyRent'), money)}
        {field('tenancyStart', t('casefile.tenancy.tenancyStart'), { type: 'date' })}
        {field('floorArea', t('casefile.tenancy.floorArea'), { inputMode: 'decimal' })}
      </SimpleGrid>
    </EditDialog>
  );
}

// ---- arrears ---------------------------------------------------------------------------------

export function ArrearsDialog({ editing, onClose }: DialogProps) {
  const { t } = useTranslation();
  const c = editing.summary;
  const [rows, setRows] = useFormFor(c, (s) =>
    s.file.arrears.entries.map((e) => ({ key: e.id, id: e.id as string | undefined, recordedOn: e.recordedOn, amount: amountText(e.amount), months: amountText(e.months), note: e.note ?? '' })),
  );
  const { save, errors } = useCaseEdit<ArrearsInput>(editing, 'PUT', '/arrears', t('casefile.arrears.saved'), onClose);
  const update = (i: number, patch: Partial<(typeof rows)[number]>) => setRows((prev) => prev.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <EditDialog
      title={t('casefile.arrears.edit')}
      onClose={onClose}
      size="xl"
      saving={save.isPending}
      error={errors.error}
      knownPaths={rows.map((_, i) => `entries.${i}`)}
      onSubmit={() =>
        save.mutate({
          version: c.version,
          entries: rows.map((r) => ({
            ...(r.id ? { id: r.id } : {}),
            recordedOn: r.recordedOn,
            amount: amount(r.amount) as number,
            months: amount(r.months),
            note: emptyToNull(r.note),
          })),
        })
      }
    >
      {rows.length === 0 && <Text>{t('casefile.arrears.none')}</Text>}
      {rows.map((r, i) => (
        <Fieldset key={r.key} legend={t('casefile.arrears.entry', { n: i + 1 })}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <TextInput type="date" label={t('casefile.arrears.recordedOn')} value={r.recordedOn} onChange={(e) => update(i, { recordedOn: e.currentTarget.value })} error={errors.field(`entries.${i}.recordedOn`)} />
            <TextInput inputMode="decimal" label={t('casefile.arrears.amount')} value={r.amount} onChange={(e) => update(i, { amount: e.currentTarget.value })} error={errors.field(`entries.${i}.amount`)} />
            <TextInput inputMode="decimal" label={t('casefile.arrears.monthsLabel')} value={r.months} onChange={(e) => update(i, { months: e.currentTarget.value })} error={errors.field(`entries.${i}.months`)} />
            <TextInput label={t('casefile.arrears.note')} value={r.note} onChange={(e) => update(i, { note: e.currentTarget.value })} error={errors.field(`entries.${i}.note`)} />
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <Button variant="subtle" color="red" size="xs" onClick={() => setRows((prev) => prev.filter((_, j) => j !== i))}>
              {t('casefile.arrears.removeEntry', { n: i + 1 })}
            </Button>
          </Group>
        </Fieldset>
      ))}
      <Group>
        <Button variant="default" onClick={() => setRows((prev) => [...prev, { key: `new-${Date.now()}-${prev.length}`, id: undefined, recordedOn: '', amount: '', months: '', note: '' }])}>
          {t('casefile.arrears.add')}
        </Button>
      </Group>
    </EditDialog>
  );
}

// ---- legal timeline --------------------------------------------------------------------------

const LEGAL_DATES = ['terminationReceivedOn', 'suitFiledOn', 'hearingOn', 'judgmentOn', 'judgmentFinalOn', 'raeumungsfristEnd', 'evictionOn'] as const;
const LEGAL_LABELS: Record<(typeof LEGAL_DATES)[number], string> = {
  terminationReceivedOn: 'intake.terminationReceivedOn',
  suitFiledOn: 'casefile.legal.suitFiledOn',
  hearingOn: 'intake.courtHearingOn',
  judgmentOn: 'casefile.legal.judgmentOn',
  judgmentFinalOn: 'casefile.legal.judgmentFinalOn',
  raeumungsfristEnd: 'casefile.legal.raeumungsfristEnd',
  evictionOn: 'intake.evictionOn',
};

export function LegalDialog({ editing, onClose }: DialogProps) {
  const { t } = useTranslation();
  const c = editing.summary;
  const [form, setForm] = useFormFor(c, (s) => ({
    terminationType: s.legal.terminationType ?? '',
    courtName: s.legal.courtName ?? '',
    courtFileNumber: s.legal.courtFileNumber ?? '',
    earlier: s.legal.earlierCuredTerminations.join(', '),
    ...(Object.fromEntries(LEGAL_DATES.map((k) => [k, s.legal[k] ?? ''])) as Record<(typeof LEGAL_DATES)[number], string>),
  }));
  const { save, errors } = useCaseEdit<CaseFilePatch>(editing, 'PATCH', '/file', t('casefile.legal.saved'), onClose);
  return (
    <EditDialog
      title={t('casefile.legal.edit')}
      onClose={onClose}
      saving={save.isPending}
      error={errors.error}
      knownPaths={['legal']}
      onSubmit={() =>
        save.mutate({
          version: c.version,
          legal: {
            terminationType: (form.terminationType || null) as never,
            courtName: emptyToNull(form.courtName),
            courtFileNumber: emptyToNull(form.courtFileNumber),
            ...Object.fromEntries(LEGAL_DATES.map((k) => [k, form[k] || null])),
            earlierCuredTerminations: form.earlier.split(/[,;\s]+/).filter(Boolean),
          },
        })
      }
    >
      <Text>{t('casefile.legal.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label={t('intake.terminationType')}
          value={form.terminationType}
          onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, terminationType: v })); }}
          data={[{ value: '', label: t('casefile.legal.noTerminationType') }, ...TERMINATION_TYPES.map((v) => ({ value: v, label: t(`intake.terminationTypes.${v}`) }))]}
          error={errors.field('legal.terminationType')}
        />
        <TextInput label={t('intake.courtName')} value={form.courtName} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, courtName: v })); }} error={errors.field('legal.courtName')} />
        <TextInput label={t('intake.courtFileNumber')} value={form.courtFileNumber} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, courtFileNumber: v })); }} error={errors.field('legal.courtFileNumber')} />
        {LEGAL_DATES.map((k) => (
          <TextInput key={k} type="date" label={t(LEGAL_LABELS[k])} value={form[k]} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, [k]: v })); }} error={errors.field(`legal.${k}`)} />
        ))}
      </SimpleGrid>
      <TextInput label={t('casefile.legal.earlierCured')} value={form.earlier} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, earlier: v })); }} error={errors.field('legal.earlierCuredTerminations')} placeholder="2025-03-01" />
    </EditDialog>
  );
}

// ---- contact and language --------------------------------------------------------------------

/** Language names in the reader's language; the letter languages first. */
function useLanguageOptions() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
    const name = (code: string) => `${names.of(code) ?? code} (${code})`;
    const letters: string[] = [...LETTER_LANGUAGES];
    const rest = ISO_639_1.filter((c) => !letters.includes(c)).sort((a, b) => name(a).localeCompare(name(b), i18n.language));
    return [
      { value: '', label: t('casefile.contact.noLanguage') },
      { group: t('casefile.contact.letterLanguages'), items: letters.map((c) => ({ value: c, label: name(c) })) },
      { group: t('casefile.contact.allLanguages'), items: rest.map((c) => ({ value: c, label: name(c) })) },
    ];
  }, [i18n.language, t]);
}

export function languageName(code: string, lng: string) {
  return `${new Intl.DisplayNames([lng], { type: 'language' }).of(code) ?? code} (${code})`;
}

export function ContactDialog({ editing, onClose }: DialogProps) {
  const { t } = useTranslation();
  const c = editing.summary;
  const k = c.file.contact;
  const [form, setForm] = useFormFor(c, () => ({
    phone: k.phone ?? '',
    email: k.email ?? '',
    postalAddress: k.postalAddress ?? '',
    bestTimes: k.bestTimes ?? '',
    preferredLanguage: k.preferredLanguage ?? '',
    interpreterNeeded: k.interpreterNeeded,
  }));
  const languages = useLanguageOptions();
  const { save, errors } = useCaseEdit<CaseFilePatch>(editing, 'PATCH', '/file', t('casefile.contact.saved'), onClose);
  const text = (key: 'phone' | 'email' | 'bestTimes', label: string, extra: Record<string, unknown> = {}) => (
    <TextInput label={label} value={form[key]} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, [key]: v })); }} error={errors.field(`contact.${key}`)} {...extra} />
  );
  return (
    <EditDialog
      title={t('casefile.contact.edit')}
      onClose={onClose}
      saving={save.isPending}
      error={errors.error}
      knownPaths={['contact']}
      onSubmit={() =>
        save.mutate({
          version: c.version,
          contact: {
            phone: emptyToNull(form.phone),
            email: emptyToNull(form.email),
            postalAddress: emptyToNull(form.postalAddress),
            bestTimes: emptyToNull(form.bestTimes),
            preferredLanguage: form.preferredLanguage || null,
            interpreterNeeded: form.interpreterNeeded,
          },
        })
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {text('phone', t('casefile.contact.phone'), { type: 'tel', autoComplete: 'off', 'data-autofocus': true })}
        {text('email', t('casefile.contact.email'), { type: 'email', autoComplete: 'off' })}
        {text('bestTimes', t('casefile.contact.bestTimes'))}
        <NativeSelect label={t('casefile.contact.preferredLanguage')} value={form.preferredLanguage} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, preferredLanguage: v })); }} data={languages} error={errors.field('contact.preferredLanguage')} />
      </SimpleGrid>
      <Textarea label={t('casefile.contact.postalAddress')} value={form.postalAddress} onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, postalAddress: v })); }} error={errors.field('contact.postalAddress')} rows={2} />
      <Checkbox label={t('casefile.contact.interpreterNeeded')} checked={form.interpreterNeeded} onChange={(e) => { const v = e.currentTarget.checked; setForm((f) => ({ ...f, interpreterNeeded: v })); }} />
    </EditDialog>
  );
}

// ---- handover --------------------------------------------------------------------------------

/** Active caseworkers and team leads of the own organisation (the server accepts no one else). */
export function useColleagues() {
  const session = useActiveSession();
  const users = useQuery({
    queryKey: ['users', 'list', { orgId: session.organisation.id, q: '' }],
    queryFn: async () => (await api.get<{ items: User[] }>('/users', { orgId: session.organisation.id })).items,
  });
  return (users.data ?? []).filter((u) => u.orgId === session.organisation.id && u.active && u.roles.some((r) => r === 'caseworker' || r === 'team_lead'));
}

export function HandoverDialog({ editing, onClose }: DialogProps) {
  const { t } = useTranslation();
  const c = editing.summary;
  const colleagues = useColleagues().filter((u) => u.id !== c.assignee?.id);
  const [form, setForm] = useFormFor(c, () => ({ toUserId: '', note: '' }));
  const chosen = colleagues.find((u) => u.id === form.toUserId);
  const { save, errors } = useCaseEdit<HandoverInput>(editing, 'POST', '/handover', t('casefile.handover.done', { name: chosen?.displayName ?? '' }), onClose);
  return (
    <EditDialog
      title={t('casefile.handover.title')}
      onClose={onClose}
      saving={save.isPending}
      error={errors.error}
      knownPaths={['toUserId', 'note']}
      onSubmit={() => save.mutate({ version: c.version, toUserId: form.toUserId, note: form.note })}
    >
      <NativeSelect
        label={t('casefile.handover.to')}
        required
        value={form.toUserId}
        onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, toUserId: v })); }}
        data={[{ value: '', label: t('casefile.handover.choose') }, ...colleagues.map((u) => ({ value: u.id, label: u.displayName }))]}
        error={errors.field('toUserId')}
        data-autofocus
      />
      <Textarea
        label={t('casefile.handover.note')}
        description={t('casefile.handover.noteHint')}
        required
        value={form.note}
        onChange={(e) => { const v = e.currentTarget.value; setForm((f) => ({ ...f, note: v })); }}
        error={errors.field('note')}
        rows={4}
      />
    </EditDialog>
  );
}

