import type { ColumnType, Generated } from 'kysely';

/** Kysely table types, kept by hand beside the SQL migrations in /migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  short_name: string | null;
  kind: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  house_number: string | null;
  postal_code: string | null;
  city: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MunicipalitiesTable {
  id: Generated<string>;
  name: string;
  ags: string;
  postal_codes: string[];
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface LocationsTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  street: string;
  house_number: string;
  postal_code: string;
  city: string;
  phone: string | null;
  email: string | null;
  office_hours: ColumnType<unknown, string, string>;
  municipality_ids: string[];
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UsersTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  language: Generated<string>;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UserRecoveryCodesTable {
  id: Generated<string>;
  org_id: string;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface SessionsTable {
  id: Generated<string>;
  org_id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  stage: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date | string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: number;
  at: Date;
  org_id: string | null;
  actor_user_id: string | null;
  actor_label: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  request_id: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface DB {
  organisations: OrganisationsTable;
  municipalities: MunicipalitiesTable;
  locations: LocationsTable;
  users: UsersTable;
  user_recovery_codes: UserRecoveryCodesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  scheduled_jobs: ScheduledJobsTable;
  persons: PersonsTable;
  person_match_keys: PersonMatchKeysTable;
  person_distinct_pairs: PersonDistinctPairsTable;
  households: HouseholdsTable;
  household_members: HouseholdMembersTable;
  cases: CasesTable;
  notices: NoticesTable;
  notice_receipts: NoticeReceiptsTable;
  case_tenants: CaseTenantsTable;
  case_legal: CaseLegalTable;
  case_deadlines: CaseDeadlinesTable;
  match_reviews: MatchReviewsTable;
  person_merges: PersonMergesTable;
  api_keys: ApiKeysTable;
  import_jobs: ImportJobsTable;
}

export interface ScheduledJobsTable {
  name: string;
  interval_seconds: number;
  next_run_at: Date | string;
  leased_until: Date | string | null;
  last_started_at: Date | string | null;
  last_finished_at: Date | string | null;
  last_error: string | null;
  runs: Generated<number>;
}

// ---- intake (migrations/003_intake.sql) ----
type DateCol = ColumnType<string, string | undefined | null, string | null>;
type Json = ColumnType<unknown, string, string>;

export interface PersonsTable {
  id: Generated<string>;
  org_id: string;
  first_name: string;
  last_name: string;
  birth_date: string | null;
  phone: string | null;
  email: string | null;
  merged_into: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface PersonMatchKeysTable {
  org_id: string;
  key: string;
  person_id: string;
}
export interface PersonDistinctPairsTable {
  org_id: string;
  person_a: string;
  person_b: string;
  decided_by: string | null;
  decided_at: Timestamp;
}
export interface HouseholdsTable {
  id: Generated<string>;
  org_id: string;
  street: string;
  house_number: string;
  postal_code: string;
  city: string;
  address_key: string;
  municipality_id: string | null;
  size: number | null;
  children: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface HouseholdMembersTable {
  org_id: string;
  household_id: string;
  person_id: string;
  role: string;
}
export interface CasesTable {
  id: Generated<string>;
  org_id: string;
  case_number: string;
  household_id: string;
  location_id: string | null;
  assigned_user_id: string | null;
  status: Generated<string>;
  state: Generated<string>;
  received_on: string;
  first_contact_due: string;
  first_contact_attempt_at: Date | null;
  children: number | null;
  vulnerable: Generated<boolean>;
  routing_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface NoticesTable {
  id: Generated<string>;
  org_id: string;
  source_org_id: string;
  receipt_id: string;
  external_id: string;
  kind: string;
  channel: string;
  received_on: string;
  case_id: string;
  household_match: string;
  payload: Json;
  created_by: string | null;
  created_at: Timestamp;
}
export interface NoticeReceiptsTable {
  id: Generated<string>;
  org_id: string;
  external_id: string;
  kind: string;
  channel: string;
  received_on: string;
  status: Generated<string>;
  submitted_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface CaseTenantsTable {
  org_id: string;
  case_id: string;
  person_id: string;
  served_on: DateCol;
}
export interface CaseLegalTable {
  case_id: string;
  org_id: string;
  landlord: ColumnType<unknown, string | null | undefined, string | null>;
  monthly_rent: number | null;
  arrears: number | null;
  termination_type: string | null;
  termination_received_on: DateCol;
  court_name: string | null;
  court_file_number: string | null;
  suit_filed_on: DateCol;
  hearing_on: DateCol;
  eviction_on: DateCol;
  judgment_final_on: DateCol;
  raeumungsfrist_end: DateCol;
  earlier_cured_terminations: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
}
export interface CaseDeadlinesTable {
  org_id: string;
  case_id: string;
  kind: string;
  date: string;
  raw_date: string | null;
  act_by: string | null;
  estimate: Generated<boolean>;
  basis: string;
  shifts: Json;
  warnings: Json;
  computed_at: Timestamp;
}
export interface MatchReviewsTable {
  id: Generated<string>;
  org_id: string;
  person_id: string;
  candidate_id: string;
  score: number;
  reasons: Json;
  status: Generated<string>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Timestamp;
}
export interface PersonMergesTable {
  id: Generated<string>;
  org_id: string;
  survivor_id: string;
  merged_id: string;
  merged_by: string | null;
  merged_at: Timestamp;
  split_by: string | null;
  split_at: Date | null;
}
export interface ApiKeysTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
export interface ImportJobsTable {
  id: Generated<string>;
  org_id: string;
  file_name: string;
  file_sha256: string;
  status: string;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  imported_rows: Generated<number>;
  duplicate_rows: Generated<number>;
  rejected_rows: Generated<number>;
  rejections: ColumnType<unknown, string | undefined, string>;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
  // migrations/004_imports.sql
  file_type: Generated<string>;
  pending_rows: ColumnType<unknown, string | null | undefined, string | null>;
  next_index: Generated<number>;
  lease_token: string | null;
  leased_until: Date | null;
  request_id: string | null;
  error: string | null;
}
