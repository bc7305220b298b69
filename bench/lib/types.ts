import type { Progress } from './progress';
import type { LoadResult } from './load';

/** One figure beside its reference, measured in the same run. */
export interface Ratio {
  id: string;
  benchmark: string;
  label: string;
  /** measured ÷ reference */
  value: number;
  measured: number;
  reference: number;
  unit: string;
  referenceLabel: string;
  /** e.g. "≥ 4" */
  target?: string;
  met?: boolean;
}

export interface Section {
  status: 'ok' | 'failed';
  /** Why it failed. */
  reason?: string;
  [key: string]: unknown;
}

export interface Params {
  posts: number;
  members: number;
  connections: number;
  loadS: number;
  warmupS: number;
  writes: number;
  writeS: number;
  publishRounds: number[];
  publishBlockMs: number;
  payoutRecipients: number;
  payoutBlockMs: number;
  devnetPending: number;
  devnetReadS: number;
  coldStarts: number;
  /** Also load a second app instance with its feed cache off (FEED_CACHE_TTL_MS=0). */
  uncachedFeed: boolean;
  /** Published posts the search benchmark adds (100,000 in the full run). */
  searchPosts: number;
  /** Posts on the scale section's big board (100,000 in the full run). */
  scalePosts: number;
  /** Posts on its small board (a board of a few posts in the big database). */
  scaleSmallPosts: number;
  /** Connections of the scale section's read loads. */
  scaleConnections: number;
  /** Likes, and comments, the scale section's throughput runs may send (each also bounded by writeS). */
  scaleWrites: number;
  /** Writes per second landing during the mixed load (likes, comments, publishes in turn). */
  scaleMixedWritesPerS: number;
}

export interface Fixture {
  feedBoard: string;
  /** Newest first. */
  posts: string[];
  members: Array<{ id: number; documentId: string; username: string; jwt: string }>;
  publishBoards: Array<{ slug: string; account: string; documentId: string }>;
}

export interface Ctx {
  quick: boolean;
  params: Params;
  progress: Progress;
  work: string;
  fixture: Fixture;
  /** The devnet the app instances use (publishing accounts in its genesis). */
  chain: { url: string; chainId: string };
  sections: Record<string, Section>;
  ratios: Ratio[];
}

export type Endpoint = { id: string; server: string; label: string; path: string } & LoadResult;

export function ratio(r: Omit<Ratio, 'value'>): Ratio {
  return { ...r, value: r.measured / r.reference };
}
