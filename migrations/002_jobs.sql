-- Scheduled work runs on PostgreSQL itself: one row per recurring job. A runner claims a due job
-- by moving its lease forward in one UPDATE … SKIP LOCKED, so several processes never run the
-- same job at once and a crashed runner's lease simply expires.
create table scheduled_jobs (
  name text primary key,
  interval_seconds integer not null check (interval_seconds > 0),
  next_run_at timestamptz not null,
  leased_until timestamptz,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_error text,
  runs integer not null default 0
);
-- Platform-internal, no tenant data: the application role has no grant.
alter table scheduled_jobs enable row level security;
alter table scheduled_jobs force row level security;
create policy scheduled_jobs_internal on scheduled_jobs for all using (app_internal()) with check (app_internal());
