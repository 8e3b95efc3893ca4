import type { ReactNode } from 'react';
import { Button, Group, NativeSelect, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ActionState, AgreementState, MeetingStatus, OrganisationRef } from '../../../contracts/network';
import { api } from '../../app/api';
import { FormError } from '../../app/errors';
import { useOrganisations } from '../../app/queries';
import type { Tone } from '../../ui/StatusBadge';

export type {
  Agreement,
  AgreementList,
  Meeting,
  MeetingSummary,
  NetworkAction,
  OrganisationRef,
  Participant,
} from '../../../contracts/network';

export const networkKeys = {
  all: ['network'] as const,
  meetings: (timing: string, kind: string) => ['network', 'meetings', timing, kind] as const,
  meeting: (id: string) => ['network', 'meeting', id] as const,
  actions: (status: string, responsible: string) => ['network', 'actions', status, responsible] as const,
  agreements: ['network', 'agreements'] as const,
  directory: ['network', 'directory-organizations'] as const,
};

export const MEETING_STATUS_TONES: Record<MeetingStatus, Tone> = { planned: 'info', held: 'success', cancelled: 'neutral' };
export const ACTION_STATE_TONES: Record<ActionState, Tone> = { overdue: 'danger', due_soon: 'info', open: 'neutral', done: 'success' };
export const AGREEMENT_STATE_TONES: Record<AgreementState, Tone> = { expiring: 'danger', active: 'success', upcoming: 'info', expired: 'neutral' };

/** The partners of the directory (names only), for the participant, responsibility and partner choices. */
export function useDirectoryOrganisations() {
  return useQuery({
    queryKey: networkKeys.directory,
    queryFn: async () => (await api.get<{ items: { id: string; name: string }[] }>('/directory/organizations')).items,
    staleTime: 60_000,
  });
}

/**
 * An organisation of Bleibe or a partner of the directory as one choice ("org:<id>" / "dir:<id>",
 * empty for none): the form shows both lists in one select, the API takes one of two fields.
 */
export type PartyValue = string;
export const partyValue = (ref: { orgId?: string | null; directoryOrganizationId?: string | null } | OrganisationRef | null): PartyValue => {
  if (!ref) return '';
  if ('kind' in ref) return ref.kind === 'organisation' && ref.id ? `org:${ref.id}` : ref.kind === 'directory' && ref.id ? `dir:${ref.id}` : '';
  return ref.orgId ? `org:${ref.orgId}` : ref.directoryOrganizationId ? `dir:${ref.directoryOrganizationId}` : '';
};
export const partyFields = (value: PartyValue) => ({
  orgId: value.startsWith('org:') ? value.slice(4) : null,
  directoryOrganizationId: value.startsWith('dir:') ? value.slice(4) : null,
});

export function PartySelect({
  label,
  value,
  onChange,
  error,
  noneLabel,
  description,
}: {
  label: string;
  value: PartyValue;
  onChange: (v: PartyValue) => void;
  error?: string;
  noneLabel?: string;
  description?: string;
}) {
  const { t } = useTranslation();
  const orgs = useOrganisations();
  const dirs = useDirectoryOrganisations();
  const groups = [
    { group: t('network.party.bleibeGroup'), items: (orgs.data ?? []).map((o) => ({ value: `org:${o.id}`, label: o.name })) },
    { group: t('network.party.directoryGroup'), items: (dirs.data ?? []).map((d) => ({ value: `dir:${d.id}`, label: d.name })) },
  ];
  // A stored reference the lists do not hold (yet, or any more) stays selectable under its own value.
  const known = value === '' || groups.some((g) => g.items.some((i) => i.value === value));
  const data = [
    { value: '', label: noneLabel ?? t('network.party.none') },
    ...(known ? [] : [{ value, label: t('network.party.unknown') }]),
    ...groups,
  ];
  return <NativeSelect label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} data={data} error={error} description={description} />;
}

/** "Organisation (Person, function)" as lists and the minutes name a participant or a responsible. */
export function partyLabel(org: OrganisationRef | null, person: string | null, personFunction?: string | null): string {
  const who = [person, personFunction].filter(Boolean).join(', ');
  if (org && who) return `${org.name} (${who})`;
  return org?.name ?? who;
}

/**
 * The frame of the network forms: the server checks the input (noValidate), its errors stand at
 * the top (those of a field beside it), then the fields, the save button and, where the form can
 * be left, cancel.
 */
export function NetworkForm({
  labelledBy,
  heading,
  error,
  knownPaths,
  onSubmit,
  submitLabel,
  pending,
  onCancel,
  gap = 'sm',
  children,
}: {
  labelledBy?: string;
  heading?: ReactNode;
  error: unknown;
  knownPaths: string[];
  onSubmit: () => void;
  submitLabel: string;
  pending: boolean;
  onCancel?: () => void;
  gap?: 'sm' | 'md';
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      noValidate
      aria-labelledby={labelledBy}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {heading}
      <Stack gap={gap}>
        <FormError error={error} knownPaths={knownPaths} />
        {children}
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
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
