import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ZodType, ZodTypeDef } from 'zod';
import { CurationError, type Curation } from '../curation/service';
import { RewardsUnavailableError } from './rewards-view';
import * as v from './validators';

/** Parses input or throws a 400 naming the first problem, in Strapi's error shape. */
function parse<T>(schema: ZodType<T, ZodTypeDef, unknown>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message, name: 'ValidationError' }));
  const first = issues[0];
  throw new errors.ValidationError(`${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}`, { errors: issues });
}

/** The one place service errors become HTTP errors an admin can read. */
async function respond(ctx: any, work: () => Promise<unknown>) {
  try {
    ctx.body = { data: await work() };
  } catch (error) {
    if (error instanceof CurationError) throw error.status === 404 ? new errors.NotFoundError(error.message) : new errors.ApplicationError(error.message);
    if (error instanceof RewardsUnavailableError) throw new errors.ApplicationError(error.message);
    throw error;
  }
}

const plugin = (strapi: Core.Strapi) => strapi.plugin('hive-smt');
const dashboardOf = (strapi: Core.Strapi) => plugin(strapi).service('dashboard') as any;
const curationOf = (strapi: Core.Strapi) => plugin(strapi).service('curation') as Curation;
const reviewOf = (strapi: Core.Strapi) => plugin(strapi).service('review') as any;
const adminName = (ctx: any) => {
  const user = ctx.state?.user;
  return user ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null : null;
};

/** Chain health, boards, rewards and settings: thin handlers over the dashboard service. */
export const dashboard = ({ strapi }: { strapi: Core.Strapi }) => ({
  chain: (ctx: any) => respond(ctx, () => dashboardOf(strapi).chain()),
  jobs: (ctx: any) =>
    respond(ctx, () => {
      const { filter, limit } = parse(v.jobsQuery, ctx.query);
      return dashboardOf(strapi).jobs(filter, limit);
    }),
  retryJob: (ctx: any) =>
    respond(ctx, async () => {
      const { documentId } = parse(v.jobParams, ctx.params);
      const job = await dashboardOf(strapi).retryJob(documentId);
      if (!job) throw new CurationError('This job cannot be retried: it is finished, or a worker is on it right now.');
      return { documentId, state: job.state };
    }),
  cancelJob: (ctx: any) =>
    respond(ctx, async () => {
      const { documentId } = parse(v.jobParams, ctx.params);
      const result = await dashboardOf(strapi).cancelJob(documentId);
      if (!result.ok) throw new CurationError(result.reason ?? 'This job cannot be cancelled.');
      return { documentId, state: 'cancelled' };
    }),
  boards: (ctx: any) => respond(ctx, () => dashboardOf(strapi).boards()),
  rewards: (ctx: any) => respond(ctx, () => dashboardOf(strapi).rewards()),
  runPayout: (ctx: any) =>
    respond(ctx, () => {
      const { board } = parse(v.payoutBody, ctx.request.body);
      return dashboardOf(strapi).runPayout(board);
    }),
  settings: (ctx: any) => respond(ctx, () => dashboardOf(strapi).settings()),
});

/** The editors' page: featured list, comments, members. */
export const curation = ({ strapi }: { strapi: Core.Strapi }) => ({
  featured: (ctx: any) => respond(ctx, () => curationOf(strapi).featured()),
  candidates: (ctx: any) => respond(ctx, () => curationOf(strapi).candidates(parse(v.candidatesQuery, ctx.query))),
  feature: (ctx: any) =>
    respond(ctx, () => {
      const { documentId, until, position } = parse(v.featureBody, ctx.request.body);
      return curationOf(strapi).feature(documentId, { until, position });
    }),
  unfeature: (ctx: any) => respond(ctx, () => curationOf(strapi).unfeature(parse(v.postParams, ctx.params).documentId)),
  reorder: (ctx: any) => respond(ctx, () => curationOf(strapi).reorder(parse(v.orderBody, ctx.request.body).documentIds)),
  setUntil: (ctx: any) =>
    respond(ctx, () => {
      const { documentId } = parse(v.postParams, ctx.params);
      return curationOf(strapi).setUntil(documentId, parse(v.untilBody, ctx.request.body).until ?? null);
    }),
  comments: (ctx: any) => respond(ctx, () => curationOf(strapi).comments(parse(v.commentsQuery, ctx.query))),
  setCommentHidden: (ctx: any) =>
    respond(ctx, () => curationOf(strapi).setCommentHidden(parse(v.commentParams, ctx.params).documentId, parse(v.hiddenBody, ctx.request.body).hidden)),
  members: (ctx: any) => respond(ctx, () => curationOf(strapi).members(parse(v.membersQuery, ctx.query))),
  mute: (ctx: any) =>
    respond(ctx, () => {
      const { id } = parse(v.memberParams, ctx.params);
      const { until, reason } = parse(v.muteBody, ctx.request.body);
      return curationOf(strapi).mute(id, { until, reason, by: adminName(ctx) });
    }),
  unmute: (ctx: any) => respond(ctx, () => curationOf(strapi).unmute(parse(v.memberParams, ctx.params).id)),
  approve: (ctx: any) => respond(ctx, () => curationOf(strapi).approveForRewards(parse(v.memberParams, ctx.params).id, { by: adminName(ctx) })),
  unapprove: (ctx: any) => respond(ctx, () => curationOf(strapi).withdrawRewardsApproval(parse(v.memberParams, ctx.params).id)),
  // "Waiting for review": the queue the app provides (service('review')).
  reviewQueue: (ctx: any) =>
    respond(ctx, () => {
      const { type, limit } = parse(v.reviewQuery, ctx.query);
      return reviewOf(strapi).pending({ targetType: type, limit });
    }),
  approveReview: (ctx: any) => respond(ctx, () => reviewOf(strapi).approve(parse(v.reviewParams, ctx.params).id, ctx.state?.user?.id ?? null)),
  rejectReview: (ctx: any) => respond(ctx, () => reviewOf(strapi).reject(parse(v.reviewParams, ctx.params).id, ctx.state?.user?.id ?? null, parse(v.rejectBody, ctx.request.body).reason)),
});
