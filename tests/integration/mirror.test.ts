import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { confirmedMirror, devnetClient, devnetKey, devnetOf, hiveService, mirrorOf, waitFor, waitForContent, waitForNoContent } from '../helpers/chain';

let strapi: Core.Strapi;
let member: TestMember;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  strapi = await startStrapi();
  member = await createMember(strapi, { username: 'mirrormember' });
});
afterAll(stopStrapi);

/** The post as Hive frontends read it, once hivemind has indexed its block (and, when given, a version it must show). */
const content = (author: string, permlink: string, accept?: (post: any) => boolean) => waitForContent(strapi, author, permlink, accept);
const openJobs = async (documentId: string) =>
  (await strapi.db.query('plugin::hive-smt.chain-job' as any).findMany({ where: { subject: `post:${documentId}` } })) as any[];

describe('publishing mirrors the post to Hive', () => {
  it('puts a published post on chain under the board account, in its community, with metadata and footer', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'maple-school', hiveCommunity: 'hive-155234', defaultTags: 'school, parents' });
    const res = await api()
      .post('/api/posts')
      .set(bearer(member))
      .send({ data: { title: 'Garden day', body: 'Bring **gloves**.', excerpt: 'Planting bulbs', board: board.slug, tags: ['Garden', '#Events'] } })
      .expect(200);
    const documentId = res.body.data.documentId;
    const mirror = await confirmedMirror(strapi, documentId);
    expect(mirror.author).toBe('maple-school');
    expect(mirror.txId).toMatch(/^[0-9a-f]{40}$/);
    expect(mirror.blockNum).toBeGreaterThan(0);

    const post = await content('maple-school', mirror.permlink);
    expect(post.title).toBe('Garden day');
    expect(post.parent_permlink).toBe('hive-155234');
    expect(post.body).toContain('Bring **gloves**.');
    expect(post.body).toContain('mirrormember');
    const meta = JSON.parse(post.json_metadata);
    expect(meta.app).toMatch(/^quanzi\//);
    expect(meta.format).toBe('markdown');
    expect(meta.tags).toEqual(['garden', 'events', 'school', 'parents']);
    expect(meta.description).toBe('Planting bulbs');
    expect(meta.canonical_url).toMatch(/^http:\/\/localhost:1337\/boards\//);
    expect(post.body).toContain(meta.canonical_url);
    expect(meta.quanzi.documentId).toBe(documentId);

    // The transaction that landed is the one stored before sending: one comment plus its options.
    const block = await devnetClient(strapi).database.getBlock(mirror.blockNum);
    const tx = block.transactions[block.transaction_ids.indexOf(mirror.txId)];
    expect(tx.operations.map((op: any) => op[0])).toEqual(['comment', 'comment_options']);
  });

  it('shows the chain status on the post over REST, without secrets', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'oakhill-hood' });
    const post = await createPost(strapi, board, member, { title: 'Status post' });
    await confirmedMirror(strapi, post.documentId);
    const status = await (strapi.plugin('hive-smt').service('mirror') as any).chainStatuses([post.documentId]);
    expect(status[post.documentId]).toMatchObject({ status: 'confirmed', author: 'oakhill-hood', error: null });
    expect(status[post.documentId].url).toMatch(/\/@oakhill-hood\//);
    expect(JSON.stringify(status)).not.toMatch(/signatures|5[HJK][1-9A-HJ-NP-Za-km-z]{49}/);
  });

  it('edits the same permlink when a published post changes, and sends nothing when nothing changed', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'riverside-photo' });
    const res = await api().post('/api/posts').set(bearer(member)).send({ data: { title: 'First title', body: 'v1', board: board.slug } }).expect(200);
    const documentId = res.body.data.documentId;
    const first = await confirmedMirror(strapi, documentId);
    await api().put(`/api/posts/${documentId}`).set(bearer(member)).send({ data: { body: 'v2 with more' } }).expect(200);
    const edited = await waitFor(async () => {
      const m = await mirrorOf(strapi, documentId);
      return m.state === 'confirmed' && m.txId !== first.txId ? m : null;
    }, 'the edit on chain');
    expect(edited.permlink).toBe(first.permlink);
    const onChain = await content('riverside-photo', first.permlink, (p) => p.body.includes('v2 with more'));
    expect(onChain.body).toContain('v2 with more');
    expect(onChain.title).toBe('First title');

    // Re-publishing identical content creates a job that finds Hive up to date and broadcasts nothing.
    await strapi.documents('api::post.post').publish({ documentId });
    await waitFor(async () => (await openJobs(documentId)).every((j) => j.state === 'done'), 'the no-op job to finish');
    const last = (await openJobs(documentId)).sort((a, b) => b.id - a.id)[0];
    expect(last.lastError).toMatch(/already shows this version/);
    expect((await mirrorOf(strapi, documentId)).txId).toBe(edited.txId);
  });

  it('deletes the post on Hive when it is unpublished, and tombstones it when it has replies', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'oakhill-hood' });
    const lonely = await createPost(strapi, board, member, { title: 'Short lived' });
    const m1 = await confirmedMirror(strapi, lonely.documentId);
    await strapi.documents('api::post.post').unpublish({ documentId: lonely.documentId });
    await waitFor(async () => (await mirrorOf(strapi, lonely.documentId)).state === 'removed', 'removal');
    // Deleted on Hive: hivemind answers that the post was deleted.
    expect(await waitForNoContent(strapi, 'oakhill-hood', m1.permlink)).toEqual({ state: 'deleted' });

    const discussed = await createPost(strapi, board, member, { title: 'Discussed post' });
    const m2 = await confirmedMirror(strapi, discussed.documentId);
    await content('oakhill-hood', m2.permlink);
    await devnetClient(strapi).broadcast.comment(
      { parent_author: 'oakhill-hood', parent_permlink: m2.permlink, author: 'bob', permlink: 're-discussed', title: '', body: 'I disagree', json_metadata: '{}' },
      devnetKey(strapi, 'bob'),
    );
    // The reply is indexed before the removal is decided, as it would be on Hive.
    await content('bob', 're-discussed');
    await strapi.documents('api::post.post').delete({ documentId: discussed.documentId });
    await waitFor(async () => (await mirrorOf(strapi, discussed.documentId)).state === 'removed', 'tombstone');
    const tomb = await content('oakhill-hood', m2.permlink, (p) => /removed/i.test(p.body));
    expect(tomb.body).toMatch(/removed/i);
    expect(JSON.parse(tomb.json_metadata).quanzi.removed).toBe(true);
    // Two root posts of one account (Hive's 5 minutes between them) and hivemind's indexing on the way.
  }, 120000);
});

describe("the chain's rate rules become scheduling", () => {
  it('holds the second root post of an account for five minutes of chain time, then publishes it', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'riverside-photo' });
    const a = await createPost(strapi, board, member, { title: 'Burst one' });
    const b = await createPost(strapi, board, member, { title: 'Burst two' });
    const statuses = await waitFor(async () => {
      const s = await (strapi.plugin('hive-smt').service('mirror') as any).chainStatuses([a.documentId, b.documentId]);
      return Object.values(s).some((x: any) => x.status === 'scheduled') ? s : null;
    }, 'one post to be scheduled');
    const scheduled: any = Object.values(statuses).find((x: any) => x.status === 'scheduled');
    expect(new Date(scheduled.nextAttemptAt).getTime()).toBeGreaterThan(Date.now());
    expect(scheduled.error).toMatch(/one new post every 5 minutes/);
    const [ma, mb] = await Promise.all([confirmedMirror(strapi, a.documentId), confirmedMirror(strapi, b.documentId)]);
    const [ca, cb] = await Promise.all([content('riverside-photo', ma.permlink), content('riverside-photo', mb.permlink)]);
    const gap = Math.abs(Date.parse(`${cb.created}Z`) - Date.parse(`${ca.created}Z`)) / 1000;
    expect(gap).toBeGreaterThan(300);
    // No refusal was ever recorded: the worker waited instead of trying.
    const jobs = [...(await openJobs(a.documentId)), ...(await openJobs(b.documentId))];
    expect(jobs.every((j) => !/You may only post once every 5 minutes/.test(j.lastError ?? ''))).toBe(true);
  }, 60000);
});

describe('faults on the chain side lose nothing and double nothing', () => {
  it('retries while the node refuses connections and lands when it returns', async () => {
    const devnet = devnetOf(strapi);
    const board = await createBoard(strapi, { hiveAccount: 'maple-school' });
    devnet.faults.set({ refuseConnections: true });
    const post = await createPost(strapi, board, member, { title: 'Through the outage' });
    await waitFor(async () => {
      const s = (await (strapi.plugin('hive-smt').service('mirror') as any).chainStatuses([post.documentId]))[post.documentId];
      return s.status === 'retrying' ? s : null;
    }, 'a visible retry', 30000);
    devnet.faults.clear();
    const mirror = await confirmedMirror(strapi, post.documentId);
    expect((await content('maple-school', mirror.permlink)).title).toBe('Through the outage');
  }, 60000);

  it('posts exactly once when the node accepts the broadcast but the reply is lost', async () => {
    const devnet = devnetOf(strapi);
    const board = await createBoard(strapi, { hiveAccount: 'oakhill-hood' });
    devnet.faults.set({ dropReplyAfterAccept: 1 });
    const post = await createPost(strapi, board, member, { title: 'Lost reply' });
    const mirror = await confirmedMirror(strapi, post.documentId);
    devnet.faults.clear();
    const history = await devnetClient(strapi).call('condenser_api', 'get_account_history', ['oakhill-hood', -1, 1000]);
    const rootPosts = history.filter(([, h]: any) => h.op[0] === 'comment' && JSON.parse(h.op[1].json_metadata || '{}')?.quanzi?.documentId === post.documentId);
    expect(rootPosts).toHaveLength(1);
    expect(rootPosts[0][1].trx_id).toBe(mirror.txId);
    const jobs = await openJobs(post.documentId);
    expect(jobs.some((j) => j.attempts > 0)).toBe(true);
  }, 60000);

  it('resends the stored signed bytes after the process died between storing and sending', async () => {
    const jobs = hiveService(strapi, 'jobs');
    const devnet = devnetOf(strapi);
    const board = await createBoard(strapi, { hiveAccount: 'maple-school' });
    await jobs.pauseChainWork();
    try {
      const post = await createPost(strapi, board, member, { title: 'Survives a crash' });
      // A worker that dies after writing the signed transaction: claim, build, sign, store — then nothing.
      // The process "dies" at the moment it sends: its broadcast never reaches the node, the outcome is
      // never recorded, the lease runs out.
      devnet.faults.set({ loseBroadcasts: 1000 });
      const stored = await waitFor(async () => {
        const job = await jobs.claim(['mirror.publish'], 'doomed-worker', 300);
        if (!job) return null;
        const outcome = await jobs.attempt(job, 'doomed-worker');
        const [row] = await jobs.find({ id: job.id }, 1);
        // The account may still be inside its 5-minute window: hand the job back and try again.
        if (outcome.kind === 'deferred') await jobs.release(job, 'doomed-worker', { runAt: Date.now() });
        return row.signedTx ? row : null;
      }, 'a worker to sign and store the transaction', 40000, 300);
      devnet.faults.set({ loseBroadcasts: 0 });
      expect(stored).toMatchObject({ state: 'leased', leaseOwner: 'doomed-worker' });
      expect(stored.signedTx.signatures).toHaveLength(1);
      jobs.resumeChainWork();
      const mirror = await confirmedMirror(strapi, post.documentId);
      expect(mirror.txId).toBe(stored.txId);
      const history = await devnetClient(strapi).call('condenser_api', 'get_account_history', ['maple-school', -1, 1000]);
      expect(history.filter(([, h]: any) => h.trx_id === stored.txId && h.op[0] === 'comment')).toHaveLength(1);
    } finally {
      devnet.faults.set({ loseBroadcasts: 0 });
      jobs.resumeChainWork();
    }
  }, 60000);
});

describe('bad configuration is reported with the fix and nothing is broadcast', () => {
  it('refuses a board account that did not grant posting authority', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'lonely-board', name: 'Lonely' });
    const post = await createPost(strapi, board, member, { title: 'Nobody may post' });
    const failed = await waitFor(async () => {
      const s = (await (strapi.plugin('hive-smt').service('mirror') as any).chainStatuses([post.documentId]))[post.documentId];
      return s.status === 'failed' ? s : null;
    }, 'the failure');
    expect(failed.error).toMatch(/@lonely-board has not allowed @quanzi to post/);
    expect(failed.error).toMatch(/posting authority/);
    // Readers get a code and a sentence; the accounts, the fix and the settings are for admins.
    const read = await api().get(`/api/posts/${post.documentId}`).expect(200);
    expect(read.body.data.chain).toMatchObject({ status: 'failed', error: { code: 'needs-admin', message: expect.any(String) } });
    expect(read.body.data.chain.error.message).not.toMatch(/lonely-board|quanzi|authority|HIVE_|https?:/);
    const feed = await api().get(`/api/feed?board=${board.slug}`).expect(200);
    expect(feed.body.data[0].chain.error).toEqual(read.body.data.chain.error);
    const history = await devnetClient(strapi).call('condenser_api', 'get_account_history', ['lonely-board', -1, 100]);
    expect(history.filter(([, h]: any) => h.op[0] === 'comment')).toHaveLength(0);
  });

  it('refuses a board account that does not exist', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'ghost-board', name: 'Ghost' });
    const post = await createPost(strapi, board, member, { title: 'Into the void' });
    const failed = await waitFor(async () => {
      const s = (await (strapi.plugin('hive-smt').service('mirror') as any).chainStatuses([post.documentId]))[post.documentId];
      return s.status === 'failed' ? s : null;
    }, 'the failure');
    expect(failed.error).toMatch(/does not exist on this chain/);
  });

  it('lands after the admin fixes the board and presses retry', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'ghost-board', name: 'Fixable' });
    const post = await createPost(strapi, board, member, { title: 'Second chance' });
    const job = await waitFor(async () => (await openJobs(post.documentId)).find((j) => j.state === 'dead'), 'the dead job');
    await strapi.documents('api::board.board').update({ documentId: board.documentId, data: { hiveAccount: 'riverside-photo' } as any });
    await (strapi.plugin('hive-smt').service('mirror') as any).retryJob(job.documentId);
    const mirror = await confirmedMirror(strapi, post.documentId);
    expect(mirror.author).toBe('riverside-photo');
  }, 60000);
});

describe('capture and reconciliation', () => {
  it('writes no job when the publishing transaction rolls back', async () => {
    const board = await createBoard(strapi);
    const before = await strapi.db.query('plugin::hive-smt.chain-job' as any).count({});
    await expect(
      strapi.db.transaction(async () => {
        await createPost(strapi, board, member, { title: 'Rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await strapi.db.query('plugin::hive-smt.chain-job' as any).count({})).toBe(before);
  });

  it('enqueues a published post that has neither mirror nor job', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'oakhill-hood' });
    // No worker and no periodic reconciliation meanwhile (every second in tests): this call must be the one that finds it.
    const jobs = hiveService(strapi, 'jobs');
    await jobs.pauseChainWork();
    try {
      const post = await createPost(strapi, board, member, { title: 'Orphan' });
      // As if the job had been lost (e.g. a database restored from before it).
      await strapi.db.query('plugin::hive-smt.chain-job' as any).deleteMany({ where: { subject: `post:${post.documentId}` } });
      await strapi.db.query('plugin::hive-smt.mirror' as any).deleteMany({ where: { postDocumentId: post.documentId } });
      const result = await (strapi.plugin('hive-smt').service('mirror') as any).reconcile();
      expect(result.published).toBeGreaterThanOrEqual(1);
      jobs.resumeChainWork();
      await confirmedMirror(strapi, post.documentId);
    } finally {
      jobs.resumeChainWork();
    }
  }, 60000);
});

describe('two-way: replies written on Hive', () => {
  it('imports a reply from another Hive account once, threaded and marked as from Hive', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'maple-school' });
    const post = await createPost(strapi, board, member, { title: 'Talk to us' });
    const mirror = await confirmedMirror(strapi, post.documentId);
    const client = devnetClient(strapi);
    await client.broadcast.comment(
      { parent_author: 'maple-school', parent_permlink: mirror.permlink, author: 'dave', permlink: 're-talk', title: '', body: 'Hello from PeakD', json_metadata: '{}' },
      devnetKey(strapi, 'dave'),
    );
    await new Promise((r) => setTimeout(r, 3500));
    await client.broadcast.comment(
      { parent_author: 'dave', parent_permlink: 're-talk', author: 'carol', permlink: 're-re-talk', title: '', body: 'Hi Dave', json_metadata: '{}' },
      devnetKey(strapi, 'carol'),
    );
    const service = strapi.plugin('hive-smt').service('mirror') as any;
    // Hivemind shows replies a block or two after they are made: the import pass picks them up when it does.
    const comments = await waitFor(async () => {
      await service.importReplies();
      const found = await strapi.documents('api::comment.comment').findMany({ filters: { post: { documentId: post.documentId } } as any, populate: ['parent'] });
      return found.length >= 2 ? found : null;
    }, 'both replies imported');
    await service.importReplies();
    expect(await strapi.documents('api::comment.comment').count({ filters: { post: { documentId: post.documentId } } as any })).toBe(2);
    const top = comments.find((c: any) => c.hiveAuthor === 'dave')!;
    const nested = comments.find((c: any) => c.hiveAuthor === 'carol')!;
    expect(top).toMatchObject({ source: 'hive', body: 'Hello from PeakD', hivePermlink: 're-talk' });
    expect((nested as any).parent.documentId).toBe(top.documentId);
  }, 60000);

  it('skips a post deleted in Quanzi before its removal reached Hive, and imports the other posts\' replies', async () => {
    const board = await createBoard(strapi, { hiveAccount: 'maple-school' });
    const kept = await createPost(strapi, board, member, { title: 'Still here' });
    const keptMirror = await confirmedMirror(strapi, kept.documentId);
    const gone = await createPost(strapi, board, member, { title: 'Deleted soon' });
    const goneMirror = await confirmedMirror(strapi, gone.documentId);
    // Deleted from the database only: its mirror still says confirmed, as it does until the removal job has run.
    // Before the reply exists, so no import pass (the periodic one included) can have taken it in while the post was there.
    await strapi.db.query('api::post.post' as any).deleteMany({ where: { documentId: gone.documentId } });
    const client = devnetClient(strapi);
    await client.broadcast.comment(
      { parent_author: 'maple-school', parent_permlink: keptMirror.permlink, author: 'dave', permlink: 're-still-here', title: '', body: 'Glad it stays', json_metadata: '{}' },
      devnetKey(strapi, 'dave'),
    );
    await client.broadcast.comment(
      { parent_author: 'maple-school', parent_permlink: goneMirror.permlink, author: 'carol', permlink: 're-deleted-soon', title: '', body: 'Too late', json_metadata: '{}' },
      devnetKey(strapi, 'carol'),
    );
    await Promise.all([content('dave', 're-still-here'), content('carol', 're-deleted-soon')]);
    const service = strapi.plugin('hive-smt').service('mirror') as any;
    await service.importReplies();
    const comments = await strapi.db.query('api::comment.comment' as any).findMany({ where: { hiveAuthor: { $in: ['dave', 'carol'] }, hivePermlink: { $in: ['re-still-here', 're-deleted-soon'] } } });
    expect(comments.map((c: any) => c.hivePermlink)).toEqual(['re-still-here']);
  }, 60000);
});
