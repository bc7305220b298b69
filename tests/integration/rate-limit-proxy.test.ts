import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * Behind a reverse proxy (SERVER_PROXY=true): every client's address comes from
 * the X-Forwarded-For the proxy sets, so each has its own per-IP bucket — and
 * what a client writes into the header itself (anything before the last
 * SERVER_PROXY_HOPS entries) is ignored. Two logins a minute per address here.
 */
let strapi: Core.Strapi;
const api = () => request(strapi.server.httpServer);
const login = (forwardedFor: string) => api().post('/api/auth/wechat').set('X-Forwarded-For', forwardedFor).send({ code: 'x' });

beforeAll(async () => {
  strapi = await startStrapi({ SERVER_PROXY: 'true', SERVER_PROXY_HOPS: '1', RATE_LIMIT_LOGINS_PER_IP: '2', HIVE_WORKER_ENABLED: 'false' });
});
afterAll(stopStrapi);

it('gives each client behind the proxy its own bucket', async () => {
  // WeChat is not configured here (503), but each attempt costs a token of its address.
  await login('198.51.100.1').expect(503);
  await login('198.51.100.1').expect(503);
  const limited = await login('198.51.100.1').expect(429);
  expect(limited.body.error.message).toMatch(/network address/);
  // Another client of the same proxy is not held back by the first.
  await login('198.51.100.2').expect(503);
});

it('counts the address the proxy appended, not one the client wrote before it', async () => {
  await login('198.51.100.3').expect(503);
  await login('198.51.100.3').expect(503);
  // The client sends "X-Forwarded-For: 192.0.2.77"; the proxy appends the address it saw.
  await login('192.0.2.77, 198.51.100.3').expect(429);
  await login('192.0.2.78, 198.51.100.3').expect(429);
});
