import { describe, expect, it } from 'vitest';
import { urgencyBand } from './dashboard.js';

describe('urgency bands of the dashboard', () => {
  it.each([
    [null, 'later_or_none'],
    [-1, 'overdue'],
    [-30, 'overdue'],
    [0, 'within_14_days'],
    [14, 'within_14_days'],
    [15, 'within_60_days'],
    [60, 'within_60_days'],
    [61, 'later_or_none'],
  ] as const)('%s days left → %s', (days, band) => {
    expect(urgencyBand(days)).toBe(band);
  });
});
