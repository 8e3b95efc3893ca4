import { describe, expect, it } from 'vitest';
import { ETHOS_CATEGORIES, ETHOS_SITUATION_CODES, INCOME_SOURCES, ISO_639_1, SENSITIVE_MARKERS, TARGET_GROUPS } from '../../contracts/casefile.js';
import {
  absenceCovers,
  ageOn,
  arrearsInMonths,
  checkAbsence,
  checkArrears,
  checkIncomeSources,
  checkLegalTimeline,
  checkLivingSituation,
  checkMembers,
  currentArrears,
  derivedTargetGroups,
  ethosCategoryOf,
  householdFacts,
  isVulnerable,
  mayHandOver,
  rentTotal,
  type AbsencePeriod,
  type MemberFacts,
} from './casefile.js';

const TODAY = '2026-11-21';

describe('ageOn', () => {
  it.each([
    ['birthday today', '1980-11-21', TODAY, 46],
    ['birthday tomorrow', '1980-11-22', TODAY, 45],
    ['birthday yesterday', '1980-11-20', TODAY, 46],
    ['born today', TODAY, TODAY, 0],
    ['17 the day before turning 18', '2008-11-22', TODAY, 17],
    ['18 on the 18th birthday', '2008-11-21', TODAY, 18],
    ['29 Feb: not yet a year older on 28 Feb of a common year', '2008-02-29', '2027-02-28', 18],
    ['29 Feb: a year older on 1 Mar of a common year', '2008-02-29', '2027-03-01', 19],
    ['29 Feb: a year older on 29 Feb of a leap year', '2008-02-29', '2028-02-29', 20],
    ['unknown birth date', null, TODAY, null],
    ['birth date after today', '2027-01-01', TODAY, null],
    ['not a date', '21.11.1980', TODAY, null],
  ])('%s', (_label, birth, today, age) => {
    expect(ageOn(birth, today)).toBe(age);
  });
});

const m = (relation: MemberFacts['relation'], birthDate: string | null = null): MemberFacts => ({ relation, birthDate });

describe('household facts and the target groups derived from them', () => {
  it.each([
    ['nobody recorded', [], { size: 0, children: 0, adults: 0, ageUnknown: 0, tenants: 0 }, []],
    [
      'couple with two children',
      [m('main_tenant', '1985-01-01'), m('partner', '1986-01-01'), m('child', '2015-05-05'), m('child', '2019-05-05')],
      { size: 4, children: 2, adults: 2, tenants: 1 },
      ['families_with_children'],
    ],
    [
      'single mother, child without birth date',
      [m('main_tenant', '1990-03-03'), m('child')],
      { size: 2, children: 1, adults: 1, ageUnknown: 0 },
      ['families_with_children', 'single_parents'],
    ],
    [
      'adult son is no child',
      [m('main_tenant', '1970-01-01'), m('child', '1999-01-01')],
      { children: 0, adults: 2 },
      [],
    ],
    [
      'a minor relative counts as a child',
      [m('main_tenant', '1970-01-01'), m('partner', '1971-01-01'), m('relative', '2012-01-01')],
      { children: 1 },
      ['families_with_children'],
    ],
    [
      'children and an adult of unknown age: not provably a single parent',
      [m('main_tenant', '1990-01-01'), m('child', '2020-01-01'), m('other')],
      { children: 1, adults: 1, ageUnknown: 1 },
      ['families_with_children'],
    ],
    ['young tenant couple', [m('main_tenant', '2004-01-01'), m('co_tenant', '2005-06-01')], { youngAdultTenants: 2, tenants: 2 }, ['young_adults']],
    ['one young and one older tenant', [m('main_tenant', '2004-01-01'), m('co_tenant', '1980-06-01')], { youngAdultTenants: 1 }, []],
    ['seniors', [m('main_tenant', '1950-01-01'), m('co_tenant', '1958-01-01')], { seniorTenants: 2 }, ['seniors']],
    ['a senior partner who is not a tenant does not decide', [m('main_tenant', '1970-01-01'), m('partner', '1950-01-01')], { seniorTenants: 0 }, []],
    [
      'five people',
      [m('main_tenant', '1980-01-01'), m('partner', '1980-01-01'), m('child', '2010-01-01'), m('child', '2012-01-01'), m('child', '2014-01-01')],
      { size: 5, children: 3 },
      ['families_with_children', 'large_households'],
    ],
  ])('%s', (_label, members, facts, groups) => {
    const f = householdFacts(members as MemberFacts[], TODAY);
    expect(f).toMatchObject(facts);
    expect(derivedTargetGroups(f)).toEqual(groups);
  });
});

describe('vulnerability for the work queue', () => {
  it.each([
    [[], false],
    [['families_with_children'], false],
    [['refugees_in_shelter'], true],
    [['families_with_children', 'seniors'], true],
  ])('groups %j → %s', (groups, expected) => {
    expect(isVulnerable(groups)).toBe(expected);
  });
});

describe('catalogues', () => {
  it('ETHOS Light has its six categories, numbered 1–6, plus two extensions: threat of eviction (ETHOS 9) and housed again (no number)', () => {
    expect(ETHOS_CATEGORIES.filter((c) => !('extension' in c)).map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ETHOS_CATEGORIES.filter((c) => 'extension' in c).map((c) => [c.code, c.number])).toEqual([['threat_of_eviction', 9], ['housed', null]]);
    // Every situation code belongs to exactly one category.
    expect(new Set(ETHOS_SITUATION_CODES).size).toBe(ETHOS_SITUATION_CODES.length);
  });

  it('codes are unique, and target groups never repeat a sensitive marker', () => {
    for (const list of [TARGET_GROUPS, INCOME_SOURCES, SENSITIVE_MARKERS.map((s) => s.code)]) expect(new Set(list).size).toBe(list.length);
    const sensitive: string[] = SENSITIVE_MARKERS.map((s) => s.code);
    expect(TARGET_GROUPS.filter((g) => sensitive.includes(g))).toEqual([]);
    expect(SENSITIVE_MARKERS.filter((s) => s.targetGroup).map((s) => s.code)).toEqual(['chronically_ill', 'released_from_prison']);
  });

  it('the ISO 639-1 list holds every letter language, each code once', () => {
    expect(new Set(ISO_639_1).size).toBe(ISO_639_1.length);
    expect(ISO_639_1).toEqual(expect.arrayContaining(['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'ro', 'bg', 'fa', 'ku', 'so', 'ti']));
  });

  it.each([
    ['womens_shelter', 'homeless_accommodation'],
    ['penal_institution', 'institution'],
    ['rented_housing', 'threat_of_eviction'],
    ['own_tenancy', 'housed'],
    ['public_space', 'rough_sleeping'],
    ['palace', null],
  ])('situation %s is in category %s', (situation, category) => {
    expect(ethosCategoryOf(situation)).toBe(category);
  });
});

describe('input checks', () => {
  it.each([
    ['matching pair', { category: 'institution', situation: 'penal_institution' }, []],
    ['situation of another category', { category: 'rough_sleeping', situation: 'penal_institution' }, ['casefile.situation_not_in_category']],
    ['unknown situation', { category: 'rough_sleeping', situation: 'palace' }, ['casefile.unknown_code']],
    ['nothing recorded', null, []],
  ])('living situation: %s', (_label, ls, keys) => {
    expect(checkLivingSituation(ls).map((p) => p.key)).toEqual(keys);
  });

  it.each([
    [['wages', 'child_benefit'], []],
    [['none'], []],
    [['none', 'wages'], [['situation.incomeSources.0', 'casefile.none_with_others']]],
    [['sgb2', 'sgb2'], [['situation.incomeSources.1', 'casefile.duplicate']]],
    [[], []],
  ])('income sources %j', (sources, problems) => {
    expect(checkIncomeSources(sources).map((p) => [p.path, p.key])).toEqual(problems);
  });

  it.each([
    ['one main tenant', [m('main_tenant'), m('co_tenant')], []],
    ['two main tenants', [m('main_tenant'), m('partner'), m('main_tenant')], [['members.2.relation', 'casefile.one_main_tenant']]],
    ['born tomorrow', [m('child', '2026-11-22')], [['members.0.birthDate', 'casefile.date_in_future']]],
  ])('members: %s', (_label, members, problems) => {
    expect(checkMembers(members, TODAY).map((p) => [p.path, p.key])).toEqual(problems);
  });

  it.each([
    ['a complete, ordered timeline', { terminationReceivedOn: '2026-01-10', suitFiledOn: '2026-02-01', hearingOn: '2026-04-01', judgmentOn: '2026-04-01', judgmentFinalOn: '2026-05-02', raeumungsfristEnd: '2026-08-31', evictionOn: '2026-09-15' }, []],
    ['hearing before the suit', { suitFiledOn: '2026-02-01', hearingOn: '2026-01-15' }, [['legal.hearingOn', 'casefile.before_suitFiledOn']]],
    ['judgment final before the judgment', { judgmentOn: '2026-04-01', judgmentFinalOn: '2026-03-01' }, [['legal.judgmentFinalOn', 'casefile.before_judgmentOn']]],
    ['eviction before the judgment', { judgmentOn: '2026-04-01', evictionOn: '2026-03-31' }, [['legal.evictionOn', 'casefile.before_judgmentOn']]],
    ['judgment before the suit (named once)', { suitFiledOn: '2026-04-01', judgmentOn: '2026-03-01' }, [['legal.judgmentOn', 'casefile.before_suitFiledOn']]],
    // A termination received after the suit is possible (a further termination in the pleadings).
    ['termination after the suit', { terminationReceivedOn: '2026-03-01', suitFiledOn: '2026-02-01' }, []],
    ['gaps are fine', { evictionOn: '2026-03-31' }, []],
  ])('legal timeline: %s', (_label, t, problems) => {
    expect(checkLegalTimeline(t).map((p) => [p.path, p.key])).toEqual(problems);
  });
});

describe('rent and arrears', () => {
  it.each([
    ['full split', { baseRent: 450, serviceCharges: 120.5, heatingCosts: 80.25 }, 700, 650.75],
    ['partial split keeps the reported total', { baseRent: 450, serviceCharges: null, heatingCosts: 80 }, 700, 700],
    ['nothing known', { baseRent: null, serviceCharges: null, heatingCosts: null }, null, null],
    ['cents add up exactly', { baseRent: 0.1, serviceCharges: 0.2, heatingCosts: 0 }, null, 0.3],
  ])('rent total: %s', (_label, split, reported, total) => {
    expect(rentTotal(split, reported)).toBe(total);
  });

  it.each([
    [1300, 650, 2],
    [1000, 650, 1.5],
    [1000, null, null],
    [null, 650, null],
    [500, 0, null],
  ])('arrears %s with rent %s → %s months', (amount, rent, months) => {
    expect(arrearsInMonths(amount, rent)).toBe(months);
  });

  it('the latest entry is the current arrears; a later entry on the same day wins', () => {
    expect(currentArrears([])).toBeNull();
    const entries = [
      { recordedOn: '2026-03-01', amount: 1300, n: 1 },
      { recordedOn: '2026-05-01', amount: 400, n: 2 },
      { recordedOn: '2026-04-01', amount: 900, n: 3 },
      { recordedOn: '2026-05-01', amount: 0, n: 4 },
    ];
    expect(currentArrears(entries)?.n).toBe(4);
    expect(checkArrears(entries, '2026-04-15').map((p) => p.path)).toEqual(['entries.1.recordedOn', 'entries.3.recordedOn']);
  });
});

describe('absences and handover', () => {
  const a = (over: Partial<AbsencePeriod> = {}): AbsencePeriod => ({ userId: 'u1', substituteId: 'u2', startsOn: '2026-12-01', endsOn: '2026-12-14', ...over });

  it.each([
    ['a plain absence', a(), [], []],
    ['ends before it starts', a({ endsOn: '2026-11-30' }), [], [['endsOn', 'casefile.ends_before_starts']]],
    ['entirely in the past', a({ startsOn: '2026-11-01', endsOn: '2026-11-20' }), [], [['endsOn', 'casefile.date_in_past']]],
    ['started already, still running', a({ startsOn: '2026-11-01', endsOn: '2026-11-21' }), [], []],
    ['substitute is the absentee', a({ substituteId: 'u1' }), [], [['substituteId', 'casefile.substitute_is_absentee']]],
    ['overlaps an absence of the same person', a(), [a({ id: 'x', startsOn: '2026-12-14', endsOn: '2026-12-20' })], [['startsOn', 'casefile.absence_overlaps']]],
    ['touches, but does not overlap', a(), [a({ id: 'x', startsOn: '2026-12-15', endsOn: '2026-12-20' })], []],
    ['another person away at the same time', a(), [a({ id: 'x', userId: 'u3' })], []],
  ])('%s', (_label, absence, others, problems) => {
    expect(checkAbsence(absence, others, TODAY).map((p) => [p.path, p.key])).toEqual(problems);
  });

  it.each([
    ['2026-11-30', false],
    ['2026-12-01', true],
    ['2026-12-14', true],
    ['2026-12-15', false],
  ])('an absence 1–14 December covers %s: %s', (day, covered) => {
    expect(absenceCovers(a(), day)).toBe(covered);
  });

  const caseworker = { userId: 'me', mayAssign: false, mayEdit: true, standsInFor: ['away'] };
  it.each([
    ['team lead, anyone’s case', { ...caseworker, mayAssign: true }, 'other', true],
    ['team lead, unassigned case', { ...caseworker, mayAssign: true }, null, true],
    ['caseworker, own case', caseworker, 'me', true],
    ['caseworker, the case of a colleague they stand in for', caseworker, 'away', true],
    ['caseworker, another colleague’s case', caseworker, 'other', false],
    ['caseworker, unassigned case (take it instead)', caseworker, null, false],
    ['read-only role, own case', { ...caseworker, mayEdit: false }, 'me', false],
  ])('hand over: %s → %s', (_label, actor, assignee, allowed) => {
    expect(mayHandOver(actor, assignee)).toBe(allowed);
  });
});
