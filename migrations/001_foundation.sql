-- Foundation: organisations, municipalities, locations, users, sessions, audit log.
-- Runs unchanged on PGlite (PostgreSQL 18) and PostgreSQL 15+.

-- The role every tenant query runs as (SET LOCAL ROLE inside each transaction). It owns
-- nothing, so row-level security always applies to it. Roles are cluster-wide on a server;
-- several databases (tests) may create it concurrently, hence the exception handler.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'bleibe_app') then
    create role bleibe_app nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

do $$
begin
  if not (select rolsuper from pg_roles where rolname = current_user)
     and not pg_has_role(current_user, 'bleibe_app', 'MEMBER') then
    execute format('grant bleibe_app to %I', current_user);
  end if;
end $$;

grant usage on schema public to bleibe_app;

-- Per-transaction context, set by the application with set_config(..., true).
create function app_org() returns uuid language sql stable as
  $$ select nullif(current_setting('app.org_id', true), '')::uuid $$;
create function app_user() returns uuid language sql stable as
  $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;
-- A system administrator manages organisations and accounts across the district.
create function app_global_admin() returns boolean language sql stable as
  $$ select coalesce(current_setting('app.global_admin', true), '') = 'on' $$;
-- Platform internals (login, session lookup, jobs, seeding) run as the owner with this flag.
create function app_internal() returns boolean language sql stable as
  $$ select coalesce(current_setting('app.internal', true), '') = 'on' $$;

create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  short_name text,
  kind text not null check (kind in ('district_office','provider','jobcenter','court','housing_company','partner')),
  email text,
  phone text,
  street text, house_number text, postal_code text, city text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index organisations_name_key on organisations (lower(name));

create table municipalities (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  ags char(8) not null unique,
  postal_codes text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

create table locations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  name text not null,
  street text not null, house_number text not null, postal_code text not null, city text not null,
  phone text,
  email text,
  office_hours jsonb not null default '[]',
  municipality_ids uuid[] not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index locations_org_idx on locations (org_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  email text not null,
  display_name text not null,
  password_hash text not null,
  roles text[] not null,
  language text not null default 'de' check (language in ('de','en')),
  active boolean not null default true,
  must_change_password boolean not null default false,
  totp_secret text,
  totp_pending_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint, -- last accepted time step: a code is never accepted twice
  failed_logins integer not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint users_roles_valid check (roles <@ array['caseworker','team_lead','finance','statistics','org_admin','reporter','system_admin']::text[] and cardinality(roles) > 0)
);
create unique index users_email_key on users (lower(email));
create index users_org_idx on users (org_id);

create table user_recovery_codes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  user_id uuid not null references users(id) on delete cascade,
  code_hash text not null,
  used_at timestamptz
);
create index user_recovery_codes_user_idx on user_recovery_codes (user_id);

create table sessions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  user_id uuid not null references users(id) on delete cascade,
  token_hash text not null unique,
  csrf_token text not null,
  stage text not null check (stage in ('active','totp','totp_enrolment','password_change')),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);

-- Append-only, hash-chained audit log. Entries are written only through audit_append().
create table audit_log (
  id bigint primary key,
  at timestamptz not null,
  org_id uuid,
  actor_user_id uuid,
  actor_label text,
  action text not null,
  entity_type text,
  entity_id text,
  request_id text,
  details jsonb,
  prev_hash text not null,
  hash text not null
);
create sequence audit_log_id_seq owned by audit_log.id;
create index audit_log_org_idx on audit_log (org_id, id desc);
create index audit_log_actor_idx on audit_log (actor_user_id, id desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, id desc);

-- The chain head: its row lock orders concurrent appends, so the chain has no forks.
create table audit_chain_head (
  id integer primary key check (id = 1),
  last_id bigint not null,
  last_hash text not null
);
insert into audit_chain_head values (1, 0, repeat('0', 64));

create function audit_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_forbid_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_forbid_change();

-- The canonical text an entry's hash covers; the verifier (npm run audit:verify) rebuilds it.
create function audit_canonical(p_prev text, p_id bigint, p_at timestamptz, p_org uuid, p_actor uuid,
  p_label text, p_action text, p_etype text, p_eid text, p_req text, p_details jsonb)
returns text language sql immutable as $$
  select concat_ws(E'\x1f', p_prev, p_id::text,
    to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(p_org::text, ''), coalesce(p_actor::text, ''), coalesce(p_label, ''), p_action,
    coalesce(p_etype, ''), coalesce(p_eid, ''), coalesce(p_req, ''), coalesce(p_details::text, ''))
$$;

create function audit_append(p_org uuid, p_actor uuid, p_label text, p_action text, p_etype text,
  p_eid text, p_req text, p_details jsonb) returns bigint
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_prev text;
  v_id bigint;
  v_at timestamptz := clock_timestamp();
  v_hash text;
begin
  select last_hash into v_prev from audit_chain_head where id = 1 for update;
  v_id := nextval('audit_log_id_seq');
  v_hash := encode(sha256(convert_to(
    audit_canonical(v_prev, v_id, v_at, p_org, p_actor, p_label, p_action, p_etype, p_eid, p_req, p_details),
    'UTF8')), 'hex');
  insert into audit_log (id, at, org_id, actor_user_id, actor_label, action, entity_type, entity_id,
                         request_id, details, prev_hash, hash)
  values (v_id, v_at, p_org, p_actor, p_label, p_action, p_etype, p_eid, p_req, p_details, v_prev, v_hash);
  update audit_chain_head set last_id = v_id, last_hash = v_hash where id = 1;
  return v_id;
end $$;

-- ---- row-level security ------------------------------------------------------
alter table organisations enable row level security;
alter table organisations force row level security;
create policy organisations_read on organisations for select
  using (app_org() is not null or app_global_admin() or app_internal());
create policy organisations_write on organisations for all
  using (app_global_admin() or app_internal()) with check (app_global_admin() or app_internal());

alter table municipalities enable row level security;
alter table municipalities force row level security;
create policy municipalities_read on municipalities for select
  using (app_org() is not null or app_global_admin() or app_internal());
create policy municipalities_write on municipalities for all
  using (app_global_admin() or app_internal()) with check (app_global_admin() or app_internal());

-- Office addresses and hours are public information within the district; changes are not.
alter table locations enable row level security;
alter table locations force row level security;
create policy locations_read on locations for select
  using (app_org() is not null or app_global_admin() or app_internal());
create policy locations_write on locations for all
  using (org_id = app_org() or app_global_admin() or app_internal())
  with check (org_id = app_org() or app_global_admin() or app_internal());

alter table users enable row level security;
alter table users force row level security;
create policy users_tenant on users for all
  using (org_id = app_org() or app_global_admin() or app_internal())
  with check (org_id = app_org() or app_global_admin() or app_internal());

alter table user_recovery_codes enable row level security;
alter table user_recovery_codes force row level security;
create policy user_recovery_codes_internal on user_recovery_codes for all
  using (app_internal()) with check (app_internal());

alter table sessions enable row level security;
alter table sessions force row level security;
create policy sessions_internal on sessions for all using (app_internal()) with check (app_internal());

alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy audit_log_read on audit_log for select
  using (org_id = app_org() or app_global_admin() or app_internal());
-- Inserts come only from audit_append() (security definer, runs as the owner).
create policy audit_log_insert on audit_log for insert with check (true);

grant select on organisations, municipalities, locations to bleibe_app;
grant insert, update on organisations, municipalities, locations, users to bleibe_app;
-- Column grants: the application role can never read password hashes or TOTP secrets.
grant select (id, org_id, email, display_name, roles, language, active, must_change_password,
  totp_enabled_at, failed_logins, locked_until, last_login_at, password_changed_at, created_at,
  updated_at, version) on users to bleibe_app;
grant select on audit_log to bleibe_app;
grant execute on function audit_append(uuid, uuid, text, text, text, text, text, jsonb) to bleibe_app;
-- No grants on sessions, user_recovery_codes, audit_chain_head: the application role never
-- touches credentials, and it can neither update nor delete audit entries.
