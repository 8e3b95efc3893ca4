import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, localDay, median } from './calendar-day.js';
import {
  caseReach,
  CONTACT_CHANNELS,
  groupDayList,
  homeVisitsMade,
  newestFirst,
  OUTCOMES_BY_CHANNEL,
  outcomeFits,
  reachFigures,
  type AttemptFact,
} from './outreach.js';

const at = (iso: string) => new Date(iso);
const attempt = (channel: AttemptFact['channel'], when: string | null, outcome: AttemptFact['outcome']): AttemptFact => ({
  channel,
  attemptedAt: when ? at(when) : null,
  outcome,
});

describe('calendar days on the Berlin calendar', () => {
  it.each([
    ['winter, late evening UTC is the next day in Berlin', '2026-02-28T23:30:00Z', '2026-03-01'],
    ['summer time: 22:30 UTC is 00:30 the next day', '2026-06-30T22:30:00Z', '2026-07-01'],
    ['summer time: 21:59 UTC is still the same day', '2026-06-30T21:59:00Z', '2026-06-30'],
    ['morning', '2026-11-21T09:00:00Z', '2026-11-21'],
  ])('%s', (_label, instant, day) => expect(localDay(at(instant))).toBe(day));

  it.each([
    ['plain', '2026-01-15', 6, '2026-07-15'],
    ['into the next year', '2026-08-10', 6, '2027-02-10'],
    ['31 August + 6 months is the end of February', '2026-08-31', 6, '2027-02-28'],
    ['… in a leap year 29 February', '2027-08-31', 6, '2028-02-29'],
    ['29 February + 12 months is 28 February', '2028-02-29', 12, '2029-02-28'],
    ['31 March + 6 months is 30 September', '2026-03-31', 6, '2026-09-30'],
    ['31 December + 12 months', '2026-12-31', 12, '2027-12-31'],
    ['30 November + 6 months', '2026-11-30', 6, '2027-05-30'],
  ])('addMonths: %s', (_label, from, months, to) => expect(addMonths(from, months)).toBe(to));

  it.each([
    [[], null],
    [[4], 4],
    [[5, 1, 3], 3],
    [[1, 2, 3, 10], 2.5],
  ])('median of %j is %s', (values, m) => expect(median(values)).toBe(m));

  it('days between', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
  });
});

describe('contact outcomes per channel', () => {
  it.each([
    ['letter', 'letter_sent', true],
    ['letter', 'message_left', false],
    ['letter', 'appointment_agreed', false],
    ['phone', 'message_left', true],
    ['phone', 'letter_sent', false],
    ['home_visit', 'not_reached', true],
    ['home_visit', 'moved_away', true],
    ['office', 'message_left', false],
    ['email', 'letter_sent', true],
  ] as const)('%s → %s: %s', (channel, outcome, fits) => expect(outcomeFits(channel, outcome)).toBe(fits));

  it('every channel has outcomes, and at least one of them is a conversation', () => {
    for (const c of CONTACT_CHANNELS) expect(OUTCOMES_BY_CHANNEL[c].some((o) => ['reached', 'appointment_agreed', 'refused'].includes(o))).toBe(true);
  });
});

describe('reach of one case', () => {
  it.each([
    ['no attempts', [], { reached: false, firstAttemptOn: null, daysToFirstAttempt: null, daysToFirstConversation: null, attempts: 0, homeVisits: 0 }],
    ['a planned visit is no attempt yet', [attempt('home_visit', null, null)], { reached: false, attempts: 0, homeVisits: 0 }],
    [
      'a letter, then three visits without success',
      [
        attempt('letter', '2026-02-06T10:00:00Z', 'letter_sent'),
        attempt('home_visit', '2026-02-10T08:00:00Z', 'not_reached'),
        attempt('home_visit', '2026-02-12T16:00:00Z', 'message_left'),
        attempt('home_visit', '2026-02-16T08:00:00Z', 'not_reached'),
      ],
      { reached: false, firstAttemptOn: '2026-02-06', daysToFirstAttempt: 1, daysToFirstConversation: null, attempts: 4, homeVisits: 3 },
    ],
    [
      'reached at the second visit; attempts recorded out of order',
      [
        attempt('home_visit', '2026-02-12T16:00:00Z', 'appointment_agreed'),
        attempt('phone', '2026-02-09T09:00:00Z', 'not_reached'),
        attempt('home_visit', '2026-02-10T08:00:00Z', 'not_reached'),
      ],
      { reached: true, firstAttemptOn: '2026-02-09', firstConversationOn: '2026-02-12', daysToFirstAttempt: 4, daysToFirstConversation: 7, homeVisits: 2 },
    ],
    ['refusing help is still a conversation', [attempt('phone', '2026-02-05T12:00:00Z', 'refused')], { reached: true, daysToFirstConversation: 0 }],
    ['a walk-in before the notice arrived counts as day 0', [attempt('office', '2026-02-01T12:00:00Z', 'reached')], { reached: true, daysToFirstAttempt: 0 }],
    ['a visit late in the evening (UTC) counts on the Berlin day', [attempt('home_visit', '2026-02-05T23:30:00Z', 'not_reached')], { firstAttemptOn: '2026-02-06', daysToFirstAttempt: 1 }],
  ])('%s', (_label, attempts, expected) => {
    expect(caseReach('2026-02-05', attempts)).toMatchObject(expected);
  });

  it('only home visits made count towards the three', () => {
    expect(
      homeVisitsMade([
        attempt('home_visit', '2026-02-10T08:00:00Z', 'not_reached'),
        attempt('home_visit', null, null),
        attempt('phone', '2026-02-10T08:00:00Z', 'not_reached'),
      ]),
    ).toBe(1);
  });
});

describe('reach of a team', () => {
  it.each([
    ['no cases', [], { cases: 0, attempted: 0, reached: 0, shareReached: null, medianDaysToFirstAttempt: null, medianDaysToFirstConversation: null }],
    [
      'two of three reached',
      [
        { reached: true, daysToFirstAttempt: 1, daysToFirstConversation: 3 },
        { reached: true, daysToFirstAttempt: 2, daysToFirstConversation: 9 },
        { reached: false, daysToFirstAttempt: 5, daysToFirstConversation: null },
      ],
      { cases: 3, attempted: 3, reached: 2, medianDaysToFirstAttempt: 2, medianDaysToFirstConversation: 6 },
    ],
    [
      'cases without an attempt count in the share, not in the medians',
      [
        { reached: false, daysToFirstAttempt: null, daysToFirstConversation: null },
        { reached: true, daysToFirstAttempt: 4, daysToFirstConversation: 4 },
      ],
      { cases: 2, attempted: 1, reached: 1, shareReached: 0.5, medianDaysToFirstAttempt: 4 },
    ],
  ])('%s', (_label, cases, expected) => expect(reachFigures(cases)).toMatchObject(expected));

  it('share reached', () => {
    const f = reachFigures([{ reached: true, daysToFirstAttempt: 0, daysToFirstConversation: 0 }, { reached: true, daysToFirstAttempt: 0, daysToFirstConversation: 0 }, { reached: false, daysToFirstAttempt: 0, daysToFirstConversation: null }]);
    expect(f.shareReached).toBeCloseTo(2 / 3);
  });
});

describe('home-visit day list', () => {
  const v = (municipality: string, street: string, houseNumber: string) => ({ municipality, street, houseNumber, id: `${municipality}/${street}/${houseNumber}` });
  it.each([
    ['empty', [], []],
    [
      'by municipality, street and natural house number order',
      [v('Musterstadt', 'Lindenstraße', '10'), v('Beispieldorf', 'Am Bach', '3'), v('Musterstadt', 'Lindenstraße', '2'), v('Musterstadt', 'Ahornweg', '5a'), v('Musterstadt', 'Ahornweg', '5')],
      [
        ['Beispieldorf', [['Am Bach', ['3']]]],
        ['Musterstadt', [['Ahornweg', ['5', '5a']], ['Lindenstraße', ['2', '10']]]],
      ],
    ],
    [
      'umlauts sort as letters, and spelling differences in case only make one street',
      [v('Musterstadt', 'Zollweg', '1'), v('Musterstadt', 'Ölmühle', '1'), v('Musterstadt', 'ölmühle', '3'), v('Musterstadt', 'Oberdorf', '2')],
      [['Musterstadt', [['Oberdorf', ['2']], ['Ölmühle', ['1', '3']], ['Zollweg', ['1']]]]],
    ],
  ])('%s', (_label, visits, expected) => {
    const shape = groupDayList(visits).map((g) => [g.municipality, g.streets.map((s) => [s.street, s.visits.map((x) => x.houseNumber)])]);
    expect(shape).toEqual(expected);
  });
});

describe('chronological record order', () => {
  const e = (id: string, on: string, at: string) => ({ id, on, at });
  it.each([
    ['empty', [], []],
    ['newest day first', [e('a', '2026-02-01', '2026-02-01T10:00:00Z'), e('b', '2026-02-03', '2026-02-03T10:00:00Z')], ['b', 'a']],
    [
      'a note written later about an earlier day stands at that day',
      [e('visit', '2026-02-03', '2026-02-03T08:00:00Z'), e('note', '2026-02-02', '2026-02-04T12:00:00Z')],
      ['visit', 'note'],
    ],
    ['within a day the latest entry first', [e('x', '2026-02-03', '2026-02-03T08:00:00Z'), e('y', '2026-02-03', '2026-02-03T15:00:00+01:00')], ['y', 'x']],
  ])('%s', (_label, entries, ids) => expect(newestFirst(entries).map((x) => x.id)).toEqual(ids));
});
