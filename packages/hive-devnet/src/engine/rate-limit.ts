/**
 * Per-client request limit of the Hive-Engine routes, as the reverse proxy in
 * front of a public Hive-Engine node applies it (nginx limit_req): a token
 * bucket per client address refilling `perSecond` tokens a second up to `burst`;
 * a request finding the bucket empty is answered HTTP 429 and costs nothing.
 */
import { ENGINE_RATE_LIMIT_DEFAULT } from './protocol';

export interface RateLimitSettings {
  /** Requests a second per client; 0 turns the limit off. */
  perSecond: number;
  /** Requests a client may send at once after a pause. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private settings: RateLimitSettings;
  private buckets = new Map<string, Bucket>();
  private refused = 0;

  constructor(
    settings: Partial<RateLimitSettings> = {},
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.settings = { ...ENGINE_RATE_LIMIT_DEFAULT, ...settings };
  }

  get(): RateLimitSettings & { refused: number } {
    return { ...this.settings, refused: this.refused };
  }

  set(partial: Partial<RateLimitSettings>): RateLimitSettings & { refused: number } {
    const next = { ...this.settings, ...partial };
    for (const k of ['perSecond', 'burst'] as const) {
      if (!Number.isFinite(next[k]) || next[k] < 0) throw new TypeError(`${k} must be a number >= 0`);
    }
    this.settings = next;
    this.buckets.clear();
    return this.get();
  }

  /** Take one token for `client`; false = answer 429. */
  take(client: string): boolean {
    const { perSecond, burst } = this.settings;
    if (perSecond <= 0) return true;
    const now = this.clock();
    const capacity = Math.max(1, burst);
    const b = this.buckets.get(client) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    this.buckets.set(client, b);
    if (b.tokens < 1) {
      this.refused++;
      return false;
    }
    b.tokens -= 1;
    return true;
  }
}
