import type { Core } from '@strapi/strapi';

/**
 * What the app reads from the hive-smt plugin when the plugin provides it. Each
 * hook is optional: without the plugin's engagement service a post has 0 likes
 * and nobody liked it; without its mirror service no chain status is known.
 *
 * Contract for the plugin (keys are post documentIds, memberId is the
 * users-permissions user id):
 *   service('engagement').likeCounts(documentIds, memberId?)
 *     -> { [documentId]: number | { count: number; likedByMe?: boolean } } (or a Map)
 *   service('mirror').publicChainStatuses(documentIds)   (or chainStatuses, whose errors are then left out)
 *     -> { [documentId]: ChainStatus | null } (or a Map)
 */
export interface ChainStatus {
  status: string;
  author?: string | null;
  permlink?: string | null;
  txId?: string | null;
  blockNum?: number | null;
  url?: string | null;
  nextAttemptAt?: string | null;
  /** For readers: a short code and a sentence. The detail (nodes, accounts, settings) is for admins only. */
  error?: { code: string; message: string } | null;
}

export interface LikeInfo {
  count: number;
  likedByMe: boolean;
}

type Keyed<T> = Map<string, T> | Record<string, T> | null | undefined;

const lookup = <T>(result: Keyed<T>, key: string): T | undefined =>
  result instanceof Map ? result.get(key) : (result as Record<string, T> | null | undefined)?.[key];

function pluginService(strapi: Core.Strapi, name: string): any {
  try {
    return (strapi.plugin('hive-smt') as any)?.service(name);
  } catch {
    return undefined;
  }
}

/** Like counts (and, for a member, whether they liked each post); every id gets an entry. */
export async function likeInfo(strapi: Core.Strapi, documentIds: string[], memberId?: number): Promise<Map<string, LikeInfo>> {
  const out = new Map<string, LikeInfo>(documentIds.map((id) => [id, { count: 0, likedByMe: false }]));
  const engagement = pluginService(strapi, 'engagement');
  if (typeof engagement?.likeCounts !== 'function' || documentIds.length === 0) return out;
  const result: Keyed<number | { count?: number; likedByMe?: boolean }> = await engagement.likeCounts(documentIds, memberId);
  for (const id of documentIds) {
    const value = lookup(result, id);
    if (typeof value === 'number') out.set(id, { count: value, likedByMe: false });
    else if (value && typeof value === 'object') out.set(id, { count: Number(value.count ?? 0), likedByMe: value.likedByMe === true });
  }
  return out;
}

/** Chain status per post as readers may see it; null where the plugin knows nothing (or is absent). */
export async function chainStatuses(strapi: Core.Strapi, documentIds: string[]): Promise<Map<string, ChainStatus | null>> {
  const out = new Map<string, ChainStatus | null>(documentIds.map((id) => [id, null]));
  const mirror = pluginService(strapi, 'mirror');
  if (documentIds.length === 0) return out;
  if (typeof mirror?.publicChainStatuses === 'function') {
    const result: Keyed<ChainStatus | null> = await mirror.publicChainStatuses(documentIds);
    for (const id of documentIds) out.set(id, lookup(result, id) ?? null);
    return out;
  }
  if (typeof mirror?.chainStatuses !== 'function') return out;
  // A plugin without the public form: its error texts are for admins, and are left out.
  const result: Keyed<ChainStatus | null> = await mirror.chainStatuses(documentIds);
  for (const id of documentIds) {
    const status = lookup(result, id);
    out.set(id, status ? { ...status, error: null } : null);
  }
  return out;
}
