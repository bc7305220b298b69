import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Per-member and per-IP rate limits for write routes, as a route middleware:
 *
 *   config: { middlewares: [{ name: 'global::rate-limit', config: { policy: 'writes', scope: 'posts' } }] }
 *
 * `policy` names a limit set in config/rate-limit.ts (writes, logins, likes);
 * `scope` names the bucket (routes with the same scope share it; default: the
 * policy). A request spends one token from the member's bucket (when a member
 * is logged in) and one from its IP's bucket; when either is empty the answer
 * is a 429 in Strapi's error shape with a Retry-After header.
 *
 * Buckets live in this process's memory: right for one instance. With several
 * instances each enforces its own limit (so the effective limit multiplies);
 * a shared store (Redis, the database) would be the next step.
 */

export interface Limit {
  /** Requests allowed per minute, which is also the burst size; 0 or absent: no limit of this kind. */
  perMember?: number;
  perIp?: number;
}

export interface RateLimitConfig {
  policy: string;
  scope?: string;
}

/** Token buckets refilled evenly: `capacity` tokens per minute, each bucket starting full. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number; capacity: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private level(key: string, capacity: number) {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now, capacity };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) * capacity) / 60_000);
    bucket.at = now;
    bucket.capacity = capacity;
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** Seconds until `key` has a whole token again (0 when it has one now). */
  waitSeconds(key: string, capacity: number): number {
    const { tokens } = this.level(key, capacity);
    // The epsilon keeps float noise (0.95 tokens -> 1.0000000001 s) from adding a second.
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 60) / capacity - 1e-9);
  }

  take(key: string, capacity: number): void {
    this.level(key, capacity).tokens -= 1;
  }

  /** Drops buckets that have refilled completely (they hold no information), or all of them. */
  sweep(all = false): void {
    for (const [key, bucket] of [...this.buckets]) {
      if (all || this.level(key, bucket.capacity).tokens >= bucket.capacity) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

const buckets = new TokenBuckets();
const SWEEP_ABOVE = 10_000;

/** Empties every bucket (tests). */
export function resetRateLimits(): void {
  buckets.sweep(true);
}

const describeWait = (seconds: number) => (seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`);

export default (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) => {
  const limit: Limit | undefined = strapi.config.get(`rate-limit.${config?.policy}`);
  if (!limit) throw new Error(`Unknown rate-limit policy "${config?.policy}": define it in config/rate-limit.ts.`);
  const scope = config.scope ?? config.policy;

  return async (ctx: any, next: () => Promise<unknown>) => {
    const checks: Array<{ key: string; capacity: number; who: string }> = [];
    const memberId = ctx.state?.user?.id;
    if (limit.perMember && memberId !== undefined) checks.push({ key: `${scope}|member|${memberId}`, capacity: limit.perMember, who: 'this account' });
    if (limit.perIp) checks.push({ key: `${scope}|ip|${ctx.request.ip}`, capacity: limit.perIp, who: 'this network address' });

    const blocked = checks.map((check) => ({ ...check, wait: buckets.waitSeconds(check.key, check.capacity) })).filter((c) => c.wait > 0);
    if (blocked.length > 0) {
      const worst = blocked.reduce((a, b) => (b.wait > a.wait ? b : a));
      ctx.set('Retry-After', String(worst.wait));
      throw new errors.RateLimitError(
        `Too many requests from ${worst.who} (at most ${worst.capacity} a minute for "${scope}"): wait ${describeWait(worst.wait)} and try again.`,
        { scope, limitPerMinute: worst.capacity, retryAfter: worst.wait },
      );
    }
    for (const check of checks) buckets.take(check.key, check.capacity);
    if (buckets.size > SWEEP_ABOVE) buckets.sweep();
    return next();
  };
};

/** The route middleware entry for a policy, as route configs write it. */
export const rateLimited = (policy: string, scope?: string) => ({ name: 'global::rate-limit', config: { policy, ...(scope ? { scope } : {}) } });
