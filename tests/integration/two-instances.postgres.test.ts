import { Client as Pg } from 'pg';
import { Client as Hive } from '@hiveio/dhive';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { appEnvForDevnet, startAppProcess, startDevnetProcess, type AppProc, type DevnetProc } from '../helpers/processes';
import { adminCreateBoard, memberPost, registerFirstAdmin, registerMember } from '../helpers/rest-client';
import { waitFor } from '../helpers/chain';

// DEVNET ONLY: the devnet's well-known keys, passed to the app as real keys would be.
const { devnetKey } = require('../../plugins/hive-smt/dist/devnet/src/accounts');

describeWithPostgres('two Quanzi instances on one PostgreSQL database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let devnet: DevnetProc;
  let a: AppProc;
  let b: AppProc;
  let pg: Pg;

  beforeAll(async () => {
    database = await createTestDatabase('two');
    devnet = await startDevnetProcess();
    const env = {
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: database.url,
      ...appEnvForDevnet(devnet, { HIVE_APP_POSTING_KEY: devnetKey('quanzi', 'posting') }),
    };
    // One after the other: the first creates the schema.
    a = await startAppProcess(env);
    b = await startAppProcess(env);
    pg = new Pg({ connectionString: database.url });
    await pg.connect();
  }, 240000);

  afterAll(async () => {
    await pg?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await devnet?.stop();
    await database?.drop();
  }, 60000);

  it('mirrors every post exactly once while both instances work the same queue', async () => {
    const token = await registerFirstAdmin(a.url);
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
});
