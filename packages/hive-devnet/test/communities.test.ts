/**
 * Communities as hivemind keeps them (hive/indexer/community.py, community.sql,
 * hive_post_operations.sql): genesis communities with owners, roles and
 * subscribers; custom_json "community" ops with hivemind's permission rules;
 * posts muted by the community type (journal root posts and council comments of
 * non-members), never refused by the chain; the bridge community APIs.
 */
import { communityOpRefusal, newPostMuting, parseCommunityOp } from '../src/hivemind/communities';
import type { TestNet } from './helpers';
import { comment, reply, startTestNet } from './helpers';

const op = (actor: string, json: unknown) =>
  ['custom_json', { required_auths: [], required_posting_auths: [actor], id: 'community', json: JSON.stringify(json) }] as any;
const TOPIC = 'hive-155234';
const JOURNAL = 'hive-255234';
const COUNCIL = 'hive-355234';

describe('community rules (pure)', () => {
  test("new posts: journals mute root posts of non-members, councils mute non-members' posts and comments, topics mute nobody", () => {
    const guest = 0;
    const member = 2;
    expect(newPostMuting(1, guest, false, false)).toEqual({ muted: false, reasons: 0 });
    expect(newPostMuting(2, guest, false, false)).toEqual({ muted: true, reasons: 0b10 });
    expect(newPostMuting(2, member, false, false).muted).toBe(false);
    expect(newPostMuting(2, guest, true, false).muted).toBe(false);
    expect(newPostMuting(3, guest, true, false)).toEqual({ muted: true, reasons: 0b10 });
    expect(newPostMuting(3, member, true, false).muted).toBe(false);
    expect(newPostMuting(1, member, true, true)).toEqual({ muted: true, reasons: 0b100 });
    expect(newPostMuting(null, guest, false, false).muted).toBe(false);
  });

  test('ops are read with CommunityOp.SCHEMA: exact keys, known roles, existing community', () => {
    const exists = (n: string) => n === TOPIC;
    expect(parseCommunityOp('a', JSON.stringify(['subscribe', { community: TOPIC }]), exists)).toEqual({ actor: 'a', action: 'subscribe', community: TOPIC });
    expect(parseCommunityOp('a', JSON.stringify(['subscribe', { community: TOPIC, extra: 1 }]), exists)).toEqual({ error: "extraneous keys: {'extra'}" });
    expect(parseCommunityOp('a', JSON.stringify(['setRole', { community: TOPIC, account: 'b' }]), exists)).toEqual({ error: "missing keys: {'role'}" });
    expect(parseCommunityOp('a', JSON.stringify(['setRole', { community: TOPIC, account: 'b', role: 'king' }]), exists)).toEqual({ error: 'invalid role' });
    expect(parseCommunityOp('a', JSON.stringify(['subscribe', { community: 'hive-999999' }]), exists)).toEqual({
      error: "Community 'hive-999999' does not exist",
    });
    expect(parseCommunityOp('a', '{"subscribe":1}', exists)).toEqual({ error: 'op json must be list' });
  });

  test('permissions (community.sql): mods set roles below their own, admins update props', () => {
    const facts = { actorRole: 4, accountRole: 0, subscribed: false, modsOtherThanAccount: 1, post: null, alreadyFlagged: false };
    const setRole = (role: number) => ({ actor: 'm', action: 'setRole' as const, community: TOPIC, account: 'x', role });
    expect(communityOpRefusal(setRole(2), facts)).toBeNull();
    expect(communityOpRefusal(setRole(4), facts)).toBe('cannot promote to or above own rank');
    expect(communityOpRefusal(setRole(2), { ...facts, actorRole: 2 })).toBe('only mods and up can alter roles');
    expect(communityOpRefusal(setRole(2), { ...facts, accountRole: 8, actorRole: 6 })).toBe('cant modify owner role');
    expect(communityOpRefusal({ actor: 'm', action: 'updateProps', community: TOPIC, props: { title: 'New' } }, facts)).toBe('only admins can update props');
    expect(communityOpRefusal({ actor: 'm', action: 'mutePost', community: TOPIC, account: 'x', permlink: 'p' }, facts)).toBe('post does not exists x/p');
  });
});

describe('communities on the devnet', () => {
  let t: TestNet;
  beforeAll(async () => {
    t = await startTestNet();
  });
  afterAll(() => t.stop());

  test("genesis: the demo's topic community (hive-155234), a journal and a council, each owned by its account", async () => {
    const topic = await t.rpc('bridge.get_community', { name: TOPIC, observer: 'alice' });
    expect(topic).toEqual(
      expect.objectContaining({
        name: TOPIC,
        title: 'Maple Street Primary',
        type_id: 1,
        subscribers: 4,
        context: { role: 'member', subscribed: true, title: '' },
      }),
    );
    expect(topic.team).toEqual([
      [TOPIC, 'owner', ''],
      ['maple-school', 'admin', ''],
    ]);
    expect((await t.rpc('bridge.get_community', { name: JOURNAL })).type_id).toBe(2);
    expect((await t.rpc('bridge.get_community', { name: COUNCIL, observer: 'bob' })).context).toEqual({ role: 'guest', subscribed: false, title: '' });
    expect(await t.rpc('bridge.list_community_roles', { community: TOPIC })).toEqual([
      [TOPIC, 'owner', ''],
      ['maple-school', 'admin', ''],
      ['alice', 'member', ''],
      ['carol', 'member', ''],
    ]);
    const subs = await t.rpc('bridge.list_subscribers', { community: TOPIC });
    expect(subs.map((s: any[]) => s.slice(0, 2))).toEqual([
      ['alice', 'member'],
      ['bob', 'guest'],
      ['carol', 'member'],
      ['dave', 'guest'],
    ]);
    const raw = await t.raw({ jsonrpc: '2.0', id: 1, method: 'bridge.get_community', params: { name: 'hive-177777' } });
    expect(raw.json.error.data.extension.assertion_expression).toBe('Community hive-177777 does not exist');
  });

  test('a journal mutes root posts of non-members (gray in bridge), not their comments; the chain refuses neither', async () => {
    await t.commit([comment('bob', 'journal-guest', { parent_permlink: JOURNAL })], t.key('bob'));
    await t.commit([comment('alice', 'journal-member', { parent_permlink: JOURNAL })], t.key('alice'));
    await t.commitIndexed([reply('dave', 're-journal', 'alice', 'journal-member')], t.key('dave'));
    const guest = await t.rpc('bridge.get_post', { author: 'bob', permlink: 'journal-guest' });
    expect(guest.stats).toEqual(expect.objectContaining({ gray: true, muted_reasons: [1] }));
    expect(guest).toEqual(expect.objectContaining({ community: JOURNAL, community_title: 'Riverside Photo', author_role: 'guest' }));
    const member = await t.rpc('bridge.get_post', { author: 'alice', permlink: 'journal-member' });
    expect(member.stats.gray).toBe(false);
    expect(member.author_role).toBe('member');
    expect((await t.rpc('bridge.get_post', { author: 'dave', permlink: 're-journal' })).stats.gray).toBe(false);
  });

  test("a council mutes non-members' comments too; comments under a muted post are muted", async () => {
    await t.blocks(1, 101);
    await t.commit([comment('carol', 'council-member', { parent_permlink: COUNCIL })], t.key('carol'));
    await t.commitIndexed([reply('bob', 're-council', 'carol', 'council-member')], t.key('bob'));
    expect((await t.rpc('bridge.get_post', { author: 'bob', permlink: 're-council' })).stats).toEqual(
      expect.objectContaining({ gray: true, muted_reasons: [1] }),
    );
    await t.commitIndexed([reply('alice', 're-guest', 'bob', 'journal-guest')], t.key('alice'));
    expect((await t.rpc('bridge.get_post', { author: 'alice', permlink: 're-guest' })).stats).toEqual(
      expect.objectContaining({ gray: true, muted_reasons: [2] }),
    );
    const all = await t.rpc('bridge.get_discussion', { author: 'bob', permlink: 'journal-guest' });
    expect(Object.keys(all)).toEqual(['bob/journal-guest', 'alice/re-guest']);
    expect(await t.rpc('bridge.get_discussion', { author: 'bob', permlink: 'journal-guest', muted_reasons_filter: [2] })).toEqual({
      'bob/journal-guest': all['bob/journal-guest'],
    });
  });

  test('setRole: the owner promotes, a guest cannot; the new member posts unmuted', async () => {
    await t.commitIndexed([op('bob', ['setRole', { community: JOURNAL, account: 'bob', role: 'admin' }])], t.key('bob'));
    expect((await t.rpc('bridge.get_community', { name: JOURNAL, observer: 'bob' })).context.role).toBe('guest');
    await t.commitIndexed([op(JOURNAL, ['setRole', { community: JOURNAL, account: 'bob', role: 'member' }])], t.key(JOURNAL));
    expect((await t.rpc('bridge.get_community', { name: JOURNAL, observer: 'bob' })).context.role).toBe('member');
    await t.blocks(1, 101);
    await t.commitIndexed([comment('bob', 'journal-now-member', { parent_permlink: JOURNAL })], t.key('bob'));
    expect((await t.rpc('bridge.get_post', { author: 'bob', permlink: 'journal-now-member' })).stats.gray).toBe(false);
    // muted accounts' posts are gray even in a topic community
    await t.commitIndexed([op('maple-school', ['setRole', { community: TOPIC, account: 'dave', role: 'muted' }])], t.key('maple-school'));
    await t.blocks(1, 101);
    await t.commitIndexed([comment('dave', 'topic-muted-author', { parent_permlink: TOPIC })], t.key('dave'));
    const muted = await t.rpc('bridge.get_post', { author: 'dave', permlink: 'topic-muted-author' });
    expect(muted).toEqual(expect.objectContaining({ author_role: 'muted', stats: expect.objectContaining({ gray: true, muted_reasons: [4] }) }));
  });

  test('mods mute, unmute and pin posts, set titles; props need an admin', async () => {
    await t.commit([comment('alice', 'topic-post', { parent_permlink: TOPIC })], t.key('alice'));
    await t.commitIndexed([op('maple-school', ['setRole', { community: TOPIC, account: 'carol', role: 'mod' }])], t.key('maple-school'));
    await t.commitIndexed([op('carol', ['mutePost', { community: TOPIC, account: 'alice', permlink: 'topic-post', notes: 'off topic' }])], t.key('carol'));
    expect((await t.rpc('bridge.get_post', { author: 'alice', permlink: 'topic-post' })).stats).toEqual(
      expect.objectContaining({ gray: true, muted_reasons: [0] }),
    );
    await t.commitIndexed([op('carol', ['unmutePost', { community: TOPIC, account: 'alice', permlink: 'topic-post', notes: 'ok' }])], t.key('carol'));
    expect((await t.rpc('bridge.get_post', { author: 'alice', permlink: 'topic-post' })).stats.gray).toBe(false);
    await t.commitIndexed([op('carol', ['pinPost', { community: TOPIC, account: 'alice', permlink: 'topic-post' }])], t.key('carol'));
    const discussion = await t.rpc('bridge.get_discussion', { author: 'alice', permlink: 'topic-post' });
    expect(discussion['alice/topic-post'].stats.is_pinned).toBe(true);
    await t.commitIndexed([op('carol', ['setUserTitle', { community: TOPIC, account: 'alice', title: 'Class rep' }])], t.key('carol'));
    expect((await t.rpc('bridge.get_post', { author: 'alice', permlink: 'topic-post' })).author_title).toBe('Class rep');
    await t.commitIndexed([op('carol', ['updateProps', { community: TOPIC, props: { title: 'Carol was here' } }])], t.key('carol'));
    expect((await t.rpc('bridge.get_community', { name: TOPIC })).title).toBe('Maple Street Primary');
    await t.commitIndexed(
      [op('maple-school', ['updateProps', { community: TOPIC, props: { title: 'Maple Street', about: 'School news' } }])],
      t.key('maple-school'),
    );
    expect(await t.rpc('bridge.get_community', { name: TOPIC })).toEqual(expect.objectContaining({ title: 'Maple Street', about: 'School news' }));
  });

  test('subscribe and unsubscribe; an op signed with active authority is not a community op', async () => {
    await t.commitIndexed([op('bob', ['subscribe', { community: COUNCIL }])], t.key('bob'));
    expect((await t.rpc('bridge.get_community', { name: COUNCIL, observer: 'bob' })).context.subscribed).toBe(true);
    expect((await t.rpc('bridge.get_community', { name: COUNCIL })).subscribers).toBe(3);
    await t.commitIndexed([op('bob', ['unsubscribe', { community: COUNCIL }])], t.key('bob'));
    expect((await t.rpc('bridge.get_community', { name: COUNCIL })).subscribers).toBe(2);
    const active = [
      'custom_json',
      { required_auths: ['bob'], required_posting_auths: [], id: 'community', json: JSON.stringify(['subscribe', { community: COUNCIL }]) },
    ] as any;
    await t.commitIndexed([active], t.key('bob', 'active'));
    expect((await t.rpc('bridge.get_community', { name: COUNCIL })).subscribers).toBe(2);
  });
});
