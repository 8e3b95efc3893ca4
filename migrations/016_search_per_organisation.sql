-- Case search at district scale (issue 4): the trigram indexes of migration 010 covered every
-- organisation's persons and streets at once. A search runs within one organisation, but the
-- index handed back the similar names of all of them and PostgreSQL rechecked each on the heap:
-- at 1,000,000 persons in 50 organisations that is where the time went (p95 335 ms). With the
-- organisation as the first column of the same GIN index (btree_gin makes uuid equality a GIN
-- key), the index intersects "this organisation" with the trigrams before touching a row.
-- Same names, so everything that refers to them (bench/search.ts) keeps working.
create extension if not exists btree_gin;

drop index persons_search_name_trgm;
drop index persons_search_loose_trgm;
drop index households_search_street_trgm;
create index persons_search_name_trgm on persons using gin (org_id, search_person_name(first_name, last_name) gin_trgm_ops);
create index persons_search_loose_trgm on persons using gin (org_id, search_loose(search_person_name(first_name, last_name)) gin_trgm_ops);
create index households_search_street_trgm on households using gin (org_id, (split_part(address_key, '|', 1)) gin_trgm_ops);
