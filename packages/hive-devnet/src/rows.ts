/** The devnet's state tables, as rows (chain.ts keeps them, evaluators.ts applies operations to them). */

export interface AccountRow {
  id: number;
  name: string;
  owner: string;
  active: string;
  posting: string;
  memo_key: string;
  json_metadata: string;
  posting_json_metadata: string;
  balance: number;
  hbd_balance: number;
  vesting_shares: number;
  created: number;
  last_owner_update: number;
  last_account_update: number;
  last_post: number;
  last_root_post: number;
  last_post_edit: number;
  last_vote_time: number;
  post_count: number;
  lifetime_vote_count: number;
  history_seq: number;
  previous_owner_update: number;
  delegated_rc: number;
  received_rc: number;
  rc_mana: number;
  rc_last_update: number;
  voting_mana: number;
  voting_last_update: number;
  downvote_mana: number;
  downvote_last_update: number;
}

export interface CommentRow {
  id: number;
  author: string;
  permlink: string;
  parent_id: number | null;
  root_id: number;
  parent_author: string;
  parent_permlink: string;
  category: string;
  title: string;
  body: string;
  json_metadata: string;
  created: number;
  last_update: number;
  active: number;
  depth: number;
  children: number;
  net_votes: number;
  net_rshares: number;
  abs_rshares: number;
  max_accepted_payout: number;
  percent_hbd: number;
  allow_votes: number;
  allow_curation_rewards: number;
  beneficiaries: string;
  cashout_time: number;
  last_payout: number;
  paid: number;
}

export interface VoteRow {
  comment_id: number;
  voter: string;
  vote_percent: number;
  rshares: number;
  time: number;
}
