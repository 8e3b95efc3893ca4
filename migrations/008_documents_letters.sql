-- Documents and letters of a case. The bytes of a document live in the storage directory
-- (BLEIBE_STORAGE_DIR), under a random name; the database holds what they are, whose they are and
-- their sha256, so a file can be checked against its row and a row never carries megabytes.

create table documents (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id),
  -- Dokumentart: Mietvertrag, Kündigung, Gerichtspost, Zahlungszusage, Schweigepflichtentbindung, Brief, Sonstiges
  kind text not null check (kind in ('tenancy_agreement','termination','court_letter','payment_commitment','consent_form','letter','other')),
  file_name text not null,
  -- The type the bytes really have (sniffed from their first bytes), never the browser's word.
  content_type text not null check (content_type in ('application/pdf','image/jpeg','image/png')),
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text not null unique check (storage_key ~ '^[0-9a-f-]{36}$'),
  note text,
  -- Letters Bleibe generated: which template, in which language, for which appointment.
  letter_template text check (letter_template in ('first_contact','appointment_confirmation','landlord')),
  letter_language text check (letter_language in ('de','de_easy','en','tr','ar','uk')),
  appointment_id uuid,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  -- Deleting keeps the row and the bytes (the record stays complete); the case no longer lists it.
  deleted_at timestamptz,
  deleted_by uuid references users(id),
  check ((letter_template is null) = (letter_language is null)),
  check (letter_template is null or kind = 'letter')
);
create index documents_case_idx on documents (case_id, created_at);

-- An organisation's own wording of a letter template in one language; without a row the text
-- that ships with Bleibe is used.
create table letter_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  template text not null check (template in ('first_contact','appointment_confirmation','landlord')),
  language text not null check (language in ('de','de_easy','en','tr','ar','uk')),
  subject text not null,
  body text not null,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (org_id, template, language)
);

-- Briefkopf: what an organisation prints above and below its letters beyond its name and address.
create table letterheads (
  org_id uuid primary key references organisations(id),
  sender_name text,  -- e.g. "Caritasverband Musterstadt – Fachdienst Wohnungssicherung"; default: the organisation's name
  footer text,       -- e.g. bank details, web site, data-protection notice
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

do $$
declare t text;
begin
  foreach t in array array['documents','letter_templates','letterheads']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for all using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal())', t || '_tenant', t);
  end loop;
end $$;

-- Documents are never deleted by the application (soft delete); an override may be reset.
grant select, insert, update on documents, letterheads to bleibe_app;
grant select, insert, update, delete on letter_templates to bleibe_app;
