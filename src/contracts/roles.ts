import { z } from 'zod';

export const ORGANISATION_KINDS = [
  'district_office', // Fachstelle des Kreises
  'provider', // Träger
  'jobcenter',
  'court', // Amtsgericht
  'housing_company', // Wohnungsunternehmen
  'partner', // sonstiger Partner
] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const ROLES = [
  'caseworker', // Fachkraft
  'team_lead', // Teamleitung
  'finance', // Wirtschaftsdienst
  'statistics', // Statistik (nur Aggregate)
  'org_admin', // Administration der Organisation
  'reporter', // meldende Stelle
  'system_admin', // Systemadministration (global)
  // Added to a caseworker or team lead who may see special categories of data (Art. 9 GDPR:
  // health, addiction; criminal record, Art. 10) in the case file.
  'sensitive_data', // Zugriff auf besondere Kategorien
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * Permissions are the only thing routes and the UI talk about; roles are mapped to them in
 * src/domain/access/permissions.ts. The UI shows what the session's permission list allows.
 */
export const PERMISSIONS = [
  'organisations.read',
  'organisations.write',
  'municipalities.read',
  'municipalities.write',
  'locations.read',
  'locations.write',
  'users.read',
  'users.write',
  'audit.read',
  'audit.verify',
  'notices.submit', // enter a notice (web form, partner portal; API keys have only this)
  'receipts.read', // the status of the notices one's own organisation sent
  'cases.read', // the organisation's cases and work queue
  'cases.edit', // facts such as service dates, which recompute the deadlines
  'cases.assign', // assign and reassign cases within the team
  'matching.review', // decide the person-matching review queue
  'imports.run', // bulk import of notices from CSV/XLSX files
  'apikeys.manage', // API keys of the own organisation for partner systems
  'cases.sensitive', // read and edit the separate sensitive fields of a case file (every read audited)
  'cases.transfer', // hand a case over to another organisation (only with the client's recorded consent)
  'measures.decide', // decide rent-debt assumption applications (Wirtschaftsdienst)
  'casework.configure', // letter templates and letterhead, the measure catalogue of the organisation
  'consents.manage', // record and revoke the client's consents (Schweigepflichtentbindung) in a case
  'disclosures.receive', // shares, referrals and status reports other organisations sent to the own one
  'network.read', // the district network's meetings, minutes, agreed actions and cooperation agreements
  'network.manage', // plan meetings, write minutes, maintain cooperation agreements
  'cases.access_log', // "who saw this?": every organisation and user that read or received a client's data
  'housing.read', // the shelter register, landlords, flat offers and adequacy limits (with the own organisation's placements and searches)
  'housing.manage', // record placements, landlords, offers and searches; propose households, book viewings, record leases
  'adequacy.manage', // the district's rent-adequacy tables (Angemessenheitsgrenzen) per comparison area
  'reports.read', // the dashboard and the evaluation report of the own organisation, each number drilling down to its cases
  'reports.aggregate', // the evaluation report across all organisations of the district: aggregates only, small cells suppressed
  'reports.official', // the official stock counts (federal 31 January, NRW 30 June) with their person records for the statistics offices
  'reports.pseudonymised', // the pseudonymised case-level export for evaluators (no names, addresses, birth dates or free text)
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;
