import { createHmac, timingSafeEqual } from 'crypto';
import { DEVELOPMENT_SECRETS } from '../secrets/development-defaults';

/**
 * Check-in codes: the organiser's phone shows one as a QR code at the event;
 * an attendee's app scans it and sends it back. A code is an HMAC over the
 * event and its expiry with a server secret, so it cannot be made without the
 * server and stops working soon after it is shown (a photo of it sent around
 * after the event is worth nothing).
 */
export const CHECKIN_CODE_TTL_SECONDS = 10 * 60;
/** Signature bytes kept in a code: 128 bits, short enough for a small QR code. */
const SIGNATURE_BYTES = 16;
/** What the secret is derived for, so the same server secret never signs two kinds of thing alike. */
const DERIVATION_LABEL = 'quanzi event check-in codes';

/**
 * The signing secret: CHECKIN_SECRET when set, else derived from the members'
 * JWT secret (which production refuses to run on its development default:
 * src/secrets/production-guard.ts), else from that development default.
 */
export function checkinSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHECKIN_SECRET) return env.CHECKIN_SECRET;
  return createHmac('sha256', env.JWT_SECRET || DEVELOPMENT_SECRETS.JWT_SECRET)
    .update(DERIVATION_LABEL)
    .digest('hex');
}

const signature = (secret: string, documentId: string, expiresAt: number) =>
  createHmac('sha256', secret).update(`checkin\u0000${documentId}\u0000${expiresAt}`).digest().subarray(0, SIGNATURE_BYTES).toString('base64url');

/** A code for this event, valid until `now` + CHECKIN_CODE_TTL_SECONDS (seconds since the epoch). */
export function makeCheckinCode(secret: string, documentId: string, nowMs: number): { code: string; expiresAt: string } {
  const expiresAt = Math.floor(nowMs / 1000) + CHECKIN_CODE_TTL_SECONDS;
  return { code: `${expiresAt.toString(36)}.${signature(secret, documentId, expiresAt)}`, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

export type CodeCheck = 'valid' | 'expired' | 'invalid';

/** Whether a code was made by this server for this event, and is still fresh. */
export function checkCheckinCode(secret: string, documentId: string, code: string, nowMs: number): CodeCheck {
  const [expiry, sent, ...rest] = code.split('.');
  if (!expiry || !sent || rest.length > 0 || !/^[0-9a-z]{1,10}$/.test(expiry)) return 'invalid';
  const expiresAt = parseInt(expiry, 36);
  const wanted = Buffer.from(signature(secret, documentId, expiresAt));
  const given = Buffer.from(sent);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'invalid';
  return nowMs >= expiresAt * 1000 ? 'expired' : 'valid';
}
