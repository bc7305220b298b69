import type { Core } from '@strapi/strapi';
import { SCENE, MAX_CHECK_TEXT } from '../../../wechat/protocol';
import { wechatConfigured, wechatSettings } from '../../../wechat/settings';
import { checkText, retryDelayMs, type Verdict } from '../../../wechat/verdicts';
import { WechatUnavailableError } from './token';

const CHECK = 'api::content-check.content-check';
const USER = 'plugin::users-permissions.user';
const POST = 'api::post.post';
const COMMENT = 'api::comment.comment';
const FILE = 'plugin::upload.file';

/** What a check said, or that it could not be asked now (`unchecked`: queued, the board's fail mode decides). */
export type Gate = Verdict | 'unchecked' | 'skipped';
type Target = 'post' | 'comment' | 'displayName' | 'bio' | 'picture';

const RISKY_REASON = "WeChat's content check found this unsafe to show.";
const REVIEW_REASON = "WeChat's content check asked for an editor's review.";

/**
 * WeChat's content-security checks (msgSecCheck 2.0 for text, mediaCheckAsync
 * for pictures) on what members write and upload, as WeChat's rules ask of UGC
 * mini programs. A check is tried at once; when WeChat cannot be reached it is
 * stored and retried with backoff until it answers, never dropped, and the
 * board's fail mode says what readers see meanwhile: `open` shows it, `closed`
 * holds it until the check passes. `risky` hides, `review` holds for an editor.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const checks = () => strapi.db.query(CHECK as any);
  const security = () => strapi.service('api::wechat.security') as any;
  const moderation = () => strapi.service('api::moderation-case.moderation') as any;
  let timer: NodeJS.Timeout | null = null;
  let retrying: Promise<number> | null = null;

  /** The openid a member's content is checked under, or null when their content is not checked. */
  async function openidOf(memberId: number): Promise<string | null> {
    const s = wechatSettings();
    if (!wechatConfigured(s) || s.audience === 'off') return null;
    const user: any = await strapi.db.query(USER).findOne({ where: { id: memberId }, select: ['wechatOpenId'] });
    if (user?.wechatOpenId) return user.wechatOpenId;
    return s.audience === 'everyone' ? s.fallbackOpenid ?? null : null;
  }

  async function textOf(target: Target, targetId: string): Promise<{ content: string; title?: string } | null> {
    if (target === 'post') {
      const rows: any[] = await strapi.db.query(POST).findMany({ where: { documentId: targetId }, select: ['id', 'title', 'body', 'updatedAt'], orderBy: { updatedAt: 'desc' }, limit: 1 });
      return rows[0] ? { content: checkText([rows[0].title, rows[0].body], MAX_CHECK_TEXT), title: rows[0].title } : null;
    }
    if (target === 'comment') {
      const row: any = await strapi.db.query(COMMENT).findOne({ where: { documentId: targetId }, select: ['body'] });
      return row ? { content: row.body } : null;
    }
    const user: any = await strapi.db.query(USER).findOne({ where: { id: Number(targetId) }, select: [target] });
    return user?.[target] ? { content: user[target] } : null;
  }

  const sceneOf = (target: Target) => (target === 'comment' ? SCENE.comment : target === 'post' ? SCENE.forum : SCENE.profile);

  async function ask(target: Target, openid: string, text: { content: string; title?: string }): Promise<Verdict> {
    const input: any = { openid, scene: sceneOf(target), content: text.content };
    if (target === 'post' && text.title) input.title = text.title;
    if (target === 'displayName') input.nickname = text.content;
    if (target === 'bio') input.signature = text.content;
    return (await security().checkText(input)).verdict;
  }

  async function enqueue(row: Record<string, unknown>, error: Error) {
    const existing: any = await checks().findOne({ where: { target: row.target, targetId: row.targetId, state: { $in: ['queued', 'waiting'] } } });
    if (existing) return existing;
    strapi.log.warn(`WeChat content check of ${row.target} ${row.targetId} queued: ${error.message}`);
    return checks().create({ data: { ...row, state: 'queued', attempts: 1, nextAttemptAt: Date.now() + retryDelayMs(1, wechatSettings().retryMs), lastError: error.message.slice(0, 500) } });
  }

  /** Applies a verdict that arrived later (a retry or a push) to what it was about. */
  async function apply(check: any, verdict: Verdict): Promise<void> {
    await checks().update({ where: { id: check.id }, data: { state: verdict, lastError: null } });
    const { target, targetId } = check;
    if (target === 'post') return applyToPost(targetId, check.memberId, check.boardDocumentId, verdict);
    if (target === 'comment') return applyToComment(targetId, check.memberId, check.boardDocumentId, verdict);
    if (target === 'displayName' || target === 'bio') {
      if (verdict === 'pass') return;
      // What WeChat refused is taken off the profile (the name falls back to the username).
      await strapi.db.query(USER).update({ where: { id: Number(targetId) }, data: { [target]: null } });
      await (strapi.service('api::notification.notification') as any).notify({ recipientId: check.memberId, kind: 'moderation', payload: { target: 'profile', decision: 'hidden', reason: verdict === 'risky' ? RISKY_REASON : REVIEW_REASON } });
      return;
    }
    if (target === 'picture') return applyToPicture(Number(targetId), check.memberId, verdict);
  }

  async function applyToPost(documentId: string, authorId: number, boardDocumentId: string | null, verdict: Verdict) {
    const target = { targetType: 'post' as const, targetDocumentId: documentId, boardDocumentId, authorId };
    const live = await strapi.documents(POST).findOne({ documentId, status: 'published', fields: ['id'] as any });
    if (verdict === 'pass') {
      const waitingForCheck: any = await strapi.db.query('api::moderation-case.moderation-case' as any).findOne({ where: { targetType: 'post', targetDocumentId: documentId, state: 'pending', source: 'awaiting-check' } });
      if (waitingForCheck) {
        await moderation().resolved('post', documentId, null, false);
        // Publishes the draft the check held: a new post, or an edit of a live one.
        await strapi.documents(POST).publish({ documentId });
      }
      return;
    }
    if (live) await strapi.documents(POST).unpublish({ documentId });
    if (verdict === 'risky') await moderation().hidden(target, RISKY_REASON);
    else await moderation().hold(target, 'content-check', REVIEW_REASON);
  }

  async function applyToComment(documentId: string, authorId: number, boardDocumentId: string | null, verdict: Verdict) {
    const target = { targetType: 'comment' as const, targetDocumentId: documentId, boardDocumentId, authorId };
    if (verdict === 'pass') {
      const waiting: any = await strapi.db.query('api::moderation-case.moderation-case' as any).findOne({ where: { targetType: 'comment', targetDocumentId: documentId, state: 'pending', source: 'awaiting-check' } });
      if (waiting) {
        await moderation().resolved('comment', documentId, null, false);
        await strapi.db.query(COMMENT).updateMany({ where: { documentId }, data: { hidden: false, reviewState: null, reviewReason: null } });
      }
      return;
    }
    await strapi.db.query(COMMENT).updateMany({ where: { documentId }, data: { hidden: true, reviewState: verdict === 'risky' ? 'rejected' : 'pending', reviewReason: verdict === 'risky' ? RISKY_REASON : REVIEW_REASON } });
    if (verdict === 'risky') await moderation().hidden(target, RISKY_REASON);
    else await moderation().hold(target, 'content-check', REVIEW_REASON);
  }

  /** A picture WeChat refused: the posts showing it go back to draft (hidden, or held for an editor), and it is no avatar any more. */
  async function applyToPicture(fileId: number, memberId: number, verdict: Verdict) {
    if (verdict === 'pass') return;
    const file: any = await strapi.db.query(FILE).findOne({ where: { id: fileId }, select: ['url'] });
    if (!file) return;
    const posts: any[] = await strapi.db.query(POST).findMany({
      where: { author: { id: memberId }, publishedAt: { $notNull: true }, $or: [{ cover: { id: fileId } }, { body: { $contains: file.url } }] },
      select: ['id', 'documentId'],
      populate: { board: { select: ['documentId'] } },
    });
    for (const post of posts) await applyToPost(post.documentId, memberId, post.board?.documentId ?? null, verdict);
    if (verdict === 'risky') {
      const owner: any = await strapi.db.query(USER).findOne({ where: { id: memberId }, select: ['id'], populate: { avatar: { select: ['id'] } } });
      if (owner?.avatar?.id === fileId) await strapi.db.query(USER).update({ where: { id: memberId }, data: { avatar: null } });
    }
  }

  return {
    enabled: () => wechatConfigured(wechatSettings()) && wechatSettings().audience !== 'off',

    /**
     * Checks a member's new post or comment text before it is shown. `skipped`
     * when their content is not checked; `unchecked` when WeChat could not be
     * asked: the check is queued (call `queued` with the new documentId).
     */
    async gate(memberId: number, target: 'post' | 'comment', text: { content: string; title?: string }): Promise<Gate> {
      const openid = await openidOf(memberId);
      if (!openid) return 'skipped';
      try {
        return await ask(target, openid, { ...text, content: checkText([text.title, text.content], MAX_CHECK_TEXT) });
      } catch (error) {
        if (error instanceof WechatUnavailableError) return 'unchecked';
        throw error;
      }
    },

    /**
     * After a new post or comment is written as `startOf` said: its place on
     * the editors' list, the hidden record (the author is told), or its queued
     * check.
     */
    async record(gate: Gate, start: { moderation: string }, target: { type: 'post' | 'comment'; documentId: string; authorId: number; board: { documentId: string; contentCheckFailure?: string | null }; boardReviews: boolean }) {
      const caseTarget = { targetType: target.type, targetDocumentId: target.documentId, boardDocumentId: target.board.documentId, authorId: target.authorId };
      if (gate === 'risky') return moderation().hidden(caseTarget, RISKY_REASON);
      if (gate === 'review') return moderation().hold(caseTarget, 'content-check', REVIEW_REASON);
      if (gate === 'unchecked') await this.queued(target.type, target.documentId, target.authorId, target.board);
      if (target.boardReviews) return moderation().hold(caseTarget, 'board-review');
      if (start.moderation === 'awaiting-check') return moderation().hold(caseTarget, 'awaiting-check', 'Waiting for WeChat\'s content check (WeChat could not be reached).');
    },

    /** Stores the check that could not be made when `gate` answered `unchecked`. */
    async queued(target: 'post' | 'comment', targetId: string, memberId: number, board: { documentId: string; contentCheckFailure?: string | null }, error = 'WeChat could not be reached') {
      return enqueue({ target, targetId, memberId, kind: 'text', boardDocumentId: board.documentId, failMode: board.contentCheckFailure === 'closed' ? 'closed' : 'open' }, new WechatUnavailableError(error));
    },

    /** A name or bio checked before it is saved; when WeChat is unreachable it is saved and checked later. */
    async checkProfileText(memberId: number, field: 'displayName' | 'bio', text: string): Promise<Gate> {
      const openid = await openidOf(memberId);
      if (!openid) return 'skipped';
      try {
        return await ask(field, openid, { content: text });
      } catch (error) {
        if (!(error instanceof WechatUnavailableError)) throw error;
        await enqueue({ target: field, targetId: String(memberId), memberId, kind: 'text', failMode: 'open' }, error);
        return 'unchecked';
      }
    },

    /** An uploaded picture: mediaCheckAsync now (its result comes by push), queued when WeChat cannot be asked. */
    async checkPicture(memberId: number, fileId: number, url: string): Promise<void> {
      const openid = await openidOf(memberId);
      if (!openid) return;
      const row = { target: 'picture', targetId: String(fileId), memberId, kind: 'media', failMode: 'open' };
      try {
        const traceId = await security().checkPicture({ openid, scene: SCENE.forum, mediaUrl: this.publicMediaUrl(url) });
        await checks().create({ data: { ...row, state: 'waiting', traceId, attempts: 1 } });
      } catch (error) {
        if (!(error instanceof WechatUnavailableError)) throw error;
        await enqueue(row, error);
      }
    },

    publicMediaUrl(url: string): string {
      return /^https?:\/\//.test(url) ? url : `${(wechatSettings().publicUrl ?? '').replace(/\/+$/, '')}${url}`;
    },

    /** A pushed media-check result (wxa_media_check): applied to the picture its trace id names. */
    async receiveMediaResult(traceId: string, verdict: Verdict): Promise<boolean> {
      const check: any = await checks().findOne({ where: { traceId, kind: 'media' } });
      if (!check) return false;
      if (check.state === 'waiting') await apply(check, verdict);
      return true;
    },

    /** Retries every queued check that is due; each one that answers is applied. Returns how many answered. */
    retryDue(now = Date.now()): Promise<number> {
      retrying ??= (async () => {
        let answered = 0;
        try {
          const due: any[] = await checks().findMany({ where: { state: 'queued', nextAttemptAt: { $lte: now } }, orderBy: [{ nextAttemptAt: 'asc' }], limit: 50 });
          for (const check of due) {
            const openid = await openidOf(check.memberId);
            try {
              if (!openid) {
                await checks().update({ where: { id: check.id }, data: { state: 'pass', lastError: 'no longer checked (WeChat checks turned off, or the member has no openid)' } });
                continue;
              }
              if (check.kind === 'media') {
                const file: any = await strapi.db.query(FILE).findOne({ where: { id: Number(check.targetId) }, select: ['url'] });
                if (!file) {
                  await checks().update({ where: { id: check.id }, data: { state: 'pass', lastError: 'the picture is gone' } });
                  continue;
                }
                const traceId = await security().checkPicture({ openid, scene: SCENE.forum, mediaUrl: this.publicMediaUrl(file.url) });
                await checks().update({ where: { id: check.id }, data: { state: 'waiting', traceId, lastError: null } });
              } else {
                const text = await textOf(check.target, check.targetId);
                if (!text) {
                  await checks().update({ where: { id: check.id }, data: { state: 'pass', lastError: 'the text is gone' } });
                  continue;
                }
                await apply(check, await ask(check.target, openid, text));
              }
              answered += 1;
            } catch (error) {
              const attempts = Number(check.attempts ?? 0) + 1;
              await checks().update({ where: { id: check.id }, data: { attempts, nextAttemptAt: now + retryDelayMs(attempts, wechatSettings().retryMs), lastError: (error as Error).message.slice(0, 500) } });
            }
          }
        } finally {
          retrying = null;
        }
        return answered;
      })();
      return retrying;
    },

    start() {
      if (!this.enabled() || process.env.HIVE_WORKER_ENABLED === 'false') return;
      const every = wechatSettings().retryMs;
      timer = setInterval(() => this.retryDue().catch((e: Error) => strapi.log.warn(`WeChat content checks: ${e.message}`)), Math.max(1000, Math.floor(every / 2)));
      timer.unref();
    },

    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
};
