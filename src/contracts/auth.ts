import { z } from 'zod';
import { Email, Id, LanguageCode } from './common.js';
import { OrganisationKind, Permission, Role } from './roles.js';

export const LoginRequest = z.strictObject({
  email: Email,
  password: z.string().min(1).max(1024),
});

/** The second login step: a TOTP code or one of the recovery codes. */
export const TotpLoginRequest = z
  .strictObject({
    code: z.string().regex(/^\d{6}$/).optional(),
    recoveryCode: z.string().trim().min(8).max(40).optional(),
  })
  .refine((v) => Boolean(v.code) !== Boolean(v.recoveryCode), {
    message: 'exactly_one_of_code_or_recovery_code',
    path: ['code'],
  });

/**
 * A session's stage: `active` may use the app; `totp` must still enter its second factor;
 * `totp_enrolment` must set up two-factor authentication first (admins outside demo mode);
 * `password_change` must replace a password an administrator reset.
 */
export const SessionStage = z.enum(['active', 'totp', 'totp_enrolment', 'password_change']);
export type SessionStage = z.infer<typeof SessionStage>;

export const SessionInfo = z.object({
  stage: SessionStage,
  user: z.object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    language: LanguageCode,
    totpEnabled: z.boolean(),
  }),
  organisation: z.object({ id: Id, name: z.string(), kind: OrganisationKind }),
  roles: z.array(Role),
  permissions: z.array(Permission),
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string(),
  demo: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const LoginResponse = z.object({ session: SessionInfo });

export const PasswordChangeRequest = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const TotpSetupResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrCodeSvg: z.string(),
});

export const TotpEnableRequest = z.strictObject({ code: z.string().regex(/^\d{6}$/) });
export const TotpEnableResponse = z.object({ recoveryCodes: z.array(z.string()), session: SessionInfo });

export const TotpDisableRequest = z.strictObject({ password: z.string().min(1).max(1024) });

export const PublicConfig = z.object({
  demo: z.boolean(),
  version: z.string(),
  languages: z.array(LanguageCode),
  passwordPolicy: z.object({ minLength: z.number().int() }),
});
export type PublicConfig = z.infer<typeof PublicConfig>;
