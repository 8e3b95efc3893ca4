import { Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Fit, FitNote } from '../../../contracts/housing';
import { StatusBadge, type Tone } from '../../ui/StatusBadge';
import { useDayFormat } from '../deadlines/dates';

/** Notes that speak against an offer (shown muted), the rest speak for it or make the household urgent. */
const NOTE_TONES: Record<FitNote, Tone> = {
  long_shelter_stay: 'danger',
  in_shelter: 'info',
  children: 'info',
  available_in_time: 'success',
  preferred_municipality: 'success',
  long_search: 'info',
  other_municipality: 'neutral',
  available_too_late: 'neutral',
  area_above_limit: 'neutral',
};

export interface FitFacts {
  fit: Fit;
  /** Household members and children of the search (for "2 Kinder im Haushalt"). */
  childCount: number;
  /** The offer's gross cold rent (compared with fit.rentLimit). */
  grossColdRent: number;
}

interface Reason {
  key: string;
  tone: Tone;
  text: string;
}

/**
 * Every reason of a fit in words a caseworker can repeat to the household and the landlord:
 * what excludes the pair first, then the rent against its limit, then the notes that explain the
 * ranking. Counts and amounts come from the fit and the search, never from guesses.
 */
export function fitReasons(f: FitFacts, t: TFunction, money: (n: number) => string): Reason[] {
  const { fit } = f;
  const reasons: Reason[] = [];
  for (const blocker of fit.blockers) {
    // The rent blocker carries amounts; it is written out with them below.
    if (blocker === 'rent_above_limit') continue;
    reasons.push({ key: blocker, tone: 'danger', text: t(`housing.fit.blockers.${blocker}`) });
  }
  if (fit.rentLimit !== null) {
    const above = fit.blockers.includes('rent_above_limit');
    reasons.push({
      key: 'rent',
      tone: above ? 'danger' : 'success',
      text: t(above ? 'housing.fit.rentAbove' : 'housing.fit.rentWithin', { rent: money(f.grossColdRent), limit: money(fit.rentLimit) }),
    });
  }
  for (const note of fit.notes) {
    const text =
      note === 'long_shelter_stay' || note === 'in_shelter'
        ? t(`housing.fit.notes.${note}`, { count: fit.shelterMonths ?? 0 })
        : note === 'children'
          ? t('housing.fit.notes.children', { count: f.childCount })
          : note === 'long_search'
            ? t('housing.fit.notes.long_search', { count: fit.searchMonths })
            : t(`housing.fit.notes.${note}`);
    reasons.push({ key: note, tone: NOTE_TONES[note], text });
  }
  return reasons;
}

/** The reasons as a list of badges (a list, so screen readers announce how many there are). */
export function FitReasons(props: FitFacts & { label: string }) {
  const { t } = useTranslation();
  const { money } = useDayFormat();
  const reasons = fitReasons(props, t, money);
  if (reasons.length === 0) return <Text size="sm">{t('housing.fit.none')}</Text>;
  return (
    <Group component="ul" gap={6} wrap="wrap" m={0} p={0} aria-label={props.label} style={{ listStyle: 'none' }}>
      {reasons.map((r) => (
        <li key={r.key}>
          <StatusBadge tone={r.tone}>{r.text}</StatusBadge>
        </li>
      ))}
    </Group>
  );
}
