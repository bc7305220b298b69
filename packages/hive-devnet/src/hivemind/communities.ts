/**
 * hivemind's community rules as pure functions: which accounts are communities,
 * how a `custom_json` with id "community" is read, who may do what, and when a
 * new post is muted. Sources (openhive-network/hivemind): hive/indexer/community.py
 * (CommunityOp.SCHEMA, read_key_*, _read_props), hive/db/sql_scripts/community.sql
 * (the permission checks and their error texts), hive_post_operations.sql
 * (process_community_post), massive_sync.sql (process_community_ops: which
 * custom_json ops are read at all).
 *
 * A refused community op changes nothing; hivemind records its reason as an
 * "error" notification for the actor. The chain never refuses these ops.
 */
import { COMMUNITY_MAX_MODS, COMMUNITY_NAME_PATTERN, COMMUNITY_ROLES, COMMUNITY_TYPES, MUTED_REASONS } from '../protocol';
import type { CommunityRoleName } from '../protocol';

export type CommunityAction =
  | 'updateProps'
  | 'setRole'
  | 'setUserTitle'
  | 'mutePost'
  | 'unmutePost'
  | 'pinPost'
  | 'unpinPost'
  | 'flagPost'
  | 'subscribe'
  | 'unsubscribe';

/** community.py CommunityOp.SCHEMA: the exact keys each action takes (no more, no fewer). */
export const COMMUNITY_SCHEMA: Readonly<Record<CommunityAction, readonly string[]>> = {
  updateProps: ['community', 'props'],
  setRole: ['community', 'account', 'role'],
  setUserTitle: ['community', 'account', 'title'],
  mutePost: ['community', 'account', 'permlink', 'notes'],
  unmutePost: ['community', 'account', 'permlink', 'notes'],
  pinPost: ['community', 'account', 'permlink'],
  unpinPost: ['community', 'account', 'permlink'],
  flagPost: ['community', 'account', 'permlink', 'notes'],
  subscribe: ['community'],
  unsubscribe: ['community'],
};

/** community.py check_community / Community.register: is this account name a community? */
export function isCommunityName(name: unknown): name is string {
  return typeof name === 'string' && COMMUNITY_NAME_PATTERN.test(name);
}

/** register_community: the type is the first digit after "hive-" (1 topic, 2 journal, 3 council). */
export function communityTypeOf(name: string): number {
  return Number(name[5]);
}

export function roleName(roleId: number): CommunityRoleName {
  const hit = (Object.entries(COMMUNITY_ROLES) as Array<[CommunityRoleName, number]>).find(([, id]) => id === roleId);
  if (!hit) throw new Error(`role id not found: ${roleId}`);
  return hit[0];
}

export interface CommunityProps {
  title?: string;
  about?: string;
  lang?: string;
  is_nsfw?: boolean;
  description?: string;
  flag_text?: string;
  settings?: string;
  type_id?: number;
}

export interface CommunityOp {
  actor: string;
  action: CommunityAction;
  community: string;
  account?: string;
  permlink?: string;
  role?: number;
  notes?: string;
  title?: string;
  props?: CommunityProps;
}

// https://en.wikipedia.org/wiki/ISO_639-1 (community.py LANGS)
const LANGS = new Set(
  (
    'ab,aa,af,ak,sq,am,ar,an,hy,as,av,ae,ay,az,bm,ba,eu,be,bn,bh,bi,bs,br,bg,my,ca,ch,ce,ny,zh,cv,kw,co,cr,hr,cs,da,dv,nl,dz,en,eo,' +
    'et,ee,fo,fj,fi,fr,ff,gl,ka,de,el,gn,gu,ht,ha,he,hz,hi,ho,hu,ia,id,ie,ga,ig,ik,io,is,it,iu,ja,jv,kl,kn,kr,ks,kk,km,ki,rw,ky,kv,' +
    'kg,ko,ku,kj,la,lb,lg,li,ln,lo,lt,lu,lv,gv,mk,mg,ms,ml,mt,mi,mr,mh,mn,na,nv,nd,ne,ng,nb,nn,no,ii,nr,oc,oj,cu,om,or,os,pa,pi,fa,' +
    'pl,ps,pt,qu,rm,rn,ro,ru,sa,sc,sd,se,sm,sg,sr,gd,sn,si,sk,sl,so,st,es,su,sw,ss,sv,ta,te,tg,th,ti,bo,tk,tl,tn,to,tr,ts,tt,tw,ty,' +
    'ug,uk,ur,uz,ve,vi,vo,wa,cy,wo,fy,xh,yi,yo,za'
  ).split(','),
);

class Invalid extends Error {}
const check: (cond: unknown, message: string) => asserts cond = (cond, message) => {
  if (!cond) throw new Invalid(message);
};

/** community.py read_key_str. */
function readStr(o: Record<string, unknown>, key: string, maxlen?: number, fmt?: 'hex' | 'lang', allowBlank = false): string | undefined {
  if (!(key in o)) return undefined;
  const v = o[key];
  check(typeof v === 'string', `key \`${key}\` was not str`);
  check(allowBlank || v, `key \`${key}\` was blank`);
  check(v === v.trim(), `invalid padding: ${key}`);
  check(!maxlen || v.length <= maxlen, `exceeds max len: ${key}`);
  if (fmt === 'hex') check(/^#[0-9a-f]{6}$/.test(v), `invalid HEX: ${key}`);
  if (fmt === 'lang') check(LANGS.has(v), `invalid lang: ${key}`);
  return v;
}

function readDict(o: Record<string, unknown>, key: string): Record<string, unknown> {
  check(key in o, `key \`${key}\` not found`);
  check(o[key], `key \`${key}\` was blank`);
  check(typeof o[key] === 'object' && !Array.isArray(o[key]), `key \`${key}\` not a dict`);
  return o[key] as Record<string, unknown>;
}

function validUrlProto(url: unknown): boolean {
  check(url, 'url was empty');
  check(typeof url === 'string', 'url was not string');
  check(url.length < 1024, 'url must be shorter than 1024 characters');
  return url.startsWith('http://') || url.startsWith('https://');
}

/** community.py _read_props. */
function readProps(op: Record<string, unknown>): CommunityProps {
  const props = readDict(op, 'props');
  const valid = ['title', 'about', 'lang', 'is_nsfw', 'description', 'flag_text', 'settings', 'type_id'];
  const extra = Object.keys(props).filter((k) => !valid.includes(k));
  check(extra.length === 0, `extraneous keys: {${extra.map((k) => `'${k}'`).join(', ')}}`);
  const out: CommunityProps = {};
  if ('title' in props) {
    out.title = readStr(props, 'title', 20);
    check(out.title!.length >= 3, 'title too short');
    check(!['@', '#'].includes(out.title![0]), 'invalid title prefix');
  }
  if ('about' in props) out.about = readStr(props, 'about', 120, undefined, true);
  if ('lang' in props) out.lang = readStr(props, 'lang', 2, 'lang');
  if ('is_nsfw' in props) {
    check(typeof props.is_nsfw === 'boolean', 'must be bool: is_nsfw');
    out.is_nsfw = props.is_nsfw;
  }
  if ('description' in props) out.description = readStr(props, 'description', 1000, undefined, true);
  if ('flag_text' in props) out.flag_text = readStr(props, 'flag_text', 1000, undefined, true);
  if ('settings' in props) {
    const settings = readDict(props, 'settings');
    out.settings = JSON.stringify(settings);
    if ('avatar_url' in settings) check(!settings.avatar_url || validUrlProto(settings.avatar_url), 'invalid avatar_url');
    if ('cover_url' in settings) check(!settings.cover_url || validUrlProto(settings.cover_url), 'invalid cover_url');
  }
  if ('type_id' in props) {
    check(Number.isInteger(props.type_id), 'must be int: type_id');
    check(Object.values(COMMUNITY_TYPES).includes(props.type_id as 1 | 2 | 3), 'invalid community type');
    out.type_id = props.type_id as number;
  }
  check(Object.keys(out).length > 0, 'props were blank');
  return out;
}

/**
 * Which custom_json ops hivemind reads as community ops (massive_sync.sql
 * process_community_ops): id "community", no active auths, exactly one posting
 * auth (the actor). Anything else is not a community op at all.
 */
export function communityActor(op: { id: string; required_auths: string[]; required_posting_auths: string[] }): string | null {
  if (op.id !== 'community') return null;
  if (op.required_auths.length !== 0 || op.required_posting_auths.length !== 1) return null;
  return op.required_posting_auths[0];
}

/**
 * CommunityOp.validate: the op's structure and keys. Returns the op, or the
 * reason it is ignored (what hivemind notifies the actor of). `communityExists`
 * answers whether hivemind knows the community.
 */
export function parseCommunityOp(actor: string, json: string, communityExists: (name: string) => boolean): CommunityOp | { error: string } {
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      throw new Invalid('op json must be list');
    }
    check(Array.isArray(raw), 'op json must be list');
    check(raw.length === 2, 'op json must have 2 elements');
    check(typeof raw[0] === 'string', 'op json[0] must be string');
    check(raw[1] && typeof raw[1] === 'object' && !Array.isArray(raw[1]), 'op json[1] must be dict');
    check(Object.prototype.hasOwnProperty.call(COMMUNITY_SCHEMA, raw[0]), 'invalid action');
    const action = raw[0] as CommunityAction;
    const body = raw[1] as Record<string, unknown>;
    const schema = COMMUNITY_SCHEMA[action];
    const keys = Object.keys(body);
    const missing = schema.filter((k) => !keys.includes(k));
    check(missing.length === 0, `missing keys: {${missing.map((k) => `'${k}'`).join(', ')}}`);
    const extra = keys.filter((k) => !schema.includes(k));
    check(extra.length === 0, `extraneous keys: {${extra.map((k) => `'${k}'`).join(', ')}}`);

    const community = readStr(body, 'community', 16);
    check(community, 'must name a community');
    check(isCommunityName(community) && communityExists(community), `Community '${community}' does not exist`);
    const op: CommunityOp = { actor, action, community };
    if (schema.includes('account')) {
      op.account = readStr(body, 'account', 16);
      check(op.account, 'must name an account');
    }
    if (schema.includes('permlink')) {
      check(op.account, 'permlink requires named account');
      op.permlink = readStr(body, 'permlink', 256);
      check(op.permlink, 'must name a permlink');
    }
    if (schema.includes('role')) {
      const role = readStr(body, 'role', 16);
      check(role, 'must name a role');
      check(Object.prototype.hasOwnProperty.call(COMMUNITY_ROLES, role), 'invalid role');
      op.role = COMMUNITY_ROLES[role as CommunityRoleName];
    }
    if (schema.includes('notes')) {
      op.notes = readStr(body, 'notes', 120);
      check(op.notes, 'notes cannot be blank');
    }
    if (schema.includes('title')) op.title = (readStr(body, 'title', 32, undefined, true) ?? '').trim();
    if (schema.includes('props')) op.props = readProps(body);
    return op;
  } catch (e) {
    if (e instanceof Invalid) return { error: e.message };
    throw e;
  }
}

/** What the community state says about the op's actor and target (community.sql reads these). */
export interface CommunityFacts {
  actorRole: number;
  accountRole: number;
  subscribed: boolean;
  /** Roles >= mod held by accounts other than the op's target. */
  modsOtherThanAccount: number;
  /** For post ops: the live post of account/permlink, or null. */
  post: { inCommunity: boolean; isMuted: boolean; isPinned: boolean; parentIsMuted: boolean } | null;
  /** flagPost: the actor flagged this post already. */
  alreadyFlagged: boolean;
}

/**
 * community.sql: the permission check of each action, with its error text
 * (null = allowed). Post ops first resolve the post (get_post_id_by_permlink).
 */
export function communityOpRefusal(op: CommunityOp, f: CommunityFacts): string | null {
  const { mod, admin, owner, muted } = COMMUNITY_ROLES;
  const postError = () => {
    if (!f.post) return `post does not exists ${op.account}/${op.permlink}`;
    if (!f.post.inCommunity) return 'post does not belong to a community';
    return null;
  };
  switch (op.action) {
    case 'subscribe':
      return f.subscribed ? 'already subscribed' : null;
    case 'unsubscribe':
      return f.subscribed ? null : 'already unsubscribed';
    case 'setRole': {
      const role = op.role!;
      if (f.actorRole < mod) return 'only mods and up can alter roles';
      if (f.actorRole <= role) return 'cannot promote to or above own rank';
      if (f.accountRole === owner) return 'cant modify owner role';
      if (op.actor !== op.account) {
        if (f.accountRole >= f.actorRole) return 'cant modify a user with a higher role';
        if (f.accountRole === role) return 'role would not change';
      }
      if (role >= mod && f.modsOtherThanAccount >= COMMUNITY_MAX_MODS) return 'moderator limit exceeded';
      return null;
    }
    case 'setUserTitle':
      return f.actorRole < mod ? 'only mods can set user titles' : null;
    case 'updateProps':
      return f.actorRole < admin ? 'only admins can update props' : null;
    case 'mutePost':
      if (f.actorRole < mod) return 'only mods and above can mute posts';
      return postError() ?? (f.post!.isMuted ? 'post is already muted' : null);
    case 'unmutePost':
      if (f.actorRole < mod) return 'only mods and above can unmute posts';
      return postError() ?? (!f.post!.isMuted ? 'post is not muted' : f.post!.parentIsMuted ? 'parent post is muted' : null);
    case 'pinPost':
      if (f.actorRole < mod) return 'only mods and above can pin posts';
      return postError() ?? (f.post!.isPinned ? 'post is already pinned' : null);
    case 'unpinPost':
      if (f.actorRole < mod) return 'only mods and above can unpin posts';
      return postError() ?? (!f.post!.isPinned ? 'post is not pinned' : null);
    case 'flagPost':
      if (f.actorRole <= muted) return 'muted users cannot flag posts';
      return postError() ?? (f.alreadyFlagged ? 'user already flagged this post' : null);
  }
}

/**
 * hive_post_operations.sql process_community_post: whether a new post or
 * comment in a community is muted, and why (a muted_reasons bit mask).
 * Topic: nobody is muted. Journal: root posts need a member role (comments are
 * free). Council: posts and comments need a member role. A comment under a
 * muted parent is muted too.
 */
export function newPostMuting(communityType: number | null, authorRole: number, isComment: boolean, parentMuted: boolean): { muted: boolean; reasons: number } {
  let reasons = 0;
  let muted = false;
  if (communityType !== null && communityType !== COMMUNITY_TYPES.topic) {
    const member = authorRole >= COMMUNITY_ROLES.member;
    const needsRole = communityType === COMMUNITY_TYPES.council || (communityType === COMMUNITY_TYPES.journal && !isComment);
    if (needsRole && !member) {
      muted = true;
      reasons |= 1 << MUTED_REASONS.communityType;
    }
  }
  if (parentMuted) {
    muted = true;
    reasons |= 1 << MUTED_REASONS.parent;
  }
  return { muted, reasons };
}

/** decode_muted_reasons_mask. */
export function mutedReasonsList(mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 31; i++) if (mask & (1 << i)) out.push(i);
  return out;
}
