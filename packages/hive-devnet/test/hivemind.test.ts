/**
 * hivemind-served reads as public API nodes answer them: only produced blocks,
 * a lag behind the head (1 block by default, settable), the exact missing-post
 * and deleted-post errors of hivemind's exceptions.sql, and
 * create_condenser_post_object's fields.
 */
import type { TestNet } from './helpers';
import { comment, expectRpcError, reply, startTestNet } from './helpers';

const del = (author: string, permlink: string) => ['delete_comment', { author, permlink }] as any;
const getContent = (t: TestNet, author: string, permlink: string) =>
  t.raw({ jsonrpc: '2.0', id: 1, method: 'condenser_api.get_content', params: [author, permlink] });

/** create_condenser_post_object.sql with _content_additions (condenser_api.get_content / get_content_replies). */
const CONDENSER_POST_FIELDS = [
  'author',
  'permlink',
  'category',
  'title',
  'body',
  'json_metadata',
  'created',
  'last_update',
  'depth',
  'children',
  'curator_payout_value',
  'replies',
  'body_length',
  'author_reputation',
  'parent_author',
  'parent_permlink',
  'url',
  'root_title',
  'beneficiaries',
  'max_accepted_payout',
  'percent_hbd',
  'active_votes',
  'last_payout',
  'cashout_time',
  'pending_payout_value',
  'total_payout_value',
  'author_rewards',
  'max_cashout_time',
  'reward_weight',
  'root_author',
  'root_permlink',
  'allow_replies',
  'allow_votes',
  'allow_curation_rewards',
  'net_votes',
  'children_abs_rshares',
  'total_pending_payout_value',
  'reblogged_by',
  'total_vote_weight',
  'net_rshares',
  'abs_rshares',
  'vote_rshares',
];

describe('hivemind lag (default 1 block)', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  test("a post is readable one block after its block, never from the mempool; hived's own state is immediate", async () => {
    await t.send([comment('alice', 'lagged')], t.key('alice'));
    expect(t.devnet.chain.findComment('alice', 'lagged')).toBeDefined(); // hived's state (mempool) has it
    expect((await t.client.database.getAccounts(['alice']))[0].post_count).toBe(1);
    expect((await getContent(t, 'alice', 'lagged')).json.error.data.extension.assertion_expression).toBe('Post alice/lagged does not exist');
    await t.devnet.produceBlocks(1);
    expect((await getContent(t, 'alice', 'lagged')).json.error).toBeDefined(); // in a block, not yet indexed
    expect((await t.rpc('hive.db_head_state', {})).db_head_block).toBe(t.devnet.headBlockNum() - 1);
    await t.devnet.produceBlocks(1);
    expect((await getContent(t, 'alice', 'lagged')).json.result.author).toBe('alice');
  });

  test('edits and deletions reach hivemind with the same lag; deletions are counted', async () => {
    await t.commit([comment('alice', 'lagged', { body: 'edited' })], t.key('alice'));
    expect((await getContent(t, 'alice', 'lagged')).json.result.body).toBe('Body of lagged');
    await t.indexed();
    expect((await getContent(t, 'alice', 'lagged')).json.result.body).toBe('edited');
    await t.commit([del('alice', 'lagged')], t.key('alice'));
    expect((await getContent(t, 'alice', 'lagged')).json.result.author).toBe('alice'); // not indexed yet
    await t.indexed();
    expect((await getContent(t, 'alice', 'lagged')).json.error).toEqual({
      code: -31999,
      message: 'Invalid parameters',
      data: 'Post alice/lagged was deleted 1 time(s)',
    });
    // a second life and a second deletion
    await t.blocks(1, 101);
    await t.commitIndexed([comment('alice', 'lagged')], t.key('alice'));
    expect((await getContent(t, 'alice', 'lagged')).json.result.body).toBe('Body of lagged');
    await t.commitIndexed([del('alice', 'lagged')], t.key('alice'));
    expect((await getContent(t, 'alice', 'lagged')).json.error.data).toBe('Post alice/lagged was deleted 2 time(s)');
    await expectRpcError(t.rpc('bridge.get_post', { author: 'alice', permlink: 'lagged' }), 'Invalid parameters');
  });

  test('debug_node_api.debug_set_hivemind_lag: 0 indexes at once, 3 waits three blocks', async () => {
    expect((await t.rpc('debug_node_api.debug_set_hivemind_lag', { blocks: 3 })).hivemind_lag_blocks).toBe(3);
    await t.blocks(1, 101);
    await t.commit([comment('bob', 'slow-mind')], t.key('bob'));
    await t.devnet.produceBlocks(2);
    expect((await getContent(t, 'bob', 'slow-mind')).json.error).toBeDefined();
    await t.devnet.produceBlocks(1);
    expect((await getContent(t, 'bob', 'slow-mind')).json.result.author).toBe('bob');
    await t.rpc('debug_node_api.debug_set_hivemind_lag', { blocks: 0 });
    await t.commit([reply('carol', 're-slow', 'bob', 'slow-mind')], t.key('carol'));
    expect((await getContent(t, 'carol', 're-slow')).json.result.parent_author).toBe('bob');
    await t.rpc('debug_node_api.debug_set_hivemind_lag', { blocks: 1 });
  });
});

describe('hivemind answers', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  test('a missing post: -32602 with hivemind\'s WAX-compatible data; dhive\'s message is only " category=hivemind"', async () => {
    const res = await getContent(t, 'alice', 'never-written');
    expect(res.json.error).toEqual({
      code: -32602,
      message: 'Assert Exception:Post alice/never-written does not exist',
      data: {
        code: 10,
        name: 'assert_exception',
        message: 'Assert Exception',
        stack: [
          {
            context: {
              level: 'error',
              file: '',
              line: 0,
              method: '',
              hostname: '',
              thread_name: '',
              timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
            },
            format: '',
            data: { category: 'hivemind' },
          },
        ],
        extension: { assertion_expression: 'Post alice/never-written does not exist' },
        assert_hash: '4d5e6f7a8b9c0d1e2f3a',
      },
    });
    let message = '';
    try {
      await t.client.database.call('get_content', ['alice', 'never-written']);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(' category=hivemind');
  });

  test("condenser_api.get_content has hivemind's fields (no id, no promoted, no active), replies and votes", async () => {
    await t.commit([comment('alice', 'shape', { json_metadata: '{"tags":["x"]}' })], t.key('alice'));
    await t.commit(
      [reply('bob', 're-shape', 'alice', 'shape'), ['vote', { voter: 'bob', author: 'alice', permlink: 'shape', weight: 10000 }]] as any,
      t.key('bob'),
    );
    await t.indexed();
    const post = (await getContent(t, 'alice', 'shape')).json.result;
    expect(Object.keys(post).sort()).toEqual([...CONDENSER_POST_FIELDS].sort());
    expect(post).toEqual(
      expect.objectContaining({
        json_metadata: '{"tags":["x"]}',
        children: 1,
        net_votes: 1,
        last_payout: '1969-12-31T23:59:59',
        max_cashout_time: '1969-12-31T23:59:59',
        allow_replies: true,
      }),
    );
    expect(Object.keys(post.active_votes[0]).sort()).toEqual(['percent', 'reputation', 'rshares', 'time', 'voter', 'weight']);
    const replies = await t.rpc('condenser_api.get_content_replies', ['alice', 'shape']);
    expect(replies.map((r: any) => [r.author, r.parent_author, r.parent_permlink, r.root_title])).toEqual([['bob', 'alice', 'shape', 'Title of shape']]);
    const bridge = await t.rpc('bridge.get_post', { author: 'bob', permlink: 're-shape' });
    expect(bridge.title).toBe('RE: Title of shape');
    expect(bridge.stats).toEqual({ hide: false, gray: false, total_votes: 0, flag_weight: 0 });
  });
});
