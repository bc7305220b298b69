/**
 * Votes cast on Hive's own frontends on mirrored posts count as engagement:
 * a vote by an account a member linked (and verified) becomes that member's
 * like (percent > 0) or downvote (percent < 0) through the same writer as a
 * Quanzi like, so one member has one vote per post whichever side it came
 * from; a vote withdrawn on Hive (percent 0) withdraws what it had made.
 *
 * Each (post, voter) keeps the last Hive vote counted (chain-vote), so a vote
 * is applied once per change, however often the import runs and on however
 * many instances; the writer's votes are idempotent, so a change applied
 * twice by two instances racing records it once.
 *
 * Votes of accounts no member linked are not counted: the board's token
 * rewards its members. A Hive vote counts as a full like whatever its
 * percent (Quanzi likes have one strength), at the time it is imported.
 */
import type { Core } from '@strapi/strapi';
import type { HiveChain, ChainVote } from '../chain/hive-chain';
import type { MirrorRecords } from '../mirror/records';
import { IMPORT_WINDOW_MS } from '../mirror/import-replies';
import { UID, USER_UID, insertIfAbsent, n, q } from '../core/db';
import { PluginError } from '../core/errors';
import type { AccountLinkRow } from '../accounts/rows';
import type { LikeResult } from './published-posts';

/** What the import needs of engagement capture. */
export interface VoteWriter {
  like(documentId: string, member: { id: number; username?: string }): Promise<LikeResult>;
  unlike(documentId: string, member: { id: number }): Promise<LikeResult>;
  downvote(documentId: string, member: { id: number; username?: string }): Promise<LikeResult>;
  undownvote(documentId: string, member: { id: number }): Promise<LikeResult>;
}

interface ChainVoteRow {
  id: number;
  voter: string;
  percent: number;
  votedAt: unknown;
}

/** The same Hive vote as the one counted last: nothing to do. */
const unchanged = (vote: ChainVote, last: { percent: number; votedAt: number } | undefined) =>
  !!last && last.percent === vote.percent && last.votedAt === vote.time;

/** What a Hive vote asks of the member's vote in Quanzi, given the last one counted: null when nothing. */
export function voteChange(vote: ChainVote, last: { percent: number; votedAt: number } | undefined): 'like' | 'downvote' | 'unlike' | 'undownvote' | null {
  if (unchanged(vote, last)) return null;
  if (vote.percent > 0) return 'like';
  if (vote.percent < 0) return 'downvote';
  // Withdrawn on Hive: undo what the earlier Hive vote made (nothing, if none was counted).
  if (!last || last.percent === 0) return null;
  return last.percent > 0 ? 'unlike' : 'undownvote';
}

export async function importChainVotes(
  strapi: Core.Strapi,
  chain: HiveChain,
  records: MirrorRecords,
  writer: VoteWriter,
  options: { limit?: number; now?: number } = {},
) {
  const since = (options.now ?? Date.now()) - IMPORT_WINDOW_MS;
  const mirrors = await records.findMany({ state: 'confirmed', confirmedAt: { $gte: since } }, options.limit ?? 200, { confirmedAt: 'desc' });
  let applied = 0;
  for (const mirror of mirrors) {
    if (!mirror.author || !mirror.permlink) continue;
    const votes = (await chain.getActiveVotes(mirror.author, mirror.permlink)).filter((v) => v.voter && Number.isFinite(v.time) && Number.isFinite(v.percent));
    if (votes.length === 0) continue;
    const voters = [...new Set(votes.map((v) => v.voter))];
    const links = await q<AccountLinkRow>(strapi, UID.accountLink).findMany({
      where: { account: { $in: voters }, verifiedAt: { $notNull: true } },
      select: ['userId', 'account'],
    });
    if (links.length === 0) continue;
    const memberOf = new Map(links.map((l) => [l.account, n(l.userId)]));
    const users = await q<{ id: number; username: string }>(strapi, USER_UID).findMany({
      where: { id: { $in: [...memberOf.values()] } },
      select: ['id', 'username'],
    });
    const usernameOf = new Map(users.map((u) => [n(u.id), u.username]));
    const counted = await q<ChainVoteRow>(strapi, UID.chainVote).findMany({
      where: { postDocumentId: mirror.postDocumentId, voter: { $in: [...memberOf.keys()] } },
    });
    const lastOf = new Map(counted.map((c) => [c.voter, { percent: n(c.percent), votedAt: n(c.votedAt) }]));
    for (const vote of votes) {
      const memberId = memberOf.get(vote.voter);
      const last = lastOf.get(vote.voter);
      if (memberId === undefined || unchanged(vote, last)) continue;
      const change = voteChange(vote, last);
      if (change) {
        const member = { id: memberId, username: usernameOf.get(memberId) };
        try {
          await writer[change](mirror.postDocumentId, member);
          applied += 1;
        } catch (error) {
          // Refused (a muted member, a closed board, downvotes off): recorded below, so it is not tried again until the vote changes.
          if (!(error instanceof PluginError)) throw error;
        }
      }
      await recordCounted(strapi, mirror.postDocumentId, vote);
    }
  }
  return applied;
}

async function recordCounted(strapi: Core.Strapi, postDocumentId: string, vote: ChainVote): Promise<void> {
  const data = { postDocumentId, voter: vote.voter, percent: vote.percent, votedAt: vote.time };
  await insertIfAbsent(strapi, UID.chainVote, data, ['postDocumentId', 'voter']);
  await q(strapi, UID.chainVote).updateMany({ where: { postDocumentId, voter: vote.voter }, data: { percent: vote.percent, votedAt: vote.time } });
}
