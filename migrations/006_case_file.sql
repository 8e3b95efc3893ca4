-- The household case file: members with their relation, target groups, living situation
-- (ETHOS Light), income, tenancy with the rent split, arrears history, the legal timeline, contact
-- data and language; special categories of data (health, addiction, criminal record) in a table of
-- their own that row-level security opens only to staff with the sensitive-data permission; case
-- handovers and absence substitutes. Catalogue codes are checked in domain/casework/casefile.ts.

-- Data fixes below must see every organisation's rows, also where the migrating role is not a
-- superuser (row-level security is forced on these tables).
select set_config('app.internal', 'on', true);

-- The additive role for special categories of data (contracts/roles.ts) must be storable.
alter table users drop constraint users_roles_valid;
alter table users add constraint users_roles_valid check (
  roles <@ array['caseworker','team_lead','finance','statistics','org_admin','reporter','system_admin','sensitive_data']::text[]
  and cardinality(roles) > 0);

-- ---- household members: their relation to the tenancy ------------------------------------------
alter table household_members drop constraint household_members_role_check;
update household_members set role = 'co_tenant' where role = 'tenant';
update household_members set role = 'other' where role = 'member';
-- Intake knew only "tenant": the first recorded tenant of each household becomes its main tenant.
update household_members hm set role = 'main_tenant'
  from (
    select distinct on (m.household_id) m.household_id, m.person_id
    from household_members m join persons p on p.id = m.person_id
    where m.role = 'co_tenant'
    order by m.household_id, p.created_at, p.id
  ) first
  where hm.household_id = first.household_id and hm.person_id = first.person_id;
alter table household_members alter column role set default 'co_tenant';
alter table household_members add constraint household_members_role_check
  check (role in ('main_tenant', 'co_tenant', 'partner', 'child', 'relative', 'other'));
-- The order the case file lists the members in.
alter table household_members add column position integer not null default 0;

-- ---- the case: situation, contact, language -----------------------------------------------------
alter table cases
  add column target_groups text[] not null default '{}',
  add column living_situation text,           -- an ETHOS living-situation code (it implies the category)
  add column living_situation_since date,
  add column income_sources text[] not null default '{}',
  add column income_note text,
  add column contact_phone text,
  add column contact_email text,
  add column contact_address text,            -- postal address, where it differs from the household's
  add column contact_times text,              -- when the household is best reached
  add column preferred_language text check (preferred_language ~ '^[a-z]{2}$'), -- ISO 639-1
  add column interpreter_needed boolean not null default false;

-- ---- tenancy and legal timeline ---------------------------------------------------------------
alter table case_legal
  add column base_rent numeric(10,2) check (base_rent >= 0),
  add column service_charges numeric(10,2) check (service_charges >= 0),
  add column heating_costs numeric(10,2) check (heating_costs >= 0),
  add column tenancy_start date,
  add column floor_area numeric(7,2) check (floor_area > 0),
  add column judgment_on date;

-- Dated arrears: the history of what was owed; the latest entry is the case's current arrears.
create table case_arrears (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  recorded_on date not null,
  amount numeric(10,2) not null check (amount >= 0),
  months numeric(4,1) check (months >= 0),
  note text,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index case_arrears_case_idx on case_arrears (case_id, recorded_on);

-- ---- special categories of personal data (Art. 9 and 10 GDPR) ----------------------------------
-- The application sets app.sensitive per transaction from the actor's permissions; without it the
-- rows do not exist for the application role, whatever the code asks for.
create function app_sensitive() returns boolean language sql stable as
  $$ select coalesce(current_setting('app.sensitive', true), '') = 'on' $$;

create table case_sensitive (
  case_id uuid primary key references cases(id) on delete cascade,
  org_id uuid not null references organisations(id),
  markers text[] not null default '{}',
  health_note text,
  addiction_note text,
  criminal_record_note text,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
alter table case_sensitive enable row level security;
alter table case_sensitive force row level security;
create policy case_sensitive_need_to_know on case_sensitive for all
  using ((org_id = app_org() and app_sensitive()) or app_internal())
  with check ((org_id = app_org() and app_sensitive()) or app_internal());
grant select, insert, update, delete on case_sensitive to bleibe_app;

-- ---- handover and absences ----------------------------------------------------------------------
create table case_handovers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  from_user_id uuid references users(id),
  to_user_id uuid not null references users(id),
  note text not null,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index case_handovers_case_idx on case_handovers (case_id, created_at);

-- While a user is away, the substitute sees the user's cases in their own work queue.
create table user_absences (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  user_id uuid not null references users(id),
  substitute_user_id uuid not null references users(id),
  starts_on date not null,
  ends_on date not null,
  note text,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  check (ends_on >= starts_on),
  check (substitute_user_id <> user_id)
);
create index user_absences_substitute_idx on user_absences (substitute_user_id, ends_on);
create index user_absences_user_idx on user_absences (user_id, ends_on);

do $$
declare t text;
begin
  foreach t in array array['case_arrears', 'case_handovers', 'user_absences']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for all using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal())', t || '_tenant', t);
    execute format('grant select, insert, update, delete on %I to bleibe_app', t);
  end loop;
end $$;
