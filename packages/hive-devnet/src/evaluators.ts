/**
 * The state transitions of the operations the devnet supports, with hived
 * 1.28.6's checks, in its order and with its texts:
 * libraries/chain/hive_evaluator_social.cpp (comment, comment_options,
 * delete_comment, vote), hive_evaluator_transfer.cpp / database.cpp (transfer,
 * adjust_balance), hive_evaluator_account.cpp (account_update, account_update2),
 * hive_evaluator.cpp (custom_json) and rc/rc_utility.cpp (delegate_rc, the one
 * custom_json id hived evaluates itself).
 *
 * Every evaluator runs with `now` = the head (parent) block's time, as hived does.
 */
import { formatAsset, parseAsset } from './assets';
import type { Authority } from './authority';
import type { Db } from './store';
import type { AccountRow, CommentRow, VoteRow } from './rows';

/** What the evaluators need of the chain (chain.ts's Chain is one). */
export interface ChainState {
  readonly db: Db;
  headBlock(): { num: number; id: string; time: number };
  emitVirtualOperation(op: LegacyOp): void;
  findAccount(name: string): AccountRow | undefined;
  getAccount(name: string): AccountRow;
  findComment(author: string, permlink: string): CommentRow | undefined;
  commentById(id: number): CommentRow | undefined;
  getComment(author: string, permlink: string): CommentRow;
  regenerateRc(name: string): void;
}
import { HivedError, chainAssert, fcAssert, fcFail, specialisedAssert } from './errors';
import { decodePublicKey } from './keys';
import type { LegacyOp } from './ops';
import { validateAccountName, validateAuthSize } from './ops';
import {
  ACCOUNT_CREATION_FEE_MILLI_HIVE,
  CASHOUT_WINDOW_SECONDS,
  CUSTOM_OP_DATA_MAX_LENGTH,
  DEFAULT_MAX_ACCEPTED_PAYOUT,
  HIVE_MAX_PERMLINK_LENGTH,
  HIVE_TEMP_ACCOUNT,
  HIVED_TEXTS,
  MAX_BENEFICIARIES,
  MIN_COMMENT_EDIT_INTERVAL_SECONDS,
  MIN_REPLY_INTERVAL_SECONDS,
  MIN_ROOT_COMMENT_INTERVAL_SECONDS,
  OWNER_UPDATE_LIMIT_SECONDS,
  RC_CUSTOM_OPERATION_ID,
  RC_MAX_ACCOUNTS_PER_DELEGATION_OP,
  SOFT_MAX_COMMENT_DEPTH,
  VESTS_PER_HIVE,
  VOTING_MANA_REGENERATION_SECONDS,
} from './protocol';
import { regenerateMana } from './rc';
import { isoTime } from './time';
import { downvoteMaxMana, voteRshares, voteUsedMana } from './votes';

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const PERMLINK_CHAR_EXPR = [...'abcdefghijklmnopqrstuvwxyz0123456789-'].map((c) => `c == '${c}'`).join(' || ');
const NULL_KEY = Buffer.alloc(33);
const SOCIAL = { file: 'hive_evaluator_social.cpp', method: 'do_apply' };
const ACCOUNT = { file: 'hive_evaluator_account.cpp', method: 'do_apply' };

/** validate_permlink_0_1 (comment evaluator, for new comments). */
function validatePermlink01(permlink: string): void {
  const size = utf8Bytes(permlink);
  chainAssert(
    size > 0 && size < HIVE_MAX_PERMLINK_LENGTH,
    'permlink.size() > HIVE_MIN_PERMLINK_LENGTH && permlink.size() < HIVE_MAX_PERMLINK_LENGTH',
    'state',
    permlink,
    'Permlink is not of valid size (${s}).',
    { s: size },
  );
  for (const c of permlink) chainAssert(/^[a-z0-9-]$/.test(c), PERMLINK_CHAR_EXPR, 'state', permlink, 'Invalid permlink character: ${s}', { s: c });
}

/** util::owner_update_limit_mgr::check with HIVE_HARDFORK_1_26_AUTH_UPDATE: the last OR the one before must be over an hour old. */
export function ownerUpdateAllowed(now: number, previous: number, last: number): boolean {
  return now - last > OWNER_UPDATE_LIMIT_SECONDS || now - previous > OWNER_UPDATE_LIMIT_SECONDS;
}

/** An account's effective vesting shares in millionths of a VEST (no vesting delegation or power-down on the devnet). */
export const effectiveVests = (a: AccountRow) => a.vesting_shares;

export class Evaluators {
  constructor(private readonly chain: ChainState) {}

  private get db() {
    return this.chain.db;
  }
  private get now() {
    return this.chain.headBlock().time;
  }

  apply(op: LegacyOp): void {
    const [name, o] = op;
    switch (name) {
      case 'comment':
        return this.comment(o);
      case 'comment_options':
        return this.commentOptions(o);
      case 'delete_comment':
        return this.deleteComment(o);
      case 'vote':
        return this.vote(o);
      case 'transfer':
        return this.transfer(o);
      case 'custom_json':
        return this.customJson(o);
      case 'account_update':
        return this.accountUpdate(o);
      case 'account_update2':
        return this.accountUpdate2(o);
      default:
        fcFail('false', 'unsupported operation ${op}', { op: name });
    }
  }

  // ------------------------------------------------------------ comment

  private comment(o: Record<string, any>): void {
    const { chain } = this;
    const auth = chain.getAccount(o.author);
    const existing = chain.findComment(o.author, o.permlink);
    const now = this.now;
    let parent: CommentRow | undefined;
    if (o.parent_author !== '') {
      parent = chain.getComment(o.parent_author, o.parent_permlink);
      chainAssert(
        parent.depth < SOFT_MAX_COMMENT_DEPTH,
        'parent->get_depth() < depth_limit',
        'limit',
        parent.depth,
        'Comment is nested ${x} posts deep, maximum depth is ${y}.',
        { x: parent.depth, y: SOFT_MAX_COMMENT_DEPTH },
        SOCIAL,
      );
    }
    // "JSON Metadata must be UTF-8" cannot fail here: validate() already refused non-UTF-8 metadata.

    if (!existing) {
      if (!parent) {
        chainAssert(
          now - auth.last_root_post > MIN_ROOT_COMMENT_INTERVAL_SECONDS,
          '( _now - auth.last_root_post ) > HIVE_MIN_ROOT_COMMENT_INTERVAL',
          'time',
          o.author,
          'You may only post once every 5 minutes.',
          { now: isoTime(now), last_root_post: isoTime(auth.last_root_post) },
          SOCIAL,
        );
      } else {
        chainAssert(
          now - auth.last_post >= MIN_REPLY_INTERVAL_SECONDS,
          '( _now - auth.last_post ) >= HIVE_MIN_REPLY_INTERVAL',
          'time',
          o.author,
          'You may only comment once every 3 seconds.',
          { now: isoTime(now), 'auth.last_post': isoTime(auth.last_post) },
          SOCIAL,
        );
      }
      this.db
        .prepare(
          `UPDATE hive_accounts SET last_root_post = CASE WHEN ? THEN ? ELSE last_root_post END, last_post = ?, last_post_edit = ?, post_count = post_count + 1 WHERE name = ?`,
        )
        .run(parent ? 0 : 1, now, now, now, o.author);
      validatePermlink01(o.parent_permlink);
      validatePermlink01(o.permlink);
      const category = parent ? parent.category : o.parent_permlink;
      const rootId = parent ? parent.root_id : 0;
      const info = this.db
        .prepare(
          `INSERT INTO hive_comments(author, permlink, parent_id, root_id, parent_author, parent_permlink, category, title, body, json_metadata,
             created, last_update, active, depth, max_accepted_payout, percent_hbd, allow_votes, allow_curation_rewards, cashout_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 10000, 1, 1, ?)`,
        )
        .run(
          o.author,
          o.permlink,
          parent?.id ?? null,
          rootId,
          o.parent_author,
          o.parent_permlink,
          category,
          o.title,
          o.body,
          o.json_metadata,
          now,
          now,
          now,
          parent ? parent.depth + 1 : 0,
          Number(DEFAULT_MAX_ACCEPTED_PAYOUT),
          now + CASHOUT_WINDOW_SECONDS,
        );
      const id = Number(info.lastInsertRowid);
      if (!parent) this.db.prepare(`UPDATE hive_comments SET root_id = ? WHERE id = ?`).run(id, id);
      // `children` here counts every descendant (what hivemind shows); hived's own counter, which
      // delete_comment checks, is the number of direct replies (see deleteComment).
      let ancestor = parent;
      while (ancestor) {
        this.db.prepare(`UPDATE hive_comments SET children = children + 1, active = ? WHERE id = ?`).run(now, ancestor.id);
        ancestor = ancestor.parent_id !== null ? chain.commentById(ancestor.parent_id) : undefined;
      }
      return;
    }

    chainAssert(
      now - auth.last_post_edit >= MIN_COMMENT_EDIT_INTERVAL_SECONDS,
      '_now - auth.last_post_edit >= HIVE_MIN_COMMENT_EDIT_INTERVAL',
      'time',
      o.author,
      'Can only perform one comment edit per block.',
      {},
      SOCIAL,
    );
    if (!parent) chainAssert(existing.parent_id === null, '_comment->is_root()', 'state', o.author, 'The parent of a comment cannot change.', {}, SOCIAL);
    else
      chainAssert(
        existing.parent_id === parent.id,
        '_comment->get_parent_id() == parent->get_id()',
        'state',
        o.author,
        'The parent of a comment cannot change.',
        {},
        SOCIAL,
      );
    this.db.prepare(`UPDATE hive_accounts SET last_post_edit = ? WHERE name = ?`).run(now, o.author);
    // The post's content is hivemind's business: an edit replaces title, body and metadata.
    this.db
      .prepare(`UPDATE hive_comments SET title = ?, body = ?, json_metadata = ?, last_update = ?, active = ? WHERE id = ?`)
      .run(o.title, o.body, o.json_metadata, now, now, existing.id);
  }

  private hasVotes(commentId: number): boolean {
    return !!this.db.prepare(`SELECT 1 FROM hive_votes WHERE comment_id = ? LIMIT 1`).get(commentId);
  }

  private commentOptions(o: Record<string, any>): void {
    const { chain } = this;
    const c = chain.getComment(o.author, o.permlink);
    if (c.paid) fcFail('!_db.has_hardfork( HIVE_HARDFORK_1_24 )', 'Updating parameters for comment that is paid out is forbidden.');
    const maxPayout = Number(parseAsset(o.max_accepted_payout).amount);
    const hasVotes = this.hasVotes(c.id);
    if (!o.allow_curation_rewards || !o.allow_votes || maxPayout < c.max_accepted_payout) {
      fcAssert(!hasVotes, '!comment_cashout->has_votes()', 'One of the included comment options requires the comment to have no rshares allocated to it.');
    }
    fcAssert(
      c.allow_curation_rewards >= (o.allow_curation_rewards ? 1 : 0),
      'comment_cashout->allows_curation_rewards() >= o.allow_curation_rewards',
      'Curation rewards cannot be re-enabled.',
    );
    fcAssert(c.allow_votes >= (o.allow_votes ? 1 : 0), 'comment_cashout->allows_votes() >= o.allow_votes', 'Voting cannot be re-enabled.');
    fcAssert(
      c.max_accepted_payout >= maxPayout,
      'comment_cashout->get_max_accepted_payout() >= o_max_accepted_payout',
      'A comment cannot accept a greater payout.',
    );
    fcAssert(c.percent_hbd >= o.percent_hbd, 'comment_cashout->get_percent_hbd() >= o.percent_hbd', 'A comment cannot accept a greater percent HBD.');
    this.db
      .prepare(`UPDATE hive_comments SET percent_hbd = ?, max_accepted_payout = ?, allow_votes = ?, allow_curation_rewards = ? WHERE id = ?`)
      .run(o.percent_hbd, maxPayout, o.allow_votes ? 1 : 0, o.allow_curation_rewards ? 1 : 0, c.id);
    let beneficiaries = JSON.parse(c.beneficiaries) as Array<{ account: string; weight: number }>;
    for (const [, ext] of o.extensions as Array<[number, { beneficiaries: Array<{ account: string; weight: number }> }]>) {
      fcAssert(beneficiaries.length === 0, '_c.get_beneficiaries().size() == 0', 'Comment already has beneficiaries specified.');
      fcAssert(!hasVotes, '!_c.has_votes() && "Comment must not have been voted on before specifying beneficiaries."', '');
      fcAssert(
        ext.beneficiaries.length <= MAX_BENEFICIARIES,
        '!_db.is_in_control() || cpb.beneficiaries.size() <= HIVE_MAX_COMMENT_BENEFICIARIES',
        'Cannot specify more than ${x} beneficiaries.',
        { x: MAX_BENEFICIARIES },
      );
      for (const b of ext.beneficiaries) {
        fcAssert(chain.findAccount(b.account) !== undefined, 'acc != nullptr', 'Beneficiary "${a}" must exist.', { a: b.account });
      }
      beneficiaries = ext.beneficiaries.map((b) => ({ account: b.account, weight: b.weight }));
      this.db.prepare(`UPDATE hive_comments SET beneficiaries = ? WHERE id = ?`).run(JSON.stringify(beneficiaries), c.id);
    }
  }

  // ------------------------------------------------------------ delete_comment

  /**
   * delete_comment_evaluator: direct replies (hived's comment_cashout children
   * counter) refuse it, a paid-out comment (no cashout object any more) refuses
   * it, and so does positive net_rshares — net positive *rshares*, not votes: a
   * vote under the dust threshold carries 0 rshares and does not stop a deletion.
   */
  private deleteComment(o: Record<string, any>): void {
    const { chain } = this;
    const c = chain.getComment(o.author, o.permlink);
    if (!c.paid) {
      const replies = this.db.prepare(`SELECT COUNT(*) AS n FROM hive_comments WHERE parent_id = ?`).get(c.id) as { n: number };
      chainAssert(replies.n === 0, '!comment_cashout->has_replies()', 'state', o.author, HIVED_TEXTS.deleteWithReplies, {}, SOCIAL);
    }
    chainAssert(!c.paid, 'comment_cashout && "Cannot delete comment after payout."', 'state', o.author, HIVED_TEXTS.deleteAfterPayout, {}, SOCIAL);
    specialisedAssert(
      c.net_rshares <= 0,
      'comment_cashout->get_net_rshares() <= 0',
      { category: 'chain', subjectType: 'hardfork' },
      HIVED_TEXTS.deleteWithVotes,
      {},
      SOCIAL,
    );
    this.db.prepare(`DELETE FROM hive_votes WHERE comment_id = ?`).run(c.id);
    let ancestor = c.parent_id !== null ? chain.commentById(c.parent_id) : undefined;
    while (ancestor) {
      this.db.prepare(`UPDATE hive_comments SET children = children - 1 WHERE id = ?`).run(ancestor.id);
      ancestor = ancestor.parent_id !== null ? chain.commentById(ancestor.parent_id) : undefined;
    }
    this.db.prepare(`DELETE FROM hive_comments WHERE id = ?`).run(c.id);
    this.db
      .prepare(`INSERT INTO hive_comment_deletions(author, permlink, times) VALUES (?, ?, 1) ON CONFLICT(author, permlink) DO UPDATE SET times = times + 1`)
      .run(o.author, o.permlink);
  }

  // ------------------------------------------------------------ vote

  /** hf20_vote_evaluator with HIVE_HARDFORK_1_28_STABLE_VOTE (see votes.ts for the formula). */
  private vote(o: Record<string, any>): void {
    const { chain } = this;
    const c = chain.getComment(o.author, o.permlink);
    const voter = chain.getAccount(o.voter);
    const now = this.now;
    if (!c.paid && o.weight > 0) {
      chainAssert(
        c.allow_votes === 1,
        'comment_cashout->allows_votes() && "Votes are not allowed on the comment."',
        'voting',
        o.author,
        'Votes are not allowed on the comment.',
        {},
        SOCIAL,
      );
    }
    if (c.paid) return; // comment already paid: the vote is accepted and ignored
    chainAssert(
      now < c.cashout_time,
      '_now < comment_cashout->get_cashout_time()',
      'time',
      o.voter,
      'Comment is actively being rewarded. Cannot vote on comment.',
      {},
      SOCIAL,
    );
    const prev = this.db.prepare(`SELECT * FROM hive_votes WHERE comment_id = ? AND voter = ?`).get(c.id, o.voter) as VoteRow | undefined;
    if (!prev) chainAssert(o.weight !== 0, 'o.weight != 0 && "Vote weight cannot be 0."', 'voting', o.voter, 'Vote weight cannot be 0.', {}, SOCIAL);
    else {
      chainAssert(
        prev.vote_percent !== o.weight,
        'itr->get_vote_percent() != o.weight && "Your current vote on this comment is identical to this vote."',
        'voting',
        o.voter,
        'Your current vote on this comment is identical to this vote.',
        {},
        SOCIAL,
      );
    }

    // util::update_manabar: both bars regenerate to now before the vote uses mana
    const vests = voter.vesting_shares;
    const up = regenerateMana({ current: voter.voting_mana, lastUpdate: voter.voting_last_update }, vests, now, VOTING_MANA_REGENERATION_SECONDS);
    const down = regenerateMana(
      { current: voter.downvote_mana, lastUpdate: voter.downvote_last_update },
      downvoteMaxMana(vests),
      now,
      VOTING_MANA_REGENERATION_SECONDS,
    );
    const used = voteUsedMana(vests, o.weight);
    if (o.weight < 0) {
      chainAssert(
        up.current + down.current > used,
        'voter.voting_manabar.current_mana + voter.downvote_manabar.current_mana > fc::uint128_to_int64( used_mana )',
        'balance',
        o.voter,
        HIVED_TEXTS.notEnoughDownvoteMana,
        { v: up.current, d: down.current, r: used },
        SOCIAL,
      );
    } else {
      chainAssert(
        up.current >= used,
        'voter.voting_manabar.has_mana( fc::uint128_to_int64( used_mana ) )',
        'balance',
        o.voter,
        HIVED_TEXTS.notEnoughVotingMana,
        { v: up.current, r: used },
        SOCIAL,
      );
    }
    if (o.weight < 0 && used > down.current) {
      up.current -= used - down.current;
      down.current = 0;
    } else if (o.weight < 0) {
      down.current -= used;
    } else {
      up.current -= used;
    }
    const rshares = voteRshares(used, o.weight, c.cashout_time - now);
    const sign = (w: number) => (w > 0 ? 1 : w < 0 ? -1 : 0);
    const netVotesDelta = sign(o.weight) - (prev ? sign(prev.vote_percent) : 0);
    const netDelta = rshares - (prev?.rshares ?? 0);
    const absDelta = Math.abs(rshares) - Math.abs(prev?.rshares ?? 0);
    this.db
      .prepare(`UPDATE hive_comments SET net_votes = net_votes + ?, net_rshares = net_rshares + ?, abs_rshares = abs_rshares + ? WHERE id = ?`)
      .run(netVotesDelta, netDelta, absDelta, c.id);
    this.db
      .prepare(
        `INSERT INTO hive_votes(comment_id, voter, vote_percent, rshares, time) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(comment_id, voter) DO UPDATE SET vote_percent = excluded.vote_percent, rshares = excluded.rshares, time = excluded.time`,
      )
      .run(c.id, o.voter, o.weight, rshares, now);
    this.db
      .prepare(
        `UPDATE hive_accounts SET last_vote_time = ?, lifetime_vote_count = lifetime_vote_count + ?, voting_mana = ?, voting_last_update = ?,
                  downvote_mana = ?, downvote_last_update = ? WHERE name = ?`,
      )
      .run(now, prev ? 0 : 1, up.current, now, down.current, now, o.voter);
    // hived announces the vote's effect with a virtual operation (hivemind reads the rshares from it)
    chain.emitVirtualOperation([
      'effective_comment_vote',
      { voter: o.voter, author: o.author, permlink: o.permlink, weight: 0, rshares, total_vote_weight: 0, pending_payout: '0.000 HBD' },
    ]);
  }

  // ------------------------------------------------------------ transfer

  /** database::adjust_balance */
  private adjustBalance(name: string, amount: bigint, symbol: 'HIVE' | 'HBD'): void {
    const a = this.chain.getAccount(name);
    const column = symbol === 'HIVE' ? 'balance' : 'hbd_balance';
    const current = BigInt(a[column]);
    if (amount < 0n) {
      fcAssert(
        current >= -amount,
        symbol === 'HIVE' ? 'a.get_hive_balance() >= -delta' : 'a.get_hbd_balance() >= -delta',
        'Account ${acc} does not have sufficient funds for balance adjustment. Required: ${r}, Available: ${a}',
        { acc: name, r: formatAsset(amount, symbol), a: formatAsset(current, symbol) },
        { method: 'adjust_balance' },
      );
    }
    this.db.prepare(`UPDATE hive_accounts SET ${column} = ${column} + ? WHERE name = ?`).run(Number(amount), name);
  }

  private transfer(o: Record<string, any>): void {
    const amount = parseAsset(o.amount);
    if (amount.symbol === 'VESTS') fcFail('false', 'invalid symbol');
    // hived 1.28 has no "to self" check for transfer (only recurrent transfers refuse it).
    this.adjustBalance(o.from, -amount.amount, amount.symbol);
    this.adjustBalance(o.to, amount.amount, amount.symbol);
  }

  // ------------------------------------------------------------ custom_json

  /**
   * custom_json_evaluator: the size check, then the interpreter registered for
   * the id, if any. hived 1.28 registers one: the rc plugin's "rc". Every other
   * id (Hive-Engine's, "follow", "reblog", "community", …) is left to the layers
   * that read blocks.
   */
  private customJson(o: Record<string, any>): void {
    chainAssert(
      utf8Bytes(o.json) <= CUSTOM_OP_DATA_MAX_LENGTH,
      'o.json.length() <= HIVE_CUSTOM_OP_DATA_MAX_LENGTH',
      'limit',
      utf8Bytes(o.json),
      'Operation JSON must be less than ${bytes} bytes.',
      { bytes: CUSTOM_OP_DATA_MAX_LENGTH },
      { file: 'hive_evaluator.cpp', method: 'do_apply' },
    );
    if (o.id === RC_CUSTOM_OPERATION_ID) this.rcCustomOperation(o);
  }

  /** generic_custom_operation_interpreter< rc_custom_operation >::apply, then delegate_rc_evaluator. */
  private rcCustomOperation(o: Record<string, any>): void {
    const where = { file: 'generic_custom_operation_interpreter.hpp', method: 'apply' };
    let v: unknown;
    try {
      v = JSON.parse(o.json);
    } catch {
      throw new HivedError('parse', 'Unexpected end of input', {}, where);
    }
    const list: unknown[] = Array.isArray(v) && v.length > 0 && Array.isArray(v[0]) ? (v as unknown[]) : [v];
    for (const item of list) {
      let name: unknown;
      let body: any;
      if (Array.isArray(item)) {
        fcAssert(item.length === 2, '!db.is_in_control() && "Expected pair of values: [ operation_name_or_id, operation ]"', '', {}, where);
        [name, body] = item;
      } else {
        fcAssert(item !== null && typeof item === 'object', 'var.is_object()', 'Input data have to treated as object.', {}, where);
        fcAssert('type' in (item as object), 'v_object.contains( "type" )', "Type field doesn't exist.", {}, where);
        fcAssert('value' in (item as object), 'v_object.contains( "value" )', "Value field doesn't exist.", {}, where);
        name = (item as { type: unknown }).type === 'delegate_rc_operation' ? 'delegate_rc' : (item as { type: unknown }).type;
        body = (item as { value: unknown }).value;
      }
      fcAssert(name === 'delegate_rc' || name === 0, 'itr != to_legacy_tag.end()', 'Invalid operation name: ${n}', { n: name }, where);
      if (!body || typeof body.from !== 'string' || !Array.isArray(body.delegatees))
        throw new HivedError('parse', 'Invalid cast to delegate_rc_operation', {}, where);
      const maxRc = Number(body.max_rc ?? 0);
      const op = { from: body.from as string, delegatees: [...new Set(body.delegatees as string[])].sort(), max_rc: maxRc };
      // delegate_rc_operation::validate (hive_custom_operations.cpp)
      validateAccountName(op.from);
      specialisedAssert(
        op.delegatees.length !== 0,
        'delegatees.size() != 0',
        { category: 'protocol', subjectType: 'number' },
        'Must provide at least one account',
        { subject: op.delegatees.length },
      );
      specialisedAssert(
        op.delegatees.length <= RC_MAX_ACCOUNTS_PER_DELEGATION_OP,
        'delegatees.size() <= HIVE_RC_MAX_ACCOUNTS_PER_DELEGATION_OP',
        { category: 'protocol', subjectType: 'number' },
        'Provided ${size} accounts, cannot delegate to more than ${max} accounts in one operation',
        { size: op.delegatees.length, max: RC_MAX_ACCOUNTS_PER_DELEGATION_OP, subject: op.delegatees.length },
      );
      for (const d of op.delegatees) {
        validateAccountName(d);
        specialisedAssert(d !== op.from, 'delegatee != from', { category: 'protocol', subjectType: 'account_name' }, 'cannot delegate rc to yourself', {
          subject: d,
          account: op.from,
        });
      }
      specialisedAssert(op.max_rc >= 0, 'max_rc >= 0', { category: 'protocol', subjectType: 'number' }, 'amount of rc delegated cannot be negative', {
        subject: op.max_rc,
      });
      // the inner operation's authorities must be the outer custom_json's (posting: from)
      fcAssert(
        o.required_auths.length === 0 && o.required_posting_auths.length === 1 && o.required_posting_auths[0] === op.from,
        'inner_posting == outer_posting',
        '',
        {},
        where,
      );
      this.delegateRc(op);
    }
  }

  /** rc_utility.cpp delegate_rc_evaluator::do_apply. */
  private delegateRc(op: { from: string; delegatees: string[]; max_rc: number }): void {
    const { chain } = this;
    const where = { file: 'rc_utility.cpp', method: 'do_apply' };
    if (op.max_rc !== 0) {
      // ( account_creation_fee / 3 ) * vesting share price, in VESTS' millionths (HIVE has 3 decimals, VESTS 6)
      const minDelegation = Number((ACCOUNT_CREATION_FEE_MILLI_HIVE / 3n) * VESTS_PER_HIVE * 1000n);
      fcAssert(
        op.max_rc >= minDelegation,
        'op.max_rc >= min_delegation',
        'Cannot delegate less than ${min_delegation} rc',
        { min_delegation: minDelegation },
        where,
      );
    }
    const from = chain.getAccount(op.from);
    chain.regenerateRc(from.name);
    let deltaTotal = 0;
    for (const to of op.delegatees) {
      chain.getAccount(to);
      chain.regenerateRc(to);
      const existing = this.db.prepare(`SELECT delegated_rc FROM hive_rc_delegations WHERE from_account = ? AND to_account = ?`).get(op.from, to) as
        | { delegated_rc: number }
        | undefined;
      let delta = op.max_rc;
      if (!existing) {
        fcAssert(op.max_rc !== 0, 'op.max_rc != 0', 'Cannot delegate 0 if you are creating new rc delegation', {}, where);
        this.db.prepare(`INSERT INTO hive_rc_delegations(from_account, to_account, delegated_rc) VALUES (?, ?, ?)`).run(op.from, to, op.max_rc);
      } else {
        fcAssert(
          existing.delegated_rc !== op.max_rc,
          'delegation->delegated_rc != uint64_t( op.max_rc )',
          'A delegation to that user with the same amount of RC already exists',
          {},
          where,
        );
        delta -= existing.delegated_rc;
        if (op.max_rc === 0) this.db.prepare(`DELETE FROM hive_rc_delegations WHERE from_account = ? AND to_account = ?`).run(op.from, to);
        else this.db.prepare(`UPDATE hive_rc_delegations SET delegated_rc = ? WHERE from_account = ? AND to_account = ?`).run(op.max_rc, op.from, to);
      }
      // update_account_after_rc_delegation: the delta reaches the receiver's mana at once, both ways
      this.db.prepare(`UPDATE hive_accounts SET received_rc = received_rc + ?, rc_mana = MAX(rc_mana + ?, 0) WHERE name = ?`).run(delta, delta, to);
      deltaTotal += delta;
    }
    const fresh = chain.getAccount(op.from);
    const delegable = Math.min(fresh.vesting_shares - fresh.delegated_rc, fresh.rc_mana);
    fcAssert(
      delegable >= deltaTotal,
      'from_delegable_rc >= delta_total',
      'Account ${a} has insufficient RC (have ${h}, needs ${n})',
      { a: op.from, h: delegable, n: deltaTotal },
      where,
    );
    // mana is not given back when a delegation shrinks or ends
    this.db
      .prepare(`UPDATE hive_accounts SET delegated_rc = delegated_rc + ?, rc_mana = rc_mana - ? WHERE name = ?`)
      .run(deltaTotal, Math.max(0, deltaTotal), op.from);
  }

  // ------------------------------------------------------------ account_update, account_update2

  private verifyAuthorityAccountsExist(auth: Authority, account: string, role: string): void {
    for (const [name] of auth.account_auths) {
      const a = this.chain.findAccount(name);
      chainAssert(
        a !== undefined,
        'a != nullptr',
        'state',
        name,
        'New ${ac} authority on account ${aa} references non-existing account ${aref}',
        { aref: name, ac: role, aa: account },
        ACCOUNT,
      );
    }
  }

  private ownerUpdate(a: AccountRow, owner: Authority, tag: 'update' | 'update2'): void {
    const now = this.now;
    chainAssert(
      ownerUpdateAllowed(now, a.previous_owner_update, a.last_owner_update),
      `util::owner_update_limit_mgr::check( _db.has_hardfork( HIVE_HARDFORK_1_26_AUTH_UPDATE ), _db.head_block_time(), account_auth.previous_owner_update, account_auth.last_owner_update ) && "${tag}"`,
      'time',
      a.name,
      '${m}',
      { m: HIVED_TEXTS.ownerUpdateLimit },
      ACCOUNT,
    );
    this.verifyAuthorityAccountsExist(owner, a.name, 'owner');
    // database::update_owner_authority
    this.db
      .prepare(`UPDATE hive_accounts SET owner = ?, previous_owner_update = last_owner_update, last_owner_update = ? WHERE id = ?`)
      .run(JSON.stringify(normalizeAuthority(owner)), now, a.id);
  }

  private accountUpdate(o: Record<string, any>): void {
    chainAssert(o.account !== HIVE_TEMP_ACCOUNT, 'o.account != HIVE_TEMP_ACCOUNT', 'state', o.account, HIVED_TEXTS.tempAccountUpdate, {}, ACCOUNT);
    const a = this.chain.getAccount(o.account);
    for (const role of ['owner', 'active', 'posting'] as const) if (o[role]) validateAuthSize(o[role]);
    if (o.owner) this.ownerUpdate(a, o.owner, 'update');
    if (o.active) this.verifyAuthorityAccountsExist(o.active, o.account, 'active');
    if (o.posting) this.verifyAuthorityAccountsExist(o.posting, o.account, 'posting');
    this.applyAccountChanges(a, o.active, o.posting, decodePublicKey(o.memo_key).equals(NULL_KEY) ? null : o.memo_key);
    // the metadata plugin (API nodes) keeps json_metadata; an empty one leaves it alone
    if (o.json_metadata.length > 0) this.db.prepare(`UPDATE hive_accounts SET json_metadata = ? WHERE id = ?`).run(o.json_metadata, a.id);
  }

  private accountUpdate2(o: Record<string, any>): void {
    chainAssert(
      o.account !== HIVE_TEMP_ACCOUNT,
      'o.account != HIVE_TEMP_ACCOUNT && "Cannot update temp account."',
      'state',
      o.account,
      HIVED_TEXTS.tempAccountUpdate2,
      {},
      ACCOUNT,
    );
    const a = this.chain.getAccount(o.account);
    if (o.owner) this.ownerUpdate(a, o.owner, 'update2');
    if (o.active) this.verifyAuthorityAccountsExist(o.active, o.account, 'active');
    if (o.posting) this.verifyAuthorityAccountsExist(o.posting, o.account, 'posting');
    const memo = o.memo_key && !decodePublicKey(o.memo_key).equals(NULL_KEY) ? o.memo_key : null;
    this.applyAccountChanges(a, o.active, o.posting, memo);
    if (o.json_metadata.length > 0) this.db.prepare(`UPDATE hive_accounts SET json_metadata = ? WHERE id = ?`).run(o.json_metadata, a.id);
    if (o.posting_json_metadata.length > 0)
      this.db.prepare(`UPDATE hive_accounts SET posting_json_metadata = ? WHERE id = ?`).run(o.posting_json_metadata, a.id);
  }

  private applyAccountChanges(a: AccountRow, active: Authority | null | undefined, posting: Authority | null | undefined, memoKey: string | null): void {
    const sets = ['last_account_update = ?'];
    const args: unknown[] = [this.now];
    if (active) {
      sets.push('active = ?');
      args.push(JSON.stringify(normalizeAuthority(active)));
    }
    if (posting) {
      sets.push('posting = ?');
      args.push(JSON.stringify(normalizeAuthority(posting)));
    }
    if (memoKey) {
      sets.push('memo_key = ?');
      args.push(memoKey);
    }
    this.db.prepare(`UPDATE hive_accounts SET ${sets.join(', ')} WHERE id = ?`).run(...args, a.id);
  }
}

/** authority as hived stores it: account_auths and key_auths are flat_maps, kept sorted. */
function normalizeAuthority(a: Authority): Authority {
  return {
    weight_threshold: a.weight_threshold,
    account_auths: [...a.account_auths].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)),
    key_auths: [...a.key_auths].sort((x, y) => Buffer.compare(decodePublicKey(x[0]), decodePublicKey(y[0]))),
  };
}
