import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import type { Core } from '@strapi/strapi';
import { stopStrapi } from '../helpers/strapi';
import { createAdmin, type TestAdmin } from '../helpers/admins';
import { waitFor } from '../helpers/chain';
import { launchChromium, screenshot, serverErrors, signIn, startListeningApp } from './browser';

/**
 * The demo as a newcomer meets it: the app started on an empty database with
 * the demo seeded shows a working token economy in the admin panel (pools,
 * earners, a paid payout) and over REST; an editor approves a member's post
 * from the Curation page's "Waiting for review" tab.
 */
const PASSWORD = 'Admin-password-1';
let strapi: Core.Strapi;
let baseUrl: string;
let browser: Browser;
let superAdmin: TestAdmin;
let editor: TestAdmin;
let page: Page;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  ({ strapi, baseUrl } = await startListeningApp({ SEED_DEMO: 'true' }));
  superAdmin = await createAdmin(strapi, 'strapi-super-admin');
  editor = await createAdmin(strapi, 'strapi-editor');
  browser = await launchChromium();
  ({ page } = await signIn(browser, baseUrl, superAdmin.email, PASSWORD));
}, 120000);

afterAll(async () => {
  await browser?.close();
  await stopStrapi();
});

it('shows the demo boards\' token economy with a paid period on the Rewards page', async () => {
  await waitFor(async () => {
    const lines: any[] = await strapi.db.query('plugin::hive-smt.payout' as any).findMany({ select: ['id', 'state'] });
    return lines.length > 0 && lines.every((l) => l.state === 'paid');
  }, "the demo's first payouts", 90000, 500);
  await page.goto('/admin/plugins/hive-smt/rewards');
  await page.getByTestId('rewards-stats').waitFor();
  await expect(page.getByTestId('rewards-empty').count()).resolves.toBe(0);
  await page.locator('[data-testid="batch-row"]', { hasText: 'Paid' }).first().waitFor();
  await expect(page.getByTestId('top-earners').textContent()).resolves.toMatch(/@(alice|bob|carol|dave)/);
  await expect(page.getByTestId('rewards-stats').textContent()).resolves.toMatch(/MAPLE|SNAP|OAK/);
  await screenshot(page, '20-demo-rewards');

  const login = await api().post('/api/auth/local').send({ identifier: 'alice', password: 'Quanzi-demo-2026' }).expect(200);
  const mine = await api().get('/api/me/rewards').set('Authorization', `Bearer ${login.body.jwt}`).expect(200);
  expect(mine.body.data.balances.some((b: any) => Number(b.paid) > 0)).toBe(true);
  const liked = await strapi.documents('api::post.post').findFirst({ filters: { title: 'Golden hour walk: results' }, status: 'published' });
  const rewards = await api().get(`/api/posts/${liked!.documentId}/rewards`).expect(200);
  expect(rewards.body.data.status).not.toBe('no-token');
}, 150000);

it('lets an editor approve a member\'s post from "Waiting for review"', async () => {
  const login = await api().post('/api/auth/local').send({ identifier: 'bob', password: 'Quanzi-demo-2026' }).expect(200);
  const sent = await api()
    .post('/api/posts')
    .set('Authorization', `Bearer ${login.body.jwt}`)
    .send({ data: { title: 'Lost lunchbox', body: 'A blue lunchbox was left at the gate.', board: 'maple-street-primary' } })
    .expect(200);
  expect(sent.body.meta.moderation).toBe('awaiting-editor');
  const { page: editorPage } = await signIn(browser, baseUrl, editor.email, PASSWORD);
  await editorPage.goto('/admin/plugins/hive-smt/curation');
  await editorPage.getByTestId('tab-review').click();
  const row = editorPage.locator(`[data-testid="review-row"][data-document="${sent.body.data.documentId}"]`);
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/Lost lunchbox/);
  await screenshot(editorPage, '21-curation-waiting-for-review');
  await row.getByTestId('review-approve').click();
  await row.waitFor({ state: 'detached' });
  expect(await strapi.documents('api::post.post').findOne({ documentId: sent.body.data.documentId, status: 'published' })).toBeTruthy();
  const told = await api().get('/api/me/notifications').set('Authorization', `Bearer ${login.body.jwt}`).expect(200);
  expect(told.body.data.some((n: any) => n.kind === 'moderation' && n.payload.decision === 'approved')).toBe(true);
  expect(serverErrors).toEqual([]);
}, 90000);
