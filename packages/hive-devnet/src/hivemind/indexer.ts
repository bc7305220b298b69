/**
 * The devnet's hivemind: it reads produced blocks (never the mempool) some
 * blocks behind the head, as hivemind's live sync reads them from HAF, and keeps
 * its own tables (hm_*, in the devnet's SQLite) from which the hivemind-served
 * APIs answer: posts with their deletions (a deleted post keeps its row, as
 * hive_posts.counter_deleted does, so "deleted N time(s)" can be counted),
 * votes (rshares from hived's effective_comment_vote), communities with roles
 * and subscriptions, and muting.
 *
 * Sources: hivemind hive/db/sql_scripts/hive_post_operations.sql (posts,
 * edits, muting), update_hive_posts_children_count.sql (children counts every
 * descendant), community.sql and hive/indexer/community.py (communities).
 */
import type { Genesis } from '../accounts';
import type { BlockFollower, BlockRecord } from '../chain';
import type { LegacyOp } from '../ops';
import { CASHOUT_WINDOW_SECONDS, COMMUNITY_ROLES, HIVEMIND_DEFAULT_LAG_BLOCKS, MUTED_REASONS } from '../protocol';
import type { Db } from '../store';
import { getMeta, setMeta } from '../store';
import { formatAsset, parseAsset } from '../assets';
import type { CommunityOp } from './communities';
import { communityActor, communityOpRefusal, communityTypeOf, isCommunityName, newPostMuting, parseCommunityOp } from './communities';

export interface HmPost {
  id: number;
  author: string;
  permlink: string;
  parent_id: number;
  root_id: number;
  depth: number;
  category: string;
  community: string | null;
  title: string;
  body: string;
  json_metadata: string;
  created: number;
  updated: number;
  active: number;
  children: number;
  net_votes: number;
  total_votes: number;
  rshares: number;
  abs_rshares: number;
  payout_at: number;
  is_paidout: number;
  last_payout: number;
  max_accepted_payout: string;
  percent_hbd: number;
  allow_votes: number;
  allow_curation_rewards: number;
  beneficiaries: string;
  counter_deleted: number;
  is_muted: number;
  muted_reasons: number;
  is_pinned: number;
  block_num: number;
  block_num_created: number;
}

export interface HmVote {
  post_id: number;
  voter: string;
  voter_id: number;
  percent: number;
  rshares: number;
  weight: number;
  time: number;
  num_changes: number;
}

export interface HmCommunity {
  id: number;
  name: string;
  type_id: number;
  title: string;
  about: string;
  lang: string;
  is_nsfw: number;
  description: string;
  flag_text: string;
  settings: string;
  subscribers: number;
  created_at: number;
  block_num: number;
}

export interface HmNotification {
  block_num: number;
  type: string;
  src: string | null;
  dst: string | null;
  community: string | null;
  post_id: number | null;
  payload: string;
  created_at: number;
}

function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS hm_posts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      author TEXT NOT NULL,
      permlink TEXT NOT NULL,
      parent_id INTEGER NOT NULL,
      root_id INTEGER NOT NULL,
      depth INTEGER NOT NULL,
      category TEXT NOT NULL,
      community TEXT,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      json_metadata TEXT NOT NULL,
      created INTEGER NOT NULL,
      updated INTEGER NOT NULL,
      active INTEGER NOT NULL,
      children INTEGER NOT NULL DEFAULT 0,
      net_votes INTEGER NOT NULL DEFAULT 0,
      total_votes INTEGER NOT NULL DEFAULT 0,
      rshares INTEGER NOT NULL DEFAULT 0,
      abs_rshares INTEGER NOT NULL DEFAULT 0,
      payout_at INTEGER NOT NULL,
      is_paidout INTEGER NOT NULL DEFAULT 0,
      last_payout INTEGER NOT NULL DEFAULT 0,
      max_accepted_payout TEXT NOT NULL DEFAULT '1000000.000 HBD',
      percent_hbd INTEGER NOT NULL DEFAULT 10000,
      allow_votes INTEGER NOT NULL DEFAULT 1,
      allow_curation_rewards INTEGER NOT NULL DEFAULT 1,
      beneficiaries TEXT NOT NULL DEFAULT '[]',
      counter_deleted INTEGER NOT NULL DEFAULT 0,
      is_muted INTEGER NOT NULL DEFAULT 0,
      muted_reasons INTEGER NOT NULL DEFAULT 0,
      is_pinned INTEGER NOT NULL DEFAULT 0,
      block_num INTEGER NOT NULL,
      block_num_created INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS hm_posts_author_permlink ON hm_posts(author, permlink, counter_deleted);
    CREATE INDEX IF NOT EXISTS hm_posts_parent ON hm_posts(parent_id);
    CREATE TABLE IF NOT EXISTS hm_votes (
      post_id INTEGER NOT NULL,
      voter TEXT NOT NULL,
      voter_id INTEGER NOT NULL,
      percent INTEGER NOT NULL,
      rshares INTEGER NOT NULL,
      weight INTEGER NOT NULL DEFAULT 0,
      time INTEGER NOT NULL,
      num_changes INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY(post_id, voter)
    );
    CREATE TABLE IF NOT EXISTS hm_communities (
      id INTEGER NOT NULL,
      name TEXT PRIMARY KEY,
      type_id INTEGER NOT NULL,
      title TEXT NOT NULL DEFAULT '',
      about TEXT NOT NULL DEFAULT '',
      lang TEXT NOT NULL DEFAULT 'en',
      is_nsfw INTEGER NOT NULL DEFAULT 0,
      description TEXT NOT NULL DEFAULT '',
      flag_text TEXT NOT NULL DEFAULT '',
      settings TEXT NOT NULL DEFAULT '{}',
      subscribers INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      block_num INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS hm_roles (
      community TEXT NOT NULL,
      account TEXT NOT NULL,
      role_id INTEGER NOT NULL DEFAULT 0,
      title TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      PRIMARY KEY(community, account)
    );
    CREATE TABLE IF NOT EXISTS hm_subscriptions (
      community TEXT NOT NULL,
      account TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      block_num INTEGER NOT NULL,
      PRIMARY KEY(community, account)
    );
    CREATE TABLE IF NOT EXISTS hm_notifications (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      block_num INTEGER NOT NULL,
      type TEXT NOT NULL,
      src TEXT,
      dst TEXT,
      community TEXT,
      post_id INTEGER,
      payload TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL
    );
  `);
}

export interface HivemindOptions {
  genesis: Genesis;
  /** Blocks hivemind trails the head by (default HIVEMIND_DEFAULT_LAG_BLOCKS). */
  lagBlocks?: number;
  /** Account ids as the chain assigned them (hivemind's account ids are HAF's). */
  accountId(name: string): number | undefined;
  genesisTime: number;
}

export class Hivemind implements BlockFollower {
  readonly name = 'hivemind';
  private lag: number;

  constructor(
    readonly db: Db,
    private readonly options: HivemindOptions,
  ) {
    this.lag = Math.max(0, options.lagBlocks ?? HIVEMIND_DEFAULT_LAG_BLOCKS);
    migrate(db);
    if (getMeta(db, 'hivemind_genesis') === undefined) db.transaction(() => this.registerGenesis())();
  }

  lagBlocks(): number {
    return this.lag;
  }
  setLagBlocks(n: number): void {
    this.lag = Math.max(0, Math.floor(n));
  }

  // ------------------------------------------------------------ genesis

  /**
   * Community.register runs for every new account whose name is a community's;
   * the devnet's accounts all come from genesis, so they are registered here,
   * with the genesis file's roles, titles and subscribers as if set by ops.
   */
  private registerGenesis(): void {
    const { genesis, genesisTime } = this.options;
    for (const a of genesis.accounts) if (isCommunityName(a.name)) this.registerCommunity(a.name, genesisTime, 0);
    for (const c of genesis.communities ?? []) {
      if (!this.community(c.name)) throw new Error(`genesis community ${c.name}: no genesis account of that name`);
      this.db
        .prepare(`UPDATE hm_communities SET title = ?, about = ?, description = ? WHERE name = ?`)
        .run(c.title, c.about ?? '', c.description ?? '', c.name);
      for (const [account, role] of Object.entries(c.roles ?? {})) this.setRole(c.name, account, COMMUNITY_ROLES[role], genesisTime);
      for (const account of c.subscribers ?? []) this.subscribe(c.name, account, genesisTime, 0);
    }
    setMeta(this.db, 'hivemind_genesis', '1');
  }

  /** register_community: the community, and its account as owner. */
  private registerCommunity(name: string, at: number, blockNum: number): void {
    const id = this.options.accountId(name) ?? 0;
    this.db
      .prepare(`INSERT OR IGNORE INTO hm_communities(id, name, type_id, created_at, block_num) VALUES (?, ?, ?, ?, ?)`)
      .run(id, name, communityTypeOf(name), at, blockNum);
    this.db.prepare(`INSERT OR IGNORE INTO hm_roles(community, account, role_id, created_at) VALUES (?, ?, ?, ?)`).run(name, name, COMMUNITY_ROLES.owner, at);
  }

  // ------------------------------------------------------------ reads

  /** The live (not deleted) post of author/permlink. */
  livePost(author: string, permlink: string): HmPost | undefined {
    return this.db.prepare(`SELECT * FROM hm_posts WHERE author = ? AND permlink = ? AND counter_deleted = 0`).get(author, permlink) as HmPost | undefined;
  }
  /** How many posts of author/permlink were deleted (find_comment_id's count when none is live). */
  deletedCount(author: string, permlink: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM hm_posts WHERE author = ? AND permlink = ?`).get(author, permlink) as { n: number }).n;
  }
  postById(id: number): HmPost | undefined {
    return this.db.prepare(`SELECT * FROM hm_posts WHERE id = ?`).get(id) as HmPost | undefined;
  }
  replies(parentId: number): HmPost[] {
    return this.db.prepare(`SELECT * FROM hm_posts WHERE parent_id = ? AND counter_deleted = 0 ORDER BY id`).all(parentId) as HmPost[];
  }
  votes(postId: number): HmVote[] {
    return this.db.prepare(`SELECT * FROM hm_votes WHERE post_id = ? ORDER BY voter_id`).all(postId) as HmVote[];
  }
  community(name: string): HmCommunity | undefined {
    return this.db.prepare(`SELECT * FROM hm_communities WHERE name = ?`).get(name) as HmCommunity | undefined;
  }
  role(community: string, account: string): { role_id: number; title: string } | undefined {
    return this.db.prepare(`SELECT role_id, title FROM hm_roles WHERE community = ? AND account = ?`).get(community, account) as
      | { role_id: number; title: string }
      | undefined;
  }
  roleId(community: string, account: string): number {
    return this.role(community, account)?.role_id ?? COMMUNITY_ROLES.guest;
  }
  isSubscribed(community: string, account: string): boolean {
    return !!this.db.prepare(`SELECT 1 FROM hm_subscriptions WHERE community = ? AND account = ?`).get(community, account);
  }
  notifications(dst: string): HmNotification[] {
    return this.db.prepare(`SELECT * FROM hm_notifications WHERE dst = ? ORDER BY id DESC`).all(dst) as HmNotification[];
  }
  /** The last block hivemind has indexed (hive.db_head_state's blocks). */
  lastIndexedBlock(): number {
    return Number(getMeta(this.db, 'follower:hivemind') ?? 0);
  }

  // ------------------------------------------------------------ indexing

  /**
   * Regular operations are dated with the previous block's time (what hived
   * evaluated them with; massive_sync.sql load_ops_staging: "Old Python used
   * _head_block_date (previous block's date) for regular ops"), virtual ones
   * with their own block's.
   */
  processBlock(block: BlockRecord, virtualOps: LegacyOp[]): void {
    const effectiveVotes = virtualOps.filter(([n]) => n === 'effective_comment_vote');
    const prev = this.db.prepare(`SELECT timestamp FROM hive_blocks WHERE num = ?`).get(block.num - 1) as { timestamp: number } | undefined;
    const opDate = { ...block, timestamp: prev?.timestamp ?? block.timestamp };
    for (const trx of block.transactions) {
      for (const op of trx.operations) this.processOperation(op, opDate, effectiveVotes);
    }
    for (const [name, o] of virtualOps) {
      if (name === 'comment_payout_update') {
        this.db
          .prepare(`UPDATE hm_posts SET is_paidout = 1, last_payout = ? WHERE author = ? AND permlink = ? AND counter_deleted = 0`)
          .run(block.timestamp, o.author, o.permlink);
      }
    }
  }

  private processOperation([name, o]: LegacyOp, block: BlockRecord, effectiveVotes: LegacyOp[]): void {
    switch (name) {
      case 'comment':
        return this.comment(o, block);
      case 'comment_options':
        return this.commentOptions(o);
      case 'delete_comment':
        return this.deleteComment(o, block);
      case 'vote': {
        const i = effectiveVotes.findIndex(([, v]) => v.voter === o.voter && v.author === o.author && v.permlink === o.permlink);
        if (i < 0) return; // a vote on a paid-out post has no effect
        const [, effect] = effectiveVotes.splice(i, 1)[0];
        return this.vote(o, effect.rshares as number, block);
      }
      case 'custom_json': {
        const actor = communityActor(o as { id: string; required_auths: string[]; required_posting_auths: string[] });
        if (actor) this.communityOp(actor, o.json, block);
        return;
      }
    }
  }

  /** process_hive_post_operation: a new post, or an edit of the live one. */
  private comment(o: Record<string, any>, block: BlockRecord): void {
    const at = block.timestamp;
    const existing = this.livePost(o.author, o.permlink);
    if (existing) {
      // "During post update it is disallowed to change: parent-post, category, community-id"
      this.db
        .prepare(`UPDATE hm_posts SET title = ?, body = ?, json_metadata = ?, updated = ?, active = ?, block_num = ? WHERE id = ?`)
        .run(o.title, o.body, o.json_metadata, at, at, block.num, existing.id);
      return;
    }
    let parent: HmPost | undefined;
    if (o.parent_author) {
      parent = this.livePost(o.parent_author, o.parent_permlink);
      if (!parent) return; // the chain refused such a reply; nothing to index
    }
    const community = parent ? parent.community : isCommunityName(o.parent_permlink) && this.community(o.parent_permlink) ? o.parent_permlink : null;
    const type = community ? this.community(community)!.type_id : null;
    const authorRole = community ? this.roleId(community, o.author) : COMMUNITY_ROLES.guest;
    const muting = newPostMuting(type, authorRole, !!parent, parent ? parent.is_muted === 1 : false);
    const info = this.db
      .prepare(
        `INSERT INTO hm_posts(author, permlink, parent_id, root_id, depth, category, community, title, body, json_metadata, created, updated, active,
           payout_at, is_muted, muted_reasons, block_num, block_num_created)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        o.author,
        o.permlink,
        parent?.id ?? 0,
        parent ? parent.root_id : 0,
        parent ? parent.depth + 1 : 0,
        parent ? parent.category : o.parent_permlink,
        community,
        o.title,
        o.body,
        o.json_metadata,
        at,
        at,
        at,
        at + CASHOUT_WINDOW_SECONDS,
        muting.muted ? 1 : 0,
        muting.reasons,
        block.num,
        block.num,
      );
    const id = Number(info.lastInsertRowid);
    if (!parent) this.db.prepare(`UPDATE hm_posts SET root_id = ? WHERE id = ?`).run(id, id);
    for (let a = parent; a; a = a.parent_id ? this.postById(a.parent_id) : undefined) {
      this.db.prepare(`UPDATE hm_posts SET children = children + 1, active = ? WHERE id = ?`).run(at, a.id);
    }
    if (muting.muted && community) {
      this.notify(block, 'error', community, o.author, community, id, 'post is muted');
    }
  }

  private commentOptions(o: Record<string, any>): void {
    const p = this.livePost(o.author, o.permlink);
    if (!p) return;
    const bens = (o.extensions as Array<[number, { beneficiaries: unknown[] }]>).flatMap(([, e]) => e.beneficiaries);
    const payout = parseAsset(o.max_accepted_payout);
    this.db
      .prepare(
        `UPDATE hm_posts SET max_accepted_payout = ?, percent_hbd = ?, allow_votes = ?, allow_curation_rewards = ?,
                       beneficiaries = CASE WHEN ? THEN ? ELSE beneficiaries END WHERE id = ?`,
      )
      .run(
        formatAsset(payout.amount, payout.symbol),
        o.percent_hbd,
        o.allow_votes ? 1 : 0,
        o.allow_curation_rewards ? 1 : 0,
        bens.length ? 1 : 0,
        JSON.stringify(bens),
        p.id,
      );
  }

  /** delete_comment: the row stays with counter_deleted set; ancestors lose a child. */
  private deleteComment(o: Record<string, any>, block: BlockRecord): void {
    const p = this.livePost(o.author, o.permlink);
    if (!p) return;
    const n = this.deletedCount(o.author, o.permlink);
    this.db.prepare(`UPDATE hm_posts SET counter_deleted = ?, block_num = ? WHERE id = ?`).run(n, block.num, p.id);
    for (let a = p.parent_id ? this.postById(p.parent_id) : undefined; a; a = a.parent_id ? this.postById(a.parent_id) : undefined) {
      this.db.prepare(`UPDATE hm_posts SET children = children - 1 WHERE id = ?`).run(a.id);
    }
  }

  private vote(o: Record<string, any>, rshares: number, block: BlockRecord): void {
    const p = this.livePost(o.author, o.permlink);
    if (!p) return;
    const prev = this.db.prepare(`SELECT * FROM hm_votes WHERE post_id = ? AND voter = ?`).get(p.id, o.voter) as HmVote | undefined;
    const sign = (w: number) => (w > 0 ? 1 : w < 0 ? -1 : 0);
    this.db
      .prepare(
        `UPDATE hm_posts SET rshares = rshares + ?, abs_rshares = abs_rshares + ?, net_votes = net_votes + ?, total_votes = total_votes + ? WHERE id = ?`,
      )
      .run(
        rshares - (prev?.rshares ?? 0),
        Math.abs(rshares) - Math.abs(prev?.rshares ?? 0),
        sign(o.weight) - (prev ? sign(prev.percent) : 0),
        prev ? 0 : 1,
        p.id,
      );
    this.db
      .prepare(
        `INSERT INTO hm_votes(post_id, voter, voter_id, percent, rshares, time, num_changes) VALUES (?, ?, ?, ?, ?, ?, 0)
                ON CONFLICT(post_id, voter) DO UPDATE SET percent = excluded.percent, rshares = excluded.rshares, time = excluded.time, num_changes = num_changes + 1`,
      )
      .run(p.id, o.voter, this.options.accountId(o.voter) ?? 0, o.weight, rshares, block.timestamp);
  }

  // ------------------------------------------------------------ communities

  private communityOp(actor: string, json: string, block: BlockRecord): void {
    const parsed = parseCommunityOp(actor, json, (name) => !!this.community(name));
    if ('error' in parsed) {
      this.notify(block, 'error', null, actor, null, null, parsed.error);
      return;
    }
    const op = parsed;
    const post = op.permlink ? this.livePost(op.account!, op.permlink) : undefined;
    const parent = post?.parent_id ? this.postById(post.parent_id) : undefined;
    const refusal = communityOpRefusal(op, {
      actorRole: this.roleId(op.community, actor),
      accountRole: op.account ? this.roleId(op.community, op.account) : COMMUNITY_ROLES.guest,
      subscribed: this.isSubscribed(op.community, actor),
      modsOtherThanAccount: (
        this.db
          .prepare(`SELECT COUNT(*) AS n FROM hm_roles WHERE community = ? AND role_id >= ? AND account != ?`)
          .get(op.community, COMMUNITY_ROLES.mod, op.account ?? '') as { n: number }
      ).n,
      post: post
        ? { inCommunity: post.community === op.community, isMuted: post.is_muted === 1, isPinned: post.is_pinned === 1, parentIsMuted: parent?.is_muted === 1 }
        : null,
      alreadyFlagged:
        !!post &&
        !!this.db
          .prepare(`SELECT 1 FROM hm_notifications WHERE type = 'flag_post' AND community = ? AND post_id = ? AND src = ?`)
          .get(op.community, post.id, actor),
    });
    if (refusal) {
      this.notify(block, 'error', op.community, actor, op.community, null, refusal);
      return;
    }
    this.applyCommunityOp(op, post, block);
  }

  private applyCommunityOp(op: CommunityOp, post: HmPost | undefined, block: BlockRecord): void {
    const at = block.timestamp;
    switch (op.action) {
      case 'subscribe':
        return this.subscribe(op.community, op.actor, at, block.num);
      case 'unsubscribe':
        this.db.prepare(`DELETE FROM hm_subscriptions WHERE community = ? AND account = ?`).run(op.community, op.actor);
        this.db.prepare(`UPDATE hm_communities SET subscribers = subscribers - 1 WHERE name = ?`).run(op.community);
        return;
      case 'setRole':
        this.setRole(op.community, op.account!, op.role!, at);
        return this.notify(block, 'set_role', op.actor, op.account!, op.community, null, String(op.role));
      case 'setUserTitle':
        this.db
          .prepare(
            `INSERT INTO hm_roles(community, account, title, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(community, account) DO UPDATE SET title = excluded.title`,
          )
          .run(op.community, op.account, op.title, at);
        return this.notify(block, 'set_title', op.actor, op.account!, op.community, null, op.title ?? '');
      case 'updateProps': {
        const p = op.props!;
        const c = this.community(op.community)!;
        this.db
          .prepare(
            `UPDATE hm_communities SET title = ?, about = ?, lang = ?, is_nsfw = ?, description = ?, flag_text = ?, settings = ?, type_id = ? WHERE name = ?`,
          )
          .run(
            p.title ?? c.title,
            p.about ?? c.about,
            p.lang ?? c.lang,
            p.is_nsfw === undefined ? c.is_nsfw : p.is_nsfw ? 1 : 0,
            p.description ?? c.description,
            p.flag_text ?? c.flag_text,
            p.settings ?? c.settings,
            p.type_id ?? c.type_id,
            op.community,
          );
        return;
      }
      case 'mutePost':
        // muted_reasons = MUTED_COMMUNITY_MODERATION only, replacing any earlier reason
        this.db.prepare(`UPDATE hm_posts SET is_muted = 1, muted_reasons = ? WHERE id = ?`).run(1 << MUTED_REASONS.communityModeration, post!.id);
        return this.notify(block, 'mute_post', op.actor, op.account!, op.community, post!.id, op.notes ?? '');
      case 'unmutePost':
        this.db.prepare(`UPDATE hm_posts SET is_muted = 0, muted_reasons = 0 WHERE id = ?`).run(post!.id);
        return this.notify(block, 'unmute_post', op.actor, op.account!, op.community, post!.id, op.notes ?? '');
      case 'pinPost':
        this.db.prepare(`UPDATE hm_posts SET is_pinned = 1 WHERE id = ?`).run(post!.id);
        return this.notify(block, 'pin_post', op.actor, op.account!, op.community, post!.id, '');
      case 'unpinPost':
        this.db.prepare(`UPDATE hm_posts SET is_pinned = 0 WHERE id = ?`).run(post!.id);
        return this.notify(block, 'unpin_post', op.actor, op.account!, op.community, post!.id, '');
      case 'flagPost':
        return this.notify(block, 'flag_post', op.actor, op.account!, op.community, post!.id, op.notes ?? '');
    }
  }

  private setRole(community: string, account: string, roleId: number, at: number): void {
    this.db
      .prepare(
        `INSERT INTO hm_roles(community, account, role_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(community, account) DO UPDATE SET role_id = excluded.role_id`,
      )
      .run(community, account, roleId, at);
  }

  private subscribe(community: string, account: string, at: number, blockNum: number): void {
    const info = this.db
      .prepare(`INSERT OR IGNORE INTO hm_subscriptions(community, account, created_at, block_num) VALUES (?, ?, ?, ?)`)
      .run(community, account, at, blockNum);
    if (info.changes) this.db.prepare(`UPDATE hm_communities SET subscribers = subscribers + 1 WHERE name = ?`).run(community);
  }

  private notify(block: BlockRecord, type: string, src: string | null, dst: string, community: string | null, postId: number | null, payload: string): void {
    this.db
      .prepare(`INSERT INTO hm_notifications(block_num, type, src, dst, community, post_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(block.num, type, src, dst, community, postId, payload, block.timestamp);
  }
}
