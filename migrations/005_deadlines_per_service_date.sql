-- A case can have several deadlines of one kind: tenants served on different days each get
-- their own two-week defence period (§ 276 ZPO). The key therefore includes the date; deadlines
-- of one kind falling on the same day are one row (domain/deadlines merges them).
alter table case_deadlines drop constraint case_deadlines_pkey;
alter table case_deadlines add primary key (case_id, kind, date);
