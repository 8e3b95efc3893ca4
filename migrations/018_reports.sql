-- The evaluation report (issue 7): one definition of the cohort and of every figure, computed
-- from the live tables, used by both scopes (contracts/reports.ts):
--
-- report_rows()      one row per case (or per notice, lease, follow-up …) and figure: what the
--                    report counts. INVOKER: row-level security applies, so in a tenant
--                    transaction it sees the own organisation only.
-- report_figures()   the aggregates over report_rows(): counts, sums, quartiles. INVOKER.
-- report_case_ids()  the cases behind one number (the drill-down), from the same report_rows().
-- report_figures_district()  SECURITY DEFINER with app.internal: report_figures() across every
--                    organisation, aggregates only (the statistics role; suppression is done by
--                    domain/reports/evaluation.ts before anything leaves the server).
--
-- Period semantics: a case belongs to the period when its first notice was received in it (the
-- cohort; cases.received_on); notices count by their own receipt day, leases by the signing day,
-- follow-ups by their due day. The filters restrict the cases in every figure alike.
--
-- The invoker functions carry no SET clause and are plain SQL, so PostgreSQL inlines them into
-- the calling query and plans them with the actual filter values.

-- The histogram buckets of "days from receipt to …" (contracts DAY_BUCKETS).
create function report_day_bucket(d integer) returns text
language sql immutable parallel safe as
$$ select case when d <= 0 then '0' when d <= 3 then d::text when d <= 7 then '4-7'
               when d <= 14 then '8-14' when d <= 30 then '15-30' else '31+' end $$;

create function report_rows(
  p_from date, p_to date,
  p_orgs uuid[], p_municipalities uuid[], p_locations uuid[], p_target_groups text[], p_notice_kinds text[])
returns table (indicator text, key text, case_id uuid, days integer, amount numeric, amount2 numeric)
language sql stable as
$$
  with f as not materialized (
    -- The cases the filters admit, whatever their period (inlined into each figure, so each can
    -- start from its own dated rows).
    select c.id, c.received_on, c.target_groups
    from cases c
    where (p_orgs is null or c.org_id = any (p_orgs))
      and (p_locations is null or c.location_id = any (p_locations))
      and (p_target_groups is null or c.target_groups && p_target_groups)
      and (p_municipalities is null or exists (
        select 1 from households h where h.id = c.household_id and h.municipality_id = any (p_municipalities)))
      and (p_notice_kinds is null or exists (
        select 1 from notices n where n.case_id = c.id and n.kind = any (p_notice_kinds)))
  ),
  cohort as materialized (
    select f.id, f.received_on, f.target_groups from f where f.received_on between p_from and p_to
  ),
  attempts as materialized (
    -- Made attempts only (a planned home visit has no time yet); days on the Berlin calendar.
    select a.case_id,
           (min(a.attempted_at) at time zone 'Europe/Berlin')::date as first_attempt,
           (min(a.attempted_at) filter (where a.outcome in ('reached', 'appointment_agreed')) at time zone 'Europe/Berlin')::date as first_conversation
    from contact_attempts a join cohort k on k.id = a.case_id
    where a.attempted_at is not null
    group by a.case_id
  ),
  closure as materialized (
    -- The current closing (a reopened case has none until it is closed again).
    select cl.case_id, cl.outcome, cl.causes
    from case_closures cl join cohort k on k.id = cl.case_id
    where cl.reopened_at is null
  )
  select 'households', 'all', k.id, null::integer, null::numeric, null::numeric from cohort k
  union all
  select 'notices_by_kind', n.kind, n.case_id, null, null, null
  from notices n join f on f.id = n.case_id
  where n.received_on between p_from and p_to
  union all
  select 'notices_by_month', to_char(n.received_on, 'YYYY-MM'), n.case_id, null, null, null
  from notices n join f on f.id = n.case_id
  where n.received_on between p_from and p_to
  union all
  select 'target_groups', g.g, k.id, null, null, null
  from cohort k cross join lateral unnest(k.target_groups) as g(g)
  union all
  select 'reach', case when a.first_conversation is not null then 'reached' else 'not_reached' end, k.id, null, null, null
  from cohort k left join attempts a on a.case_id = k.id
  union all
  select 'days_to_first_attempt', report_day_bucket(d.d), k.id, d.d, null, null
  from cohort k join attempts a on a.case_id = k.id
  cross join lateral (select greatest(0, a.first_attempt - k.received_on) as d) d
  union all
  select 'days_to_first_conversation', report_day_bucket(d.d), k.id, d.d, null, null
  from cohort k join attempts a on a.case_id = k.id
  cross join lateral (select greatest(0, a.first_conversation - k.received_on) as d) d
  where a.first_conversation is not null
  union all
  select 'outcomes', coalesce(cl.outcome, 'open'), k.id, null, null, null
  from cohort k left join closure cl on cl.case_id = k.id
  union all
  select 'causes', c.c, cl.case_id, null, null, null
  from closure cl cross join lateral unnest(cl.causes) as c(c)
  union all
  -- A case counts once per category, however many measures of it it has.
  select distinct 'measures', m.category, m.case_id, null::integer, null::numeric, null::numeric
  from measures m join cohort k on k.id = m.case_id
  union all
  select 'rent_debt', r.status, r.case_id, null, r.amount, r.decided_amount
  from rent_debt_applications r join cohort k on k.id = r.case_id
  union all
  select 'placements_by_month', to_char(p.lease_signed_on, 'YYYY-MM'), p.case_id, null, null, null
  from offer_proposals p join f on f.id = p.case_id
  where p.status = 'lease_signed' and p.lease_signed_on between p_from and p_to
  union all
  -- Follow-ups after closure (tasks) and after a brokered lease: still housed?
  select 'tenancy_after_' || t.follow_up_months,
         case t.follow_up_answer when 'yes' then 'in_place' when 'no' then 'not_in_place' else 'unknown' end,
         t.case_id, null, null, null
  from tasks t join f on f.id = t.case_id
  where t.kind = 'follow_up' and t.status <> 'cancelled' and t.due_on between p_from and p_to
  union all
  select 'tenancy_after_' || tf.months,
         case tf.in_place when true then 'in_place' when false then 'not_in_place' else 'unknown' end,
         p.case_id, null, null, null
  from tenancy_followups tf join offer_proposals p on p.id = tf.proposal_id join f on f.id = p.case_id
  where tf.due_on between p_from and p_to
$$;

-- Aggregates: per (indicator, key) the count and the sums; per multi-valued indicator (a case
-- may have several target groups, causes, measure categories) the distinct cases as key '*';
-- per distribution the quartiles as key 'quartiles' (percentile_cont: type 7, as domain/housing).
create function report_figures(
  p_from date, p_to date,
  p_orgs uuid[], p_municipalities uuid[], p_locations uuid[], p_target_groups text[], p_notice_kinds text[])
returns table (indicator text, key text, n bigint, amount numeric, amount2 numeric, q1 double precision, median double precision, q3 double precision)
language sql stable as
$$
  with r as materialized (
    select * from report_rows(p_from, p_to, p_orgs, p_municipalities, p_locations, p_target_groups, p_notice_kinds)
  )
  select r.indicator, r.key, count(*), sum(r.amount), sum(r.amount2), null::double precision, null::double precision, null::double precision
  from r group by r.indicator, r.key
  union all
  select r.indicator, '*', count(distinct r.case_id), null, null, null, null, null
  from r where r.indicator in ('target_groups', 'causes', 'measures') group by r.indicator
  union all
  select r.indicator, 'quartiles', count(*), null, null,
         percentile_cont(0.25) within group (order by r.days),
         percentile_cont(0.5) within group (order by r.days),
         percentile_cont(0.75) within group (order by r.days)
  from r where r.indicator in ('days_to_first_attempt', 'days_to_first_conversation') group by r.indicator
$$;

-- The cases behind one number; key '*' stands for every key of the indicator (its total).
create function report_case_ids(
  p_indicator text, p_key text,
  p_from date, p_to date,
  p_orgs uuid[], p_municipalities uuid[], p_locations uuid[], p_target_groups text[], p_notice_kinds text[])
returns table (case_id uuid)
language sql stable as
$$
  select distinct r.case_id
  from report_rows(p_from, p_to, p_orgs, p_municipalities, p_locations, p_target_groups, p_notice_kinds) r
  where r.indicator = p_indicator and (p_key = '*' or r.key = p_key)
$$;

-- The district scope: every organisation's cases, aggregates only. Row-level security is forced
-- on the case tables even for their owner, so the figures are read with app.internal (pattern:
-- accommodation_occupancy() in 015); only signed-in staff of an organisation get anything.
create function report_figures_district(
  p_from date, p_to date,
  p_orgs uuid[], p_municipalities uuid[], p_locations uuid[], p_target_groups text[], p_notice_kinds text[])
returns table (indicator text, key text, n bigint, amount numeric, amount2 numeric, q1 double precision, median double precision, q3 double precision)
language plpgsql stable security definer
set search_path = public, pg_temp
set app.internal = 'on'
as $$
begin
  if app_org() is null and not app_global_admin() then
    return;
  end if;
  -- Dynamic SQL, so the figures are planned with the actual period and filters on every call. A
  -- SQL function's body (not inlined here: SECURITY DEFINER and SET) gets a generic plan, which
  -- guesses the cohort at 0.5 % of all cases and joined the per-case CTEs by nested loops:
  -- quadratic in the cohort (bench:reports, 17,000 cases: 5.4 s instead of 0.5 s).
  return query execute 'select * from report_figures($1, $2, $3, $4, $5, $6, $7)'
    using p_from, p_to, p_orgs, p_municipalities, p_locations, p_target_groups, p_notice_kinds;
end $$;
revoke all on function report_figures_district(date, date, uuid[], uuid[], uuid[], text[], text[]) from public;
grant execute on function report_figures_district(date, date, uuid[], uuid[], uuid[], text[], text[]) to bleibe_app;
grant execute on function report_rows(date, date, uuid[], uuid[], uuid[], text[], text[]) to bleibe_app;
grant execute on function report_figures(date, date, uuid[], uuid[], uuid[], text[], text[]) to bleibe_app;
grant execute on function report_case_ids(text, text, date, date, uuid[], uuid[], uuid[], text[], text[]) to bleibe_app;

-- ---- indexes the report reads by ----------------------------------------------------------------
-- The cohort: cases by receipt day, per organisation (organisation scope) and overall (district).
create index cases_org_received_idx on cases (org_id, received_on);
create index cases_received_idx on cases (received_on);
-- Notices by receipt day, with what the figures need (index-only reads at scale).
create index notices_received_idx on notices (received_on) include (kind, case_id);
-- Leases by signing day, follow-ups by due day.
create index offer_proposals_lease_signed_idx on offer_proposals (lease_signed_on) include (case_id) where status = 'lease_signed';
create index tasks_follow_up_due_idx on tasks (due_on) include (case_id, follow_up_months, follow_up_answer) where kind = 'follow_up';
create index tenancy_followups_all_due_idx on tenancy_followups (due_on);
