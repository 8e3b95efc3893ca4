import { describe, expect, it } from 'vitest';
import { closureProblems, followUpDates, type ClosureInput } from './closure.js';

const base: ClosureInput = { outcome: 'tenancy_secured_without_assumption', causes: ['income_loss'], notReachedReason: null, note: null, homeVisits: 0 };

describe('closing a case', () => {
  it.each([
    ['tenancy secured, no home visits needed', {}, []],
    ['not reached after three home visits', { outcome: 'not_reached', homeVisits: 3 }, []],
    ['not reached after four home visits', { outcome: 'not_reached', homeVisits: 4 }, []],
    [
      'not reached after two home visits and no reason',
      { outcome: 'not_reached', homeVisits: 2 },
      [{ path: 'notReachedReason', key: 'closure.home_visits_required', params: { required: '3', count: '2' } }],
    ],
    [
      'not reached without any home visit',
      { outcome: 'not_reached', homeVisits: 0 },
      [{ path: 'notReachedReason', key: 'closure.home_visits_required', params: { required: '3', count: '0' } }],
    ],
    ['not reached with one visit: the address is not accessible', { outcome: 'not_reached', homeVisits: 1, notReachedReason: 'address_inaccessible' }, []],
    ['not reached without visits: known to have moved', { outcome: 'not_reached', notReachedReason: 'known_moved' }, []],
    [
      'another reason needs a note',
      { outcome: 'not_reached', notReachedReason: 'other', note: '  ' },
      [{ path: 'note', key: 'closure.note_required_for_other' }],
    ],
    ['another reason with a note', { outcome: 'not_reached', notReachedReason: 'other', note: 'Haus abgerissen' }, []],
    ['a reason belongs to "not reached" only', { notReachedReason: 'known_moved' }, [{ path: 'notReachedReason', key: 'closure.reason_only_when_not_reached' }]],
    ['outcome "other" needs a note', { outcome: 'other' }, [{ path: 'note', key: 'closure.note_required_for_other' }]],
    ['outcome "other" with a note', { outcome: 'other', note: 'Zu Angehörigen gezogen' }, []],
    ['causes may be empty (unknown)', { causes: [] }, []],
  ])('%s', (_label, over, problems) => {
    expect(closureProblems({ ...base, ...(over as Partial<ClosureInput>) })).toEqual(problems);
  });
});

describe('follow-up dates after closure', () => {
  it.each([
    ['mid-month', '2026-03-15', '2026-09-15', '2027-03-15'],
    ['31 August: February has no 31st', '2026-08-31', '2027-02-28', '2027-08-31'],
    ['31 August before a leap year', '2027-08-31', '2028-02-29', '2028-08-31'],
    ['29 February', '2028-02-29', '2028-08-29', '2029-02-28'],
    ['31 December', '2026-12-31', '2027-06-30', '2027-12-31'],
    ['31 May: November has 30 days', '2026-05-31', '2026-11-30', '2027-05-31'],
  ])('%s', (_label, closedOn, six, twelve) => {
    expect(followUpDates(closedOn)).toEqual([
      { months: 6, dueOn: six },
      { months: 12, dueOn: twelve },
    ]);
  });
});
