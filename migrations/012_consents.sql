-- Consent records (Schweigepflichtentbindung / Einwilligung) and the data flows they govern.
--
-- A consent is its own object: recorded once, never edited, only revoked. Triggers refuse any
-- other change and write every change into consent_events, its own trail — so no edit of the
-- case, no upload and no bug elsewhere can alter or clear a consent as a side effect.
--
-- A disclosure is one flow of a client's data to another party: a share of the case with
-- another organisation, a referral to a partner service, a transfer of the whole case, a status
-- report (e.g. to the Jobcenter). It carries a copy of exactly the consented data categories. The
-- receiving organisation (when it uses Bleibe) reads it only while the consent it rests on is
-- valid: revocation or expiry ends that access at once, by row-level security.
--
-- The security-definer functions below reach across organisations on purpose (a recipient asks
-- whether the sender's consent holds; an accepted transfer closes the sender's case). They switch
-- app.internal on for their own duration, so they work whether or not the owner of the tables
-- bypasses row-level security, and switch it back before they return.

create table consents (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id),
  -- The member of the household who consented (a person of the case's household).
  person_id uuid not null references persons(id),
  purposes text[] not null check (cardinality(purposes) > 0 and purposes <@ array['case_share','case_transfer','referral',
    'status_report','landlord_contact']::text[]),
  categories text[] not null check (cardinality(categories) > 0 and categories <@ array['identity','contact','household',
    'tenancy','income','health','addiction','criminal_record']::text[]),
  given_on date not null,
  -- Open-ended only when said so explicitly: an empty date is never read as "forever".
  valid_until date,
  open_ended boolean not null default false,
  form text not null check (form in ('written','verbal_witnessed')),
  witness text,
  -- The scanned signed form: a document of the case (kind consent_form).
  document_id uuid references documents(id),
  note text,
  recorded_by uuid references users(id),
  recorded_at timestamptz not null default now(),
  revoked_on date,
  revoked_at timestamptz,
  revoked_by uuid references users(id),
  revocation_note text,
  check ((valid_until is null) = open_ended),
  check (valid_until is null or valid_until >= given_on),
  check (form <> 'verbal_witnessed' or witness is not null),
  check ((revoked_on is null) = (revoked_at is null)),
  check (revoked_on is null or revoked_on >= given_on)
);
create index consents_case_idx on consents (case_id, given_on desc);

-- Who may receive the data: a Bleibe organisation, an entry of the partner directory (an
-- organisation that does not use Bleibe, or does), or the landlord of the tenancy.
create table consent_recipients (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  consent_id uuid not null references consents(id),
  kind text not null check (kind in ('organisation','directory','landlord')),
  recipient_org_id uuid references organisations(id),
  directory_organization_id uuid references directory_organizations(id),
  -- The name as it was when the client consented (the directory may change later).
  name text not null,
  check ((kind = 'organisation') = (recipient_org_id is not null)),
  check ((kind = 'directory') = (directory_organization_id is not null))
);
create index consent_recipients_consent_idx on consent_recipients (consent_id);

-- The consent's own trail: written by the triggers below, never by the application.
create table consent_events (
  id bigint generated always as identity primary key,
  org_id uuid not null references organisations(id),
  consent_id uuid not null references consents(id),
  at timestamptz not null default now(),
  user_id uuid references users(id),
  event text not null check (event in ('recorded','revoked','used')),
  -- For 'used': the disclosure that relied on the consent.
  disclosure_id uuid,
  details jsonb
);
create index consent_events_consent_idx on consent_events (consent_id, id);

create function consent_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'consents are never deleted; revoke them' using errcode = 'insufficient_privilege';
  end if;
  if old.revoked_at is not null then
    raise exception 'a revoked consent is final' using errcode = 'insufficient_privilege';
  end if;
  -- Only the revocation columns may change, and only from empty to set.
  if new.revoked_at is null
     or (to_jsonb(new) - array['revoked_on','revoked_at','revoked_by','revocation_note'])
        is distinct from (to_jsonb(old) - array['revoked_on','revoked_at','revoked_by','revocation_note']) then
    raise exception 'a consent is not edited; only its revocation is recorded' using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;
create trigger consents_guard before update or delete on consents for each row execute function consent_guard();

create function consent_recipients_guard() returns trigger language plpgsql as $$
begin
  raise exception 'the recipients of a consent are fixed when it is recorded' using errcode = 'insufficient_privilege';
end $$;
create trigger consent_recipients_guard before update or delete on consent_recipients
  for each row execute function consent_recipients_guard();

create function consent_trail() returns trigger language plpgsql security definer set search_path = public as $$
declare
  prev text := current_setting('app.internal', true);
begin
  perform set_config('app.internal', 'on', true);
  insert into consent_events (org_id, consent_id, user_id, event, details)
  values (new.org_id, new.id, nullif(current_setting('app.user_id', true), '')::uuid,
          case when tg_op = 'INSERT' then 'recorded' else 'revoked' end,
          case when tg_op = 'INSERT' then null
               else jsonb_build_object('revokedOn', new.revoked_on, 'note', new.revocation_note) end);
  perform set_config('app.internal', coalesce(prev, ''), true);
  return null;
end $$;
create trigger consents_trail after insert or update on consents for each row execute function consent_trail();

create function consent_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'consent_events is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger consent_events_append_only before update or delete on consent_events
  for each row execute function consent_events_append_only();

-- Valid today: not revoked, not expired. Security definer because the receiving organisation
-- cannot (and must not) read the consent row itself. Uses the database's date, like every policy.
create function consent_valid(consent uuid) returns boolean language plpgsql stable security definer
  set search_path = public as $$
declare
  prev text := current_setting('app.internal', true);
  valid boolean;
begin
  perform set_config('app.internal', 'on', true);
  select exists (
    select 1 from consents
    where id = consent and revoked_at is null and (valid_until is null or valid_until >= current_date)
  ) into valid;
  perform set_config('app.internal', coalesce(prev, ''), true);
  return valid;
end $$;

create table disclosures (
  id uuid primary key default gen_random_uuid(),
  -- The sending organisation, which owns the case.
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id),
  kind text not null check (kind in ('share','referral','transfer','status_report')),
  consent_id uuid not null references consents(id),
  recipient_org_id uuid references organisations(id),
  directory_organization_id uuid references directory_organizations(id),
  directory_service_id uuid references directory_services(id),
  recipient_name text not null,
  categories text[] not null check (cardinality(categories) > 0),
  -- A copy of exactly the consented categories of the case at the time of sending.
  payload jsonb not null,
  message text,
  status text not null default 'open' check (status in ('open','accepted','declined','withdrawn','ended','completed')),
  response_reason text,
  responded_at timestamptz,
  responded_by uuid references users(id),
  -- Referrals: when a reply is due; unanswered after that they are flagged.
  reply_due_on date,
  -- Transfers: the receiving organisation's new case.
  new_case_id uuid,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  end_reason text check (end_reason in ('withdrawn','consent_revoked','consent_expired','completed')),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (recipient_org_id is not null or directory_organization_id is not null),
  check (kind not in ('share','transfer') or recipient_org_id is not null),
  check (recipient_org_id is distinct from org_id)
);
create index disclosures_case_idx on disclosures (case_id, created_at desc);
create index disclosures_recipient_idx on disclosures (recipient_org_id, status, created_at desc);
create index disclosures_consent_idx on disclosures (consent_id);

-- Every flow that relied on a consent appears in the consent's own trail.
create function consent_used() returns trigger language plpgsql security definer set search_path = public as $$
declare
  prev text := current_setting('app.internal', true);
begin
  perform set_config('app.internal', 'on', true);
  insert into consent_events (org_id, consent_id, user_id, event, disclosure_id, details)
  values (new.org_id, new.consent_id, new.created_by, 'used', new.id,
          jsonb_build_object('kind', new.kind, 'recipient', new.recipient_name, 'categories', new.categories));
  perform set_config('app.internal', coalesce(prev, ''), true);
  return null;
end $$;
create trigger disclosures_consent_used after insert on disclosures for each row execute function consent_used();

-- A case handed over is closed as such; the outcome catalogue gains that entry.
alter table case_closures drop constraint case_closures_outcome_check;
alter table case_closures add constraint case_closures_outcome_check check (outcome in ('tenancy_secured_with_assumption',
  'tenancy_secured_without_assumption','new_flat','emergency_accommodation','moved_away_unknown','declined_help',
  'not_reached','other','handed_over'));

-- The receiving organisation answers through these two functions and cannot otherwise write a
-- row it does not own: it sets the answer, nothing else, and only while the consent holds. (As a
-- row-level policy an answer could not work anyway: a declined row leaves the recipient's view.)
create function answer_disclosure(disclosure uuid, accept boolean, reason text, expected_version integer)
  returns boolean language plpgsql security definer set search_path = public as $$
declare
  prev text := current_setting('app.internal', true);
  me uuid := nullif(current_setting('app.org_id', true), '')::uuid;
  done boolean;
begin
  perform set_config('app.internal', 'on', true);
  update disclosures
    set status = case when accept then 'accepted' else 'declined' end, response_reason = reason, responded_at = now(),
        responded_by = nullif(current_setting('app.user_id', true), '')::uuid, updated_at = now(), version = version + 1
    where id = disclosure and (kind in ('share', 'referral') or (kind = 'transfer' and not accept))
      and status = 'open' and version = expected_version
      and recipient_org_id = me and consent_valid(consent_id);
  done := found;
  perform set_config('app.internal', coalesce(prev, ''), true);
  return done;
end $$;

-- An accepted transfer: the receiving organisation's new case is noted, and the sender's case is
-- closed as handed over.
create function complete_case_transfer(disclosure uuid, new_case uuid, closed_on date, expected_version integer)
  returns boolean language plpgsql security definer set search_path = public as $$
declare
  prev text := current_setting('app.internal', true);
  me uuid := nullif(current_setting('app.org_id', true), '')::uuid;
  d disclosures%rowtype;
begin
  perform set_config('app.internal', 'on', true);
  select * into d from disclosures where id = disclosure for update;
  if d.id is null or d.kind <> 'transfer' or d.status <> 'open' or d.version <> expected_version
     or d.recipient_org_id is distinct from me or not consent_valid(d.consent_id) then
    perform set_config('app.internal', coalesce(prev, ''), true);
    return false;
  end if;
  update disclosures
    set status = 'completed', new_case_id = new_case, responded_at = now(),
        responded_by = nullif(current_setting('app.user_id', true), '')::uuid, ended_at = now(), end_reason = 'completed',
        updated_at = now(), version = version + 1
    where id = disclosure;
  update cases set status = 'closed', assigned_user_id = null, updated_at = now(), version = version + 1
    where id = d.case_id and status <> 'closed';
  insert into case_closures (org_id, case_id, closed_on, closed_by, outcome, causes, note)
    select d.org_id, d.case_id, closed_on, null, 'handed_over', '{}', 'Übergeben an ' || d.recipient_name
    where not exists (select 1 from case_closures where case_id = d.case_id and reopened_at is null);
  perform set_config('app.internal', coalesce(prev, ''), true);
  return true;
end $$;

alter table consents enable row level security;
alter table consents force row level security;
create policy consents_tenant on consents for all
  using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal());
alter table consent_recipients enable row level security;
alter table consent_recipients force row level security;
create policy consent_recipients_tenant on consent_recipients for all
  using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal());
alter table consent_events enable row level security;
alter table consent_events force row level security;
create policy consent_events_tenant on consent_events for select using (org_id = app_org() or app_internal());
create policy consent_events_trail on consent_events for insert with check (app_internal());

alter table disclosures enable row level security;
alter table disclosures force row level security;
-- The sender sees all its disclosures; the recipient only those open, accepted or (a transfer)
-- completed, and only while the consent holds.
create policy disclosures_sender on disclosures for all
  using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal());
create policy disclosures_recipient_read on disclosures for select
  using (recipient_org_id = app_org() and status in ('open','accepted','completed') and consent_valid(consent_id));

grant select, insert, update on consents to bleibe_app;
grant select, insert on consent_recipients to bleibe_app;
grant select on consent_events to bleibe_app;
grant select, insert, update on disclosures to bleibe_app;
revoke execute on function answer_disclosure(uuid, boolean, text, integer), complete_case_transfer(uuid, uuid, date, integer) from public;
grant execute on function consent_valid(uuid), answer_disclosure(uuid, boolean, text, integer),
  complete_case_transfer(uuid, uuid, date, integer) to bleibe_app;
