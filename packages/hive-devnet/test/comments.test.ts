/**
 * comment, comment_options, delete_comment and vote: hived's rules and texts,
 * and the content read APIs (condenser get_content / replies, bridge.get_post).
 */
import type { TestNet } from './helpers';
import { comment, expectRpcError, reply, startTestNet } from './helpers';

const vote = (voter: string, author: string, permlink: string, weight = 10000) => ['vote', { voter, author, permlink, weight }] as any;
const options = (author: string, permlink: string, extra: Record<string, unknown> = {}) =>
  [
    'comment_options',
    { author, permlink, max_accepted_payout: '1000000.000 HBD', percent_hbd: 10000, allow_votes: true, allow_curation_rewards: true, extensions: [], ...extra },
  ] as any;
const beneficiaries = (list: Array<[string, number]>) => [[0, { beneficiaries: list.map(([account, weight]) => ({ account, weight })) }]];
const del = (author: string, permlink: string) => ['delete_comment', { author, permlink }] as any;

describe('comment', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  test('a root post and its condenser shape', async () => {
    const json = JSON.stringify({ app: 'quanzi/0.1', tags: ['school'] });
    await t.commitIndexed(
      [comment('maple-school', 'first-post', { parent_permlink: 'hive-101010', title: '春天 Spring', body: 'Hello **world**', json_metadata: json })],
      t.key('quanzi'),
    );
    const c = await t.rpc('condenser_api.get_content', ['maple-school', 'first-post']);
    expect(c).toEqual(
      expect.objectContaining({
        author: 'maple-school',
        permlink: 'first-post',
        parent_author: '',
        parent_permlink: 'hive-101010',
        category: 'hive-101010',
        title: '春天 Spring',
        body: 'Hello **world**',
        json_metadata: json,
        depth: 0,
        children: 0,
        net_votes: 0,
        active_votes: [],
        beneficiaries: [],
        max_accepted_payout: '1000000.000 HBD',
        percent_hbd: 10000,
        allow_votes: true,
        allow_curation_rewards: true,
        url: '/hive-101010/@maple-school/first-post',
        root_author: 'maple-school',
        root_permlink: 'first-post',
      }),
    );
    // hivemind's condenser post (create_condenser_post_object.sql) has no id; the fat node's had one
    expect(c.id).toBeUndefined();
    const parentOfItsBlock = await t.client.database.getBlock(t.devnet.headBlockNum() - 2);
    expect(c.created).toBe(parentOfItsBlock.timestamp); // evaluated with the parent block's time, as hived does (and hivemind dates it)
    expect(c.last_update).toBe(c.created);
  });

  test("permlink, title, body and metadata validation (hived 1.28.6 validation.hpp helpers: their text, the caller's as context)", async () => {
    await expectRpcError(t.send([comment('alice', 'x'.repeat(256), { title: 'long permlink' })], t.key('alice')), 'permlink is too long');
    // dhive leaves ${s} unreplaced when the value is 0, as it does with hived
    await expectRpcError(t.send([comment('alice', '')], t.key('alice')), 'Permlink is not of valid size');
    await expectRpcError(t.send([comment('alice', 'Upper-Case')], t.key('alice')), 'Invalid permlink character: U');
    await expectRpcError(t.send([comment('alice', 'ok', { parent_permlink: 'bad category' })], t.key('alice')), 'Invalid permlink character:  ');
    await expectRpcError(
      t.send([comment('alice', 'ok', { title: 't'.repeat(256) })], t.key('alice')),
      'String is too large. Size: 256, Max: 255 context=Title size limit exceeded.',
    );
    await expectRpcError(
      t.send([comment('alice', 'ok', { title: '题'.repeat(86) })], t.key('alice')),
      'String is too large. Size: 258, Max: 255 context=Title size limit exceeded.',
    );
    await expectRpcError(t.send([comment('alice', 'ok', { body: '' })], t.key('alice')), 'Body is empty');
    await expectRpcError(t.send([comment('alice', 'ok', { body: 'bad \ud800 surrogate' })], t.key('alice')), 'Body not formatted in UTF8');
    await expectRpcError(t.send([comment('alice', 'ok', { json_metadata: '{"tags":' })], t.key('alice')), 'JSON is not valid JSON');
    await expectRpcError(t.send([comment('alice', 'ok', { json_metadata: '{"a":"\ud800"}' })], t.key('alice')), 'JSON not formatted in UTF8');
    await expectRpcError(t.send([comment('nobody', 'ok')], t.key('alice')), 'unknown key');
    // title of exactly 255 bytes and empty metadata are fine
    await t.send([comment('alice', 'title-255', { title: 't'.repeat(255), json_metadata: '' })], t.key('alice'));
    await t.devnet.produceBlocks(1);
  });

  test('root posts: once every 5 minutes per author, measured in block time', async () => {
    await t.commit([comment('carol', 'root-one')], t.key('carol'));
    await expectRpcError(t.send([comment('carol', 'root-two')], t.key('carol')), 'You may only post once every 5 minutes.');
    await t.blocks(1, 98); // +297 s: still inside the window
    await expectRpcError(t.send([comment('carol', 'root-two')], t.key('carol')), 'You may only post once every 5 minutes.');
    await t.blocks(1);
    await t.commit([comment('carol', 'root-two')], t.key('carol'));
  });

  test('replies: parent must exist, once every 3 seconds per author', async () => {
    await t.commit([comment('dave', 'discussion')], t.key('dave'));
    await expectRpcError(t.send([reply('bob', 're-missing', 'dave', 'no-such-post')], t.key('bob')), 'Comment with `id`/`permlink`');
    await expectRpcError(t.send([reply('bob', 're-missing', 'ghost', 'no-such-post')], t.key('bob')), "Account ghost doesn't exist");
    await t.send([reply('bob', 're-one', 'dave', 'discussion')], t.key('bob'));
    await expectRpcError(t.send([reply('bob', 're-two', 'dave', 'discussion')], t.key('bob')), 'You may only comment once every 3 seconds.');
    await t.devnet.produceBlocks(1);
    await t.send([reply('bob', 're-two', 'bob', 're-one')], t.key('bob'));
    await t.devnet.produceBlocks(1);
    await t.indexed();
    const root = await t.rpc('condenser_api.get_content', ['dave', 'discussion']);
    expect(root.children).toBe(2);
    const nested = await t.rpc('condenser_api.get_content', ['bob', 're-two']);
    expect(nested).toEqual(
      expect.objectContaining({
        depth: 2,
        parent_author: 'bob',
        parent_permlink: 're-one',
        category: 'hive-123456',
        root_author: 'dave',
        root_permlink: 'discussion',
      }),
    );
    expect(nested.url).toBe('/hive-123456/@dave/discussion#@bob/re-two');
    const replies = await t.rpc('condenser_api.get_content_replies', ['dave', 'discussion']);
    expect(replies.map((r: any) => r.permlink)).toEqual(['re-one']);
  });

  test('edits: one per block, the parent cannot change, content replaced', async () => {
    await t.commit([comment('oakhill-hood', 'to-edit', { parent_permlink: 'hive-303030' })], t.key('oakhill-hood'));
    await t.send([comment('oakhill-hood', 'to-edit', { parent_permlink: 'hive-303030', title: 'Edited', body: 'new body' })], t.key('oakhill-hood'));
    await expectRpcError(
      t.send([comment('oakhill-hood', 'to-edit', { parent_permlink: 'hive-303030', body: 'again' })], t.key('oakhill-hood')),
      'Can only perform one comment edit per block.',
    );
    await t.devnet.produceBlocks(1);
    await t.indexed();
    const c = await t.rpc('condenser_api.get_content', ['oakhill-hood', 'to-edit']);
    expect(c.title).toBe('Edited');
    expect(c.body).toBe('new body');
    expect(c.last_update > c.created).toBe(true);
    await expectRpcError(t.send([reply('oakhill-hood', 'to-edit', 'dave', 'discussion')], t.key('oakhill-hood')), 'The parent of a comment cannot change.');
    await expectRpcError(t.send([comment('bob', 're-two')], t.key('bob')), 'The parent of a comment cannot change.');
    // creating and editing in the same block is refused too
    await t.blocks(1, 101);
    await t.send([comment('riverside-photo', 'fresh')], t.key('riverside-photo'));
    await expectRpcError(
      t.send([comment('riverside-photo', 'fresh', { body: 'edit' })], t.key('riverside-photo')),
      'Can only perform one comment edit per block.',
    );
    await t.devnet.produceBlocks(1);
  });

  test('reply depth: 255 levels deep at most', async () => {
    await t.blocks(1, 101);
    await t.commit([comment('alice', 'deep-0')], t.key('alice'));
    const props = await t.client.database.getDynamicGlobalProperties();
    const refBlock = { num: props.head_block_number & 0xffff, prefix: Buffer.from(props.head_block_id, 'hex').readUInt32LE(4) };
    for (let d = 1; d <= 255; d++) {
      await t.client.broadcast.send(await t.sign([reply('alice', `deep-${d}`, 'alice', `deep-${d - 1}`)], t.key('alice'), { refBlock, expireInSeconds: 3000 }));
      await t.devnet.produceBlocks(1);
    }
    await t.indexed();
    expect((await t.rpc('condenser_api.get_content', ['alice', 'deep-255'])).depth).toBe(255);
    await expectRpcError(t.send([reply('alice', 'deep-256', 'alice', 'deep-255')], t.key('alice')), 'Comment is nested 255 posts deep, maximum depth is 255.');
    expect((await t.rpc('condenser_api.get_content', ['alice', 'deep-0'])).children).toBe(255);
  });
});

describe('comment_options, vote, delete_comment', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  test('options and beneficiaries in the same transaction as the comment', async () => {
    await t.commit(
      [
        comment('maple-school', 'with-options'),
        options('maple-school', 'with-options', {
          max_accepted_payout: '0.000 HBD',
          percent_hbd: 0,
          allow_curation_rewards: false,
          extensions: beneficiaries([
            ['alice', 1000],
            ['quanzi', 500],
          ]),
        }),
      ],
      t.key('quanzi'),
    );
    await t.indexed();
    const c = await t.rpc('condenser_api.get_content', ['maple-school', 'with-options']);
    expect(c).toEqual(expect.objectContaining({ max_accepted_payout: '0.000 HBD', percent_hbd: 0, allow_curation_rewards: false, allow_votes: true }));
    expect(c.beneficiaries).toEqual([
      { account: 'alice', weight: 1000 },
      { account: 'quanzi', weight: 500 },
    ]);
  });

  test('beneficiary rules', async () => {
    await t.commit([comment('alice', 'bene')], t.key('alice'));
    await expectRpcError(
      t.send(
        [
          options('alice', 'bene', {
            extensions: beneficiaries([
              ['quanzi', 100],
              ['bob', 100],
            ]),
          }),
        ],
        t.key('alice'),
      ),
      'Beneficiaries must be specified in sorted order (account ascending)',
    );
    await expectRpcError(
      t.send(
        [
          options('alice', 'bene', {
            extensions: beneficiaries([
              ['bob', 6000],
              ['quanzi', 4001],
            ]),
          }),
        ],
        t.key('alice'),
      ),
      'Cannot allocate more than 100% of rewards to a comment',
    );
    // hived 1.28.6: validate_number_in_100_percent_range's own text, the caller's as context (no "to one account" any more)
    await expectRpcError(
      t.send([options('alice', 'bene', { extensions: beneficiaries([['bob', 10001]]) })], t.key('alice')),
      'Number exceeds 100 percent. Value: 10001, Max: 10000 context=Cannot allocate more than 100% of rewards to a comment',
    );
    const nine = ['alice', 'bob', 'carol', 'dave', 'initminer', 'lonely-board', 'maple-school', 'maple-tokens', 'oakhill-hood'].map(
      (a) => [a, 100] as [string, number],
    );
    await expectRpcError(t.send([options('alice', 'bene', { extensions: beneficiaries(nine) })], t.key('alice')), 'Cannot specify more than 8 beneficiaries.');
    await expectRpcError(
      t.send([options('alice', 'bene', { extensions: beneficiaries([['ghost', 100]]) })], t.key('alice')),
      'Beneficiary "ghost" must exist.',
    );
    await expectRpcError(t.send([options('alice', 'nothing-here')], t.key('alice')), 'Comment with `id`/`permlink`');
    await t.commit([options('alice', 'bene', { extensions: beneficiaries(nine.slice(0, 8)) })], t.key('alice'));
    await expectRpcError(
      t.send([options('alice', 'bene', { extensions: beneficiaries([['bob', 100]]) })], t.key('alice')),
      'Comment already has beneficiaries specified.',
    );
  });

  test('options can only be lowered; beneficiaries only before votes', async () => {
    await t.commit([comment('bob', 'opts')], t.key('bob'));
    await t.commit([options('bob', 'opts', { percent_hbd: 5000, max_accepted_payout: '100.000 HBD' })], t.key('bob'));
    await expectRpcError(
      t.send([options('bob', 'opts', { percent_hbd: 6000, max_accepted_payout: '100.000 HBD' })], t.key('bob')),
      'A comment cannot accept a greater percent HBD.',
    );
    await expectRpcError(
      t.send([options('bob', 'opts', { percent_hbd: 5000, max_accepted_payout: '100.001 HBD' })], t.key('bob')),
      'A comment cannot accept a greater payout.',
    );
    await expectRpcError(t.send([options('bob', 'opts', { percent_hbd: 10001 })], t.key('bob')), 'Percent cannot exceed 100%');
    await expectRpcError(t.send([options('bob', 'opts', { max_accepted_payout: '1.000 HIVE' })], t.key('bob')), 'Max accepted payout must be in HBD');
    await t.commit([options('bob', 'opts', { percent_hbd: 5000, max_accepted_payout: '100.000 HBD', allow_votes: false })], t.key('bob'));
    await expectRpcError(
      t.send([options('bob', 'opts', { percent_hbd: 5000, max_accepted_payout: '100.000 HBD', allow_votes: true })], t.key('bob')),
      'Voting cannot be re-enabled.',
    );
    await expectRpcError(t.send([vote('carol', 'bob', 'opts')], t.key('carol')), 'Votes are not allowed on the comment.');

    await t.blocks(1, 101);
    await t.commit([comment('bob', 'voted')], t.key('bob'));
    await t.commit([vote('dave', 'bob', 'voted', 5000)], t.key('dave'));
    await expectRpcError(
      t.send([options('bob', 'voted', { extensions: beneficiaries([['alice', 100]]) })], t.key('bob')),
      'Comment must not have been voted on before specifying beneficiaries.',
    );
    await expectRpcError(
      t.send([options('bob', 'voted', { max_accepted_payout: '0.000 HBD' })], t.key('bob')),
      'One of the included comment options requires the comment to have no rshares allocated to it.',
    );
  });

  test('votes: range, changes, identical vote, zero vote, unknown post', async () => {
    await expectRpcError(t.send([vote('carol', 'bob', 'voted', 10001)], t.key('carol')), 'Weight is not a HIVE percentage');
    await expectRpcError(t.send([vote('carol', 'bob', 'voted', 0)], t.key('carol')), 'Vote weight cannot be 0.');
    await expectRpcError(t.send([vote('carol', 'bob', 'missing')], t.key('carol')), 'Comment with `id`/`permlink`');
    await t.commitIndexed([vote('carol', 'bob', 'voted', 10000)], t.key('carol'));
    let c = await t.rpc('condenser_api.get_content', ['bob', 'voted']);
    expect(c.net_votes).toBe(2);
    // hivemind lists votes by voter account id (list_votes.sql): carol's account is older than dave's
    expect(c.active_votes.map((v: any) => [v.voter, v.percent])).toEqual([
      ['carol', 10000],
      ['dave', 5000],
    ]);
    await expectRpcError(t.send([vote('carol', 'bob', 'voted', 10000)], t.key('carol')), 'Your current vote on this comment is identical to this vote.');
    await t.commitIndexed([vote('carol', 'bob', 'voted', -10000)], t.key('carol'));
    c = await t.rpc('condenser_api.get_content', ['bob', 'voted']);
    expect(c.net_votes).toBe(0);
    expect(c.active_votes.find((v: any) => v.voter === 'carol').rshares).toBeLessThan(0);
    const votes = await t.rpc('condenser_api.get_active_votes', ['bob', 'voted']);
    expect(votes).toHaveLength(2);
  });

  test('delete_comment: no replies, no net positive votes; the permlink becomes free', async () => {
    await t.blocks(1, 101);
    await t.commit([comment('carol', 'to-delete')], t.key('carol'));
    await t.commit([reply('dave', 're-to-delete', 'carol', 'to-delete')], t.key('dave'));
    await expectRpcError(t.send([del('carol', 'to-delete')], t.key('carol')), 'Cannot delete a comment with replies.');
    await t.commitIndexed([del('dave', 're-to-delete')], t.key('dave'));
    expect((await t.rpc('condenser_api.get_content', ['carol', 'to-delete'])).children).toBe(0);
    await t.commit([vote('alice', 'carol', 'to-delete', 100)], t.key('alice'));
    await expectRpcError(t.send([del('carol', 'to-delete')], t.key('carol')), 'Cannot delete a comment with net positive votes.');
    await t.commit([vote('alice', 'carol', 'to-delete', -100)], t.key('alice'));
    await t.commitIndexed([del('carol', 'to-delete')], t.key('carol'));
    const gone = await t.raw({ jsonrpc: '2.0', id: 1, method: 'condenser_api.get_content', params: ['carol', 'to-delete'] });
    expect(gone.json.error).toEqual({ code: -31999, message: 'Invalid parameters', data: 'Post carol/to-delete was deleted 1 time(s)' });
    await expectRpcError(t.send([del('carol', 'to-delete')], t.key('carol')), 'Comment with `id`/`permlink`');
    await t.blocks(1, 101);
    await t.commitIndexed([comment('carol', 'to-delete', { body: 'second life' })], t.key('carol'));
    expect((await t.rpc('condenser_api.get_content', ['carol', 'to-delete'])).body).toBe('second life');
  });

  test('after payout (7 days): no delete, no options, votes ignored, edits allowed', async () => {
    await t.blocks(1, 101);
    await t.commit([comment('dave', 'old-post')], t.key('dave'));
    await t.blocks(1, 7 * 28800); // a week later
    await t.devnet.produceBlocks(1);
    const c = await t.rpc('condenser_api.get_content', ['dave', 'old-post']);
    expect(c.cashout_time).toBe('1969-12-31T23:59:59');
    await expectRpcError(t.send([del('dave', 'old-post')], t.key('dave')), 'Cannot delete comment after payout.');
    await expectRpcError(t.send([options('dave', 'old-post')], t.key('dave')), 'Updating parameters for comment that is paid out is forbidden.');
    await t.commit([vote('alice', 'dave', 'old-post')], t.key('alice'));
    expect((await t.rpc('condenser_api.get_content', ['dave', 'old-post'])).net_votes).toBe(0);
    await t.commit([comment('dave', 'old-post', { body: 'edited later' })], t.key('dave'));
  });
});

describe('content read APIs', () => {
  test("missing posts: hivemind's error by default, the fat node's empty object on request", async () => {
    const fat = await startTestNet({ contentApi: 'fatnode' });
    const hm = await startTestNet();
    try {
      const empty = await fat.rpc('condenser_api.get_content', ['alice', 'nothing']);
      expect(empty).toEqual(expect.objectContaining({ author: '', permlink: '', id: 0, body: '', active_votes: [] }));
      expect(await fat.rpc('condenser_api.get_content_replies', ['alice', 'nothing'])).toEqual([]);
      await expectRpcError(hm.rpc('condenser_api.get_content', ['alice', 'nothing']), 'Post alice/nothing does not exist');
      const raw = await hm.raw({ jsonrpc: '2.0', id: 1, method: 'condenser_api.get_content', params: ['alice', 'nothing'] });
      expect(raw.json.error.code).toBe(-32602);
      await hm.commit([comment('alice', 'gone')], hm.key('alice'));
      await hm.commitIndexed([del('alice', 'gone')], hm.key('alice'));
      const gone = await hm.raw({ jsonrpc: '2.0', id: 1, method: 'condenser_api.get_content', params: ['alice', 'gone'] });
      expect(gone.json.error).toEqual({ code: -31999, message: 'Invalid parameters', data: 'Post alice/gone was deleted 1 time(s)' });
    } finally {
      await fat.stop();
      await hm.stop();
    }
  });

  test('bridge.get_post and get_discussions_by_author_before_date (newest first, before start_permlink, date ignored)', async () => {
    const t = await startTestNet();
    try {
      await t.commit([comment('alice', 'one', { json_metadata: '{"tags":["a"]}' })], t.key('alice'));
      await t.blocks(1, 101);
      await t.commitIndexed([comment('alice', 'two')], t.key('alice'));
      const post = await t.rpc('bridge.get_post', { author: 'alice', permlink: 'one' });
      expect(post).toEqual(expect.objectContaining({ author: 'alice', permlink: 'one', json_metadata: { tags: ['a'] }, url: '/hive-123456/@alice/one' }));
      await expectRpcError(t.rpc('bridge.get_post', { author: 'alice', permlink: 'zzz' }), 'Post alice/zzz does not exist');
      const list = await t.rpc('condenser_api.get_discussions_by_author_before_date', ['alice', '', '1970-01-01T00:00:00', 10]);
      expect(list.map((p: any) => p.permlink)).toEqual(['two', 'one']);
      const older = await t.rpc('condenser_api.get_discussions_by_author_before_date', ['alice', 'two', '', 10]);
      expect(older.map((p: any) => p.permlink)).toEqual(['one']);
    } finally {
      await t.stop();
    }
  });
});
