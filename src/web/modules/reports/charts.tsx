import { Box, Table, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { Breakdown, Indicator } from '../../../contracts/reports';
import { TableScroll } from '../../ui/TableScroll';
import { CountCell, suppressedText, useKeyLabel, useNumber } from './labels';

/*
 * Every chart is drawn for the eye only (aria-hidden, nothing focusable inside, no tooltips that
 * need a mouse); the table right below it carries the same numbers for everyone. One series per
 * chart in one dark colour (contrast above 7:1 on white), the figure written at each bar, so no
 * information depends on colour.
 */

export const CHART_COLOUR = '#1c3f6e';
const TEXT_COLOUR = '#212529';
const GRID_COLOUR = '#adb5bd';

export interface ChartRow {
  label: string;
  value: number | null;
  /** What the bar says: the number, or the suppression text. */
  text: string;
}

export type ChartKind = 'bars' | 'columns' | 'line';

function Chart({ rows, kind, testId }: { rows: ChartRow[]; kind: ChartKind; testId: string }) {
  const data = rows.map((r) => ({ ...r, value: r.value ?? 0 }));
  const common = { data, accessibilityLayer: false, margin: { top: 20, right: 48, bottom: 8, left: 8 } } as const;
  const tick = { fill: TEXT_COLOUR, fontSize: 12 };
  let chart;
  if (kind === 'bars') {
    // Horizontal bars: category names (often long) read left to right.
    const height = Math.max(120, rows.length * 34 + 40);
    chart = (
      <BarChart {...common} layout="vertical" responsive style={{ width: '100%', height }}>
        <CartesianGrid horizontal={false} stroke={GRID_COLOUR} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} tick={tick} stroke={TEXT_COLOUR} />
        <YAxis type="category" dataKey="label" width={220} tick={tick} stroke={TEXT_COLOUR} interval={0} />
        <Bar dataKey="value" fill={CHART_COLOUR} isAnimationActive={false} barSize={18}>
          <LabelList dataKey="text" position="right" fill={TEXT_COLOUR} fontSize={12} />
        </Bar>
      </BarChart>
    );
  } else if (kind === 'columns') {
    chart = (
      <BarChart {...common} responsive style={{ width: '100%', height: 240 }}>
        <CartesianGrid vertical={false} stroke={GRID_COLOUR} strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={tick} stroke={TEXT_COLOUR} interval="preserveStartEnd" />
        <YAxis allowDecimals={false} tick={tick} stroke={TEXT_COLOUR} width={40} />
        <Bar dataKey="value" fill={CHART_COLOUR} isAnimationActive={false} maxBarSize={36}>
          <LabelList dataKey="text" position="top" fill={TEXT_COLOUR} fontSize={12} />
        </Bar>
      </BarChart>
    );
  } else {
    chart = (
      <LineChart {...common} responsive style={{ width: '100%', height: 240 }}>
        <CartesianGrid vertical={false} stroke={GRID_COLOUR} strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={tick} stroke={TEXT_COLOUR} interval="preserveStartEnd" />
        <YAxis allowDecimals={false} tick={tick} stroke={TEXT_COLOUR} width={40} />
        <Line dataKey="value" stroke={CHART_COLOUR} strokeWidth={2} dot={{ r: 4, fill: CHART_COLOUR }} isAnimationActive={false}>
          <LabelList dataKey="text" position="top" fill={TEXT_COLOUR} fontSize={12} />
        </Line>
      </LineChart>
    );
  }
  return (
    <Box aria-hidden="true" data-testid={testId} mb="sm" style={{ maxWidth: 760 }}>
      {chart}
    </Box>
  );
}

/**
 * A breakdown as a chart (optional) and a table: one row per key with its count, the total in the
 * footer. In the organisation scope each count links to the cases behind it.
 */
export function BreakdownView({
  indicator,
  breakdown,
  caption,
  keyHeader,
  countHeader,
  chart,
  minimumCell,
  drill,
  showTotal = true,
}: {
  indicator: Indicator;
  breakdown: Breakdown;
  caption: string;
  keyHeader: string;
  countHeader?: string;
  chart?: ChartKind;
  minimumCell: number | null;
  drill: ((indicator: Indicator, key: string) => string) | null;
  showTotal?: boolean;
}) {
  const { t } = useTranslation();
  const label = useKeyLabel();
  const n = useNumber();
  const rows = breakdown.rows.map((r) => ({ ...r, label: label(indicator, r.key) }));
  const chartRows: ChartRow[] = rows.map((r) => ({
    label: r.label,
    value: r.count,
    text: r.count === null ? suppressedText(r.suppressed, minimumCell, t) : n.int(r.count),
  }));
  if (rows.length === 0) return <Text>{t('reports.empty')}</Text>;
  return (
    <>
      {chart && <Chart rows={chartRows} kind={chart} testId={`chart-${indicator}`} />}
      <TableScroll label={caption} minWidth={360}>
        <Table maw={640} data-indicator={indicator}>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{keyHeader}</Table.Th>
              <Table.Th scope="col" ta="right">
                {countHeader ?? t('reports.count')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Th scope="row" fw={400}>
                  {r.label}
                </Table.Th>
                <Table.Td ta="right">
                  <CountCell count={r.count} suppressed={r.suppressed} minimumCell={minimumCell} href={drill?.(indicator, r.key)} label={`${caption}: ${r.label}`} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {showTotal && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('reports.total')}</Table.Th>
                <Table.Td ta="right" fw={700}>
                  <CountCell count={breakdown.total} suppressed={breakdown.totalSuppressed} minimumCell={minimumCell} label={caption} />
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </TableScroll>
    </>
  );
}
