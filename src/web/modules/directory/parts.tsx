import { Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type OpeningHours, type Weekday } from '../../../contracts/directory';

/** Opening hours as one line each: "Mo–Mi 09:00–12:00 (note)". */
export function HoursList({ hours }: { hours: OpeningHours[] }) {
  const { t } = useTranslation();
  if (!hours.length) return <Text c="dimmed">{t('directory.noHours')}</Text>;
  return (
    <ul className="plain-list">
      {hours.map((h) => (
        <li key={h.id}>
          <Text>
            {daysText(h.days, t)} {h.opens}–{h.closes}
            {h.note ? ` (${h.note})` : ''}
          </Text>
        </li>
      ))}
    </ul>
  );
}

/** Monday-first, consecutive days as a range. */
export function daysText(days: Weekday[], t: (k: string) => string): string {
  const idx = WEEKDAYS.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  const parts: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
    const from = t(`directory.days.${WEEKDAYS[idx[i]]}`);
    const to = t(`directory.days.${WEEKDAYS[idx[j]]}`);
    parts.push(j === i ? from : j === i + 1 ? `${from}, ${to}` : `${from}–${to}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export interface HoursRow {
  key: number;
  id?: string;
  days: Weekday[];
  opens: string;
  closes: string;
  note: string;
}

let nextKey = 1;
export const hoursRow = (h?: OpeningHours): HoursRow => ({ key: nextKey++, id: h?.id, days: h?.days ?? [], opens: h?.opens ?? '', closes: h?.closes ?? '', note: h?.note ?? '' });
export const hoursBody = (rows: HoursRow[]) =>
  rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), days: r.days, opens: r.opens, closes: r.closes, note: r.note.trim() || null }));

/** Opening hours editor: each row a weekly rule (days, from, to, note). */
export function HoursEditor({ rows, onChange, fieldError }: { rows: HoursRow[]; onChange: (rows: HoursRow[]) => void; fieldError: (path: string) => string | undefined }) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<HoursRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Fieldset legend={t('directory.openingHours')} variant="unstyled">
      <Stack gap="sm">
        {rows.length === 0 && <Text>{t('directory.noHours')}</Text>}
        {rows.map((row, i) => (
          <Fieldset key={row.key} legend={t('directory.hoursN', { n: i + 1 })} p="sm">
            <Checkbox.Group
              label={t('directory.weekdays')}
              value={row.days}
              onChange={(v) => update(i, { days: v as Weekday[] })}
              error={fieldError(`openingHours.${i}.days`)}
            >
              <Group gap="sm" mt={4}>
                {WEEKDAYS.map((d) => (
                  <Checkbox key={d} value={d} label={t(`directory.days.${d}`)} aria-label={t(`directory.daysLong.${d}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mt="xs">
              <TextInput type="time" label={t('directory.opens')} required value={row.opens} onChange={(e) => update(i, { opens: e.currentTarget.value })} error={fieldError(`openingHours.${i}.opens`)} />
              <TextInput type="time" label={t('directory.closes')} required value={row.closes} onChange={(e) => update(i, { closes: e.currentTarget.value })} error={fieldError(`openingHours.${i}.closes`)} />
              <TextInput label={t('directory.note')} value={row.note} onChange={(e) => update(i, { note: e.currentTarget.value })} error={fieldError(`openingHours.${i}.note`)} />
            </SimpleGrid>
            <Group justify="flex-end" mt="xs">
              <Button size="xs" variant="outline" color="red.9" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('directory.removeHoursN', { n: i + 1 })}>
                {t('common.remove')}
              </Button>
            </Group>
          </Fieldset>
        ))}
        <Group>
          <Button variant="default" onClick={() => onChange([...rows, hoursRow()])}>
            {t('directory.addHours')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** Language codes as names in the UI language ("tr" → "Türkisch" / "Turkish"). */
export function languageNames(codes: string[], lng: string): string {
  const names = new Intl.DisplayNames([lng], { type: 'language' });
  return codes.map((c) => names.of(c) ?? c).join(', ');
}
