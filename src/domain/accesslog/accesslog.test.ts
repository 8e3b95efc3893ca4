import { describe, expect, it } from 'vitest';
import { ACCESS_ACTIVITIES } from '../../contracts/accesslog.js';
import { ACTION_RULES, classifyAction } from './activities.js';
import { accessPeriod, actorOf, summariseAccess, type AccessEntry, type SummaryContext } from './summary.js';

describe('what an audit action means to the client', () => {
  it.each([
    // action, entity type, activity, kind
    ['case.read', 'case', 'case_read', 'read'],
    ['case.sensitive.read', 'case', 'sensitive_read', 'read'],
    ['case.record.read', 'case', 'record_read', 'read'],
    ['document.download', 'case', 'document_opened', 'read'],
    ['letter.options', 'case', 'letter_prepared', 'read'],
    ['case.access_log.read', 'case', 'access_log_read', 'read'],
    ['rent_debt.read', 'rent_debt_application', 'rent_debt_read', 'read'],
    ['case.queue', 'case', 'listed_queue', 'list'],
    ['case.search', 'case', 'listed_search', 'list'],
    ['outreach.day_list', 'case', 'listed_day_list', 'list'],
    ['appointment.calendar', 'user', 'listed_calendar', 'list'],
    ['match_review.list', 'person', 'listed_review', 'list'],
    ['case.file.update', 'case', 'case_updated', 'change'],
    ['case.members.update', 'case', 'case_updated', 'change'],
    ['case.service_dates', 'case', 'case_updated', 'change'],
    ['case.sensitive.update', 'case', 'sensitive_updated', 'change'],
    ['case.handover', 'case', 'case_assigned', 'change'],
    ['letter.generate', 'case', 'letter_generated', 'change'],
    ['person.merge', 'person', 'person_matched', 'change'],
    ['notice.create', 'notice', 'notice_sent', 'transmit'],
    ['disclosure.create', 'case', 'data_disclosed', 'transmit'],
    ['rent_debt.submit', 'measure', 'rent_debt_submitted', 'transmit'],
    ['case.handed_over', 'case', 'case_handed_over', 'transmit'],
    ['disclosure.read', 'disclosure', 'disclosure_received_read', 'receive'],
    ['disclosure.accept', 'disclosure', 'disclosure_accepted', 'receive'],
    ['case.transfer_received', 'case', 'case_transfer_received', 'receive'],
    // One action, two meanings: the owner reading the case's disclosures, a recipient's list.
    ['disclosure.list', 'case', 'disclosures_read', 'read'],
    ['disclosure.list', 'disclosure', 'listed_received', 'list'],
    // Unknown actions are never dropped: 'other', with a kind guessed from the last word.
    ['housing.offer.view', 'case', 'other', 'read'],
    ['report.export', null, 'other', 'read'],
    ['housing.offer.list', null, 'other', 'list'],
    ['housing.offer.create', 'case', 'other', 'change'],
    ['constructor', null, 'other', 'change'],
    ['toString', null, 'other', 'change'],
  ])('%s on %s → %s (%s)', (action, entityType, activity, kind) => {
    expect(classifyAction(action, entityType)).toEqual({ activity, kind });
  });

  it('maps every known action to an activity the UI has words for', () => {
    for (const [action, r] of Object.entries(ACTION_RULES)) expect(ACCESS_ACTIVITIES, action).toContain(r.activity);
  });
});

describe('who acted', () => {
  it.each([
    ['an account, by its name', { userId: 'u1', userName: 'Anna Beispiel', label: 'anna@test.invalid' }, { kind: 'user', userId: 'u1', name: 'Anna Beispiel' }],
    ['an account without a known name, by its label', { userId: 'u1', userName: null, label: 'anna@test.invalid' }, { kind: 'user', userId: 'u1', name: 'anna@test.invalid' }],
    ['a partner system, by its key name', { userId: null, userName: null, label: 'api-key:Fachverfahren JC' }, { kind: 'api_key', userId: null, name: 'Fachverfahren JC' }],
    ['Bleibe itself', { userId: null, userName: null, label: 'system' }, { kind: 'system', userId: null, name: 'system' }],
    ['nothing recorded', { userId: null, userName: null, label: null }, { kind: 'system', userId: null, name: '' }],
  ])('%s', (_label, entry, actor) => expect(actorOf(entry)).toEqual(actor));
});

describe('the period, on the Berlin calendar', () => {
  it.each([
    ['open on both ends', null, null, null, null],
    ['winter: from midnight in Berlin (23:00 UTC the day before)', '2026-01-10', '2026-01-10', '2026-01-09T23:00:00.000Z', '2026-01-10T23:00:00.000Z'],
    ['summer: 22:00 UTC the day before', '2026-07-01', '2026-07-31', '2026-06-30T22:00:00.000Z', '2026-07-31T22:00:00.000Z'],
    ['the spring clock change inside the period', '2026-03-29', '2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ['the autumn clock change inside the period', '2026-10-25', '2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
    ['only a start', '2026-11-21', null, '2026-11-20T23:00:00.000Z', null],
    ['only an end (the whole last day)', null, '2026-12-31', null, '2026-12-31T23:00:00.000Z'],
    // Before 1893 Berlin kept local mean time (+0:53:28): no date helper may refuse those years.
    ['the earliest day the query allows', '1000-01-01', '1000-01-01', '0999-12-31T23:07:00.000Z', '1000-01-01T23:07:00.000Z'],
    ['the latest day the query allows', '9998-12-31', '9998-12-31', '9998-12-30T23:00:00.000Z', '9998-12-31T23:00:00.000Z'],
  ])('%s', (_label, from, to, start, end) => {
    const p = accessPeriod(from, to);
    expect([p.problem, p.from?.toISOString() ?? null, p.to?.toISOString() ?? null]).toEqual([null, start, end]);
  });

  it('refuses an end before the start; one day is a valid period', () => {
    expect(accessPeriod('2026-11-21', '2026-11-20').problem).toBe('from_after_to');
    expect(accessPeriod('2026-11-21', '2026-11-21').problem).toBeNull();
  });
});

const OWN = 'own-org';
const JC = 'jobcenter';
const FS = 'fachstelle';
const B = 'traeger-b';
let seq = 0;
function entry(over: Partial<Omit<AccessEntry, 'at'>> & { action: string; at: string }): AccessEntry {
  return {
    id: ++seq,
    orgId: OWN,
    orgName: 'Träger A',
    orgKind: 'provider',
    userId: 'anna',
    userName: 'Anna',
    label: 'anna@test.invalid',
    entityType: 'case',
    entityId: null,
    details: null,
    ...over,
    at: new Date(over.at),
  };
}
const ctx: SummaryContext = {
  ownOrgId: OWN,
  orgNames: new Map([[FS, 'Fachstelle']]),
  disclosureStatus: new Map([['d1', 'accepted']]),
};
const jc = { orgId: JC, orgName: 'Jobcenter', orgKind: 'jobcenter', userId: null, userName: null, label: 'api-key:JC-Schnittstelle' };
const fs = { orgId: FS, orgName: 'Fachstelle', orgKind: 'district_office', userId: 'wd', userName: 'Wilma Wirtschaft', label: 'wd@test.invalid' };
const b = { orgId: B, orgName: 'Träger B', orgKind: 'provider', userId: 'bert', userName: 'Bert', label: 'bert@test.invalid' };

describe('the access log of a client', () => {
  const entries = [
    entry({ ...jc, action: 'notice.create', entityType: 'notice', at: '2026-11-02T08:00:00Z' }),
    entry({ action: 'case.queue', at: '2026-11-02T09:00:00Z' }),
    entry({ action: 'case.read', at: '2026-11-02T09:01:00Z' }),
    entry({ action: 'case.read', at: '2026-11-05T10:00:00Z' }),
    entry({ action: 'case.sensitive.read', at: '2026-11-03T10:00:00Z' }),
    entry({ userId: 'tom', userName: 'Tom', label: 'tom@test.invalid', action: 'case.read', at: '2026-11-04T10:00:00Z' }),
    entry({ action: 'rent_debt.submit', entityType: 'measure', at: '2026-11-06T10:00:00Z', details: { caseId: 'c', decidingOrgId: FS } }),
    entry({ ...fs, action: 'rent_debt.list', entityType: 'rent_debt_application', at: '2026-11-07T10:00:00Z' }),
    entry({ ...fs, action: 'rent_debt.decide', entityType: 'rent_debt_application', at: '2026-11-08T10:00:00Z' }),
    entry({
      action: 'disclosure.create',
      at: '2026-11-09T10:00:00Z',
      details: { disclosureId: 'd1', kind: 'share', recipientOrgId: B, recipientName: 'Träger B', categories: ['identity', 'tenancy'] },
    }),
    entry({ ...b, action: 'disclosure.read', entityType: 'disclosure', entityId: 'd1', at: '2026-11-10T10:00:00Z' }),
    entry({ ...b, action: 'disclosure.accept', entityType: 'disclosure', entityId: 'd1', at: '2026-11-11T10:00:00Z' }),
    // Another disclosure's read by the same organisation is not this one's receipt.
    entry({ ...b, action: 'disclosure.read', entityType: 'disclosure', entityId: 'd-other', at: '2026-11-12T10:00:00Z' }),
    entry({ action: 'housing.offer.view', at: '2026-11-13T10:00:00Z' }),
    entry({ orgId: null, orgName: null, orgKind: null, userId: null, userName: null, label: 'system', action: 'job.run', entityType: 'case', at: '2026-11-14T10:00:00Z' }),
  ];
  const s = summariseAccess(entries, ctx);

  it('counts every entry', () => expect(s.total).toBe(entries.length));

  it('groups by organisation, own first, then by first access; each with first and last access', () => {
    expect(s.organisations.map((o) => [o.name, o.own, o.count, o.firstAt, o.lastAt])).toEqual([
      ['Träger A', true, 8, '2026-11-02T09:00:00.000Z', '2026-11-13T10:00:00.000Z'],
      ['Jobcenter', false, 1, '2026-11-02T08:00:00.000Z', '2026-11-02T08:00:00.000Z'],
      ['Fachstelle', false, 2, '2026-11-07T10:00:00.000Z', '2026-11-08T10:00:00.000Z'],
      ['Träger B', false, 3, '2026-11-10T10:00:00.000Z', '2026-11-12T10:00:00.000Z'],
      [null, false, 1, '2026-11-14T10:00:00.000Z', '2026-11-14T10:00:00.000Z'],
    ]);
  });

  it('lists who acted, in order of first access, with what they did by kind', () => {
    const own = s.organisations[0];
    expect(own.actors.map((a) => [a.kind, a.name, a.count])).toEqual([
      ['user', 'Anna', 7],
      ['user', 'Tom', 1],
    ]);
    expect(own.actors[0].activities.map((x) => [x.activity, x.kind, x.count, x.firstAt, x.lastAt])).toEqual([
      ['case_read', 'read', 2, '2026-11-02T09:01:00.000Z', '2026-11-05T10:00:00.000Z'],
      ['sensitive_read', 'read', 1, '2026-11-03T10:00:00.000Z', '2026-11-03T10:00:00.000Z'],
      ['other', 'read', 1, '2026-11-13T10:00:00.000Z', '2026-11-13T10:00:00.000Z'],
      ['listed_queue', 'list', 1, '2026-11-02T09:00:00.000Z', '2026-11-02T09:00:00.000Z'],
      ['data_disclosed', 'transmit', 1, '2026-11-09T10:00:00.000Z', '2026-11-09T10:00:00.000Z'],
      ['rent_debt_submitted', 'transmit', 1, '2026-11-06T10:00:00.000Z', '2026-11-06T10:00:00.000Z'],
    ]);
    // An unknown action says what it was; passing data on says to whom.
    expect(own.actors[0].activities.find((x) => x.activity === 'other')?.actions).toEqual(['housing.offer.view']);
    expect(own.actors[0].activities.find((x) => x.activity === 'data_disclosed')?.recipients).toEqual(['Träger B']);
    expect(own.actors[0].activities.find((x) => x.activity === 'rent_debt_submitted')?.recipients).toEqual(['Fachstelle']);
    expect(s.organisations[1].actors.map((a) => [a.kind, a.name])).toEqual([['api_key', 'JC-Schnittstelle']]);
    expect(s.organisations[4].actors.map((a) => [a.kind, a.name])).toEqual([['system', 'system']]);
  });

  it('lists every flow to another party with what the recipient did with it', () => {
    expect(s.disclosures).toEqual([
      {
        id: null, kind: 'rent_debt_application', at: '2026-11-06T10:00:00.000Z', fromOrgId: OWN, fromOrgName: 'Träger A', by: 'Anna',
        recipientOrgId: FS, recipientName: 'Fachstelle', categories: [], status: null,
        received: { count: 2, firstAt: '2026-11-07T10:00:00.000Z', lastAt: '2026-11-08T10:00:00.000Z' },
      },
      {
        id: 'd1', kind: 'share', at: '2026-11-09T10:00:00.000Z', fromOrgId: OWN, fromOrgName: 'Träger A', by: 'Anna',
        recipientOrgId: B, recipientName: 'Träger B', categories: ['identity', 'tenancy'], status: 'accepted',
        received: { count: 2, firstAt: '2026-11-10T10:00:00.000Z', lastAt: '2026-11-11T10:00:00.000Z' },
      },
    ]);
  });

  it('a disclosure nobody has opened yet, to a partner outside Bleibe', () => {
    const only = summariseAccess(
      [entry({ action: 'disclosure.create', at: '2026-11-09T10:00:00Z', details: { disclosureId: 'd9', kind: 'referral', recipientOrgId: null, recipientName: 'Schuldnerberatung', categories: ['contact'] } })],
      ctx,
    );
    expect(only.disclosures.map((d) => [d.kind, d.recipientOrgId, d.recipientName, d.status, d.received])).toEqual([['referral', null, 'Schuldnerberatung', null, null]]);
  });

  it('nothing found: nothing listed', () => expect(summariseAccess([], ctx)).toEqual({ total: 0, organisations: [], disclosures: [] }));
});
