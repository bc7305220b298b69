import type { Core } from '@strapi/strapi';
import { parseInput, requireMember, respond } from '../http/errors';
import { documentIdParam, leaderboardQuery, linkAccountBody, myRewardsQuery, slugParam } from '../http/reward-schemas';
import { rewardsOf } from '../rewards/lifecycle';

/** Thin handlers: validate with zod, call the rewards services, answer { data, meta }. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rewards = () => rewardsOf(strapi);
  const postId = (ctx: any) => parseInput(documentIdParam, ctx.params.documentId);

  return {
    async like(ctx: any) {
      const member = requireMember(ctx);
      const result = await respond(() => rewards().engagement.like(postId(ctx), member));
      const { changed, ...data } = result;
      ctx.body = { data, meta: { changed } };
    },

    async unlike(ctx: any) {
      const member = requireMember(ctx);
      const result = await respond(() => rewards().engagement.unlike(postId(ctx), member));
      const { changed, ...data } = result;
      ctx.body = { data, meta: { changed } };
    },

    async postRewards(ctx: any) {
      const data = await respond(() => rewards().reports.postRewards(postId(ctx)));
      ctx.body = { data, meta: {} };
    },

    async myRewards(ctx: any) {
      const member = requireMember(ctx);
      const { limit } = parseInput(myRewardsQuery, ctx.query ?? {});
      ctx.body = { data: await rewards().reports.memberRewards(member.id, { limit }), meta: {} };
    },

    async challenge(ctx: any) {
      const member = requireMember(ctx);
      ctx.body = { data: await rewards().linking.createChallenge(member.id), meta: {} };
    },

    async linkAccount(ctx: any) {
      const member = requireMember(ctx);
      const body = ctx.request.body;
      // The architecture's { account, signature }; Strapi's { data: { … } } wrapper is accepted too.
      const input = parseInput(linkAccountBody, body && typeof body === 'object' && 'data' in body ? body.data : body);
      const linked = await respond(() => rewards().linking.link(member.id, { ...input, signature: input.signature.replace(/^0x/, '') }));
      ctx.body = { data: linked, meta: { payoutsScheduled: true } };
    },

    async unlinkAccount(ctx: any) {
      const member = requireMember(ctx);
      const { account, paymentsUnderway } = await respond(() => rewards().linking.unlink(member.id));
      ctx.body = { data: { account }, meta: { paymentsUnderway } };
    },

    async leaderboard(ctx: any) {
      const slug = parseInput(slugParam, ctx.params.slug);
      const query = parseInput(leaderboardQuery, ctx.query ?? {});
      const result = await respond(() => rewards().reports.leaderboard(slug, query));
      ctx.body = { data: result.entries, meta: { board: result.board } };
    },
  };
};
