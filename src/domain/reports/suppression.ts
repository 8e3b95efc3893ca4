/**
 * Small-cell suppression for aggregate tables (statistical disclosure control).
 *
 * A count of 1 to k−1 households in a published cell could identify them ("the one family with
 * four children in Dorfheim that was evicted"): it is suppressed (primary suppression). But a
 * table with totals gives equations — every row's cells add up to its total, every column's to
 * its total — and an equation with exactly one unknown reveals it. So further cells are
 * suppressed until no equation has exactly one suppressed entry (secondary suppression), taking
 * the smallest cell each time (the least information lost). Zero cells are published: an empty
 * cell reveals nobody (and suppressing it would not protect anything, as a sum of zeros is zero).
 * Totals are entries like any other: a total below k is suppressed, and may need a partner.
 *
 * The table is R rows × C columns of counts with row totals, column totals and the grand total;
 * a one-dimensional breakdown is the case R = 1 (then the row total is the grand total).
 */

export type CellState = 'shown' | 'primary' | 'secondary';

export interface SuppressedTable {
  /** Counts where shown, null where suppressed; same shape as the input. */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
  /** Why each entry is hidden, same layout as an (R+1) × (C+1) grid with the totals last. */
  states: CellState[][];
}

/** A count that must not be published on its own. */
export function isSmall(count: number, minimum: number): boolean {
  return count > 0 && count < minimum;
}

/**
 * Suppress `cells` (rows × columns) with threshold `minimum` (default 5: counts of 1–4 are hidden).
 * Deterministic: ties between equally small candidates go to the first in reading order.
 */
export function suppress(cells: readonly (readonly number[])[], minimum = 5): SuppressedTable {
  const R = cells.length;
  const C = R ? cells[0].length : 0;
  for (const row of cells) if (row.length !== C) throw new Error('suppress: rows of different length');
  // The grid with totals: row R holds the column totals, column C the row totals, [R][C] the grand total.
  const grid: number[][] = cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totalsRow = Array.from({ length: C + 1 }, (_, c) => grid.reduce((sum, row) => sum + row[c], 0));
  grid.push(totalsRow);
  const state: CellState[][] = grid.map((row) => row.map((v) => (isSmall(v, minimum) ? 'primary' : 'shown')));

  // The equations: each row (its cells and its total) and each column (its cells and its total).
  // With a single row, its row equation and the totals row are the same sums: both are kept,
  // which is harmless (they agree).
  const equations: [number, number][][] = [];
  for (let r = 0; r <= R; r++) equations.push(Array.from({ length: C + 1 }, (_, c) => [r, c] as [number, number]));
  for (let c = 0; c <= C; c++) equations.push(Array.from({ length: R + 1 }, (_, r) => [r, c] as [number, number]));

  const hidden = (r: number, c: number) => state[r][c] !== 'shown';
  for (let changed = true; changed; ) {
    changed = false;
    for (const eq of equations) {
      if (eq.filter(([r, c]) => hidden(r, c)).length !== 1) continue;
      // The smallest shown non-zero entry of the equation, inner cells before totals.
      let pick: [number, number] | null = null;
      for (const [r, c] of eq) {
        if (hidden(r, c) || grid[r][c] === 0) continue;
        const isTotal = r === R || c === C;
        if (!pick) pick = [r, c];
        else {
          const [pr, pc] = pick;
          const pickIsTotal = pr === R || pc === C;
          if ((pickIsTotal && !isTotal) || (pickIsTotal === isTotal && grid[r][c] < grid[pr][pc])) pick = [r, c];
        }
      }
      // Unreachable: a hidden entry is never zero, so its equation's total (or another entry) is not.
      if (!pick) continue;
      state[pick[0]][pick[1]] = 'secondary';
      changed = true;
    }
  }

  const show = (r: number, c: number) => (hidden(r, c) ? null : grid[r][c]);
  return {
    cells: cells.map((row, r) => row.map((_, c) => show(r, c))),
    rowTotals: cells.map((_, r) => show(r, C)),
    columnTotals: Array.from({ length: C }, (_, c) => show(R, c)),
    total: show(R, C),
    states: state,
  };
}
