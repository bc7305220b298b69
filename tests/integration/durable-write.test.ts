import type { Core } from '@strapi/strapi';
import { durably, SQLITE_SYNCHRONOUS_FULL } from 'hive-smt/core';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { createMember } from '../helpers/members';
import { confirmedMirror } from '../helpers/chain';

/**
 * SQLite runs with synchronous=NORMAL (a commit waits for no disk sync); the
 * one write that must survive a power cut — a chain job's signed transaction,
 * stored before it is sent — is committed with synchronous=FULL, which in WAL
 * mode puts it and every commit before it on disk.
 */
let strapi: Core.Strapi;
const level = async () => Number(((await strapi.db.connection.raw('PRAGMA synchronous')) as Array<{ synchronous: number }>)[0].synchronous);
const SQLITE_SYNCHRONOUS_NORMAL = 1;

beforeAll(async () => {
  strapi = await startStrapi();
}, 120000);
afterAll(stopStrapi);

test('members’ writes commit without a disk sync; a durable write runs with FULL, one at a time, and the setting comes back', async () => {
  expect(await level()).toBe(SQLITE_SYNCHRONOUS_NORMAL);
  const seen = await Promise.all(Array.from({ length: 5 }, () => durably(strapi, async () => level())));
  expect(seen).toEqual(Array(5).fill(SQLITE_SYNCHRONOUS_FULL));
  expect(await level()).toBe(SQLITE_SYNCHRONOUS_NORMAL);
  await expect(durably(strapi, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  expect(await level()).toBe(SQLITE_SYNCHRONOUS_NORMAL);
});

test('a chain job stores its signed transaction with synchronous=FULL before sending it', async () => {
  // knex tells every statement it runs: the ones that set the connection's synchronous level are kept, in order.
  const statements: string[] = [];
  const listen = (query: { sql?: string }) => {
    if (typeof query.sql === 'string' && /^PRAGMA synchronous = \d$/.test(query.sql)) statements.push(query.sql);
  };
  strapi.db.connection.on('query', listen);
  try {
    const board = await createBoard(strapi, { hiveAccount: 'maple-school' });
    const post = await createPost(strapi, board, await createMember(strapi), { title: 'Signed, stored, synced, sent' });
    await confirmedMirror(strapi, post.documentId);
  } finally {
    strapi.db.connection.removeListener('query', listen);
  }
  expect(statements.slice(0, 2)).toEqual([`PRAGMA synchronous = ${SQLITE_SYNCHRONOUS_FULL}`, `PRAGMA synchronous = ${SQLITE_SYNCHRONOUS_NORMAL}`]);
}, 60000);

test('a long write lets other work run between its queries (src/sqlite/fair-turns.ts), in one transaction', async () => {
  const QUERIES = 3000;
  let done = 0;
  let seenAt = -1;
  await strapi.db.connection.raw('select 1');
  await new Promise((resolve) => setImmediate(resolve));
  setImmediate(() => {
    seenAt = done;
  });
  await strapi.db.transaction(async ({ trx }) => {
    for (let i = 0; i < QUERIES; i++) {
      await trx.raw('select ? as n', [i]);
      done += 1;
    }
  });
  // Without shared turns, the queued callback runs only after the commit.
  expect(seenAt).toBeGreaterThanOrEqual(0);
  expect(seenAt).toBeLessThan(QUERIES);
});
