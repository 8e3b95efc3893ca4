-- Appointments and measures: office hours per location as rows, appointments with a database
-- guarantee against double booking, a measure catalogue per organisation, measures per case and
-- rent-debt assumption applications that the deciding organisation sees without seeing the case.

-- Exclusion constraints over (uuid, time range) need btree_gist's equality operator class for uuid.
create extension if not exists btree_gist;

-- ---- office hours (Sprechzeiten) ------------------------------------------------------------
-- One row per opening period. Letters print them and appointment booking checks against them.
-- They are edited on the location (locations.office_hours, validated by the OfficeHour contract);
-- this table follows every change through the trigger below, so there is one edit path and no
-- way for the two to disagree. The application role may only read it.
create table location_office_hours (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  location_id uuid not null references locations(id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7), -- ISO: 1 = Monday … 7 = Sunday
  opens time not null,
  closes time not null,
  note text,
  check (opens < closes)
);
create index location_office_hours_location_idx on location_office_hours (location_id, weekday);

create function sync_location_office_hours() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'UPDATE' and new.office_hours is not distinct from old.office_hours and new.org_id = old.org_id then
    return new;
  end if;
  delete from location_office_hours where location_id = new.id;
  insert into location_office_hours (org_id, location_id, weekday, opens, closes, note)
  select new.org_id, new.id, (h->>'weekday')::smallint, (h->>'opens')::time, (h->>'closes')::time, nullif(h->>'note', '')
  from jsonb_array_elements(coalesce(new.office_hours, '[]'::jsonb)) h;
  return new;
end $$;
create trigger locations_office_hours_sync after insert or update of office_hours, org_id on locations
  for each row execute function sync_location_office_hours();

insert into location_office_hours (org_id, location_id, weekday, opens, closes, note)
select l.org_id, l.id, (h->>'weekday')::smallint, (h->>'opens')::time, (h->>'closes')::time, nullif(h->>'note', '')
from locations l, jsonb_array_elements(l.office_hours) h;

-- ---- appointments (Termine) -----------------------------------------------------------------
create table appointments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id),
  location_id uuid references locations(id), -- required for office appointments
  user_id uuid not null references users(id), -- the caseworker
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'planned' check (status in ('planned','held','missed','cancelled')),
  kind text not null default 'office' check (kind in ('office','home_visit','accompaniment','phone')),
  -- Booked although the location is closed then (recorded, so the calendar can say so).
  outside_office_hours boolean not null default false,
  note text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (ends_at > starts_at),
  check (ends_at <= starts_at + interval '12 hours'),
  check (kind <> 'office' or location_id is not null),
  -- Nobody is in two places at once: a caseworker's appointments that are not cancelled never
  -- overlap (half-open ranges, so 10:00–11:00 and 11:00–12:00 may follow each other). The
  -- database decides, so two bookings racing each other cannot both win, on either engine.
  constraint appointments_no_double_booking
    exclude using gist (user_id with =, tstzrange(starts_at, ends_at, '[)') with &&) where (status <> 'cancelled')
);
create index appointments_org_starts_idx on appointments (org_id, starts_at);
create index appointments_location_starts_idx on appointments (location_id, starts_at);
create index appointments_case_idx on appointments (case_id);

-- ---- measure catalogue (Maßnahmenkatalog) ---------------------------------------------------
create table measure_types (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  key text not null, -- stable name: defaults are translated in the UI by it
  category text not null check (category in ('rent_debt_assumption','instalment_agreement','direct_payment',
    'landlord_negotiation','referral','accompaniment','benefit_application','other')),
  label text not null,
  active boolean not null default true,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (org_id, key)
);

-- The default catalogue every case-working organisation starts with (it may rename, reorder,
-- switch off and add types, never delete one that measures use).
create function seed_measure_types(p_org uuid) returns void
language sql security definer set search_path = public, pg_temp as $$
  insert into measure_types (org_id, key, category, label, sort_order)
  select p_org, d.key, d.category, d.label, d.sort_order
  from (values
    ('rent_debt_assumption', 'rent_debt_assumption', 'Mietschuldenübernahme (§ 22 Abs. 8 SGB II / § 36 SGB XII)', 10),
    ('instalment_agreement', 'instalment_agreement', 'Ratenzahlungsvereinbarung mit der Vermieterseite', 20),
    ('direct_payment', 'direct_payment', 'Direktzahlung der Miete an die Vermieterseite', 30),
    ('landlord_negotiation', 'landlord_negotiation', 'Verhandlung mit der Vermieterseite', 40),
    ('referral_debt_counselling', 'referral', 'Vermittlung: Schuldnerberatung', 50),
    ('referral_addiction_help', 'referral', 'Vermittlung: Suchthilfe', 60),
    ('referral_social_psychiatric', 'referral', 'Vermittlung: Sozialpsychiatrischer Dienst', 70),
    ('referral_clinic', 'referral', 'Vermittlung: Klinik', 80),
    ('referral_prison_social_service', 'referral', 'Vermittlung: Sozialdienst der Justizvollzugsanstalt', 90),
    ('accompaniment', 'accompaniment', 'Begleitung zu Terminen', 100),
    ('benefit_wohngeld', 'benefit_application', 'Antrag auf Wohngeld', 110),
    ('benefit_sgb2', 'benefit_application', 'Antrag auf Leistungen nach dem SGB II', 120),
    ('benefit_sgb12', 'benefit_application', 'Antrag auf Leistungen nach dem SGB XII', 130)
  ) as d(key, category, label, sort_order)
  on conflict (org_id, key) do nothing
$$;

create function seed_measure_types_for_new_org() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if new.kind in ('district_office', 'provider') then
    perform seed_measure_types(new.id);
  end if;
  return new;
end $$;
create trigger organisations_measure_types after insert on organisations
  for each row execute function seed_measure_types_for_new_org();
-- Security definer: nobody but the trigger may fill another organisation's catalogue.
revoke execute on function seed_measure_types(uuid) from public;

select seed_measure_types(id) from organisations where kind in ('district_office', 'provider');

-- Per organisation: how many days before the Schonfrist end a rent-debt application warns.
create table measure_settings (
  org_id uuid primary key references organisations(id),
  schonfrist_warning_days integer not null default 7 check (schonfrist_warning_days between 0 and 60),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

-- ---- measures (Maßnahmen) -------------------------------------------------------------------
create table measures (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id),
  type_id uuid not null references measure_types(id),
  category text not null, -- the type's category when the measure was made (it decides the statuses)
  -- Null for rent-debt assumptions: their status lives on the application, which the deciding
  -- organisation changes without access to this row.
  status text,
  started_on date,
  due_on date,      -- next step or follow-up
  completed_on date,
  amount numeric(12,2) check (amount is null or amount >= 0), -- instalment, benefit amount …
  counterpart text, -- the service referred to, the landlord's contact, the benefit office …
  note text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check ((category = 'rent_debt_assumption') = (status is null))
);
create index measures_case_idx on measures (case_id);

-- ---- rent-debt assumption applications (Anträge auf Mietschuldenübernahme) ------------------
-- The household's own application to the Jobcenter or social office (§ 22 Abs. 8 SGB II,
-- § 36 SGB XII), prepared with the caseworker and submitted to the organisation whose finance
-- staff (Wirtschaftsdienst) decides it. At submission the data the decision needs is copied into
-- the row (name, address, landlord, Schonfrist end, reasoning): the deciding organisation reads
-- this row and nothing else of the case.
create table rent_debt_applications (
  id uuid primary key references measures(id) on delete cascade,
  org_id uuid not null references organisations(id), -- the case's organisation
  case_id uuid not null references cases(id),
  deciding_org_id uuid references organisations(id),
  status text not null default 'draft' check (status in ('draft','applied','approved','partly_approved','rejected','withdrawn')),
  amount numeric(12,2) not null check (amount > 0),
  body text not null check (body in ('jobcenter','social_office')),
  form text not null check (form in ('loan','grant')),
  reasoning text,
  -- written at submission
  submitted_at timestamptz,
  submitted_by uuid references users(id),
  submitted_by_name text,
  case_number text,
  applicant_names text,
  household_address text,
  landlord_name text,
  schonfrist_end date,
  schonfrist_estimate boolean,
  -- written by the deciding organisation
  decided_amount numeric(12,2) check (decided_amount is null or decided_amount >= 0),
  decided_form text check (decided_form in ('loan','grant')),
  decided_on date,
  decision_note text,
  decided_by uuid references users(id),
  decided_by_name text,
  decided_at timestamptz,
  -- the day the unconditional payment commitment reached the landlord (§ 569 Abs. 3 Nr. 2 BGB)
  commitment_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (status = 'draft' or deciding_org_id is not null)
);
create index rent_debt_applications_deciding_idx on rent_debt_applications (deciding_org_id, status) where status <> 'draft';
create index rent_debt_applications_case_idx on rent_debt_applications (case_id);

-- Each side changes only its own part, whatever the application code does: the deciding
-- organisation only the decision, the case's organisation never the decision (unless it decides
-- its own cases).
create function rent_debt_applications_guard() returns trigger language plpgsql as $$
begin
  if app_internal() then
    return new;
  end if;
  if app_org() is distinct from old.org_id then
    if (new.org_id, new.case_id, new.deciding_org_id, new.amount, new.body, new.form, new.reasoning, new.submitted_at,
        new.submitted_by, new.submitted_by_name, new.case_number, new.applicant_names, new.household_address,
        new.landlord_name, new.schonfrist_end, new.schonfrist_estimate)
       is distinct from
       (old.org_id, old.case_id, old.deciding_org_id, old.amount, old.body, old.form, old.reasoning, old.submitted_at,
        old.submitted_by, old.submitted_by_name, old.case_number, old.applicant_names, old.household_address,
        old.landlord_name, old.schonfrist_end, old.schonfrist_estimate) then
      raise exception 'the deciding organisation may change only the decision' using errcode = 'insufficient_privilege';
    end if;
  elsif app_org() is distinct from old.deciding_org_id then
    if (new.decided_amount, new.decided_form, new.decided_on, new.decision_note, new.decided_by, new.decided_by_name, new.decided_at)
       is distinct from
       (old.decided_amount, old.decided_form, old.decided_on, old.decision_note, old.decided_by, old.decided_by_name, old.decided_at)
       or (new.status in ('approved','partly_approved','rejected') and new.status is distinct from old.status) then
      raise exception 'only the deciding organisation decides' using errcode = 'insufficient_privilege';
    end if;
  end if;
  return new;
end $$;
create trigger rent_debt_applications_guard before update on rent_debt_applications
  for each row execute function rent_debt_applications_guard();

-- ---- row-level security ----------------------------------------------------------------------
do $$
declare t text;
begin
  foreach t in array array['appointments','measure_types','measure_settings','measures','rent_debt_applications']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for all using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal())', t || '_tenant', t);
    execute format('grant select, insert, update on %I to bleibe_app', t);
  end loop;
end $$;
grant delete on appointments, measures, rent_debt_applications to bleibe_app;
-- A system administrator creates organisations; their catalogue comes with them (the seeding
-- trigger runs in the administrator's transaction).
create policy measure_types_seed on measure_types for insert with check (app_global_admin());

-- The deciding organisation sees submitted applications addressed to it, and decides them. This
-- is the only way its staff reach anything of another organisation's case: the row holds what
-- the application itself says, nothing of the case file behind it.
create policy rent_debt_applications_deciding_read on rent_debt_applications for select
  using (deciding_org_id = app_org() and status <> 'draft');
create policy rent_debt_applications_deciding_decide on rent_debt_applications for update
  using (deciding_org_id = app_org() and status in ('applied','approved','partly_approved','rejected'))
  with check (deciding_org_id = app_org() and status in ('applied','approved','partly_approved','rejected'));

-- Office hours are public information within the district, like the locations themselves; they
-- change only through their location (the trigger above runs as the owner).
alter table location_office_hours enable row level security;
alter table location_office_hours force row level security;
create policy location_office_hours_read on location_office_hours for select
  using (app_org() is not null or app_global_admin() or app_internal());
create policy location_office_hours_write on location_office_hours for all
  using (org_id = app_org() or app_global_admin() or app_internal())
  with check (org_id = app_org() or app_global_admin() or app_internal());
grant select on location_office_hours to bleibe_app;
