import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, type Permission, type Role } from '../../contracts/roles.js';
import { ADMIN_ROLES, assignableRoles, permissionsFor, requiresTwoFactor, ROLE_PERMISSIONS } from './permissions.js';

const READ_DIRECTORY: Permission[] = ['locations.read', 'municipalities.read', 'organisations.read'];
const CASEWORK: Permission[] = [
  'users.read', 'notices.submit', 'receipts.read', 'cases.read', 'cases.edit', 'matching.review', 'imports.run', 'consents.manage', 'disclosures.receive', 'network.read',
  'housing.read', 'housing.manage', 'reports.read',
];
const STATISTICS: Permission[] = [...READ_DIRECTORY, 'reports.aggregate', 'reports.official', 'reports.pseudonymised'];
const NETWORK_LEAD: Permission[] = ['network.manage', 'cases.access_log'];
const ORG_ADMIN: Permission[] = [
  ...READ_DIRECTORY, 'audit.read', 'locations.write', 'users.read', 'users.write', 'receipts.read', 'apikeys.manage', 'casework.configure', 'network.read', ...NETWORK_LEAD,
];

describe('permissionsFor', () => {
  it.each<[string, Role[], Permission[]]>([
    ['no role', [], []],
    ['caseworker', ['caseworker'], [...READ_DIRECTORY, ...CASEWORK]],
    ['team_lead', ['team_lead'], [...READ_DIRECTORY, ...CASEWORK, 'cases.assign', 'cases.transfer', ...NETWORK_LEAD]],
    ['finance', ['finance'], [...READ_DIRECTORY, 'users.read', 'cases.read', 'measures.decide', 'housing.read']],
    ['statistics', ['statistics'], STATISTICS],
    ['reporter', ['reporter'], [...READ_DIRECTORY, 'notices.submit', 'receipts.read', 'disclosures.receive']],
    ['org_admin', ['org_admin'], ORG_ADMIN],
    [
      'system_admin',
      ['system_admin'],
      PERMISSIONS.filter(
        (p) =>
          ![
            'notices.submit', 'receipts.read', 'cases.read', 'cases.edit', 'cases.assign', 'cases.transfer', 'cases.sensitive', 'measures.decide', 'casework.configure',
            'matching.review', 'imports.run', 'consents.manage', 'disclosures.receive', 'network.read', 'network.manage', 'cases.access_log',
            'housing.manage', 'reports.read', 'reports.aggregate', 'reports.official', 'reports.pseudonymised',
          ].includes(p),
      ),
    ],
    ['sensitive_data alone', ['sensitive_data'], ['cases.sensitive']],
    ['caseworker + sensitive_data', ['caseworker', 'sensitive_data'], [...READ_DIRECTORY, ...CASEWORK, 'cases.sensitive']],
    ['reporter + caseworker (union)', ['reporter', 'caseworker'], [...READ_DIRECTORY, ...CASEWORK]],
    ['statistics + org_admin (union)', ['statistics', 'org_admin'], [...new Set([...ORG_ADMIN, ...STATISTICS])]],
    ['a role twice', ['caseworker', 'caseworker'], [...READ_DIRECTORY, ...CASEWORK]],
  ])('%s', (_name, roles, expected) => {
    expect(permissionsFor(roles)).toEqual([...expected].sort());
  });

  it('returns every permission once, sorted, whatever the order of the roles', () => {
    const forward = permissionsFor([...ROLES]);
    const backward = permissionsFor([...ROLES].reverse());
    expect(forward).toEqual(backward);
    expect(forward).toEqual([...new Set(forward)].sort());
    expect(forward).toEqual([...PERMISSIONS].sort());
  });

  it('grants only organisation-wide writes to nobody but the system administrator', () => {
    const holders = (p: Permission) => ROLES.filter((r) => permissionsFor([r]).includes(p));
    expect(holders('organisations.write')).toEqual(['system_admin']);
    expect(holders('municipalities.write')).toEqual(['system_admin']);
    expect(holders('audit.verify')).toEqual(['system_admin']);
    expect(holders('audit.read')).toEqual(['org_admin', 'system_admin']);
    expect(holders('users.write')).toEqual(['org_admin', 'system_admin']);
    expect(holders('adequacy.manage')).toEqual(['system_admin']);
  });

  it('keeps case content away from reporters, statistics and administrators', () => {
    const holders = (p: Permission) => ROLES.filter((r) => permissionsFor([r]).includes(p));
    expect(holders('cases.read')).toEqual(['caseworker', 'team_lead', 'finance']);
    expect(holders('cases.assign')).toEqual(['team_lead']);
    expect(holders('cases.sensitive')).toEqual(['sensitive_data']);
    expect(holders('measures.decide')).toEqual(['finance']);
    expect(holders('notices.submit')).toEqual(['caseworker', 'team_lead', 'reporter']);
    // Consents are recorded in the case; a partner such as the Jobcenter only receives what a consent allows.
    expect(holders('consents.manage')).toEqual(['caseworker', 'team_lead']);
    expect(holders('disclosures.receive')).toEqual(['caseworker', 'team_lead', 'reporter']);
    expect(holders('cases.transfer')).toEqual(['team_lead']);
    expect(holders('cases.access_log')).toEqual(['team_lead', 'org_admin']);
  });

  it('ignores an unknown role instead of failing', () => {
    expect(permissionsFor(['nonsense' as Role])).toEqual([]);
  });

  it('maps every role of the contract', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });
});

describe('requiresTwoFactor', () => {
  it.each<[Role[], boolean, boolean]>([
    [['org_admin'], false, true],
    [['system_admin'], false, true],
    [['caseworker', 'org_admin'], false, true],
    [['caseworker'], false, false],
    [['team_lead', 'finance', 'statistics', 'reporter'], false, false],
    [[], false, false],
    // Demo mode: nobody is forced to enrol.
    [['org_admin'], true, false],
    [['system_admin'], true, false],
    [['caseworker'], true, false],
  ])('roles %j, demo %s → %s', (roles, demo, expected) => {
    expect(requiresTwoFactor(roles, demo)).toBe(expected);
  });

  it('treats exactly the admin roles as admins', () => {
    expect([...ADMIN_ROLES].sort()).toEqual(['org_admin', 'system_admin']);
  });
});

describe('assignableRoles', () => {
  const WITHOUT_SYSTEM_ADMIN = ROLES.filter((r) => r !== 'system_admin');

  it.each<[Role[], Role[]]>([
    [['org_admin'], WITHOUT_SYSTEM_ADMIN],
    [['caseworker', 'org_admin'], WITHOUT_SYSTEM_ADMIN],
    [['system_admin'], [...ROLES]],
    [['org_admin', 'system_admin'], [...ROLES]],
  ])('an actor with %j may assign %j', (actorRoles, expected) => {
    expect([...assignableRoles(actorRoles)].sort()).toEqual([...expected].sort());
  });

  it('never lets anyone but a system administrator grant system_admin', () => {
    for (const role of ROLES.filter((r) => r !== 'system_admin')) {
      expect(assignableRoles([role])).not.toContain('system_admin');
    }
  });
});
