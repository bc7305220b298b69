import type { Core } from '@strapi/strapi';
import { respond } from '../core/errors';
import { requireMember, type RequestContext } from '../core/http';
import { parseInput } from '../core/validate';
import { documentIdParam, leaderboardQuery, linkAccountBody, myRewardsQuery, slugParam } from '../routes/reward-schemas';
import { getService } from '../services/get';

/** Thin handlers for members' frontends: validate with zod, call the plugin's services, answer { data, meta }. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const engagement = () => getService(strapi, 'engagement');
  const rewards = () => getService(strapi, 'rewards');
  const accounts = () => getService(strapi, 'accounts');
  const postId = (ctx: RequestContext) => parseInput(documentIdParam, ctx.params.documentId);

  return {
    like: (ctx: RequestContext) =>
      respond(async () => {
        const member = requireMember(ctx);
        const { changed, ...data } = await engagement().like(postId(ctx), member);
        ctx.body = { data, meta: { changed } };
      }),

    unlike: (ctx: RequestContext) =>
      respond(async () => {
        const member = requireMember(ctx);
        const { changed, ...data } = await engagement().unlike(postId(ctx), member);
        ctx.body = { data, meta: { changed } };
      }),

    downvote: (ctx: RequestContext) =>
      respond(async () => {
        const member = requireMember(ctx);
        const { changed, ...data } = await engagement().downvote(postId(ctx), member);
        ctx.body = { data, meta: { changed } };
      }),

    undownvote: (ctx: RequestContext) =>
      respond(async () => {
        const member = requireMember(ctx);
        const { changed, ...data } = await engagement().undownvote(postId(ctx), member);
        ctx.body = { data, meta: { changed } };
      }),

    postRewards: (ctx: RequestContext) =>
      respond(async () => {
        ctx.body = { data: await rewards().postRewards(postId(ctx)), meta: {} };
      }),

    myRewards: (ctx: RequestContext) =>
      respond(async () => {
        const member = requireMember(ctx);
        const { limit } = parseInput(myRewardsQuery, ctx.query ?? {});
        ctx.body = { data: await rewards().memberRewards(member.id, { limit }), meta: {} };
      }),

    challenge: (ctx: RequestContext) =>
      respond(async () => {
        const member = requireMember(ctx);
        ctx.body = { data: await accounts().createChallenge(member.id), meta: {} };
      }),

    linkAccount: (ctx: RequestContext) =>
      respond(async () => {
        const member = requireMember(ctx);
        const body = ctx.request.body;
        // The architecture's { account, signature }; Strapi's { data: { … } } wrapper is accepted too.
        const input = parseInput(linkAccountBody, body && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : body);
        const linked = await accounts().link(member.id, { ...input, signature: input.signature.replace(/^0x/, '') });
        ctx.body = { data: linked, meta: { payoutsScheduled: true } };
      }),

    unlinkAccount: (ctx: RequestContext) =>
      respond(async () => {
        const member = requireMember(ctx);
        const { account, paymentsUnderway } = await accounts().unlink(member.id);
        ctx.body = { data: { account }, meta: { paymentsUnderway } };
      }),

    leaderboard: (ctx: RequestContext) =>
      respond(async () => {
        const slug = parseInput(slugParam, ctx.params.slug);
        const query = parseInput(leaderboardQuery, ctx.query ?? {});
        const result = await rewards().leaderboard(slug, query);
        ctx.body = { data: result.entries, meta: { board: result.board } };
      }),
  };
};
