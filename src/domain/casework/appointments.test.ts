import { describe, expect, it } from 'vitest';
import { collides, isoWeek, localToInstant, mondayOf, toLocal, utcOffsetMinutes, weekOf, withinOfficeHours, type OfficeHours } from './appointments.js';

const at = (iso: string) => new Date(iso);

describe('Europe/Berlin wall-clock time ↔ instants', () => {
  // 2026: summer time from Sun 29 March 02:00 (→ 03:00) until Sun 25 October 03:00 (→ 02:00).
  it.each([
    ['winter', '2026-01-15', '10:00', '2026-01-15T09:00:00.000Z'],
    ['summer', '2026-07-15', '10:00', '2026-07-15T08:00:00.000Z'],
    ['the Friday before the spring switch', '2026-03-27', '09:30', '2026-03-27T08:30:00.000Z'],
    ['the Monday after the spring switch', '2026-03-30', '09:30', '2026-03-30T07:30:00.000Z'],
    ['spring switch day, before the gap', '2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['spring switch day, after the gap', '2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    ['autumn switch day, first 02:30 (summer time)', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['autumn switch day, after the switch', '2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
    ['the Monday after the autumn switch', '2026-10-26', '09:30', '2026-10-26T08:30:00.000Z'],
    ['midnight on New Year', '2027-01-01', '00:00', '2026-12-31T23:00:00.000Z'],
  ])('%s: %s %s → %s', (_label, date, time, utc) => {
    const r = localToInstant(date, time);
    expect(r.ok && r.instant.toISOString()).toBe(utc);
    expect(toLocal(at(utc))).toMatchObject({ date, time });
  });

  it.each(['02:00', '02:30', '02:59'])('refuses %s on the spring switch day: that time does not exist', (time) => {
    expect(localToInstant('2026-03-29', time)).toEqual({ ok: false, reason: 'nonexistent_local_time' });
  });

  it('marks the autumn hour that happens twice as ambiguous and takes the first', () => {
    const r = localToInstant('2026-10-25', '02:15');
    expect(r).toMatchObject({ ok: true, ambiguous: true });
    expect(r.ok && r.instant.toISOString()).toBe('2026-10-25T00:15:00.000Z');
    expect(localToInstant('2026-10-25', '01:15')).toMatchObject({ ok: true, ambiguous: false });
  });

  it.each([
    ['2026-01-15T12:00:00Z', 60],
    ['2026-07-15T12:00:00Z', 120],
    ['2026-03-29T00:59:59Z', 60],
    ['2026-03-29T01:00:00Z', 120],
    ['2026-10-25T00:59:59Z', 120],
    ['2026-10-25T01:00:00Z', 60],
  ])('offset at %s is %i minutes', (iso, offset) => {
    expect(utcOffsetMinutes(at(iso))).toBe(offset);
  });
});

describe('weeks', () => {
  it.each([
    ['2026-11-21', '2026-11-16', { year: 2026, week: 47 }],
    ['2026-11-16', '2026-11-16', { year: 2026, week: 47 }],
    ['2026-11-22', '2026-11-16', { year: 2026, week: 47 }],
    ['2027-01-01', '2026-12-28', { year: 2026, week: 53 }],
    ['2025-12-29', '2025-12-29', { year: 2026, week: 1 }],
    ['2024-12-30', '2024-12-30', { year: 2025, week: 1 }],
  ])('%s lies in the week of Monday %s (%o)', (date, monday, week) => {
    expect(mondayOf(date)).toBe(monday);
    expect(isoWeek(date)).toEqual(week);
  });

  it.each([
    ['an ordinary winter week', '2026-01-14', '2026-01-11T23:00:00.000Z', '2026-01-18T23:00:00.000Z', 168],
    ['the week the clocks go forward (167 hours)', '2026-03-26', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 167],
    ['an ordinary summer week', '2026-07-01', '2026-06-28T22:00:00.000Z', '2026-07-05T22:00:00.000Z', 168],
    ['the week the clocks go back (169 hours)', '2026-10-25', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 169],
  ])('%s: local Monday 00:00 to Monday 00:00', (_label, date, from, to, hours) => {
    const w = weekOf(date);
    expect([w.from.toISOString(), w.to.toISOString()]).toEqual([from, to]);
    expect((w.to.getTime() - w.from.getTime()) / 3_600_000).toBe(hours);
    expect(w.days).toHaveLength(7);
    expect(w.days[0]).toBe(w.monday);
  });
});

describe('office hours', () => {
  // Monday 09:00–12:00 and Thursday 14:00–17:30, as the demo's Beratungsstelle Musterstadt.
  const hours: OfficeHours[] = [
    { weekday: 1, opens: '09:00', closes: '12:00' },
    { weekday: 4, opens: '14:00:00', closes: '17:30:00' },
  ];
  const local = (date: string, time: string) => {
    const r = localToInstant(date, time);
    if (!r.ok) throw new Error('bad test time');
    return r.instant;
  };
  it.each([
    ['winter Monday, fully inside', '2026-01-12', '09:00', '10:00', true],
    ['ends exactly at closing', '2026-01-12', '11:00', '12:00', true],
    ['starts before opening', '2026-01-12', '08:45', '09:30', false],
    ['runs past closing', '2026-01-12', '11:30', '12:30', false],
    ['Thursday afternoon', '2026-01-15', '16:30', '17:30', true],
    ['a day without office hours (Tuesday)', '2026-01-13', '10:00', '11:00', false],
    // The same wall-clock times hold after the switch, although the UTC times move by an hour.
    ['Monday after the spring switch, 09:00 local (07:00 UTC)', '2026-03-30', '09:00', '10:00', true],
    ['Monday after the spring switch, 12:00 local (10:00 UTC): closed', '2026-03-30', '12:00', '13:00', false],
    ['Monday after the autumn switch, 09:00 local (08:00 UTC)', '2026-10-26', '09:00', '09:45', true],
    ['Monday after the autumn switch, 08:00 local (07:00 UTC): not yet open', '2026-10-26', '08:00', '09:00', false],
  ])('%s → %s', (_label, date, from, to, inside) => {
    expect(withinOfficeHours(local(date, from), local(date, to), hours)).toBe(inside);
  });

  it('an appointment across midnight is never inside office hours', () => {
    const allDay: OfficeHours[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' }));
    expect(withinOfficeHours(local('2026-01-12', '23:00'), local('2026-01-13', '01:00'), allDay)).toBe(false);
  });
});

describe('double booking', () => {
  const slot = (from: string, to: string, status = 'planned') => ({ startsAt: at(from), endsAt: at(to), status });
  it.each([
    ['the same slot', slot('2026-01-12T09:00Z', '2026-01-12T10:00Z'), slot('2026-01-12T09:00Z', '2026-01-12T10:00Z'), true],
    ['overlapping by a minute', slot('2026-01-12T09:00Z', '2026-01-12T10:00Z'), slot('2026-01-12T09:59Z', '2026-01-12T10:30Z'), true],
    ['one inside the other', slot('2026-01-12T09:00Z', '2026-01-12T12:00Z'), slot('2026-01-12T10:00Z', '2026-01-12T10:15Z'), true],
    ['back to back', slot('2026-01-12T09:00Z', '2026-01-12T10:00Z'), slot('2026-01-12T10:00Z', '2026-01-12T11:00Z'), false],
    ['back to back, other order', slot('2026-01-12T10:00Z', '2026-01-12T11:00Z'), slot('2026-01-12T09:00Z', '2026-01-12T10:00Z'), false],
    ['apart', slot('2026-01-12T09:00Z', '2026-01-12T10:00Z'), slot('2026-01-12T13:00Z', '2026-01-12T14:00Z'), false],
    ['overlapping, but one is cancelled', slot('2026-01-12T09:00Z', '2026-01-12T10:00Z', 'cancelled'), slot('2026-01-12T09:30Z', '2026-01-12T10:30Z'), false],
    ['overlapping, one was held', slot('2026-01-12T09:00Z', '2026-01-12T10:00Z', 'held'), slot('2026-01-12T09:30Z', '2026-01-12T10:30Z'), true],
  ])('%s → %s', (_label, a, b, expected) => {
    expect(collides(a, b)).toBe(expected);
    expect(collides(b, a)).toBe(expected);
  });
});
