-- The evaluators' pseudonymised case export (issue 7 item 4; docs/statistics.md): one row per
-- case received in a period, every organisation's, from the same figure definitions as the
-- evaluation report (report_rows() of migration 018) plus the case's structural fields.
--
-- SECURITY DEFINER with app.internal (row-level security is forced on the case tables; pattern:
-- accommodation_occupancy() in 015). It returns no names, addresses, birth dates, phone numbers,
-- e-mail addresses, case numbers or free text: member ages (not birth dates) and the case and
-- household ids, which the server replaces by keyed pseudonyms and never writes out.
create function pseudonymised_case_rows(p_from date, p_to date)
returns table (
  case_id uuid, household_id uuid, received_on date, ags text, target_groups text[], living_situation text,
  household_size integer, children integer, member_ages integer[],
  notice_kinds text[], reached boolean, days_to_first_attempt integer, days_to_first_conversation integer,
  outcome text, closed_on date, causes text[], measures text[],
  arrears numeric, rent_debt_applied numeric, rent_debt_assumed numeric,
  shelter_placement boolean, lease_signed_on date)
language sql stable security definer
set search_path = public, pg_temp
set app.internal = 'on'
as $$
  with r as materialized (
    select * from report_rows(p_from, p_to, null, null, null, null, null)
  ),
  f as (
    select r.case_id,
           array_agg(distinct r.key) filter (where r.indicator = 'notices_by_kind') as notice_kinds,
           coalesce(bool_or(r.indicator = 'reach' and r.key = 'reached'), false) as reached,
           max(r.days) filter (where r.indicator = 'days_to_first_attempt') as days_to_first_attempt,
           max(r.days) filter (where r.indicator = 'days_to_first_conversation') as days_to_first_conversation,
           max(r.key) filter (where r.indicator = 'outcomes') as outcome,
           array_agg(distinct r.key) filter (where r.indicator = 'causes') as causes,
           array_agg(distinct r.key) filter (where r.indicator = 'measures') as measures,
           sum(r.amount) filter (where r.indicator = 'rent_debt' and r.key <> 'draft') as rent_debt_applied,
           sum(r.amount2) filter (where r.indicator = 'rent_debt' and r.key in ('approved', 'partly_approved')) as rent_debt_assumed
    from r
    where exists (select 1 from r k where k.indicator = 'households' and k.case_id = r.case_id)
    group by r.case_id
  )
  select c.id, c.household_id, c.received_on, m.ags::text, c.target_groups, c.living_situation,
         coalesce(h.size, mem.n), coalesce(c.children, h.children), mem.ages,
         coalesce(f.notice_kinds, '{}'), f.reached, f.days_to_first_attempt, f.days_to_first_conversation,
         coalesce(f.outcome, 'open'),
         (select cl.closed_on from case_closures cl where cl.case_id = c.id and cl.reopened_at is null limit 1),
         coalesce(f.causes, '{}'), coalesce(f.measures, '{}'),
         (select a.amount from case_arrears a where a.case_id = c.id order by a.recorded_on desc, a.created_at desc limit 1),
         f.rent_debt_applied, f.rent_debt_assumed,
         exists (select 1 from shelter_placements p where p.case_id = c.id),
         (select min(o.lease_signed_on) from offer_proposals o where o.case_id = c.id and o.status = 'lease_signed')
  from f
  join cases c on c.id = f.case_id
  join households h on h.id = c.household_id
  left join municipalities m on m.id = h.municipality_id
  cross join lateral (
    select count(*)::integer as n,
           array_agg(case when pe.birth_date is null then null
                          else extract(year from age(c.received_on, pe.birth_date))::integer end) as ages
    from household_members hm join persons pe on pe.id = hm.person_id
    where hm.household_id = c.household_id
  ) mem
  where app_org() is not null or app_global_admin()
  order by c.received_on, c.id
$$;
revoke all on function pseudonymised_case_rows(date, date) from public;
grant execute on function pseudonymised_case_rows(date, date) to bleibe_app;
