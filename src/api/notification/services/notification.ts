import type { Core } from '@strapi/strapi';
import { decodeCursor, encodeCursor } from '../../feed/lib/cursor';
import { memberCards, type MemberCard } from '../../../people/cards';
import { addActor, notificationText, type NotificationKind } from '../../../notifications/kinds';

const UID = 'api::notification.notification';
const POST = 'api::post.post';
const LIST = 'notifications';

export interface NotifyInput {
  recipientId: number;
  kind: NotificationKind;
  actorId?: number | null;
  postDocumentId?: string | null;
  commentDocumentId?: string | null;
  payload?: Record<string, unknown>;
  /** Unread notifications with the same key are one notification whose count grows (likes on a post). */
  groupKey?: string;
  /** With a groupKey: write nothing when a notification with this key exists at all (read or not). */
  once?: boolean;
}

/**
 * Members' notifications: written where the thing happens (a comment, a like,
 * a payout, an editor's decision), read as a cursor-paged list, marked read.
 * Nobody is notified of their own action. When WeChat subscribe messages are
 * set up, each new notification also goes out as one (api::wechat.subscribe).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async notify(input: NotifyInput): Promise<void> {
    if (!Number.isInteger(input.recipientId)) return;
    if (input.actorId != null && input.actorId === input.recipientId) return;
    const now = new Date();
    const query = strapi.db.query(UID as any);
    if (input.groupKey && input.once) {
      if (await query.findOne({ where: { recipientId: input.recipientId, groupKey: input.groupKey }, select: ['id'] })) return;
    } else if (input.groupKey) {
      const open: any = await query.findOne({ where: { recipientId: input.recipientId, groupKey: input.groupKey, readAt: { $null: true } } });
      if (open) {
        const actorIds = input.actorId != null ? addActor(open.actorIds, input.actorId) : open.actorIds;
        await query.update({ where: { id: open.id }, data: { count: Number(open.count ?? 1) + 1, actorIds, lastAt: now } });
        return;
      }
    }
    const created: any = await query.create({
      data: {
        recipientId: input.recipientId,
        kind: input.kind,
        actorIds: input.actorId != null ? [input.actorId] : [],
        count: 1,
        postDocumentId: input.postDocumentId ?? null,
        commentDocumentId: input.commentDocumentId ?? null,
        groupKey: input.groupKey ?? null,
        payload: input.payload ?? {},
        lastAt: now,
      },
    });
    await this.deliver(created);
  },

  /** Hands a new notification to WeChat's subscribe messages when they are set up (never fails the action behind it). */
  async deliver(row: any): Promise<void> {
    const subscribe = strapi.service('api::wechat.subscribe') as any;
    if (!subscribe?.enabled?.()) return;
    try {
      const [item] = await this.render([row]);
      await subscribe.send(row.recipientId, item);
    } catch (error) {
      strapi.log.warn(`Notification ${row.id}: WeChat subscribe message not sent (${(error as Error).message})`);
    }
  },

  async unreadCount(memberId: number): Promise<number> {
    return strapi.db.query(UID as any).count({ where: { recipientId: memberId, readAt: { $null: true } } });
  },

  /** Newest first (by the last thing that happened to it), cursor-paged. */
  async list(memberId: number, { cursor, limit }: { cursor?: string; limit: number }) {
    const where: any = { recipientId: memberId };
    if (cursor) {
      const [at, id] = decodeCursor(cursor, LIST, ['d', 'n']) as number[];
      where.$or = [{ lastAt: { $lt: new Date(at) } }, { lastAt: new Date(at), id: { $lt: id } }];
    }
    const rows: any[] = await strapi.db.query(UID as any).findMany({ where, orderBy: [{ lastAt: 'desc' }, { id: 'desc' }], limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(LIST, [new Date(last.lastAt).getTime(), last.id]) : null;
    return { data: await this.render(page), meta: { nextCursor, limit, unread: await this.unreadCount(memberId) } };
  },

  async render(rows: any[]) {
    const actorIds = rows.flatMap((row) => (Array.isArray(row.actorIds) ? row.actorIds : []));
    const postIds = [...new Set(rows.map((row) => row.postDocumentId).filter(Boolean))];
    const [cards, posts] = await Promise.all([
      memberCards(strapi, actorIds),
      postIds.length
        ? (strapi.db.query(POST).findMany({
            where: { documentId: { $in: postIds }, board: { active: true } },
            select: ['id', 'documentId', 'title', 'publishedAt'],
            populate: { author: { select: ['id'] } },
          }) as Promise<any[]>)
        : Promise.resolve([]),
    ]);
    // A post is named as readers see it (its published title), or to its own author while it is a draft; a post
    // of a closed board, or someone else's draft, stays unnamed.
    const titles = new Map<string, string>();
    const recipient = rows[0]?.recipientId;
    for (const post of posts) {
      if (post.publishedAt) titles.set(post.documentId, post.title);
      else if (!titles.has(post.documentId) && post.author?.id === recipient && !posts.some((p) => p.documentId === post.documentId && p.publishedAt)) titles.set(post.documentId, post.title);
    }
    return rows.map((row) => {
      const actors = (Array.isArray(row.actorIds) ? row.actorIds : []).map((id: number) => cards.get(id)).filter(Boolean) as MemberCard[];
      const title = row.postDocumentId ? titles.get(row.postDocumentId) ?? null : null;
      const payload = row.payload && typeof row.payload === 'object' ? row.payload : {};
      return {
        id: row.id,
        kind: row.kind as NotificationKind,
        read: Boolean(row.readAt),
        count: Number(row.count ?? 1),
        actors: actors.map(({ displayName, avatarUrl }) => ({ displayName, avatarUrl })),
        post: row.postDocumentId ? { documentId: row.postDocumentId, title } : null,
        commentDocumentId: row.commentDocumentId ?? null,
        payload,
        text: notificationText(row.kind, actors[0]?.displayName ?? 'Someone', Number(row.count ?? 1), payload, title),
        createdAt: new Date(row.createdAt).toISOString(),
        lastAt: new Date(row.lastAt ?? row.createdAt).toISOString(),
      };
    });
  },

  /** Marks the member's notifications read: the listed ids (others' ids are ignored), or all. Returns how many changed. */
  async markRead(memberId: number, which: { ids?: number[]; all?: boolean }): Promise<number> {
    const where: any = { recipientId: memberId, readAt: { $null: true } };
    if (!which.all) where.id = { $in: which.ids ?? [] };
    const result: any = await strapi.db.query(UID as any).updateMany({ where, data: { readAt: new Date() } });
    return Number(result?.count ?? 0);
  },
});
