-- Outreach and working the case: contact attempts (letter, phone, home visit, e-mail, office),
-- the chronological record's notes, tasks with in-app reminders, and closure with its outcome,
-- the causes of the rent debt and follow-up questions 6 and 12 months later.
-- All of it belongs to the organisation handling the case (org_id), like the case itself.

create table contact_attempts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  channel text not null check (channel in ('letter','phone','home_visit','email','office')),
  -- A planned attempt (the home-visit day list) has a day; a made one its time and outcome.
  planned_on date,
  attempted_at timestamptz,
  outcome text check (outcome in ('reached','appointment_agreed','refused','not_reached','message_left','letter_sent','moved_away')),
  notes text,
  -- Who makes (or made) the attempt: the day list is per caseworker.
  assignee_id uuid references users(id),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (planned_on is not null or attempted_at is not null),
  check ((attempted_at is null) = (outcome is null))
);
create index contact_attempts_case_idx on contact_attempts (case_id);
create index contact_attempts_planned_idx on contact_attempts (org_id, planned_on) where channel = 'home_visit';

-- The chronological record (Verlauf): what was done, when, and how long it took.
create table case_notes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  noted_on date not null,
  minutes integer check (minutes between 0 and 1440),
  text text not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index case_notes_case_idx on case_notes (case_id, noted_on desc);

-- One row per closing; reopening fills in the reopen columns (the history stays).
create table case_closures (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  closed_on date not null,
  closed_at timestamptz not null default now(),
  closed_by uuid references users(id),
  outcome text not null check (outcome in ('tenancy_secured_with_assumption','tenancy_secured_without_assumption','new_flat',
    'emergency_accommodation','moved_away_unknown','declined_help','not_reached','other')),
  causes text[] not null default '{}' check (causes <@ array['income_loss','benefit_interruption','separation','illness',
    'addiction','over_indebtedness','service_charge_back_payment','other']::text[]),
  not_reached_reason text check (not_reached_reason in ('address_inaccessible','known_moved','other')),
  -- Home visits made when it was closed: the evidence behind a "not reached".
  home_visits integer not null default 0,
  note text,
  reopened_at timestamptz,
  reopened_by uuid references users(id),
  reopen_reason text,
  check ((reopened_at is null) = (reopen_reason is null))
);
create index case_closures_case_idx on case_closures (case_id);
-- A case is closed at most once at a time.
create unique index case_closures_current_key on case_closures (case_id) where reopened_at is null;
create index case_closures_org_idx on case_closures (org_id, closed_on);

create table tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid references cases(id) on delete cascade, -- null: a general task
  kind text not null default 'general' check (kind in ('general','follow_up')),
  title text, -- follow-ups have none: their question is the same for everyone, in the reader's language
  due_on date not null,
  assignee_id uuid not null references users(id),
  status text not null default 'open' check (status in ('open','done','cancelled')),
  done_at timestamptz,
  done_by uuid references users(id),
  -- Follow-up after closure: which closure, how many months, and the answer (still housed?).
  closure_id uuid references case_closures(id),
  follow_up_months integer check (follow_up_months in (6, 12)),
  follow_up_answer text check (follow_up_answer in ('yes','no','unknown')),
  -- The due date the assignee was last reminded of: the reminder job's idempotency mark.
  reminded_for date,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (kind = 'follow_up' or title is not null),
  check ((kind = 'follow_up') = (closure_id is not null and follow_up_months is not null and case_id is not null)),
  check (follow_up_answer is null or kind = 'follow_up')
);
create index tasks_assignee_idx on tasks (org_id, assignee_id, status, due_on);
create index tasks_case_idx on tasks (case_id);
create index tasks_due_idx on tasks (due_on) where status = 'open';

-- In-app reminders (there is no e-mail service): one per task, assignee and due date.
create table reminders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  user_id uuid not null references users(id),
  task_id uuid not null references tasks(id) on delete cascade,
  due_on date not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (task_id, user_id, due_on)
);
create index reminders_user_idx on reminders (user_id, created_at desc) where read_at is null;

-- ---- row-level security ------------------------------------------------------
do $$
declare t text;
begin
  foreach t in array array['contact_attempts','case_notes','case_closures','tasks']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for all using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal())', t || '_tenant', t);
    execute format('grant select, insert, update, delete on %I to bleibe_app', t);
  end loop;
end $$;

-- Reminders are personal: only the person reminded sees them (and the job writes them).
alter table reminders enable row level security;
alter table reminders force row level security;
create policy reminders_own on reminders for all
  using ((org_id = app_org() and user_id = app_user()) or app_internal())
  with check ((org_id = app_org() and user_id = app_user()) or app_internal());
grant select, update on reminders to bleibe_app;
