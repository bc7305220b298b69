import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { createMember } from '../helpers/members';
import { confirmedMirror, devnetClient, waitFor } from '../helpers/chain';

let strapi: Core.Strapi;

beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(stopStrapi);

it('publishes a burst at once as replies under the board\'s post of the day in container mode', async () => {
  const member = await createMember(strapi);
  const board = await createBoard(strapi, { hiveAccount: 'oakhill-hood', postingRate: 'container', name: 'Busy board' });
  const posts = [];
  for (let i = 0; i < 3; i++) posts.push(await createPost(strapi, board, member, { title: `Busy post ${i}` }));
  const mirrors = await Promise.all(posts.map((p) => confirmedMirror(strapi, p.documentId)));
  const client = devnetClient(strapi);
  const container = await client.call('condenser_api', 'get_content', ['oakhill-hood', mirrors[0].parentPermlink]);
  expect(container.author).toBe('oakhill-hood');
  expect(container.parent_author).toBe('');
  expect(container.title).toMatch(/Busy board: posts of \d{4}-\d{2}-\d{2}/);
  // hivemind (get_content_replies) indexes blocks a little behind the head: the last reply confirmed may not be listed yet.
  const replies = await waitFor(async () => {
    const listed = await client.call('condenser_api', 'get_content_replies', ['oakhill-hood', container.permlink]);
    return listed.length >= 3 ? listed : null;
  }, 'hivemind to list the three replies');
  expect(replies.map((r: any) => r.title).sort()).toEqual(['Busy post 0', 'Busy post 1', 'Busy post 2']);
  for (const m of mirrors) expect(m).toMatchObject({ parentAuthor: 'oakhill-hood', parentPermlink: container.permlink });
  // Three posts and their day's container in well under five minutes of chain time.
  const created = replies.map((r: any) => Date.parse(`${r.created}Z`));
  expect(Math.max(...created) - Math.min(...created)).toBeLessThan(300 * 1000);
}, 60000);
