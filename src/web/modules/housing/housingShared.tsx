import { useMemo, type ReactNode } from 'react';
import { Box, Button, Group, NativeSelect, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  ACCOMMODATION_KINDS,
  type Accommodation,
  type LANDLORD_AGREEMENT_STATES,
  type OfferStatus,
  type Placement,
} from '../../../contracts/housing';
import { ApiError } from '../../app/api';
import { FormError } from '../../app/errors';
import type { Tone } from '../../ui/StatusBadge';
import { useDayFormat } from '../deadlines/dates';

/*
 * What the shelter-register, landlord and adequacy pages (and the placements section of the case's
 * housing tab) share: query keys, labels, tones and the occupancy bar. The brokerage pages live in
 * their own files of this folder.
 */

export type {
  Accommodation,
  AccommodationInput,
  AdequacyArea,
  AdequacyCheck,
  AdequacyTable,
  Landlord,
  LandlordAgreement,
  LandlordSummary,
  LongStay,
  Placement,
} from '../../../contracts/housing';

/**
 * GET /housing/accommodations/:id: the accommodation and the own organisation's households placed
 * there now (the API plan's AccommodationDetail, spelt out from the committed contract types).
 */
export interface AccommodationDetail {
  accommodation: Accommodation;
  placements: (Placement & { caseNumber: string; householdName: string })[];
}

export const housingKeys = {
  all: ['housing'] as const,
  accommodations: ['housing', 'accommodations'] as const,
  accommodation: (id: string) => ['housing', 'accommodations', id] as const,
  longStays: ['housing', 'long-stays'] as const,
  landlordsAll: ['housing', 'landlords'] as const,
  landlords: (q: string) => ['housing', 'landlords', 'list', q] as const,
  landlord: (id: string) => ['housing', 'landlords', id] as const,
  adequacy: ['housing', 'adequacy'] as const,
  caseAdequacy: (caseId: string) => ['housing', 'case-adequacy', caseId] as const,
};

export type AgreementState = (typeof LANDLORD_AGREEMENT_STATES)[number];
export const AGREEMENT_STATE_TONES: Record<AgreementState, Tone> = { active: 'success', expiring: 'danger', upcoming: 'info', expired: 'neutral' };
export const OFFER_STATUS_TONES: Record<OfferStatus, Tone> = { open: 'info', reserved: 'info', let: 'success', withdrawn: 'neutral' };

/** "Street 5, 12345 Town" from whatever parts are known; empty when none is. */
export function addressLine(a: { street: string | null; houseNumber: string | null; postalCode: string | null; city: string | null }): string {
  const street = [a.street, a.houseNumber].filter(Boolean).join(' ');
  const town = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [street, town].filter(Boolean).join(', ');
}

/** Euro amounts, floor areas and counts in the reader's language. */
export function useHousingFormat() {
  const { i18n } = useTranslation();
  const day = useDayFormat();
  const lng = i18n.language;
  return useMemo(() => {
    const number = new Intl.NumberFormat(lng.startsWith('en') ? 'en-GB' : 'de-DE', { maximumFractionDigits: 2 });
    return {
      money: (n: number | null | undefined) => (n === null || n === undefined ? '–' : day.money(n)),
      area: (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${number.format(n)} m²`),
      number: (n: number) => number.format(n),
      day: day.short,
    };
  }, [lng, day]);
}

/** The kind filter's and the forms' choice of accommodation kinds. */
export function AccommodationKindSelect({
  label,
  value,
  onChange,
  allLabel,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** With a first entry for "all kinds" (filters), without it for forms. */
  allLabel?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const kinds = ACCOMMODATION_KINDS.map((k) => ({ value: k, label: t(`housing.shelters.kinds.${k}`) }));
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={allLabel ? [{ value: '', label: allLabel }, ...kinds] : kinds}
      error={error}
    />
  );
}

/**
 * Occupancy as a bar with its figures in words. The bar is a progressbar whose value text says the
 * same as the visible line, so a screen reader gets the numbers, not a bare percentage; above
 * capacity it stays full and the words say "over capacity".
 */
export function OccupancyBar({ accommodation: a }: { accommodation: Pick<Accommodation, 'name' | 'places' | 'occupancy'> }) {
  const { t } = useTranslation();
  const { persons, households, free } = a.occupancy;
  const share = a.places > 0 ? Math.min(100, Math.round((persons / a.places) * 100)) : persons > 0 ? 100 : 0;
  const text = t('housing.shelters.occupancy.text', { persons, places: a.places, count: households });
  const freeText = free < 0 ? t('housing.shelters.occupancy.over', { count: -free }) : t('housing.shelters.occupancy.free', { count: free });
  return (
    <Box miw={160}>
      <Progress.Root size="md">
        <Progress.Section
          value={share}
          color={free <= 0 ? 'red.9' : share >= 90 ? 'orange.9' : 'teal.9'}
          withAria={false}
          role="progressbar"
          aria-label={t('housing.shelters.occupancy.label', { name: a.name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={share}
          aria-valuetext={`${text}, ${freeText}`}
        />
      </Progress.Root>
      <Text size="sm" mt={4}>
        {text}
      </Text>
      <Text size="sm" fw={free <= 0 ? 700 : undefined}>
        {freeText}
      </Text>
    </Box>
  );
}

/** "3 Personen (1 Kind)". */
export function PersonsText({ persons, children }: { persons: number; children?: number }) {
  const { t } = useTranslation();
  return (
    <>
      {t('housing.placements.persons', { count: persons })}
      {children ? ` (${t('housing.placements.children', { count: children })})` : ''}
    </>
  );
}

/** A group of badges that wraps; empty groups render nothing. */
export function Badges({ children }: { children: ReactNode[] }) {
  const shown = children.filter(Boolean);
  if (shown.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap">
      {shown}
    </Group>
  );
}

/** A stale version means someone else saved first: the caller reloads so the form shows what is stored now. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.isVersionConflict;
}

/**
 * The frame of the housing forms: the server checks the input (noValidate) and names the fields;
 * its errors stand at the top (those of a field beside the field), then the fields, save and,
 * where the form can be left, cancel.
 */
export function HousingForm({
  labelledBy,
  heading,
  error,
  knownPaths,
  onSubmit,
  submitLabel,
  pending,
  onCancel,
  children,
}: {
  labelledBy: string;
  heading?: ReactNode;
  error: unknown;
  knownPaths: string[];
  onSubmit: () => void;
  submitLabel: string;
  pending: boolean;
  onCancel?: () => void;
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
      <Stack gap="sm">
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
