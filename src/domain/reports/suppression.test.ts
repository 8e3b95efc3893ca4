import { describe, expect, it } from 'vitest';
import { suppress } from './suppression.js';

/** Every equation (row with its total, column with its total) has zero or at least two hidden entries. */
function noEquationSolvable(t: ReturnType<typeof suppress>): boolean {
  const grid = [...t.cells.map((row, r) => [...row, t.rowTotals[r]]), [...t.columnTotals, t.total]];
  const rows = grid.map((row) => row.filter((v) => v === null).length);
  const cols = grid[0].map((_, c) => grid.filter((row) => row[c] === null).length);
  return [...rows, ...cols].every((n) => n !== 1);
}

describe('suppress', () => {
  // [label, cells, minimum, expected cells, row totals, column totals, total]
  const cases: [string, number[][], number, (number | null)[][], (number | null)[], (number | null)[], number | null][] = [
    ['nothing small: all shown', [[10, 20], [30, 40]], 5, [[10, 20], [30, 40]], [30, 70], [40, 60], 100],
    ['zeros are shown', [[0, 20], [30, 0]], 5, [[0, 20], [30, 0]], [20, 30], [30, 20], 50],
    [
      'one small cell takes the smallest cell of its row and column, and the cell where those meet',
      [[3, 20, 30], [15, 12, 40], [25, 18, 50]],
      5,
      [[null, null, 30], [null, null, 40], [25, 18, 50]],
      [53, 67, 93],
      [43, 50, 120],
      213,
    ],
    ['the threshold is configurable: 3 is shown with minimum 3', [[3, 20], [30, 40]], 3, [[3, 20], [30, 40]], [23, 70], [33, 60], 93],
    ['one-dimensional: a small category takes the next smallest with it', [[2, 9, 40]], 5, [[null, null, 40]], [51], [null, null, 40], 51],
    ['one-dimensional, two small categories protect each other', [[2, 3, 40]], 5, [[null, null, 40]], [45], [null, null, 40], 45],
    // Row 0 (1, 2, total 3) is all small; its column partners 30 and 40 go, and the row total 70,
    // since 73 − 70 would give the hidden 3.
    ['a small total is hidden too, with a partner', [[1, 2], [30, 40]], 5, [[null, null], [null, null]], [null, null], [31, 42], 73],
  ];
  it.each(cases)('%s', (_label, cells, minimum, expected, rowTotals, columnTotals, total) => {
    const t = suppress(cells, minimum);
    expect(noEquationSolvable(t)).toBe(true);
    expect({ cells: t.cells, rowTotals: t.rowTotals, columnTotals: t.columnTotals, total: t.total }).toEqual({ cells: expected, rowTotals, columnTotals, total });
  });

  it('marks why an entry is hidden', () => {
    expect(suppress([[2, 9, 40]]).states[0]).toEqual(['primary', 'secondary', 'shown', 'shown']);
  });

  it('never leaves an equation with one unknown, on many random tables', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const R = 1 + Math.floor(rnd() * 5);
      const C = 1 + Math.floor(rnd() * 6);
      const cells = Array.from({ length: R }, () => Array.from({ length: C }, () => (rnd() < 0.3 ? Math.floor(rnd() * 5) : Math.floor(rnd() * 60))));
      const t = suppress(cells);
      expect(noEquationSolvable(t)).toBe(true);
      // Every small count is hidden, every shown count is the true one.
      cells.forEach((row, r) => row.forEach((v, c) => {
        if (v > 0 && v < 5) expect(t.cells[r][c]).toBeNull();
        if (t.cells[r][c] !== null) expect(t.cells[r][c]).toBe(v);
      }));
    }
  });
});
