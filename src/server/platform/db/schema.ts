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
  // migrations/011_directory.sql
  directory_organizations: DirectoryOrganizationsTable;
  directory_locations: DirectoryLocationsTable;
  directory_services: DirectoryServicesTable;
  directory_service_categories: DirectoryServiceCategoriesTable;
  directory_service_areas: DirectoryServiceAreasTable;
  directory_service_locations: DirectoryServiceLocationsTable;
  directory_contacts: DirectoryContactsTable;
  directory_phones: DirectoryPhonesTable;
  directory_schedules: DirectorySchedulesTable;
  directory_languages: DirectoryLanguagesTable;
  // migrations/008_documents_letters.sql
  documents: DocumentsTable;
  letter_templates: LetterTemplatesTable;
  letterheads: LetterheadsTable;
  // migrations/006_case_file.sql
  case_arrears: CaseArrearsTable;
  case_sensitive: CaseSensitiveTable;
  case_handovers: CaseHandoversTable;
  user_absences: UserAbsencesTable;
  // migrations/009_appointments_measures.sql
  location_office_hours: LocationOfficeHoursTable;
  appointments: AppointmentsTable;
  measure_types: MeasureTypesTable;
  measure_settings: MeasureSettingsTable;
  measures: MeasuresTable;
  rent_debt_applications: RentDebtApplicationsTable;
  // migrations/007_outreach.sql
  contact_attempts: ContactAttemptsTable;
  case_notes: CaseNotesTable;
  case_closures: CaseClosuresTable;
  tasks: TasksTable;
  reminders: RemindersTable;
  // migrations/013_network.sql
  network_meetings: NetworkMeetingsTable;
  network_agenda_items: NetworkAgendaItemsTable;
  network_participants: NetworkParticipantsTable;
  network_actions: NetworkActionsTable;
  partner_agreements: PartnerAgreementsTable;
  // migrations/012_consents.sql
  consents: ConsentsTable;
  consent_recipients: ConsentRecipientsTable;
  consent_events: ConsentEventsTable;
  disclosures: DisclosuresTable;
  // migrations/015_housing.sql
  accommodations: AccommodationsTable;
  shelter_placements: ShelterPlacementsTable;
  case_living_situations: CaseLivingSituationsTable;
  landlords: LandlordsTable;
  landlord_contacts: LandlordContactsTable;
  landlord_agreements: LandlordAgreementsTable;
  adequacy_areas: AdequacyAreasTable;
  adequacy_tables: AdequacyTablesTable;
  adequacy_limits: AdequacyLimitsTable;
  housing_searches: HousingSearchesTable;
  flat_offers: FlatOffersTable;
  offer_proposals: OfferProposalsTable;
  tenancy_followups: TenancyFollowupsTable;
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
  // migrations/017_official_statistics.sql
  sex: ColumnType<PersonSexCol | null, PersonSexCol | null | undefined, PersonSexCol | null>;
  nationality: ColumnType<string | null, string | null | undefined, string | null>;
}
type PersonSexCol = 'female' | 'male' | 'diverse' | 'unspecified';
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
  position: Generated<number>; // 006
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
  // migrations/006_case_file.sql
  target_groups: ColumnType<string[], string[] | undefined, string[]>;
  living_situation: string | null;
  living_situation_since: DateCol;
  income_sources: ColumnType<string[], string[] | undefined, string[]>;
  income_note: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  contact_address: string | null;
  contact_times: string | null;
  preferred_language: string | null;
  interpreter_needed: Generated<boolean>;
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
  // migrations/006_case_file.sql
  base_rent: number | null;
  service_charges: number | null;
  heating_costs: number | null;
  tenancy_start: DateCol;
  floor_area: number | null;
  judgment_on: DateCol;
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

// ---- outreach, record, tasks, closure (migrations/007_outreach.sql) ----
export interface ContactAttemptsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  channel: string;
  planned_on: DateCol;
  attempted_at: Date | null;
  outcome: string | null;
  notes: string | null;
  assignee_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface CaseNotesTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  noted_on: string;
  minutes: number | null;
  text: string;
  created_by: string | null;
  created_at: Timestamp;
}
export interface CaseClosuresTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  closed_on: string;
  closed_at: Timestamp;
  closed_by: string | null;
  outcome: string;
  causes: ColumnType<string[], string[] | undefined, string[]>;
  not_reached_reason: string | null;
  home_visits: Generated<number>;
  note: string | null;
  reopened_at: Date | null;
  reopened_by: string | null;
  reopen_reason: string | null;
}
export interface TasksTable {
  id: Generated<string>;
  org_id: string;
  case_id: string | null;
  kind: Generated<string>;
  title: string | null;
  due_on: string;
  assignee_id: string;
  status: Generated<string>;
  done_at: Date | null;
  done_by: string | null;
  closure_id: string | null;
  follow_up_months: number | null;
  follow_up_answer: string | null;
  reminded_for: DateCol;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface RemindersTable {
  id: Generated<string>;
  org_id: string;
  user_id: string;
  task_id: string;
  due_on: string;
  created_at: Timestamp;
  read_at: Date | null;
}

// ---- appointments and measures (migrations/009_appointments_measures.sql) ----
/** A nullable `date` column: 'YYYY-MM-DD' or null (both engines return dates as strings). */
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>;
export interface LocationOfficeHoursTable {
  id: Generated<string>;
  org_id: string;
  location_id: string;
  weekday: number;
  /** 'HH:MM:SS' */
  opens: string;
  closes: string;
  note: string | null;
}
export interface AppointmentsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  location_id: string | null;
  user_id: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  status: Generated<string>;
  kind: Generated<string>;
  outside_office_hours: Generated<boolean>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface MeasureTypesTable {
  id: Generated<string>;
  org_id: string;
  key: string;
  category: string;
  label: string;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface MeasureSettingsTable {
  org_id: string;
  schonfrist_warning_days: Generated<number>;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface MeasuresTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  type_id: string;
  category: string;
  status: string | null;
  started_on: NullableDay;
  due_on: NullableDay;
  completed_on: NullableDay;
  amount: number | null;
  counterpart: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface RentDebtApplicationsTable {
  id: string;
  org_id: string;
  case_id: string;
  deciding_org_id: string | null;
  status: Generated<string>;
  amount: number;
  body: string;
  form: string;
  reasoning: string | null;
  submitted_at: Date | null;
  submitted_by: string | null;
  submitted_by_name: string | null;
  case_number: string | null;
  applicant_names: string | null;
  household_address: string | null;
  landlord_name: string | null;
  schonfrist_end: NullableDay;
  schonfrist_estimate: boolean | null;
  decided_amount: number | null;
  decided_form: string | null;
  decided_on: NullableDay;
  decision_note: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  commitment_on: NullableDay;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

// ---- the household case file (migrations/006_case_file.sql) ----
export interface CaseArrearsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  recorded_on: string;
  amount: number;
  months: number | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}
/** Special categories of data: row-level security opens it only with app.sensitive = on. */
export interface CaseSensitiveTable {
  case_id: string;
  org_id: string;
  markers: ColumnType<string[], string[] | undefined, string[]>;
  health_note: string | null;
  addiction_note: string | null;
  criminal_record_note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface CaseHandoversTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  from_user_id: string | null;
  to_user_id: string;
  note: string;
  created_by: string;
  created_at: Timestamp;
}
export interface UserAbsencesTable {
  id: Generated<string>;
  org_id: string;
  user_id: string;
  substitute_user_id: string;
  starts_on: string;
  ends_on: string;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
}

// ---- documents and letters (migrations/008_documents_letters.sql) ----
export interface DocumentsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  kind: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  note: string | null;
  letter_template: string | null;
  letter_language: string | null;
  appointment_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  deleted_at: Date | null;
  deleted_by: string | null;
}
export interface LetterTemplatesTable {
  id: Generated<string>;
  org_id: string;
  template: string;
  language: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface LetterheadsTable {
  org_id: string;
  sender_name: string | null;
  footer: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

// ---- migrations/011_directory.sql: the partner directory (HSDS 3.0) ----
export interface DirectoryOrganizationsTable {
  id: string;
  bleibe_org_id: string | null;
  name: string;
  alternate_name: string | null;
  description: string;
  email: string | null;
  website: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface DirectoryLocationsTable {
  id: string;
  organization_id: string;
  location_type: string;
  name: string | null;
  description: string | null;
  address_id: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  state_province: string | null;
  country: string | null;
  municipality_id: string | null;
  transportation: string | null;
  accessibility_id: string | null;
  accessibility: string | null;
  latitude: number | null;
  longitude: number | null;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface DirectoryServicesTable {
  id: string;
  organization_id: string;
  name: string;
  alternate_name: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  status: string;
  application_process: string | null;
  eligibility_description: string | null;
  fees_description: string | null;
  interpretation_services: string | null;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface DirectoryServiceCategoriesTable {
  id: string;
  organization_id: string;
  service_id: string;
  category: string;
  position: number;
}
export interface DirectoryServiceAreasTable {
  id: string;
  organization_id: string;
  service_id: string;
  municipality_id: string;
  position: number;
}
export interface DirectoryServiceLocationsTable {
  id: string;
  organization_id: string;
  service_id: string;
  location_id: string;
  description: string | null;
  position: number;
}
export interface DirectoryContactsTable {
  id: string;
  organization_id: string;
  service_id: string | null;
  location_id: string | null;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
  position: number;
}
export interface DirectoryPhonesTable {
  id: string;
  organization_id: string;
  service_id: string | null;
  location_id: string | null;
  contact_id: string | null;
  number: string;
  description: string | null;
  position: number;
}
export interface DirectorySchedulesTable {
  id: string;
  organization_id: string;
  service_id: string | null;
  location_id: string | null;
  days: string[];
  opens_at: string;
  closes_at: string;
  note: string | null;
  valid_from: string | null;
  valid_to: string | null;
  position: number;
}
export interface DirectoryLanguagesTable {
  id: string;
  organization_id: string;
  service_id: string | null;
  location_id: string | null;
  code: string;
  position: number;
}

// ---- consents and disclosures (migrations/012_consents.sql) ----
type TextArray = ColumnType<string[], string[], string[]>;
export interface ConsentsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  person_id: string;
  purposes: TextArray;
  categories: TextArray;
  given_on: string;
  valid_until: string | null;
  open_ended: Generated<boolean>;
  form: string;
  witness: string | null;
  document_id: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
  revoked_on: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_note: string | null;
}
export interface ConsentRecipientsTable {
  id: Generated<string>;
  org_id: string;
  consent_id: string;
  kind: 'organisation' | 'directory' | 'landlord';
  recipient_org_id: string | null;
  directory_organization_id: string | null;
  name: string;
}
export interface ConsentEventsTable {
  id: Generated<string>;
  org_id: string;
  consent_id: string;
  at: Timestamp;
  user_id: string | null;
  event: string;
  disclosure_id: string | null;
  details: unknown;
}
export interface DisclosuresTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  kind: 'share' | 'referral' | 'transfer' | 'status_report';
  consent_id: string;
  recipient_org_id: string | null;
  directory_organization_id: string | null;
  directory_service_id: string | null;
  recipient_name: string;
  categories: TextArray;
  payload: Json;
  message: string | null;
  status: Generated<string>;
  response_reason: string | null;
  responded_at: Date | null;
  responded_by: string | null;
  reply_due_on: string | null;
  new_case_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  ended_at: Date | null;
  end_reason: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

// ---- network work (migrations/013_network.sql) ----
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
export interface NetworkMeetingsTable {
  id: Generated<string>;
  org_id: string;
  kind: 'district_network' | 'steering_group' | 'working_group';
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string | null;
  municipality_id: string | null;
  status: ColumnType<'planned' | 'held' | 'cancelled', 'planned' | 'held' | 'cancelled' | undefined, 'planned' | 'held' | 'cancelled'>;
  minutes: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface NetworkAgendaItemsTable {
  id: Generated<string>;
  org_id: string;
  meeting_id: string;
  position: number;
  title: string;
  presenter: string | null;
}
export interface NetworkParticipantsTable {
  id: Generated<string>;
  org_id: string;
  meeting_id: string;
  position: number;
  participant_org_id: string | null;
  directory_organization_id: string | null;
  organisation_name: string | null;
  person_name: string | null;
  person_function: string | null;
  attended: boolean | null;
}
export interface NetworkActionsTable {
  id: Generated<string>;
  org_id: string;
  meeting_id: string;
  text: string;
  responsible_org_id: string | null;
  responsible_directory_organization_id: string | null;
  responsible_org_name: string | null;
  responsible_name: string | null;
  due_on: NullableDate;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
  done_on: NullableDate;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface PartnerAgreementsTable {
  id: Generated<string>;
  org_id: string;
  directory_organization_id: string;
  kind: 'cooperation' | 'referral_pathway' | 'data_processing' | 'other';
  title: string;
  subject: string | null;
  valid_from: string;
  valid_until: NullableDate;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

// ---- housing (migrations/015_housing.sql) ----
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type AccommodationKindCol = 'emergency_shelter' | 'transitional_housing' | 'refugee_accommodation' | 'hostel' | 'temporary_flat';
type MoveOutReasonCol = 'own_flat' | 'other_accommodation' | 'relatives' | 'institution' | 'unknown' | 'other';
export interface AccommodationsTable {
  id: Generated<string>;
  org_id: string;
  kind: AccommodationKindCol;
  name: string;
  provider: string | null;
  street: string | null;
  house_number: string | null;
  postal_code: string | null;
  city: string | null;
  municipality_id: string;
  places: number;
  active: WithDefault<boolean>;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  // migrations/017_official_statistics.sql
  provision_type: WithDefault<'short_term' | 'semi_residential' | 'residential' | 'other'>;
  provider_type: WithDefault<'supra_local_social_assistance' | 'municipality' | 'voluntary' | 'commercial' | 'other'>;
  welfare_association: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface CaseLivingSituationsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  living_situation: string | null;
  valid_from: string;
  recorded_at: Generated<Date>;
}
export interface ShelterPlacementsTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  accommodation_id: string;
  persons: number;
  moved_in_on: string;
  moved_out_on: NullableDate;
  move_out_reason: ColumnType<MoveOutReasonCol | null, MoveOutReasonCol | null | undefined, MoveOutReasonCol | null>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface LandlordsTable {
  id: Generated<string>;
  org_id: string;
  kind: 'private' | 'housing_company' | 'cooperative' | 'municipal_company' | 'other';
  name: string;
  street: string | null;
  house_number: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  shared: WithDefault<boolean>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface LandlordContactsTable {
  id: Generated<string>;
  org_id: string;
  landlord_id: string;
  position: number;
  name: string;
  function: string | null;
  phone: string | null;
  email: string | null;
}
export interface LandlordAgreementsTable {
  id: Generated<string>;
  org_id: string;
  landlord_id: string;
  title: string;
  valid_from: string;
  valid_until: NullableDate;
  flats_per_year: number | null;
  subject: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface AdequacyAreasTable {
  id: Generated<string>;
  name: string;
  municipality_ids: WithDefault<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface AdequacyTablesTable {
  id: Generated<string>;
  area_id: string;
  valid_from: string;
  valid_until: NullableDate;
  source: string | null;
  extra_person_rent: number | null;
  extra_person_area: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface AdequacyLimitsTable {
  table_id: string;
  household_size: number;
  gross_cold_rent: number;
  floor_area: number;
}
type SearchStatusCol = 'active' | 'paused' | 'housed' | 'ended';
export interface HousingSearchesTable {
  id: Generated<string>;
  org_id: string;
  case_id: string;
  status: WithDefault<SearchStatusCol>;
  started_on: string;
  ended_on: NullableDate;
  persons: number;
  children: WithDefault<number>;
  min_rooms: number | null;
  needs_step_free: WithDefault<boolean>;
  has_wbs: WithDefault<boolean>;
  preferred_municipality_ids: WithDefault<string[]>;
  needed_by: NullableDate;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
type OfferStatusCol = 'open' | 'reserved' | 'let' | 'withdrawn';
export interface FlatOffersTable {
  id: Generated<string>;
  org_id: string;
  landlord_id: string;
  street: string;
  house_number: string;
  postal_code: string;
  city: string;
  municipality_id: string;
  floor_area: number;
  rooms: number;
  floor: number;
  step_free: WithDefault<boolean>;
  lift: WithDefault<boolean>;
  base_rent: number;
  service_charges: number;
  heating_costs: number;
  deposit: number | null;
  available_from: string;
  wbs_required: WithDefault<boolean>;
  status: WithDefault<OfferStatusCol>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
type ProposalStatusCol =
  | 'proposed'
  | 'viewing_planned'
  | 'viewed'
  | 'accepted_by_landlord'
  | 'declined_by_landlord'
  | 'declined_by_household'
  | 'withdrawn'
  | 'lease_signed';
export interface OfferProposalsTable {
  id: Generated<string>;
  org_id: string;
  offer_id: string;
  search_id: string;
  case_id: string;
  status: WithDefault<ProposalStatusCol>;
  proposed_on: string;
  viewing_at: Date | string | null;
  viewing_place: string | null;
  accompanied_by: string | null;
  decided_on: NullableDate;
  decline_reason: string | null;
  lease_signed_on: NullableDate;
  tenancy_start: NullableDate;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface TenancyFollowupsTable {
  proposal_id: string;
  org_id: string;
  months: number;
  due_on: string;
  in_place: boolean | null;
  checked_on: NullableDate;
  note: string | null;
}
