import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { stopStrapi } from '../helpers/strapi';
import { createAdmin, type TestAdmin } from '../helpers/admins';
import { createMember, type TestMember } from '../helpers/members';
import { createBoard, createPost } from '../helpers/fixtures';
import { createRewardBoard, linkAccount, payoutsOf } from '../helpers/rewards';
import { waitFor } from '../helpers/chain';
import { launchChromium, screenshot, serverErrors, signIn, startListeningApp } from './browser';
import { paymentWorld } from '../helpers/payment-scenario';

/**
 * The admin panel in a real headless Chromium against the running app: a
 * Super Admin sets up a board and publishes a post that cannot reach Hive,
 * fixes the board and retries until it is confirmed; an Editor features it
 * and finds it first in the REST featured feed, and cannot open Settings.
 */
const PASSWORD = 'Admin-password-1';

let strapi: Core.Strapi;
let baseUrl: string;
let browser: Browser;
let superAdmin: TestAdmin;
let editor: TestAdmin;
let member: TestMember;
let admin: Page;
let boardDocumentId: string;
let postDocumentId: string;
let oakHill: { documentId: string };
let maple: { documentId: string };
const pages: Page[] = [];

const api = () => request(strapi.server.httpServer);

/** Members with linked Hive accounts write and like posts on the Maple board; mei, not linked, likes too. */
async function earnRewards() {
  const lin = await createMember(strapi, { username: 'lin' });
  const chen = await createMember(strapi, { username: 'chen' });
  for (const [who, account] of [[lin, 'alice'], [chen, 'carol']] as const) expect((await linkAccount(strapi, who, account)).status).toBe(200);
  const fair = await createPost(strapi, maple, lin, { title: 'School fair: volunteers wanted' });
  const bake = await createPost(strapi, maple, chen, { title: 'Bake sale recipes' });
  const like = (who: TestMember, documentId: string) => api().post(`/api/posts/${documentId}/like`).set('Authorization', `Bearer ${who.jwt}`).expect(200);
  await like(chen, fair.documentId);
  await like(member, fair.documentId);
  await like(lin, bake.documentId);
  await like(member, bake.documentId);
}
const jobRow = (page: Page, documentId: string) => page.locator(`[data-testid="job-row"][data-post="${documentId}"]`).first();

beforeAll(async () => {
  // Short reward periods, so a period settles and is paid while the other pages are tested.
  ({ strapi, baseUrl } = await startListeningApp({ REWARDS_CASHOUT_SECONDS: '6', REWARDS_TICK_MS: '300' }));
  superAdmin = await createAdmin(strapi, 'strapi-super-admin');
  editor = await createAdmin(strapi, 'strapi-editor');
  member = await createMember(strapi, { username: 'mei' });
  // Two boards already set up as a community would have them: one paying MAPLE rewards, one with a token but no rewards yet.
  maple = await createRewardBoard(
    strapi,
    { symbol: 'MAPLE', rewardPerInterval: '25' },
    { name: 'Maple Street Primary', slug: 'maple-street', hiveCommunity: 'hive-163772', tokenSymbol: 'MAPLE' },
  );
  oakHill = await createBoard(strapi, { name: 'Oak Hill Neighbours', slug: 'oak-hill', hiveAccount: 'oakhill-hood', tokenSymbol: 'OAK' });
  await earnRewards();
  browser = await launchChromium();
  ({ page: admin } = await signIn(browser, baseUrl, superAdmin.email, PASSWORD));
  pages.push(admin);
}, 120000);

afterAll(async () => {
  await browser?.close();
  await stopStrapi();
});

describe('a Super Admin', () => {
  it('sets up a board in the Content Manager', async () => {
    await admin.goto('/admin/content-manager/collection-types/api::board.board/create');
    await admin.locator('input[name="name"]').fill('Riverside Walks');
    await admin.locator('input[name="slug"]').fill('riverside-walks');
    // The account that never allowed the app to post for it.
    await admin.locator('input[name="hiveAccount"]').fill('lonely-board');
    await admin.getByRole('combobox', { name: /How posts go live/ }).click();
    await admin.getByRole('option', { name: 'review' }).click();
    await screenshot(admin, '01-content-manager-new-board');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.waitForURL(/api::board\.board\/(?!create)[a-z0-9]+/);
    const board = await strapi.documents('api::board.board').findFirst({ filters: { slug: 'riverside-walks' } });
    expect(board).toMatchObject({ hiveAccount: 'lonely-board', moderationMode: 'review' });
    boardDocumentId = board!.documentId;
  }, 60000);

  it('publishes a member’s post waiting for review, which fails to reach Hive with the reason', async () => {
    const sent = await api()
      .post('/api/posts')
      .set('Authorization', `Bearer ${member.jwt}`)
      .send({ data: { title: 'Autumn walk along the river', body: 'Meet at the old bridge at 9. Bring tea!', board: 'riverside-walks' } })
      .expect((res) => expect([200, 201]).toContain(res.status));
    postDocumentId = sent.body.data.documentId;
    expect(sent.body.meta.moderation).toBe('awaiting-editor');

    await admin.goto(`/admin/content-manager/collection-types/api::post.post/${postDocumentId}`);
    await admin.getByRole('button', { name: 'Publish' }).click();
    await admin.getByText(/Published/).first().waitFor();

    await admin.goto('/admin/plugins/hive-smt/chain');
    const row = jobRow(admin, postDocumentId);
    await row.getByTestId('job-status').filter({ hasText: 'Failed' }).waitFor({ timeout: 30000 });
    const problem = admin.locator(`[data-testid="job-problem"][data-post="${postDocumentId}"]`);
    await expect(problem.textContent()).resolves.toMatch(/@lonely-board has not allowed @quanzi to post/);
    await screenshot(admin, '02-chain-health-failed');
  }, 60000);

  it('sees on the Boards page why, with the steps to fix it', async () => {
    await admin.goto('/admin/plugins/hive-smt/boards');
    const card = admin.locator('[data-testid="board-card"][data-board="riverside-walks"]');
    await card.getByTestId('fix-steps').waitFor();
    await expect(card.getByTestId('check-authority').getAttribute('data-ok')).resolves.toBe('false');
    await expect(card.getByTestId('fix-steps').textContent()).resolves.toMatch(/Add the account @quanzi with weight 1/);
    await screenshot(admin, '03-boards');
  }, 60000);

  it('fixes the board, presses Retry and watches the post turn "Confirmed"', async () => {
    await admin.goto(`/admin/content-manager/collection-types/api::board.board/${boardDocumentId}`);
    await admin.locator('input[name="hiveAccount"]').fill('riverside-photo');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText(/Saved/).first().waitFor();

    await admin.goto('/admin/plugins/hive-smt/chain');
    const row = jobRow(admin, postDocumentId);
    await row.getByTestId('job-retry').click();
    await row.getByTestId('job-status').filter({ hasText: 'Confirmed' }).waitFor({ timeout: 45000 });
    await expect(row.textContent()).resolves.toMatch(/@riverside-photo/);
    await screenshot(admin, '04-chain-health-confirmed');
    const mirror = await strapi.db.query('plugin::hive-smt.mirror' as any).findOne({ where: { postDocumentId } });
    expect(mirror).toMatchObject({ state: 'confirmed', author: 'riverside-photo' });
  }, 90000);

  it('sees the Maple board’s pool, earners and a paid payout on the Rewards page, and runs a payout', async () => {
    await waitFor(async () => {
      const lines = await payoutsOf(strapi, { boardDocumentId: maple.documentId });
      return lines.length >= 2 && lines.every((l: any) => l.state === 'paid');
    }, 'the first MAPLE payouts', 60000, 250);
    await admin.goto('/admin/plugins/hive-smt/rewards');
    await admin.getByTestId('rewards-stats').waitFor();
    await admin.locator('[data-testid="batch-row"]', { hasText: 'Paid' }).first().waitFor();
    await expect(admin.getByTestId('top-earners').textContent()).resolves.toMatch(/@alice|@carol/);
    await admin.getByTestId('emission-chart').waitFor();
    await screenshot(admin, '05-rewards');

    await admin.getByTestId('run-payout').click();
    await admin.getByRole('alertdialog').waitFor();
    await screenshot(admin, '05b-rewards-run-payout');
    const answered = admin.waitForResponse((res) => res.url().endsWith('/hive-smt/rewards/payout'));
    await admin.getByTestId('run-payout-confirm').click();
    expect((await answered).status()).toBe(200);
  }, 90000);

  it('reads the settings, with keys shown only as set or missing', async () => {

    await admin.goto('/admin/plugins/hive-smt/settings');
    await admin.getByTestId('hive-secrets').waitFor();
    const secrets = await admin.getByTestId('hive-secrets').textContent();
    expect(secrets).toMatch(/Posting key of the app account @quanzi/);
    expect(secrets).toMatch(/Active key of the token account @maple-tokens/);
    expect(secrets).not.toMatch(/5[HJK][1-9A-HJ-NP-Za-km-z]{49}/);
    await screenshot(admin, '06-settings');
  }, 60000);
});

describe('the local economy pages', () => {
  it('list the merchants, the payments of one member, and a redemption waiting for its tokens', async () => {
    const world = paymentWorld(() => strapi);
    const [cashier, payer] = await world.members(2);
    const shop = await world.merchant(maple, [cashier], { name: 'Maple corner shop', hiveAccount: 'dave', tokenDiscountPercent: 10 });
    await world.earn(payer, maple, ['5000']);
    const { code } = (await world.request(shop, cashier, '1.25').expect(200)).body.data;
    await world.pay(payer, code).expect(200);
    await strapi.documents('api::board.board').update({ documentId: maple.documentId, data: { redemptionRate: '0.1', redemptionCurrency: 'CNY' } as any });
    await api().post(`/api/merchants/${shop.documentId}/redemptions`).set('Authorization', `Bearer ${cashier.jwt}`).send({ amount: '2' }).expect(200);

    await admin.goto('/admin/plugins/hive-smt/merchants');
    await admin.locator('[data-testid="merchant-row"]', { hasText: 'Maple corner shop' }).waitFor();
    await expect(admin.locator('[data-testid="merchant-row"]', { hasText: 'Maple corner shop' }).textContent()).resolves.toMatch(/@dave.*10 %/);
    await screenshot(admin, '06b-merchants');

    await admin.getByTestId('hive-nav-payments').click();
    await admin.locator('[data-testid="payment-row"]', { hasText: '1.25' }).waitFor();
    // Filtered by the member who paid: their payment only.
    await admin.getByRole('combobox', { name: 'Member' }).click();
    const answered = admin.waitForResponse((res) => res.url().includes('/hive-smt/economy/payments') && res.url().includes(`member=${payer.id}`));
    await admin.getByRole('option', { name: payer.username }).click();
    expect((await answered).status()).toBe(200);
    await expect(admin.getByTestId('payment-row').count()).resolves.toBe(1);
    await expect(admin.getByTestId('payment-row').textContent()).resolves.toMatch(/from the balance/);
    await screenshot(admin, '06c-payments');

    await admin.getByTestId('hive-nav-redemptions').click();
    await admin.locator('[data-testid="redemption-row"]', { hasText: 'Waiting for the tokens' }).waitFor();
    await expect(admin.getByTestId('redemption-row').first().textContent()).resolves.toMatch(/0\.20 CNY/);
    await screenshot(admin, '06d-redemptions');
  }, 60000);
});

describe('an Editor', () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await signIn(browser, baseUrl, editor.email, PASSWORD));
    pages.push(page);
  }, 60000);

  it('features the post, drags it to the top, and it comes first in the REST featured feed', async () => {
    const other = await createPost(strapi, oakHill, member, { title: 'Street party on Saturday' });

    await page.goto('/admin/plugins/hive-smt/curation');
    const candidates = page.getByTestId('feature-candidates');
    for (const id of [other.documentId, postDocumentId]) {
      await candidates.locator(`[data-testid="candidate-row"][data-document="${id}"]`).getByTestId('candidate-feature').click();
      await page.locator(`[data-testid="featured-row"][data-document="${id}"]`).waitFor();
    }
    const ours = page.locator(`[data-testid="featured-row"][data-document="${postDocumentId}"]`);
    const first = page.locator('[data-testid="featured-row"]').first();
    // Dragged to the top, then down and up again with the arrows.
    await ours.dragTo(first);
    await first.and(ours).waitFor();
    await ours.getByTestId('featured-down').click();
    await page.locator('[data-testid="featured-row"]').nth(1).and(ours).waitFor();
    await ours.getByTestId('featured-up').click();
    await first.and(ours).waitFor();

    await ours.getByTestId('featured-date').click();
    await page.getByTestId('featured-until-input').fill('2099-12-31T18:00');
    await page.getByTestId('featured-until-save').click();
    await ours.getByTestId('featured-until').waitFor();
    await screenshot(page, '07-curation-featured');

    const feed = await api().get('/api/featured').expect(200);
    expect(feed.body.data.map((p: any) => p.documentId).slice(0, 2)).toEqual([postDocumentId, other.documentId]);
  }, 60000);

  it('hides a comment and mutes a member', async () => {
    await strapi.documents('api::comment.comment').create({ data: { body: 'Buy cheap watches at example.com!!!', post: postDocumentId, author: member.documentId } as any });
    await strapi.documents('api::comment.comment').create({ data: { body: 'Lovely idea, see you there.', post: postDocumentId, author: member.documentId } as any });
    await page.getByTestId('tab-comments').click();
    const spam = page.locator('[data-testid="comment-row"]', { hasText: 'cheap watches' });
    await spam.getByTestId('comment-toggle').click();
    await spam.getByText('Hidden', { exact: true }).waitFor();
    await screenshot(page, '08-curation-comments');

    await page.getByTestId('tab-members').click();
    const mei = page.locator('[data-testid="member-row"][data-username="mei"]');
    await mei.getByTestId('member-mute').click();
    await page.getByTestId('mute-reason').fill('Advertising in comments');
    await screenshot(page, '09-curation-mute-dialog');
    await page.getByTestId('mute-confirm').click();
    await mei.getByTestId('member-status').filter({ hasText: 'Muted' }).waitFor();
    // An editor vouches for a newcomer: they earn token rewards before a board's new-member rule would let them.
    await mei.getByTestId('member-approve').click();
    await mei.getByTestId('member-approved').waitFor();
    await screenshot(page, '10-curation-members');

    const refused = await api()
      .post('/api/comments')
      .set('Authorization', `Bearer ${member.jwt}`)
      .send({ data: { body: 'Let me in', post: postDocumentId } });
    expect(refused.status).toBe(403);
  }, 60000);

  it('cannot open the Settings page', async () => {
    await page.goto('/admin/plugins/hive-smt/chain');
    await page.getByTestId('hive-nav-curation').waitFor();
    await expect(page.getByTestId('hive-nav-settings').count()).resolves.toBe(0);
    await page.goto('/admin/plugins/hive-smt/settings');
    await page.getByTestId('hive-no-access').waitFor();
    await expect(page.getByTestId('hive-settings').count()).resolves.toBe(0);
    await screenshot(page, '11-editor-settings-refused');
    await api().get('/hive-smt/settings').set('Authorization', `Bearer ${editor.token}`).expect(403);
  }, 60000);

  it('reads what was done on the Moderation log, filtered by kind', async () => {
    await page.goto('/admin/plugins/hive-smt/moderation-log');
    await page.getByTestId('hive-moderation-log').waitFor();
    // The editor's curation above (featuring, muting) is there, newest first.
    await page.getByTestId('moderation-entry').filter({ hasText: 'member.mute' }).first().waitFor();
    await page.getByTestId('moderation-entry').filter({ hasText: 'post.feature' }).first().waitFor();
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Member' }).click();
    await page.getByTestId('moderation-entry').filter({ hasText: 'post.feature' }).first().waitFor({ state: 'detached' });
    const actions = await page.getByTestId('moderation-entry').allInnerTexts();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((text) => /member\./.test(text))).toBe(true);
    await screenshot(page, '11b-moderation-log');
  }, 60000);
});

describe('along the way', () => {
  it('no page got a server error', () => {
    expect(serverErrors).toEqual([]);
  });
});

describe('in Simplified Chinese', () => {
  it('shows the Hive pages translated', async () => {
    const { page } = await signIn(browser, baseUrl, superAdmin.email, PASSWORD, 'zh-Hans');
    await page.goto('/admin/plugins/hive-smt/chain');
    await page.getByRole('heading', { name: '链上状态' }).first().waitFor();
    await jobRow(page, postDocumentId).getByTestId('job-status').filter({ hasText: '已确认' }).waitFor();
    await screenshot(page, '12-chain-health-zh-Hans');
    await page.goto('/admin/plugins/hive-smt/boards');
    await page.locator('[data-testid="board-card"][data-board="riverside-walks"]').waitFor();
    await screenshot(page, '13-boards-zh-Hans');
    await page.goto('/admin/plugins/hive-smt/moderation-log');
    await page.getByRole('heading', { name: '管理日志' }).first().waitFor();
    await page.getByTestId('moderation-entry').first().waitFor();
    await screenshot(page, '14-moderation-log-zh-Hans');
    await page.goto('/admin/plugins/hive-smt/payments');
    await page.getByRole('heading', { name: '支付' }).first().waitFor();
    await page.getByTestId('payment-row').filter({ hasText: '从余额' }).first().waitFor();
    await screenshot(page, '15-payments-zh-Hans');
  }, 60000);
});
