import { z } from 'zod';
import { Id, IsoDateTime, Version } from './common.js';

export const LETTER_TEMPLATES = ['first_contact', 'appointment_confirmation', 'landlord'] as const;
export const LetterTemplateKey = z.enum(LETTER_TEMPLATES);
export type LetterTemplateKey = z.infer<typeof LetterTemplateKey>;

/** de_easy: German in Leichte Sprache (easy-to-read German). */
export const LETTER_LANGUAGES = ['de', 'de_easy', 'en', 'tr', 'ar', 'uk'] as const;
export const LetterLanguage = z.enum(LETTER_LANGUAGES);
export type LetterLanguage = z.infer<typeof LetterLanguage>;

export const GenerateLetterInput = z.strictObject({
  template: LetterTemplateKey,
  language: LetterLanguage,
  /** Required for the appointment confirmation: one of the case's appointments. */
  appointmentId: Id.optional(),
});
export type GenerateLetterInput = z.infer<typeof GenerateLetterInput>;

export const LetterAppointment = z.object({
  id: Id,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  status: z.string(),
  kind: z.string(),
  locationName: z.string().nullable(),
  caseworkerName: z.string().nullable(),
});

/** What the letter form offers for one case. */
export const LetterOptions = z.object({
  /** The case's preferred language as recorded (any ISO code), and the letter language chosen from it. */
  preferredLanguage: z.string().nullable(),
  suggestedLanguage: LetterLanguage,
  appointments: z.array(LetterAppointment),
  /** The landlord letter needs a landlord on the case. */
  landlordKnown: z.boolean(),
});
export type LetterOptions = z.infer<typeof LetterOptions>;

// ---- the organisation's templates and letterhead (casework.configure) ----

export const LetterTemplateText = z.object({
  template: LetterTemplateKey,
  language: LetterLanguage,
  subject: z.string(),
  body: z.string(),
  /** The organisation's own wording (else the text that ships with Bleibe). */
  custom: z.boolean(),
  /** Version of the organisation's wording; null while it uses the default. */
  version: z.number().int().nullable(),
  updatedAt: IsoDateTime.nullable(),
  /** The placeholders this template knows, as {{name}}. */
  placeholders: z.array(z.string()),
});
export type LetterTemplateText = z.infer<typeof LetterTemplateText>;

export const Letterhead = z.object({
  /** The organisation's name and address as the directory has them (printed as the sender). */
  organisationName: z.string(),
  organisationAddress: z.string().nullable(),
  senderName: z.string().nullable(),
  footer: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type Letterhead = z.infer<typeof Letterhead>;

export const LetterSettings = z.object({ templates: z.array(LetterTemplateText), letterhead: Letterhead });
export type LetterSettings = z.infer<typeof LetterSettings>;

const SUBJECT = z.string().trim().min(1).max(200);
const BODY = z.string().trim().min(1).max(8000);

export const PutLetterTemplateInput = z.strictObject({
  template: LetterTemplateKey,
  language: LetterLanguage,
  subject: SUBJECT,
  body: BODY,
  /** The version of the organisation's wording that was edited; absent when it starts from the default. */
  version: Version.optional(),
});
export type PutLetterTemplateInput = z.infer<typeof PutLetterTemplateInput>;

export const ResetLetterTemplateInput = z.strictObject({ template: LetterTemplateKey, language: LetterLanguage, version: Version });

export const PutLetterheadInput = z.strictObject({
  senderName: z.string().trim().max(200).nullable(),
  footer: z.string().trim().max(1000).nullable(),
  version: Version.optional(),
});
export type PutLetterheadInput = z.infer<typeof PutLetterheadInput>;
