import type { Core } from '@strapi/strapi';
import { PluginError, respond } from '../core/errors';
import type { RequestContext } from '../core/http';
import { parseInput } from '../core/validate';
import { getService } from '../services/get';
import * as v from './validators';
import type { Actor } from '../moderation/log';

/** Runs an admin handler: its result as { data }, a PluginError as Strapi's error an admin can read. */
const answer = (ctx: RequestContext, work: () => Promise<unknown>) =>
  respond(async () => {
    ctx.body = { data: await work() };
  });

const dashboardOf = (strapi: Core.Strapi) => getService(strapi, 'dashboard');
const moderationOf = (strapi: Core.Strapi) => getService(strapi, 'moderation');
const curationOf = (strapi: Core.Strapi) => getService(strapi, 'curation');
const reviewOf = (strapi: Core.Strapi) => getService(strapi, 'review');
const adminName = (ctx: RequestContext) => {
  const user = ctx.state?.user;
  return user ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null : null;
};
/** The admin-panel user acting, as the moderation log names them. */
const adminActor = (ctx: RequestContext): Actor => ({ kind: 'admin', id: ctx.state?.user?.id ?? null, name: adminName(ctx) });
/** The admin user deciding a review case (admin users' ids, kept on the case). */
const editorId = (ctx: RequestContext) => ctx.state?.user?.id ?? null;
const queryOf = (ctx: RequestContext) => ctx.query ?? {};
const bodyOf = (ctx: RequestContext) => ctx.request.body ?? {};

/** Chain health, boards, rewards and settings: thin handlers over the dashboard service. */
export const dashboard = ({ strapi }: { strapi: Core.Strapi }) => ({
  chain: (ctx: RequestContext) => answer(ctx, () => dashboardOf(strapi).chain()),
  jobs: (ctx: RequestContext) =>
    answer(ctx, () => {
      const { filter, limit } = parseInput(v.jobsQuery, queryOf(ctx));
      return dashboardOf(strapi).jobs(filter, limit);
    }),
  retryJob: (ctx: RequestContext) =>
    answer(ctx, () => {
      const { documentId } = parseInput(v.jobParams, ctx.params);
      const log = moderationOf(strapi);
      const subject = log.subjects().job(documentId);
      return log.audited(adminActor(ctx), { kind: 'job', action: 'job.retry', subjectType: 'chain-job', subjectId: documentId, ...subject }, async () => {
        const job = await dashboardOf(strapi).retryJob(documentId);
        if (!job) throw new PluginError(400, 'This job cannot be retried: it is finished, or a worker is on it right now.');
        return { documentId, state: job.state };
      });
    }),
  cancelJob: (ctx: RequestContext) =>
    answer(ctx, async () => {
      const { documentId } = parseInput(v.jobParams, ctx.params);
      const log = moderationOf(strapi);
      const subject = log.subjects().job(documentId);
      // Hive is asked first whether the job's transaction can still land; the entry commits with the cancellation.
      const result = await dashboardOf(strapi).cancelJob(documentId, async (job) =>
        log.record(adminActor(ctx), {
          kind: 'job',
          action: 'job.cancel',
          subjectType: 'chain-job',
          subjectId: documentId,
          boardDocumentId: await subject.board(),
          before: { state: job.state, attempts: job.attempts, lastError: job.lastError ?? null },
          after: { state: 'cancelled' },
        }),
      );
      if (!result.ok) throw new PluginError(400, result.reason ?? 'This job cannot be cancelled.');
      return { documentId, state: 'cancelled' };
    }),
  boards: (ctx: RequestContext) => answer(ctx, () => dashboardOf(strapi).boards()),
  rewards: (ctx: RequestContext) => answer(ctx, () => dashboardOf(strapi).rewards()),
  runPayout: (ctx: RequestContext) =>
    answer(ctx, () => {
      const { board } = parseInput(v.payoutBody, bodyOf(ctx));
      const log = moderationOf(strapi);
      // Scheduling is several transactions of its own (each board's batches): the entry follows the last of them.
      return dashboardOf(strapi).runPayout(board, async (work) => {
        const result = await work();
        await log.record(adminActor(ctx), {
          kind: 'payout',
          action: 'payout.run',
          subjectType: 'board',
          subjectId: board ?? null,
          boardDocumentId: board ?? null,
          after: result,
        });
        return result;
      });
    }),
  settings: (ctx: RequestContext) => answer(ctx, () => dashboardOf(strapi).settings()),
});

/** The editors' page: featured list, comments, members. Every change is written to the moderation log with it. */
export const curation = ({ strapi }: { strapi: Core.Strapi }) => {
  const onPost = <T>(ctx: RequestContext, action: string, documentId: string, work: () => Promise<T>) => {
    const log = moderationOf(strapi);
    return log.audited(adminActor(ctx), { kind: 'content', action, subjectType: 'post', subjectId: documentId, ...log.subjects().post(documentId) }, work);
  };
  const onMember = <T>(ctx: RequestContext, action: string, userId: number, what: 'mute' | 'approval', work: () => Promise<T>, reason?: string | null) => {
    const log = moderationOf(strapi);
    const subject = what === 'mute' ? log.subjects().muteOf(userId) : log.subjects().approvalOf(userId);
    return log.audited(adminActor(ctx), { kind: 'member', action, subjectType: 'member', subjectId: String(userId), reason: reason ?? null, ...subject }, work);
  };
  return {
    featured: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).featured()),
    candidates: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).candidates(parseInput(v.candidatesQuery, queryOf(ctx)))),
    feature: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { documentId, until, position } = parseInput(v.featureBody, bodyOf(ctx));
        return onPost(ctx, 'post.feature', documentId, () => curationOf(strapi).feature(documentId, { until, position }));
      }),
    unfeature: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { documentId } = parseInput(v.postParams, ctx.params);
        return onPost(ctx, 'post.unfeature', documentId, () => curationOf(strapi).unfeature(documentId));
      }),
    reorder: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { documentIds } = parseInput(v.orderBody, bodyOf(ctx));
        const featuredOrder = async () => (await curationOf(strapi).featured()).map((p) => p.documentId);
        return moderationOf(strapi).audited(
          adminActor(ctx),
          { kind: 'content', action: 'featured.reorder', subjectType: 'featured-list', subjectId: null, snapshot: featuredOrder },
          () => curationOf(strapi).reorder(documentIds),
        );
      }),
    setUntil: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { documentId } = parseInput(v.postParams, ctx.params);
        const until = parseInput(v.untilBody, bodyOf(ctx)).until ?? null;
        return onPost(ctx, 'post.feature-until', documentId, () => curationOf(strapi).setUntil(documentId, until));
      }),
    comments: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).comments(parseInput(v.commentsQuery, queryOf(ctx)))),
    setCommentHidden: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { documentId } = parseInput(v.commentParams, ctx.params);
        const { hidden } = parseInput(v.hiddenBody, bodyOf(ctx));
        const log = moderationOf(strapi);
        return log.audited(
          adminActor(ctx),
          {
            kind: 'content',
            action: hidden ? 'comment.hide' : 'comment.show',
            subjectType: 'comment',
            subjectId: documentId,
            ...log.subjects().comment(documentId),
          },
          () => curationOf(strapi).setCommentHidden(documentId, hidden),
        );
      }),
    members: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).members(parseInput(v.membersQuery, queryOf(ctx)))),
    mute: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { id } = parseInput(v.memberParams, ctx.params);
        const { until, reason } = parseInput(v.muteBody, bodyOf(ctx));
        return onMember(ctx, 'member.mute', id, 'mute', () => curationOf(strapi).mute(id, { until, reason, by: adminName(ctx) }), reason);
      }),
    unmute: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { id } = parseInput(v.memberParams, ctx.params);
        return onMember(ctx, 'member.unmute', id, 'mute', () => curationOf(strapi).unmute(id));
      }),
    approve: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { id } = parseInput(v.memberParams, ctx.params);
        return onMember(ctx, 'member.approve', id, 'approval', () => curationOf(strapi).approveForRewards(id, { by: adminName(ctx) }));
      }),
    unapprove: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { id } = parseInput(v.memberParams, ctx.params);
        return onMember(ctx, 'member.unapprove', id, 'approval', () => curationOf(strapi).withdrawRewardsApproval(id));
      }),
    // "Waiting for review": the queue the app provides (service('review')).
    reviewQueue: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { type, limit } = parseInput(v.reviewQuery, queryOf(ctx));
        return reviewOf(strapi).pending({ targetType: type, limit });
      }),
    approveReview: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { id } = parseInput(v.reviewParams, ctx.params);
        return moderationOf(strapi).audited(
          adminActor(ctx),
          { kind: 'content', action: 'review.approve', subjectType: 'review-case', subjectId: String(id), after: (result) => result },
          () => reviewOf(strapi).approve(id, editorId(ctx)),
        );
      }),
    rejectReview: (ctx: RequestContext) =>
      answer(ctx, () => {
        const { id } = parseInput(v.reviewParams, ctx.params);
        const { reason } = parseInput(v.rejectBody, bodyOf(ctx));
        return moderationOf(strapi).audited(
          adminActor(ctx),
          { kind: 'content', action: 'review.reject', subjectType: 'review-case', subjectId: String(id), reason: reason ?? null, after: (result) => result },
          () => reviewOf(strapi).reject(id, editorId(ctx), reason),
        );
      }),
    // The moderation log: newest first, filtered by board, actor and kind.
    moderationLog: (ctx: RequestContext) =>
      answer(ctx, async () => {
        const filter = parseInput(v.moderationQuery, queryOf(ctx));
        const log = moderationOf(strapi);
        const [page, actors] = await Promise.all([log.list(filter), log.actors()]);
        return { ...page, actors };
      }),
  };
};

/** The Merchants, Payments and Redemptions pages: the app's views (economy/views.ts), filtered. */
export const economy = ({ strapi }: { strapi: Core.Strapi }) => ({
  merchants: (ctx: RequestContext) => answer(ctx, () => getService(strapi, 'economy').views().merchants()),
  payments: (ctx: RequestContext) =>
    answer(ctx, () => {
      const filter = parseInput(v.paymentsQuery, queryOf(ctx));
      return getService(strapi, 'economy').views().payments(filter);
    }),
  redemptions: (ctx: RequestContext) =>
    answer(ctx, () => {
      const filter = parseInput(v.redemptionsQuery, queryOf(ctx));
      return getService(strapi, 'economy').views().redemptions(filter);
    }),
});
