import { createHash, randomBytes, randomInt } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Clock } from '../../domain/calendar.ts';

/** TOTP as authenticator apps expect it: SHA-1, six digits, 30-second steps. */
const period = 30;

/** A new random secret (160 bits) in base32, as apps show and accept it. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secret: string, issuer: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return totp(secret, issuer, account).toString();
}

/** The enrolment QR code as an SVG document. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The current code; used by tests and nowhere else. */
export function totpCode(secret: string, at: Date): string {
  return totp(secret, 'gate', 'test').generate({ timestamp: at.getTime() });
}

/**
 * Checks a code, allowing one step of clock drift either way. Returns the time step the
 * code belongs to, or null. A step at or before `lastStep` is refused: a code works once.
 */
export function checkTotp(
  secret: string,
  code: string,
  clock: Clock,
  lastStep: number | null,
): number | null {
  const token = code.normalize('NFKC').replace(/\s/g, '');
  if (!/^[0-9]{6}$/.test(token)) {
    return null;
  }
  const now = clock.now().getTime();
  const delta = totp(secret, 'gate', 'check').validate({ token, timestamp: now, window: 1 });
  if (delta === null) {
    return null;
  }
  const step = Math.floor(now / 1000 / period) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

// Recovery codes: ten codes of ten characters from an alphabet without look-alikes, shown
// once as xxxxx-xxxxx. With 50 bits each, a fast hash is enough to store them.
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** New recovery codes, to show once. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/** A recovery code as stored: typed case, spaces and hyphens do not matter. */
export function recoveryCodeHash(code: string): string {
  const normal = code.normalize('NFKC').toLowerCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(normal).digest('base64url');
}

/** A random id that is not a secret (for example a session's visible label). */
export function randomLabel(): string {
  return randomBytes(6).toString('hex');
}
