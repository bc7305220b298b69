import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { createMember, type TestMember } from '../helpers/members';
import { confirmedMirror, devnetClient, devnetKey, hiveService, waitFor, waitForContent } from '../helpers/chain';
import { createRewardBoard, linkAccount } from '../helpers/rewards';

/**
 * Votes cast on Hive (a frontend nobody here wrote would broadcast the same
 * `vote` operation) on a mirrored post count toward the board's token: the
 * voter's linked member likes or downvotes the post once per change, a vote
 * withdrawn on Hive withdraws it, and an account no member linked counts
 * nothing.
 */
let strapi: Core.Strapi;
let author: TestMember;
let alice: TestMember;
const HIVE_MIN_VOTE_INTERVAL_MS = 3000; // hived: one vote per voter every 3 s
const events = (where: Record<string, unknown>) =>
  strapi.db.query('plugin::hive-smt.ledger-event' as any).findMany({ where, orderBy: [{ id: 'asc' }] }) as Promise<any[]>;
const vote = (voter: string, author: string, permlink: string, weight: number) =>
  devnetClient(strapi).broadcast.vote({ voter, author, permlink, weight }, devnetKey(strapi, voter));
const importVotes = () => hiveService(strapi, 'mirror').importVotes() as Promise<number>;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '600', HIVE_IMPORT_REPLIES_MS: '600000' });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  [author, alice] = await Promise.all([createMember(strapi), createMember(strapi)]);
  expect((await linkAccount(strapi, alice, 'alice')).status).toBe(200);
}, 120000);
afterAll(stopStrapi);

test("a linked member's Hive votes become their like, their downvote, and nothing once withdrawn; others' count nothing", async () => {
  const board = await createRewardBoard(strapi);
  const post = await createPost(strapi, board, author, { title: 'Voted on from Hive' });
  const mirror = await confirmedMirror(strapi, post.documentId);
  await waitForContent(strapi, mirror.author, mirror.permlink);
  const state = async () => (await events({ postDocumentId: post.documentId, memberId: alice.id })).map((e) => [e.type, Math.sign(e.weight)]);

  await vote('alice', mirror.author, mirror.permlink, 10000);
  await vote('dave', mirror.author, mirror.permlink, 10000); // no member linked dave
  await waitFor(async () => (await importVotes()) > 0 || null, "alice's vote counted");
  expect(await state()).toEqual([['like', 1]]);
  const counts = await hiveService(strapi, 'engagement').likeCounts([post.documentId], alice.id);
  expect(counts[post.documentId]).toMatchObject({ likeCount: 1, likedByMe: true });
  // The same vote imported again changes nothing: no new event, no second like.
  expect(await importVotes()).toBe(0);
  expect(await events({ postDocumentId: post.documentId })).toHaveLength(1);

  await pause(HIVE_MIN_VOTE_INTERVAL_MS);
  await vote('alice', mirror.author, mirror.permlink, -5000);
  await waitFor(async () => (await importVotes()) > 0 || null, "alice's downvote counted");
  // The downvote replaced the like: one vote per member and post, wherever it was cast.
  expect(await state()).toEqual([['downvote', -1]]);
  expect((await hiveService(strapi, 'engagement').likeCounts([post.documentId], alice.id))[post.documentId].likeCount).toBe(0);

  await pause(HIVE_MIN_VOTE_INTERVAL_MS);
  await vote('alice', mirror.author, mirror.permlink, 0);
  await waitFor(async () => (await importVotes()) > 0 || null, "alice's withdrawn vote counted");
  expect(await state()).toEqual([['unlike', 0]]);
  const counted: any[] = await strapi.db.query('plugin::hive-smt.chain-vote' as any).findMany({ where: { postDocumentId: post.documentId } });
  expect(counted.map((c) => [c.voter, c.percent])).toEqual([['alice', 0]]);
}, 90000);
