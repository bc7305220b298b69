import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { bearer, createMember, type TestMember } from '../helpers/members';
import { createPost } from '../helpers/fixtures';
import { createRewardBoard } from '../helpers/rewards';
import { waitFor } from '../helpers/chain';
import { componentPath, simulator } from './simulate';

/**
 * The mini-program sample's components (apps/miniprogram/components) rendered
 * by WeChat's miniprogram-simulate with live answers of a real Quanzi app: the
 * feed card, the threaded comment with its replies, and the rewards shown as
 * points with nothing to trade.
 */
let strapi: Core.Strapi;
let lin: TestMember;
let chen: TestMember;
let postId: string;
let feed: any;
let thread: any;
let rewards: any;
const api = () => request(strapi.server.httpServer);
// The DOM globals come after the app has started: libraries the server loads must not take it for a browser.
let simulate: any;

/**
 * Each component is loaded once (its script runs once, as require caches it), under its own tag name, with
 * the simulator's JavaScript WXML compiler (WeChat's wcc binary keeps global state between components of one run).
 */
const loaded = new Map<string, string>();
function mount(name: string, props: Record<string, unknown>) {
  if (!loaded.has(name)) loaded.set(name, simulate.load(componentPath(name), name.split('/').pop(), { compiler: 'simulate' }));
  const component = simulate.render(loaded.get(name), props);
  component.attach(document.createElement('parent-wrapper'));
  return component;
}
const texts = (component: any, selector: string): string[] => component.querySelectorAll(selector).map((node: any) => node.dom.textContent);

beforeAll(async () => {
  strapi = await startStrapi({ REWARDS_CASHOUT_SECONDS: '3', REWARDS_TICK_MS: '300' });
  const board = await createRewardBoard(strapi, { symbol: 'MAPLE', rewardPerInterval: '25' }, { name: 'Maple Street Primary', slug: 'maple-street', tokenSymbol: 'MAPLE' });
  lin = await createMember(strapi, { username: 'lin' });
  chen = await createMember(strapi, { username: 'chen' });
  await api().put('/api/me').set(bearer(lin)).send({ data: { displayName: '林老师' } }).expect(200);
  await api().put('/api/me').set(bearer(chen)).send({ data: { displayName: '陈爸爸' } }).expect(200);
  const post = await createPost(strapi, board, lin, { title: '周五图书交换', body: '带两本书来，换两本回家。' });
  postId = post.documentId;
  await createPost(strapi, board, chen, { title: 'Lost: blue lunch box' });
  await api().post(`/api/posts/${postId}/like`).set(bearer(chen)).expect(200);
  const first = await api().post(`/api/posts/${postId}/comments`).set(bearer(chen)).send({ data: { body: '好主意！**我来**' } }).expect(200);
  await api()
    .post(`/api/posts/${postId}/comments`)
    .set(bearer(lin))
    .send({ data: { body: '谢谢 <script>alert(1)</script>', parent: first.body.data.documentId } })
    .expect(200);
  simulate = simulator();
  feed = (await api().get('/api/feed').query({ board: 'maple-street', featuredFirst: 'true' }).expect(200)).body;
  thread = (await api().get(`/api/posts/${postId}/comments`).query({ order: 'oldest' }).expect(200)).body;
  // Lin's post earned a share of the pool; without a linked Hive account it waits as pending.
  rewards = await waitFor(
    async () => {
      const answer = (await api().get('/api/me/rewards').set(bearer(lin)).expect(200)).body;
      return answer.data.balances.length ? answer : null;
    },
    "Lin's first reward",
    30000,
    300,
  );
}, 90000);

afterAll(stopStrapi);

describe('post-card', () => {
  it('shows a feed item: title, excerpt, author, likes and comments (replies count)', () => {
    const item = feed.data.find((p: any) => p.documentId === postId);
    const card = mount('components/post-card', { post: item });
    expect(texts(card, '.title')).toEqual(['周五图书交换']);
    expect(texts(card, '.excerpt')[0]).toContain('带两本书来');
    expect(texts(card, '.meta')).toEqual(['林老师 · 1 赞 · 2 评论']);
    expect(card.querySelector('.badge')).toBeFalsy();
  });

  it('asks the page to open the post when tapped', async () => {
    const card = mount('components/post-card', { post: feed.data[0] });
    const opened: string[] = [];
    card.addEventListener('open', (event: any) => opened.push(event.detail.documentId));
    card.querySelector('.card').dispatchEvent('tap');
    await simulate.sleep(10);
    expect(opened).toEqual([feed.data[0].documentId]);
  });
});

describe('comment-item', () => {
  it('shows a comment with its reply beneath it', () => {
    const item = mount('components/comment-item', { comment: thread.data[0] });
    expect(texts(item, '.name')).toEqual(['陈爸爸', '林老师']);
    const nested = item.querySelector('.replies');
    expect(nested).toBeTruthy();
    expect(nested.dom.textContent).toContain('林老师');
    // What it renders is the server's sanitized HTML: the reply's script never reached it.
    expect(thread.data[0].replies[0].bodyHtml).not.toContain('<script');
    expect(thread.data[0].bodyHtml).toContain('<strong>我来</strong>');
  });

  it('asks to answer the comment whose 回复 was tapped, a reply included', async () => {
    const item = mount('components/comment-item', { comment: thread.data[0] });
    const asked: Array<{ documentId: string; name: string }> = [];
    item.addEventListener('reply', (event: any) => asked.push(event.detail));
    const buttons = item.querySelectorAll('.reply');
    expect(buttons).toHaveLength(2);
    buttons[1].dispatchEvent('tap');
    buttons[0].dispatchEvent('tap');
    await simulate.sleep(10);
    expect(asked).toEqual([
      { documentId: thread.data[0].replies[0].documentId, name: '林老师' },
      { documentId: thread.data[0].documentId, name: '陈爸爸' },
    ]);
  });
});

describe('points-card', () => {
  it('shows the board token as points earned and waiting, with nothing to trade or transfer', () => {
    const [balance] = rewards.data.balances;
    const card = mount('components/points-card', { balances: rewards.data.balances });
    expect(texts(card, '.board')).toEqual(['Maple Street Primary']);
    const earned = texts(card, '.earned')[0];
    expect(earned).toMatch(/^\d+(\.\d+)? 积分$/);
    expect(Number(earned.split(' ')[0])).toBeGreaterThan(0);
    expect(Number(balance.pending) + Number(balance.scheduled)).toBeGreaterThan(0);
    expect(texts(card, '.waiting')[0]).toMatch(/^其中 \d+(\.\d+)? 待发放$/);
    const words = card.dom.textContent;
    for (const forbidden of ['MAPLE', '转账', '交易', '提现', '市场', 'transfer', 'market']) expect(words).not.toContain(forbidden);
  });

  it('says how to earn points when there are none', () => {
    const card = mount('components/points-card', { balances: [] });
    expect(card.querySelector('.empty').dom.textContent).toBe('发帖、点赞都能获得积分。');
  });
});

describe('thread shape', () => {
  it('lists replies of replies under the top comment, oldest first, saying whom each answers', () => {
    const { flatReplies } = require('../../apps/miniprogram/utils/thread');
    const who = (name: string) => ({ displayName: name, avatarUrl: null });
    const comment = {
      documentId: 'c1',
      author: who('A'),
      createdAt: '1',
      replies: [
        { documentId: 'r1', author: who('B'), createdAt: '2', replies: [{ documentId: 'r3', author: who('A'), createdAt: '4', replies: [] }] },
        { documentId: 'r2', author: who('C'), createdAt: '3', replies: [] },
      ],
    };
    expect(flatReplies(comment).map((r: any) => [r.documentId, r.to])).toEqual([
      ['r1', ''],
      ['r2', ''],
      ['r3', 'B'],
    ]);
  });
});

describe('points arithmetic', () => {
  it('adds token amounts as decimals, not floats', () => {
    const { addDecimals, pointsOf } = require('../../apps/miniprogram/utils/points');
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals('12.345', '0.005')).toBe('12.350');
    expect(addDecimals('3', '0.25')).toBe('3.25');
    const [row] = pointsOf([{ board: { documentId: 'b', name: 'Maple' }, symbol: 'MAPLE', paid: '1.000', scheduled: '0.000', pending: '0.000' }]);
    expect(row).toMatchObject({ earned: '1.000', waiting: '0.000', hasWaiting: false });
    // Points spent at a merchant were earned all the same; an older server without `spent` counts none.
    const [spender] = pointsOf([{ board: { documentId: 'b', name: 'Maple' }, symbol: 'MAPLE', paid: '0.000', scheduled: '0.000', pending: '6.500', spent: '3.500' }]);
    expect(spender).toMatchObject({ earned: '10.000', waiting: '6.500', spendable: null });
    // A board in points mode pays nothing out: its pending points are there to spend, not waiting.
    const [kept] = pointsOf([
      { board: { documentId: 'b', name: 'Maple' }, symbol: 'MAPLE', presentation: 'points', paid: '0.000', scheduled: '0.000', pending: '6.500', spent: '3.500' },
    ]);
    expect(kept).toMatchObject({ earned: '10.000', spendable: '6.500', hasWaiting: false });
  });
});
