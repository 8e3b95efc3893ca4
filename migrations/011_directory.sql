-- Partner directory (Verzeichnis der Hilfeangebote), modelled on Open Referral HSDS 3.0:
-- organisations, their services and locations with phones, contacts, opening hours, languages,
-- categories and service areas. Ids are the HSDS ids, so an export imports again unchanged.
--
-- The directory is no client data: it is shared across the district (every signed-in user of
-- any organisation reads all of it). Writing is per entry: a directory organisation may be
-- linked to a Bleibe organisation, whose administrators maintain it; system administrators
-- maintain every entry (and the unlinked ones: courts, clinics, … that do not use Bleibe).
-- Every row carries organization_id, the directory organisation it belongs to, so the write
-- policy is one lookup for every table.

create table directory_organizations (
  id uuid primary key default gen_random_uuid(),
  -- The Bleibe organisation that maintains this entry (at most one entry per organisation).
  bleibe_org_id uuid unique references organisations(id),
  name text not null,
  alternate_name text,
  description text not null,
  email text,
  website text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index directory_organizations_name_idx on directory_organizations (lower(name));

create table directory_locations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations(id) on delete cascade,
  location_type text not null default 'physical' check (location_type in ('physical', 'postal', 'virtual')),
  name text,
  description text,
  -- One postal address per location (HSDS address), kept inline with its own HSDS id.
  address_id uuid unique,
  street text,
  postal_code text,
  city text,
  state_province text,
  country text,
  municipality_id uuid references municipalities(id),
  transportation text,
  accessibility_id uuid unique,
  accessibility text,
  latitude double precision,
  longitude double precision,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check ((address_id is null) = (street is null))
);
create index directory_locations_org_idx on directory_locations (organization_id);
create index directory_locations_municipality_idx on directory_locations (municipality_id);

create table directory_services (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations(id) on delete cascade,
  name text not null,
  alternate_name text,
  description text,
  url text,
  email text,
  status text not null check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
  application_process text,
  eligibility_description text,
  fees_description text,
  interpretation_services text,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index directory_services_org_idx on directory_services (organization_id);

-- HSDS attribute rows linking a service to a term of the directory's taxonomy (domain/directory/taxonomy.ts).
create table directory_service_categories (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations(id) on delete cascade,
  service_id uuid not null references directory_services(id) on delete cascade,
  category text not null,
  position integer not null default 0,
  unique (service_id, category)
);
create index directory_service_categories_category_idx on directory_service_categories (category, service_id);

create table directory_service_areas (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations(id) on delete cascade,
  service_id uuid not null references directory_services(id) on delete cascade,
  municipality_id uuid not null references municipalities(id),
  position integer not null default 0,
  unique (service_id, municipality_id)
);
create index directory_service_areas_municipality_idx on directory_service_areas (municipality_id, service_id);

-- HSDS service_at_location: the location may belong to another directory organisation.
create table directory_service_locations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations(id) on delete cascade,
  service_id uuid not null references directory_services(id) on delete cascade,
  location_id uuid not null references directory_locations(id) on delete cascade,
  description text,
  position integer not null default 0,
  unique (service_id, location_id)
);
create index directory_service_locations_location_idx on directory_service_locations (location_id);

-- Contacts, phones, schedules and languages belong to the organisation itself (no service or
-- location), to one service, to one location, or (phones) to one contact.
create table directory_contacts (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations(id) on delete cascade,
  service_id uuid references directory_services(id) on delete cascade,
  location_id uuid references directory_locations(id) on delete cascade,
  name text,
  title text,
  department text,
  email text,
  position integer not null default 0,
  check (service_id is null or location_id is null)
);
create index directory_contacts_org_idx on directory_contacts (organization_id);

create table directory_phones (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations(id) on delete cascade,
  service_id uuid references directory_services(id) on delete cascade,
  location_id uuid references directory_locations(id) on delete cascade,
  contact_id uuid references directory_contacts(id) on delete cascade,
  number text not null,
  description text,
  position integer not null default 0,
  check (num_nonnulls(service_id, location_id, contact_id) <= 1)
);
create index directory_phones_org_idx on directory_phones (organization_id);

create table directory_schedules (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations(id) on delete cascade,
  service_id uuid references directory_services(id) on delete cascade,
  location_id uuid references directory_locations(id) on delete cascade,
  -- iCalendar weekday codes (MO … SU) of a weekly rule; times are local wall-clock HH:MM.
  days text[] not null check (cardinality(days) between 1 and 7 and days <@ array['MO','TU','WE','TH','FR','SA','SU']),
  opens_at text not null check (opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  closes_at text not null check (closes_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and closes_at > opens_at),
  note text,
  valid_from date,
  valid_to date,
  position integer not null default 0,
  check (num_nonnulls(service_id, location_id) = 1)
);
create index directory_schedules_org_idx on directory_schedules (organization_id);

create table directory_languages (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references directory_organizations(id) on delete cascade,
  service_id uuid references directory_services(id) on delete cascade,
  location_id uuid references directory_locations(id) on delete cascade,
  code text not null check (code ~ '^[a-z]{2,3}$'), -- the HSDS name is derived from it
  position integer not null default 0,
  check (num_nonnulls(service_id, location_id) = 1)
);
create index directory_languages_org_idx on directory_languages (organization_id);

-- ---- row-level security ------------------------------------------------------
-- May the current transaction write rows of this directory organisation? System administrators
-- (app.global_admin, i.e. the organisations.write permission) and platform internals everywhere;
-- otherwise only the organisation linked to the entry (its administrators, locations.write in code).
create function directory_may_write(p_organization uuid) returns boolean language sql stable as $$
  select app_global_admin() or app_internal() or exists (
    select 1 from directory_organizations d where d.id = p_organization and d.bleibe_org_id = app_org())
$$;

alter table directory_organizations enable row level security;
alter table directory_organizations force row level security;
create policy directory_organizations_read on directory_organizations for select
  using (app_org() is not null or app_global_admin() or app_internal());
create policy directory_organizations_insert on directory_organizations for insert
  with check (app_global_admin() or app_internal() or (bleibe_org_id = app_org()));
create policy directory_organizations_update on directory_organizations for update
  using (app_global_admin() or app_internal() or bleibe_org_id = app_org())
  with check (app_global_admin() or app_internal() or bleibe_org_id = app_org());
create policy directory_organizations_delete on directory_organizations for delete
  using (app_global_admin() or app_internal() or bleibe_org_id = app_org());
grant select, insert, update, delete on directory_organizations to bleibe_app;

do $$
declare t text;
begin
  foreach t in array array['directory_locations', 'directory_services', 'directory_service_categories', 'directory_service_areas',
    'directory_service_locations', 'directory_contacts', 'directory_phones', 'directory_schedules', 'directory_languages']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for select using (app_org() is not null or app_global_admin() or app_internal())', t || '_read', t);
    execute format('create policy %I on %I for insert with check (directory_may_write(organization_id))', t || '_insert', t);
    execute format('create policy %I on %I for update using (directory_may_write(organization_id)) with check (directory_may_write(organization_id))', t || '_update', t);
    execute format('create policy %I on %I for delete using (directory_may_write(organization_id))', t || '_delete', t);
    execute format('grant select, insert, update, delete on %I to bleibe_app', t);
  end loop;
end $$;
