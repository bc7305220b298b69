import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { createMember } from '../helpers/members';

/**
 * A Strapi stopped while queries wait for a connection shuts down cleanly.
 * Strapi re-reads each written entry for its entry.* events after the commit
 * without awaiting it, and the plugin's passes may be mid-query: destroying
 * the pool under them rejected their acquires with "aborted", and the
 * unawaited one ended the process (this file's jest worker) with an
 * unhandled rejection. The app's destroy now waits for the pool to be idle,
 * and the plugin for its running passes.
 */
let strapi: Core.Strapi;
let aborted: string[];

beforeEach(async () => {
  strapi = await startStrapi();
  aborted = [];
  // The probe: every connection request the pool turned down, by its message.
  const client = strapi.db.connection.client as { acquireConnection: () => Promise<unknown> };
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = () =>
    acquire().catch((error: Error) => {
      aborted.push(error.message);
      throw error;
    });
}, 120000);

it('lets a query waiting for the connection run before the pool goes', async () => {
  // A transaction holds SQLite's one connection for a second while Strapi stops…
  const held = strapi.db.transaction(async () => {
    await strapi.db.query('api::board.board').findMany({ limit: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  });
  // …and a read nobody awaits (as Strapi's entry events are) waits for it.
  const waiting = strapi.db
    .query('api::board.board')
    .count()
    .then(
      () => 'read',
      (error: Error) => `failed: ${error.message}`,
    );
  await stopStrapi();
  expect(await waiting).toBe('read');
  await held;
  expect(aborted).toEqual([]);
}, 60000);

it('stops with no connection request aborted right after writes, with the reward passes running', async () => {
  const board = await createBoard(strapi, {
    name: 'Written just before shutdown',
    economics: { symbol: 'LAST', rewardPerInterval: '1', issuer: 'maple-tokens' } as any,
  });
  const member = await createMember(strapi);
  await createPost(strapi, board, member, { title: 'The last post before shutdown' });
  await stopStrapi();
  expect(aborted).toEqual([]);
}, 60000);
