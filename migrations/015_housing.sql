-- Housing (issue 5): the emergency-shelter register with placements, landlords with contact
-- persons and cooperation agreements, rent-adequacy tables (KdU Angemessenheitsgrenzen) per
-- comparison area with validity periods, searching households, flat offers, and proposals of a
-- household for an offer through viewing to the signed lease.
--
-- What is client data and what is not:
-- - Accommodations and the adequacy tables are district information: every signed-in user reads
--   them. The owner organisation (for adequacy tables: system administrators) writes them.
-- - Landlords are not clients, but they are people too (private landlords): an organisation
--   keeps its landlords to itself unless it marks one as shared within the district.
-- - Placements, searches, offers and proposals name households: they belong to one organisation,
--   like cases. Occupancy across organisations comes from accommodation_occupancy(), which
--   returns counts only.

-- ---- shelter register (Unterbringung) ------------------------------------------------------
create table accommodations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  kind text not null check (kind in ('emergency_shelter', 'transitional_housing', 'refugee_accommodation', 'hostel', 'temporary_flat')),
  name text not null check (length(name) between 1 and 200),
  -- Who runs it (the municipality, a Träger, a private operator): free text, as on the contract.
  provider text check (length(provider) <= 200),
  street text check (length(street) <= 200),
  house_number text check (length(house_number) <= 20),
  postal_code text check (postal_code ~ '^\d{5}$'),
  city text check (length(city) <= 100),
  municipality_id uuid not null references municipalities(id),
  places integer not null check (places between 0 and 10000),
  active boolean not null default true,
  note text check (length(note) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index accommodations_municipality_idx on accommodations (municipality_id);
create unique index accommodations_name_key on accommodations (org_id, lower(name));

-- A household's stay in an accommodation; persons counts the household members placed there.
create table shelter_placements (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  accommodation_id uuid not null references accommodations(id),
  persons integer not null check (persons between 1 and 30),
  moved_in_on date not null,
  moved_out_on date,
  move_out_reason text check (move_out_reason in ('own_flat', 'other_accommodation', 'relatives', 'institution', 'unknown', 'other')),
  note text check (length(note) <= 2000),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (moved_out_on is null or moved_out_on >= moved_in_on),
  check ((moved_out_on is null) = (move_out_reason is null))
);
-- A household stays in one place at a time.
create unique index shelter_placements_open_key on shelter_placements (case_id) where moved_out_on is null;
create index shelter_placements_case_idx on shelter_placements (case_id, moved_in_on);
create index shelter_placements_accommodation_idx on shelter_placements (accommodation_id) where moved_out_on is null;
create index shelter_placements_long_idx on shelter_placements (org_id, moved_in_on) where moved_out_on is null;

-- ---- landlords --------------------------------------------------------------------------------
create table landlords (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  kind text not null check (kind in ('private', 'housing_company', 'cooperative', 'municipal_company', 'other')),
  name text not null check (length(name) between 1 and 200),
  street text check (length(street) <= 200),
  house_number text check (length(house_number) <= 20),
  postal_code text check (postal_code ~ '^\d{5}$'),
  city text check (length(city) <= 100),
  phone text check (length(phone) <= 40),
  email text check (length(email) <= 254),
  -- The organisations of the district read a shared landlord (never its clients' data).
  shared boolean not null default false,
  note text check (length(note) <= 4000),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index landlords_name_idx on landlords (lower(name));
create index landlords_shared_idx on landlords (shared) where shared;

create table landlord_contacts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  landlord_id uuid not null references landlords(id) on delete cascade,
  position integer not null check (position >= 0),
  name text not null check (length(name) between 1 and 200),
  function text check (length(function) <= 200),
  phone text check (length(phone) <= 40),
  email text check (length(email) <= 254),
  unique (landlord_id, position)
);

-- Kooperationsvereinbarung: the landlord agrees to let a number of flats a year (the quota) to
-- households the organisation proposes; the organisation stays the landlord's contact.
create table landlord_agreements (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  landlord_id uuid not null references landlords(id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  valid_from date not null,
  valid_until date,
  flats_per_year integer check (flats_per_year between 0 and 10000),
  subject text check (length(subject) <= 4000),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (valid_until is null or valid_until >= valid_from)
);
create index landlord_agreements_landlord_idx on landlord_agreements (landlord_id);

-- ---- adequacy limits (Angemessenheitsgrenzen der Kosten der Unterkunft) -------------------------
-- A comparison area (Vergleichsraum) groups municipalities with one price level; its tables are
-- replaced over time (each with a validity period) as the local concept is updated.
create table adequacy_areas (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  municipality_ids uuid[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index adequacy_areas_name_key on adequacy_areas (lower(name));

create table adequacy_tables (
  id uuid primary key default gen_random_uuid(),
  area_id uuid not null references adequacy_areas(id) on delete cascade,
  valid_from date not null,
  valid_until date,
  -- Where the figures come from (the local concept, its date).
  source text check (length(source) <= 500),
  -- Households larger than the largest row: these amounts for each further person.
  extra_person_rent numeric(10,2) check (extra_person_rent >= 0),
  extra_person_area numeric(7,2) check (extra_person_area >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (valid_until is null or valid_until >= valid_from)
);
create index adequacy_tables_area_idx on adequacy_tables (area_id, valid_from);

create table adequacy_limits (
  table_id uuid not null references adequacy_tables(id) on delete cascade,
  household_size integer not null check (household_size between 1 and 30),
  -- Bruttokaltmiete: base rent plus service charges without heating.
  gross_cold_rent numeric(10,2) not null check (gross_cold_rent > 0),
  floor_area numeric(7,2) not null check (floor_area > 0),
  primary key (table_id, household_size)
);

-- ---- brokerage (Wohnraumvermittlung) ---------------------------------------------------------------
-- A household's search: what it needs, as confirmed with the household (the persons moving may
-- differ from the household on file: a member staying behind, a baby on the way).
create table housing_searches (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  status text not null default 'active' check (status in ('active', 'paused', 'housed', 'ended')),
  started_on date not null,
  ended_on date,
  persons integer not null check (persons between 1 and 30),
  children integer not null default 0 check (children >= 0),
  min_rooms numeric(3,1) check (min_rooms between 1 and 20),
  needs_step_free boolean not null default false,
  has_wbs boolean not null default false,
  preferred_municipality_ids uuid[] not null default '{}',
  -- The latest day the household can move in (e.g. the eviction date); null: as soon as possible.
  needed_by date,
  note text check (length(note) <= 2000),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (children < persons),
  check ((status in ('housed', 'ended')) = (ended_on is not null))
);
create unique index housing_searches_case_key on housing_searches (case_id) where status in ('active', 'paused');
-- Matching reads the active searches of one organisation for a household size range.
create index housing_searches_match_idx on housing_searches (org_id, persons) where status = 'active';

create table flat_offers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  landlord_id uuid not null references landlords(id),
  street text not null check (length(street) between 1 and 200),
  house_number text not null check (length(house_number) between 1 and 20),
  postal_code text not null check (postal_code ~ '^\d{5}$'),
  city text not null check (length(city) between 1 and 100),
  municipality_id uuid not null references municipalities(id),
  floor_area numeric(7,2) not null check (floor_area > 0),
  rooms numeric(3,1) not null check (rooms between 1 and 20),
  floor integer not null check (floor between -1 and 60),
  step_free boolean not null default false,
  lift boolean not null default false,
  base_rent numeric(10,2) not null check (base_rent >= 0),
  service_charges numeric(10,2) not null check (service_charges >= 0),
  heating_costs numeric(10,2) not null check (heating_costs >= 0),
  deposit numeric(10,2) check (deposit >= 0),
  available_from date not null,
  wbs_required boolean not null default false,
  status text not null default 'open' check (status in ('open', 'reserved', 'let', 'withdrawn')),
  note text check (length(note) <= 2000),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index flat_offers_org_idx on flat_offers (org_id, status, available_from);
create index flat_offers_landlord_idx on flat_offers (landlord_id);

-- A household proposed for an offer: viewing (with the accompanying colleague), the landlord's
-- decision, the household's own decision, and the signed lease.
create table offer_proposals (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  offer_id uuid not null references flat_offers(id) on delete cascade,
  search_id uuid not null references housing_searches(id) on delete cascade,
  case_id uuid not null references cases(id) on delete cascade,
  status text not null default 'proposed' check (status in (
    'proposed', 'viewing_planned', 'viewed', 'accepted_by_landlord', 'declined_by_landlord',
    'declined_by_household', 'withdrawn', 'lease_signed')),
  proposed_on date not null,
  viewing_at timestamptz,
  viewing_place text check (length(viewing_place) <= 300),
  accompanied_by uuid references users(id),
  decided_on date,
  decline_reason text check (length(decline_reason) <= 1000),
  lease_signed_on date,
  tenancy_start date,
  note text check (length(note) <= 2000),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check ((status = 'lease_signed') = (lease_signed_on is not null and tenancy_start is not null)),
  check (status not in ('declined_by_landlord', 'declined_by_household') or decline_reason is not null)
);
create unique index offer_proposals_key on offer_proposals (offer_id, search_id);
-- One lease per offer.
create unique index offer_proposals_lease_key on offer_proposals (offer_id) where status = 'lease_signed';
create index offer_proposals_case_idx on offer_proposals (case_id);
create index offer_proposals_viewing_idx on offer_proposals (accompanied_by, viewing_at) where viewing_at is not null;

-- A household placed into a flat of the brokerage: the ETHOS catalogue gets "housed" as an
-- extension (contracts/casefile.ts), and the follow-up after 6 and 12 months asks whether the
-- tenancy is still in place.
create table tenancy_followups (
  proposal_id uuid not null references offer_proposals(id) on delete cascade,
  org_id uuid not null references organisations(id),
  months integer not null check (months in (6, 12)),
  due_on date not null,
  -- null: not checked yet.
  in_place boolean,
  checked_on date,
  note text check (length(note) <= 1000),
  primary key (proposal_id, months),
  check ((in_place is null) = (checked_on is null))
);
create index tenancy_followups_due_idx on tenancy_followups (org_id, due_on) where in_place is null;

-- ---- row-level security ------------------------------------------------------------------------
do $$
declare t text;
begin
  -- Client data: the organisation's own rows only.
  foreach t in array array['shelter_placements', 'housing_searches', 'flat_offers', 'offer_proposals', 'tenancy_followups']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for all using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal())', t || '_tenant', t);
    execute format('grant select, insert, update, delete on %I to bleibe_app', t);
  end loop;
end $$;

-- District information, written by its owner.
alter table accommodations enable row level security;
alter table accommodations force row level security;
create policy accommodations_read on accommodations for select using (app_org() is not null or app_global_admin() or app_internal());
create policy accommodations_insert on accommodations for insert with check (org_id = app_org() or app_internal());
create policy accommodations_update on accommodations for update using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal());
create policy accommodations_delete on accommodations for delete using (org_id = app_org() or app_internal());
grant select, insert, update, delete on accommodations to bleibe_app;

-- A landlord and its contacts and agreements: the owner's, and readable by all when shared.
create function landlord_visible(p_landlord uuid) returns boolean language sql stable security definer
set search_path = public, pg_temp as
$$ select exists (select 1 from landlords l where l.id = p_landlord and (l.org_id = app_org() or l.shared)) $$;

alter table landlords enable row level security;
alter table landlords force row level security;
create policy landlords_read on landlords for select using (org_id = app_org() or (shared and app_org() is not null) or app_internal());
create policy landlords_insert on landlords for insert with check (org_id = app_org() or app_internal());
create policy landlords_update on landlords for update using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal());
create policy landlords_delete on landlords for delete using (org_id = app_org() or app_internal());
grant select, insert, update, delete on landlords to bleibe_app;

do $$
declare t text;
begin
  foreach t in array array['landlord_contacts', 'landlord_agreements']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for select using (org_id = app_org() or app_internal() or (app_org() is not null and landlord_visible(landlord_id)))', t || '_read', t);
    execute format('create policy %I on %I for insert with check (org_id = app_org() or app_internal())', t || '_insert', t);
    execute format('create policy %I on %I for update using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal())', t || '_update', t);
    execute format('create policy %I on %I for delete using (org_id = app_org() or app_internal())', t || '_delete', t);
    execute format('grant select, insert, update, delete on %I to bleibe_app', t);
  end loop;
end $$;

-- Adequacy tables: configuration of the district, like municipalities.
do $$
declare t text;
begin
  foreach t in array array['adequacy_areas', 'adequacy_tables', 'adequacy_limits']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for select using (app_org() is not null or app_global_admin() or app_internal())', t || '_read', t);
    execute format('create policy %I on %I for all using (app_global_admin() or app_internal()) with check (app_global_admin() or app_internal())', t || '_write', t);
    execute format('grant select, insert, update, delete on %I to bleibe_app', t);
  end loop;
end $$;

-- Occupancy at a glance across the organisations placing households: counts only, no names.
create function accommodation_occupancy()
returns table (accommodation_id uuid, households bigint, persons bigint)
language sql stable security definer
set search_path = public, pg_temp
-- Placements force row-level security even on their owner: read across organisations here.
set app.internal = 'on'
as $$
  select p.accommodation_id, count(*), coalesce(sum(p.persons), 0)
  from shelter_placements p
  where p.moved_out_on is null and (app_org() is not null or app_global_admin())
  group by p.accommodation_id
$$;
revoke all on function accommodation_occupancy() from public;
grant execute on function accommodation_occupancy() to bleibe_app;
revoke all on function landlord_visible(uuid) from public;
grant execute on function landlord_visible(uuid) to bleibe_app;
