/**
 * Password policy after BSI IT-Grundschutz ORP.4 / NIST SP 800-63B: length over composition
 * rules, no passwords that contain the account's own name or e-mail, none from a list of the
 * most common choices. Returns message keys (errors.password.*), empty when acceptable.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON = new Set([
  'passwort1234',
  'password1234',
  '123456789012',
  'qwertzuiop12',
  'qwertyuiop12',
  'hallohallo12',
  'sommer2026!!',
  'winter2026!!',
  'bleibebleibe',
  'willkommen12',
  'welcome12345',
  'abcdefghijkl',
]);

export interface PasswordContext {
  email?: string;
  displayName?: string;
}

export function checkPassword(password: string, ctx: PasswordContext = {}): string[] {
  const problems: string[] = [];
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push('too_common');
  if (new Set(chars).size < 5) problems.push('too_repetitive');
  const personal = [ctx.email?.split('@')[0], ...(ctx.displayName?.split(/\s+/) ?? [])]
    .filter((p): p is string => Boolean(p) && p!.length >= 4)
    .map((p) => p.toLowerCase());
  if (personal.some((p) => lower.includes(p))) problems.push('contains_personal_data');
  return problems;
}
