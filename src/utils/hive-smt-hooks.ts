import type { Core } from '@strapi/strapi';
import type { HiveSmtServices, PublicChainStatus } from 'hive-smt/strapi-server';
import { DEFAULT_POST_KIND, hiveBodyBlock, kindView } from '../posts/kinds';

/**
 * What the app reads from the hive-smt plugin, through its typed services:
 * like counts (and whether the member liked each post) and each post's chain
 * status as readers may see it. Keys are post documentIds, memberId is the
 * users-permissions user id. With the plugin disabled: 0 likes, nobody liked
 * it, no chain status.
 */
export type ChainStatus = PublicChainStatus;

export interface LikeInfo {
  count: number;
  likedByMe: boolean;
}

/** One of hive-smt's typed services, or null when the plugin is not enabled in this app. */
export const hiveSmtService = <K extends keyof HiveSmtServices>(strapi: Core.Strapi, name: K): HiveSmtServices[K] | null =>
  strapi.plugin('hive-smt') ? (strapi.plugin('hive-smt').service(name) as unknown as HiveSmtServices[K]) : null;

/** Like counts (and, for a member, whether they liked each post); every id gets an entry. */
export async function likeInfo(strapi: Core.Strapi, documentIds: string[], memberId?: number): Promise<Map<string, LikeInfo>> {
  const out = new Map<string, LikeInfo>(documentIds.map((id) => [id, { count: 0, likedByMe: false }]));
  const engagement = hiveSmtService(strapi, 'engagement');
  if (!engagement || documentIds.length === 0) return out;
  const counts = await engagement.likeCounts(documentIds, memberId);
  for (const id of documentIds) {
    const value = counts[id];
    if (value) out.set(id, { count: value.count, likedByMe: value.likedByMe });
  }
  return out;
}

/** Chain status per post as readers may see it; null where the plugin knows nothing yet. */
export async function chainStatuses(strapi: Core.Strapi, documentIds: string[]): Promise<Map<string, ChainStatus | null>> {
  const out = new Map<string, ChainStatus | null>(documentIds.map((id) => [id, null]));
  const mirror = hiveSmtService(strapi, 'mirror');
  if (!mirror || documentIds.length === 0) return out;
  const statuses = await mirror.publicChainStatuses(documentIds);
  for (const id of documentIds) out.set(id, statuses[id] ?? null);
  return out;
}

/**
 * What Hive shows of a post's kind (src/posts/kinds.ts), handed to the
 * plugin's mirror: the kind and its object in json_metadata, and a short
 * block (price, when, where) above the text for readers on Hive frontends.
 * News posts get nothing: they go out exactly as before kinds existed.
 */
export function provideMirrorExtras(strapi: Core.Strapi): void {
  hiveSmtService(strapi, 'mirror')?.setPostExtras((post) => {
    const view = kindView(post);
    if (view.kind === DEFAULT_POST_KIND) return null;
    return { metadata: view, bodyBlock: hiveBodyBlock(post) };
  });
}

/** Announces an event the app owns as one of hive-smt's webhook events (a report filed); nothing without the plugin. */
export function announce(strapi: Core.Strapi, event: string, payload: Record<string, unknown>): void {
  hiveSmtService(strapi, 'webhooks')?.emit(event, payload);
}

type Moderation = HiveSmtServices['moderation'];
type AuditSpec<T> = Parameters<Moderation['audited']>[1] & { after?: (result: T) => unknown };

/**
 * Runs an editor's REST action with its moderation-log entry in one transaction
 * (the plugin's log: who, what, before → after); without the plugin, just the action.
 * `subject` names what the entry snapshots: a post or a comment.
 */
export function moderated<T>(
  strapi: Core.Strapi,
  editor: { id: number; username?: string | null },
  spec: { action: string; subject: { type: 'post' | 'comment'; documentId: string }; reason?: string | null },
  work: () => Promise<T>,
): Promise<T> {
  const moderation = hiveSmtService(strapi, 'moderation');
  if (!moderation) return work();
  const subjects = moderation.subjects();
  const of = spec.subject.type === 'post' ? subjects.post(spec.subject.documentId) : subjects.comment(spec.subject.documentId);
  const audit: AuditSpec<T> = { kind: 'content', action: spec.action, subjectType: spec.subject.type, subjectId: spec.subject.documentId, reason: spec.reason ?? null, ...of };
  return moderation.audited({ kind: 'member', id: editor.id, name: editor.username ?? null }, audit, work);
}
