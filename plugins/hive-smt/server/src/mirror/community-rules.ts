/**
 * Which posts hivemind mutes in a community, so Quanzi holds them with the
 * reason instead of sending them to be hidden without a word
 * (hivemind hive/db/sql_scripts/hive_post_operations.sql, process_community_post):
 * - topic (type 1): nothing is muted for its type;
 * - journal (type 2): root posts need the member role or above, comments are open;
 * - council (type 3): root posts and comments need the member role or above.
 */
import { COMMUNITY_ROLE_RANKS, COMMUNITY_TYPES } from '../chain/protocol';

export interface CommunityStanding {
  name: string;
  typeId: number;
  /** The posting account's role as bridge.get_community reports it. */
  role: string;
}

export const communityTypeName = (typeId: number) =>
  typeId === COMMUNITY_TYPES.journal ? 'journal' : typeId === COMMUNITY_TYPES.council ? 'council' : 'topic';

const rankOf = (role: string) => COMMUNITY_ROLE_RANKS[role as keyof typeof COMMUNITY_ROLE_RANKS] ?? COMMUNITY_ROLE_RANKS.guest;

/** Null when hivemind shows the post normally; otherwise what an admin must do. */
export function communityPostingProblem(community: CommunityStanding, post: { account: string; isComment: boolean }): string | null {
  const { typeId, role, name } = community;
  if (typeId === COMMUNITY_TYPES.topic) return null;
  if (typeId === COMMUNITY_TYPES.journal && post.isComment) return null;
  if (rankOf(role) >= COMMUNITY_ROLE_RANKS.member) return null;
  const what = post.isComment ? 'comment' : 'post';
  const who = typeId === COMMUNITY_TYPES.journal ? 'only its members may post there' : 'only its members may post and comment there';
  return (
    `Hive community ${name} is a ${communityTypeName(typeId)} community: ${who}, and @${post.account} is "${role}", ` +
    `so Hive would hide this ${what}. A community admin or owner can give @${post.account} the "member" role ` +
    `(a "setRole" community operation, e.g. in PeakD's community settings), or choose a topic community for the board; then press Retry.`
  );
}
