import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Fieldset, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { SchonfristQuery, type SchonfristResult } from '../../../contracts/intake';
import { ApiError, api } from '../../app/api';
import { FormError } from '../../app/errors';
import { PageHeader } from '../../ui/PageHeader';
import { Day, ShiftList } from './DeadlineParts';

type Result = z.infer<typeof SchonfristResult>;

/** The 16 Länder, in the order the contract lists them (ISO 3166-2:DE). */
export const STATES: readonly string[] = SchonfristQuery.shape.state.unwrap().options;
const DEFAULT_STATE = 'NW';
const MAX_ROWS = 20;

interface Row {
  key: number;
  value: string;
}
let nextKey = 1;
const newRow = (value = ''): Row => ({ key: nextKey++, value });

export function schonfristPath(servedOn: string[], state: string): string {
  const params = new URLSearchParams();
  for (const d of servedOn) params.append('servedOn', d);
  params.set('state', state);
  return `/deadlines/schonfrist?${params.toString()}`;
}

/** A real calendar day in YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The server's message for row `index`. Errors of the calculation name the row (`servedOn.1`);
 * a malformed date is rejected for the whole parameter (`servedOn`), and then belongs to the rows
 * whose value is not a date at all.
 */
function rowError(error: unknown, index: number, values: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.fields
    .filter(
      (f) =>
        f.path === `servedOn.${index}` ||
        (f.path === 'servedOn' && (values.length === 1 || !isCalendarDay(values[index]))),
    )
    .map((f) => f.message);
  return found.length ? found.join(' ') : undefined;
}

/** Public: anyone (tenants, landlords, counsellors without an account) may use it. */
export function SchonfristPage() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(() => [newRow()]);
  const [state, setState] = useState(DEFAULT_STATE);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const calc = useMutation({
    mutationFn: (input: { servedOn: string[]; state: string }) => api.get<Result>(schonfristPath(input.servedOn, input.state)),
  });

  // The result appears below the form: take keyboard and screen-reader users there.
  useEffect(() => {
    if (calc.data) resultHeading.current?.focus();
  }, [calc.data]);

  const error = calc.error;
  // The values the last calculation was asked for: errors are about those, not what was typed since.
  const sent = calc.variables?.servedOn ?? [];
  const placedWhole = sent.length === 1 || sent.some((v) => !isCalendarDay(v));
  const knownPaths = rows.map((_, i) => `servedOn.${i}`).concat(placedWhole ? ['servedOn'] : []);
  const stateError =
    error instanceof ApiError ? error.fields.filter((f) => f.path === 'state').map((f) => f.message).join(' ') || undefined : undefined;

  return (
    <>
      <PageHeader title={t('schonfrist.title')} description={t('schonfrist.intro')} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          calc.mutate({ servedOn: rows.map((r) => r.value), state });
        }}
      >
        <Stack gap="md">
          <FormError error={error} knownPaths={[...knownPaths, 'state']} />
          <Fieldset legend={t('schonfrist.servedOnLegend')}>
            <Stack gap="sm">
              <Text size="sm">{t('schonfrist.servedOnHint')}</Text>
              {rows.map((row, i) => (
                <Group key={row.key} align="flex-end" wrap="nowrap" gap="sm">
                  <TextInput
                    type="date"
                    label={t('schonfrist.servedOnN', { n: i + 1 })}
                    required
                    value={row.value}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setRows((prev) => prev.map((r) => (r.key === row.key ? { ...r, value } : r)));
                    }}
                    error={rowError(error, i, sent.length === rows.length ? sent : rows.map((r) => r.value))}
                    style={{ flexGrow: 1 }}
                  />
                  {rows.length > 1 && (
                    <Button
                      variant="outline"
                      color="red.9"
                      onClick={() => setRows((prev) => prev.filter((r) => r.key !== row.key))}
                      aria-label={t('schonfrist.removeN', { n: i + 1 })}
                    >
                      {t('common.remove')}
                    </Button>
                  )}
                </Group>
              ))}
              {rows.length < MAX_ROWS && (
                <Group>
                  <Button variant="default" onClick={() => setRows((prev) => [...prev, newRow()])}>
                    {t('schonfrist.addTenant')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Fieldset>
          <NativeSelect
            label={t('schonfrist.state')}
            description={t('schonfrist.stateHint')}
            value={state}
            onChange={(e) => setState(e.currentTarget.value)}
            data={STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))}
            error={stateError}
          />
          <Group>
            <Button type="submit" loading={calc.isPending}>
              {t('schonfrist.calculate')}
            </Button>
          </Group>
        </Stack>
      </form>

      {calc.data && !calc.isPending && (
        <Paper component="section" aria-labelledby="schonfrist-result" withBorder p="md" mt="xl" data-testid="schonfrist-result">
          <Stack gap="sm">
            <Title order={2} size="h3" id="schonfrist-result" ref={resultHeading} tabIndex={-1}>
              {t('schonfrist.resultHeading')}
            </Title>
            <Text size="lg">
              {t('schonfrist.endsOn')} <strong><Day value={calc.data.end} long /></strong>, {t('schonfrist.midnight')}
            </Text>
            {calc.data.rawEnd !== calc.data.end ? (
              <>
                <Text>
                  {t('schonfrist.rawEnd')} <Day value={calc.data.rawEnd} long />. {t('schonfrist.shiftedExplanation')}
                </Text>
                <ShiftList shifts={calc.data.shifts} />
              </>
            ) : (
              <Text>{t('schonfrist.notShifted')}</Text>
            )}
            <Text size="sm">
              <strong>{t('deadlines.basis')}:</strong> {calc.data.basis} ({t(`states.${calc.data.state}`, { defaultValue: calc.data.state })})
            </Text>
            <Alert color="blue" title={t('schonfrist.meaningTitle')} role="note">
              <Stack gap="xs">
                <Text>{t('schonfrist.meaningPayment')}</Text>
                <Text>{t('schonfrist.meaningSeveral')}</Text>
                <Text>{t('schonfrist.meaningNoAdvice')}</Text>
              </Stack>
            </Alert>
          </Stack>
        </Paper>
      )}
    </>
  );
}
