-- Network work (Netzwerkarbeit, issue 6 item 5): meetings of the district network, its steering
-- group and working groups with participants, agenda, minutes and agreed actions; cooperation
-- agreements of an organisation with partners of the directory, and how long they are valid.
--
-- None of it is client data: minutes of the district network are about cooperation, not about
-- households (the form says so next to the minutes field). So, like the partner directory, it is
-- shared across the district: every signed-in organisation reads it (the routes additionally ask
-- for network.read). Writing is the owning organisation's alone: the organiser of a meeting keeps
-- its agenda, participants, minutes and actions; an agreement belongs to the organisation that
-- concluded it. Child rows carry the owner's org_id, so every policy is the same one comparison.

create table network_meetings (
  id uuid primary key default gen_random_uuid(),
  -- The organising organisation (e.g. the district office that coordinates the network).
  org_id uuid not null references organisations(id),
  kind text not null check (kind in ('district_network', 'steering_group', 'working_group')),
  title text not null check (length(title) between 1 and 200),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  place text check (length(place) <= 300),
  municipality_id uuid references municipalities(id),
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
  minutes text check (length(minutes) <= 50000),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (ends_at > starts_at)
);
create index network_meetings_starts_idx on network_meetings (starts_at);
create index network_meetings_org_idx on network_meetings (org_id, starts_at);

-- The agenda, in order (Tagesordnung: TOP 1, TOP 2, …).
create table network_agenda_items (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  meeting_id uuid not null references network_meetings(id) on delete cascade,
  position integer not null check (position >= 0),
  title text not null check (length(title) between 1 and 300),
  presenter text check (length(presenter) <= 200),
  unique (meeting_id, position)
);

-- Who was invited and who attended: an organisation of the installation, a partner of the
-- directory, or a person named as free text (a guest, or the representative of an organisation).
-- organisation_name keeps the organisation's name as it was when the list was saved, so the
-- minutes still name a partner whose directory entry is gone one day.
create table network_participants (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  meeting_id uuid not null references network_meetings(id) on delete cascade,
  position integer not null check (position >= 0),
  participant_org_id uuid references organisations(id),
  directory_organization_id uuid references directory_organizations(id) on delete set null,
  organisation_name text check (length(organisation_name) <= 200),
  person_name text check (length(person_name) <= 200),
  person_function text check (length(person_function) <= 200),
  -- null: not recorded (yet); the minutes list the present and the excused.
  attended boolean,
  check (num_nonnulls(participant_org_id, directory_organization_id) <= 1),
  check (organisation_name is not null or person_name is not null),
  unique (meeting_id, position)
);
create index network_participants_meeting_idx on network_participants (meeting_id);

-- Agreed actions (Vereinbarungen / Aufgaben aus dem Protokoll): who does what by when.
create table network_actions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  meeting_id uuid not null references network_meetings(id) on delete cascade,
  text text not null check (length(text) between 1 and 1000),
  responsible_org_id uuid references organisations(id),
  responsible_directory_organization_id uuid references directory_organizations(id) on delete set null,
  responsible_org_name text check (length(responsible_org_name) <= 200),
  responsible_name text check (length(responsible_name) <= 200),
  due_on date,
  status text not null default 'open' check (status in ('open', 'done')),
  done_on date,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (num_nonnulls(responsible_org_id, responsible_directory_organization_id) <= 1),
  check (responsible_org_name is not null or responsible_name is not null),
  check ((status = 'done') = (done_on is not null))
);
create index network_actions_meeting_idx on network_actions (meeting_id);
create index network_actions_open_idx on network_actions (due_on) where status = 'open';
create index network_actions_responsible_idx on network_actions (responsible_org_id) where responsible_org_id is not null;

-- Cooperation agreements (Kooperationsvereinbarungen) of an organisation with a partner of the
-- directory. valid_until null: concluded for an indefinite period (until terminated).
create table partner_agreements (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  directory_organization_id uuid not null references directory_organizations(id),
  kind text not null check (kind in ('cooperation', 'referral_pathway', 'data_processing', 'other')),
  title text not null check (length(title) between 1 and 200),
  subject text check (length(subject) <= 4000),
  valid_from date not null,
  valid_until date,
  note text check (length(note) <= 2000),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (valid_until is null or valid_until >= valid_from)
);
create index partner_agreements_org_idx on partner_agreements (org_id);
create index partner_agreements_partner_idx on partner_agreements (directory_organization_id);
create index partner_agreements_until_idx on partner_agreements (valid_until);

-- ---- row-level security ------------------------------------------------------
-- Read: every signed-in organisation of the installation (district information).
-- Write: the owning organisation only (and platform internals: demo seeding).
do $$
declare t text;
begin
  foreach t in array array['network_meetings', 'network_agenda_items', 'network_participants', 'network_actions', 'partner_agreements']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for select using (app_org() is not null or app_global_admin() or app_internal())', t || '_read', t);
    execute format('create policy %I on %I for insert with check (org_id = app_org() or app_internal())', t || '_insert', t);
    execute format('create policy %I on %I for update using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal())', t || '_update', t);
    execute format('create policy %I on %I for delete using (org_id = app_org() or app_internal())', t || '_delete', t);
    execute format('grant select, insert, update, delete on %I to bleibe_app', t);
  end loop;
end $$;
