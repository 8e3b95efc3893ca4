import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Bleibe';

export function newTotpSecret(): string {
  return generateSecret();
}

export async function totpEnrolment(secret: string, accountLabel: string) {
  const otpauthUri = generateURI({ secret, issuer: TOTP_ISSUER, label: accountLabel });
  const qrCodeSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrCodeSvg };
}

/**
 * Checks a 6-digit code, allowing one 30-second step of clock drift either way. Returns the
 * accepted time step, which must be stored so the same code can never be replayed.
 */
export async function checkTotp(secret: string, token: string, now: Date, afterTimeStep: number | null) {
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(afterTimeStep !== null ? { afterTimeStep } : {}),
  });
  return result.valid ? (result as { timeStep: number }).timeStep : null;
}

/** For tests and the demo: the code an authenticator app would show at `now`. */
export function totpCodeAt(secret: string, now: Date) {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}
