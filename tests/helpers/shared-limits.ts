import { Client as Pg } from 'pg';
import { createTestDatabase } from './postgres';
import { appEnvForDevnet, startAppProcess, startDevnetProcess, type AppProc, type DevnetProc } from './processes';
import { adminCreateBoard, call, memberPost, registerFirstAdmin, registerMember } from './rest-client';

// DEVNET ONLY: the devnet's well-known keys, passed to the app as real keys would be.
const { devnetKey } = require('@quanzi/hive-devnet');

/**
 * Two app processes on one PostgreSQL database enforce one rate limit: a
 * member who spends the limit on both instances is refused on the next
 * request, whichever instance answers it (with RATE_LIMIT_STORE=memory each
 * instance would still have tokens of its own). Three writes a minute per
 * member, and three likes: a token comes back every 20 s, far longer than
 * the few requests below take. Run with the buckets in the database and in
 * Redis (`storeEnv`); `storeChecks` looks at where they were kept.
 */
const LIMIT = 3;

export interface SharedLimitsWorld {
  pg: Pg;
}

export function sharedLimitsSuite(storeEnv: Record<string, string>, storeChecks: (world: () => SharedLimitsWorld) => void) {
  let database: { url: string; drop: () => Promise<void> };
  let devnet: DevnetProc;
  let a: AppProc;
  let b: AppProc;
  let pg: Pg;
  let board: { slug: string };
  let post: { documentId: string };

  beforeAll(async () => {
    database = await createTestDatabase('limits');
    devnet = await startDevnetProcess();
    const env = {
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: database.url,
      // Nothing here needs the chain worker: posts wait unmirrored.
      HIVE_WORKER_ENABLED: 'false',
      RATE_LIMIT_WRITES_PER_MEMBER: String(LIMIT),
      RATE_LIMIT_LIKES_PER_MEMBER: String(LIMIT),
      ...storeEnv,
      ...appEnvForDevnet(devnet, { HIVE_APP_POSTING_KEY: devnetKey('quanzi', 'posting') }),
    };
    // One after the other: the first creates the schema (and the bucket table).
    a = await startAppProcess(env);
    b = await startAppProcess(env);
    pg = new Pg({ connectionString: database.url });
    await pg.connect();

    const token = await registerFirstAdmin(a.url);
    board = await adminCreateBoard(a.url, token, { name: 'Limited board', slug: 'limited', kind: 'interest', hiveAccount: 'maple-school', moderationMode: 'direct', postingRate: 'container', active: true });
    const author = await registerMember(a.url, 'limits-author');
    post = await memberPost(a.url, author.jwt, { title: 'A post to comment on', body: 'Body', board: board.slug });
  }, 240000);

  afterAll(async () => {
    await pg?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await devnet?.stop();
    await database?.drop();
  }, 60000);

  /** Spends the limit alternating instances (a, b, a, …), then asks each instance once more: both refuse. */
  async function spendThenRefused(send: (instance: AppProc, i: number) => Promise<{ status: number; body: any; headers: Headers }>) {
    for (let i = 0; i < LIMIT; i++) {
      const res = await send(i % 2 === 0 ? a : b, i);
      expect(res.status).toBe(200);
    }
    return [await send(a, LIMIT), await send(b, LIMIT + 1)];
  }

  function expectRateLimited(res: { status: number; body: any; headers: Headers }, scope: string) {
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ data: null, error: { status: 429, name: 'RateLimitError', details: { scope, limitPerMinute: LIMIT } } });
    expect(res.body.error.message).toMatch(new RegExp(`Too many requests from this account \\(at most ${LIMIT} a minute for "${scope}"\\): wait \\d+ s`));
    const retryAfter = Number(res.headers.get('retry-after'));
    // The next token is at most 60/LIMIT seconds away.
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60 / LIMIT);
    expect(res.body.error.details.retryAfter).toBe(retryAfter);
  }

  it('refuses the post after the limit, whichever instance answers (through the router)', async () => {
    const member = await registerMember(b.url, 'limits-poster');
    const refused = await spendThenRefused((instance, i) => call(instance.url, 'POST', '/api/posts', { data: { title: `Post ${i}`, body: 'Body', board: board.slug } }, member.jwt));
    for (const res of refused) expectRateLimited(res, 'posts');
    // Nothing was written for the refused requests.
    const mine = await call(a.url, 'GET', '/api/me/posts', undefined, member.jwt);
    expect(mine.body.meta.pagination.total).toBe(LIMIT);
  });

  it('refuses the comment after the limit, whichever instance answers (on the fast write path)', async () => {
    const member = await registerMember(a.url, 'limits-commenter');
    const refused = await spendThenRefused((instance, i) => call(instance.url, 'POST', '/api/comments', { data: { post: post.documentId, body: `Comment ${i}` } }, member.jwt));
    for (const res of refused) expectRateLimited(res, 'comments');
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM comments WHERE body LIKE 'Comment %'`);
    expect(rows[0].n).toBe(LIMIT);
  });

  it('refuses the like after the limit, whichever instance answers (on the fast write path)', async () => {
    const member = await registerMember(b.url, 'limits-liker');
    // Like, unlike, like: each one spends a token of the likes bucket.
    const refused = await spendThenRefused((instance, i) => call(instance.url, i % 2 === 0 ? 'POST' : 'DELETE', `/api/posts/${post.documentId}/like`, {}, member.jwt));
    for (const res of refused) expectRateLimited(res, 'likes');
  });

  storeChecks(() => ({ pg }));
}
