import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { bucketStoreFor } from '../rate-limit/stores';
import type { BucketCheck } from '../rate-limit/store';

/**
 * Per-member and per-IP rate limits for write routes, as a route middleware:
 *
 *   config: { middlewares: [{ name: 'global::rate-limit', config: { policy: 'writes', scope: 'posts' } }] }
 *
 * `policy` names a limit set in config/rate-limit.ts (writes, logins, likes);
 * `scope` names the bucket (routes with the same scope share it; default: the
 * policy). A request spends one token from the member's bucket (when a member
 * is logged in) and one from its IP's bucket, or none when either is empty:
 * then the answer is a 429 in Strapi's error shape with a Retry-After header.
 *
 * The buckets (src/rate-limit) live where `rate-limit.store` says: in the
 * database, shared by every instance on one PostgreSQL database (the default
 * there), or in this process's memory (SQLite's one instance).
 */

export { resetRateLimits } from '../rate-limit/stores';

export interface Limit {
  /** Requests allowed per minute, which is also the burst size; 0 or absent: no limit of this kind. */
  perMember?: number;
  perIp?: number;
}

export interface RateLimitConfig {
  policy: string;
  scope?: string;
}

const describeWait = (seconds: number) => (seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`);

export default (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) => {
  const limit: Limit | undefined = strapi.config.get(`rate-limit.${config?.policy}`);
  if (!limit || typeof limit !== 'object') throw new Error(`Unknown rate-limit policy "${config?.policy}": define it in config/rate-limit.ts.`);
  const scope = config.scope ?? config.policy;

  return async (ctx: any, next: () => Promise<unknown>) => {
    const checks: Array<BucketCheck & { who: string }> = [];
    const memberId = ctx.state?.user?.id;
    if (limit.perMember && memberId !== undefined) checks.push({ key: `${scope}|member|${memberId}`, capacity: limit.perMember, who: 'this account' });
    if (limit.perIp) checks.push({ key: `${scope}|ip|${ctx.request.ip}`, capacity: limit.perIp, who: 'this network address' });
    if (checks.length === 0) return next();

    const outcome = await bucketStoreFor(strapi).take(checks);
    if (!outcome.taken) {
      const worst = checks.map((check, i) => ({ ...check, wait: outcome.waits[i] })).reduce((a, b) => (b.wait > a.wait ? b : a));
      ctx.set('Retry-After', String(worst.wait));
      throw new errors.RateLimitError(
        `Too many requests from ${worst.who} (at most ${worst.capacity} a minute for "${scope}"): wait ${describeWait(worst.wait)} and try again.`,
        { scope, limitPerMinute: worst.capacity, retryAfter: worst.wait },
      );
    }
    return next();
  };
};

/** The route middleware entry for a policy, as route configs write it. */
export const rateLimited = (policy: string, scope?: string) => ({ name: 'global::rate-limit', config: { policy, ...(scope ? { scope } : {}) } });
