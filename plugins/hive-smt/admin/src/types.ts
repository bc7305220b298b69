/** What the plugin's admin routes answer (server/src/admin/*), as the pages read it. */
export type JobState = 'queued' | 'leased' | 'done' | 'dead' | 'cancelled';

export interface ChainOverview {
  network: { devnet: boolean; nodes: string[]; chainId: string | null; reachable: boolean; error: string | null };
  head: { blockNum: number; time: string; irreversibleBlockNum: number; lagSeconds: number } | null;
  app: { account: string; postingKey: 'set' | 'missing'; rc: { current: string; max: string; percent: number } | null };
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
  txUrl: string | null;
  recipients: number | null;
  finishedAt: string | null;
  canRetry: boolean;
  canCancel: boolean;
}

export interface BoardHealth {
  documentId: string;
  name: string;
  slug: string;
  active: boolean;
  account: {
    name: string;
    exists: boolean | null;
    grantsAuthority: boolean | null;
    problem: null | { code: 'account-missing' | 'authority-missing' | 'chain-unreachable'; help: string };
  };
  community: string | null;
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
    problem: null | { code: 'token-missing' | 'issuer-mismatch' | 'issuer-key-missing' | 'supply-exhausted' | 'engine-unreachable'; help: string };
  };
  chainSummary: { confirmed: number; failed: number; waiting: number };
}

export interface SettingRow {
  key: string;
  group: 'chain' | 'app' | 'worker' | 'engine' | 'devnet';
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

export interface RewardBoard {
  boardDocumentId: string;
  boardName: string;
  symbol: string;
  precision: number;
  enabled: boolean;
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
  state: string;
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

export interface FeaturedPost {
  documentId: string;
  title: string;
  board: string | null;
  author: string | null;
  publishedAt: string | null;
  rank: number | null;
  until: string | null;
  expired: boolean;
}

export interface CandidatePost {
  documentId: string;
  title: string;
  board: string | null;
  author: string | null;
  publishedAt: string | null;
}

export interface CommentRow {
  documentId: string;
  body: string;
  hidden: boolean;
  createdAt: string | null;
  author: { id: number | null; name: string | null; muted: boolean } | null;
  post: { documentId: string; title: string } | null;
}

export interface MemberRow {
  id: number;
  username: string;
  displayName: string | null;
  email: string;
  joinedAt: string | null;
  muted: boolean;
  mutedUntil: string | null;
  muteReason: string | null;
}
