import fs from 'fs';
import path from 'path';
import request from 'supertest';
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';
import { APP_DIR, startStrapi, stopStrapi } from '../helpers/strapi';
import { createBoard } from '../helpers/fixtures';
import { bearer, createMember, TestMember } from '../helpers/members';
import { gifPicture, phoneJpeg, pngPicture, webpPicture } from '../helpers/pictures';
import { profileSchema, uploadResponseSchema } from '../../src/openapi/community-schemas';

let strapi: Core.Strapi;
let alice: TestMember;
let bob: TestMember;
const api = () => request(strapi.server.httpServer);
const files = () => strapi.db.query('plugin::upload.file').count({});
const upload = (member: TestMember, buffer: Buffer, name: string) => api().post('/api/me/uploads').set(bearer(member)).attach('files', buffer, name);
const storedBytes = (url: string) => fs.readFileSync(path.join(APP_DIR, 'public', url));

beforeAll(async () => {
  strapi = await startStrapi({ UPLOADS_PER_MEMBER_PER_DAY: '6' });
  // Whatever the Media Library's own settings: with its size optimization off it stores the bytes it is given.
  await (strapi.plugin('upload').service('upload') as any).setSettings({ sizeOptimization: false, responsiveDimensions: true, autoOrientation: false });
  alice = await createMember(strapi);
  bob = await createMember(strapi);
});
afterAll(stopStrapi);

describe('GET /api/me', () => {
  it('answers the member\'s profile', async () => {
    const res = await api().get('/api/me').set(bearer(alice)).expect(200);
    expect(() => profileSchema.parse(res.body)).not.toThrow();
    expect(res.body.data).toMatchObject({ id: alice.id, username: alice.username, displayName: alice.username, avatarUrl: null, bio: '', hiveAccount: null, unreadNotifications: 0 });
    expect(JSON.stringify(res.body)).not.toContain(alice.email);
  });

  it('is for members only', async () => {
    await api().get('/api/me').expect(403);
    await api().put('/api/me').send({ data: { displayName: 'x' } }).expect(403);
    await api().post('/api/me/uploads').attach('files', Buffer.from('x'), 'x.jpg').expect(403);
  });
});

describe('POST /api/me/uploads', () => {
  it('stores a JPEG re-encoded without EXIF, with thumbnail formats', async () => {
    const before = await files();
    const res = await upload(alice, await phoneJpeg(1200, 900), 'playground.jpg').expect(200);
    expect(() => uploadResponseSchema.parse(res.body)).not.toThrow();
    const picture = res.body.data;
    expect(picture.formats.thumbnail.url).toMatch(/^\/uploads\//);
    expect(Object.keys(picture.formats)).toEqual(expect.arrayContaining(['thumbnail', 'small', 'medium']));
    expect(await files()).toBe(before + 1);
    for (const url of [picture.url, picture.formats.thumbnail.url, picture.formats.small.url]) {
      const bytes = storedBytes(url);
      expect(bytes.includes('SecretCam')).toBe(false);
      expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    }
  });

  it('takes PNG, WebP and GIF by content, whatever the name says', async () => {
    const png = await upload(alice, await pngPicture(), 'photo.jpg').expect(200);
    expect(png.body.data.url).toMatch(/\.png$/);
    expect((await sharp(storedBytes(png.body.data.url)).metadata()).format).toBe('png');
    await upload(alice, await webpPicture(), 'a.webp').expect(200);
    await upload(alice, await gifPicture(), 'a.gif').expect(200);
  });

  it('refuses what is not a picture, a damaged one, one over 5 MB, none or two, and writes nothing', async () => {
    const before = await files();
    const svg = await upload(alice, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'cat.jpg').expect(400);
    expect(svg.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(svg.body.error.message).toMatch(/JPEG, PNG, WebP or GIF/);
    const broken = await upload(alice, (await phoneJpeg()).subarray(0, 300), 'broken.jpg').expect(400);
    expect(broken.body.error.message).toMatch(/damaged/);
    const big = Buffer.concat([await phoneJpeg(16, 16), Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await upload(alice, big, 'big.jpg').expect(400);
    expect(tooBig.body.error.message).toMatch(/at most 5 MB/);
    const none = await api().post('/api/me/uploads').set(bearer(alice)).send({}).expect(400);
    expect(none.body.error.message).toMatch(/field "files"/);
    const png = await pngPicture(8, 8);
    await api().post('/api/me/uploads').set(bearer(alice)).attach('files', png, 'a.png').attach('files', png, 'b.png').expect(400);
    expect(await files()).toBe(before);
  });

  it('stops at the daily quota with a 429', async () => {
    const carol = await createMember(strapi);
    const png = await pngPicture(8, 8);
    for (let i = 0; i < 6; i++) await upload(carol, png, `p${i}.png`).expect(200);
    const res = await upload(carol, png, 'one-more.png').expect(429);
    expect(res.body.error.message).toMatch(/6 pictures in the last 24 hours/);
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describe('PUT /api/me', () => {
  it('sets a name, a bio and the member\'s own picture as avatar', async () => {
    const picture = (await upload(alice, await phoneJpeg(400, 400), 'me.jpg').expect(200)).body.data;
    const res = await api().put('/api/me').set(bearer(alice)).send({ data: { displayName: '小明的妈妈', bio: 'Year 4 parent', avatar: picture.id } }).expect(200);
    expect(res.body.data).toMatchObject({ displayName: '小明的妈妈', bio: 'Year 4 parent', avatarUrl: picture.formats.thumbnail.url });
    const again = await api().get('/api/me').set(bearer(alice)).expect(200);
    expect(again.body.data.avatar.id).toBe(picture.id);
    await api().put('/api/me').set(bearer(alice)).send({ data: { avatar: null } }).expect(200);
    expect((await api().get('/api/me').set(bearer(alice))).body.data.avatarUrl).toBeNull();
  });

  it('refuses someone else\'s picture and bad fields, changing nothing', async () => {
    const bobs = (await upload(bob, await pngPicture(), 'bob.png').expect(200)).body.data;
    const res = await api().put('/api/me').set(bearer(alice)).send({ data: { avatar: bobs.id } }).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['avatar']);
    expect(res.body.error.message).toMatch(/uploaded yourself/);
    for (const data of [{ displayName: '' }, { displayName: 'x'.repeat(41) }, { bio: 'y'.repeat(281) }, { avatar: 'abc' }, { email: 'a@b.c' }, {}]) {
      const bad = await api().put('/api/me').set(bearer(alice)).send({ data }).expect(400);
      expect(bad.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    }
    await api().put('/api/me').set(bearer(alice)).send({ displayName: 'no wrapper' }).expect(400);
    const after = await api().get('/api/me').set(bearer(alice)).expect(200);
    expect(after.body.data.displayName).toBe('小明的妈妈');
  });
});

describe('pictures in posts', () => {
  let board: any;
  beforeAll(async () => {
    board = await createBoard(strapi);
  });

  it('a post\'s cover and body images may be the member\'s own uploads only', async () => {
    const mine = (await upload(alice, await pngPicture(), 'garden.png').expect(200)).body.data;
    const bobs = (await upload(bob, await pngPicture(), 'bob.png').expect(200)).body.data;
    const ok = await api()
      .post('/api/posts')
      .set(bearer(alice))
      .send({ data: { title: 'Garden', body: `Look: ![garden](http://127.0.0.1:1337${mine.url})`, board: board.slug, cover: mine.id } })
      .expect(200);
    expect(ok.body.data.documentId).toBeTruthy();

    const cover = await api().post('/api/posts').set(bearer(alice)).send({ data: { title: 'Not mine', body: 'x', board: board.slug, cover: bobs.id } }).expect(400);
    expect(cover.body.error.details.errors[0].path).toEqual(['cover']);
    const inline = await api()
      .post('/api/posts')
      .set(bearer(alice))
      .send({ data: { title: 'Hotlink', body: '![x](https://elsewhere.test/cat.jpg)', board: board.slug } })
      .expect(400);
    expect(inline.body.error.message).toMatch(/your own uploads/);
    const edit = await api().put(`/api/posts/${ok.body.data.documentId}`).set(bearer(alice)).send({ data: { body: `![b](http://127.0.0.1:1337${bobs.url})` } }).expect(400);
    expect(edit.body.error.details.errors[0].path).toEqual(['body']);
  });
});
