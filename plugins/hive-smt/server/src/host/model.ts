/**
 * The app's content types as hive-smt sees them. The plugin reads and writes
 * a post's title, body, tags, board and author (and a board's Hive account,
 * a comment's post, a member's display name, …) by the names in HOST_FIELDS;
 * the app's types may call them anything (plugin configuration,
 * `contentTypes.post.fields`). This module is the one place those names are
 * translated: queries going out are rewritten into the app's names, rows
 * coming back into the plugin's, so no other module knows what the app
 * called a field. With the default names (Quanzi's own) nothing is rewritten.
 */
import type { Core } from '@strapi/strapi';
import { USER_UID, q, type FindOneParams, type QueryParams, type Rows } from '../core/db';
import type { HostTypes } from './types';

export type HostRole = 'post' | 'board' | 'comment' | 'member';

/** Every field of the app's types the plugin reads or writes, by the name it uses for it. */
export const HOST_FIELDS = {
  post: ['title', 'body', 'excerpt', 'slug', 'tags', 'cover', 'featured', 'featuredRank', 'featuredUntil', 'keepOffHive', 'board', 'author'],
  board: [
    'name',
    'slug',
    'active',
    'hiveAccount',
    'hiveCommunity',
    'defaultTags',
    'tokenSymbol',
    'memberRewardShare',
    'payoutMode',
    'postingRate',
    'removalMode',
    'timezone',
    'hiveFooter',
    'economics',
  ],
  comment: ['body', 'hidden', 'source', 'hiveAuthor', 'hivePermlink', 'post', 'parent', 'author'],
  member: ['username', 'displayName'],
} as const satisfies Record<HostRole, readonly string[]>;

export type HostField<R extends HostRole> = (typeof HOST_FIELDS)[R][number];

/** Without these the plugin cannot do its job on that type: startup stops and names the missing attribute. */
export const REQUIRED_FIELDS: { [R in HostRole]: ReadonlyArray<HostField<R>> } = {
  post: ['title', 'body', 'board'],
  board: ['name', 'slug', 'hiveAccount'],
  comment: ['body', 'post'],
  member: ['username'],
};

/** Which role a relation field points to: a post's board is a board, its author a member. */
const RELATION_ROLE: Partial<Record<HostRole, Record<string, HostRole>>> = {
  post: { board: 'board', author: 'member' },
  comment: { post: 'post', parent: 'comment', author: 'member' },
};

/** One of the app's types in the plugin's configuration: its uid, and the fields it names differently. */
export interface HostTypeConfig {
  uid: string;
  fields?: Partial<Record<string, string>>;
}

export interface HostTypesConfig {
  post: string | HostTypeConfig;
  board: string | HostTypeConfig;
  comment: string | HostTypeConfig;
  /** users-permissions' users: only the field names can change (its uid is fixed). */
  member?: { fields?: Partial<Record<string, string>> };
}

export const DEFAULT_HOST_TYPES: HostTypesConfig = { post: 'api::post.post', board: 'api::board.board', comment: 'api::comment.comment' };

type Row = Record<string, unknown>;

export interface HostModel extends HostTypes {
  uidOf(role: HostRole): string;
  /** The app's name for one of the plugin's fields. */
  nameOf(role: HostRole, field: string): string;
  /** Whether the app's type has the field (optional ones — a cover, a display name — may be missing). */
  has(role: HostRole, field: string): boolean;
  /** Rows through Strapi's query engine, asked for and answered in the plugin's names. */
  rows<T = Row>(role: HostRole): Rows<T>;
  /** Document Service params (filters, fields, populate, sort, data) rewritten into the app's names. */
  toAppParams(role: HostRole, params: Row): Row;
  /** A row or a document's data, from the app's names into the plugin's. */
  fromApp<T = Row>(role: HostRole, row: unknown): T;
  /** A field path as the app names it (for error paths an admin's form shows). */
  appPath(role: HostRole, path: string[]): string[];
}

const uidIn = (entry: string | HostTypeConfig) => (typeof entry === 'string' ? entry : entry.uid);
const fieldsIn = (entry: string | HostTypeConfig | { fields?: Partial<Record<string, string>> } | undefined) =>
  entry && typeof entry === 'object' ? (entry.fields ?? {}) : {};

const OPERATOR = /^\$/;
const isPlainObject = (value: unknown): value is Row => !!value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

export function createHostModel(strapi: Core.Strapi, config: HostTypesConfig): HostModel {
  const uids: Record<HostRole, string> = { post: uidIn(config.post), board: uidIn(config.board), comment: uidIn(config.comment), member: USER_UID };
  const names = {} as Record<HostRole, Map<string, string>>;
  const canonical = {} as Record<HostRole, Map<string, string>>;
  for (const role of Object.keys(HOST_FIELDS) as HostRole[]) {
    const renamed = fieldsIn(role === 'member' ? config.member : config[role]);
    names[role] = new Map(HOST_FIELDS[role].map((field: string) => [field, renamed[field] ?? field]));
    canonical[role] = new Map([...names[role]].map(([field, appName]) => [appName, field]));
  }
  const identity = (Object.keys(names) as HostRole[]).every((role) => [...names[role]].every(([field, appName]) => field === appName));

  const attributes = (role: HostRole) => (strapi.contentType(uids[role] as Parameters<Core.Strapi['contentType']>[0])?.attributes ?? {}) as Row;
  const nameOf = (role: HostRole, field: string) => names[role].get(field) ?? field;
  const has = (role: HostRole, field: string) => nameOf(role, field) in attributes(role) || !names[role].has(field);
  const target = (role: HostRole, field: string): HostRole | null => RELATION_ROLE[role]?.[field] ?? null;

  /** An app field that is not the one the plugin means by the same name (the app's own `title` beside a mapped `headline`). */
  const shadowed = (role: HostRole, appName: string) => !canonical[role].has(appName) && names[role].has(appName);

  function whereOut(role: HostRole, where: unknown): unknown {
    if (Array.isArray(where)) return where.map((w) => whereOut(role, w));
    if (!isPlainObject(where)) return where;
    const out: Row = {};
    for (const [key, value] of Object.entries(where)) {
      if (OPERATOR.test(key)) out[key] = key === '$and' || key === '$or' || key === '$not' ? whereOut(role, value) : value;
      else {
        const related = target(role, key);
        out[nameOf(role, key)] = related && isPlainObject(value) ? whereOut(related, value) : value;
      }
    }
    return out;
  }

  const fieldsOut = (role: HostRole, fields: unknown) =>
    Array.isArray(fields) ? fields.filter((f) => has(role, String(f))).map((f) => nameOf(role, String(f))) : fields;

  function orderOut(role: HostRole, order: unknown): unknown {
    if (typeof order === 'string') return nameOf(role, order);
    if (Array.isArray(order)) return order.map((o) => orderOut(role, o));
    if (!isPlainObject(order)) return order;
    return Object.fromEntries(Object.entries(order).map(([key, value]) => [nameOf(role, key), value]));
  }

  function populateOut(role: HostRole, populate: unknown): unknown {
    if (Array.isArray(populate)) return populate.filter((p) => has(role, String(p))).map((p) => nameOf(role, String(p)));
    if (!isPlainObject(populate)) return populate;
    const out: Row = {};
    for (const [key, value] of Object.entries(populate)) {
      if (!has(role, key)) continue;
      const related = target(role, key);
      out[nameOf(role, key)] = related && isPlainObject(value) ? paramsOut(related, value) : value;
    }
    return out;
  }

  // A field the app's type does not have (a reply's parent where comments are flat) is not written.
  function dataOut(role: HostRole, data: unknown): unknown {
    if (!isPlainObject(data)) return data;
    return Object.fromEntries(
      Object.entries(data)
        .filter(([key]) => has(role, key))
        .map(([key, value]) => [nameOf(role, key), value]),
    );
  }

  function paramsOut(role: HostRole, params: Row): Row {
    const out: Row = { ...params };
    for (const key of ['where', 'filters']) if (key in params) out[key] = whereOut(role, params[key]);
    for (const key of ['select', 'fields']) if (key in params) out[key] = fieldsOut(role, params[key]);
    for (const key of ['orderBy', 'sort']) if (key in params) out[key] = orderOut(role, params[key]);
    if ('populate' in params) out.populate = populateOut(role, params.populate);
    if ('data' in params) out.data = dataOut(role, params.data);
    return out;
  }

  function rowIn(role: HostRole, row: unknown): unknown {
    if (Array.isArray(row)) return row.map((r) => rowIn(role, r));
    if (!isPlainObject(row)) return row;
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) {
      if (shadowed(role, key)) continue;
      const field = canonical[role].get(key) ?? key;
      const related = target(role, field);
      out[field] = related ? rowIn(related, value) : value;
    }
    return out;
  }

  // Params are always rewritten, even with the default names: an optional field the type lacks is dropped from them.
  const toAppParams = (role: HostRole, params: Row) => paramsOut(role, params);
  const fromApp = <T>(role: HostRole, row: unknown) => (identity ? row : rowIn(role, row)) as T;

  return {
    post: uids.post,
    board: uids.board,
    comment: uids.comment,
    uidOf: (role) => uids[role],
    nameOf,
    has,
    toAppParams,
    fromApp,
    appPath: (role, path) => (path.length ? [nameOf(role, path[0]), ...path.slice(1)] : path),
    rows<T>(role: HostRole): Rows<T> {
      const rows = q<Row>(strapi, uids[role]);
      const out = <P>(params: P) => toAppParams(role, (params ?? {}) as Row) as P;
      return {
        findOne: async (params: FindOneParams) => fromApp<T | null>(role, await rows.findOne(out(params))),
        findMany: async (params?: QueryParams) => fromApp<T[]>(role, await rows.findMany(out(params))),
        create: async (params: QueryParams) => fromApp<T>(role, await rows.create(out(params))),
        update: async (params: QueryParams) => fromApp<T | null>(role, await rows.update(out(params))),
        updateMany: (params: QueryParams) => rows.updateMany(out(params)),
        deleteMany: (params?: QueryParams) => rows.deleteMany(out(params)),
        count: (params?: QueryParams) => rows.count(out(params)),
      };
    },
  };
}

/**
 * Checks at startup that every field the plugin needs is on the app's type,
 * under the name the configuration gives it, so a misnamed field stops Strapi
 * with the fix rather than failing on the first publish.
 */
export function hostModelProblems(strapi: Core.Strapi, model: HostModel): string[] {
  const problems: string[] = [];
  for (const role of Object.keys(REQUIRED_FIELDS) as HostRole[]) {
    const uid = model.uidOf(role);
    const type = strapi.contentType(uid as Parameters<Core.Strapi['contentType']>[0]);
    if (!type) {
      problems.push(`contentTypes.${role}: the app has no content type ${uid}`);
      continue;
    }
    for (const field of REQUIRED_FIELDS[role] as readonly string[]) {
      const appName = model.nameOf(role, field);
      if (!(appName in (type.attributes as Row))) {
        const setting = role === 'member' ? `contentTypes.member.fields.${field}` : `contentTypes.${role}.fields.${field}`;
        problems.push(`${uid} has no attribute "${appName}" (the ${role}'s ${field}): add it, or name the attribute that holds it in ${setting}`);
      }
    }
  }
  return problems;
}
