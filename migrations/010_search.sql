-- Case search (issue 4, item 8): normalisation functions mirroring src/domain/matching (their
-- agreement is tested, see src/server/modules/search/normalise-sql.test.ts), the indexes the search
-- uses, and the functions that fetch candidates through them.
--
-- Why the candidate functions are SECURITY DEFINER: row-level security lets PostgreSQL use an index
-- for a condition only if its operator is leakproof (it must not see other organisations' rows
-- before the policy has filtered them). The trigram operators (<%) and every expression over our
-- normalisation functions are not leakproof, so under the application role a fuzzy search would
-- read every row of the organisation and compute the similarity of each (half a second at 20,000
-- persons). The functions below run as the owner and filter by app_org() themselves — the
-- in-code half of tenant isolation — and return ids only: the names, addresses and cases behind
-- the ids are read afterwards as bleibe_app, under row-level security, like every other read.
-- Without an organisation in the transaction (app_org() null) they return nothing.

-- Index expressions are evaluated with search_path = pg_catalog (PostgreSQL 17+, the embedded
-- engine), so functions calling each other name their schema; a SET search_path clause instead
-- would stop PostgreSQL from inlining them.

-- foldText(): lower case, German transliteration (ä → ae, ß → ss …), other diacritics dropped,
-- everything but a-z and 0-9 a single space. ASCII-only text (most names) takes the short way.
create function search_fold(t text) returns text language sql immutable parallel safe strict as $fn$
  select case when t ~ '^[ -~]*$' then btrim(regexp_replace(lower(t), '[^a-z0-9]+', ' ', 'g'))
  else btrim(regexp_replace(translate(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(normalize(t, NFC)), 'ä', 'ae'), 'æ', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'þ', 'th'), 'ß', 'ss'), 'ĳ', 'ij'), 'œ', 'oe'), 'ǆ', 'dz'), 'ǉ', 'lj'), 'ǌ', 'nj'), 'ǳ', 'dz'), 'ẞ', 'ss'),
      'ÀÁÂÃÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕØÙÚÛÝàáâãåçèéêëìíîïðñòóôõøùúûýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİıĴĵĶķĸĹĺĻļĽľŁłŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ',
      'aaaaaceeeeiiiidnooooouuuyaaaaaceeeeiiiidnooooouuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhiiiiiiiiiijjkkkllllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzsoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwysaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy'),
    '[^a-z0-9]+', ' ', 'g')) end
$fn$;

-- looseSpelling() applied to each word of a folded text (the JS version runs per token; \m and \M
-- are the word boundaries that its ^ and $ become here).
create function search_loose(t text) returns text language sql immutable parallel safe strict as $fn$
  select regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
      t, 'ae', 'a', 'g'), 'oe', 'o', 'g'), 'ue', 'u', 'g'), 'sch', 'sh', 'g'), 'tsh', 'ch', 'g'), 'kh', 'ch', 'g'),
      '\mchr', 'kr', 'g'), 'c(?=[aoulrk])', 'k', 'g'), 'ck', 'k', 'g'), 'q', 'k', 'g'), 'ph', 'f', 'g'), 'th', 't', 'g'),
      'dt', 't', 'g'), 'w', 'v', 'g'), '[yj]', 'i', 'g'), 'ai', 'ei', 'g'), 'ou|oo', 'u', 'g'), '([aeiou])h\M', '\1', 'g'),
      '(.)\1+', '\1', 'g')
$fn$;

-- A person's whole name as the search compares it.
create function search_person_name(first_name text, last_name text) returns text
  language sql immutable parallel safe strict as $fn$ select public.search_fold(first_name || ' ' || last_name) $fn$;

-- normaliseCity(): folded, without spaces.
create function search_city(t text) returns text language sql immutable parallel safe strict as
  $fn$ select replace(public.search_fold(t), ' ', '') $fn$;

-- Court file numbers (Aktenzeichen) as typed in many ways: "12 C 345/26", "12c345/2026" → "12C345/26".
create function search_file_number(t text) returns text language sql immutable parallel safe strict as
  $fn$ select regexp_replace(upper(regexp_replace(t, '\s+', '', 'g')), '/(19|20)(\d\d)$', '/\2') $fn$;

-- ---- indexes --------------------------------------------------------------------------------
-- Names: trigrams of the folded name and of its loose spelling (Meier/Mayer, Schewtschenko/Shevchenko).
create index persons_search_name_trgm on persons using gin (search_person_name(first_name, last_name) gin_trgm_ops);
create index persons_search_loose_trgm on persons using gin (search_loose(search_person_name(first_name, last_name)) gin_trgm_ops);
-- Merged records resolve to their survivor; the survivor's other records are found by this.
create index persons_merged_into_idx on persons (merged_into) where merged_into is not null;
-- From a person to the cases: as tenant (the primary key starts with case_id).
create index case_tenants_person_idx on case_tenants (person_id);
-- Addresses: the street part of the address key (normaliseStreet, written by the intake pipeline),
-- postal codes and towns per organisation.
create index households_search_street_trgm on households using gin ((split_part(address_key, '|', 1)) gin_trgm_ops);
create index households_org_postal_idx on households (org_id, postal_code);
create index households_search_city_idx on households (org_id, search_city(city) text_pattern_ops);
-- File numbers: the court's on the case and on every notice; the internal one has its unique index.
create index case_legal_search_file_number_idx on case_legal (org_id, search_file_number(court_file_number));
create index notices_search_file_number_idx on notices (org_id, search_file_number(payload->'court'->>'fileNumber'));

-- ---- candidate functions (see the header for why they are SECURITY DEFINER) -----------------

-- Persons of the caller's organisation whose name is similar to p_name (folded) or whose loose
-- spelling is similar to p_loose: word similarity (pg_trgm), so a single surname finds the whole
-- name and the order of first and last name does not matter. At most p_limit ids, in no order.
create function search_person_candidates(p_name text, p_loose text, p_threshold real, p_limit integer)
returns table (person_id uuid) language plpgsql volatile security definer set search_path = public, pg_temp as $fn$
begin
  perform set_config('pg_trgm.word_similarity_threshold', greatest(least(p_threshold, 1), 0.1)::text, true);
  -- Dynamic SQL: planned with the actual values each time, so the trigram indexes are chosen.
  return query execute
    'select p.id from persons p
      where p.org_id = app_org()
        and ($1 <% search_person_name(p.first_name, p.last_name) or $2 <% search_loose(search_person_name(p.first_name, p.last_name)))
      limit $3'
    using p_name, p_loose, least(greatest(p_limit, 1), 5000);
end $fn$;

-- Households of the caller's organisation in a street similar to p_street (normaliseStreet form),
-- optionally with the house number (normaliseHouseNumber form) and postal code given.
create function search_street_candidates(p_street text, p_house_number text, p_postal_code text, p_threshold real, p_limit integer)
returns table (household_id uuid) language plpgsql volatile security definer set search_path = public, pg_temp as $fn$
begin
  perform set_config('pg_trgm.word_similarity_threshold', greatest(least(p_threshold, 1), 0.1)::text, true);
  return query execute
    'select h.id from households h
      where h.org_id = app_org()
        and $1 <% split_part(h.address_key, ''|'', 1)
        and ($2::text is null or split_part(h.address_key, ''|'', 2) = $2)
        and ($3::text is null or h.postal_code = $3)
      limit $4'
    using p_street, p_house_number, p_postal_code, least(greatest(p_limit, 1), 5000);
end $fn$;

-- Households of the caller's organisation in a town whose name (normaliseCity form) starts with p_city.
create function search_city_candidates(p_city text, p_limit integer)
returns table (household_id uuid) language plpgsql volatile security definer set search_path = public, pg_temp as $fn$
begin
  return query execute
    'select h.id from households h
      where h.org_id = app_org() and search_city(h.city) like $1 || ''%''
      limit $2'
    using regexp_replace(p_city, '[^a-z0-9]', '', 'g'), least(greatest(p_limit, 1), 5000);
end $fn$;

-- Cases of the caller's organisation with this court file number (search_file_number form), on the
-- case's legal facts or on any of its notices.
create function search_file_number_cases(p_file_number text, p_limit integer)
returns table (case_id uuid) language sql stable security definer set search_path = public, pg_temp as $fn$
  (select l.case_id from case_legal l where l.org_id = app_org() and search_file_number(l.court_file_number) = p_file_number)
  union
  (select n.case_id from notices n where n.org_id = app_org() and search_file_number(n.payload->'court'->>'fileNumber') = p_file_number)
  limit least(greatest(p_limit, 1), 5000)
$fn$;

revoke all on function search_person_candidates(text, text, real, integer) from public;
revoke all on function search_street_candidates(text, text, text, real, integer) from public;
revoke all on function search_city_candidates(text, integer) from public;
revoke all on function search_file_number_cases(text, integer) from public;
grant execute on function search_person_candidates(text, text, real, integer) to bleibe_app;
grant execute on function search_street_candidates(text, text, text, real, integer) to bleibe_app;
grant execute on function search_city_candidates(text, integer) to bleibe_app;
grant execute on function search_file_number_cases(text, integer) to bleibe_app;
