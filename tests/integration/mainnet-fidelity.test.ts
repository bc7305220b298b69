import request from 'supertest';
import { cryptoUtils } from '@hiveio/dhive';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, type TestMember } from '../helpers/members';
import { confirmedMirror, devnetClient, devnetKey, mirrorOf, waitFor, waitForContent, waitForNoContent } from '../helpers/chain';

/**
 * What public Hive nodes do that a kind node would not, met the way Quanzi
 * must meet it on mainnet: resource credits run out (a wait, not a failure),
 * a journal community hides non-members' posts (held with the fix instead),
 * delete_comment goes by net rshares (a dust vote does not stop it, a real one
 * does), and one key of a multisig account does not prove the account.
 */
let strapi: Core.Strapi;
let member: TestMember;
const api = () => request(strapi.server.httpServer);
const debug = (method: string, params: Record<string, unknown>) => devnetClient(strapi).call('debug_node_api', method, params);
const openJob = async (documentId: string) =>
  (await strapi.db.query('plugin::hive-smt.chain-job' as any).findMany({ where: { subject: `post:${documentId}`, state: { $in: ['queued', 'leased', 'dead'] } } }))[0] as any;

beforeAll(async () => {
  strapi = await startStrapi();
  member = await createMember(strapi, { username: 'fidelity' });
});
afterAll(stopStrapi);

it('waits out a board account without resource credits, saying why, and posts on its own once it has them', async () => {
  const board = await createBoard(strapi, { hiveAccount: 'oakhill-hood' });
  await debug('debug_set_rc_mana', { account: 'oakhill-hood', current_mana: 0 });
  const post = await createPost(strapi, board, member, { title: 'Out of energy' });
  const waiting = await waitFor(async () => {
    const status = (await (strapi.plugin('hive-smt').service('mirror') as any).chainStatuses([post.documentId]))[post.documentId];
    const job = await openJob(post.documentId);
    return job?.lastError?.includes('out of resource credits') ? { status, job } : null;
  }, 'the RC wait');
  expect(waiting.job).toMatchObject({ state: 'queued', attempts: 0 });
  expect(waiting.job.lastError).toMatch(/@oakhill-hood is out of resource credits \(Hive needs \d+ RC, it has \d+\)/);
  expect(waiting.status.status).toBe('scheduled');

  expect(waiting.job.lastError).toMatch(/tried again every 30 s/);

  // RC delegated (or powered up) meanwhile: the job sees it at its next try, with nobody pressing Retry,
  // not after the regeneration estimate (minutes).
  await debug('debug_set_rc_mana', { account: 'oakhill-hood', current_mana: '4000000000000' });
  const mirror = await confirmedMirror(strapi, post.documentId, 60000);
  expect((await waitForContent(strapi, 'oakhill-hood', mirror.permlink)).title).toBe('Out of energy');
}, 120000);

it('holds a post for a journal community the board account is not a member of, and sends it once it is', async () => {
  // hive-255234 is a journal community (its admin: @riverside-photo); @maple-school holds no role in it.
  const board = await createBoard(strapi, { hiveAccount: 'maple-school', hiveCommunity: 'hive-255234' });
  const post = await createPost(strapi, board, member, { title: 'For the journal' });
  const held = await waitFor(async () => {
    const job = await openJob(post.documentId);
    return job?.state === 'dead' ? job : null;
  }, 'the held post');
  expect(held.lastError).toMatch(/hive-255234 is a journal community.*@maple-school is "guest".*"member" role/);
  expect(held.signedTx).toBeNull();

  // The community's admin gives the board account the member role, as PeakD would send it.
  await devnetClient(strapi).broadcast.json(
    { id: 'community', required_auths: [], required_posting_auths: ['riverside-photo'], json: JSON.stringify(['setRole', { community: 'hive-255234', account: 'maple-school', role: 'member' }]) },
    devnetKey(strapi, 'riverside-photo'),
  );
  await waitFor(async () => {
    const community: any = await devnetClient(strapi).call('bridge', 'get_community', { name: 'hive-255234', observer: 'maple-school' });
    return community?.context?.role === 'member';
  }, 'the role indexed');
  await (strapi.plugin('hive-smt').service('mirror') as any).retryJob(held.documentId);
  const mirror = await confirmedMirror(strapi, post.documentId);
  const bridged: any = await waitFor(
    async () => devnetClient(strapi).call('bridge', 'get_post', { author: 'maple-school', permlink: mirror.permlink }).catch(() => null),
    'the post on bridge',
  );
  expect(bridged.community).toBe('hive-255234');
  expect(bridged.stats.gray).toBe(false);
}, 90000);

describe('removal by net rshares, as delete_comment decides', () => {
  const vote = async (voter: string, author: string, permlink: string, weight: number) =>
    devnetClient(strapi).broadcast.vote({ voter, author, permlink, weight }, devnetKey(strapi, voter));

  it('deletes a post whose only vote is dust (0 rshares), and tombstones one with positive rshares', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'riverside-photo' });
    const dusty = await createPost(strapi, board, member, { title: 'A dust vote' });
    const m1 = await confirmedMirror(strapi, dusty.documentId);
    await waitForContent(strapi, 'riverside-photo', m1.permlink);
    await vote('dave', 'riverside-photo', m1.permlink, 1); // 0.01 % of a member's vote: under the dust threshold
    const voted = await waitForContent(strapi, 'riverside-photo', m1.permlink, (p) => Number(p.net_votes) === 1);
    expect(String(voted.net_rshares)).toBe('0');
    await strapi.documents('api::post.post').unpublish({ documentId: dusty.documentId });
    await waitFor(async () => (await mirrorOf(strapi, dusty.documentId))?.state === 'removed', 'the dusty post removed');
    expect((await mirrorOf(strapi, dusty.documentId)).removedMode).toBe('deleted');
    expect(await waitForNoContent(strapi, 'riverside-photo', m1.permlink)).toEqual({ state: 'deleted' });

    // The board's next root post waits Hive's five minutes: hold the clock forward instead of waiting.
    await debug('debug_generate_blocks', { count: 1, miss_blocks: 100 });
    const liked = await createPost(strapi, board, member, { title: 'A real vote' });
    const m2 = await confirmedMirror(strapi, liked.documentId);
    await waitForContent(strapi, 'riverside-photo', m2.permlink);
    await vote('quanzi', 'riverside-photo', m2.permlink, 10000);
    await waitForContent(strapi, 'riverside-photo', m2.permlink, (p) => BigInt(String(p.net_rshares)) > 0n);
    await strapi.documents('api::post.post').unpublish({ documentId: liked.documentId });
    await waitFor(async () => (await mirrorOf(strapi, liked.documentId))?.state === 'removed', 'the voted post removed');
    expect((await mirrorOf(strapi, liked.documentId)).removedMode).toBe('tombstone');
    expect((await waitForContent(strapi, 'riverside-photo', m2.permlink, (p) => /removed/i.test(p.body))).body).toMatch(/removed by the community/);
  }, 120000);
});

it('does not link a multisig account on one key below its threshold', async () => {
  const linker = await createMember(strapi);
  const { body } = await api().post('/api/me/hive-account/challenge').set(bearer(linker)).expect(200);
  // @trio-desk's posting authority needs two of its three keys; one signature is one key.
  const signature = devnetKey(strapi, 'trio-desk', 'posting').sign(cryptoUtils.sha256(body.data.challenge)).toString();
  const res = await api().post('/api/me/hive-account').set(bearer(linker)).send({ account: 'trio-desk', signature }).expect(400);
  expect(res.body.error.message).toMatch(/below the authority's threshold/);
  await api().get('/api/me/rewards').set(bearer(linker)).expect(200);
  expect(await strapi.db.query('plugin::hive-smt.account-link' as any).findOne({ where: { userId: linker.id } })).toBeNull();
});
