import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../contracts/cases.js';
import type { DataCategory } from '../../contracts/consents.js';
import { checkConsent, consentState, coversRecipient, disclosurePayload, replyOverdue, type ConsentFacts, type FlowRequest, type RecipientTarget } from './consent.js';

const TODAY = '2026-11-21';
const SUCHT_ORG = '00000000-0000-4000-8000-00000000000a';
const SUCHT_DIR = '00000000-0000-4000-8000-00000000000b';
const JOBCENTER = '00000000-0000-4000-8000-00000000000c';
const OTHER_DIR = '00000000-0000-4000-8000-00000000000d';

const consent = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
  id: 'c1',
  purposes: ['referral'],
  categories: ['identity', 'contact', 'addiction'],
  recipients: [{ kind: 'directory', orgId: null, directoryOrganizationId: SUCHT_DIR }],
  givenOn: '2026-11-01',
  validUntil: '2027-10-31',
  revokedOn: null,
  ...over,
});

describe('consentState', () => {
  it.each([
    ['valid within its period', {}, 'valid'],
    ['valid on its last day', { validUntil: TODAY }, 'valid'],
    ['expired the day after', { validUntil: '2026-11-20' }, 'expired'],
    ['open-ended stays valid', { validUntil: null }, 'valid'],
    ['revoked today', { revokedOn: TODAY }, 'revoked'],
    ['revoked earlier, even if otherwise expired', { revokedOn: '2026-11-05', validUntil: '2026-11-10' }, 'revoked'],
    ['dated in the future', { givenOn: '2026-11-22' }, 'not_yet_valid'],
  ] as const)('%s', (_, over, expected) => {
    expect(consentState(consent(over), TODAY)).toBe(expected);
  });
});

describe('coversRecipient', () => {
  const byOrg: RecipientTarget = { kind: 'organisation', orgId: SUCHT_ORG, directoryOrganizationIds: [SUCHT_DIR] };
  it.each([
    ['a directory entry covers the Bleibe organisation that maintains it', consent(), byOrg, true],
    ['a directory entry covers itself', consent(), { kind: 'directory', directoryOrganizationId: SUCHT_DIR }, true],
    ['another directory entry does not', consent(), { kind: 'directory', directoryOrganizationId: OTHER_DIR }, false],
    ['a named organisation covers itself', consent({ recipients: [{ kind: 'organisation', orgId: JOBCENTER, directoryOrganizationId: null }] }), { kind: 'organisation', orgId: JOBCENTER, directoryOrganizationIds: [] }, true],
    ['a named organisation does not cover another', consent({ recipients: [{ kind: 'organisation', orgId: JOBCENTER, directoryOrganizationId: null }] }), byOrg, false],
    ['the landlord is only covered when named', consent(), { kind: 'landlord' }, false],
    ['the landlord named', consent({ recipients: [{ kind: 'landlord', orgId: null, directoryOrganizationId: null }] }), { kind: 'landlord' }, true],
  ] as const)('%s', (_, c, target, expected) => {
    expect(coversRecipient(c, target)).toBe(expected);
  });
});

describe('checkConsent', () => {
  const referral = (categories: DataCategory[] = ['identity', 'addiction']): FlowRequest => ({
    purpose: 'referral',
    recipient: { kind: 'organisation', orgId: SUCHT_ORG, directoryOrganizationIds: [SUCHT_DIR] },
    categories,
  });
  it.each([
    ['allowed with a covering consent', [consent()], referral(), { ok: true, consentId: 'c1' }],
    ['refused without any consent', [], referral(), { ok: false, reason: 'no_consent' }],
    ['refused for another recipient', [consent({ recipients: [{ kind: 'directory', orgId: null, directoryOrganizationId: OTHER_DIR }] })], referral(), { ok: false, reason: 'no_consent' }],
    ['refused for another purpose', [consent({ purposes: ['status_report'] })], referral(), { ok: false, reason: 'purpose_not_covered', consentId: 'c1' }],
    ['refused for a category not covered, naming it', [consent({ categories: ['identity'] })], referral(['identity', 'addiction', 'health']), { ok: false, reason: 'categories_missing', consentId: 'c1', missing: ['addiction', 'health'] }],
    ['refused after revocation', [consent({ revokedOn: '2026-11-20' })], referral(), { ok: false, reason: 'revoked', consentId: 'c1' }],
    ['refused after expiry', [consent({ validUntil: '2026-11-20' })], referral(), { ok: false, reason: 'expired', consentId: 'c1' }],
    ['refused before it is valid', [consent({ givenOn: '2026-12-01' })], referral(), { ok: false, reason: 'not_yet_valid', consentId: 'c1' }],
    [
      'a newer consent after a revoked one allows it',
      [consent({ revokedOn: '2026-11-10' }), consent({ id: 'c2', givenOn: '2026-11-15' })],
      referral(),
      { ok: true, consentId: 'c2' },
    ],
    [
      'the nearest miss is named: revoked beats a narrower consent',
      [consent({ id: 'narrow', categories: ['identity'], givenOn: '2026-11-18' }), consent({ revokedOn: '2026-11-19' })],
      referral(),
      { ok: false, reason: 'revoked', consentId: 'c1' },
    ],
  ] as const)('%s', (_, consents, req, expected) => {
    expect(checkConsent(consents, req, TODAY)).toEqual(expected);
  });
});

describe('replyOverdue', () => {
  it.each([
    ['an open referral after its due day', { kind: 'referral', status: 'open', replyDueOn: '2026-11-20' }, true],
    ['on its due day it is not yet overdue', { kind: 'referral', status: 'open', replyDueOn: TODAY }, false],
    ['an answered referral', { kind: 'referral', status: 'accepted', replyDueOn: '2026-11-01' }, false],
    ['a share has no reply due', { kind: 'share', status: 'open', replyDueOn: null }, false],
  ] as const)('%s', (_, d, expected) => {
    expect(replyOverdue(d, TODAY)).toBe(expected);
  });
});

describe('disclosurePayload', () => {
  const summary = {
    caseNumber: '2026-000042',
    household: { id: 'h', address: { street: 'Lindenweg', houseNumber: '5', postalCode: '05101', city: 'Musterstadt' }, size: 2, children: 1 },
    legal: { landlord: { name: 'Wohnbau GmbH' }, terminationType: 'without_notice', terminationReceivedOn: '2026-10-01', courtName: 'AG', courtFileNumber: '12 C 1/26', hearingOn: null, evictionOn: null },
    deadlines: [{ kind: 'schonfrist_end', date: '2027-01-13' }],
    file: {
      members: [
        { firstName: 'Erika', lastName: 'Muster', birthDate: '1980-02-03', relation: 'main_tenant' },
        { firstName: 'Emil', lastName: 'Muster', birthDate: '2015-05-06', relation: 'child' },
      ],
      facts: { size: 2, children: 1 },
      targetGroups: ['families'],
      derivedTargetGroups: ['families'],
      livingSituation: { situation: 'threatened_eviction' },
      incomeSources: ['sgb2'],
      incomeNote: 'Bürgergeld seit 2025',
      tenancy: { totalRent: 700, baseRent: 500, serviceCharges: 120, heatingCosts: 80 },
      arrears: { current: 1400, months: 2 },
      contact: { phone: '0151 000000', email: null, postalAddress: null, bestTimes: null, preferredLanguage: 'de', interpreterNeeded: false },
    },
  } as unknown as CaseSummary;
  const sensitive = {
    version: 1,
    markers: ['addiction', 'chronically_ill', 'released_from_prison'],
    healthNote: 'Diabetes',
    addictionNote: 'Alkohol',
    criminalRecordNote: 'Haftentlassung 2026',
    updatedAt: null,
    updatedBy: null,
  } as const;

  it.each([
    [['identity'], ['identity']],
    [['contact'], ['contact']],
    [['identity', 'contact', 'addiction'], ['addiction', 'contact', 'identity']],
    [['tenancy', 'income'], ['income', 'tenancy']],
    [['health', 'criminal_record'], ['criminalRecord', 'health']],
  ] as [DataCategory[], string[]][])('%j carries exactly %j', (categories, keys) => {
    expect(Object.keys(disclosurePayload(summary, { ...sensitive, markers: [...sensitive.markers] }, categories)).sort()).toEqual(keys);
  });

  it('a special category carries only its own markers and note', () => {
    const p = disclosurePayload(summary, { ...sensitive, markers: [...sensitive.markers] }, ['addiction']);
    expect(p.addiction).toEqual({ markers: ['addiction'], note: 'Alkohol' });
    expect(JSON.stringify(p)).not.toMatch(/Diabetes|Haftentlassung|chronically_ill|Erika|Lindenweg/);
  });

  it('identity alone reveals no address, tenancy or income', () => {
    const text = JSON.stringify(disclosurePayload(summary, null, ['identity']));
    expect(text).toContain('Erika');
    expect(text).not.toMatch(/Lindenweg|Wohnbau|1400|sgb2|0151|2026-000042/);
  });
});
