import type { Core } from '@strapi/strapi';
import { hiveSmtService } from '../../../utils/hive-smt-hooks';

const POST = 'api::post.post';
const DAY_MS = 24 * 60 * 60 * 1000;
/** A database that never ran the pass starts a week back: recent likes and payments are told, old history is not. */
const FIRST_LOOK_BACK_MS = 7 * DAY_MS;

type Mark = { at: number; id: number };

const pluginService = hiveSmtService;

/**
 * Likes and payments happen inside the hive-smt plugin; this pass reads what
 * happened since its last mark (kept in the database, so a restart neither
 * repeats nor skips anything) through the plugin's services and notifies: a
 * post's author of its likes (grouped until read), a member of each payment
 * that landed on chain. One instance runs it (the one whose chain worker runs).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'core', name: 'quanzi-notifications' });
  const readMark = async (key: string): Promise<Mark> => {
    const value: any = await store().get({ key });
    return value && Number.isFinite(value.at) ? value : { at: Date.now() - FIRST_LOOK_BACK_MS, id: 0 };
  };
  const writeMark = (key: string, mark: Mark) => store().set({ key, value: mark });
  let running: Promise<number> | null = null;

  async function likes(): Promise<number> {
    const engagement = pluginService(strapi, 'engagement');
    if (typeof engagement?.likesSince !== 'function') return 0;
    const mark = await readMark('likes');
    const rows: any[] = await engagement.likesSince(mark);
    if (rows.length === 0) return 0;
    const postIds = [...new Set(rows.map((r) => r.postDocumentId))];
    const posts: any[] = await strapi.db.query(POST).findMany({ where: { documentId: { $in: postIds } }, select: ['id', 'documentId'], populate: { author: { select: ['id'] } } });
    const authorOf = new Map(posts.filter((p) => p.author).map((p) => [p.documentId, p.author.id]));
    const notifications = strapi.service('api::notification.notification') as any;
    for (const like of rows) {
      const recipientId = authorOf.get(like.postDocumentId);
      if (recipientId != null) await notifications.notify({ recipientId, kind: 'like', actorId: like.memberId, postDocumentId: like.postDocumentId, groupKey: `like:${like.postDocumentId}` });
      await writeMark('likes', { at: like.likedAt, id: like.id });
    }
    return rows.length;
  }

  async function payments(): Promise<number> {
    const rewards = pluginService(strapi, 'rewards');
    if (typeof rewards?.paymentsSince !== 'function') return 0;
    const mark = await readMark('payments');
    const rows: any[] = await rewards.paymentsSince(mark);
    const notifications = strapi.service('api::notification.notification') as any;
    for (const payment of rows) {
      await notifications.notify({
        recipientId: payment.memberId,
        kind: 'reward',
        payload: { boardDocumentId: payment.boardDocumentId, symbol: payment.symbol, amount: payment.amount, txId: payment.txId },
        groupKey: `reward:${payment.id}`,
        once: true,
      });
      await writeMark('payments', { at: payment.paidAt, id: payment.id });
    }
    return rows.length;
  }

  return {
    /** One pass (re-entry waits for the pass under way); how many likes, payments and event reminders it handled. */
    run(): Promise<number> {
      running ??= (async () => {
        try {
          const events = strapi.service('api::event.event') as any;
          // Custodial payments to merchants whose treasury transfer landed become paid (and dated for the statement).
          const merchantPayments = strapi.service('api::payment.payment') as any;
          return (await likes()) + (await payments()) + (await events.sendReminders()) + (await merchantPayments.settleSending());
        } finally {
          running = null;
        }
      })();
      return running;
    },
  };
};
