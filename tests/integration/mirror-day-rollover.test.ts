import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { createMember, type TestMember } from '../helpers/members';
import { confirmedMirror, devnetClient, devnetOf, mirrorOf, waitFor } from '../helpers/chain';
import { chainTime, dayAt, devnetRpc, moveChainClockTo, nextMidnight } from '../helpers/chain-clock';
import { commentsByDocumentId } from '../helpers/chain-history';

/**
 * Container-mode boards at the turn of their day: the devnet's clock is put
 * just before midnight (its time is its blocks' time) and posts are published
 * across it. The content API answers as public nodes do (hivemind: a post is
 * readable once its block is produced), so nothing here leans on reading the
 * mempool.
 */
let strapi: Core.Strapi;
let member: TestMember;
let url: string;
const MINUTE = 60 * 1000;

beforeAll(async () => {
  // Blocks every 300 ms: chain time runs 10× the wall clock, so a few chain minutes around midnight leave the
  // worker seconds, not tenths, to act in on a busy machine.
  strapi = await startStrapi({ HIVE_DEVNET_CONTENT_API: 'hivemind', HIVE_DEVNET_BLOCK_MS: '300' });
  member = await createMember(strapi);
  url = devnetOf(strapi).url;
});
afterAll(stopStrapi);

const content = async (author: string, permlink: string) => {
  try {
    return await devnetClient(strapi).call('condenser_api', 'get_content', [author, permlink]);
  } catch {
    return null; // hivemind: an error for a post that is not (yet) there
  }
};
const onChain = (author: string, permlink: string) => waitFor(() => content(author, permlink), `${author}/${permlink} on chain`, 30000, 200);
const containerJobs = async (permlink: string) =>
  (await strapi.db.query('plugin::hive-smt.chain-job' as any).findMany({ where: { kind: 'mirror.container', subject: { $endsWith: `:${permlink}` } } })) as any[];
/** A midnight far enough ahead that the clock only ever moves forward, test after test. */
const midnightAhead = async (utcOffsetHours = 0) => nextMidnight(await chainTime(url), { utcOffsetHours, marginMs: 30 * MINUTE });

/**
 * A board's evening: its first post of the day at 23:48 (today's post of the
 * day goes out with it), another at 23:54, in the last 11 minutes of the day,
 * after which tomorrow's post of the day goes out (the 5-minute rule allows it
 * by then). Returns the first post's mirror and tomorrow's post of the day.
 */
async function evening(board: { documentId: string; slug: string; hiveAccount: string }, midnight: Date, tomorrow: string) {
  await moveChainClockTo(url, new Date(midnight.getTime() - 12 * MINUTE));
  const first = await createPost(strapi, board, member, { title: `${board.slug} evening` });
  const mirror = await confirmedMirror(strapi, first.documentId);
  await moveChainClockTo(url, new Date(midnight.getTime() - 6 * MINUTE));
  await confirmedMirror(strapi, (await createPost(strapi, board, member, { title: `${board.slug} late evening` })).documentId);
  return { mirror, next: await onChain(board.hiveAccount, `${board.slug}-daily-${tomorrow}`) };
}

it("sends tomorrow's post of the day before midnight, so the new day's first posts go straight under it", async () => {
  const board = await createBoard(strapi, { hiveAccount: 'oakhill-hood', postingRate: 'container', slug: 'evening-board' });
  const midnight = await midnightAhead();
  const [today, tomorrow] = [dayAt(new Date(midnight.getTime() - 1)), dayAt(midnight)];
  const { mirror: first, next } = await evening(board, midnight, tomorrow);
  expect(first).toMatchObject({ parentPermlink: `evening-board-daily-${today}` });

  // Before the day ends, tomorrow's post of the day is on Hive already.
  expect(Date.parse(`${next.created}Z`)).toBeLessThan(midnight.getTime());
  expect(next.parent_author).toBe('');
  expect(next.title).toBe(`${board.name}: posts of ${tomorrow}`);

  await moveChainClockTo(url, new Date(midnight.getTime() + 5 * 1000));
  const morning = await createPost(strapi, board, member, { title: 'Morning post' });
  const mirror = await confirmedMirror(strapi, morning.documentId);
  expect(mirror).toMatchObject({ parentAuthor: 'oakhill-hood', parentPermlink: `evening-board-daily-${tomorrow}` });
  // It never waited for the day's post: no deferral was recorded on its job.
  const [job] = await strapi.db.query('plugin::hive-smt.chain-job' as any).findMany({ where: { subject: `post:${morning.documentId}` } });
  expect(job.lastError ?? '').not.toMatch(/post of the day/);
  expect(await containerJobs(`evening-board-daily-${tomorrow}`)).toHaveLength(1);
}, 90000);

it("lets posts go under yesterday's post of the day while the 5-minute rule holds back today's", async () => {
  const board = await createBoard(strapi, { hiveAccount: 'riverside-photo', postingRate: 'container', slug: 'late-board' });
  const midnight = await midnightAhead();
  const [today, tomorrow] = [dayAt(new Date(midnight.getTime() - 1)), dayAt(midnight)];
  // The board's first post of the day comes two minutes before midnight: its post of the day is a root post
  // then, so the account's next root post (tomorrow's post of the day) cannot go before about 00:03.
  await moveChainClockTo(url, new Date(midnight.getTime() - 2 * MINUTE));
  await createPost(strapi, board, member, { title: 'Late post' });
  const todays = await onChain('riverside-photo', `late-board-daily-${today}`);
  expect(Date.parse(`${todays.created}Z`)).toBeLessThan(midnight.getTime());

  await moveChainClockTo(url, new Date(midnight.getTime() + 3 * 1000));
  const early = await createPost(strapi, board, member, { title: 'Just after midnight' });
  const mirror = await confirmedMirror(strapi, early.documentId);
  expect(mirror).toMatchObject({ parentAuthor: 'riverside-photo', parentPermlink: `late-board-daily-${today}` });
  const [job] = await strapi.db.query('plugin::hive-smt.chain-job' as any).findMany({ where: { subject: `post:${early.documentId}` } });
  expect(job.lastError ?? '').not.toMatch(/post of the day/);

  // Today's post of the day follows when the 5-minute rule allows it (the clock is taken there), and later posts go under it.
  const created = (c: any) => Date.parse(`${c.created}Z`);
  await moveChainClockTo(url, new Date(created(todays) + 305 * 1000));
  const next = await onChain('riverside-photo', `late-board-daily-${tomorrow}`);
  expect(created(await content(mirror.author, mirror.permlink))).toBeLessThan(created(next));
  expect(created(next)).toBeGreaterThan(created(todays) + 300 * 1000);
  const after = await createPost(strapi, board, member, { title: 'Later that morning' });
  expect(await confirmedMirror(strapi, after.documentId)).toMatchObject({ parentPermlink: `late-board-daily-${tomorrow}` });
}, 90000);

it("follows the board's own time zone: the day changes at local midnight", async () => {
  const board = await createBoard(strapi, { hiveAccount: 'maple-school', postingRate: 'container', slug: 'shanghai-board', timezone: 'Asia/Shanghai' });
  // Shanghai is UTC+8 all year: its midnight is 16:00 UTC, when the UTC date does not change.
  const midnight = await midnightAhead(8);
  const [today, tomorrow] = [dayAt(new Date(midnight.getTime() - 1), 8), dayAt(midnight, 8)];
  expect(dayAt(new Date(midnight.getTime() - 1))).toBe(dayAt(midnight)); // the same UTC day on both sides
  const { mirror: first, next } = await evening(board, midnight, tomorrow);
  expect(first).toMatchObject({ parentPermlink: `shanghai-board-daily-${today}` });
  expect(Date.parse(`${next.created}Z`)).toBeLessThan(midnight.getTime());

  await moveChainClockTo(url, new Date(midnight.getTime() + 5 * 1000));
  const morning = await createPost(strapi, board, member, { title: 'Shanghai morning' });
  expect(await confirmedMirror(strapi, morning.documentId)).toMatchObject({ parentPermlink: `shanghai-board-daily-${tomorrow}` });
}, 90000);

describe('posts signed under the previous day at midnight', () => {
  it('land there once, in a block after midnight, when the node took them but its answer was lost', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'oakhill-hood', postingRate: 'container', slug: 'dropped-board' });
    const midnight = await midnightAhead();
    const [today, tomorrow] = [dayAt(new Date(midnight.getTime() - 1)), dayAt(midnight)];
    // Tomorrow's post of the day is out first: a root post of the same account just before this reply
    // would put it behind the 3-second rule and have it rebuilt under the new day (the next test's case).
    await evening(board, midnight, tomorrow);
    await moveChainClockTo(url, new Date(midnight.getTime() - 30 * 1000));

    // Blocks stop, and the node drops its answer to the next broadcast it accepts.
    const devnet = devnetOf(strapi);
    devnet.faults.set({ haltBlocks: true, dropReplyAfterAccept: 1 });
    const post = await createPost(strapi, board, member, { title: 'Signed at midnight' });
    const signed = await waitFor(async () => {
      const [job] = await strapi.db.query('plugin::hive-smt.chain-job' as any).findMany({ where: { subject: `post:${post.documentId}` } });
      return job?.signedTx && devnet.faults.get().counters.droppedReplies > 0 ? job : null;
    }, 'the post signed, sent and its answer dropped');
    expect(signed.signedTx.operations[0][1].parent_permlink).toBe(`dropped-board-daily-${today}`);
    // The next block comes after midnight, with the transaction in it.
    await moveChainClockTo(url, new Date(midnight.getTime() + 6 * 1000));
    devnet.faults.clear();

    const mirror = await confirmedMirror(strapi, post.documentId);
    expect(mirror.parentPermlink).toBe(`dropped-board-daily-${today}`);
    const block = await devnetClient(strapi).database.getBlock(mirror.blockNum);
    expect(Date.parse(`${block.timestamp}Z`)).toBeGreaterThanOrEqual(midnight.getTime());
    const copies = (await commentsByDocumentId(devnetClient(strapi), ['oakhill-hood'])).get(post.documentId) ?? [];
    expect(copies).toEqual([expect.objectContaining({ parentPermlink: `dropped-board-daily-${today}` })]);
  }, 90000);

  it('are rebuilt once under the new day when they expired without landing', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'maple-school', postingRate: 'container', slug: 'expired-board' });
    const midnight = await midnightAhead();
    const [today, tomorrow] = [dayAt(new Date(midnight.getTime() - 1)), dayAt(midnight)];
    await evening(board, midnight, tomorrow);
    await moveChainClockTo(url, new Date(midnight.getTime() - 10 * 1000));

    // Blocks stop: the post is signed under today's post of the day and waits in the node's mempool...
    const devnet = devnetOf(strapi);
    devnet.faults.set({ haltBlocks: true });
    const post = await createPost(strapi, board, member, { title: 'Stuck at midnight' });
    const signed = await waitFor(async () => {
      const [job] = await strapi.db.query('plugin::hive-smt.chain-job' as any).findMany({ where: { subject: `post:${post.documentId}` } });
      return job?.signedTx ? job : null;
    }, 'the post signed and sent');
    expect(signed.signedTx.operations[0][1].parent_permlink).toBe(`expired-board-daily-${today}`);
    // ...until the next block comes after midnight and after the transaction's expiration: it is dropped, never applied.
    const expiration = Date.parse(`${signed.txExpiration}Z`);
    await devnetRpc(url, 'debug_node_api.debug_generate_blocks', { count: 1, miss_blocks: Math.ceil((expiration - (await chainTime(url)).getTime()) / 3000) + 2 });
    devnet.faults.clear();

    const mirror = await waitFor(async () => {
      const m = await mirrorOf(strapi, post.documentId);
      return m?.state === 'confirmed' ? m : null;
    }, 'the post rebuilt and confirmed', 60000, 200);
    expect(mirror.parentPermlink).toBe(`expired-board-daily-${tomorrow}`);
    const copies = (await commentsByDocumentId(devnetClient(strapi), ['maple-school'])).get(post.documentId) ?? [];
    expect(copies).toEqual([expect.objectContaining({ parentPermlink: `expired-board-daily-${tomorrow}` })]);
  }, 90000);

  it('are edited under the day they landed in, after midnight', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'riverside-photo', postingRate: 'container', slug: 'edit-board' });
    const midnight = await midnightAhead();
    const today = dayAt(new Date(midnight.getTime() - 1));
    await moveChainClockTo(url, new Date(midnight.getTime() - 10 * MINUTE));
    const post = await createPost(strapi, board, member, { title: 'Edited tomorrow', body: 'first version' });
    const first = await confirmedMirror(strapi, post.documentId);
    await moveChainClockTo(url, new Date(midnight.getTime() + 60 * 1000));
    await strapi.documents('api::post.post').update({ documentId: post.documentId, data: { body: 'second version' } as any, status: 'published' });
    const edited = await waitFor(async () => {
      const m = await mirrorOf(strapi, post.documentId);
      return m?.state === 'confirmed' && m.txId !== first.txId ? m : null;
    }, 'the edit on chain', 30000, 200);
    expect(edited.parentPermlink).toBe(`edit-board-daily-${today}`);
    // Hivemind indexes a block a moment after it is made: wait for it to show the edit, as a reader would.
    const onHive = await waitFor(async () => {
      const post = await content('riverside-photo', first.permlink);
      return post?.body?.includes('second version') ? post : null;
    }, 'the edit on hivemind', 20000, 200).catch(() => content('riverside-photo', first.permlink));
    expect(onHive.parent_permlink).toBe(`edit-board-daily-${today}`);
    expect(onHive.body).toContain('second version');
  }, 90000);
});
