import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { Client, PrivateKey } from '@hiveio/dhive';
import { waitFor } from '../helpers/chain';
import { ARTICLE, CHANNEL, NOTE, generateReuseApp } from '../helpers/reuse-app';

/**
 * hive-smt in an app it was not written for: a plain Strapi 5.54 app with
 * articles on channels, the plugin installed from its built package and
 * configured for api::article.article. A published article must reach the
 * devnet (read back over HTTP with condenser_api.get_content) and a like on
 * it must earn its author an engagement reward. The app names every field its
 * own way (an article's `headline`, `content`, `channel`, `writer`; a channel's
 * `hiveName`; a note's `text`), so any Quanzi type or field name the plugin
 * still assumed (api::post.post, `title`, `board`) would make this fail.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hive-smt-reuse-'));
let strapi: Core.Strapi;
const hive = (name: string) => strapi.plugin('hive-smt').service(name) as any;

beforeAll(async () => {
  generateReuseApp(dir);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_FILENAME: path.join(dir, '.tmp', 'data.db'),
    HIVE_DEVNET_PORT: '0',
    HIVE_DEVNET_BLOCK_MS: '100',
  });
  const { createStrapi } = require('@strapi/strapi');
  strapi = await createStrapi({ appDir: dir, distDir: dir }).load();
  await strapi.server.mount();
}, 120000);

afterAll(async () => {
  await strapi?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function member(username: string) {
  return strapi.db.query('plugin::users-permissions.user').create({ data: { username, email: `${username}@reuse.test`, password: 'Reuse-password-1', confirmed: true, provider: 'local' } });
}

test('the app has no Quanzi types: the plugin works on the ones its configuration names', () => {
  expect(strapi.contentTypes['api::post.post' as never]).toBeUndefined();
  expect(strapi.contentTypes['api::board.board' as never]).toBeUndefined();
  expect(strapi.components['hive-smt.token-economics' as never]).toBeDefined();
});

test('a published article is mirrored to the devnet and a like on it earns its author a reward', async () => {
  const author = await member('reuse-author');
  const liker = await member('reuse-liker');
  const channel = await strapi.documents(CHANNEL as any).create({
    data: {
      label: 'Reuse channel',
      handle: 'reuse-channel',
      hiveName: 'maple-school',
      rewards: { enabled: true, symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', mode: 'issue', rewardPerInterval: '10', rewardIntervalSeconds: 1, minAccountAgeDays: 0 },
    } as any,
  });
  const article = await strapi.documents(ARTICLE as any).create({
    data: {
      headline: 'An article from another app',
      content: 'Written in an app that is not Quanzi.',
      labels: ['reuse'],
      channel: channel.documentId,
      writer: author.id,
      title: 'Not the title the plugin mirrors',
    } as any,
    status: 'published',
  });

  const record = await waitFor(
    async () => {
      const r = await hive('mirror').record(article.documentId);
      if (r?.state === 'confirmed') return r;
      throw new Error(JSON.stringify({ record: r, status: await hive('mirror').chainStatuses([article.documentId]) }));
    },
    'the article confirmed on the devnet',
    60000,
    200,
  );
  const devnetUrl: string = hive('chain').devnet().url;
  // hivemind answers one block behind the head, as public nodes do: wait until it shows the post.
  const answer = await waitFor(
    async () => {
      const a = await fetch(devnetUrl, {
        method: 'POST',
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'condenser_api.get_content', params: [record.author, record.permlink] }),
      }).then((r) => r.json());
      if (a?.result?.author) return a;
      throw new Error(JSON.stringify(a));
    },
    'the article on hivemind',
    30000,
    200,
  );
  expect(answer.result).toMatchObject({ author: 'maple-school', title: 'An article from another app', body: expect.stringContaining('Written in an app that is not Quanzi.') });
  expect(JSON.parse(answer.result.json_metadata).tags).toContain('reuse');

  const liked = await hive('engagement').like(article.documentId, { id: liker.id, username: liker.username });
  expect(liked).toMatchObject({ liked: true });
  expect(liked.weight).toBeGreaterThan(0);

  // The reward window closes now; the rewards pass settles the article from the channel's pool.
  await waitFor(
    async () => {
      await hive('rewards').tick();
      const pool = await strapi.db.query('plugin::hive-smt.board-pool' as any).findOne({ where: { boardDocumentId: channel.documentId } });
      return pool && Number(pool.intervalsAccrued) >= 2;
    },
    "emission into the channel's pool",
    30000,
    250,
  );
  await strapi.db.query('plugin::hive-smt.reward-post' as any).updateMany({ where: { postDocumentId: article.documentId }, data: { cashoutAt: Date.now() } });
  const allocations = await waitFor(
    async () => {
      await hive('rewards').tick();
      const rows = await strapi.db.query('plugin::hive-smt.reward-allocation' as any).findMany({ where: { postDocumentId: article.documentId } });
      return rows.length > 0 ? rows : null;
    },
    'the article settled',
    30000,
    250,
  );
  const toAuthor = allocations.filter((a: any) => a.memberId === author.id);
  expect(toAuthor.length).toBeGreaterThan(0);
  expect(toAuthor.reduce((sum: bigint, a: any) => sum + BigInt(a.amount), 0n)).toBeGreaterThan(0n);
}, 120000);

test("a channel's Hive fields are checked under the app's names for them", async () => {
  const refused = await strapi
    .documents(CHANNEL as any)
    .create({ data: { label: 'Bad channel', handle: 'bad-channel', hiveName: 'Not A Hive Name' } as any })
    .then(
      () => null,
      (error: any) => error,
    );
  expect(refused?.name).toBe('ValidationError');
  expect(refused.details.errors.map((e: any) => e.path)).toEqual([['hiveName']]);
  expect(await strapi.documents(CHANNEL as any).count({ filters: { handle: 'bad-channel' } as any })).toBe(0);
  // The admin's Boards page reads the channel's Hive fields and links to the channel's own editor.
  const [health] = await hive('dashboard').boards();
  expect(health).toMatchObject({ name: 'Reuse channel', slug: 'reuse-channel', account: { name: 'maple-school' } });
  expect(health.editPath).toBe(`/admin/content-manager/collection-types/${CHANNEL}/${health.documentId}`);
});

test('curation lists the article under its channel, members without display names, and says what featuring needs', async () => {
  const candidates = await hive('curation').candidates({ q: 'another app', limit: 10 });
  expect(candidates).toEqual([expect.objectContaining({ title: 'An article from another app', board: 'Reuse channel' })]);
  // Articles have no featured flag, rank or end date: nothing is featured, and featuring says which fields it needs.
  expect(await hive('curation').featured()).toEqual([]);
  await expect(hive('curation').feature(candidates[0].documentId, {})).rejects.toMatchObject({ status: 409, message: expect.stringContaining('"featured", "featuredRank", "featuredUntil" on api::article.article') });
  const members = await hive('curation').members({ q: 'reuse-author', limit: 10 });
  expect(members).toEqual([expect.objectContaining({ username: 'reuse-author' })]);
});

test('a reply written on Hive is imported as a note on the article, in the app\'s field names', async () => {
  const [article] = await strapi.documents(ARTICLE as any).findMany({ filters: { headline: 'An article from another app' } as any, status: 'published' });
  const record = await hive('mirror').record(article.documentId);
  const devnet = hive('chain').devnet();
  const client = new Client(devnet.url, { chainId: devnet.chainId, addressPrefix: devnet.addressPrefix, timeout: 5000 });
  // DEVNET ONLY: a genesis account's posting key.
  const dave = devnet.accounts.find((a: any) => a.name === 'dave');
  await client.broadcast.comment(
    { parent_author: record.author, parent_permlink: record.permlink, author: 'dave', permlink: 're-reuse', title: '', body: 'A reply from a Hive frontend', json_metadata: '{}' },
    PrivateKey.fromString(dave.keys.posting.wif),
  );
  const notes = await waitFor(
    async () => {
      await hive('mirror').importReplies();
      const found = await strapi.documents(NOTE as any).findMany({ filters: { article: { documentId: article.documentId } } as any });
      return found.length ? found : null;
    },
    'the reply imported as a note',
    30000,
    250,
  );
  expect(notes).toEqual([expect.objectContaining({ text: 'A reply from a Hive frontend', source: 'hive', hiveAuthor: 'dave', hivePermlink: 're-reuse', concealed: false })]);
}, 60000);

test('an app without merchants has no local economy pages: their views say so with a 404', () => {
  expect(() => hive('economy').views()).toThrow(expect.objectContaining({ status: 404, message: expect.stringContaining('no local economy') }));
});
