import fs from 'fs';
import path from 'path';
import { applyReadRule, prepareReaderQuery } from '../../src/read-rule/query';
import { valueProblem } from '../../src/read-rule/filters';
import { MAX_FILTER_LIST, MAX_POPULATE_DEPTH, MAX_POPULATE_PER_LEVEL } from '../../src/read-rule/limits';
import type { Model } from '../../src/read-rule/schema';
import { BOARD, COMMENT, POST, visibleRows } from '../../src/read-rule/visibility';

/** The project's own schema files, with the attributes Strapi adds to every content type. */
const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const STRAPI_ADDS = {
  createdAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
  publishedAt: { type: 'datetime' },
  createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user', private: true, visible: false },
  localizations: { type: 'relation', relation: 'oneToMany', target: 'self', private: true, visible: false },
};
const contentType = (uid: string, file: string): Model => ({ uid, modelType: 'contentType', attributes: { ...read(file).attributes, ...STRAPI_ADDS } });
const MODELS: Record<string, Model> = {
  [BOARD]: contentType(BOARD, 'src/api/board/content-types/board/schema.json'),
  [POST]: contentType(POST, 'src/api/post/content-types/post/schema.json'),
  [COMMENT]: contentType(COMMENT, 'src/api/comment/content-types/comment/schema.json'),
  'plugin::users-permissions.user': contentType('plugin::users-permissions.user', 'src/extensions/users-permissions/content-types/user/schema.json'),
  'hive-smt.token-economics': { uid: 'hive-smt.token-economics', modelType: 'component', attributes: read('plugins/hive-smt/server/src/components/token-economics.json').attributes },
  'plugin::upload.file': { uid: 'plugin::upload.file', attributes: { url: { type: 'text' }, related: { type: 'relation', relation: 'morphToMany' } } },
};
const getModel = (uid: string) => MODELS[uid];
const reader = { getModel, editor: false };
const editor = { getModel, editor: true };

/** The whole rule, as installed around Strapi's sanitizer (here without it). */
const rule = (uid: string, query: Record<string, unknown>, ctx = reader) => applyReadRule(prepareReaderQuery(query, MODELS[uid], ctx), MODELS[uid], ctx);

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error: any) {
    return { name: error.name, message: error.message, rule: error.details?.rule };
  }
  throw new Error('expected a refusal');
};

describe('status and visibility for readers who are not editors', () => {
  it('pins status to published whatever the reader asked, and drops the cohort parameters', () => {
    for (const status of ['draft', 'published', undefined, ['draft'], { $ne: 'x' }]) {
      const q = rule(BOARD, { status, publicationFilter: 'never-published', hasPublishedVersion: 'false' });
      expect(q.status).toBe('published');
      expect(q).not.toHaveProperty('publicationFilter');
      expect(q).not.toHaveProperty('hasPublishedVersion');
    }
  });

  it('joins the root filters with the rule of the list', () => {
    expect(rule(BOARD, {}).filters).toEqual(visibleRows(BOARD));
    expect(rule(POST, { filters: { title: { $eq: 'x' } } }).filters).toEqual({ $and: [{ title: { $eq: 'x' } }, visibleRows(POST)] });
  });

  it('applies the rule inside every filter that crosses into posts, comments or boards', () => {
    const q: any = rule(BOARD, { filters: { posts: { title: { $contains: 'secret' } } } });
    expect(q.filters.$and[0]).toEqual({ posts: { $and: [{ title: { $contains: 'secret' } }, visibleRows(POST)] } });
    const replies: any = rule(COMMENT, { filters: { $or: [{ replies: { hidden: true } }, { parent: 5 }] } });
    expect(replies.filters.$and[0].$or).toEqual([{ replies: { $and: [{ hidden: true }, visibleRows(COMMENT)] } }, { parent: { $and: [{ id: 5 }, visibleRows(COMMENT)] } }]);
  });

  it('filters every populated relation by its rule, at every level', () => {
    const q: any = rule(COMMENT, { populate: { post: { populate: { board: true } }, parent: '*' } });
    expect(q.populate.post.filters).toEqual(visibleRows(POST));
    expect(q.populate.post.populate.board.filters).toEqual(visibleRows(BOARD));
    expect(q.populate.parent.filters).toEqual(visibleRows(COMMENT));
  });

  it('counts a list relation through the rule too', () => {
    const q: any = rule(BOARD, { populate: { posts: { count: 'true' } } });
    expect(q.populate.posts).toEqual({ count: 'true', filters: visibleRows(POST) });
  });

  it('leaves editors the query they asked for (drafts, hidden rows), with its values still checked', () => {
    const q = rule(POST, { status: 'draft', filters: { title: 'x' }, populate: { board: { populate: { posts: true } } } }, editor);
    expect(q).toMatchObject({ status: 'draft', filters: { title: 'x' }, populate: { board: { populate: { posts: {} } } } });
    expect(refusal(() => rule(POST, { filters: { featuredRank: 'abc' } }, editor)).rule).toBe('filter-value');
  });
});

describe('populate bounds', () => {
  it('reads every form Strapi accepts as one explicit object', () => {
    const forms: unknown[] = ['board,cover', ['board', 'cover'], { board: true, cover: 'true' }, { board: '*', cover: {} }, { 0: 'board', 1: 'cover' }];
    for (const populate of forms) expect(Object.keys((rule(POST, { populate }) as any).populate).sort()).toEqual(['board', 'cover']);
    expect((rule(COMMENT, { populate: 'post.board' }) as any).populate.post.populate.board).toBeDefined();
  });

  it("expands '*' to what a reader may populate: no lists, nothing polymorphic, nothing private", () => {
    expect(Object.keys((rule(BOARD, { populate: '*' }) as any).populate).sort()).toEqual(['cover', 'economics']);
    expect(Object.keys((rule(COMMENT, { populate: '*' }) as any).populate).sort()).toEqual(['author', 'parent', 'post']);
    expect(Object.keys((rule(BOARD, { populate: '*' }, editor) as any).populate).sort()).toEqual(['cover', 'economics', 'posts']);
  });

  it('refuses the rows of a list relation, naming the rule and the way to read them', () => {
    const r = refusal(() => rule(BOARD, { populate: { posts: { fields: ['title'] } } }));
    expect(r).toMatchObject({ name: 'ValidationError', rule: 'populate-list-relation' });
    expect(r.message).toMatch(/populate\[posts\]\[count\]=true/);
    expect(r.message).toMatch(/\/api\/posts/);
    expect(refusal(() => rule(COMMENT, { populate: { parent: { populate: { replies: '*' } } } })).rule).toBe('populate-list-relation');
  });

  it(`refuses more than ${MAX_POPULATE_DEPTH} levels and more than ${MAX_POPULATE_PER_LEVEL} relations side by side`, () => {
    // comment → parent → parent → parent → post: each level a to-one relation.
    const deep = { parent: { populate: { parent: { populate: { parent: { populate: { post: true } } } } } } };
    const r = refusal(() => rule(COMMENT, { populate: deep }));
    expect(r.rule).toBe('populate-depth');
    expect(r.message).toMatch(/at most 3 levels/);
    expect(() => rule(COMMENT, { populate: { parent: { populate: { parent: { populate: { post: true } } } } } })).not.toThrow();
    // Hidden attributes are dropped (Strapi's sanitizer would remove them) and do not count.
    const withHidden = Object.fromEntries(['post', 'author', 'parent', 'createdBy', 'localizations'].map((k) => [k, true]));
    expect(Object.keys((rule(COMMENT, { populate: withHidden }) as any).populate)).toEqual(['post', 'author', 'parent']);
    const relation = { type: 'relation', relation: 'manyToOne', target: BOARD };
    const wideModel: Model = { uid: 'api::wide.wide', attributes: Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((k) => [k, relation])) };
    const wide = (keys: string[]) => applyReadRule(prepareReaderQuery({ populate: keys }, wideModel, reader), wideModel, reader);
    expect(() => wide(['a', 'b', 'c', 'd'])).not.toThrow();
    expect(refusal(() => wide(['a', 'b', 'c', 'd', 'e']))).toMatchObject({ rule: 'populate-width' });
  });

  it('refuses recursion that comes back to the same list, like posts → board → posts', () => {
    expect(refusal(() => rule(POST, { populate: { board: { populate: { posts: { populate: { board: '*' } } } } } })).rule).toBe('populate-list-relation');
  });

  it('refuses populating below a file and polymorphic relations', () => {
    expect(refusal(() => rule(POST, { populate: { cover: { populate: { related: true } } } })).rule).toBe('populate-depth');
  });

  it('refuses sorting a list or a populated relation by a relation', () => {
    expect(refusal(() => rule(BOARD, { sort: 'posts.title:desc' })).rule).toBe('sort-relation');
    expect(refusal(() => rule(BOARD, { sort: [{ posts: { title: 'desc' } }] })).rule).toBe('sort-relation');
    expect(refusal(() => rule(COMMENT, { populate: { post: { sort: 'board.name' } } })).rule).toBe('sort-relation');
    expect(() => rule(BOARD, { sort: ['name:asc', 'createdAt:desc'] })).not.toThrow();
  });
});

describe('filter values', () => {
  it.each([
    [POST, { featuredRank: 'abc' }, 'filter-value'],
    [POST, { featuredRank: { $gt: '99999999999999999999999' } }, 'filter-value'],
    [POST, { id: { $lt: '1e20' } }, 'filter-value'],
    [POST, { title: { $between: ['a'] } }, 'filter-value'],
    [POST, { featured: { $eq: 'maybe' } }, 'filter-value'],
    [POST, { createdAt: { $gt: 'not-a-date' } }, 'filter-value'],
    [POST, { title: { $jsonSupersetOf: 'x' } }, 'filter-value'],
    [POST, { $where: '1' }, 'filter-value'],
    [POST, { tags: { $contains: 'x' } }, 'filter-json'],
    [POST, { tags: { $eq: 'x' } }, 'filter-json'],
    [POST, { tags: 'x' }, 'filter-json'],
    [BOARD, { economics: { mutedMembers: { $contains: 'x' } } }, null],
  ])('%s %j → %s', (uid, filters, expected) => {
    if (expected) expect(refusal(() => rule(uid, { filters })).rule).toBe(expected);
    else expect(() => rule(uid, { filters })).not.toThrow();
  });

  it('takes a null test on a JSON column, and values that fit their columns', () => {
    expect(() => rule(POST, { filters: { tags: { $null: 'true' }, featuredRank: { $between: ['1', '3'] }, featured: 'false', createdAt: { $gt: '2026-01-01' } } })).not.toThrow();
  });

  it(`refuses lists of more than ${MAX_FILTER_LIST} values, including the object qs makes of a long list`, () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);
    expect(() => rule(POST, { filters: { documentId: { $in: list(MAX_FILTER_LIST) } } })).not.toThrow();
    expect(refusal(() => rule(POST, { filters: { documentId: { $in: list(MAX_FILTER_LIST + 1) } } })).rule).toBe('filter-list-size');
    const overflow = Object.fromEntries(list(150).map((v, i) => [String(i), v]));
    expect(refusal(() => rule(POST, { filters: { documentId: { $in: overflow } } })).rule).toBe('filter-list-size');
    expect(refusal(() => rule(POST, { filters: { documentId: list(150) } })).rule).toBe('filter-list-size');
  });

  it('refuses filters that compare too many values altogether or nest too deeply', () => {
    const many = { $or: Array.from({ length: 250 }, (_, i) => ({ title: `t${i}` })) };
    expect(refusal(() => rule(POST, { filters: many })).rule).toBe('filter-size');
    let nested: any = { title: 'x' };
    for (let i = 0; i < 12; i++) nested = { $and: [nested] };
    expect(refusal(() => rule(POST, { filters: nested })).rule).toBe('filter-depth');
  });

  it('knows what fits a column', () => {
    expect(valueProblem({ type: 'integer' }, '2147483647')).toBeNull();
    expect(valueProblem({ type: 'integer' }, '2147483648')).toMatch(/whole number/);
    expect(valueProblem({ type: 'biginteger' }, '9223372036854775807')).toBeNull();
    expect(valueProblem({ type: 'biginteger' }, '9223372036854775808')).toMatch(/64-bit/);
    expect(valueProblem({ type: 'decimal' }, '1.5')).toBeNull();
    expect(valueProblem({ type: 'decimal' }, 'NaN')).toMatch(/number/);
    expect(valueProblem({ type: 'string' }, 'anything')).toBeNull();
    expect(valueProblem({ type: 'string' }, { $eq: 'x' } as any)).toMatch(/single value/);
  });
});
