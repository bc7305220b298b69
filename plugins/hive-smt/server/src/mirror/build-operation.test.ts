import { HIVE_100_PERCENT, MAX_BENEFICIARIES, MAX_TITLE_BYTES, METADATA_DESCRIPTION_MAX_CHARS } from '../chain/protocol';
import {
  DEFAULT_FALLBACK_CATEGORY,
  DEFAULT_TOMBSTONE_NOTICE,
  OperationInputError,
  beneficiariesFor,
  buildEditOperation,
  buildPostOperations,
  buildRemovalOperations,
  type PostOperationInput,
} from './build-operation';

function input(
  overrides: Partial<PostOperationInput> = {},
  post: Partial<PostOperationInput['post']> = {},
  board: Partial<PostOperationInput['board']> = {},
): PostOperationInput {
  return {
    post: {
      title: '  Spring fair  ',
      body: 'Come to the **fair**.',
      excerpt: 'Come to the fair.',
      tags: ['Events', '#school'],
      coverImageUrl: 'https://img.example/cover.jpg',
      canonicalUrl: 'https://quanzi.example/b/maple/spring-fair',
      documentId: 'doc123',
      ...post,
    },
    board: {
      hiveAccount: 'maple-school',
      hiveCommunity: 'hive-123456',
      defaultTags: ['quanzi', 'maple'],
      beneficiaryShareBps: 1000,
      maxAcceptedPayout: '1000000.000 HBD',
      percentHbd: 10000,
      allowVotes: true,
      allowCurationRewards: true,
      ...board,
    },
    author: { account: 'alice' },
    app: { name: 'quanzi', version: '0.1.0' },
    permlink: 'spring-fair',
    ...overrides,
  };
}

const metadataOf = (op: { 1: { json_metadata: string } }) => JSON.parse(op[1].json_metadata);

describe('buildPostOperations', () => {
  it('returns a comment then its comment_options, as dhive tuples', () => {
    const [comment, options] = buildPostOperations(input());
    expect(comment[0]).toBe('comment');
    expect(options[0]).toBe('comment_options');
    expect(comment[1]).toMatchObject({ parent_author: '', author: 'alice', permlink: 'spring-fair', title: 'Spring fair' });
    expect(options[1]).toMatchObject({ author: 'alice', permlink: 'spring-fair' });
  });

  describe('parent_permlink of a root post', () => {
    it('is the community when the board has one', () => {
      expect(buildPostOperations(input())[0][1].parent_permlink).toBe('hive-123456');
    });
    it('is otherwise the first normalized tag usable as a permlink', () => {
      const op = buildPostOperations(input({}, { tags: ['#Dev_Ops', 'Events'] }, { hiveCommunity: null }))[0];
      expect(op[1].parent_permlink).toBe('events'); // dev_ops has '_' which a permlink cannot
    });
    it('falls back when there is no usable tag', () => {
      const op = buildPostOperations(input({}, { tags: ['中文'] }, { hiveCommunity: null, defaultTags: [] }))[0];
      expect(op[1].parent_permlink).toBe(DEFAULT_FALLBACK_CATEGORY);
      const custom = buildPostOperations(input({ fallbackCategory: 'town' }, { tags: [] }, { hiveCommunity: null, defaultTags: [] }))[0];
      expect(custom[1].parent_permlink).toBe('town');
    });
    it('refuses a malformed community name with the reason', () => {
      expect(() => buildPostOperations(input({}, {}, { hiveCommunity: 'hive-9' }))).toThrow(/look like "hive-123456"/);
    });
  });

  it('uses a given parent as is (replies, container mode)', () => {
    const op = buildPostOperations(input({ parent: { author: 'maple-school', permlink: 'maple-daily-2024-05-01' } }))[0];
    expect(op[1]).toMatchObject({ parent_author: 'maple-school', parent_permlink: 'maple-daily-2024-05-01' });
  });

  it(`cuts the title to ${MAX_TITLE_BYTES} bytes on a character boundary`, () => {
    const op = buildPostOperations(input({}, { title: '圈'.repeat(100) }))[0];
    expect(Buffer.byteLength(op[1].title)).toBe(255);
    expect(op[1].title).toBe('圈'.repeat(85));
  });

  it('refuses a post too large for one transaction, saying how much fits', () => {
    expect(() => buildPostOperations(input({}, { body: 'x'.repeat(70_000) }))).toThrow(/too long for one Hive transaction/);
    expect(() => buildPostOperations(input({}, { body: 'x'.repeat(50_000) }))).not.toThrow();
  });

  it('refuses a root post without a title', () => {
    expect(() => buildPostOperations(input({}, { title: '   ' }))).toThrow(OperationInputError);
  });

  describe('body', () => {
    it('appends the footer with the canonical link', () => {
      const body = buildPostOperations(input())[0][1].body;
      expect(body).toBe('Come to the **fair**.\n\n---\n\nOriginally published at https://quanzi.example/b/maple/spring-fair');
    });
    it('uses the board template and its {url} placeholder', () => {
      const body = buildPostOperations(input({}, {}, { footerTemplate: '原文：{url}（{url}）' }))[0][1].body;
      expect(body.endsWith('原文：https://quanzi.example/b/maple/spring-fair（https://quanzi.example/b/maple/spring-fair）')).toBe(true);
    });
    it('keeps the link even when a template forgot {url}', () => {
      const body = buildPostOperations(input({}, {}, { footerTemplate: 'From our school' }))[0][1].body;
      expect(body.endsWith('From our school\nhttps://quanzi.example/b/maple/spring-fair')).toBe(true);
    });
    it('credits the member when posting on their behalf, with their account when linked', () => {
      const plain = buildPostOperations(input({ author: { account: 'maple-school', onBehalfOf: { displayName: 'Li Wei' } } }))[0][1].body;
      expect(plain.endsWith('Posted by Li Wei on Quanzi')).toBe(true);
      const linked = buildPostOperations(input({ author: { account: 'maple-school', onBehalfOf: { displayName: 'Li Wei', linkedAccount: 'liwei' } } }))[0][1]
        .body;
      expect(linked.endsWith('Posted by Li Wei (@liwei) on Quanzi')).toBe(true);
    });
    it("makes a member's display name inert markdown", () => {
      const body = buildPostOperations(input({ author: { account: 'maple-school', onBehalfOf: { displayName: '[x](javascript:alert(1))\n# big' } } }))[0][1]
        .body;
      expect(body).toContain('Posted by \\[x\\]\\(javascript:alert\\(1\\)\\) \\# big on Quanzi');
    });
    it('says nothing about a member for the author’s own posts', () => {
      expect(buildPostOperations(input())[0][1].body).not.toContain('Posted by');
    });
  });

  describe('json_metadata', () => {
    it('carries app, format, normalized tags, image, description, canonical url and the document id', () => {
      expect(metadataOf(buildPostOperations(input())[0])).toEqual({
        app: 'quanzi/0.1.0',
        format: 'markdown',
        tags: ['events', 'school', 'quanzi', 'maple'],
        image: ['https://img.example/cover.jpg'],
        description: 'Come to the fair.',
        canonical_url: 'https://quanzi.example/b/maple/spring-fair',
        quanzi: { documentId: 'doc123' },
      });
    });
    it(`shortens the description to ${METADATA_DESCRIPTION_MAX_CHARS} characters`, () => {
      const md = metadataOf(buildPostOperations(input({}, { excerpt: 'word '.repeat(200) }))[0]);
      expect(Array.from(md.description).length).toBeLessThanOrEqual(METADATA_DESCRIPTION_MAX_CHARS);
      expect(md.description.endsWith('…')).toBe(true);
    });
    it('leaves out a missing or non-http cover and an empty excerpt', () => {
      const md = metadataOf(buildPostOperations(input({}, { coverImageUrl: 'javascript:alert(1)', excerpt: '  ' }))[0]);
      expect(md.image).toBeUndefined();
      expect(md.description).toBeUndefined();
    });
    it('names the member in quanzi.member when posting on their behalf', () => {
      const md = metadataOf(
        buildPostOperations(input({ author: { account: 'maple-school', onBehalfOf: { displayName: 'Li Wei', linkedAccount: 'liwei' } } }))[0],
      );
      expect(md.quanzi).toEqual({ documentId: 'doc123', member: { displayName: 'Li Wei', account: 'liwei' } });
    });
    it('refuses a canonical URL that is not http(s)', () => {
      expect(() => buildPostOperations(input({}, { canonicalUrl: '/relative/path' }))).toThrow(/http\(s\) URL/);
    });
  });

  describe('comment_options', () => {
    it('carries the payout settings', () => {
      const options = buildPostOperations(input({}, {}, { maxAcceptedPayout: '0.000 HBD', percentHbd: 0, allowVotes: false, allowCurationRewards: false }))[1];
      expect(options[1]).toMatchObject({ max_accepted_payout: '0.000 HBD', percent_hbd: 0, allow_votes: false, allow_curation_rewards: false });
    });
    it('refuses a payout that is not an HBD amount', () => {
      expect(() => buildPostOperations(input({}, {}, { maxAcceptedPayout: '100 HIVE' }))).toThrow(/HBD amount/);
    });
    it("routes the board's share when a member posts from their own account", () => {
      expect(buildPostOperations(input())[1][1].extensions).toEqual([[0, { beneficiaries: [{ account: 'maple-school', weight: 1000 }] }]]);
    });
    it('drops a route to the author itself, leaving no extension at all', () => {
      const options = buildPostOperations(input({ author: { account: 'maple-school' } }))[1];
      expect(options[1].extensions).toEqual([]);
    });
    it('routes the rest to a linked member when the board account posts for them', () => {
      const options = buildPostOperations(input({ author: { account: 'maple-school', onBehalfOf: { displayName: 'Li', linkedAccount: 'liwei' } } }))[1];
      expect(options[1].extensions).toEqual([[0, { beneficiaries: [{ account: 'liwei', weight: HIVE_100_PERCENT - 1000 }] }]]);
    });
  });
});

describe('beneficiariesFor', () => {
  const base = input();
  it('sorts by account, merges repeated accounts and drops zero weights', () => {
    const routes = beneficiariesFor({
      ...base,
      extraBeneficiaries: [
        { account: 'zeta', weight: 100 },
        { account: 'beta', weight: 0 },
        { account: 'alpha', weight: 50 },
        { account: 'zeta', weight: 25 },
      ],
    });
    expect(routes).toEqual([
      { account: 'alpha', weight: 50 },
      { account: 'maple-school', weight: 1000 },
      { account: 'zeta', weight: 125 },
    ]);
  });
  it(`refuses more than ${MAX_BENEFICIARIES} routes and more than 100 %`, () => {
    const many = Array.from({ length: MAX_BENEFICIARIES }, (_, i) => ({ account: `acct${i}`, weight: 1 }));
    expect(() => beneficiariesFor({ ...base, extraBeneficiaries: many })).toThrow(/at most 8/);
    expect(() => beneficiariesFor({ ...base, extraBeneficiaries: [{ account: 'bob', weight: 9001 }] })).toThrow(/must not exceed 100%/);
  });
  it('refuses invalid accounts and weights', () => {
    expect(() => beneficiariesFor({ ...base, extraBeneficiaries: [{ account: 'Bob', weight: 1 }] })).toThrow(/lowercase/);
    expect(() => beneficiariesFor({ ...base, board: { ...base.board, beneficiaryShareBps: 1.5 } })).toThrow(/whole number/);
  });
});

describe('buildEditOperation', () => {
  it('keeps author, permlink and the stored parent, with the new content', () => {
    const edit = buildEditOperation({
      ...input({}, { title: 'Spring fair (moved)', tags: ['other'] }, { hiveCommunity: null }),
      parent: { author: '', permlink: 'events' },
    });
    expect(edit[0]).toBe('comment');
    expect(edit[1]).toMatchObject({ parent_author: '', parent_permlink: 'events', author: 'alice', permlink: 'spring-fair', title: 'Spring fair (moved)' });
  });
  it('requires the parent', () => {
    expect(() => buildEditOperation({ ...input(), parent: undefined as never })).toThrow(/parent/);
  });
});

describe('buildRemovalOperations', () => {
  const target = { author: 'alice', permlink: 'spring-fair', parent: { author: '', permlink: 'hive-123456' }, documentId: 'doc123' };
  it('deletes', () => {
    expect(buildRemovalOperations('delete', target)).toEqual([['delete_comment', { author: 'alice', permlink: 'spring-fair' }]]);
  });
  it('or replaces the post with a tombstone under the same parent', () => {
    const [op] = buildRemovalOperations('tombstone', target, { app: { name: 'quanzi', version: '1' } });
    expect(op[0]).toBe('comment');
    const body = op[1] as { body: string; title: string; parent_permlink: string; json_metadata: string };
    expect(body.body).toBe(DEFAULT_TOMBSTONE_NOTICE);
    expect(body.title).toBe('Removed');
    expect(body.parent_permlink).toBe('hive-123456');
    expect(JSON.parse(body.json_metadata)).toEqual({ app: 'quanzi/1', format: 'markdown', tags: [], quanzi: { documentId: 'doc123', removed: true } });
  });
  it('uses a configured notice, and no title for a reply', () => {
    const [op] = buildRemovalOperations('tombstone', { ...target, parent: { author: 'bob', permlink: 'x' } }, { notice: '已删除' });
    expect(op[1]).toMatchObject({ body: '已删除', title: '' });
  });
});

describe("the host app's extras", () => {
  it("merges the app's metadata into its namespace and puts its block above the text", () => {
    const extras = { metadata: { kind: 'event', event: { place: 'Hall' }, documentId: 'not-this-one' }, bodyBlock: '**Where:** Hall' };
    const [comment] = buildPostOperations(input({}, { extras }));
    expect(metadataOf(comment).quanzi).toEqual({ kind: 'event', event: { place: 'Hall' }, documentId: 'doc123' });
    expect(comment[1].body.startsWith('**Where:** Hall\n\nCome to the **fair**.')).toBe(true);
  });

  it('changes nothing when there are none', () => {
    const [plain] = buildPostOperations(input());
    const [empty] = buildPostOperations(input({}, { extras: {} }));
    expect(empty[1]).toEqual(plain[1]);
  });
});
