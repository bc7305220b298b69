import crypto from 'crypto';

export type Verdict = 'pass' | 'review' | 'risky';

/** msgSecCheck / the media push (version 2): `result.suggest`, the one field that decides. */
export function verdictOf(answer: { result?: { suggest?: unknown } } | null | undefined): Verdict | null {
  const suggest = answer?.result?.suggest;
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : null;
}

/**
 * WeChat signs every push: sha1 of the server's token, the timestamp and the
 * nonce, sorted as strings and joined. Compared in constant time.
 */
export function pushSignatureValid(token: string, query: { signature?: unknown; timestamp?: unknown; nonce?: unknown }): boolean {
  const { signature, timestamp, nonce } = query;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') return false;
  const expected = crypto.createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  const given = Buffer.from(signature.toLowerCase());
  return given.length === expected.length && crypto.timingSafeEqual(given, Buffer.from(expected));
}

/** Waiting after the nth failed attempt: 30 s, doubling, at most an hour; checks are never dropped. */
export function retryDelayMs(attempts: number, baseMs = 30000): number {
  return Math.min(60 * 60 * 1000, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** What msgSecCheck is given of a post: title and body, within its length limit. */
export function checkText(parts: Array<string | null | undefined>, max: number): string {
  return Array.from(parts.filter(Boolean).join('\n')).slice(0, max).join('');
}
