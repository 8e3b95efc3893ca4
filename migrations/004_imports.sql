-- Bulk imports (CSV and Excel): the validated rows wait in their job until the background runner
-- has sent them through the intake pipeline, so an import goes on after a restart. They are
-- removed when the job ends; the report keeps row numbers, columns and reasons, not the values.
alter table import_jobs
  add column file_type text not null default 'csv' check (file_type in ('csv', 'xlsx')),
  -- [{ "row": n, "input": NoticeInput }], in file order; null once the job has ended.
  add column pending_rows jsonb,
  -- Index into pending_rows of the next row to send.
  add column next_index integer not null default 0,
  -- Which runner works on the job, and until when (renewed after every batch; a stale lease is taken over).
  add column lease_token uuid,
  add column leased_until timestamptz,
  add column request_id text,
  add column error text;

create index import_jobs_org_created_idx on import_jobs (org_id, created_at desc);
create index import_jobs_running_idx on import_jobs (leased_until) where status = 'running';
