import request from 'supertest';
import { cryptoUtils } from '@hiveio/dhive';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { bearer, createMember } from '../helpers/members';
import { devnetKey } from '../helpers/chain';

/** Account-linking challenges do not pile up: expired ones are deleted, and a member keeps only the few a link request tries. */
let strapi: Core.Strapi;
const api = () => request(strapi.server.httpServer);
const CHALLENGE = 'plugin::hive-smt.link-challenge' as any;
const challenges = (where: Record<string, unknown> = {}) => strapi.db.query(CHALLENGE).count({ where });
const accounts = () => strapi.plugin('hive-smt').service('accounts') as any;

beforeAll(async () => {
  strapi = await startStrapi({ HIVE_WORKER_ENABLED: 'false' });
});
afterAll(stopStrapi);

it('deletes expired challenges, used or not, and keeps the live ones', async () => {
  const [a, b] = [await createMember(strapi), await createMember(strapi)];
  for (const m of [a, a, b]) await api().post('/api/me/hive-account/challenge').set(bearer(m)).expect(200);
  // Two of them run out (one was even used); one is still valid.
  const rows: any[] = await strapi.db.query(CHALLENGE).findMany({ where: { userId: { $in: [a.id, b.id] } }, orderBy: { id: 'asc' } });
  await strapi.db.query(CHALLENGE).update({ where: { id: rows[0].id }, data: { expiresAt: Date.now() - 1000 } });
  await strapi.db.query(CHALLENGE).update({ where: { id: rows[2].id }, data: { expiresAt: Date.now() - 1000, usedAt: Date.now() - 2000 } });

  expect(await accounts().purgeExpiredChallenges()).toBe(2);
  expect((await strapi.db.query(CHALLENGE).findMany({ where: { userId: { $in: [a.id, b.id] } } })).map((r: any) => r.id)).toEqual([rows[1].id]);
});

it('purges expired challenges whenever one is asked for, and keeps five per member', async () => {
  const m = await createMember(strapi);
  const other = await createMember(strapi);
  await api().post('/api/me/hive-account/challenge').set(bearer(other)).expect(200);
  await strapi.db.query(CHALLENGE).updateMany({ where: { userId: other.id }, data: { expiresAt: Date.now() - 1 } });
  let last: any;
  for (let i = 0; i < 12; i++) last = await api().post('/api/me/hive-account/challenge').set(bearer(m)).expect(200);
  expect(await challenges({ userId: other.id })).toBe(0);
  expect(await challenges({ userId: m.id })).toBe(5);
  // The newest still links.
  const signature = devnetKey(strapi, 'carol', 'posting').sign(cryptoUtils.sha256(last.body.data.challenge)).toString();
  await api().post('/api/me/hive-account').set(bearer(m)).send({ account: 'carol', signature }).expect(200);
});
