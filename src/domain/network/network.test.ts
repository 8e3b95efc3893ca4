import { describe, expect, it } from 'vitest';
import { actionState, agreementValidity, attendance, meetingTiming, meetingWindow, statusAllowed, type ActionState, type AgreementValidity } from './network.js';

describe('agreementValidity', () => {
  // [label, validFrom, validUntil, today, expected]
  const cases: [string, string, string | null, string, AgreementValidity][] = [
    ['open-ended, in force', '2024-01-01', null, '2026-11-21', { state: 'active', daysLeft: null }],
    ['open-ended, starts on today', '2026-11-21', null, '2026-11-21', { state: 'active', daysLeft: null }],
    ['open-ended, not yet in force', '2026-11-22', null, '2026-11-21', { state: 'upcoming', daysLeft: null }],
    ['fixed term, not yet in force', '2027-01-01', '2027-12-31', '2026-11-21', { state: 'upcoming', daysLeft: 405 }],
    ['fixed term, more than 90 days left', '2026-01-01', '2027-02-20', '2026-11-21', { state: 'active', daysLeft: 91 }],
    ['exactly 90 days left: expiring', '2026-01-01', '2027-02-19', '2026-11-21', { state: 'expiring', daysLeft: 90 }],
    ['one day left', '2026-01-01', '2026-11-22', '2026-11-21', { state: 'expiring', daysLeft: 1 }],
    ['last valid day (the end day counts)', '2026-01-01', '2026-11-21', '2026-11-21', { state: 'expiring', daysLeft: 0 }],
    ['the day after the end', '2026-01-01', '2026-11-20', '2026-11-21', { state: 'expired', daysLeft: null }],
    ['long expired', '2020-01-01', '2021-12-31', '2026-11-21', { state: 'expired', daysLeft: null }],
    ['a single day, today', '2026-11-21', '2026-11-21', '2026-11-21', { state: 'expiring', daysLeft: 0 }],
    ['across a leap day: 29 Feb 2028 counts', '2026-01-01', '2028-03-01', '2027-12-02', { state: 'expiring', daysLeft: 90 }],
    ['across the turn of the year', '2026-01-01', '2027-01-01', '2026-12-31', { state: 'expiring', daysLeft: 1 }],
  ];
  it.each(cases)('%s', (_label, from, until, today, expected) => {
    expect(agreementValidity(from, until, today)).toEqual(expected);
  });

  it('takes another lead time when asked', () => {
    expect(agreementValidity('2026-01-01', '2026-12-31', '2026-11-21', 30)).toEqual({ state: 'active', daysLeft: 40 });
    expect(agreementValidity('2026-01-01', '2026-12-31', '2026-11-21', 40)).toEqual({ state: 'expiring', daysLeft: 40 });
  });
});

describe('actionState', () => {
  const cases: [string, 'open' | 'done', string | null, string, ActionState][] = [
    ['done stays done, even when late', 'done', '2026-01-01', '2026-11-21', 'done'],
    ['done without a due day', 'done', null, '2026-11-21', 'done'],
    ['open without a due day', 'open', null, '2026-11-21', 'open'],
    ['due yesterday: overdue', 'open', '2026-11-20', '2026-11-21', 'overdue'],
    ['due today: due soon, not overdue', 'open', '2026-11-21', '2026-11-21', 'due_soon'],
    ['due in 14 days: due soon', 'open', '2026-12-05', '2026-11-21', 'due_soon'],
    ['due in 15 days: open', 'open', '2026-12-06', '2026-11-21', 'open'],
  ];
  it.each(cases)('%s', (_label, status, dueOn, today, expected) => {
    expect(actionState(status, dueOn, today)).toBe(expected);
  });
});

describe('meetingWindow (Europe/Berlin wall-clock time)', () => {
  it.each([
    ['winter: UTC+1', '2026-11-25', '14:00', '16:00', '2026-11-25T13:00:00.000Z', '2026-11-25T15:00:00.000Z'],
    ['summer: UTC+2', '2026-06-10', '09:30', '11:00', '2026-06-10T07:30:00.000Z', '2026-06-10T09:00:00.000Z'],
    ['the autumn switch: 02:30 happens twice, the first is taken', '2026-10-25', '02:30', '04:00', '2026-10-25T00:30:00.000Z', '2026-10-25T03:00:00.000Z'],
  ])('%s', (_label, date, from, to, startsAt, endsAt) => {
    const w = meetingWindow(date, from, to);
    expect(w.ok && [w.startsAt.toISOString(), w.endsAt.toISOString()]).toEqual([startsAt, endsAt]);
  });

  it.each([
    ['end before start', '2026-11-25', '16:00', '14:00', [{ path: 'endTime', key: 'network.ends_before_start' }]],
    ['end equals start', '2026-11-25', '14:00', '14:00', [{ path: 'endTime', key: 'network.ends_before_start' }]],
    ['the spring switch: 02:30 does not exist', '2026-03-29', '02:30', '04:00', [{ path: 'startTime', key: 'network.nonexistent_local_time' }]],
  ])('refuses %s, naming the field', (_label, date, from, to, problems) => {
    expect(meetingWindow(date, from, to)).toEqual({ ok: false, problems });
  });
});

describe('meetingTiming and statusAllowed', () => {
  const now = new Date('2026-11-21T09:00:00Z');
  it.each([
    ['ended an hour ago', '2026-11-21T08:00:00Z', 'past'],
    ['ends right now', '2026-11-21T09:00:00Z', 'past'],
    ['still going on', '2026-11-21T10:00:00Z', 'upcoming'],
    ['next week', '2026-11-28T10:00:00Z', 'upcoming'],
  ])('%s → %s', (_label, endsAt, expected) => {
    expect(meetingTiming(new Date(endsAt), now)).toBe(expected);
  });

  it.each([
    ['planned in the future', 'planned', '2026-12-01T09:00:00Z', true],
    ['cancelled in the future', 'cancelled', '2026-12-01T09:00:00Z', true],
    ['held before it begins', 'held', '2026-12-01T09:00:00Z', false],
    ['held once it has begun', 'held', '2026-11-21T09:00:00Z', true],
    ['held in the past', 'held', '2026-10-01T09:00:00Z', true],
  ] as const)('%s → %s', (_label, status, startsAt, expected) => {
    expect(statusAllowed(status, new Date(startsAt), now)).toBe(expected);
  });
});

describe('attendance', () => {
  it.each([
    ['nobody', [], { present: 0, absent: 0, unknown: 0 }],
    ['mixed', [{ attended: true }, { attended: false }, { attended: null }, { attended: true }], { present: 2, absent: 1, unknown: 1 }],
  ] as const)('%s', (_label, participants, expected) => {
    expect(attendance(participants)).toEqual(expected);
  });
});
