import type { LanguageCode } from '../../../contracts/common.js';
import type { SessionStage } from '../../../contracts/auth.js';
import type { OrganisationKind, Permission, Role } from '../../../contracts/roles.js';

/** Who is making a request: resolved from the session cookie, once per request. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  language: LanguageCode;
  orgId: string;
  orgName: string;
  orgKind: OrganisationKind;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** system_admin: may manage organisations and accounts of the whole district. */
  globalAdmin: boolean;
  totpEnabled: boolean;
  session: { id: string; stage: SessionStage; csrfToken: string; expiresAt: Date };
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && actor.permissions.has(permission);
}

/** A partner system calling with an API key: it acts for its organisation and may only submit notices. */
export interface ApiClient {
  keyId: string;
  keyName: string;
  orgId: string;
  orgName: string;
}
