/**
 * What the plugin's admin routes answer: the shapes the server builds
 * (chain-health, boards-health, settings-view, rewards-view) and the admin
 * panel reads (admin/src/types.ts re-exports them). Types only, with no
 * runtime imports, so the panel's type check can include this file.
 */
import type { JobState } from '../jobs/state';

/** What the Chain health page shows at the top: where the chain is, how far along, the app account's fuel. */
export interface ChainOverview {
  network: { devnet: boolean; nodes: string[]; chainId: string | null; reachable: boolean; error: string | null };
  head: { blockNum: number; time: string; irreversibleBlockNum: number; lagSeconds: number } | null;
  app: {
    account: string;
    postingKey: 'set' | 'missing';
    rc: { current: string; max: string; percent: number } | null;
  };
  /**
   * Resource credits of every account whose transactions Quanzi sends: hived charges the first
   * required authority, so a post costs its author (the board's account, or a member posting as
   * themselves) and a payout its token issuer — not the app account that signs.
   */
  rcPayers: Array<{ account: string; pays: Array<'posts' | 'payouts'>; boards: string[]; rc: { current: string; max: string; percent: number } | null }>;
  paused: string | null;
  worker: { enabled: boolean; running: boolean };
  queue: Record<JobState, number>;
  lastErrors: Array<{ at: string; message: string }>;
  checkedAt: string;
}

export interface JobRow {
  documentId: string;
  kind: string;
  state: JobState;
  attempts: number;
  post: { documentId: string; title: string | null; board: string | null } | null;
  account: string | null;
  permlink: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  txId: string | null;
  blockNum: number | null;
  url: string | null;
  /** The transaction on a block explorer, once sent. */
  txUrl: string | null;
  /** For token payouts: how many members the job pays. */
  recipients: number | null;
  finishedAt: string | null;
  canRetry: boolean;
  canCancel: boolean;
}

/**
 * One board as the Boards page shows it: can the app post for it, where do
 * its posts go, and is its token ready to pay rewards. Problems carry a code
 * the admin panel turns into translated fix steps, plus the English help.
 */
export interface BoardHealth {
  documentId: string;
  /** The board's page in the Content Manager (the app's board type is configuration). */
  editPath: string;
  name: string;
  slug: string;
  active: boolean;
  account: {
    name: string;
    exists: boolean | null;
    grantsAuthority: boolean | null;
    problem: null | { code: 'account-missing' | 'authority-missing' | 'chain-unreachable'; help: string };
  };
  /** The board's Hive community: its type, the board account's role in it, and whether hivemind shows its posts. */
  community: null | {
    name: string;
    title: string | null;
    type: 'topic' | 'journal' | 'council' | null;
    exists: boolean | null;
    role: string | null;
    problem: null | { code: 'community-missing' | 'community-role' | 'community-unchecked'; help: string };
  };
  token: null | {
    symbol: string;
    exists: boolean | null;
    issuer: string | null;
    expectedIssuer: string | null;
    issuerMatches: boolean | null;
    issuerKey: 'set' | 'missing' | null;
    supply: string | null;
    maxSupply: string | null;
    supplyLeft: string | null;
    precision: number | null;
    rewardsEnabled: boolean;
    /** Whether tokens.stake is possible (the token's issuer ran tokens.enableStaking); null when unknown. */
    stakingEnabled: boolean | null;
    problem: null | {
      code: 'token-missing' | 'issuer-mismatch' | 'issuer-key-missing' | 'supply-exhausted' | 'staking-disabled' | 'engine-unreachable';
      help: string;
    };
  };
  chainSummary: { confirmed: number; failed: number; waiting: number };
}

/**
 * The plugin's effective configuration for the Settings page: every value with
 * where it comes from. Values from the server's environment are read-only in
 * the panel (changing them means changing the environment and restarting);
 * keys and secrets appear only as "set" or "missing".
 */
export interface SettingRow {
  key: string;
  group: 'chain' | 'app' | 'worker' | 'engine' | 'rewards' | 'devnet';
  /** What the setting is, in English (the panel shows its translation when it has one). */
  label: string;
  value: string | number | boolean | string[] | null;
  source: 'environment' | 'default' | 'config file';
  envVar: string | null;
}

export interface SecretRow {
  key: string;
  account: string | null;
  role: 'posting' | 'active' | null;
  envVar: string;
  status: 'set' | 'missing';
  source: 'environment' | 'key file' | 'devnet' | null;
  usedFor: 'app-posting' | 'token-issuer' | 'key-file';
}

export interface SettingsView {
  network: 'devnet' | 'configured';
  rows: SettingRow[];
  secrets: SecretRow[];
}

/** One board's token economy as the Rewards page shows it (rewards-view.ts reads it from the `rewards` service). */
export interface RewardBoard {
  boardDocumentId: string;
  boardName: string;
  symbol: string;
  precision: number;
  enabled: boolean;
  /** The current period's pool, in tokens (decimal text). */
  pool: string;
  periodStartedAt: string | null;
  nextSettlementAt: string | null;
  pending: string;
  paid: string;
  topEarners: Array<{ memberId: number; name: string; account: string | null; amount: string }>;
}

export interface PayoutBatch {
  id: string;
  boardDocumentId: string | null;
  boardName: string | null;
  symbol: string;
  state: 'queued' | 'sending' | 'paid' | 'failed' | string;
  recipients: number;
  amount: string;
  txId: string | null;
  url: string | null;
  createdAt: string | null;
  error: string | null;
}

export interface RewardHistoryPoint {
  day: string;
  boardDocumentId: string | null;
  symbol: string;
  emitted: string;
  paid: string;
}

export interface RewardsView {
  configured: boolean;
  canRunPayout: boolean;
  boards: RewardBoard[];
  batches: PayoutBatch[];
  history: RewardHistoryPoint[];
}
