-- Official statistics (issue 7): what the federal stock count of accommodated homeless persons
-- (WoBerichtsG, 31 January) and the NRW count (30 June) need, and the functions that read them
-- across organisations (docs/statistics.md).
--
-- - persons: sex and nationality (§ 4 WoBerichtsG characteristics 1 and 3).
-- - accommodations: kind of provision, provider type and, for voluntary providers, the welfare
--   association (characteristics 6 and 7).
-- - case_living_situations: the history of a case's living situation, written by a trigger, so a
--   count for a past day reads the situation of that day (cases.living_situation is only the
--   current value). Placements carry their own dates (moved_in_on, moved_out_on), closures
--   theirs (closed_on, reopened_at): together a count can be repeated for any past day.

-- ---- persons ---------------------------------------------------------------------------------
-- Sex as § 4 WoBerichtsG asks: female, male, diverse, or "unspecified" (ohne Angabe, § 22 PStG).
-- Null: not recorded (unknown). Nationality: ISO 3166-1 alpha-2, 'XX' stateless, null unknown.
alter table persons
  add column sex text check (sex in ('female', 'male', 'diverse', 'unspecified')),
  add column nationality text check (nationality ~ '^[A-Z]{2}$');

-- ---- accommodations --------------------------------------------------------------------------
alter table accommodations
  -- Art der Überlassung: short-term offers such as emergency shelters, semi-residential, residential, other.
  add column provision_type text not null default 'short_term'
    check (provision_type in ('short_term', 'semi_residential', 'residential', 'other')),
  -- Anbieter: the supra-local social-assistance body, a municipality, a voluntary (free) provider,
  -- a commercial provider (hostel, guest house), other.
  add column provider_type text not null default 'municipality'
    check (provider_type in ('supra_local_social_assistance', 'municipality', 'voluntary', 'commercial', 'other')),
  add column welfare_association text
    check (welfare_association in ('awo', 'caritas', 'drk', 'paritaetischer', 'diakonie', 'zwst', 'other'));

-- Existing rows: the nearest reading of their kind and owner (to be checked by the district).
update accommodations a set
  provision_type = case a.kind when 'transitional_housing' then 'semi_residential' when 'temporary_flat' then 'other' else 'short_term' end,
  provider_type = case
    when a.kind = 'hostel' then 'commercial'
    when exists (select 1 from organisations o where o.id = a.org_id and o.kind = 'provider') then 'voluntary'
    else 'municipality' end;
update accommodations set welfare_association = 'other' where provider_type = 'voluntary';
alter table accommodations add constraint accommodations_welfare_association_check2
  check ((provider_type = 'voluntary') = (welfare_association is not null));

-- ---- the living situation's history ----------------------------------------------------------
create table case_living_situations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  case_id uuid not null references cases(id) on delete cascade,
  -- An ETHOS living-situation code (contracts/casefile.ts); null: cleared.
  living_situation text,
  -- The day it applies from: the case's "since", else the day it was recorded.
  valid_from date not null,
  recorded_at timestamptz not null default now()
);
create index case_living_situations_case_idx on case_living_situations (case_id, valid_from, recorded_at);

create function case_living_situation_history() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.living_situation is distinct from old.living_situation
     or new.living_situation_since is distinct from old.living_situation_since then
    insert into case_living_situations (org_id, case_id, living_situation, valid_from)
    values (new.org_id, new.id, new.living_situation,
            coalesce(new.living_situation_since, (now() at time zone 'Europe/Berlin')::date));
  end if;
  return null;
end $$;
create trigger cases_living_situation_history after insert or update of living_situation, living_situation_since on cases
  for each row execute function case_living_situation_history();

-- What the cases say today, from the day they say it applies (or the case's receipt).
insert into case_living_situations (org_id, case_id, living_situation, valid_from)
select c.org_id, c.id, c.living_situation, coalesce(c.living_situation_since, c.received_on)
from cases c where c.living_situation is not null;

alter table case_living_situations enable row level security;
alter table case_living_situations force row level security;
create policy case_living_situations_tenant on case_living_situations for all
  using (org_id = app_org() or app_internal()) with check (org_id = app_org() or app_internal());
grant select, insert on case_living_situations to bleibe_app;

-- ---- the counts ------------------------------------------------------------------------------
-- Both functions read every organisation's rows (row-level security is forced, so with
-- app.internal, as accommodation_occupancy() in 015) and return no names, ids, addresses or
-- birth dates: per person the characteristics, grouped by a number that is only valid within one
-- answer. Only signed-in staff of an organisation get rows; the route checks reports.official.

-- Every member of every household placed on the night of p_on (moved in on or before, not moved
-- out before the next day), with the placement's characteristics. A household without members
-- on file gives one row with null member fields. The caller picks the placed persons
-- (domain/reports/official.ts).
create function official_placed_persons(p_on date)
returns table (
  placement_no bigint, placed_persons integer, member_no integer, relation text, sex text, age integer,
  nationality text, provision_type text, provider_type text, welfare_association text,
  moved_in_on date, ags text)
language sql stable security definer
set search_path = public, pg_temp
set app.internal = 'on'
as $$
  with p as (
    select p.id, p.case_id, p.persons, p.moved_in_on, a.provision_type, a.provider_type, a.welfare_association, m.ags,
           dense_rank() over (order by p.moved_in_on, p.id) as no
    from shelter_placements p
    join accommodations a on a.id = p.accommodation_id
    join municipalities m on m.id = a.municipality_id
    where p.moved_in_on <= p_on and (p.moved_out_on is null or p.moved_out_on > p_on)
      and (app_org() is not null or app_global_admin())
  )
  select p.no, p.persons, mem.no::integer, mem.role, mem.sex, mem.age, mem.nationality,
         p.provision_type, p.provider_type, p.welfare_association, p.moved_in_on, p.ags::text
  from p
  join cases c on c.id = p.case_id
  left join lateral (
    select row_number() over (order by case hm.role when 'main_tenant' then 0 else 1 end, hm.position, pe.id) as no,
           hm.role, pe.sex, pe.nationality,
           case when pe.birth_date is null or pe.birth_date > p_on then null
                else extract(year from age(p_on, pe.birth_date))::integer end as age
    from household_members hm join persons pe on pe.id = hm.person_id
    where hm.household_id = c.household_id
  ) mem on true
  order by p.no, mem.no
$$;
revoke all on function official_placed_persons(date) from public;
grant execute on function official_placed_persons(date) to bleibe_app;

-- The NRW count's second part: members of cases open on p_on whose living situation on that day
-- was roofless or houseless (ETHOS Light 1–4) and that had no placement that night.
create function official_homeless_counselled(p_on date)
returns table (case_no bigint, member_no integer, relation text, sex text, age integer, nationality text, living_situation text, ags text)
language sql stable security definer
set search_path = public, pg_temp
set app.internal = 'on'
as $$
  with s as (
    select c.id, c.household_id, ls.living_situation
    from cases c
    cross join lateral (
      select h.living_situation from case_living_situations h
      where h.case_id = c.id and h.valid_from <= p_on
      order by h.valid_from desc, h.recorded_at desc limit 1
    ) ls
    where c.received_on <= p_on
      and (app_org() is not null or app_global_admin())
      and ls.living_situation in ('public_space', 'overnight_shelter', 'homeless_hostel', 'temporary_accommodation',
                                  'transitional_supported', 'womens_shelter', 'health_care_institution', 'penal_institution')
      -- Open that day: not closed on or before it (unless reopened by then).
      and not exists (
        select 1 from case_closures cl
        where cl.case_id = c.id and cl.closed_on <= p_on
          and (cl.reopened_at is null or (cl.reopened_at at time zone 'Europe/Berlin')::date > p_on))
      and not exists (
        select 1 from shelter_placements p
        where p.case_id = c.id and p.moved_in_on <= p_on and (p.moved_out_on is null or p.moved_out_on > p_on))
  ), n as (
    select s.*, dense_rank() over (order by s.id) as no from s
  )
  select n.no, mem.no::integer, mem.role, mem.sex, mem.age, mem.nationality, n.living_situation, m.ags::text
  from n
  join households h on h.id = n.household_id
  left join municipalities m on m.id = h.municipality_id
  left join lateral (
    select row_number() over (order by case hm.role when 'main_tenant' then 0 else 1 end, hm.position, pe.id) as no,
           hm.role, pe.sex, pe.nationality,
           case when pe.birth_date is null or pe.birth_date > p_on then null
                else extract(year from age(p_on, pe.birth_date))::integer end as age
    from household_members hm join persons pe on pe.id = hm.person_id
    where hm.household_id = n.household_id
  ) mem on true
  order by n.no, mem.no
$$;
revoke all on function official_homeless_counselled(date) from public;
grant execute on function official_homeless_counselled(date) to bleibe_app;
