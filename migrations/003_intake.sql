-- Early-warning intake: notices from courts, Jobcenters, landlords and walk-ins; the persons and
-- households they are about; cases with their legal deadlines; person matching with a review queue;
-- partner API keys and bulk imports.
--
-- Ownership: case data (persons, households, cases, deadlines, notices) belongs to the organisation
-- the case is routed to (org_id). The sending partner owns only a receipt with the status of what it
-- sent (notice_receipts.org_id = sender) and never sees case content.

create extension if not exists pg_trgm;

create table persons (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  first_name text not null,
  last_name text not null,
  birth_date date,
  phone text,
  email text,
  -- Reversible merge: a merged record points at the surviving one and keeps all its links.
  merged_into uuid references persons(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index persons_org_idx on persons (org_id);
create index persons_name_trgm on persons using gin ((lower(first_name || ' ' || last_name)) gin_trgm_ops);

-- Blocking keys (domain/matching/blocking.ts): candidates for a new record share at least one key.
create table person_match_keys (
  org_id uuid not null references organisations(id),
  key text not null,
  person_id uuid not null references persons(id) on delete cascade,
  primary key (org_id, key, person_id)
);

-- "Not the same person": a decision automatic matching never undoes.
create table person_distinct_pairs (
  org_id uuid not null references organisations(id),
  person_a uuid not null references persons(id),
  person_b uuid not null references persons(id),
  decided_by uuid references users(id),
  decided_at timestamptz not null default now(),
  primary key (person_a, person_b),
  check (person_a < person_b)
);

create table households (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  street text not null,
  house_number text not null,
  postal_code text not null,
  city text not null,
  address_key text not null, -- normalised street|number|postal code, for household matching
  municipality_id uuid references municipalities(id),
  size integer check (size between 1 and 30),
  children integer check (children between 0 and 25),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index households_org_address_idx on households (org_id, address_key);

create table household_members (
  org_id uuid not null references organisations(id),
  household_id uuid not null references households(id) on delete cascade,
  person_id uuid not null references persons(id),
  role text not null default 'tenant' check (role in ('tenant','member')),
  primary key (household_id, person_id)
);
create index household_members_person_idx on household_members (person_id);

create sequence case_number_seq;

create table cases (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_number text not null unique, -- internal file number, e.g. 2026-000123
  household_id uuid not null references households(id),
  location_id uuid references locations(id),
  assigned_user_id uuid references users(id),
  status text not null default 'new' check (status in ('new','open','closed')),
  state text not null default 'NW', -- Land whose public holidays count for the deadlines
  received_on date not null,        -- first notice
  first_contact_due date not null,
  first_contact_attempt_at timestamptz,
  children integer,
  vulnerable boolean not null default false,
  routing_note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index cases_org_status_idx on cases (org_id, status);
create index cases_assignee_idx on cases (assigned_user_id) where status <> 'closed';
create index cases_household_idx on cases (household_id);

create table notices (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),        -- the organisation handling the case
  source_org_id uuid not null references organisations(id), -- who sent it
  receipt_id uuid not null,
  external_id text not null,
  kind text not null check (kind in ('court_eviction_suit','jobcenter_warning','landlord_notice',
    'termination_notice','eviction_date','self_referral','other')),
  channel text not null check (channel in ('web','portal','api','import')),
  received_on date not null,
  case_id uuid not null references cases(id),
  household_match text not null check (household_match in ('new','linked','review')),
  payload jsonb not null, -- the notice as received (validated), for the case file
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index notices_case_idx on notices (case_id);
-- The idempotency key of every way in: one notice per sender and external id.
create unique index notices_source_external_key on notices (source_org_id, external_id);
create index notices_org_idx on notices (org_id, created_at desc);
create index notices_file_number_idx on notices ((payload->'court'->>'fileNumber'));

-- What a sending partner may see of what it sent: the status, nothing else.
create table notice_receipts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id), -- the sender
  external_id text not null,
  kind text not null,
  channel text not null,
  received_on date not null,
  status text not null default 'received' check (status in ('received','in_progress','contact_made','closed')),
  submitted_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, external_id)
);

-- Tenants of a case with the date the eviction suit was served on each (Schonfrist runs from the last).
create table case_tenants (
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  person_id uuid not null references persons(id),
  served_on date,
  primary key (case_id, person_id)
);

-- Legal facts of the case (one row per case), from the notices and later edits.
create table case_legal (
  case_id uuid primary key references cases(id) on delete cascade,
  org_id uuid not null references organisations(id),
  landlord jsonb,
  monthly_rent numeric(10,2),
  arrears numeric(10,2),
  termination_type text check (termination_type in ('without_notice','ordinary','both')),
  termination_received_on date,
  court_name text,
  court_file_number text,
  suit_filed_on date,
  hearing_on date,
  eviction_on date,
  judgment_final_on date,
  raeumungsfrist_end date,
  earlier_cured_terminations date[] not null default '{}',
  version integer not null default 1
);
create index case_legal_file_number_idx on case_legal (lower(court_file_number));

create table case_deadlines (
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  kind text not null,
  date date not null,
  raw_date date,
  act_by date, -- backward deadlines on a non-working day: act by the working day before
  estimate boolean not null default false,
  basis text not null,
  shifts jsonb not null default '[]',
  warnings jsonb not null default '[]',
  computed_at timestamptz not null default now(),
  primary key (case_id, kind)
);
create index case_deadlines_org_date_idx on case_deadlines (org_id, date);

create table match_reviews (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  person_id uuid not null references persons(id),     -- the new record
  candidate_id uuid not null references persons(id),  -- the existing record it may be
  score double precision not null,
  reasons jsonb not null,
  status text not null default 'open' check (status in ('open','merged','distinct')),
  decided_by uuid references users(id),
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  unique (person_id, candidate_id)
);
create index match_reviews_open_idx on match_reviews (org_id) where status = 'open';

create table person_merges (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  survivor_id uuid not null references persons(id),
  merged_id uuid not null references persons(id),
  merged_by uuid references users(id),
  merged_at timestamptz not null default now(),
  split_by uuid references users(id),
  split_at timestamptz
);

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  name text not null,
  prefix text not null,         -- first characters, shown so people can tell keys apart
  key_hash text not null unique, -- sha256 of the whole key; the key itself is shown once
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table import_jobs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  file_name text not null,
  file_sha256 text not null,
  status text not null check (status in ('preview','running','done','failed')),
  total_rows integer not null default 0,
  processed_rows integer not null default 0,
  imported_rows integer not null default 0,
  duplicate_rows integer not null default 0,
  rejected_rows integer not null default 0,
  rejections jsonb not null default '[]',
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  finished_at timestamptz
);

-- ---- row-level security ------------------------------------------------------
do $$
declare t text;
begin
  foreach t in array array['persons','person_match_keys','person_distinct_pairs','households','household_members',
    'cases','notices','case_tenants','case_legal','case_deadlines','match_reviews','person_merges','import_jobs']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for all using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal())', t || '_tenant', t);
    execute format('grant select, insert, update, delete on %I to bleibe_app', t);
  end loop;
end $$;

alter table notice_receipts enable row level security;
alter table notice_receipts force row level security;
create policy notice_receipts_sender on notice_receipts for all
  using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal());
grant select on notice_receipts to bleibe_app;

-- API keys: managed by the owning organisation's administrators; looked up by hash internally.
alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy api_keys_tenant on api_keys for all
  using (org_id = app_org() or app_global_admin() or app_internal())
  with check (org_id = app_org() or app_global_admin() or app_internal());
grant select (id, org_id, name, prefix, created_by, created_at, last_used_at, revoked_at) on api_keys to bleibe_app;
grant insert, update on api_keys to bleibe_app;
grant usage on sequence case_number_seq to bleibe_app;
