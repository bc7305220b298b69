import request from 'supertest';
import { cryptoUtils } from '@hiveio/dhive';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { stopStrapi } from '../helpers/strapi';
import { createMember, type TestMember } from '../helpers/members';
import { createPost } from '../helpers/fixtures';
import { createRewardBoard } from '../helpers/rewards';
import { devnetKey } from '../helpers/chain';
import { phoneJpeg } from '../helpers/pictures';
import fs from 'fs';
import path from 'path';
import { launchChromium, SCREENSHOTS, serverErrors, startListeningApp } from './browser';

/**
 * The member web app (apps/web) in a real headless Chromium at phone size
 * against the running app on the devnet: Lin signs up, names herself, picks a
 * picture and posts with a photo; Chen (a Chinese browser) comments, replies
 * and likes; Lin sees the notifications, links her Hive account through a
 * stand-in for Hive Keychain that signs with the devnet key, and after the
 * cashout window finds her reward paid, with its transaction.
 */
const PHONE = { width: 390, height: 844 };
const LIN = { username: 'linwei', email: 'linwei@test.quanzi.local', password: 'Lin-password-1', name: 'Lin Wei' };

let strapi: Core.Strapi;
let baseUrl: string;
let browser: Browser;
let chen: TestMember;
let lin: Page;
let chenPage: Page;
let postPath: string;
const pageErrors: string[] = [];
const api = () => request(strapi.server.httpServer);

async function phone(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale, timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', (res) => {
    if (res.status() >= 500) serverErrors.push(`${res.status()} ${res.request().method()} ${new URL(res.url()).pathname}`);
  });
  return { context, page };
}

/** The whole page, top to bottom, once loading is done (the web app scrolls the document itself). */
async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  // From the top, so the sticky header is where a reader sees it; the fixed tab bar is drawn at the end of the page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled', style: '.tabs { position: static !important; } main { padding-bottom: 12px !important; }' });
}

/** The page as it is, then the same page in the other language (and back). */
async function shootBoth(page: Page, name: string) {
  const current = await page.evaluate(() => document.documentElement.lang);
  const [first, second] = current.startsWith('zh') ? ['zh', 'en'] : ['en', 'zh'];
  await screenshot(page, `web-${name}-${first}`);
  await page.getByTestId('language').click();
  await page.waitForFunction((lang) => document.documentElement.lang.startsWith(lang), second);
  await screenshot(page, `web-${name}-${second}`);
  await page.getByTestId('language').click();
  await page.waitForFunction((lang) => document.documentElement.lang.startsWith(lang), first);
}

/** The comment whose own text (not its replies') holds the words, and its own reply button. */
const commentSaying = (page: Page, words: string) =>
  page.locator('[data-testid="comment"]').filter({ has: page.locator(':scope > .comment-body', { hasText: words }) });
const replyButtonOf = (comment: ReturnType<Page['locator']>) => comment.locator(':scope > [data-testid="reply"]');

/** Reloads until the locator shows (for what a background pass writes: notifications, payouts). */
async function reloadUntil(page: Page, locator: ReturnType<Page['locator']>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await locator.first().isVisible().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Not shown after ${timeoutMs} ms: ${locator}`);
    await page.waitForTimeout(1000);
    await page.reload();
    await page.locator('main').waitFor();
  }
}

beforeAll(async () => {
  // Short reward periods and a quick notification pass, so a payment is made and told within the test.
  ({ strapi, baseUrl } = await startListeningApp({ REWARDS_CASHOUT_SECONDS: '8', REWARDS_TICK_MS: '300', NOTIFICATIONS_PASS_MS: '500' }, { web: true }));
  await createRewardBoard(
    strapi,
    { symbol: 'MAPLE', rewardPerInterval: '25' },
    { name: 'Maple Street Primary', slug: 'maple-street', hiveCommunity: 'hive-163772', tokenSymbol: 'MAPLE', description: 'Parents and teachers of Maple Street' },
  );
  chen = await createMember(strapi, { username: 'chen' });
  await api().put('/api/me').set('Authorization', `Bearer ${chen.jwt}`).send({ data: { displayName: '陈老师' } }).expect(200);
  browser = await launchChromium();
  ({ page: lin } = await phone('en-GB'));
  ({ page: chenPage } = await phone('zh-CN'));
}, 120000);

afterAll(async () => {
  await browser?.close();
  await stopStrapi();
});

describe('a new member, Lin', () => {
  it('finds the boards at /', async () => {
    await lin.goto('/');
    await lin.getByRole('heading', { name: 'All boards' }).waitFor();
    await lin.locator('[data-board="maple-street"]').waitFor();
    await shootBoth(lin, '01-boards');
  }, 60000);

  it('signs up with email and password, and lands on her profile', async () => {
    await lin.getByRole('link', { name: 'Sign in' }).click();
    await lin.getByRole('link', { name: /Sign up/ }).click();
    await lin.getByLabel('Username').fill(LIN.username);
    await lin.getByLabel('Email').fill(LIN.email);
    await lin.getByLabel('Password').fill(LIN.password);
    await shootBoth(lin, '02-sign-up');
    await lin.getByRole('button', { name: 'Sign up' }).click();
    await lin.waitForURL('**/me');
    await lin.getByRole('heading', { name: 'My profile' }).waitFor();
  }, 60000);

  it('sets her name, picture and bio', async () => {
    await lin.getByLabel('Picture').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg(400, 400) });
    await lin.locator('.profile-head img.avatar').waitFor();
    await lin.getByLabel('Name').fill(LIN.name);
    await lin.getByLabel('About me').fill('Year 3 parent, runs the book swap.');
    await lin.getByRole('button', { name: 'Save' }).click();
    await lin.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await lin.getByTestId('profile-name').filter({ hasText: LIN.name }).waitFor();
    await shootBoth(lin, '03-profile');
    const user = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { username: LIN.username }, populate: ['avatar'] });
    expect(user).toMatchObject({ displayName: LIN.name, bio: 'Year 3 parent, runs the book swap.' });
    expect(user.avatar?.url).toMatch(/^\/uploads\//);
  }, 60000);

  it('writes a post with a photo on the board', async () => {
    await lin.getByRole('link', { name: 'Boards' }).click();
    await lin.locator('[data-board="maple-street"]').click();
    await lin.getByRole('heading', { name: 'Maple Street Primary' }).waitFor();
    await lin.getByRole('main').getByRole('link', { name: 'Write' }).click();
    await lin.getByLabel('Title').fill('Book swap on Friday');
    await lin.getByLabel('Text').fill('Bring **two books**, take two home. In the library from 3 pm.');
    await lin.getByLabel('Photo (optional)').setInputFiles({ name: 'books.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg(800, 600) });
    await lin.locator('img.preview').waitFor();
    await shootBoth(lin, '04-write');
    await lin.getByRole('button', { name: 'Publish' }).click();
    await lin.waitForURL(/\/p\/[a-z0-9]+$/);
    postPath = new URL(lin.url()).pathname;
    await lin.getByRole('heading', { name: 'Book swap on Friday' }).waitFor();
    await expect(lin.getByTestId('post-author').textContent()).resolves.toBe(LIN.name);
    // The photo is the post's cover, as the server stored it (re-encoded under /uploads).
    await expect(lin.locator('img.cover').getAttribute('src')).resolves.toMatch(/^\/uploads\//);
    await expect(lin.locator('.post-body strong').textContent()).resolves.toBe('two books');
  }, 60000);

  it('sees it in the board’s feed', async () => {
    await lin.locator('.crumbs a').click();
    const card = lin.locator(`[data-testid="post-card"][data-post="${postPath.split('/').pop()}"]`);
    await card.waitFor();
    await expect(card.locator('img.post-thumb').count()).resolves.toBe(1);
    await shootBoth(lin, '05-feed');
  }, 60000);

  it('edits it from her profile', async () => {
    await lin.getByRole('navigation').getByRole('link', { name: 'Me', exact: true }).click();
    await lin.getByTestId('my-posts').getByRole('link', { name: 'Edit: Book swap on Friday' }).click();
    await lin.getByRole('heading', { name: 'Edit the post' }).waitFor();
    // The form opens with the post as it is.
    await lin.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('textarea[name="body"]')?.value.includes('two books'));
    await lin.getByLabel('Text').fill('Bring **two books**, take two home. In the library from 3 pm, tea in the hall.');
    await shootBoth(lin, '05b-edit');
    await lin.getByRole('button', { name: 'Save' }).click();
    await lin.waitForURL(`**${postPath}`);
    await lin.locator('.post-body', { hasText: 'tea in the hall' }).waitFor();
    await expect(lin.locator('img.cover').count()).resolves.toBe(1);
  }, 60000);
});

describe('a second member, Chen, in a Chinese browser', () => {
  it('gets the app in Chinese and signs in', async () => {
    await chenPage.goto('/');
    await chenPage.getByRole('heading', { name: '全部圈子' }).waitFor();
    await chenPage.getByRole('banner').getByRole('link', { name: '登录' }).click();
    await chenPage.getByLabel('邮箱或用户名').fill(chen.email);
    await chenPage.getByLabel('密码').fill('Test-password-1');
    await shootBoth(chenPage, '06-sign-in');
    await chenPage.getByRole('button', { name: '登录' }).click();
    await chenPage.waitForURL((url) => url.pathname === '/');
    await chenPage.getByRole('link', { name: '我的' }).waitFor();
  }, 60000);

  it('comments on Lin’s post and likes it', async () => {
    await chenPage.goto(postPath);
    await chenPage.getByLabel('写评论').fill('好主意！我带两本绘本来。');
    await chenPage.getByRole('button', { name: '发表评论' }).click();
    await chenPage.locator('[data-testid="comment"]', { hasText: '我带两本绘本来' }).waitFor();
    await chenPage.getByTestId('like').click();
    await chenPage.getByTestId('like').and(chenPage.locator('[aria-pressed="true"]')).waitFor();
    await expect(chenPage.getByTestId('like-count').textContent()).resolves.toBe('1 赞');
  }, 60000);
});

describe('Lin, told', () => {
  it('sees the unread count and the notification of Chen’s comment', async () => {
    await lin.goto('/');
    await lin.getByTestId('unread-badge').waitFor();
    await lin.getByTestId('nav-notifications').click();
    await lin.locator('[data-testid="notification"][data-kind="reply"]').waitFor();
    // The like is told by the notification pass, a moment later.
    await reloadUntil(lin, lin.locator('[data-testid="notification"][data-kind="like"]'), 30000);
    await expect(lin.getByTestId('unread').textContent()).resolves.toMatch(/^[1-9]\d* unread$/);
    await shootBoth(lin, '07-notifications');
  }, 60000);

  it('answers Chen’s comment, and Chen replies to the answer', async () => {
    await lin.locator('[data-testid="notification"][data-kind="reply"] a').click();
    await lin.waitForURL(`**${postPath}`);
    const chensComment = commentSaying(lin, '我带两本绘本来');
    await replyButtonOf(chensComment).click();
    await chensComment.getByLabel('Reply to 陈老师').fill('Thank you! See you there.');
    await chensComment.getByRole('button', { name: 'Send reply' }).click();
    await chensComment.locator('[data-testid="comment"]', { hasText: 'See you there' }).waitFor();

    await chenPage.reload();
    const linsReply = commentSaying(chenPage, 'See you there');
    await replyButtonOf(linsReply).click();
    await linsReply.getByLabel(`回复 ${LIN.name}`).fill('周五见！');
    await linsReply.getByRole('button', { name: '发送回复' }).click();
    await linsReply.locator('[data-testid="comment"]', { hasText: '周五见' }).waitFor();
    await shootBoth(chenPage, '08-post-thread');

    await lin.reload();
    // Three levels: Chen's comment, Lin's answer inside it, Chen's reply inside that.
    await lin.locator('.thread .thread .thread [data-testid="comment"]', { hasText: '周五见' }).waitFor();
    await expect(lin.getByTestId('like-count').textContent()).resolves.toBe('1 likes');
    await shootBoth(lin, '09-post');
  }, 60000);

  it('links her Hive account with Keychain (a stand-in that signs with the devnet key)', async () => {
    // What the extension does: requestSignBuffer signs sha256(message) with the account's posting key.
    await lin.context().exposeFunction('devnetSignBuffer', (account: string, message: string) =>
      devnetKey(strapi, account, 'posting').sign(cryptoUtils.sha256(message)).toString(),
    );
    await lin.context().addInitScript(() => {
      (window as any).hive_keychain = {
        requestSignBuffer(account: string, message: string, method: string, callback: (response: unknown) => void) {
          (window as any).devnetSignBuffer(account, message).then((result: string) =>
            callback({ success: true, error: null, result, message: 'Message signed succesfully.', data: { type: 'signBuffer', username: account, message, method } }),
          );
        },
      };
    });
    await lin.goto('/me');
    await lin.getByRole('link', { name: 'Link a Hive account' }).click();
    await lin.getByLabel('Hive account name').fill('alice');
    await shootBoth(lin, '10-link-hive');
    await lin.getByRole('button', { name: 'Sign with Hive Keychain and link' }).click();
    await lin.getByTestId('linked').filter({ hasText: '@alice' }).waitFor();
    const me = await api().get('/api/me').set('Authorization', `Bearer ${await lin.evaluate(() => localStorage.getItem('quanzi-jwt'))}`).expect(200);
    expect(me.body.data.hiveAccount).toBe('alice');
  }, 60000);

  it('finds the reward paid after the cashout window, with its transaction', async () => {
    await lin.goto('/rewards');
    await lin.getByRole('heading', { name: 'My rewards' }).waitFor();
    await reloadUntil(lin, lin.locator('[data-testid="reward-line"][data-state="paid"] [data-testid="payout-tx"]'), 90000);
    const paid = await lin.locator('[data-testid="balance"][data-symbol="MAPLE"] [data-testid="paid"]').textContent();
    expect(Number(paid)).toBeGreaterThan(0);
    await shootBoth(lin, '11-rewards');
  }, 120000);
});

describe('without Keychain', () => {
  it('the link page explains in plain steps what to install', async () => {
    await chenPage.goto('/link-hive');
    await chenPage.getByTestId('keychain-missing').getByText('没有检测到 Hive Keychain。').waitFor();
    await expect(chenPage.getByTestId('keychain-missing').locator('li').count()).resolves.toBe(3);
    await shootBoth(chenPage, '12-link-hive-no-keychain');
  }, 60000);
});

describe('by keyboard', () => {
  it('starts at the page title, then the form in reading order; behind it the header and the skip link', async () => {
    const { page } = await phone('en-GB');
    await page.goto('/signin');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
        return `${el.tagName.toLowerCase()}:${label ?? el.textContent?.trim()}`;
      });
    // A page opens with its title focused, so a screen reader announces where the member is.
    await expect(focused()).resolves.toBe('h1:Sign in');
    const forward: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('Tab');
      forward.push(await focused());
    }
    expect(forward).toEqual(['input:Email or username', 'input:Password', 'button:Sign in', 'a:New here? Sign up', 'a:Boards']);
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+Tab');
    const back: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Shift+Tab');
      back.push(await focused());
    }
    expect(back).toEqual(['a:Sign in', 'button:中文', 'a:Quanzi', 'a:Skip to content']);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await page.context().close();
  }, 60000);
});

describe('Chen, at an event', () => {
  it("sees when and where it is, and replies that he is going", async () => {
    const organiser = await createMember(strapi);
    const board = await strapi.documents('api::board.board').findFirst({ filters: { slug: 'maple-street' } });
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const event = await createPost(strapi, board!, organiser, {
      title: 'Picture-book swap',
      kind: 'event',
      event: { startsAt, endsAt: new Date(Date.parse(startsAt) + 7_200_000).toISOString(), place: 'School library', capacity: 1 },
    });
    await chenPage.goto(`/p/${event.documentId}`);
    await chenPage.getByTestId('kind-details').getByText('地点：School library').waitFor();
    await chenPage.getByTestId('event-replies').getByText('0 人参加').waitFor();
    await chenPage.getByTestId('rsvp').click();
    await chenPage.getByTestId('my-rsvp').getByText('你已报名。').waitFor();
    await chenPage.getByTestId('event-replies').getByText('1 人参加').waitFor();
    await shootBoth(chenPage, '13-event');
    await chenPage.getByTestId('rsvp').click();
    await chenPage.getByTestId('my-rsvp').waitFor({ state: 'detached' });
  }, 60000);
});

describe('along the way', () => {
  it('no page got a server error or threw', () => {
    expect(serverErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
