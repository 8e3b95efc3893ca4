import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ContactInput, OpeningHoursInput, PhoneInput } from '../../../contracts/directory.js';
import type { DirectoryCategory } from '../../../contracts/directory.js';
import { normaliseDays } from '../../../domain/directory/hours.js';
import type { DirContact, DirLanguage, DirOpeningHours, DirPhone, DirServiceArea, DirServiceAtLocation, DirServiceCategory } from '../../../domain/directory/model.js';
import { invalidInput, type FieldProblem } from '../../platform/http/errors.js';

/*
 * Form input → the children of a directory record. Children that come with an id keep it (and
 * what the form does not show, such as a schedule's validity), so HSDS ids stay stable across
 * edits and exports; an id that is not one of the record's own children is refused.
 */

function keep<T extends { id: string }>(existing: readonly T[], id: string | undefined, path: string, problems: FieldProblem[]): T | null {
  if (id === undefined) return null;
  const hit = existing.find((e) => e.id === id.toLowerCase());
  if (!hit) problems.push({ path, key: 'directory.unknown_id' });
  return hit ?? null;
}

export function phonesFrom(input: z.output<typeof PhoneInput>[], existing: readonly DirPhone[], path: string, problems: FieldProblem[]): DirPhone[] {
  return input.map((p, i) => {
    const old = keep(existing, p.id, `${path}.${i}.id`, problems);
    return { id: old?.id ?? randomUUID(), number: p.number, description: p.description ?? null };
  });
}

export function hoursFrom(input: z.output<typeof OpeningHoursInput>[], existing: readonly DirOpeningHours[], path: string, problems: FieldProblem[]): DirOpeningHours[] {
  return input.map((h, i) => {
    const old = keep(existing, h.id, `${path}.${i}.id`, problems);
    return { id: old?.id ?? randomUUID(), days: normaliseDays(h.days), opens: h.opens, closes: h.closes, note: h.note ?? null, validFrom: old?.validFrom ?? null, validTo: old?.validTo ?? null };
  });
}

export function contactsFrom(input: z.output<typeof ContactInput>[], existing: readonly DirContact[], path: string, problems: FieldProblem[]): DirContact[] {
  return input.map((c, i) => {
    const old = keep(existing, c.id, `${path}.${i}.id`, problems);
    // The form edits one number per contact; further numbers from an import stay as they are.
    const [first, ...rest] = old?.phones ?? [];
    const phones = c.phone ? [{ id: first?.id ?? randomUUID(), number: c.phone, description: first?.description ?? null }, ...rest] : rest;
    return { id: old?.id ?? randomUUID(), name: c.name ?? null, title: c.title ?? null, department: old?.department ?? null, email: c.email ?? null, phones };
  });
}

/** Lists of plain values (language codes, categories, municipalities, locations) keep the ids of values that stay. */
export function languagesFrom(codes: readonly string[], existing: readonly DirLanguage[]): DirLanguage[] {
  return [...new Set(codes)].map((code) => ({ id: existing.find((e) => e.code === code)?.id ?? randomUUID(), code }));
}

export function categoriesFrom(codes: readonly DirectoryCategory[], existing: readonly DirServiceCategory[]): DirServiceCategory[] {
  return [...new Set(codes)].map((code) => ({ id: existing.find((e) => e.code === code)?.id ?? randomUUID(), code }));
}

export function areasFrom(ids: readonly string[], existing: readonly DirServiceArea[], known: ReadonlySet<string>, problems: FieldProblem[]): DirServiceArea[] {
  const unique = [...new Set(ids.map((x) => x.toLowerCase()))];
  unique.forEach((id) => {
    if (!known.has(id)) problems.push({ path: `areaMunicipalityIds.${ids.findIndex((x) => x.toLowerCase() === id)}`, key: 'directory.unknown_municipality' });
  });
  return unique.map((municipalityId) => ({ id: existing.find((e) => e.municipalityId === municipalityId)?.id ?? randomUUID(), municipalityId }));
}

export function atLocationsFrom(ids: readonly string[], existing: readonly DirServiceAtLocation[], known: ReadonlySet<string>, problems: FieldProblem[]): DirServiceAtLocation[] {
  const unique = [...new Set(ids.map((x) => x.toLowerCase()))];
  unique.forEach((id) => {
    if (!known.has(id)) problems.push({ path: `locationIds.${ids.findIndex((x) => x.toLowerCase() === id)}`, key: 'directory.unknown_location' });
  });
  return unique.map((locationId) => {
    const old = existing.find((e) => e.locationId === locationId);
    return { id: old?.id ?? randomUUID(), locationId, description: old?.description ?? null };
  });
}

export function failOn(problems: FieldProblem[]) {
  if (problems.length) throw invalidInput(problems);
}
