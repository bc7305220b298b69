import fs from 'fs';
import os from 'os';
import path from 'path';
import { match } from '../../apps/web/src/router';
import { notificationText } from '../../apps/web/src/i18n/notification-text';
import { en, zh, type MessageKey } from '../../apps/web/src/i18n/messages';
import { assetFile, isClientRoute } from '../../src/middlewares/web-app';

/** The web app's pure rules: its routes, its wording of notifications, and which paths the server gives it. */
const translate = (messages: Record<MessageKey, string>) => (key: MessageKey, values?: Record<string, string | number>) =>
  messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? ''));

const notification = (kind: string, extra: Record<string, unknown> = {}) =>
  ({ id: 1, kind, count: 1, actors: [{ displayName: '陈老师', avatarUrl: null }], post: { documentId: 'abc', title: 'Book swap' }, payload: {}, read: false, text: 'server text', createdAt: '', lastAt: '', commentDocumentId: null, ...extra }) as any;

describe('the client routes', () => {
  it('match a pattern and decode its parts', () => {
    expect(match('/p/abc123', '/p/:documentId')).toEqual({ documentId: 'abc123' });
    expect(match('/b/maple%20street/', '/b/:slug')).toEqual({ slug: 'maple street' });
    expect(match('/p/abc/extra', '/p/:documentId')).toBeNull();
    expect(match('/pp/abc', '/p/:documentId')).toBeNull();
  });
});

describe('notifications in the reader’s language', () => {
  it('words each kind in Chinese and English', () => {
    expect(notificationText(translate(zh), notification('reply'))).toBe('陈老师 评论了「Book swap」');
    expect(notificationText(translate(en), notification('like', { count: 3 }))).toBe('陈老师 and 2 more liked 「Book swap」');
    expect(notificationText(translate(en), notification('reward', { payload: { amount: '1.500', symbol: 'MAPLE' } }))).toBe('You were paid 1.500 MAPLE');
    expect(notificationText(translate(zh), notification('moderation', { payload: { target: 'comment', decision: 'rejected', reason: '广告' } }))).toBe('你的评论未通过审核. 原因：广告');
    expect(notificationText(translate(en), notification('moderation', { payload: { target: 'post', decision: 'approved' } }))).toBe('Your post 「Book swap」 was approved');
  });

  it('falls back to the server’s text for a kind it does not know', () => {
    expect(notificationText(translate(en), notification('something-new'))).toBe('server text');
  });

  it('has every text in both languages', () => {
    for (const key of Object.keys(zh) as MessageKey[]) expect(en[key]).toBeTruthy();
  });
});

describe('which requests the server answers with the web app', () => {
  const HTML = 'text/html,*/*;q=0.8';
  it('a browser opening one of its pages', () => {
    expect(isClientRoute('GET', '/p/abc', HTML)).toBe(true);
    expect(isClientRoute('HEAD', '/me', HTML)).toBe(true);
  });
  it('never the API, the admin, uploads, documentation, files or other methods', () => {
    for (const path of ['/api/feed', '/admin', '/admin/plugins/x', '/uploads/a', '/documentation', '/openapi.json', '/hive-smt/settings']) expect(isClientRoute('GET', path, HTML)).toBe(false);
    expect(isClientRoute('GET', '/missing.js', HTML)).toBe(false);
    expect(isClientRoute('GET', '/p/abc', 'application/json')).toBe(false);
    expect(isClientRoute('GET', '/p/abc', undefined)).toBe(false);
    expect(isClientRoute('POST', '/p/abc', HTML)).toBe(false);
  });
  it('a built file in the assets folder', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-web-'));
    fs.mkdirSync(path.join(root, 'web-assets'));
    fs.writeFileSync(path.join(root, 'web-assets', 'index-abc.js'), '');
    fs.writeFileSync(path.join(root, 'index.html'), '');
    expect(assetFile(root, '/web-assets/index-abc.js')).toBe(path.join(root, 'web-assets', 'index-abc.js'));
    expect(assetFile(root, '/web-assets/../index.html')).toBeNull();
    expect(assetFile(root, '/web-assets/missing.js')).toBeNull();
    expect(assetFile(root, '/web-assets/%E0%A4%A')).toBeNull();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('no asset outside its folder', () => {
    expect(assetFile(__dirname, '/web-assets/../web-app-rules.test.ts')).toBeNull();
    expect(assetFile(__dirname, '/web-assets/..%2fweb-app-rules.test.ts')).toBeNull();
    expect(assetFile(__dirname, '/other/web-app-rules.test.ts')).toBeNull();
  });
});
