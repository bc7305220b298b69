import crypto from 'crypto';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard, createPost } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { startFakeWechat, type FakeWechat } from '../helpers/fake-wechat';
import { pngPicture } from '../helpers/pictures';

const PUSH_TOKEN = 'push-token-for-tests';
let strapi: Core.Strapi;
let fake: FakeWechat;
let open: any;
let closed: any;
let wx: TestMember;
let plain: TestMember;
const api = () => request(strapi.server.httpServer);
const checks = () => strapi.service('api::wechat.content-check') as any;
const moderation = () => strapi.service('api::moderation-case.moderation') as any;
const checkCalls = () => fake.calls.filter((c) => c.path === '/wxa/msg_sec_check');
const isLive = async (documentId: string) => Boolean(await strapi.documents('api::post.post').findOne({ documentId, status: 'published' }));
const inbox = async (member: TestMember) => (await api().get('/api/me/notifications').set(bearer(member)).expect(200)).body.data;
const post = (member: TestMember, board: any, title: string, body = 'A kind post') => api().post('/api/posts').set(bearer(member)).send({ data: { title, body, board: board.slug } });
/** Makes a member one who came through WeChat (as POST /api/auth/wechat would). */
async function wechatMember(): Promise<TestMember> {
  const member = await createMember(strapi);
  await strapi.db.query('plugin::users-permissions.user').update({ where: { id: member.id }, data: { wechatOpenId: `openid-${member.username}`, provider: 'wechat' } });
  return member;
}
const signedQuery = (token = PUSH_TOKEN) => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = crypto.randomBytes(6).toString('hex');
  const signature = crypto.createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return { signature, timestamp, nonce };
};
/** Lets the queued checks fall due and retries them now. */
async function retryNow() {
  await strapi.db.query('api::content-check.content-check' as any).updateMany({ where: { state: 'queued' }, data: { nextAttemptAt: 0 } });
  return checks().retryDue();
}

beforeAll(async () => {
  fake = await startFakeWechat();
  strapi = await startStrapi({
    WECHAT_API_BASE: fake.base,
    WECHAT_APP_ID: 'wx-test-app',
    WECHAT_APP_SECRET: 'wx-test-secret',
    WECHAT_TIMEOUT_MS: '1000',
    WECHAT_PUSH_TOKEN: PUSH_TOKEN,
    WECHAT_TEMPLATE_REPLY: 'tmpl-reply',
    PUBLIC_URL: 'https://quanzi.test',
    NOTIFICATIONS_PASS_MS: '0',
  });
  open = await createBoard(strapi, { slug: 'wx-open', contentCheckFailure: 'open' });
  closed = await createBoard(strapi, { slug: 'wx-closed', contentCheckFailure: 'closed' });
  wx = await wechatMember();
  plain = await createMember(strapi);
});
afterAll(async () => {
  await stopStrapi();
  await fake.close();
});
beforeEach(() => fake.reset());

describe('access_token', () => {
  it('comes from stable_token once and is shared through the database', async () => {
    const tokens = strapi.service('api::wechat.token') as any;
    const first = await tokens.accessToken();
    const fetched = fake.calls.filter((c) => c.path === '/cgi-bin/stable_token').length;
    expect(fetched).toBeLessThanOrEqual(1);
    // Another instance (no copy in its memory) reads the same token from the database.
    tokens.forgetMemory();
    expect(await tokens.accessToken()).toBe(first);
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/stable_token')).toHaveLength(fetched);
    const stored: any = await strapi.store({ type: 'core', name: 'quanzi-wechat' }).get({ key: 'access-token' });
    expect(stored.token).toBe(first);
  });

  it('is replaced, with force_refresh, when WeChat says it expired', async () => {
    fake.expireNext = true;
    const res = await post(wx, open, 'After the token expired').expect(200);
    expect(res.body.meta.moderation).toBe('published');
    const refresh = fake.calls.filter((c) => c.path === '/cgi-bin/stable_token');
    expect(refresh).toHaveLength(1);
    expect(refresh[0].body).toMatchObject({ grant_type: 'client_credential', appid: 'wx-test-app', force_refresh: true });
    expect(JSON.stringify(await api().get('/api/me').set(bearer(wx)))).not.toContain('tok-');
  });
});

describe('msgSecCheck 2.0 on posts and comments', () => {
  it('checks WeChat members\' posts with their openid and the forum scene; others are not sent', async () => {
    await post(wx, open, 'Garden day').expect(200);
    expect(checkCalls()).toHaveLength(1);
    expect(checkCalls()[0].body).toMatchObject({ version: 2, openid: `openid-${wx.username}`, scene: 3, title: 'Garden day' });
    expect(checkCalls()[0].body.content).toContain('A kind post');
    await post(plain, open, 'Not a WeChat member').expect(200);
    expect(checkCalls()).toHaveLength(1);
  });

  it('hides what is risky and tells the author; holds what needs review for an editor, who approves it', async () => {
    const risky = await post(wx, open, 'Bad', 'RISKY words').expect(200);
    expect(risky.body.meta.moderation).toBe('hidden');
    expect(await isLive(risky.body.data.documentId)).toBe(false);
    const told = (await inbox(wx)).find((n: any) => n.kind === 'moderation' && n.post?.documentId === risky.body.data.documentId);
    expect(told.payload).toMatchObject({ target: 'post', decision: 'hidden' });

    const review = await post(wx, open, 'Unsure', 'REVIEW me').expect(200);
    expect(review.body.meta.moderation).toBe('awaiting-editor');
    expect(await isLive(review.body.data.documentId)).toBe(false);
    const waiting = (await moderation().pending()).find((c: any) => c.documentId === review.body.data.documentId);
    expect(waiting).toMatchObject({ targetType: 'post', source: 'content-check', title: 'Unsure' });
    await moderation().approve(waiting.id, null);
    expect(await isLive(review.body.data.documentId)).toBe(true);
    expect((await inbox(wx)).some((n: any) => n.kind === 'moderation' && n.payload.decision === 'approved')).toBe(true);
  });

  it('checks comments in the comment scene: risky hidden, review held', async () => {
    const target = await createPost(strapi, open, plain);
    const risky = await api().post(`/api/posts/${target.documentId}/comments`).set(bearer(wx)).send({ data: { body: 'RISKY reply' } }).expect(200);
    expect(risky.body.meta.moderation).toBe('hidden');
    const review = await api().post(`/api/posts/${target.documentId}/comments`).set(bearer(wx)).send({ data: { body: 'REVIEW reply' } }).expect(200);
    expect(review.body.meta.moderation).toBe('awaiting-editor');
    expect(checkCalls().map((c) => c.body.scene)).toEqual([2, 2]);
    expect((await api().get(`/api/posts/${target.documentId}/comments`).expect(200)).body.data).toEqual([]);
  });
});

describe('when WeChat cannot be reached', () => {
  it('a fail-open board shows the post at once, checks it later and hides it if risky', async () => {
    fake.down = true;
    const res = await post(wx, open, 'While WeChat is down', 'RISKY but unchecked').expect(200);
    expect(res.body.meta.moderation).toBe('published');
    expect(await isLive(res.body.data.documentId)).toBe(true);
    // Still down: retried, still queued, nothing lost.
    await retryNow();
    const queued = await strapi.db.query('api::content-check.content-check' as any).findOne({ where: { targetId: res.body.data.documentId } });
    expect(queued).toMatchObject({ state: 'queued', attempts: 2 });
    expect(Number(queued.nextAttemptAt)).toBeGreaterThan(Date.now());
    fake.down = false;
    expect(await retryNow()).toBeGreaterThanOrEqual(1);
    expect(await isLive(res.body.data.documentId)).toBe(false);
  });

  it('a fail-closed board holds the post until the check passes, then publishes it', async () => {
    fake.down = true;
    const res = await post(wx, closed, 'Closed board post').expect(200);
    expect(res.body.meta.moderation).toBe('awaiting-check');
    expect(await isLive(res.body.data.documentId)).toBe(false);
    fake.down = false;
    await retryNow();
    expect(await isLive(res.body.data.documentId)).toBe(true);
    expect((await moderation().pending()).find((c: any) => c.documentId === res.body.data.documentId)).toBeUndefined();
  });

  it('a fail-closed board keeps showing a live post\'s checked text while an edit waits for the check, then shows the edit', async () => {
    const res = await post(wx, closed, 'Checked title').expect(200);
    const { documentId } = res.body.data;
    expect(await isLive(documentId)).toBe(true);
    fake.down = true;
    await api().put(`/api/posts/${documentId}`).set(bearer(wx)).send({ data: { title: 'Unchecked edit' } }).expect(200);
    // Readers still see what WeChat checked; the edit waits on the editors' list as awaiting the check.
    expect((await api().get(`/api/posts/${documentId}`).expect(200)).body.data.title).toBe('Checked title');
    expect((await moderation().pending()).find((c: any) => c.documentId === documentId)).toBeDefined();
    fake.down = false;
    await retryNow();
    expect((await api().get(`/api/posts/${documentId}`).expect(200)).body.data.title).toBe('Unchecked edit');
    expect((await moderation().pending()).find((c: any) => c.documentId === documentId)).toBeUndefined();
  });

  it('a fail-closed board holds a comment until the check passes', async () => {
    const target = await createPost(strapi, closed, plain);
    fake.down = true;
    const res = await api().post(`/api/posts/${target.documentId}/comments`).set(bearer(wx)).send({ data: { body: 'waiting comment' } }).expect(200);
    expect(res.body.meta.moderation).toBe('awaiting-check');
    fake.down = false;
    await retryNow();
    expect((await api().get(`/api/posts/${target.documentId}/comments`).expect(200)).body.data.map((c: any) => c.documentId)).toEqual([res.body.data.documentId]);
  });
});

describe('names and bios', () => {
  it('refuses a risky nickname, checks in the profile scene, and reverts one found risky later', async () => {
    const bad = await api().put('/api/me').set(bearer(wx)).send({ data: { displayName: 'RISKY name' } }).expect(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['displayName']);
    expect(checkCalls()[0].body).toMatchObject({ scene: 1, nickname: 'RISKY name' });
    await api().put('/api/me').set(bearer(wx)).send({ data: { displayName: '小明妈妈', bio: 'Parent' } }).expect(200);
    fake.down = true;
    await api().put('/api/me').set(bearer(wx)).send({ data: { bio: 'RISKY bio' } }).expect(200);
    fake.down = false;
    await retryNow();
    const me = (await api().get('/api/me').set(bearer(wx)).expect(200)).body.data;
    expect(me).toMatchObject({ displayName: '小明妈妈', bio: '' });
  });
});

describe('pictures: mediaCheckAsync and the push endpoint', () => {
  it('sends the picture\'s public URL and applies the pushed result only with a valid signature', async () => {
    const picture = (await api().post('/api/me/uploads').set(bearer(wx)).attach('files', await pngPicture(), 'p.png').expect(200)).body.data;
    const sent = fake.calls.find((c) => c.path === '/wxa/media_check_async')!;
    expect(sent.body).toMatchObject({ version: 2, media_type: 2, media_url: `https://quanzi.test${picture.url}`, openid: `openid-${wx.username}` });
    const check: any = await strapi.db.query('api::content-check.content-check' as any).findOne({ where: { target: 'picture', targetId: String(picture.id) } });
    expect(check.state).toBe('waiting');
    const withPicture = await api().post('/api/posts').set(bearer(wx)).send({ data: { title: 'Photo', body: 'see cover', board: open.slug, cover: picture.id } }).expect(200);
    await api().put('/api/me').set(bearer(wx)).send({ data: { avatar: picture.id } }).expect(200);

    const event = { ToUserName: 'gh_x', FromUserName: 'openid', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', appid: 'wx-test-app', trace_id: check.traceId, version: 2, result: { suggest: 'risky', label: 20002 }, detail: [] };
    await api().post('/api/wechat/push').query(signedQuery('wrong-token')).send(event).expect(403);
    await api().post('/api/wechat/push').send(event).expect(403);
    expect(await isLive(withPicture.body.data.documentId)).toBe(true);

    const ok = await api().post('/api/wechat/push').query(signedQuery()).send(event).expect(200);
    expect(ok.text).toBe('success');
    expect(await isLive(withPicture.body.data.documentId)).toBe(false);
    expect((await api().get('/api/me').set(bearer(wx)).expect(200)).body.data.avatarUrl).toBeNull();
    await api().post('/api/wechat/push').query(signedQuery()).send({ Event: 'wxa_media_check', trace_id: 'x' }).expect(400);
  });

  it('answers WeChat\'s URL check with echostr when signed', async () => {
    const res = await api().get('/api/wechat/push').query({ ...signedQuery(), echostr: 'hello-wechat' }).expect(200);
    expect(res.text).toBe('hello-wechat');
    await api().get('/api/wechat/push').query({ ...signedQuery('nope'), echostr: 'x' }).expect(403);
  });
});

describe('subscribe messages', () => {
  it('sends a reply notification to a WeChat member who opted in, with the template from the environment', async () => {
    const own = await createPost(strapi, open, wx, { title: 'My garden' });
    await api().post(`/api/posts/${own.documentId}/comments`).set(bearer(plain)).send({ data: { body: 'nice' } }).expect(200);
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send')).toHaveLength(0);
    await api().put('/api/me').set(bearer(wx)).send({ data: { notifications: { wechat: true } } }).expect(200);
    await api().post(`/api/posts/${own.documentId}/comments`).set(bearer(plain)).send({ data: { body: 'nice again' } }).expect(200);
    const sent = fake.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send');
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toMatchObject({ touser: `openid-${wx.username}`, template_id: 'tmpl-reply', page: `pages/post/index?id=${own.documentId}` });
    expect(sent[0].body.data.thing1.value).toMatch(/repli/);
    expect(Array.from(sent[0].body.data.thing1.value).length).toBeLessThanOrEqual(20);
  });
});
