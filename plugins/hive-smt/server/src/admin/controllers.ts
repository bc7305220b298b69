import type { Core } from '@strapi/strapi';
import { PluginError, respond } from '../core/errors';
import type { RequestContext } from '../core/http';
import { parseInput } from '../core/validate';
import { getService } from '../services/get';
import * as v from './validators';

/** Runs an admin handler: its result as { data }, a PluginError as Strapi's error an admin can read. */
const answer = (ctx: RequestContext, work: () => Promise<unknown>) =>
  respond(async () => {
    ctx.body = { data: await work() };
  });

const dashboardOf = (strapi: Core.Strapi) => getService(strapi, 'dashboard');
const curationOf = (strapi: Core.Strapi) => getService(strapi, 'curation');
const reviewOf = (strapi: Core.Strapi) => getService(strapi, 'review');
const adminName = (ctx: RequestContext) => {
  const user = ctx.state?.user;
  return user ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null : null;
};
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
    answer(ctx, async () => {
      const { documentId } = parseInput(v.jobParams, ctx.params);
      const job = await dashboardOf(strapi).retryJob(documentId);
      if (!job) throw new PluginError(400, 'This job cannot be retried: it is finished, or a worker is on it right now.');
      return { documentId, state: job.state };
    }),
  cancelJob: (ctx: RequestContext) =>
    answer(ctx, async () => {
      const { documentId } = parseInput(v.jobParams, ctx.params);
      const result = await dashboardOf(strapi).cancelJob(documentId);
      if (!result.ok) throw new PluginError(400, result.reason ?? 'This job cannot be cancelled.');
      return { documentId, state: 'cancelled' };
    }),
  boards: (ctx: RequestContext) => answer(ctx, () => dashboardOf(strapi).boards()),
  rewards: (ctx: RequestContext) => answer(ctx, () => dashboardOf(strapi).rewards()),
  runPayout: (ctx: RequestContext) =>
    answer(ctx, () => {
      const { board } = parseInput(v.payoutBody, bodyOf(ctx));
      return dashboardOf(strapi).runPayout(board);
    }),
  settings: (ctx: RequestContext) => answer(ctx, () => dashboardOf(strapi).settings()),
});

/** The editors' page: featured list, comments, members. */
export const curation = ({ strapi }: { strapi: Core.Strapi }) => ({
  featured: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).featured()),
  candidates: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).candidates(parseInput(v.candidatesQuery, queryOf(ctx)))),
  feature: (ctx: RequestContext) =>
    answer(ctx, () => {
      const { documentId, until, position } = parseInput(v.featureBody, bodyOf(ctx));
      return curationOf(strapi).feature(documentId, { until, position });
    }),
  unfeature: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).unfeature(parseInput(v.postParams, ctx.params).documentId)),
  reorder: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).reorder(parseInput(v.orderBody, bodyOf(ctx)).documentIds)),
  setUntil: (ctx: RequestContext) =>
    answer(ctx, () => {
      const { documentId } = parseInput(v.postParams, ctx.params);
      return curationOf(strapi).setUntil(documentId, parseInput(v.untilBody, bodyOf(ctx)).until ?? null);
    }),
  comments: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).comments(parseInput(v.commentsQuery, queryOf(ctx)))),
  setCommentHidden: (ctx: RequestContext) =>
    answer(ctx, () => curationOf(strapi).setCommentHidden(parseInput(v.commentParams, ctx.params).documentId, parseInput(v.hiddenBody, bodyOf(ctx)).hidden)),
  members: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).members(parseInput(v.membersQuery, queryOf(ctx)))),
  mute: (ctx: RequestContext) =>
    answer(ctx, () => {
      const { id } = parseInput(v.memberParams, ctx.params);
      const { until, reason } = parseInput(v.muteBody, bodyOf(ctx));
      return curationOf(strapi).mute(id, { until, reason, by: adminName(ctx) });
    }),
  unmute: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).unmute(parseInput(v.memberParams, ctx.params).id)),
  approve: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).approveForRewards(parseInput(v.memberParams, ctx.params).id, { by: adminName(ctx) })),
  unapprove: (ctx: RequestContext) => answer(ctx, () => curationOf(strapi).withdrawRewardsApproval(parseInput(v.memberParams, ctx.params).id)),
  // "Waiting for review": the queue the app provides (service('review')).
  reviewQueue: (ctx: RequestContext) =>
    answer(ctx, () => {
      const { type, limit } = parseInput(v.reviewQuery, queryOf(ctx));
      return reviewOf(strapi).pending({ targetType: type, limit });
    }),
  approveReview: (ctx: RequestContext) => answer(ctx, () => reviewOf(strapi).approve(parseInput(v.reviewParams, ctx.params).id, editorId(ctx))),
  rejectReview: (ctx: RequestContext) =>
    answer(ctx, () => reviewOf(strapi).reject(parseInput(v.reviewParams, ctx.params).id, editorId(ctx), parseInput(v.rejectBody, bodyOf(ctx)).reason)),
});
