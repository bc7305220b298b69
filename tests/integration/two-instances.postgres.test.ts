import { Client as Pg } from 'pg';
import { Client as Hive } from '@hiveio/dhive';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { appEnvForDevnet, startAppProcess, startDevnetProcess, type AppProc, type DevnetProc } from '../helpers/processes';
import { PrivateKey, cryptoUtils } from '@hiveio/dhive';
import { adminCreateBoard, call, memberPost, registerFirstAdmin, registerMember } from '../helpers/rest-client';
import { waitFor } from '../helpers/chain';
import { devnetBalanceUnits } from '../helpers/rewards';

// DEVNET ONLY: the devnet's well-known keys, passed to the app as real keys would be.
const { devnetKey } = require('@quanzi/hive-devnet');

describeWithPostgres('two Quanzi instances on one PostgreSQL database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let devnet: DevnetProc;
  let a: AppProc;
  let b: AppProc;
  let pg: Pg;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('two');
    devnet = await startDevnetProcess();
    env = {
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: database.url,
      REWARDS_CASHOUT_SECONDS: '4',
      REWARDS_TICK_MS: '300',
      // Posts as rewards see them are kept as long as nothing says otherwise: what another instance changes must reach them through the bus.
      REWARDS_POST_CACHE_MS: '600000',
      // Feed pages and per-post items and counts kept a minute: within a test only an invalidation explains a change.
      FEED_CACHE_TTL_MS: '60000',
      FEED_ITEM_CACHE_TTL_MS: '60000',
      ...appEnvForDevnet(devnet, { HIVE_APP_POSTING_KEY: devnetKey('quanzi', 'posting'), HIVE_ACTIVE_KEY_MAPLE_TOKENS: devnetKey('maple-tokens', 'active') }),
    };
    // One after the other: the first creates the schema.
    a = await startAppProcess(env);
    b = await startAppProcess(env);
    pg = new Pg({ connectionString: database.url });
    await pg.connect();
    token = await registerFirstAdmin(a.url);
  }, 240000);

  afterAll(async () => {
    await pg?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await devnet?.stop();
    await database?.drop();
  }, 60000);

  let token: string;

  it('mirrors every post exactly once while both instances work the same queue', async () => {
    const accounts = ['maple-school', 'riverside-photo', 'oakhill-hood'];
    const boards = [];
    for (const [i, hiveAccount] of accounts.entries()) {
      boards.push(
        await adminCreateBoard(a.url, token, {
          name: `Shared board ${i}`,
          slug: `shared-${i}`,
          kind: 'interest',
          hiveAccount,
          moderationMode: 'direct',
          postingRate: 'container',
          active: true,
        }),
      );
    }
    const members = [await registerMember(a.url, 'twin-a'), await registerMember(b.url, 'twin-b')];
    const posts: string[] = [];
    for (let i = 0; i < 24; i++) {
      const instance = i % 2 === 0 ? a : b;
      const post = await memberPost(instance.url, members[i % 2].jwt, { title: `Shared post ${i}`, body: `Body ${i}`, board: boards[i % 3].slug });
      posts.push(post.documentId);
    }

    await waitFor(async () => {
      const { rows } = await pg.query(`SELECT count(*)::int AS n FROM hive_smt_mirrors WHERE state = 'confirmed' AND post_document_id = ANY($1)`, [posts]);
      return rows[0].n === posts.length;
    }, 'all posts confirmed', 150000, 500);

    // On chain: each post's documentId appears in exactly one comment operation.
    const hive = new Hive(devnet.url, { chainId: devnet.chainId, addressPrefix: 'TST' });
    const seen = new Map<string, number>();
    for (const account of accounts) {
      const history = await hive.call('condenser_api', 'get_account_history', [account, -1, 1000]);
      for (const [, entry] of history) {
        if (entry.op[0] !== 'comment') continue;
        const documentId = JSON.parse(entry.op[1].json_metadata || '{}')?.quanzi?.documentId;
        if (documentId) seen.set(documentId, (seen.get(documentId) ?? 0) + 1);
      }
    }
    for (const documentId of posts) expect(seen.get(documentId)).toBe(1);

    // Both instances took part, and no job ended in any state but done.
    const { rows: jobs } = await pg.query(`SELECT state, finished_by FROM hive_smt_chain_jobs WHERE kind = 'mirror.publish'`);
    expect(jobs.every((j) => j.state === 'done')).toBe(true);
    const owners = new Set(jobs.map((j) => String(j.finished_by).split('-')[1]));
    expect(owners.size).toBe(2);
  }, 240000);

  it('settles each period once and pays every member exactly the ledger amount while both instances run the rewards pass', async () => {
    const board = await adminCreateBoard(a.url, token, {
      name: 'Shared rewards',
      slug: 'shared-rewards',
      kind: 'school',
      hiveAccount: 'maple-school',
      moderationMode: 'direct',
      postingRate: 'container',
      active: true,
      economics: { enabled: true, symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', mode: 'issue', rewardPerInterval: '10', rewardIntervalSeconds: 1, curationRewardPercentage: 50, minAccountAgeDays: 0 },
    });
    // Members link their devnet accounts the way a frontend does: challenge, Keychain-style signature.
    const accounts = ['alice', 'bob', 'carol', 'dave'];
    const members = [];
    for (const [i, account] of accounts.entries()) {
      const instance = i % 2 ? b : a;
      const member = await registerMember(instance.url, `earner-${account}`);
      const challenge = await call(instance.url, 'POST', '/api/me/hive-account/challenge', {}, member.jwt);
      const signature = PrivateKey.fromString(devnetKey(account, 'posting')).sign(cryptoUtils.sha256(challenge.body.data.challenge)).toString();
      const linked = await call(instance.url, 'POST', '/api/me/hive-account', { account, signature }, member.jwt);
      expect(linked.status).toBe(200);
      members.push({ ...member, account });
    }
    const posts = [];
    for (const [i, member] of members.entries()) posts.push(await memberPost(i % 2 ? b.url : a.url, member.jwt, { title: `Earning post ${i}`, body: `Body ${i}`, board: board.slug }));
    // Everyone likes everyone else's post, alternating instances.
    for (const [i, member] of members.entries()) {
      for (const [j, post] of posts.entries()) {
        if (i === j) continue;
        const res = await call((i + j) % 2 ? b.url : a.url, 'POST', `/api/posts/${post.documentId}/like`, {}, member.jwt);
        expect(res.status).toBe(200);
      }
    }

    const memberIds = members.map((m) => m.id);
    await waitFor(async () => {
      const { rows: alloc } = await pg.query(`SELECT count(*)::int AS n, count(payout_id)::int AS paid FROM hive_smt_reward_allocations WHERE board_document_id = $1`, [board.documentId]);
      const { rows: open } = await pg.query(`SELECT count(*)::int AS n FROM hive_smt_payouts WHERE board_document_id = $1 AND state <> 'paid'`, [board.documentId]);
      return alloc[0].n > 0 && alloc[0].n === alloc[0].paid && open[0].n === 0;
    }, 'every allocation paid', 150000, 500);

    // No post settled twice: one allocation per post, role and member.
    const { rows: dupes } = await pg.query(
      `SELECT post_document_id, role, member_id, count(*)::int AS n FROM hive_smt_reward_allocations WHERE board_document_id = $1 GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      [board.documentId],
    );
    expect(dupes).toEqual([]);
    // Each member's balance on chain is exactly what the ledger allocated.
    for (const member of members) {
      const { rows } = await pg.query(`SELECT coalesce(sum(amount::numeric), 0)::text AS units FROM hive_smt_reward_allocations WHERE board_document_id = $1 AND member_id = $2`, [board.documentId, member.id]);
      const onChain = await devnetBalanceUnits(devnet.url, member.account, 'MAPLE', 3);
      expect(onChain).toBe(BigInt(rows[0].units));
    }
    expect(memberIds.length).toBe(4);
  }, 240000);

  it('refuses likes on a board the other instance closed, as soon as its invalidation arrives', async () => {
    const board = await adminCreateBoard(a.url, token, {
      name: 'Closing board',
      slug: 'closing-board',
      kind: 'interest',
      hiveAccount: 'oakhill-hood',
      moderationMode: 'direct',
      postingRate: 'container',
      active: true,
      economics: { enabled: true, symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', mode: 'issue', rewardPerInterval: '10', rewardIntervalSeconds: 1, curationRewardPercentage: 50, minAccountAgeDays: 0 },
    });
    const writer = await registerMember(a.url, 'closing-writer');
    const early = await registerMember(b.url, 'closing-early');
    const late = await registerMember(b.url, 'closing-late');
    const post = await memberPost(a.url, writer.jwt, { title: 'Before the board closes', body: 'Body', board: board.slug });
    // Instance b reads the post (and its open board) for this like, and keeps it.
    expect((await call(b.url, 'POST', `/api/posts/${post.documentId}/like`, {}, early.jwt)).status).toBe(200);

    const closed = await call(a.url, 'PUT', `/content-manager/collection-types/api::board.board/${board.documentId}`, { active: false }, token);
    expect(closed.status).toBe(200);
    let refused: { status: number; body: any } | null = null;
    await waitFor(async () => {
      const res = await call(b.url, 'POST', `/api/posts/${post.documentId}/like`, {}, late.jwt);
      if (res.status === 200) return false;
      refused = res;
      return true;
    }, 'instance b to refuse likes on the closed board', 20000, 200);
    expect(refused!.status).toBe(404);
    expect(refused!.body.error.message).toMatch(/closed boards cannot be liked/);
  }, 120000);

  describe('feed pages cached on a reading instance, a write on instance a', () => {
    // A third instance that only reads: its chain worker and periodic passes are off, so nothing it does itself
    // forgets a page (b's worker, mirroring the very posts and comments these cases write, would).
    let c: AppProc;
    let writer: { jwt: string; id: number };
    let reader: { jwt: string; id: number };
    let x: any;
    let y: any;
    let xPosts: string[];
    let yPosts: string[];
    let stale: Array<[string, string]>;
    const feed = async (instance: AppProc, slug: string) => {
      const res = await call(instance.url, 'GET', `/api/feed?board=${slug}`);
      expect(res.status).toBe(200);
      return res.body.data as any[];
    };
    const featured = async (instance: AppProc) => (await call(instance.url, 'GET', '/api/featured?limit=50')).body.data as any[];
    /** The reading instance's next pages show the write within a few seconds (its caches keep pages a minute). */
    const seenOnC = (what: string, check: () => Promise<boolean>) => waitFor(check, `the reading instance to show ${what}`, 5000, 100);
    /** Board y's page on the reading instance is the one it cached before the write: the order and titles it read then, not the tables' now. */
    const boardYStillCached = async () => expect((await feed(c, y.slug)).map((item) => [item.documentId, item.title])).toEqual(stale);
    /** Board y's oldest post, a day newer and renamed in the tables behind every cache's back (raw SQL: no invalidation), or back. */
    const moveBehindCaches = async (direction: 1 | -1) => {
      await pg.query(
        `UPDATE posts SET published_at = published_at + $2 * interval '1 day', title = CASE WHEN $2 > 0 THEN title || ' (renamed)' ELSE replace(title, ' (renamed)', '') END
         WHERE document_id = $1 AND published_at IS NOT NULL`,
        [yPosts[0], direction],
      );
      await pg.query(`UPDATE feed_entries SET published_ms = published_ms + $2 * 86400000 WHERE document_id = $1`, [yPosts[0], direction]);
    };

    beforeAll(async () => {
      c = await startAppProcess({ ...env, HIVE_WORKER_ENABLED: 'false' });
      const board = (slug: string) =>
        adminCreateBoard(a.url, token, { name: `Bus ${slug}`, slug, kind: 'interest', hiveAccount: 'riverside-photo', moderationMode: 'direct', postingRate: 'container', active: true });
      x = await board('bus-x');
      y = await board('bus-y');
      writer = await registerMember(a.url, 'bus-writer');
      reader = await registerMember(c.url, 'bus-reader');
      xPosts = [];
      for (let i = 1; i <= 2; i++) xPosts.push((await memberPost(a.url, writer.jwt, { title: `X ${i}`, body: 'Body', board: x.slug })).documentId);
      yPosts = [];
      for (let i = 1; i <= 3; i++) yPosts.push((await memberPost(a.url, writer.jwt, { title: `Y ${i}`, body: 'Body', board: y.slug })).documentId);

      // Board y's posts on chain first: each step of their mirroring rightly forgets what is cached of them.
      await waitFor(async () => {
        const { rows } = await pg.query(`SELECT count(*)::int AS n FROM hive_smt_mirrors WHERE state = 'confirmed' AND post_document_id = ANY($1)`, [yPosts]);
        const { rows: open } = await pg.query(`SELECT count(*)::int AS n FROM hive_smt_chain_jobs WHERE state <> 'done' AND subject = ANY($1)`, [yPosts.map((id) => `post:${id}`)]);
        return rows[0].n === yPosts.length && open[0].n === 0;
      }, "board y's posts confirmed on chain", 90000, 250);

      // The reading instance reads (and caches) both boards and the featured list.
      expect((await feed(c, x.slug)).map((item) => item.documentId)).toEqual([...xPosts].reverse());
      stale = (await feed(c, y.slug)).map((item) => [item.documentId, item.title]);
      expect(stale.map(([id]) => id)).toEqual([...yPosts].reverse());
      expect((await featured(c)).map((item) => item.documentId)).not.toContain(xPosts[1]);
      // A fresh read of board y would list its oldest post first, renamed: the old order shows its page is still
      // cached there, the old title that its post's item is (each is forgotten by its own tags: board y's, that post's).
      await moveBehindCaches(1);
      await boardYStillCached();
    }, 180000);

    afterAll(async () => {
      await moveBehindCaches(-1);
      await c?.stop();
    }, 60000);

    it('shows a new post', async () => {
      const post = await memberPost(a.url, writer.jwt, { title: 'X new', body: 'Body', board: x.slug });
      xPosts.push(post.documentId);
      await seenOnC('the new post', async () => (await feed(c, x.slug))[0]?.documentId === post.documentId);
      await boardYStillCached();
    });

    it('shows a like', async () => {
      expect((await call(a.url, 'POST', `/api/posts/${xPosts[0]}/like`, {}, reader.jwt)).status).toBe(200);
      await seenOnC('the like', async () => (await feed(c, x.slug)).find((item) => item.documentId === xPosts[0])?.likeCount === 1);
      await boardYStillCached();
    });

    it('shows a comment', async () => {
      expect((await call(a.url, 'POST', `/api/posts/${xPosts[0]}/comments`, { data: { body: 'Seen on b?' } }, reader.jwt)).status).toBe(200);
      await seenOnC('the comment', async () => (await feed(c, x.slug)).find((item) => item.documentId === xPosts[0])?.commentCount === 1);
      await boardYStillCached();
    });

    it('shows a post an admin features, in the board and in the featured list', async () => {
      expect((await call(a.url, 'POST', '/hive-smt/curation/featured', { documentId: xPosts[1] }, token)).status).toBe(200);
      await seenOnC('the featured post', async () => (await feed(c, x.slug)).find((item) => item.documentId === xPosts[1])?.featured === true);
      await seenOnC('the featured list', async () => (await featured(c)).some((item) => item.documentId === xPosts[1]));
      await boardYStillCached();
    });

    it('drops a post unpublished on a', async () => {
      const unpublished = xPosts[0];
      // Listed and cached since the start: a page first read after the unpublish would leave it out by itself.
      expect((await feed(c, x.slug)).map((item) => item.documentId)).toContain(unpublished);
      expect((await call(a.url, 'POST', `/content-manager/collection-types/api::post.post/${unpublished}/actions/unpublish`, {}, token)).status).toBe(200);
      await seenOnC('the post gone', async () => !(await feed(c, x.slug)).some((item) => item.documentId === unpublished));
      await boardYStillCached();
    });
  });
});
