import { sql } from 'kysely';
import type { SearchHit, SearchMatch } from '../../../contracts/search.js';
import { nameTokens, normaliseCity, normaliseStreet } from '../../../domain/matching/index.js';
import { looseName, type ParsedQuery } from '../../../domain/search/query.js';
import { combinedScore, compareHits, scoreName, scoreStreet, type MatchQuality } from '../../../domain/search/score.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';

/**
 * Candidates per kind that are ranked. Past this many persons or households for one entry (a
 * first name alone, a whole town) the answer says "truncated" and the caseworker narrows it;
 * ranking more would cost time without helping anyone pick.
 */
export const CANDIDATE_CAP = 200;
/**
 * Trigram word similarity (0..1) a stored name needs to become a candidate: first the strict
 * one, which a typo or a spelling variant still passes (the loose-spelling index absorbs the
 * latter); only when that finds few persons the lenient one, which lets "Peter Müller" bring every
 * Müller and Peter — thousands in a large organisation, all to be read and ranked.
 */
const NAME_THRESHOLD_STRICT = 0.75;
const NAME_THRESHOLD = 0.5;
const FEW_CANDIDATES = 40;
/** A strict candidate this good (all typed words matched, at most a typo) makes the lenient pass unnecessary. */
const GOOD_NAME_SCORE = 0.85;
const STREET_THRESHOLD = 0.5;
/** A candidate whose name ranks below this (half the typed words unmatched) is no hit. */
const MIN_NAME_SCORE = 0.5;

type Found = { score: number; parts: number[]; matches: SearchMatch[] };

const ids = (xs: Iterable<string>) => sql`${[...new Set(xs)]}::uuid[]`;
const match = (field: SearchMatch['field'], quality: MatchQuality, value: string, personId: string | null = null, viaMergedRecord = false): SearchMatch => ({
  field, quality, value, personId, viaMergedRecord,
});

export interface SearchOutcome {
  hits: SearchHit[];
  total: number;
  truncated: boolean;
}

/**
 * Searches the cases of the actor's organisation (closed ones included) by name, file number and
 * address, ranked. Candidates come from the SECURITY DEFINER functions of migrations/010_search.sql
 * (ids of the caller's organisation only); everything shown is then read as bleibe_app under
 * row-level security, with the organisation also named in each query.
 */
export async function searchCases(tx: Tx, actor: Actor, q: ParsedQuery, page: { offset: number; limit: number }): Promise<SearchOutcome> {
  let truncated = false;
  const note = (n: number) => {
    if (n >= CANDIDATE_CAP) truncated = true;
  };
  let found: Map<string, Found>;

  if (q.caseNumber || q.courtFileNumber) {
    found = new Map();
    if (q.caseNumber) {
      const rows = await tx.db.selectFrom('cases').select('id').where('org_id', '=', actor.orgId).where('case_number', '=', q.caseNumber).execute();
      for (const r of rows) found.set(r.id, { score: 1, parts: [1], matches: [match('caseNumber', 'exact', q.caseNumber)] });
    }
    if (q.courtFileNumber) {
      const rows = (await sql<{ case_id: string }>`select case_id from search_file_number_cases(${q.courtFileNumber}, ${CANDIDATE_CAP})`.execute(tx.db)).rows;
      note(rows.length);
      const legal = await caseFileNumbers(tx, actor, rows.map((r) => r.case_id));
      for (const r of rows) found.set(r.case_id, { score: 1, parts: [1], matches: [match('courtFileNumber', 'exact', legal.get(r.case_id) ?? q.courtFileNumber)] });
    }
  } else {
    const byName = q.name.length ? await nameHits(tx, actor, q, note) : null;
    const addressGiven = Boolean(q.street || q.houseNumber || q.postalCode || q.city);
    const byAddress = addressGiven ? await addressHits(tx, actor, q, note) : null;
    if (byName && byAddress) {
      // Name and address together: both must match.
      found = new Map();
      for (const [id, n] of byName) {
        const a = byAddress.get(id);
        if (a) found.set(id, { score: combinedScore([...n.parts, ...a.parts]), parts: [...n.parts, ...a.parts], matches: [...n.matches, ...a.matches] });
      }
    } else found = byName ?? byAddress ?? new Map();
    if (q.nameOrPlace) {
      // The words may be a town or a street as well as a name: place hits join, a little below a name of the same quality.
      const place = await placeHits(tx, actor, q.name.join(' '), note);
      for (const [id, p] of place) {
        const n = found.get(id);
        if (!n) found.set(id, p);
        else if (p.score > n.score) found.set(id, { ...p, matches: [...n.matches, ...p.matches] });
        else n.matches.push(...p.matches);
      }
    }
  }

  // Status and date for the order of all hits; the rest is read for the page only.
  const caseIds = [...found.keys()];
  const order = caseIds.length
    ? await tx.db.selectFrom('cases').select(['id', 'status', 'received_on']).where('org_id', '=', actor.orgId).where(sql<boolean>`id = any(${ids(caseIds)})`).execute()
    : [];
  const ranked = order
    .map((r) => ({ id: r.id, f: found.get(r.id)!, status: r.status, receivedOn: String(r.received_on) }))
    .map((x) => ({ ...x, score: x.f.score, parts: x.f.parts }))
    .sort(compareHits);
  const pageIds = ranked.slice(page.offset, page.offset + page.limit).map((x) => x.id);
  const details = pageIds.length
    ? await tx.db
        .selectFrom('cases as c')
        .innerJoin('households as h', 'h.id', 'c.household_id')
        .leftJoin('case_legal as cl', 'cl.case_id', 'c.id')
        .select(['c.id', 'c.case_number', 'c.status', 'c.received_on', 'h.street', 'h.house_number', 'h.postal_code', 'h.city', 'cl.court_file_number'])
        .where('c.org_id', '=', actor.orgId)
        .where(sql<boolean>`c.id = any(${ids(pageIds)})`)
        .execute()
    : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const pageRows = pageIds.filter((id) => byId.has(id)).map((id) => ({ r: byId.get(id)!, f: found.get(id)! }));
  const tenants = pageRows.length
    ? await tx.db
        .selectFrom('case_tenants as ct')
        .innerJoin('persons as p', 'p.id', 'ct.person_id')
        .select(['ct.case_id', 'p.first_name', 'p.last_name'])
        .where('ct.org_id', '=', actor.orgId)
        .where(sql<boolean>`ct.case_id = any(${ids(pageIds)})`)
        .orderBy('p.last_name')
        .orderBy('p.first_name')
        .execute()
    : [];
  const hits: SearchHit[] = pageRows.map(({ r, f }) => ({
    id: r.id,
    caseNumber: r.case_number,
    status: r.status,
    closed: r.status === 'closed',
    receivedOn: String(r.received_on),
    address: `${r.street} ${r.house_number}, ${r.postal_code} ${r.city}`,
    tenants: tenants.filter((t) => t.case_id === r.id).map((t) => `${t.first_name} ${t.last_name}`),
    courtFileNumber: r.court_file_number,
    score: f.score,
    matches: dedupe(f.matches),
  }));
  return { hits, total: ranked.length, truncated };
}

function dedupe(ms: SearchMatch[]): SearchMatch[] {
  const seen = new Set<string>();
  return ms.filter((m) => {
    const k = `${m.field}|${m.value}|${m.personId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function caseFileNumbers(tx: Tx, actor: Actor, caseIds: string[]) {
  if (!caseIds.length) return new Map<string, string>();
  const rows = await tx.db
    .selectFrom('case_legal')
    .select(['case_id', 'court_file_number'])
    .where('org_id', '=', actor.orgId)
    .where(sql<boolean>`case_id = any(${ids(caseIds)})`)
    .execute();
  return new Map(rows.filter((r) => r.court_file_number).map((r) => [r.case_id, r.court_file_number!]));
}

type PersonRow = { id: string; first_name: string; last_name: string; merged_into: string | null };

async function personsById(tx: Tx, actor: Actor, personIds: string[]): Promise<PersonRow[]> {
  if (!personIds.length) return [];
  return tx.db
    .selectFrom('persons')
    .select(['id', 'first_name', 'last_name', 'merged_into'])
    .where('org_id', '=', actor.orgId)
    .where(sql<boolean>`id = any(${ids(personIds)})`)
    .execute();
}

/** Cases whose tenants or household members include a person whose name matches; merged records resolve to their survivor. */
async function nameHits(tx: Tx, actor: Actor, q: ParsedQuery, note: (n: number) => void): Promise<Map<string, Found>> {
  const folded = q.name.join(' ');
  const fetch = async (threshold: number) =>
    (
      await sql<{ person_id: string }>`select person_id from search_person_candidates(${folded}, ${looseName(folded)}, ${threshold}::real, ${CANDIDATE_CAP})`.execute(tx.db)
    ).rows.map((r) => r.person_id);
  const people = new Map<string, PersonRow>();
  const scored = new Map<string, { score: number; quality: MatchQuality }>();
  const take = async (threshold: number) => {
    const candidates = await fetch(threshold);
    note(candidates.length);
    for (const p of await personsById(tx, actor, candidates.filter((id) => !people.has(id)))) {
      people.set(p.id, p);
      const s = scoreName(q.name, nameTokens(`${p.first_name} ${p.last_name}`));
      if (s && s.score >= MIN_NAME_SCORE) scored.set(p.id, s);
    }
    return candidates.length;
  };
  // The lenient pass only when the strict one found few persons and none that matches well.
  const strict = await take(NAME_THRESHOLD_STRICT);
  if (strict < FEW_CANDIDATES && ![...scored.values()].some((s) => s.score >= GOOD_NAME_SCORE)) await take(NAME_THRESHOLD);

  // Each matching record, resolved to its survivor (merges can chain; a few hops at most).
  const survivorOf = new Map<string, string>();
  let pending = [...scored.keys()];
  for (let hop = 0; hop < 5 && pending.length; hop++) {
    const missing = pending.map((id) => people.get(id)?.merged_into).filter((m): m is string => Boolean(m) && !people.has(m!));
    for (const p of await personsById(tx, actor, missing)) people.set(p.id, p);
    pending = pending.filter((id) => people.get(id)?.merged_into);
  }
  for (const id of scored.keys()) {
    let s = id;
    for (let hop = 0; hop < 5 && people.get(s)?.merged_into && people.has(people.get(s)!.merged_into!); hop++) s = people.get(s)!.merged_into!;
    survivorOf.set(id, s);
  }
  // Everyone in the survivors' merge groups: their cases are the survivor's cases.
  const survivors = [...new Set(survivorOf.values())];
  const group = new Map<string, string>(survivors.map((s) => [s, s]));
  for (const [id, s] of survivorOf) group.set(id, s);
  let frontier = survivors;
  for (let hop = 0; hop < 5 && frontier.length; hop++) {
    const merged = await tx.db
      .selectFrom('persons')
      .select(['id', 'merged_into'])
      .where('org_id', '=', actor.orgId)
      .where(sql<boolean>`merged_into = any(${ids(frontier)})`)
      .execute();
    frontier = merged.filter((m) => !group.has(m.id)).map((m) => m.id);
    for (const m of merged) if (!group.has(m.id)) group.set(m.id, group.get(m.merged_into!)!);
  }
  if (!group.size) return new Map();
  const links = await sql<{ case_id: string; person_id: string }>`
    select ct.case_id, ct.person_id from case_tenants ct
     where ct.org_id = ${actor.orgId} and ct.person_id = any(${ids(group.keys())})
    union
    select c.id, hm.person_id from household_members hm join cases c on c.household_id = hm.household_id
     where hm.org_id = ${actor.orgId} and c.org_id = ${actor.orgId} and hm.person_id = any(${ids(group.keys())})`.execute(tx.db);

  // The best match per survivor, over all of its records.
  const best = new Map<string, { score: number; quality: MatchQuality; via: boolean }>();
  for (const [id, s] of scored) {
    const survivor = survivorOf.get(id)!;
    const b = best.get(survivor);
    if (!b || s.score > b.score) best.set(survivor, { ...s, via: id !== survivor });
  }
  const out = new Map<string, Found>();
  for (const l of links.rows) {
    const survivor = group.get(l.person_id)!;
    const b = best.get(survivor);
    if (!b) continue;
    const sp = people.get(survivor);
    const m = match('name', b.quality, sp ? `${sp.first_name} ${sp.last_name}` : '', survivor, b.via);
    const prev = out.get(l.case_id);
    if (!prev) out.set(l.case_id, { score: b.score, parts: [b.score], matches: [m] });
    else {
      prev.matches.push(m);
      if (b.score > prev.score) (prev.score = b.score), (prev.parts = [b.score]);
    }
  }
  return out;
}

type HouseholdRow = { id: string; street: string; house_number: string; postal_code: string; city: string; address_key: string };

async function householdsById(tx: Tx, actor: Actor, householdIds: string[]): Promise<HouseholdRow[]> {
  if (!householdIds.length) return [];
  return tx.db
    .selectFrom('households')
    .select(['id', 'street', 'house_number', 'postal_code', 'city', 'address_key'])
    .where('org_id', '=', actor.orgId)
    .where(sql<boolean>`id = any(${ids(householdIds)})`)
    .execute();
}

/** Cases of households at a matching address: every criterion given must match. */
async function addressHits(tx: Tx, actor: Actor, q: ParsedQuery, note: (n: number) => void): Promise<Map<string, Found>> {
  let candidates: string[];
  if (q.street) {
    candidates = (
      await sql<{ household_id: string }>`select household_id from search_street_candidates(${q.street}, ${q.houseNumber}, ${q.postalCode}, ${STREET_THRESHOLD}::real, ${CANDIDATE_CAP})`.execute(tx.db)
    ).rows.map((r) => r.household_id);
  } else if (q.postalCode) {
    // A plain equality: row-level security does not stand in the way of this index.
    candidates = (
      await tx.db.selectFrom('households').select('id').where('org_id', '=', actor.orgId).where('postal_code', '=', q.postalCode).limit(CANDIDATE_CAP).execute()
    ).map((r) => r.id);
  } else if (q.city) {
    candidates = (await sql<{ household_id: string }>`select household_id from search_city_candidates(${q.city}, ${CANDIDATE_CAP})`.execute(tx.db)).rows.map((r) => r.household_id);
  } else candidates = [];
  note(candidates.length);
  const matched = new Map<string, { parts: number[]; matches: SearchMatch[] }>();
  for (const h of await householdsById(tx, actor, candidates)) {
    const [street, number] = h.address_key.split('|');
    const parts: number[] = [];
    const matches: SearchMatch[] = [];
    if (q.street) {
      const s = scoreStreet(q.street, street);
      if (!s) continue;
      parts.push(s.score);
      matches.push(match('street', s.quality, h.street));
    }
    if (q.houseNumber) {
      if (number !== q.houseNumber) continue;
      parts.push(1);
      matches.push(match('houseNumber', 'exact', h.house_number));
    }
    if (q.postalCode) {
      if (h.postal_code !== q.postalCode) continue;
      parts.push(1);
      matches.push(match('postalCode', 'exact', h.postal_code));
    }
    if (q.city) {
      const city = normaliseCity(h.city);
      if (!city.startsWith(q.city)) continue;
      parts.push(city === q.city ? 1 : 0.8);
      matches.push(match('city', city === q.city ? 'exact' : 'prefix', h.city));
    }
    matched.set(h.id, { parts, matches });
  }
  return casesOfHouseholds(tx, actor, matched);
}

async function casesOfHouseholds(tx: Tx, actor: Actor, matched: Map<string, { parts: number[]; matches: SearchMatch[] }>) {
  const out = new Map<string, Found>();
  if (!matched.size) return out;
  const cases = await tx.db
    .selectFrom('cases')
    .select(['id', 'household_id'])
    .where('org_id', '=', actor.orgId)
    .where(sql<boolean>`household_id = any(${ids(matched.keys())})`)
    .execute();
  for (const c of cases) {
    const m = matched.get(c.household_id)!;
    out.set(c.id, { score: combinedScore(m.parts), parts: m.parts, matches: m.matches });
  }
  return out;
}

/** Words that may be a town or a street ("Musterstadt", "Linden"): scored a tenth below a name of the same quality. */
async function placeHits(tx: Tx, actor: Actor, words: string, note: (n: number) => void): Promise<Map<string, Found>> {
  const city = normaliseCity(words);
  const street = normaliseStreet(words);
  const [byCity, byStreet] = [
    (await sql<{ household_id: string }>`select household_id from search_city_candidates(${city}, ${CANDIDATE_CAP})`.execute(tx.db)).rows,
    street.length >= 3
      ? (await sql<{ household_id: string }>`select household_id from search_street_candidates(${street}, ${null}, ${null}, ${STREET_THRESHOLD}::real, ${CANDIDATE_CAP})`.execute(tx.db)).rows
      : [],
  ];
  note(byCity.length);
  note(byStreet.length);
  const matched = new Map<string, { parts: number[]; matches: SearchMatch[] }>();
  for (const h of await householdsById(tx, actor, [...byCity, ...byStreet].map((r) => r.household_id))) {
    const c = normaliseCity(h.city);
    const s = scoreStreet(street, h.address_key.split('|')[0]);
    const cityScore = c === city ? 1 : c.startsWith(city) ? 0.8 : 0;
    if (cityScore >= (s?.score ?? 0) && cityScore > 0) matched.set(h.id, { parts: [0.9 * cityScore], matches: [match('city', cityScore === 1 ? 'exact' : 'prefix', h.city)] });
    else if (s) matched.set(h.id, { parts: [0.9 * s.score], matches: [match('street', s.quality, h.street)] });
  }
  return casesOfHouseholds(tx, actor, matched);
}
