import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.js';
import {
  computeCaseDeadlines,
  defenceNoticeDeadline,
  evictionDeadlines,
  firstContactDue,
  hearingDeadline,
  raeumungsfristDeadlines,
  schonfristEnd,
  schonfristEstimate,
  schonfristReuseWarning,
  type Deadline,
} from './deadlines.js';
import { DeadlineInputError } from './errors.js';
import { isWorkingDay, type StateCode } from './holidays.js';
import { DOMAIN_CASES } from './domain-cases.js';

const SCHONFRIST_BASIS = '§ 569 Abs. 3 Nr. 2 BGB i. V. m. §§ 187 Abs. 1, 188 Abs. 2 und 3, 193 BGB';

const shifts = (days: string[]) =>
  days.map((d) => {
    const i = d.indexOf(' ');
    return { date: d.slice(0, i), reason: d.slice(i + 1) };
  });

describe('schonfristEnd — domain.md §6 (NW)', () => {
  it.each(DOMAIN_CASES)('%s: served %j → raw %s, skips %j → %s', (_id, servedOn, raw, skipped, end) => {
    expect(schonfristEnd({ servedOn, state: 'NW' })).toEqual({
      kind: 'schonfrist_end',
      date: end,
      rawDate: raw,
      shifts: shifts(skipped),
      basis: SCHONFRIST_BASIS,
      from: servedOn.reduce((a, b) => (b > a ? b : a)),
    });
  });

  it('defaults to NW', () => {
    expect(schonfristEnd({ servedOn: ['2025-02-18'] }).date).toBe('2025-04-22');
  });
});

describe('schonfristEnd — further cases', () => {
  // [what, service dates, state, raw end, Schonfrist end]
  it.each<[string, string[], StateCode, string, string]>([
    // Several tenants: the last service counts, in whatever order they are listed (TC-19).
    ['tenants listed latest first', ['2026-02-10', '2026-02-03'], 'NW', '2026-04-10', '2026-04-10'],
    ['three tenants, one served on a Saturday', ['2026-02-03', '2026-02-14', '2026-02-10'], 'NW', '2026-04-14', '2026-04-14'],
    ['tenant A alone would give TC-05', ['2026-02-03'], 'NW', '2026-04-03', '2026-04-07'],
    // Service on a weekend or holiday: the start is not shifted.
    ['served on Sunday', ['2026-03-01'], 'NW', '2026-05-01', '2026-05-04'],
    ['served on Karfreitag', ['2025-04-18'], 'NW', '2025-06-18', '2025-06-18'],
    ['served on 2. Weihnachtstag', ['2025-12-26'], 'NW', '2026-02-26', '2026-02-26'],
    // Leap years.
    ['served 29 Feb 2028', ['2028-02-29'], 'NW', '2028-04-29', '2028-05-02'],
    ['served 30 Dec 2027 → 29 Feb 2028', ['2027-12-30'], 'NW', '2028-02-29', '2028-02-29'],
    ['served 29 Dec 2026 → 28 Feb 2027 (Sunday)', ['2026-12-29'], 'NW', '2027-02-28', '2027-03-01'],
    ['served 31 Dec 2023 → 29 Feb 2024', ['2023-12-31'], 'NW', '2024-02-29', '2024-02-29'],
    // The same raw ends in other Länder.
    ['TC-07 in NI: Fronleichnam is a working day', ['2026-04-04'], 'NI', '2026-06-04', '2026-06-04'],
    ['TC-09 in HE: Allerheiligen is a working day', ['2027-09-01'], 'HE', '2027-11-01', '2027-11-01'],
    ['TC-14 in NI: Sunday + Reformationstag, Monday works', ['2027-08-31'], 'NI', '2027-10-31', '2027-11-01'],
    ['TC-17 in BY: Heilige Drei Könige', ['2025-11-06'], 'BY', '2026-01-06', '2026-01-07'],
    ['TC-17 in ST', ['2025-11-06'], 'ST', '2026-01-06', '2026-01-07'],
    ['Buß- und Bettag in SN', ['2026-09-18'], 'SN', '2026-11-18', '2026-11-19'],
    ['Buß- und Bettag in NW', ['2026-09-18'], 'NW', '2026-11-18', '2026-11-18'],
  ])('%s', (_what, servedOn, state, raw, end) => {
    const d = schonfristEnd({ servedOn, state });
    expect([d.rawDate, d.date]).toEqual([raw, end]);
  });

  it('names the holiday of the Land in the shift', () => {
    expect(schonfristEnd({ servedOn: ['2027-08-31'], state: 'NI' }).shifts).toEqual([
      { date: '2027-10-31', reason: 'Reformationstag' },
    ]);
  });

  it('always ends on a working day, never before the raw end, monotonic in the service date', () => {
    const states: StateCode[] = ['NW', 'BY', 'SN', 'BE'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 6 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(...states), (offset, later, state) => {
        const s1 = addDays('2024-01-01', offset);
        const s2 = addDays(s1, later);
        const a = schonfristEnd({ servedOn: [s1], state });
        const b = schonfristEnd({ servedOn: [s2], state });
        expect(isWorkingDay(a.date, state)).toBe(true);
        expect(a.rawDate! <= a.date).toBe(true);
        expect(a.date <= b.date).toBe(true);
        // The skipped days are exactly the days from the raw end up to the shifted end.
        expect(a.shifts.map((s) => s.date)).toEqual(Array.from({ length: a.shifts.length }, (_, i) => addDays(a.rawDate!, i)));
        expect(a.shifts.length === 0 ? a.rawDate : addDays(a.shifts.at(-1)!.date, 1)).toBe(a.date);
      }),
      { numRuns: 300 },
    );
  });
});

describe('schonfristEstimate', () => {
  it('computes as if served on receipt and flags the estimate', () => {
    expect(schonfristEstimate({ receivedOn: '2026-02-03', state: 'NW' })).toEqual({
      kind: 'schonfrist_end',
      date: '2026-04-07',
      rawDate: '2026-04-03',
      shifts: shifts(['2026-04-03 Karfreitag', '2026-04-04 Samstag', '2026-04-05 Sonntag', '2026-04-06 Ostermontag']),
      basis: SCHONFRIST_BASIS,
      from: '2026-02-03',
      estimate: true,
      warnings: ['schonfrist_estimated'],
    });
  });

  it('uses the date printed on the notice when that is earlier than receipt', () => {
    const d = schonfristEstimate({ receivedOn: '2026-02-03', noticeDatedOn: '2026-01-30' });
    expect([d.from, d.rawDate, d.date]).toEqual(['2026-01-30', '2026-03-30', '2026-03-30']);
  });

  it('is a lower bound: any service on or after receipt ends on or after the estimate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 4 }), fc.integer({ min: 0, max: 90 }), (offset, delay) => {
        const receivedOn = addDays('2025-01-01', offset);
        const estimate = schonfristEstimate({ receivedOn, state: 'NW' });
        const real = schonfristEnd({ servedOn: [addDays(receivedOn, delay)], state: 'NW' });
        expect(real.date >= estimate.date).toBe(true);
        expect(real.rawDate! >= estimate.rawDate!).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('schonfristReuseWarning (§ 569 Abs. 3 Nr. 2 S. 2 BGB)', () => {
  it('flags earlier cured terminations within two years, boundary included', () => {
    expect(
      schonfristReuseWarning({
        currentTerminationOn: '2026-03-10',
        earlierCuredTerminations: ['2025-06-01', '2024-03-09', '2024-03-10', '2026-03-10', '2026-04-01'],
      }),
    ).toEqual({
      key: 'schonfrist_reuse_possibly_excluded',
      basis: '§ 569 Abs. 3 Nr. 2 S. 2 BGB',
      currentTerminationOn: '2026-03-10',
      windowStart: '2024-03-10',
      earlierTerminations: ['2024-03-10', '2025-06-01'],
      unverified: true,
    });
  });

  it.each<[string, string[], boolean]>([
    ['2026-03-10', [], false],
    ['2026-03-10', ['2024-03-09'], false],
    ['2026-03-10', ['2024-03-10'], true],
    ['2026-03-10', ['2026-03-09'], true],
    ['2028-02-29', ['2026-02-28'], true], // leap day: two years back is clipped to 28 Feb
    ['2028-02-29', ['2026-02-27'], false],
  ])('current %s, earlier %j → warns %s', (current, earlier, warns) => {
    expect(schonfristReuseWarning({ currentTerminationOn: current, earlierCuredTerminations: earlier }) !== null).toBe(warns);
  });
});

describe('evictionDeadlines', () => {
  it('TD-01 and TD-02: Räumungstermin Tue 2026-04-14', () => {
    expect(evictionDeadlines({ evictionOn: '2026-04-14', state: 'NW' })).toEqual([
      { kind: 'eviction', date: '2026-04-14', shifts: [], basis: expect.stringContaining('§ 128 GVGA') },
      { kind: 'bailiff_notice', date: '2026-03-24', shifts: [], basis: '§ 128 Abs. 2 GVGA', from: '2026-04-14' },
      { kind: 'protection_request_765a', date: '2026-03-31', shifts: [], basis: '§ 765a Abs. 3 ZPO', from: '2026-04-14' },
    ]);
  });

  // [eviction date, state, kind, deadline date, act-by date when that is a non-working day]
  it.each<[string, StateCode, Deadline['kind'], string, string | undefined]>([
    // Two weeks before Mon 2026-04-20 is Ostermontag: keep the date, act by Thursday before Easter.
    ['2026-04-20', 'NW', 'protection_request_765a', '2026-04-06', '2026-04-02'],
    ['2026-04-20', 'NW', 'bailiff_notice', '2026-03-30', undefined],
    // Three weeks before Thu 2026-06-25 is Fronleichnam: a non-working day in NW only.
    ['2026-06-25', 'NW', 'bailiff_notice', '2026-06-04', '2026-06-03'],
    ['2026-06-25', 'NI', 'bailiff_notice', '2026-06-04', undefined],
    // An eviction fixed for a Saturday: the backward deadlines fall on Saturdays, act on Friday.
    ['2026-05-16', 'NW', 'protection_request_765a', '2026-05-02', '2026-04-30'],
  ])('eviction %s in %s: %s on %s, act by %s', (evictionOn, state, kind, date, actBy) => {
    const d = evictionDeadlines({ evictionOn, state }).find((x) => x.kind === kind)!;
    expect(d.date).toBe(date); // never moved forward
    expect(d.actBy).toBe(actBy);
    expect(d.warnings).toEqual(actBy ? ['backward_deadline_on_non_working_day'] : undefined);
  });
});

describe('raeumungsfristDeadlines (§ 721 ZPO)', () => {
  it('TD-03: final 2026-03-02, Räumungsfrist to 2026-06-30', () => {
    expect(raeumungsfristDeadlines({ judgmentFinalOn: '2026-03-02', raeumungsfristEnd: '2026-06-30', state: 'NW' })).toEqual([
      {
        kind: 'raeumungsfrist_extension_request',
        date: '2026-06-16',
        rawDate: '2026-06-16',
        shifts: [],
        basis: '§ 721 Abs. 3 ZPO i. V. m. § 193 BGB analog',
        from: '2026-06-30',
      },
      {
        kind: 'raeumungsfrist_max',
        date: '2027-03-02',
        shifts: [],
        basis: '§ 721 Abs. 5 ZPO i. V. m. §§ 187 Abs. 1, 188 Abs. 2 und 3 BGB',
        from: '2026-03-02',
      },
    ]);
  });

  it('counts back from the § 193-shifted end when the Räumungsfrist ends on a Sunday', () => {
    const [request] = raeumungsfristDeadlines({ raeumungsfristEnd: '2026-06-28', state: 'NW' });
    expect(request).toMatchObject({
      date: '2026-06-15',
      rawDate: '2026-06-14',
      shifts: [{ date: '2026-06-28', reason: 'Sonntag' }],
      from: '2026-06-29',
    });
    expect(request.warnings).toBeUndefined();
  });

  it('shifts over Christmas, then counts back', () => {
    const [request] = raeumungsfristDeadlines({ raeumungsfristEnd: '2026-12-26', state: 'NW' });
    expect([request.rawDate, request.date, request.shifts.length]).toEqual(['2026-12-12', '2026-12-14', 2]);
  });

  it('keeps a request date on a holiday and says to act the working day before', () => {
    const [request] = raeumungsfristDeadlines({ raeumungsfristEnd: '2026-06-18', state: 'NW' });
    expect(request).toMatchObject({ date: '2026-06-04', actBy: '2026-06-03', warnings: ['backward_deadline_on_non_working_day'] });
  });

  it.each<[string, string | undefined, string]>([
    ['2026-03-02', undefined, '2027-03-02'],
    ['2028-02-29', undefined, '2029-02-28'], // leap day → 28 Feb (§ 188 Abs. 3)
    ['2026-03-02', '2026-05-31', '2027-05-31'], // judgment for future eviction: counted from the later clearance day
    ['2026-03-02', '2026-01-31', '2027-03-02'],
  ])('max: final %s, clearance due %s → %s', (judgmentFinalOn, clearanceDueOn, max) => {
    const all = raeumungsfristDeadlines({ judgmentFinalOn, clearanceDueOn, raeumungsfristEnd: '2026-06-30' });
    expect(all.find((d) => d.kind === 'raeumungsfrist_max')!.date).toBe(max);
  });

  it('warns when the granted Räumungsfrist ends after the one-year maximum', () => {
    const all = raeumungsfristDeadlines({ judgmentFinalOn: '2026-03-02', raeumungsfristEnd: '2027-03-03' });
    expect(all.find((d) => d.kind === 'raeumungsfrist_max')!.warnings).toEqual(['raeumungsfrist_beyond_maximum']);
  });

  it('without Rechtskraft date gives only the extension request', () => {
    expect(raeumungsfristDeadlines({ raeumungsfristEnd: '2026-06-30' }).map((d) => d.kind)).toEqual(['raeumungsfrist_extension_request']);
  });
});

describe('court deadlines', () => {
  it('hearing: the date itself', () => {
    expect(hearingDeadline({ hearingOn: '2026-05-12' })).toEqual({
      kind: 'hearing',
      date: '2026-05-12',
      shifts: [],
      basis: 'Terminsbestimmung des Gerichts (§ 216 ZPO)',
    });
  });

  // [served, state, raw end, end, number of skipped days]
  it.each<[string, StateCode, string, string, number]>([
    ['2026-02-17', 'NW', '2026-03-03', '2026-03-03', 0],
    ['2025-04-04', 'NW', '2025-04-18', '2025-04-22', 4], // Karfreitag … Ostermontag
    ['2026-04-04', 'NW', '2026-04-18', '2026-04-20', 2], // served on a Saturday: not shifted, the end is
    ['2026-05-21', 'NW', '2026-06-04', '2026-06-05', 1], // Fronleichnam
    ['2026-05-21', 'NI', '2026-06-04', '2026-06-04', 0],
  ])('defence notice: served %s in %s → raw %s, end %s', (servedOn, state, raw, end, skipped) => {
    const d = defenceNoticeDeadline({ servedOn, state });
    expect([d.kind, d.rawDate, d.date, d.shifts.length]).toEqual(['defence_notice', raw, end, skipped]);
    expect(d.basis).toContain('§ 276 Abs. 1');
  });
});

describe('firstContactDue', () => {
  it.each<[string, number | undefined, StateCode, string]>([
    ['2026-03-02', undefined, 'NW', '2026-03-05'], // Monday → Thursday
    ['2026-03-06', undefined, 'NW', '2026-03-11'], // Friday → Wednesday
    ['2026-03-07', undefined, 'NW', '2026-03-11'], // Saturday → Wednesday
    ['2025-04-17', undefined, 'NW', '2025-04-24'], // over Easter
    ['2026-06-03', 1, 'NW', '2026-06-05'],
    ['2026-06-03', 1, 'NI', '2026-06-04'],
    ['2026-03-02', 5, 'NW', '2026-03-09'],
    ['2026-03-02', 0, 'NW', '2026-03-02'],
  ])('received %s, %s working days, %s → %s', (receivedOn, workingDays, state, expected) => {
    const d = firstContactDue({ receivedOn, workingDays, state });
    expect([d.kind, d.date]).toEqual(['first_contact', expected]);
  });

  it.each([-1, 1.5, 61])('rejects %s working days', (workingDays) => {
    expect(() => firstContactDue({ receivedOn: '2026-03-02', workingDays })).toThrow(expect.objectContaining({ field: 'workingDays' }));
  });
});

describe('computeCaseDeadlines', () => {
  const brief = (ds: Deadline[]) => ds.map((d) => `${d.date} ${d.kind}${d.estimate ? ' (estimate)' : ''}`);

  it('nothing known → nothing due', () => {
    expect(computeCaseDeadlines({})).toEqual([]);
  });

  it('notice received, service unknown → estimated Schonfrist only', () => {
    const ds = computeCaseDeadlines({ receivedOn: '2026-02-03', servedOn: [] });
    expect(brief(ds)).toEqual(['2026-04-07 schonfrist_end (estimate)']);
    expect(ds[0].warnings).toEqual(['schonfrist_estimated']);
  });

  it('replaces the estimate once the service date is known', () => {
    const ds = computeCaseDeadlines({ receivedOn: '2026-02-03', servedOn: ['2026-02-10'] });
    expect(brief(ds)).toEqual(['2026-02-24 defence_notice', '2026-04-10 schonfrist_end']);
    expect(ds[1].estimate).toBeUndefined();
  });

  it('one tenant served, another not yet → lower bound from the known service, flagged', () => {
    const ds = computeCaseDeadlines({ receivedOn: '2026-01-28', servedOn: [null, '2026-02-03'] });
    const s = ds.find((d) => d.kind === 'schonfrist_end')!;
    expect([s.date, s.estimate, s.warnings]).toEqual(['2026-04-07', true, ['schonfrist_service_incomplete']]);
    expect(ds.find((d) => d.kind === 'defence_notice')!.tenants).toEqual([1]);
  });

  it('tenants served on a Saturday and the Sunday after share one defence deadline on the Monday', () => {
    const ds = computeCaseDeadlines({ receivedOn: '2026-02-10', servedOn: ['2026-02-08', '2026-02-07'] });
    const defence = ds.filter((d) => d.kind === 'defence_notice');
    expect(defence.map((d) => [d.date, d.from, d.tenants])).toEqual([['2026-02-23', '2026-02-07', [0, 1]]]);
  });

  it('a whole case: several tenants, hearing, judgment, Räumungsfrist, eviction (TC-19, TD-01…03)', () => {
    const ds = computeCaseDeadlines({
      state: 'NW',
      receivedOn: '2026-01-28',
      servedOn: ['2026-02-03', '2026-02-10', '2026-02-03'],
      hearingOn: '2026-02-24',
      judgmentFinalOn: '2026-03-02',
      raeumungsfristEnd: '2026-06-30',
      evictionOn: '2026-04-14',
    });
    expect(brief(ds)).toEqual([
      '2026-02-17 defence_notice',
      '2026-02-24 defence_notice', // same day: the deadline to act is listed before the event
      '2026-02-24 hearing',
      '2026-03-24 bailiff_notice',
      '2026-03-31 protection_request_765a',
      '2026-04-10 schonfrist_end',
      '2026-04-14 eviction',
      '2026-06-16 raeumungsfrist_extension_request',
      '2027-03-02 raeumungsfrist_max',
    ]);
    expect(ds.filter((d) => d.kind === 'defence_notice').map((d) => d.tenants)).toEqual([[0, 2], [1]]);
  });

  it('adds the reuse warning to the Schonfrist', () => {
    const ds = computeCaseDeadlines({
      servedOn: ['2026-02-03'],
      terminationReceivedOn: '2026-01-05',
      earlierCuredTerminations: ['2024-11-20'],
    });
    expect(ds.find((d) => d.kind === 'schonfrist_end')!.warnings).toEqual(['schonfrist_reuse_possibly_excluded']);
  });

  it('holidays follow the case’s Land', () => {
    const nw = computeCaseDeadlines({ servedOn: ['2025-11-06'], state: 'NW' });
    const by = computeCaseDeadlines({ servedOn: ['2025-11-06'], state: 'BY' });
    expect(nw.find((d) => d.kind === 'schonfrist_end')!.date).toBe('2026-01-06');
    expect(by.find((d) => d.kind === 'schonfrist_end')!.date).toBe('2026-01-07');
  });
});

describe('invalid input → DeadlineInputError naming the field', () => {
  const call = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(DeadlineInputError);
      const err = e as DeadlineInputError;
      return `${err.field}: ${err.reason}`;
    }
    return 'no error';
  };

  it.each<[string, () => unknown, string]>([
    ['no service dates', () => schonfristEnd({ servedOn: [] }), 'servedOn: required'],
    ['second service date impossible', () => schonfristEnd({ servedOn: ['2026-02-03', '2026-02-31'] }), 'servedOn[1]: invalid_date'],
    ['German date format', () => schonfristEnd({ servedOn: ['03.02.2026'] }), 'servedOn[0]: invalid_date'],
    ['unknown Land', () => schonfristEnd({ servedOn: ['2026-02-03'], state: 'DE' as StateCode }), 'state: invalid_state'],
    ['lower-case Land', () => schonfristEnd({ servedOn: ['2026-02-03'], state: 'nw' as StateCode }), 'state: invalid_state'],
    ['missing receipt', () => schonfristEstimate({} as never), 'receivedOn: required'],
    ['bad notice date', () => schonfristEstimate({ receivedOn: '2026-02-03', noticeDatedOn: '2026-2-1' }), 'noticeDatedOn: invalid_date'],
    ['timestamp instead of date', () => evictionDeadlines({ evictionOn: '2026-04-14T10:00:00Z' }), 'evictionOn: invalid_date'],
    ['number instead of date', () => hearingDeadline({ hearingOn: 20260414 as never }), 'hearingOn: invalid_date'],
    ['bad Rechtskraft date', () => raeumungsfristDeadlines({ raeumungsfristEnd: '2026-06-30', judgmentFinalOn: '2026-02-29' }), 'judgmentFinalOn: invalid_date'],
    ['missing Räumungsfrist end', () => raeumungsfristDeadlines({} as never), 'raeumungsfristEnd: required'],
    ['bad defence service date', () => defenceNoticeDeadline({ servedOn: '2026-13-01' }), 'servedOn: invalid_date'],
    ['bad first-contact receipt', () => firstContactDue({ receivedOn: 'today' }), 'receivedOn: invalid_date'],
    ['bad earlier termination', () => schonfristReuseWarning({ currentTerminationOn: '2026-03-10', earlierCuredTerminations: ['x'] }), 'earlierCuredTerminations[0]: invalid_date'],
    ['case: bad tenant service date', () => computeCaseDeadlines({ servedOn: [null, '2026-02-30'] }), 'servedOn[1]: invalid_date'],
    ['case: bad unused judgment date', () => computeCaseDeadlines({ judgmentFinalOn: '2026-3-2' }), 'judgmentFinalOn: invalid_date'],
    ['case: bad Land', () => computeCaseDeadlines({ state: 'XX' as StateCode }), 'state: invalid_state'],
    ['case: servedOn not a list', () => computeCaseDeadlines({ servedOn: '2026-02-03' as never }), 'servedOn: invalid_date'],
    ['case: not an object', () => computeCaseDeadlines(null as never), 'facts: required'],
  ])('%s', (_what, f, expected) => {
    expect(call(f)).toBe(expected);
  });
});
