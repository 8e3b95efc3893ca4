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
