-- "Who saw this?" (issue 6 item 6): for a client, every organisation and user that read,
-- changed, received or passed on their data, from the audit log — the answer to a data
-- subject's request for access (Art. 15 GDPR).
--
-- Row-level security lets an organisation read only its own audit entries, but the answer must
-- include what other organisations did with the client's data: the court or Jobcenter that sent
-- the notice, the finance staff that decided a rent-debt application, the recipients of a share,
-- referral or transfer reading it. case_access_log() therefore runs as the owner, checks that the
-- case belongs to the caller's organisation, and returns exactly the entries about the case's
-- household and nothing else.
--
-- How modules name the client's data in their entries (see tx.audit(...) across the modules):
--   * entity 'case' with the case id (case file, record, sensitive data, documents, letters,
--     closure, disclosures on the owner's side, the owner's view of a transfer ...);
--   * the entity of a record of the case: notice, person, contact_attempt, task, reminder,
--     appointment, measure, rent_debt_application, consent, disclosure (a recipient's reads);
--   * details.caseId, the convention of entries whose entity is another record;
--   * details.ids, the records a list showed (work queue, search, day list, calendars, the
--     review queue, the finance work list, reminders, received disclosures);
--   * a transfer's receiving side: 'case.transfer_received' on the recipient's new case.

-- Entries that name the case in their details.
create index audit_log_case_idx on audit_log ((details->>'caseId'), id) where details ? 'caseId';

-- Lists record the ids they showed: one containment probe per record of the household.
create index audit_log_listed_idx on audit_log using gin ((details->'ids') jsonb_path_ops) where details ? 'ids';

-- UUIDs are accepted in either case and a few routes audit the id as it was typed. Such entries
-- are rare (the web app always sends lower case), so this index stays tiny; without it, reading a
-- case by an upper-case address would escape the lookup by entity.
create index audit_log_entity_upper_idx on audit_log (entity_type, lower(entity_id)) where entity_id ~ '[A-F]';

-- p_from inclusive, p_to exclusive; null for an open end. Only 'disclosure.create' and
-- 'rent_debt.submit' entries carry their details (the recipient), and only disclosures their
-- entity id (to tell which one a recipient read): the rest of other organisations' entries
-- (their own case ids, what they searched for) is theirs.
create function case_access_log(p_case uuid, p_from timestamptz, p_to timestamptz)
returns table (
  entry_id bigint,
  entry_at timestamptz,
  org_id uuid,
  org_name text,
  org_kind text,
  actor_user_id uuid,
  actor_name text,
  actor_label text,
  action text,
  entity_type text,
  entity_id text,
  details jsonb
)
language plpgsql stable security definer
set search_path = public, pg_temp
-- The audit log forces row-level security even on its owner; for this function's duration the
-- owner reads across organisations (restored when it returns). What it reads is bounded below.
set app.internal = 'on'
as $fn$
#variable_conflict use_column
declare
  v_org uuid;
  v_household uuid;
  v_cases uuid[];
  v_persons uuid[];
  v_types text[];
  v_ids text[];
  v_listed jsonb[];
  v_transfers text[];
begin
  select c.org_id, c.household_id into v_org, v_household from cases c where c.id = p_case;
  if v_org is null or (v_org is distinct from app_org() and not app_global_admin()) then
    raise exception 'no such case' using errcode = 'insufficient_privilege';
  end if;

  -- Every case of the household (a reopened or repeated emergency) and its members.
  select coalesce(array_agg(c.id), '{}') into v_cases from cases c where c.household_id = v_household and c.org_id = v_org;
  select coalesce(array_agg(distinct m.person_id), '{}') into v_persons from (
    select hm.person_id from household_members hm where hm.household_id = v_household
    union select ct.person_id from case_tenants ct where ct.case_id = any(v_cases)
  ) m;
  -- Records merged into a member, and the record a member was merged into: the same person.
  select coalesce(array_agg(distinct p.id), '{}') into v_persons from (
    select x as id from unnest(v_persons) x
    union select pe.id from persons pe where pe.merged_into = any(v_persons)
    union select pe.merged_into from persons pe where pe.id = any(v_persons) and pe.merged_into is not null
  ) p;

  select coalesce(array_agg(r.etype), '{}'), coalesce(array_agg(r.eid), '{}') into v_types, v_ids from (
    select 'case'::text as etype, x::text as eid from unnest(v_cases) x
    union all select 'person', x::text from unnest(v_persons) x
    union all select 'notice', n.id::text from notices n where n.case_id = any(v_cases)
    union all select 'contact_attempt', a.id::text from contact_attempts a where a.case_id = any(v_cases)
    union all select 'task', t.id::text from tasks t where t.case_id = any(v_cases)
    union all select 'reminder', r.id::text from reminders r join tasks t on t.id = r.task_id where t.case_id = any(v_cases)
    union all select 'appointment', a.id::text from appointments a where a.case_id = any(v_cases)
    union all select 'measure', m.id::text from measures m where m.case_id = any(v_cases)
    union all select 'rent_debt_application', d.id::text from rent_debt_applications d where d.case_id = any(v_cases)
    union all select 'document', d.id::text from documents d where d.case_id = any(v_cases)
    union all select 'consent', c.id::text from consents c where c.case_id = any(v_cases)
    union all select 'disclosure', d.id::text from disclosures d where d.case_id = any(v_cases)
  ) r;
  select coalesce(array_agg(jsonb_build_array(x)), '{}') into v_listed from unnest(v_ids) x;
  select coalesce(array_agg(d.new_case_id::text), '{}') into v_transfers
    from disclosures d where d.case_id = any(v_cases) and d.new_case_id is not null;

  -- Each branch projects the row itself (union drops the doubles by the unique id), so no plan
  -- ever goes back to the whole table for the hits.
  return query
  with hit as (
    select a.id, a.at, a.org_id, a.actor_user_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.details
      from unnest(v_types, v_ids) as r(etype, eid)
      join audit_log a on a.entity_type = r.etype and a.entity_id = r.eid
    union
    select a.id, a.at, a.org_id, a.actor_user_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.details
      from unnest(v_types, v_ids) as r(etype, eid)
      join audit_log a on a.entity_id ~ '[A-F]' and a.entity_type = r.etype and lower(a.entity_id) = r.eid
    union
    select a.id, a.at, a.org_id, a.actor_user_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.details
      from audit_log a where a.details ? 'caseId' and (a.details->>'caseId') = any(v_cases::text[])
    union
    select a.id, a.at, a.org_id, a.actor_user_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.details
      from audit_log a where a.details ? 'ids' and (a.details->'ids') @> any(v_listed)
    union
    -- Of the recipient's new case after a transfer, only the receipt: what it does with its own
    -- case afterwards is its own processing, answered by that organisation.
    select a.id, a.at, a.org_id, a.actor_user_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.details
      from audit_log a where a.entity_type = 'case' and a.entity_id = any(v_transfers) and a.action = 'case.transfer_received'
  )
  select h.id, h.at, h.org_id, o.name, o.kind, h.actor_user_id, u.display_name, h.actor_label, h.action, h.entity_type,
         -- Which disclosure a recipient read; no other organisation's record ids leave here.
         case when h.entity_type = 'disclosure' then h.entity_id end,
         case when h.action in ('disclosure.create', 'rent_debt.submit') then h.details end
  from hit h
  left join organisations o on o.id = h.org_id
  left join users u on u.id = h.actor_user_id
  where (p_from is null or h.at >= p_from) and (p_to is null or h.at < p_to)
  order by h.id;
end $fn$;

revoke all on function case_access_log(uuid, timestamptz, timestamptz) from public;
grant execute on function case_access_log(uuid, timestamptz, timestamptz) to bleibe_app;
