import { z } from 'zod';

/** Request bodies are strict objects: a misspelt field is an error naming it, not silently dropped. */

/** Identifiers are UUIDs everywhere; a malformed one is a 400 naming the field, never a 500. */
export const Id = z.uuid();
export const IsoDate = z.iso.date();
export const IsoDateTime = z.string();
export const Email = z.email().max(254).transform((s) => s.toLowerCase());

export const LanguageCode = z.enum(['de', 'en']);
export type LanguageCode = z.infer<typeof LanguageCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IdParams = z.object({ id: Id });

export const Ok = z.object({ ok: z.literal(true) });

/** Optimistic locking: every editable record carries a version the client must echo back. */
// Capped at the range of the PostgreSQL integer column: a larger number is a 400, not a 500.
export const Version = z.number().int().min(1).max(2_147_483_647);

export const PostalAddress = z.strictObject({
  street: z.string().trim().min(1).max(200),
  houseNumber: z.string().trim().min(1).max(20),
  postalCode: z.string().regex(/^\d{5}$/),
  city: z.string().trim().min(1).max(100),
});
export type PostalAddress = z.infer<typeof PostalAddress>;
