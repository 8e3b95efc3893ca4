import { Alert, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../ui/StatusBadge';
import { TableScroll } from '../../ui/TableScroll';
import { useDayFormat } from './dates';

export interface Shift {
  date: string;
  reason: string;
}

/** A deadline as the case API returns it (every field), or as a notice result returns it (fewer). */
export interface DeadlineLike {
  kind: string;
  date: string;
  rawDate?: string | null;
  actBy?: string | null;
  estimate?: boolean;
  basis: string;
  shifts?: Shift[];
  warnings?: string[];
}

const KNOWN_KINDS = [
  'schonfrist_end',
  'defence_notice',
  'hearing',
  'eviction',
  'bailiff_notice',
  'protection_request_765a',
  'raeumungsfrist_extension_request',
  'raeumungsfrist_max',
  'first_contact',
];

const KNOWN_WARNINGS = [
  'schonfrist_estimated',
  'schonfrist_service_incomplete',
  'schonfrist_reuse_possibly_excluded',
  'backward_deadline_on_non_working_day',
  'raeumungsfrist_beyond_maximum',
];

export function deadlineKindLabel(kind: string, t: TFunction): string {
  return KNOWN_KINDS.includes(kind) ? t(`deadlines.kinds.${kind}`) : kind;
}

export function warningLabel(warning: string, t: TFunction): string {
  return KNOWN_WARNINGS.includes(warning) ? t(`deadlines.warnings.${warning}`) : warning;
}

/**
 * Why a day was skipped. Weekends come as German weekday names, holidays as their German official
 * names ("Karfreitag"); the weekdays are translated, holiday names are proper names and stay.
 */
export function shiftReason(reason: string, t: TFunction): string {
  if (reason === 'Samstag') return t('deadlines.saturday');
  if (reason === 'Sonntag') return t('deadlines.sunday');
  return reason;
}

export function Day({ value, long }: { value: string; long?: boolean }) {
  const fmt = useDayFormat();
  return <time dateTime={value}>{long ? fmt.long(value) : fmt.short(value)}</time>;
}

export function ShiftList({ shifts }: { shifts: Shift[] }) {
  const { t } = useTranslation();
  if (shifts.length === 0) return null;
  return (
    <List size="sm" data-testid="shift-list">
      {shifts.map((s) => (
        <List.Item key={s.date}>
          <Day value={s.date} long />: {shiftReason(s.reason, t)}
        </List.Item>
      ))}
    </List>
  );
}

/** One deadline with everything the engine says about it: shift, legal basis, caveats. */
export function DeadlineCard({ deadline: d, headingOrder }: { deadline: DeadlineLike; headingOrder: 3 | 4 }) {
  const { t } = useTranslation();
  const shifts = d.shifts ?? [];
  const warnings = d.warnings ?? [];
  return (
    <Paper component="li" withBorder p="md" data-testid={`deadline-${d.kind}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={headingOrder} size="h4">
            {deadlineKindLabel(d.kind, t)}
          </Title>
          {d.estimate && <StatusBadge tone="info">{t('deadlines.estimate')}</StatusBadge>}
        </Group>
        <Text>
          <strong>{t('deadlines.date')}:</strong> <Day value={d.date} long />
        </Text>
        {d.estimate && <Text size="sm">{t('deadlines.estimateHint')}</Text>}
        {d.rawDate && d.rawDate !== d.date && (
          <Text>
            <strong>{t('deadlines.rawDate')}:</strong> <Day value={d.rawDate} long />
          </Text>
        )}
        {d.actBy && (
          <Text>
            <strong>{t('deadlines.actBy')}:</strong> <Day value={d.actBy} long />
          </Text>
        )}
        {shifts.length > 0 && (
          <div>
            <Text>{t('deadlines.shiftedBecause')}</Text>
            <ShiftList shifts={shifts} />
          </div>
        )}
        <Text size="sm">
          <strong>{t('deadlines.basis')}:</strong> {d.basis}
        </Text>
        {warnings.length > 0 && (
          <Alert color="red" title={t('deadlines.warningsTitle')} role="note">
            <List size="sm">
              {warnings.map((w) => (
                <List.Item key={w}>{warningLabel(w, t)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function DeadlineList({ deadlines, headingOrder }: { deadlines: DeadlineLike[]; headingOrder: 3 | 4 }) {
  const { t } = useTranslation();
  if (deadlines.length === 0) return <Text>{t('deadlines.none')}</Text>;
  return (
    <Stack component="ul" className="plain-list" gap="sm">
      {deadlines.map((d) => (
        <DeadlineCard key={`${d.kind}:${d.date}`} deadline={d} headingOrder={headingOrder} />
      ))}
    </Stack>
  );
}

/** The compact form: one row per deadline (notice results, which carry no shifts or warnings). */
export function DeadlineTable({ deadlines, label }: { deadlines: DeadlineLike[]; label: string }) {
  const { t } = useTranslation();
  if (deadlines.length === 0) return <Text>{t('deadlines.none')}</Text>;
  return (
    <TableScroll label={label} minWidth={640}>
      <Table verticalSpacing="xs">
        <Table.Caption>{label}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('deadlines.kind')}</Table.Th>
            <Table.Th scope="col">{t('deadlines.date')}</Table.Th>
            <Table.Th scope="col">{t('deadlines.rawDate')}</Table.Th>
            <Table.Th scope="col">{t('deadlines.basis')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deadlines.map((d) => (
            <Table.Tr key={`${d.kind}:${d.date}`}>
              <Table.Td>{deadlineKindLabel(d.kind, t)}</Table.Td>
              <Table.Td>
                <Day value={d.date} long />
                {d.estimate && (
                  <>
                    {' '}
                    <StatusBadge tone="info">{t('deadlines.estimate')}</StatusBadge>
                  </>
                )}
              </Table.Td>
              <Table.Td>{d.rawDate && d.rawDate !== d.date ? <Day value={d.rawDate} /> : t('deadlines.notShifted')}</Table.Td>
              <Table.Td>{d.basis}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
