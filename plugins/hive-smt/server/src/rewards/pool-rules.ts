/**
 * The reward-pool rules of Hive-Engine's `comments` contract that Quanzi
 * follows, as pure functions over integer base units (no I/O, property-tested
 * in pool-rules.test.ts):
 *
 * - which posts a pool rewards, by their tags (`tags`, `excludeTags`);
 * - the app tax (`appTaxConfig`) taken from an author's reward;
 * - the staked and liquid parts of a reward (`stakedRewardPercentage`).
 *
 * Each rounds the way the contract does (ROUND_DOWN of the taxed or staked part,
 * the rest is the difference), so no base unit is lost or created.
 */

/** appTaxConfig as the contract stores it: posts NOT made with `app` pay `percent` % of the author's reward to `beneficiary`. */
export interface AppTaxConfig {
  app: string;
  percent: number;
  beneficiary: string;
}

/** A tag as pools compare it: lowercase, without a leading '#', trimmed. */
export const normaliseTag = (tag: string): string => tag.trim().replace(/^#/, '').toLowerCase();

/**
 * Whether a post with `postTags` earns from a pool: it must carry at least one
 * of `tags` when the pool names any (the contract's pools always do; an empty
 * list here means every post, Quanzi's behaviour before pools had tags) and
 * none of `excludeTags`.
 */
export function qualifiesByTags(postTags: readonly string[] | undefined, pool: { tags?: readonly string[]; excludeTags?: readonly string[] }): boolean {
  const carried = new Set((postTags ?? []).map(normaliseTag));
  const required = (pool.tags ?? []).map(normaliseTag).filter(Boolean);
  if (required.length > 0 && !required.some((t) => carried.has(t))) return false;
  return !(pool.excludeTags ?? []).map(normaliseTag).some((t) => carried.has(t));
}

function wholePercent(name: string, value: number, min: number): bigint {
  if (!Number.isInteger(value) || value < min || value > 100) throw new RangeError(`${name} must be a whole number from ${min} to 100, got ${value}`);
  return BigInt(value);
}

function baseUnits(name: string, value: bigint): bigint {
  if (typeof value !== 'bigint' || value < 0n) throw new RangeError(`${name} must be a non-negative bigint of base units`);
  return value;
}

/**
 * The app tax on an author's reward: nothing when there is no config or the
 * post was made with the config's app (the contract taxes posts of OTHER apps);
 * otherwise floor(amount · percent / 100) to the beneficiary. tax + rest = amount.
 */
export function appTaxSplit(amount: bigint, config: AppTaxConfig | null | undefined, postApp: string | null | undefined): { tax: bigint; rest: bigint } {
  baseUnits('amount', amount);
  if (!config || config.app === postApp) return { tax: 0n, rest: amount };
  const tax = (amount * wholePercent('appTaxConfig.percent', config.percent, 1)) / 100n;
  return { tax, rest: amount - tax };
}

/**
 * The app a post names, as the contract reads json_metadata.app: the part
 * before the first '/', lowercased ("quanzi/0.1.0" → "quanzi").
 */
export const contractAppName = (jsonMetadataApp: string): string => jsonMetadataApp.split('/')[0].toLowerCase();

/** What the app tax took from one post's author reward, for the config's beneficiary. */
export interface AppTaxPortion {
  postId: string;
  account: string;
  amount: bigint;
}

/**
 * A settlement's allocations with the app tax taken out of each author
 * reward (appTaxSplit per author allocation; curators' and bonus shares are
 * not the author's reward and pay none, as the contract taxes only the
 * author's portion). An author left with nothing drops out. Returns the taxes
 * per post; every base unit is still placed: Σ allocations + Σ taxes = Σ input.
 */
export function takeAppTax<A extends { postId: string; role: string; amount: bigint }>(
  allocations: readonly A[],
  config: AppTaxConfig | null | undefined,
  postApp: string,
): { allocations: A[]; taxes: AppTaxPortion[] } {
  if (!config || config.app === postApp) return { allocations: [...allocations], taxes: [] };
  const kept: A[] = [];
  const taxes: AppTaxPortion[] = [];
  for (const allocation of allocations) {
    if (allocation.role !== 'author') {
      kept.push(allocation);
      continue;
    }
    const { tax, rest } = appTaxSplit(allocation.amount, config, postApp);
    if (rest > 0n) kept.push({ ...allocation, amount: rest });
    if (tax > 0n) taxes.push({ postId: allocation.postId, account: config.beneficiary, amount: tax });
  }
  return { allocations: kept, taxes };
}

/**
 * A member's reward split as the contract's payUser does: staked =
 * floor(total · stakedRewardPercentage / 100) is paid as stake, the rest liquid.
 * staked + liquid = total; 0 % is today's all-liquid payout.
 */
export function splitStakedReward(total: bigint, stakedRewardPercentage: number): { staked: bigint; liquid: bigint } {
  baseUnits('total', total);
  const staked = (total * wholePercent('stakedRewardPercentage', stakedRewardPercentage, 0)) / 100n;
  return { staked, liquid: total - staked };
}
