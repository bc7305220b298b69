/**
 * Seeds the bench's data through the real, compiled app (Document Service, as
 * an admin or member would write it), then snapshots it with VACUUM INTO:
 *   publish.db  boards (the feed board and one per publishing Hive account) and members, no posts
 *   read.db     the same plus the feed board's posts and some comments
 * and writes fixture.json (members with their JWTs, board slugs, post ids).
 * Environment: BENCH_SEED_OUT (folder), BENCH_SEED_POSTS, BENCH_SEED_MEMBERS,
 * BENCH_SEED_ACCOUNTS (comma-separated Hive accounts of the publishing boards),
 * BENCH_SEED_SNAPSHOTS=false (PostgreSQL: no VACUUM INTO, the database stays as seeded),
 * plus the app's (DATABASE_FILENAME, HIVE_NODES, JWT_SECRET, …).
 */
import fs from 'fs';
import path from 'path';
import { APP_DIR, DIST_DIR } from '../lib/paths';

const PARAGRAPHS = [
  'The community garden needs volunteers this weekend: we will plant bulbs along the fence, fix the water butt and paint the shed.',
  'Bring gloves and a trowel if you have one; tea, cake and spare tools will be at the gate from ten o\'clock.',
  'Last month we collected **42 kg** of litter from the river path. Thank you to everyone who came along, especially the year 4 class.',
  'The tool library has new opening hours: Tuesdays 18–20 and Saturdays 10–12. Drills, ladders and the pressure washer are back in stock.',
  'Photo walk notes: golden hour starts at 19:40, meet at the old bridge. Wide lenses welcome; tripods optional.',
];

function bodyFor(i: number): string {
  const parts = [`## Update ${i + 1}`];
  for (let k = 0; k < 6; k++) parts.push(PARAGRAPHS[(i + k) % PARAGRAPHS.length]);
  parts.push('- item one\n- item two\n- [the board page](https://example.org/board)');
  return parts.join('\n\n');
}

async function main() {
  const out = path.resolve(process.env.BENCH_SEED_OUT!);
  const postCount = Number(process.env.BENCH_SEED_POSTS ?? 200);
  const memberCount = Number(process.env.BENCH_SEED_MEMBERS ?? 200);
  const accounts = (process.env.BENCH_SEED_ACCOUNTS ?? '').split(',').filter(Boolean);
  fs.mkdirSync(out, { recursive: true });

  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR }).load();
  const docs = (uid: string) => strapi.documents(uid as any);

  const feedBoardData = { name: 'Bench Feed Board', slug: 'bench-feed', kind: 'neighbourhood', hiveAccount: 'riverside-photo', tokenSymbol: 'SNAP', moderationMode: 'direct', active: true };
  // With token rewards on, a like goes the whole way (vote power, ledger event); builds without economics take the board as it is.
  let feedBoard: any;
  try {
    feedBoard = await docs('api::board.board').create({ data: { ...feedBoardData, economics: { enabled: true, symbol: 'SNAP', precision: 3, issuer: 'photo-tokens', mode: 'issue', rewardPerInterval: '2.5' } } });
  } catch {
    feedBoard = await docs('api::board.board').create({ data: feedBoardData });
  }
  const publishBoards: Array<{ slug: string; account: string; documentId: string }> = [];
  for (const [i, account] of accounts.entries()) {
    const board = await docs('api::board.board').create({
      data: { name: `Bench board ${i + 1}`, slug: `bench-board-${i + 1}`, kind: 'interest', hiveAccount: account, moderationMode: 'direct', active: true },
    });
    publishBoards.push({ slug: board.slug, account, documentId: board.documentId });
  }

  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const jwt = strapi.plugin('users-permissions').service('jwt');
  const members: Array<{ id: number; documentId: string; username: string; jwt: string }> = [];
  for (let i = 0; i < memberCount; i++) {
    const username = `bench-member-${i + 1}`;
    const user = await docs('plugin::users-permissions.user').create({
      data: { username, email: `${username}@bench.quanzi.local`, provider: 'local', confirmed: true, blocked: false, role: role.id, displayName: `Member ${i + 1}` },
    });
    members.push({ id: user.id, documentId: user.documentId, username, jwt: await jwt.issue({ id: user.id }) });
  }

  const snapshots = process.env.BENCH_SEED_SNAPSHOTS !== 'false';
  const vacuumInto = async (file: string) => {
    if (!snapshots) return;
    fs.rmSync(file, { force: true });
    await strapi.db.connection.raw('VACUUM INTO ?', [file]);
  };
  await vacuumInto(path.join(out, 'publish.db'));

  const posts: string[] = [];
  for (let i = 0; i < postCount; i++) {
    const author = members[i % members.length];
    const post = await docs('api::post.post').create({
      data: {
        title: `Neighbourhood update number ${i + 1}`,
        body: bodyFor(i),
        excerpt: i % 2 === 0 ? `Short summary of update ${i + 1}: volunteers, tools and the river path.` : null,
        tags: ['garden', i % 3 === 0 ? 'events' : 'tools'],
        board: feedBoard.documentId,
        author: author.documentId,
      },
      status: 'published',
    });
    posts.push(post.documentId);
    if (i % 3 === 0) {
      for (let c = 0; c < 2; c++) {
        await docs('api::comment.comment').create({
          data: { body: `Comment ${c + 1} on update ${i + 1}`, post: post.documentId, author: members[(i + c + 1) % members.length].documentId },
        });
      }
    }
  }
  await vacuumInto(path.join(out, 'read.db'));

  const fixture = { feedBoard: feedBoard.slug, posts: posts.reverse(), members, publishBoards };
  fs.writeFileSync(path.join(out, 'fixture.json'), JSON.stringify(fixture));
  await strapi.destroy();
  process.stdout.write(`SEEDED ${posts.length} posts, ${members.length} members, ${publishBoards.length} publishing boards\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`seed failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
