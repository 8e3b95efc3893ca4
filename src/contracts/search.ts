import { z } from 'zod';
import { Id, IsoDate } from './common.js';

export const SearchCriterion = z.enum(['caseNumber', 'courtFileNumber', 'name', 'street', 'houseNumber', 'postalCode', 'city']);
export type SearchCriterion = z.infer<typeof SearchCriterion>;

export const SearchQuery = z.object({
  // Control characters (NUL and the like) are refused rather than passed on: PostgreSQL rejects
  // NUL in text, and nobody types them.
  q: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'search_invalid_characters' })
    // Optional here, required by the route (a 400 naming q): so a bad limit or offset is named as
    // such even when q is missing too. Whether the entry holds anything to search by
    // (domain/search/query.ts) is checked there as well: search_no_terms.
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
});
export type SearchQuery = z.input<typeof SearchQuery>;

/** Why a case came up: which field matched, how, and with what (the stored value, not the query). */
export const SearchMatch = z.object({
  field: z.enum(['name', 'caseNumber', 'courtFileNumber', 'street', 'houseNumber', 'postalCode', 'city']),
  quality: z.enum(['exact', 'spelling', 'prefix', 'similar']),
  value: z.string(),
  /** For a name: the person (a merged record is shown as its survivor). */
  personId: Id.nullable(),
  /** The name matched a record that was merged into this person. */
  viaMergedRecord: z.boolean(),
});
export type SearchMatch = z.infer<typeof SearchMatch>;

export const SearchHit = z.object({
  id: Id,
  caseNumber: z.string(),
  status: z.string(),
  closed: z.boolean(),
  receivedOn: IsoDate,
  address: z.string(),
  tenants: z.array(z.string()),
  courtFileNumber: z.string().nullable(),
  score: z.number(),
  matches: z.array(SearchMatch),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  /** How the entry was read (a name, an address, a file number …). */
  criteria: z.array(SearchCriterion),
  items: z.array(SearchHit),
  offset: z.number().int(),
  limit: z.number().int(),
  /** Further hits after this page. */
  hasMore: z.boolean(),
  /** Too many candidates: only the best-matching part was ranked; a narrower entry finds the rest. */
  truncated: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResult>;
