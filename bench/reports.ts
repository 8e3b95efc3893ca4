/**
 * Reports benchmark (issue 7, item 5): ten years of a state-sized district network on PostgreSQL —
 * about 1,000,000 notices and more than 10,000,000 case events — and the yearly evaluation report
 * of the last full year computed from the live tables: the district scope (all organisations, the
 * statistics role) and the organisation scope of the largest organisation, through the reports
 * module's function (no HTTP: the route adds only validation and serialisation).
 *
 * Baseline in the same run: one plain aggregate over the same rows — the year's notices joined to
 * their cases and the cases' contact attempts, `count(*)` — district-wide and for the organisation.
 *
 * The network: 6 district offices (Fachstellen) and 90 providers (Träger) working cases, 30 courts,
 * 40 Jobcenters and 20 housing companies sending notices; 396 municipalities with AGS keys (in a
 * government region NRW does not have, 058xxxxx; postal codes 05xxx, never assigned); a few large
 * cities and a long tail of small towns, so the organisations differ in size as they do in a Land.
 * Notices rise slowly over the years, peak in late winter (service-charge bills) and arrive on
 * working days. A case collects one to three notices; some households come back years later with a
 * new case. Per case: the arrears at intake, the legal facts, contact attempts (letter, phone, home
 * visits; about two thirds reached, first attempt after a few days), the record's notes, measures
 * (rent-debt applications with amounts and decisions among them), the closure with outcome and
 * causes, follow-up tasks after 6 and 12 months with their answers, general tasks, shelter
 * placements, brokered flats with proposals, leases and tenancy follow-ups.
 *
 * Generated in the database: set-based `insert … select … from generate_series(…)` with random()
 * after setseed(), so a run is repeatable. Secondary indexes of the loaded tables are dropped before
 * the load and recreated from their own definitions afterwards (the same indexes the migrations —
 * 018 included — create); primary keys and constraints stay. ANALYZE at the end.
 *
 * Everything is synthetic. Only 127.0.0.1 (or BENCH_DATABASE_URL) is contacted; the benchmark works
 * in a database of its own, dropped at the end. Bounded: a fixed number of repetitions.
 *
 * Run: npm run bench:reports (heavy: about 1 GB of WAL per 2 M rows; run it alone)
 * Knobs: BENCH_NOTICES (default 1000000; BENCH_NOTICES=20000 for a quick run), BENCH_REPS (5),
 * BENCH_DATABASE_URL, BENCH_WRITE_DOCS=0|1 (default: only at the default size),
 * BENCH_KEEP_DB=1 (keep the database bleibe_bench_reports_keep for psql; drop it yourself),
 * BENCH_REUSE_DB=1 (with BENCH_KEEP_DB: measure an existing kept database without generating), BENCH_DB_NAME
 * (the kept database's name).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql, type QueryResult } from 'kysely';
import { EvaluationReport, ReportFilter } from '../src/contracts/reports.js';
import type { Role } from '../src/contracts/roles.js';
import { permissionsFor } from '../src/domain/access/permissions.js';
import { mulberry32 } from '../src/domain/matching/testset.js';
import type { Actor } from '../src/server/platform/auth/actor.js';
import { openServer, type Database } from '../src/server/platform/db/connect.js';
import { migrate } from '../src/server/platform/db/migrate.js';
import { inTenantTx, unsafeInternalTx } from '../src/server/platform/db/tenant.js';
import { checkFilter, evaluationReport } from '../src/server/modules/reports/evaluation.js';
import { codeStateOf, intEnv, log, namePools, quantile, secs, STREET_STEMS, writeDocsSection } from './shared.js';

const env = process.env;
const DEFAULTS = { notices: 1_000_000, reps: 5 };
const NOTICES = intEnv('BENCH_NOTICES', DEFAULTS.notices);
const REPS = intEnv('BENCH_REPS', DEFAULTS.reps);
const SERVER_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const IS_DEFAULT = NOTICES === DEFAULTS.notices && REPS === DEFAULTS.reps;
const WRITE_DOCS = env.BENCH_WRITE_DOCS === undefined ? IS_DEFAULT : env.BENCH_WRITE_DOCS === '1';
const KEEP_DB = env.BENCH_KEEP_DB === '1';
const REUSE_DB = KEEP_DB && env.BENCH_REUSE_DB === '1';
const TARGET_MS = 2000;
const SEED = 20261121;
const TODAY = '2026-11-21';
/** Ten years of data up to yesterday; the report covers the last full calendar year. */
const SPAN_DAYS = 3652;
const YEAR = 2025;
const FROM = `${YEAR}-01-01`;
const TO = `${YEAR}-12-31`;
/** Notices per case on average (1 to 3): the case count follows from the notice count. */
const NOTICES_PER_CASE = 1.18;
const CASES = Math.round(NOTICES / NOTICES_PER_CASE);

/** The network: organisation index ranges (case-working first; index 0 is the largest). */
const DISTRICT_OFFICES = 6;
const PROVIDERS = 90;
const CASEWORKING = DISTRICT_OFFICES + PROVIDERS;
const COURTS = 30;
const JOBCENTERS = 40;
const HOUSING_COMPANIES = 20;
const ORGS = CASEWORKING + COURTS + JOBCENTERS + HOUSING_COMPANIES;
const MUNICIPALITIES = 396;
const USERS_PER_ORG = 10;

/** Tables the load writes: their secondary indexes are rebuilt after it. */
const LOADED_TABLES = [
  'persons', 'households', 'household_members', 'cases', 'notices', 'case_tenants', 'case_legal', 'case_arrears',
  'contact_attempts', 'case_notes', 'measures', 'rent_debt_applications', 'case_closures', 'tasks', 'accommodations',
  'shelter_placements', 'landlords', 'housing_searches', 'flat_offers', 'offer_proposals', 'tenancy_followups',
];
/** The case events the issue counts (everything that happens in a case after its notices). */
const EVENT_TABLES = [
  'contact_attempts', 'case_notes', 'case_arrears', 'measures', 'rent_debt_applications', 'case_closures', 'tasks',
  'shelter_placements', 'housing_searches', 'offer_proposals', 'tenancy_followups',
];

const f1 = (n: number) => n.toFixed(1);
const fmt = (n: number) => n.toLocaleString('en-US');
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]) => `array[${xs.map(lit).join(',')}]::text[]`;

// ---- generation (SQL) --------------------------------------------------------------------------

/** A deterministic, random-looking uuid for the n-th row of a kind: rows reference each other set-based. */
const UID = `create function bench.uid(tag text, n bigint) returns uuid language sql immutable parallel safe as $$ select md5(tag || ':' || n::text)::uuid $$`;

const TODAY_SQL = `date ${lit(TODAY)}`;
const START_SQL = `(${TODAY_SQL} - ${SPAN_DAYS})`;

interface Step {
  label: string;
  /** The table the rows count for (row counts in the report), if any. */
  table?: string;
  text: string;
  params?: unknown[];
}

function steps(firsts: string[], lasts: string[]): Step[] {
  const S: Step[] = [];
  const step = (label: string, text: string, table?: string, params?: unknown[]) => S.push({ label, text, table, params });
  const NAMES = [firsts, lasts];
  const streets = arr(STREET_STEMS.flatMap((s) => [`${s}straße`, `${s}weg`]));
  const phi = Math.PI - (2 * Math.PI * 86) / 365.25; // the notices peak in mid-February (86 days after 21 November)

  // Organisations first, with their triggers (the measure catalogue of every case-working one).
  step('organisations', `insert into organisations (id, name, short_name, kind)
    select bench.uid('o', i),
      case when i < ${DISTRICT_OFFICES} then 'Fachstelle Wohnungsnotfälle Region ' || (i + 1)
           when i < ${CASEWORKING} then 'Wohnhilfe Träger ' || (i + 1 - ${DISTRICT_OFFICES}) || ' e.V.'
           when i < ${CASEWORKING + COURTS} then 'Amtsgericht Benchstadt ' || (i + 1 - ${CASEWORKING})
           when i < ${CASEWORKING + COURTS + JOBCENTERS} then 'Jobcenter Benchkreis ' || (i + 1 - ${CASEWORKING + COURTS})
           else 'Wohnungsgesellschaft Bench ' || (i + 1 - ${CASEWORKING + COURTS + JOBCENTERS}) end,
      'B' || i,
      case when i < ${DISTRICT_OFFICES} then 'district_office' when i < ${CASEWORKING} then 'provider'
           when i < ${CASEWORKING + COURTS} then 'court' when i < ${CASEWORKING + COURTS + JOBCENTERS} then 'jobcenter'
           else 'housing_company' end
    from generate_series(0, ${ORGS - 1}) i`, 'organisations');
  step('bulk-load session (foreign-key triggers off)', `set session_replication_role = replica`);
  step('seed', `select setseed(${(SEED % 1000) / 1000})`);

  // Municipalities: index 0 the largest. Each is served by one case-working organisation, and
  // sends its court, Jobcenter and housing-company notices from one each.
  step('municipalities', `insert into municipalities (id, name, ags, postal_codes)
    select bench.uid('m', i), 'Benchgemeinde ' || (i + 1), '058' || lpad(i::text, 5, '0'), array['05' || lpad(i::text, 3, '0')]
    from generate_series(0, ${MUNICIPALITIES - 1}) i`, 'municipalities');
  step('municipality map', `create unlogged table bench.muni as
    select i, bench.uid('m', i) as id, i % ${CASEWORKING} as org_i, ${CASEWORKING} + i % ${COURTS} as court_i,
      ${CASEWORKING + COURTS} + i % ${JOBCENTERS} as jc_i, ${CASEWORKING + COURTS + JOBCENTERS} + i % ${HOUSING_COMPANIES} as hc_i,
      '05' || lpad(i::text, 3, '0') as postal, 'Benchgemeinde ' || (i + 1) as city
    from generate_series(0, ${MUNICIPALITIES - 1}) i`);
  step('locations', `insert into locations (id, org_id, name, street, house_number, postal_code, city, municipality_ids)
    select bench.uid('l', o * 2 + j), bench.uid('o', o), 'Beratungsstelle ' || (j + 1), 'Marktplatz', (j + 1)::text, m.postal, m.city,
      (select array_agg(x.id order by x.i) from bench.muni x where x.org_i = o)
    from generate_series(0, ${CASEWORKING - 1}) o cross join generate_series(0, 1) j join bench.muni m on m.i = o`, 'locations');
  // Per organisation: caseworkers, a team lead (index 8) and a statistics account (index 9).
  step('users', `insert into users (id, org_id, email, display_name, password_hash, roles)
    select bench.uid('u', o * ${USERS_PER_ORG} + j), bench.uid('o', o), 'u' || o || '-' || j || '@bench.invalid', 'Fachkraft ' || o || '-' || j,
      'not-a-hash', case j when 8 then array['team_lead'] when 9 then array['statistics'] else array['caseworker'] end
    from generate_series(0, ${CASEWORKING - 1}) o cross join generate_series(0, ${USERS_PER_ORG - 1}) j`, 'users');

  // Cases in order of their first notice; 12 % are a household's later case (a new household
  // otherwise, numbered in order of appearance; a returning one is one of the last ~3 years').
  step('cases (plan)', `create unlogged table bench.c0 as
    select n, rep, (case when not rep then newc else greatest(1, newc - floor(r * least(newc, ${Math.round(CASES * 0.3)}))::int) end)::int as hh
    from (select n, rep, r, sum(case when rep then 0 else 1 end) over (order by n) as newc
          from (select n, n > 1000 and random() < 0.12 as rep, random() as r from generate_series(1, ${CASES}) n) a) b`);
  step('households (plan)', `create unlogged table bench.h as
    select h, muni_i, size, case when size > 1 and rc < 0.6 then 1 + floor(rc2 * (size - 1))::int else 0 end as children,
      1 + floor(${firsts.length} * power(rf, 2))::int as fi, 1 + floor(${firsts.length} * power(rf2, 2))::int as fi2,
      1 + floor(${lasts.length} * power(rl, 1.5))::int as li, 1 + floor(${STREET_STEMS.length * 2} * rs)::int as si, 1 + floor(rs * 997)::int % 140 as hn,
      18 + floor(power(ra, 1.4) * 72)::int as age
    from (select h, floor(${MUNICIPALITIES} * power(random(), 3))::int as muni_i,
            case when r < 0.40 then 1 when r < 0.64 then 2 when r < 0.79 then 3 when r < 0.90 then 4 when r < 0.96 then 5 else 6 + floor(random() * 3)::int end as size,
            random() as rc, random() as rc2, random() as rf, random() as rf2, random() as rl, random() as rs, random() as ra
          from (select h, random() as r from generate_series(1, (select max(hh) from bench.c0)::int) h) a) b`);
  step('households (plan) key', `alter table bench.h add primary key (h)`);
  // Receipt day: monotone in n; slightly more notices in later years, a seasonal wave with its peak
  // in February, weekends moved to Monday.
  step('cases (attributes)', `create unlogged table bench.c1 as
    select c.n, c.hh, c.rep, m.org_i, h.muni_i, h.size, h.children, h.age, h.fi, h.li,
      least(${TODAY_SQL} - 1, d + case extract(isodow from d) when 6 then 2 when 7 then 1 else 0 end) as received,
      m.org_i * 2 + (r1 < 0.35)::int as loc_i, m.org_i * ${USERS_PER_ORG} + floor(r2 * 8)::int as user_i,
      1 + (r3 < 0.15)::int + (r3 < 0.035)::int as k,
      r4 < 0.67 as reached, r4 < 0.67 * 0.08 as refused,
      least(45, floor(-ln(1 - r5) * 4.5))::int as d1,
      case when r4 < 0.67 then 1 + least(3, floor(-ln(1 - r6) * 1.2))::int else 2 + floor(r6 * 3)::int end as n_att,
      3 + floor(r7 * 8)::int as gap,
      21 + least(500, floor(-ln(1 - r8) * 75))::int as dur,
      r9 < 0.975 as closes, r10 as r_out, r11 as r_rda, r12 as r_rda2, r13 as r_meas, r14 as r_notes, r15 as r_tg, r16 as r_cause
    from (select *, (${START_SQL} + floor(x + ${f1(365.25 * 0.3 / (2 * Math.PI))} * sin(2 * pi() * x / 365.25 + ${phi.toFixed(6)}) - ${f1(365.25 * 0.3 / (2 * Math.PI))} * sin(${phi.toFixed(6)}))::int) as d
          from (select c0.*, ${SPAN_DAYS - 1} * power((c0.n - 0.5) / ${CASES}, 0.93) as x,
                  random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8,
                  random() r9, random() r10, random() r11, random() r12, random() r13, random() r14, random() r15, random() r16
                from bench.c0 c0) a) c
    join bench.h h on h.h = c.hh join bench.muni m on m.i = h.muni_i`);
  // What happened in the case, derived from the draws: reach, closure, outcome, application.
  step('cases (course)', `create unlogged table bench.c as
    select c1.*,
      case when closed_on is null then null
           when refused then 'declined_help'
           when reached and rda in ('approved', 'partly_approved') and r_out < 0.85 then 'tenancy_secured_with_assumption'
           when reached then case when r_out < 0.45 then 'tenancy_secured_without_assumption' when r_out < 0.57 then 'new_flat'
             when r_out < 0.63 then 'emergency_accommodation' when r_out < 0.74 then 'moved_away_unknown' when r_out < 0.83 then 'declined_help' else 'other' end
           else case when r_out < 0.55 then 'not_reached' when r_out < 0.80 then 'moved_away_unknown' when r_out < 0.86 then 'emergency_accommodation'
             when r_out < 0.93 then 'declined_help' else 'other' end end as outcome,
      -- The ids every event row names, computed once per case.
      bench.uid('c', n) as cid, bench.uid('o', org_i) as oid, bench.uid('u', user_i) as usr, bench.uid('h', hh) as hid
    from (select c1.*, (received + d1 + (n_att - 1) * gap) as conv_day,
            reached and not refused and (received + d1 + (n_att - 1) * gap) < ${TODAY_SQL} as conv,
            case when closes and received + greatest(dur, d1 + (n_att - 1) * gap + 7) < ${TODAY_SQL} then received + greatest(dur, d1 + (n_att - 1) * gap + 7) end as closed_on,
            case when reached and not refused and r_rda < 0.33 then
              case when r_rda2 < 0.55 then 'approved' when r_rda2 < 0.70 then 'partly_approved' when r_rda2 < 0.85 then 'rejected'
                   when r_rda2 < 0.90 then 'withdrawn' when r_rda2 < 0.95 then 'applied' else 'draft' end end as rda
          from bench.c1 c1) c1`);
  step('cases (plan) key', `alter table bench.c add primary key (n)`);
  step('drop plan tables', `drop table bench.c0, bench.c1`);

  // ---- households, persons, cases, notices ----
  step('households', `insert into households (id, org_id, street, house_number, postal_code, city, address_key, municipality_id, size, children)
    select bench.uid('h', h.h), bench.uid('o', m.org_i), s.street, h.hn::text, m.postal, m.city, lower(s.street) || '|' || h.hn || '|' || m.postal, m.id, h.size, h.children
    from bench.h h join bench.muni m on m.i = h.muni_i cross join lateral (select (${streets})[h.si] as street) s`, 'households');
  step('persons (main tenants)', `insert into persons (id, org_id, first_name, last_name, birth_date)
    select bench.uid('p', h.h), bench.uid('o', m.org_i), ($1::text[])[h.fi], ($2::text[])[h.li], ${TODAY_SQL} - (h.age * 365 + h.h % 365)
    from bench.h h join bench.muni m on m.i = h.muni_i`, 'persons', NAMES);
  step('persons (second adult or eldest child)', `insert into persons (id, org_id, first_name, last_name, birth_date)
    select bench.uid('q', h.h), bench.uid('o', m.org_i), ($1::text[])[h.fi2], ($2::text[])[h.li], ${TODAY_SQL} - (case when h.size - h.children >= 2 then h.age * 365 else (4 + h.h % 14) * 365 end + h.h % 300)
    from bench.h h join bench.muni m on m.i = h.muni_i where h.size >= 2`, 'persons', NAMES);
  step('household members', `insert into household_members (org_id, household_id, person_id, role, position)
    select bench.uid('o', m.org_i), bench.uid('h', h.h), bench.uid('p', h.h), 'main_tenant', 0 from bench.h h join bench.muni m on m.i = h.muni_i
    union all
    select bench.uid('o', m.org_i), bench.uid('h', h.h), bench.uid('q', h.h), case when h.size - h.children >= 2 then 'partner' else 'child' end, 1
    from bench.h h join bench.muni m on m.i = h.muni_i where h.size >= 2`, 'household_members');
  step('cases', `insert into cases (id, org_id, case_number, household_id, location_id, assigned_user_id, status, received_on, first_contact_due,
      first_contact_attempt_at, children, target_groups, living_situation, living_situation_since)
    select bench.uid('c', n), bench.uid('o', org_i), extract(year from received)::int || '-B' || lpad(n::text, 7, '0'), bench.uid('h', hh), bench.uid('l', loc_i),
      bench.uid('u', user_i), case when closed_on is not null then 'closed' when received + d1 < ${TODAY_SQL} then 'open' else 'new' end,
      received, received + case extract(isodow from received) when 4 then 5 when 5 then 5 else 3 end,
      case when received + d1 < ${TODAY_SQL} then (received + d1) + time '09:00' + (n % 480) * interval '1 minute' end,
      children,
      array_remove(array[
        case when children > 0 and size - children >= 2 then 'families_with_children' end,
        case when children > 0 and size - children = 1 then 'single_parents' end,
        case when r_tg < 0.03 then 'women_without_own_lease' end,
        case when r_tg > 0.96 then 'refugees_in_shelter' end,
        case when age < 25 then 'young_adults' end,
        case when age >= 65 then 'seniors' end,
        case when size >= 5 then 'large_households' end]::text[], null),
      case when outcome = 'new_flat' then 'own_tenancy' when outcome = 'emergency_accommodation' then 'overnight_shelter' else 'rented_housing' end,
      case when outcome in ('new_flat', 'emergency_accommodation') then closed_on end
    from bench.c`, 'cases');
  // First notices by channel (court suits, Jobcenter warnings …); later ones mostly the court's.
  const firstKind = `case when r < 0.38 then 'court_eviction_suit' when r < 0.62 then 'jobcenter_warning' when r < 0.74 then 'landlord_notice'
    when r < 0.83 then 'termination_notice' when r < 0.93 then 'self_referral' when r < 0.95 then 'eviction_date' else 'other' end`;
  const laterKind = `case when r < 0.5 then 'court_eviction_suit' when r < 0.8 then 'eviction_date' when r < 0.9 then 'jobcenter_warning' else 'landlord_notice' end`;
  step('notices', `insert into notices (org_id, source_org_id, receipt_id, external_id, kind, channel, received_on, case_id, household_match, payload, created_by)
    select bench.uid('o', x.org_i),
      bench.uid('o', case kind when 'court_eviction_suit' then m.court_i when 'eviction_date' then m.court_i when 'jobcenter_warning' then m.jc_i
        when 'landlord_notice' then m.hc_i when 'termination_notice' then m.hc_i else x.org_i end),
      bench.uid('rc', n * 4 + j), 'BN-' || n || '-' || j, kind,
      case kind when 'court_eviction_suit' then 'import' when 'eviction_date' then 'import' when 'jobcenter_warning' then 'api' when 'self_referral' then 'web' else 'portal' end,
      day, bench.uid('c', n), case when j > 1 or rep then 'linked' else 'new' end,
      jsonb_build_object('kind', kind, 'receivedOn', day,
        'tenants', jsonb_build_array(jsonb_build_object('firstName', ($1::text[])[fi], 'lastName', ($2::text[])[li])),
        'address', jsonb_build_object('postalCode', m.postal, 'city', m.city),
        'court', case when kind in ('court_eviction_suit', 'eviction_date') then jsonb_build_object('name', 'Amtsgericht Benchstadt ' || (m.court_i - ${CASEWORKING - 1}),
          'fileNumber', (10 + n % 80) || ' C ' || (n % 997 + 1) || '/' || to_char(day, 'YY')) end,
        'arrears', case when kind in ('court_eviction_suit', 'jobcenter_warning', 'landlord_notice') then round((800 + (n::bigint * 7919) % 5200)::numeric, 2) end),
      bench.uid('u', user_i)
    from (select c.*, j, case when j = 1 then ${firstKind} else ${laterKind} end as kind,
            least(${TODAY_SQL} - 1, received + (j - 1) * (20 + floor(random() * 100))::int) as day
          from bench.c c cross join generate_series(1, c.k) j cross join lateral (select random() + 0 * j as r) rr) x
    join bench.muni m on m.i = x.muni_i
    order by day, n`, 'notices', NAMES);
  step('case tenants', `insert into case_tenants (org_id, case_id, person_id, served_on)
    select bench.uid('o', org_i), bench.uid('c', n), bench.uid('p', hh), received - 3 from bench.c`, 'case_tenants');
  step('case legal facts', `insert into case_legal (case_id, org_id, monthly_rent, arrears, court_file_number, base_rent, service_charges, heating_costs)
    select bench.uid('c', n), bench.uid('o', org_i), rent, round(rent * (1.5 + (n % 37) / 6.0), 2),
      case when n % 5 < 2 then (10 + n % 80) || ' C ' || (n % 997 + 1) || '/' || to_char(received, 'YY') end,
      round(rent * 0.72, 2), round(rent * 0.18, 2), round(rent * 0.10, 2)
    from (select c.*, round((330 + size * 95 + (n * 31) % 250)::numeric, 2) as rent from bench.c c) c`);
  step('arrears at intake', `insert into case_arrears (org_id, case_id, recorded_on, amount, months)
    select bench.uid('o', org_i), bench.uid('c', n), received, round((800 + (n::bigint * 7919) % 5200)::numeric, 2), 2 + (n % 9) / 2.0 from bench.c`, 'case_arrears');

  // ---- contact attempts, in rounds (the events of a case spread over the table, as over time) ----
  for (let j = 1; j <= 4; j++) {
    step(`contact attempts, round ${j}`, `insert into contact_attempts (org_id, case_id, channel, attempted_at, outcome, assignee_id, created_by)
      select bench.uid('o', org_i), bench.uid('c', n), channel, at,
        case when ${j} = n_att and refused then 'refused'
             when ${j} = n_att and reached then case when r < 0.7 then 'reached' else 'appointment_agreed' end
             when channel = 'letter' then 'letter_sent'
             when channel = 'phone' then case when r < 0.6 then 'not_reached' else 'message_left' end
             when ${j} = n_att and r < 0.15 then 'moved_away'
             else 'not_reached' end,
        bench.uid('u', user_i), bench.uid('u', user_i)
      from (select c.*, random() as r,
              case when ${j} = 1 then case when n % 5 < 3 then 'letter' else 'phone' end when ${j} = 2 then 'phone' else 'home_visit' end as channel,
              (received + d1 + ${j - 1} * gap) + time '08:30' + (n % 540) * interval '1 minute' as at
            from bench.c c where n_att >= ${j}) c
      where at < ${TODAY_SQL}`, 'contact_attempts');
  }
  // Planned home visits of open cases not reached yet (the caseworkers' day lists).
  step('planned home visits', `insert into contact_attempts (org_id, case_id, channel, planned_on, assignee_id, created_by)
    select bench.uid('o', org_i), bench.uid('c', n), 'home_visit', ${TODAY_SQL} + (n % 10), bench.uid('u', user_i), bench.uid('u', user_i)
    from bench.c where closed_on is null and not conv and received > ${TODAY_SQL} - 60`, 'contact_attempts');

  // ---- the record's notes: more where the household was reached ----
  const NOTE_TEXTS = [
    'Anschreiben mit Terminangebot versandt.', 'Telefonat mit Mieterin, Unterlagen angefordert.', 'Rücksprache mit Vermieterseite zur Ratenzahlung.',
    'Hausbesuch, niemand angetroffen; Karte eingeworfen.', 'Beratungsgespräch im Büro: Einkommen und Rückstände aufgenommen.',
    'Antrag beim Jobcenter vorbereitet.', 'Kontoauszüge liegen vor.', 'Rückmeldung Jobcenter: Bescheid folgt.', 'Termin beim Amtsgericht notiert.',
    'Schuldnerberatung vermittelt.', 'Mieter meldet Zahlung der laufenden Miete.', 'Fallbesprechung im Team.',
  ];
  for (let j = 1; j <= 11; j++) {
    step(`notes, round ${j}`, `insert into case_notes (org_id, case_id, noted_on, minutes, text, created_by)
      select bench.uid('o', org_i), bench.uid('c', n), day, 5 + (n * ${j}) % 86, (${arr(NOTE_TEXTS)})[1 + (n + ${j * 7}) % ${NOTE_TEXTS.length}], bench.uid('u', user_i)
      from (select c.*, received + d1 + floor((coalesce(closed_on, ${TODAY_SQL}) - received - d1) * ${((j - 0.5) / 11).toFixed(3)})::int as day
            from bench.c c where (case when reached then 3 + floor(r_notes * 9) else 1 + floor(r_notes * 3) end) >= ${j}) c
      where day < ${TODAY_SQL}`, 'case_notes');
  }

  // ---- measures: the reached households get one to three, besides a rent-debt application ----
  const keys = arr(['instalment_agreement', 'direct_payment', 'landlord_negotiation', 'landlord_negotiation', 'referral_debt_counselling',
    'referral_addiction_help', 'referral_social_psychiatric', 'accompaniment', 'benefit_wohngeld', 'benefit_sgb2', 'benefit_sgb12', 'landlord_negotiation']);
  for (let j = 1; j <= 3; j++) {
    step(`measures, round ${j}`, `insert into measures (org_id, case_id, type_id, category, status, started_on, due_on, completed_on, amount, counterpart, created_by)
      select c.org, c.case_id, mt.id, mt.category,
        case mt.category
          when 'referral' then case when r < 0.55 then 'attended' when r < 0.8 then 'referred' else 'not_attended' end
          when 'benefit_application' then case when closed_on is null and r < 0.5 then 'applied' when r < 0.75 then 'approved' else 'rejected' end
          else case when closed_on is null then case when r < 0.5 then 'in_progress' else 'planned' end when r < 0.8 then 'done' when r < 0.92 then 'failed' else 'cancelled' end end,
        started, started + 14, case when closed_on is not null and r < 0.8 then least(closed_on, started + 10 + (n % 40)) end,
        case when mt.category in ('instalment_agreement', 'direct_payment') then round((50 + (n * 13) % 300)::numeric, 2) end,
        case mt.category when 'referral' then 'Beratungsstelle Bench' when 'benefit_application' then 'Jobcenter' else null end,
        bench.uid('u', user_i)
      from (select c.*, bench.uid('o', org_i) as org, bench.uid('c', n) as case_id, random() as r,
              (${keys})[1 + floor(random() * 12)::int] as key, conv_day + ${j * 2} + (n % 9) as started
            from bench.c c where conv and floor(r_meas * 3.4) >= ${j}) c
      join measure_types mt on mt.org_id = c.org and mt.key = c.key
      where started < ${TODAY_SQL}`, 'measures');
  }
  step('measures (rent-debt assumptions)', `insert into measures (id, org_id, case_id, type_id, category, status, started_on, created_by)
    select bench.uid('r', n), c.org, bench.uid('c', n), mt.id, 'rent_debt_assumption', null, conv_day + 2, bench.uid('u', user_i)
    from (select c.*, bench.uid('o', org_i) as org from bench.c c where rda is not null and conv) c
    join measure_types mt on mt.org_id = c.org and mt.key = 'rent_debt_assumption'`, 'measures');
  // Amounts: log-normal around 2,500 euros; a partly approval pays 40–90 %.
  step('rent-debt applications', `insert into rent_debt_applications (id, org_id, case_id, deciding_org_id, status, amount, body, form, reasoning,
      submitted_at, case_number, schonfrist_end, decided_amount, decided_form, decided_on, decided_at, commitment_on)
    select bench.uid('r', n), bench.uid('o', org_i), bench.uid('c', n), case when rda = 'draft' then null else bench.uid('o', org_i % ${DISTRICT_OFFICES}) end,
      rda, amount, case when r2 < 0.8 then 'jobcenter' else 'social_office' end, case when r2 < 0.85 or r2 > 0.97 then 'loan' else 'grant' end,
      'Einmalige Notlage; laufende Miete gesichert.',
      case when rda <> 'draft' then (conv_day + 5) + time '11:00' end, extract(year from received)::int || '-B' || lpad(n::text, 7, '0'), received + 60,
      case rda when 'approved' then amount when 'partly_approved' then round(amount * (0.4 + r3 * 0.5)::numeric, 2) end,
      case when rda in ('approved', 'partly_approved') then case when r2 < 0.85 then 'loan' else 'grant' end end,
      case when rda in ('approved', 'partly_approved', 'rejected') then conv_day + 5 + (n % 25) end,
      case when rda in ('approved', 'partly_approved', 'rejected') then (conv_day + 5 + (n % 25)) + time '14:00' end,
      case when rda in ('approved', 'partly_approved') then conv_day + 7 + (n % 25) end
    from (select c.*, round(exp(ln(2500) + 0.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))::numeric, 2) + 1 as amount,
            random() as r2, random() as r3
          from bench.c c where rda is not null and conv) c`, 'rent_debt_applications');

  // ---- closures (2 % were reopened once before), follow-ups and other tasks ----
  step('closures (reopened earlier ones)', `insert into case_closures (id, org_id, case_id, closed_on, closed_at, closed_by, outcome, home_visits, reopened_at, reopened_by, reopen_reason)
    select bench.uid('y', n), bench.uid('o', org_i), bench.uid('c', n), received + 10, (received + 10) + time '15:00', bench.uid('u', user_i), 'not_reached', 0,
      (received + 20) + time '10:00', bench.uid('u', user_i), 'Neue Mitteilung des Gerichts'
    from bench.c where closed_on is not null and n % 50 = 7 and closed_on > received + 25`, 'case_closures');
  const cause = (r: string) => `case when ${r} < 0.25 then 'income_loss' when ${r} < 0.47 then 'benefit_interruption' when ${r} < 0.57 then 'separation'
    when ${r} < 0.69 then 'illness' when ${r} < 0.75 then 'addiction' when ${r} < 0.87 then 'over_indebtedness' when ${r} < 0.95 then 'service_charge_back_payment' else 'other' end`;
  step('closures', `insert into case_closures (id, org_id, case_id, closed_on, closed_at, closed_by, outcome, causes, not_reached_reason, home_visits)
    select bench.uid('x', n), bench.uid('o', org_i), bench.uid('c', n), closed_on, closed_on + time '15:30', bench.uid('u', user_i), outcome,
      case when conv then array(select distinct x from unnest(array[${cause('r_cause')}, case when r_tg < 0.4 then ${cause('r_tg * 2.5')} end]) x where x is not null) else '{}' end,
      case when outcome = 'not_reached' then case when r_out < 0.27 then 'address_inaccessible' when r_out < 0.38 then 'known_moved' else 'other' end end,
      greatest(0, n_att - 2)
    from bench.c where closed_on is not null`, 'case_closures');
  for (const months of [6, 12]) {
    step(`follow-up tasks after ${months} months`, `insert into tasks (org_id, case_id, kind, due_on, assignee_id, status, done_at, done_by, closure_id, follow_up_months, follow_up_answer, created_by)
      select bench.uid('o', org_i), bench.uid('c', n), 'follow_up', due, bench.uid('u', user_i),
        case when due >= ${TODAY_SQL} or r < 0.08 then 'open' when r < 0.11 then 'cancelled' else 'done' end,
        case when due < ${TODAY_SQL} and r >= 0.11 then (due + (n % 12)) + time '10:00' end,
        case when due < ${TODAY_SQL} and r >= 0.11 then bench.uid('u', user_i) end,
        bench.uid('x', n), ${months},
        case when due < ${TODAY_SQL} and r >= 0.11 then case when r < ${months === 6 ? 0.86 : 0.80} then 'yes' when r < 0.92 then 'no' else 'unknown' end end,
        bench.uid('u', user_i)
      from (select c.*, (closed_on + interval '${months} months')::date as due, random() as r from bench.c c
            where outcome in ('tenancy_secured_with_assumption', 'tenancy_secured_without_assumption', 'new_flat')) c`, 'tasks');
  }
  const TASK_TITLES = ['Unterlagen anfordern', 'Rückruf Vermieterseite', 'Bescheid prüfen', 'Termin Jobcenter begleiten', 'Hausbesuch planen', 'Zahlungseingang prüfen'];
  for (let j = 1; j <= 3; j++) {
    step(`general tasks, round ${j}`, `insert into tasks (org_id, case_id, kind, title, due_on, assignee_id, status, done_at, done_by, created_by)
      select bench.uid('o', org_i), bench.uid('c', n), 'general', (${arr(TASK_TITLES)})[1 + (n + ${j}) % ${TASK_TITLES.length}], due, bench.uid('u', user_i),
        case when due < ${TODAY_SQL} - 14 or closed_on is not null then 'done' else 'open' end,
        case when due < ${TODAY_SQL} - 14 or closed_on is not null then due + time '12:00' end,
        case when due < ${TODAY_SQL} - 14 or closed_on is not null then bench.uid('u', user_i) end, bench.uid('u', user_i)
      from (select c.*, received + d1 + ${j * 6} + (n % 7) as due from bench.c c where floor(r_notes * 4.1) >= ${j} and (closed_on is null or received + d1 + ${j * 6} < closed_on)) c`, 'tasks');
  }

  // ---- shelter: two accommodations per case-working organisation ----
  step('accommodations', `insert into accommodations (id, org_id, kind, name, municipality_id, places)
    select bench.uid('a', o * 2 + j), bench.uid('o', o), case j when 0 then 'emergency_shelter' else 'transitional_housing' end,
      'Unterkunft ' || (o + 1) || '-' || (j + 1), bench.uid('m', o), 200
    from generate_series(0, ${CASEWORKING - 1}) o cross join generate_series(0, 1) j`, 'accommodations');
  step('shelter placements', `insert into shelter_placements (org_id, case_id, accommodation_id, persons, moved_in_on, moved_out_on, move_out_reason, created_by)
    select bench.uid('o', org_i), bench.uid('c', n), bench.uid('a', org_i * 2 + n % 2), size, closed_on - 2, out_on,
      case when out_on is null then null when r < 0.35 then 'own_flat' when r < 0.55 then 'other_accommodation' when r < 0.7 then 'relatives' when r < 0.8 then 'institution' when r < 0.9 then 'unknown' else 'other' end,
      bench.uid('u', user_i)
    from (select c.*, random() as r, case when closed_on - 2 + (30 + (n * 17) % 700) < ${TODAY_SQL} then closed_on - 2 + (30 + (n * 17) % 700) end as out_on
          from bench.c c where outcome = 'emergency_accommodation') c`, 'shelter_placements');

  // ---- brokerage: a flat found for "new_flat" closures; half of them were declined elsewhere first ----
  step('landlords', `insert into landlords (id, org_id, kind, name, shared)
    select bench.uid('L', o * 5 + j), bench.uid('o', o), case j when 0 then 'municipal_company' when 1 then 'cooperative' when 2 then 'housing_company' else 'private' end,
      'Vermieter ' || (o + 1) || '-' || (j + 1), j < 2
    from generate_series(0, ${CASEWORKING - 1}) o cross join generate_series(0, 4) j`, 'landlords');
  step('housing searches', `insert into housing_searches (id, org_id, case_id, status, started_on, ended_on, persons, children, has_wbs, created_by)
    select bench.uid('s', n), bench.uid('o', org_i), bench.uid('c', n), 'housed', conv_day, closed_on - 1, size, children, n % 3 > 0, bench.uid('u', user_i)
    from bench.c where outcome = 'new_flat'`, 'housing_searches');
  for (const [tag, status] of [['f', 'let'], ['g', 'let']] as const) {
    step(`flat offers (${tag === 'f' ? 'leased' : 'let to others'})`, `insert into flat_offers (id, org_id, landlord_id, street, house_number, postal_code, city, municipality_id,
        floor_area, rooms, floor, base_rent, service_charges, heating_costs, available_from, wbs_required, status, created_by)
      select bench.uid('${tag}', n), bench.uid('o', c.org_i), bench.uid('L', c.org_i * 5 + n % 5), 'Neubauweg', (1 + n % 60)::text, m.postal, m.city, m.id,
        30 + least(size, 5) * 14, least(size, 5) * 1.0, n % 5, 280 + least(size, 5) * 90, 70 + least(size, 5) * 20, 50 + least(size, 5) * 15, closed_on - 20, n % 3 = 0, '${status}', bench.uid('u', user_i)
      from bench.c c join bench.muni m on m.i = c.muni_i where outcome = 'new_flat' ${tag === 'g' ? 'and n % 2 = 0' : ''}`, 'flat_offers');
  }
  step('proposals (declined by the landlord)', `insert into offer_proposals (id, org_id, offer_id, search_id, case_id, status, proposed_on, decided_on, decline_reason, created_by)
    select bench.uid('Q', n), bench.uid('o', org_i), bench.uid('g', n), bench.uid('s', n), bench.uid('c', n), 'declined_by_landlord', closed_on - 40, closed_on - 30,
      'Andere Bewerbung berücksichtigt', bench.uid('u', user_i)
    from bench.c where outcome = 'new_flat' and n % 2 = 0`, 'offer_proposals');
  step('proposals (leases)', `insert into offer_proposals (id, org_id, offer_id, search_id, case_id, status, proposed_on, viewing_at, decided_on, lease_signed_on, tenancy_start, created_by)
    select bench.uid('q', n), bench.uid('o', org_i), bench.uid('f', n), bench.uid('s', n), bench.uid('c', n), 'lease_signed', closed_on - 20,
      (closed_on - 14) + time '16:00', closed_on - 8, closed_on - 5, date_trunc('month', closed_on + 20)::date, bench.uid('u', user_i)
    from bench.c where outcome = 'new_flat'`, 'offer_proposals');
  for (const months of [6, 12]) {
    step(`tenancy follow-ups after ${months} months`, `insert into tenancy_followups (proposal_id, org_id, months, due_on, in_place, checked_on)
      select bench.uid('q', n), bench.uid('o', org_i), ${months}, due,
        case when due < ${TODAY_SQL} and r < 0.95 then r < ${months === 6 ? 0.88 : 0.83} end,
        case when due < ${TODAY_SQL} and r < 0.95 then due + (n % 20) end
      from (select c.*, (date_trunc('month', closed_on + 20) + interval '${months} months')::date as due, random() as r from bench.c c where outcome = 'new_flat') c`, 'tenancy_followups');
  }
  return S;
}

// ---- loading -----------------------------------------------------------------------------------

interface Loaded {
  rows: Map<string, number>;
  loadMs: number;
  indexMs: number;
  analyzeMs: number;
  indexes: number;
  steps: { label: string; ms: number; rows: number }[];
}

async function generate(db: Database): Promise<Loaded> {
  const names = namePools(SEED);
  // First names in the order the ranked sampler first draws them (roughly by frequency); the SQL
  // draws ranks itself, skewed towards the first entries.
  const rng = mulberry32(SEED);
  const seenF = new Set<string>();
  for (let i = 0; seenF.size < 600 && i < 200_000; i++) seenF.add(names.first(rng));
  const F = [...seenF];
  const L = names.surnames.slice(0, 3000);
  const rows = new Map<string, number>();
  const timings: Loaded['steps'] = [];
  return db.kysely.connection().execute(async (c) => {
    const run = async (text: string, params: unknown[] = []) => c.executeQuery(CompiledQuery.raw(text, params)) as Promise<QueryResult<Record<string, unknown>>>;
    await run(`set app.internal = 'on'`);
    await run(`set maintenance_work_mem = '256MB'`);
    await run(`set work_mem = '64MB'`);
    await run(`set synchronous_commit = off`);
    await run('drop schema if exists bench cascade');
    await run('create schema bench');
    await run(UID);
    // Secondary indexes of the loaded tables: recreated from their own definitions after the load.
    const idx = (await run(`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace s on s.oid = t.relnamespace
      where s.nspname = 'public' and t.relname = any($1) and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`, [LOADED_TABLES])).rows as { name: string; def: string }[];
    for (const i of idx) await run(`drop index ${i.name}`);
    log(`dropped ${idx.length} secondary indexes of ${LOADED_TABLES.length} tables for the load`);
    const t0 = performance.now();
    for (const s of steps(F, L)) {
      const ts = performance.now();
      // Rows made from bench.c take the ids the plan computed once per case.
      const text = s.label === 'cases (course)' ? s.text
        : s.text.replaceAll("bench.uid('c', n)", 'cid').replaceAll("bench.uid('o', org_i)", 'oid').replaceAll("bench.uid('u', user_i)", 'usr').replaceAll("bench.uid('h', hh)", 'hid');
      const res = await run(text, s.params);
      const n = Number(res.numAffectedRows ?? 0n);
      const ms = performance.now() - ts;
      if (s.table) rows.set(s.table, (rows.get(s.table) ?? 0) + n);
      timings.push({ label: s.label, ms, rows: n });
      log(`${s.label}: ${s.table ? `${fmt(n)} rows, ` : ''}${secs(ms)} s`);
    }
    const loadMs = performance.now() - t0;
    await run('set session_replication_role = origin');
    const t1 = performance.now();
    for (const i of idx) {
      const ti = performance.now();
      await run(i.def);
      const ms = performance.now() - ti;
      if (ms > 5000) log(`index ${i.name}: ${secs(ms)} s`);
    }
    const indexMs = performance.now() - t1;
    log(`recreated ${idx.length} indexes in ${secs(indexMs)} s`);
    await run('drop schema bench cascade');
    const t2 = performance.now();
    await run('vacuum analyze');
    const analyzeMs = performance.now() - t2;
    log(`vacuum analyze: ${secs(analyzeMs)} s`);
    return { rows, loadMs, indexMs, analyzeMs, indexes: idx.length, steps: timings };
  });
}

// ---- measuring ---------------------------------------------------------------------------------

interface Stats { p50: number; max: number; min: number; n: number }
const stats = (xs: number[]): Stats => ({ p50: quantile(xs, 0.5), max: Math.max(...xs), min: Math.min(...xs), n: xs.length });

function actor(userId: string, orgId: string, orgName: string, orgKind: Actor['orgKind'], roles: Role[]): Actor {
  return {
    userId, email: 'bench@bench.invalid', displayName: 'Bench', language: 'de', orgId, orgName, orgKind, roles,
    permissions: new Set(permissionsFor(roles)), globalAdmin: false, totpEnabled: false, session: null as never,
  };
}

async function timed<T>(n: number, fn: () => Promise<T>) {
  await fn(); // warm-up: plans, caches
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
  }
  return { stats: stats(times), last: last as T };
}

interface Measured {
  scope: string;
  households: number;
  notices: number;
  baselineRows: number;
  report: Stats | null;
  baseline: Stats;
  note?: string;
}

async function measure(db: Database): Promise<Measured[]> {
  const uid = async (tag: string, n: number) => (await sql<{ id: string }>`select md5(${tag} || ':' || ${n})::uuid::text as id`.execute(db.kysely)).rows[0].id;
  const org0 = await uid('o', 0);
  const org0Name = (await sql<{ name: string }>`select name from organisations where id = ${org0}`.execute(db.kysely)).rows[0].name;
  const statsUser = actor(await uid('u', 9), org0, org0Name, 'district_office', ['statistics']);
  const lead = actor(await uid('u', 8), org0, org0Name, 'district_office', ['team_lead']);
  const out: Measured[] = [];
  for (const scope of ['district', 'organisation'] as const) {
    const orgFilter = scope === 'organisation' ? sql`and n.org_id = ${org0}` : sql``;
    const baselineQuery = () =>
      sql<{ n: number }>`select count(*)::int as n from notices n join cases c on c.id = n.case_id left join contact_attempts a on a.case_id = c.id
        where n.received_on between ${FROM} and ${TO} ${orgFilter}`;
    const baseline = await timed(REPS, () =>
      scope === 'district'
        ? unsafeInternalTx(db, null, async (tx) => (await baselineQuery().execute(tx.db)).rows[0].n)
        : inTenantTx(db, lead, null, async (tx) => (await baselineQuery().execute(tx.db)).rows[0].n),
    );
    const counts = (await sql<{ households: number; notices: number }>`select
        (select count(*)::int from cases c where c.received_on between ${FROM} and ${TO} ${scope === 'organisation' ? sql`and c.org_id = ${org0}` : sql``}) as households,
        (select count(*)::int from notices n where n.received_on between ${FROM} and ${TO} ${orgFilter}) as notices`.execute(db.kysely)).rows[0];
    const report = await measureReport(db, scope, scope === 'district' ? statsUser : lead, counts.households);
    out.push({ scope, households: counts.households, notices: counts.notices, baselineRows: baseline.last, baseline: baseline.stats, report: report.stats, note: report.note });
    log(`${scope}: report ${report.stats ? `p50 ${f1(report.stats.p50)} ms, max ${f1(report.stats.max)} ms` : `not measured (${report.note})`}; baseline p50 ${f1(baseline.stats.p50)} ms (${fmt(baseline.last)} rows)`);
  }
  return out;
}

/**
 * The evaluation report through the reports module, as the route computes it: the filter parsed
 * and checked for the viewer, one tenant transaction. The answer is checked against the data.
 */
async function measureReport(db: Database, scope: 'district' | 'organisation', who: Actor, households: number): Promise<{ stats: Stats | null; note?: string }> {
  const filter = ReportFilter.parse({ from: FROM, to: TO, scope });
  checkFilter(who, filter);
  const { stats: s, last } = await timed(REPS, () => inTenantTx(db, who, null, (tx) => evaluationReport(tx, scope, filter, { orgId: who.orgId })));
  const report = EvaluationReport.parse(last);
  if (report.households.total !== households) throw new Error(`${scope}: the report counts ${report.households.total} households, the data has ${households}`);
  return { stats: s };
}

// ---- report ------------------------------------------------------------------------------------

function section(loaded: Loaded | null, m: Measured[], meta: { totalMs: number; serverVersion: string; codeState: string; load: number[] }) {
  const L: string[] = [];
  L.push(`Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.versions.node}, ${meta.serverVersion} on 127.0.0.1 with its default settings (shared_buffers 128 MB, work_mem 4 MB); shared machine (other jobs ran at the same time: read the ratios; load average ${meta.load.map((l) => l.toFixed(1)).join(' at the start of the run, ')} before the measurements).`);
  L.push('');
  L.push(`Code: ${meta.codeState}. Command: \`npm run bench:reports\`${IS_DEFAULT ? '' : ` with BENCH_NOTICES=${NOTICES} BENCH_REPS=${REPS}`} — ${REUSE_DB ? `measurements ${f1(meta.totalMs / 60_000)} min, on the database a run with BENCH_KEEP_DB=1 had generated (its generation figures below)` : `whole run ${f1(meta.totalMs / 60_000)} min`}.`);
  L.push('');
  if (loaded) {
    const events = EVENT_TABLES.reduce((s, t) => s + (loaded.rows.get(t) ?? 0), 0);
    L.push(`Data: ten years (${Number(TODAY.slice(0, 4)) - 10}-${TODAY.slice(5)} to ${TODAY}) of a state-sized network: ${DISTRICT_OFFICES} district offices and ${PROVIDERS} providers working cases, ` +
      `${COURTS} courts, ${JOBCENTERS} Jobcenters and ${HOUSING_COMPANIES} housing companies sending notices, ${MUNICIPALITIES} municipalities (one large city served by the largest organisation, a long tail of small towns). ` +
      `${fmt(loaded.rows.get('notices') ?? 0)} notices (court suits, Jobcenter warnings, landlords, self-referrals …; rising over the years, peaking in February, on working days) about ` +
      `${fmt(loaded.rows.get('cases') ?? 0)} cases of ${fmt(loaded.rows.get('households') ?? 0)} households, and **${fmt(events)} case events**: ` +
      EVENT_TABLES.map((t) => `${fmt(loaded.rows.get(t) ?? 0)} ${t.replace(/_/g, ' ')}`).join(', ') + '. ' +
      'About two thirds of the households reached, the first attempt after a median of a few days; outcomes, causes, rent-debt applications (log-normal amounts around 2,500 €, 70 % approved in full or in part), follow-ups after 6 and 12 months with their answers.');
    L.push('');
    L.push(`Generated in the database (set-based, seeded): load ${f1(loaded.loadMs / 1000)} s with the secondary indexes dropped, ${loaded.indexes} indexes recreated from the migrations' definitions in ${f1(loaded.indexMs / 1000)} s, VACUUM ANALYZE ${f1(loaded.analyzeMs / 1000)} s.`);
    L.push('');
  }
  L.push(`The yearly evaluation report for ${YEAR} (${FROM} to ${TO}), ${REPS} runs after one warm-up, each in its own transaction as the application runs it. ` +
    'Baseline, same run: one plain aggregate over the same rows — the year\'s notices joined to their cases and the cases\' contact attempts, `count(*)`.');
  L.push('');
  L.push('| scope | cases of the year | notices of the year | report p50 | max | < 2 s | baseline p50 (rows) | report p50 / baseline p50 |');
  L.push('| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
  for (const r of m) {
    const who = r.scope === 'district' ? 'district (all organisations, statistics role, suppression)' : 'organisation (the largest, team lead, row-level security)';
    L.push(`| ${who} | ${fmt(r.households)} | ${fmt(r.notices)} | ${r.report ? `${f1(r.report.p50)} ms` : '—'} | ${r.report ? `${f1(r.report.max)} ms` : '—'} | ${r.report ? (r.report.max < TARGET_MS ? 'yes' : '**no**') : '—'} | ${f1(r.baseline.p50)} ms (${fmt(r.baselineRows)}) | ${r.report ? f1(r.report.p50 / r.baseline.p50) : '—'} |`);
  }
  L.push('');
  L.push('The district figures come from report_figures_district() (migration 018), SECURITY DEFINER in plpgsql running report_figures() as dynamic SQL, ' +
    'so each call is planned with the actual period and filters. As a plain SQL function its body got a generic plan, which guessed the cohort at 0.5 % of the cases ' +
    'and joined the per-case CTEs by nested loops, quadratic in the cohort: 5.4 s instead of 0.5 s already at 17,000 cases (BENCH_NOTICES=20000).');
  const notes = m.filter((r) => r.note).map((r) => `${r.scope}: ${r.note}`);
  if (notes.length) {
    L.push('');
    L.push(`Not measured: ${notes.join('; ')}.`);
  }
  return L.join('\n');
}

// ---- main --------------------------------------------------------------------------------------

const tAll = performance.now();
const codeState = codeStateOf();
const admin = await openServer(SERVER_URL, 1);
const v = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(admin.kysely);
const serverVersion = `PostgreSQL ${v.rows[0].v.split(' ')[0]}`;
const name = env.BENCH_DB_NAME ?? (KEEP_DB ? 'bleibe_bench_reports_keep' : `bleibe_bench_reports_${process.pid}`);
const loadBefore = os.loadavg()[0];
if (!REUSE_DB) {
  await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.kysely);
  await sql.raw(`create database ${name}`).execute(admin.kysely);
}
const u = new URL(SERVER_URL);
u.pathname = `/${name}`;
const db = await openServer(u.toString(), 4);
let failed = false;
try {
  let loaded: Loaded | null = null;
  // What the load of a kept database was, for a later BENCH_REUSE_DB run's report.
  const infoPath = join(os.tmpdir(), `${name}.json`);
  if (REUSE_DB && existsSync(infoPath)) {
    const info = JSON.parse(readFileSync(infoPath, 'utf8')) as Omit<Loaded, 'rows'> & { rows: [string, number][] };
    loaded = { ...info, rows: new Map(info.rows) };
  }
  if (!REUSE_DB) {
    const applied = await migrate(db);
    log(`migrated (${applied.length} migrations); generating ${fmt(NOTICES)} notices in ${fmt(CASES)} cases …`);
    loaded = await generate(db);
    const events = EVENT_TABLES.reduce((s, t) => s + (loaded!.rows.get(t) ?? 0), 0);
    if (KEEP_DB) writeFileSync(infoPath, JSON.stringify({ ...loaded, rows: [...loaded.rows.entries()] }));
    log(`loaded: ${[...loaded.rows.entries()].map(([t, n]) => `${t} ${fmt(n)}`).join(', ')}; case events ${fmt(events)}`);
  }
  const loadMeasure = os.loadavg()[0];
  const m = await measure(db);
  const text = section(loaded, m, { totalMs: performance.now() - tAll, serverVersion, codeState, load: [loadBefore, loadMeasure] });
  console.log(`\n${text}`);
  if (WRITE_DOCS) {
    writeDocsSection('## Reports', 'bench:reports', text);
    console.log('\n(docs/benchmarks.md: section "Reports" written)');
  } else console.log('\n(docs/benchmarks.md not written: not the default size; BENCH_WRITE_DOCS=1 forces it)');
  failed = m.some((r) => r.report && r.report.max >= TARGET_MS);
} finally {
  await db.close();
  if (!KEEP_DB) await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.kysely);
  await admin.close();
}
if (failed) {
  console.log(`a yearly report took ≥ ${TARGET_MS} ms`);
  process.exitCode = 1;
}
