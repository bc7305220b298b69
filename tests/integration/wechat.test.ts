import http from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createMember } from '../helpers/members';

let strapi: Core.Strapi;
let fake: http.Server;
let fakeBase: string;
const seen: URLSearchParams[] = [];
const api = () => request(strapi.server.httpServer);
const login = (code: unknown) => api().post('/api/auth/wechat').send({ code });

/** A stand-in for api.weixin.qq.com's code2Session: the code says what to answer. */
function startFakeWechat(): Promise<void> {
  fake = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    seen.push(url.searchParams);
    const code = url.searchParams.get('js_code') ?? '';
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain' }); // WeChat answers JSON as text/plain
      res.end(body);
    };
    if (url.pathname !== '/sns/jscode2session') return send(404, 'not found');
    if (code.startsWith('good-')) return send(200, JSON.stringify({ openid: `openid-${code.slice(5)}`, session_key: 'SECRET-SESSION-KEY', unionid: 'u1' }));
    if (code === 'invalid') return send(200, JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
    if (code === 'limited') return send(200, JSON.stringify({ errcode: 45011, errmsg: 'api minute-quota reach limit' }));
    if (code === 'weird') return send(200, JSON.stringify({ errcode: 40013, errmsg: 'invalid appid' }));
    if (code === 'html') return send(502, '<html>bad gateway</html>');
    if (code === 'slow') return; // never answers
    return send(200, JSON.stringify({ errcode: -1, errmsg: 'system error' }));
  });
  return new Promise((resolve) => fake.listen(0, '127.0.0.1', () => resolve()));
}

beforeAll(async () => {
  await startFakeWechat();
  fakeBase = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  strapi = await startStrapi({ WECHAT_API_BASE: fakeBase, WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'wx-test-secret', WECHAT_TIMEOUT_MS: '500' });
});
afterAll(async () => {
  await stopStrapi();
  fake.closeAllConnections?.();
  await new Promise((resolve) => fake.close(resolve));
});

describe('POST /api/auth/wechat', () => {
  it('signs a new member up and returns { jwt, user } without the openid or session key', async () => {
    const res = await login('good-alice').expect(200);
    expect(res.body.jwt).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ confirmed: true, blocked: false, displayName: '微信用户' });
    // How the member signs in and their (placeholder) email are private fields.
    expect(res.body.user).not.toHaveProperty('provider');
    expect(res.body.user).not.toHaveProperty('email');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('openid-alice');
    expect(text).not.toContain('SECRET-SESSION-KEY');
    expect(res.body.user).not.toHaveProperty('wechatOpenId');
    expect(res.body.user).not.toHaveProperty('password');
    const last = seen[seen.length - 1];
    expect(Object.fromEntries(last)).toEqual({ appid: 'wx-test-app', secret: 'wx-test-secret', js_code: 'good-alice', grant_type: 'authorization_code' });

    // The JWT is a member's: it opens member routes, and /users/me does not leak the openid either.
    const me = await api().get('/api/users/me').set({ Authorization: `Bearer ${res.body.jwt}` }).expect(200);
    expect(me.body.id).toBe(res.body.user.id);
    expect(JSON.stringify(me.body)).not.toContain('openid-alice');
    await api().get('/api/me/posts').set({ Authorization: `Bearer ${res.body.jwt}` }).expect(200);
    const stored = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: res.body.user.id }, populate: ['role'] });
    expect(stored.wechatOpenId).toBe('openid-alice');
    expect(stored.provider).toBe('wechat');
    expect(stored.role.type).toBe('authenticated');
  });

  it('opens a session like POST /api/auth/local: a refresh token, one session per device id', async () => {
    const first = await api().post('/api/auth/wechat').send({ code: 'good-sessions', deviceId: 'phone-1' }).set('User-Agent', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0').expect(200);
    expect(first.body.refreshToken).toEqual(expect.any(String));
    const refreshed = await api().post('/api/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
    const sessions = await api().get('/api/auth/sessions').set({ Authorization: `Bearer ${refreshed.body.jwt}` }).expect(200);
    expect(sessions.body.data).toEqual([expect.objectContaining({ deviceId: 'phone-1', current: true })]);
    // The same device logging in again replaces its session instead of adding one.
    await api().post('/api/auth/wechat').send({ code: 'good-sessions', deviceId: 'phone-1' }).expect(200);
    const after = await api().get('/api/auth/sessions').set({ Authorization: `Bearer ${refreshed.body.jwt}` }).expect(200);
    expect(after.body.data.map((s: { deviceId: string }) => s.deviceId)).toEqual(['phone-1']);
    const bad = await api().post('/api/auth/wechat').send({ code: 'good-sessions', deviceId: '' }).expect(400);
    expect(bad.body.error.message).toContain('deviceId');
  });

  it('finds the same member on the next login, even when two logins race', async () => {
    const [a, b] = await Promise.all([login('good-bob'), login('good-bob')]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.user.id).toBe(b.body.user.id);
    const again = await login('good-bob').expect(200);
    expect(again.body.user.id).toBe(a.body.user.id);
    expect(await strapi.db.query('plugin::users-permissions.user').count({ where: { wechatOpenId: 'openid-bob' } })).toBe(1);
  });

  it('answers 400 with what to do for an invalid or expired code', async () => {
    const res = await login('invalid').expect(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(res.body.error.message).toBe('This login code is invalid or expired: ask WeChat for a new one (wx.login)');
  });

  it('answers 429 with Retry-After when WeChat rate-limits the app', async () => {
    const res = await login('limited').expect(429);
    expect(res.body.error.name).toBe('RateLimitError');
    expect(res.headers['retry-after']).toBe('60');
  });

  it.each([
    ['an unexpected WeChat error', 'weird', /errcode 40013/],
    ['WeChat busy', 'busy', /busy/],
    ['an HTTP error page', 'html', /HTTP 502/],
    ['no answer in time', 'slow', /did not answer within/],
  ])('answers 502 for %s', async (_name, code, message) => {
    const res = await login(code).expect(502);
    expect(res.body).toMatchObject({ data: null, error: { status: 502, name: 'BadGatewayError' } });
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 502 when the exchange server is unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    process.env.WECHAT_API_BASE = `http://127.0.0.1:${port}`;
    try {
      const res = await login('good-carol').expect(502);
      expect(res.body.error.message).toMatch(/Could not reach WeChat's login service/);
    } finally {
      process.env.WECHAT_API_BASE = fakeBase;
    }
  });

  it('answers 503 when the app id or secret is not configured', async () => {
    const secret = process.env.WECHAT_APP_SECRET;
    delete process.env.WECHAT_APP_SECRET;
    try {
      const res = await login('good-dave').expect(503);
      expect(res.body.error).toMatchObject({ status: 503, name: 'ServiceUnavailableError' });
      expect(res.body.error.message).toMatch(/WECHAT_APP_ID and WECHAT_APP_SECRET/);
    } finally {
      process.env.WECHAT_APP_SECRET = secret;
    }
  });

  it.each([
    ['no code', {}],
    ['an empty code', { code: '  ' }],
    ['a number', { code: 42 }],
    ['extra fields', { code: 'good-x', openid: 'forged' }],
  ])('rejects %s with 400 before calling WeChat', async (_name, body) => {
    const calls = seen.length;
    const res = await api().post('/api/auth/wechat').send(body).expect(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(seen.length).toBe(calls);
  });

  it('signs nobody new up while users-permissions registration is closed, but lets existing members in', async () => {
    const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
    const advanced: any = await store.get({});
    await login('good-frank').expect(200);
    await store.set({ value: { ...advanced, allow_register: false } });
    try {
      const res = await login('good-grace').expect(403);
      expect(res.body.error.message).toMatch(/Sign-up is closed/);
      await login('good-frank').expect(200);
    } finally {
      await store.set({ value: advanced });
    }
  });

  it('refuses a blocked member', async () => {
    const first = await login('good-erin').expect(200);
    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: first.body.user.id }, data: { blocked: true } });
    const res = await login('good-erin').expect(403);
    expect(res.body.error.message).toMatch(/blocked/);
  });
});

describe('email and password login keeps working', () => {
  it('logs a member in with POST /api/auth/local', async () => {
    const member = await createMember(strapi);
    const res = await api().post('/api/auth/local').send({ identifier: member.email, password: 'Test-password-1' }).expect(200);
    expect(res.body.jwt).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ id: member.id, username: member.username });
    expect(res.body.user).not.toHaveProperty('password');
    expect(res.body.user).not.toHaveProperty('wechatOpenId');
    await api().post('/api/auth/local').send({ identifier: member.email, password: 'wrong-password' }).expect(400);
  });

  it('registers with POST /api/auth/local/register', async () => {
    const res = await api().post('/api/auth/local/register').send({ username: 'webmember', email: 'webmember@test.quanzi.local', password: 'Web-password-1' }).expect(200);
    expect(res.body.user.username).toBe('webmember');
  });
});
