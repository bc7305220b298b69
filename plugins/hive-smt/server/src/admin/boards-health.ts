import type { ChainAccount, EngineToken } from '../chain/hive-chain';
import { messageOf } from '../core/errors';
import type { BoardRow, EconomicsInput } from '../host/rows';
import type { PluginRuntime } from '../runtime/types';
import { grantAuthorityHelp, grantsPostingAuthority, missingAccountHelp } from '../mirror/authority';
import { communityPostingProblem, communityTypeName } from '../mirror/community-rules';
import type { BoardHealth } from './views';
import { redactCredentials } from '../text/redact';

/** max − supply in the token's own decimals, as text (Hive-Engine amounts are decimal strings). */
export function supplyLeft(maxSupply: string, supply: string, precision: number): string {
  const scale = (value: string) => {
    const [whole, fraction = ''] = value.split('.');
    return BigInt(whole || '0') * 10n ** BigInt(precision) + BigInt((fraction + '0'.repeat(precision)).slice(0, precision) || '0');
  };
  const left = scale(maxSupply) - scale(supply);
  const negative = left < 0n;
  const abs = negative ? -left : left;
  const base = 10n ** BigInt(precision);
  const text = precision > 0 ? `${abs / base}.${(abs % base).toString().padStart(precision, '0')}` : `${abs}`;
  return negative ? `-${text}` : text;
}

export async function boardsHealth(runtime: PluginRuntime): Promise<BoardHealth[]> {
  const boards = await runtime.types.rows<BoardRow>('board').findMany({ orderBy: { name: 'asc' }, limit: 500, populate: { economics: true } });
  const { appAccount } = runtime.config;
  const chain = runtime.connection?.chain;

  let accounts = new Map<string, ChainAccount>();
  let accountsError: string | null = null;
  if (chain) {
    try {
      const found = await chain.getAccounts([...new Set(boards.map((b) => b.hiveAccount).filter(Boolean))]);
      accounts = new Map(found.map((a) => [a.name, a]));
    } catch (error) {
      accountsError = redactCredentials(messageOf(error));
    }
  } else {
    accountsError = runtime.paused() ?? 'The Hive connection is not started yet.';
  }

  const summaries = await chainSummaries(runtime);
  const tokenCache = new Map<string, Promise<EngineToken | null>>();
  const token = (symbol: string) => {
    if (!tokenCache.has(symbol)) tokenCache.set(symbol, chain ? chain.engineToken(symbol) : Promise.reject(new Error('not connected')));
    return tokenCache.get(symbol)!;
  };

  const health = await Promise.all(
    boards.map(async (board): Promise<BoardHealth> => {
      const account = accounts.get(board.hiveAccount);
      const exists = accountsError ? null : !!account;
      const grants = accountsError || !account ? (accountsError ? null : false) : grantsPostingAuthority(account, appAccount);
      let problem: BoardHealth['account']['problem'] = null;
      if (accountsError) problem = { code: 'chain-unreachable', help: accountsError };
      else if (!account) problem = { code: 'account-missing', help: missingAccountHelp(board.hiveAccount, board.name) };
      else if (!grants) problem = { code: 'authority-missing', help: grantAuthorityHelp(board.hiveAccount, appAccount) };

      const economics = board.economics ?? null;
      const symbol: string | null = (typeof economics?.symbol === 'string' && economics.symbol) || board.tokenSymbol || null;
      const community = board.hiveCommunity ? await communityHealth(runtime, board.hiveCommunity, board.hiveAccount) : null;
      return {
        documentId: board.documentId,
        editPath: `/admin/content-manager/collection-types/${runtime.types.board}/${board.documentId}`,
        name: board.name,
        slug: board.slug,
        active: board.active !== false,
        account: { name: board.hiveAccount, exists, grantsAuthority: grants, problem },
        community,
        token: symbol ? await tokenHealth(runtime, symbol, economics, () => token(symbol)) : null,
        chainSummary: summaries.get(board.documentId) ?? { confirmed: 0, failed: 0, waiting: 0 },
      };
    }),
  );
  // Boards that need the admin come first; the rest stay in name order.
  const needsAttention = (b: BoardHealth) =>
    b.account.problem || b.token?.problem || (b.community?.problem && b.community.problem.code !== 'community-unchecked') ? 0 : 1;
  return health
    .map((b, i) => ({ b, i }))
    .sort((x, y) => needsAttention(x.b) - needsAttention(y.b) || x.i - y.i)
    .map(({ b }) => b);
}

/** The community as hivemind sees it, with the board account's role, and what to do when hivemind would hide its posts. */
async function communityHealth(runtime: PluginRuntime, name: string, account: string): Promise<NonNullable<BoardHealth['community']>> {
  const base: NonNullable<BoardHealth['community']> = { name, title: null, type: null, exists: null, role: null, problem: null };
  const chain = runtime.connection?.chain;
  if (!chain) return { ...base, problem: { code: 'community-unchecked', help: runtime.paused() ?? 'The Hive connection is not started yet.' } };
  let view: Awaited<ReturnType<typeof chain.getCommunity>>;
  try {
    view = await chain.getCommunity(name, account);
  } catch (error) {
    return { ...base, problem: { code: 'community-unchecked', help: messageOf(error) } };
  }
  if (view === 'unsupported')
    return {
      ...base,
      problem: { code: 'community-unchecked', help: 'The Hive nodes configured serve no community API (bridge), so the community cannot be checked.' },
    };
  if (!view) {
    return {
      ...base,
      exists: false,
      problem: {
        code: 'community-missing',
        help: `There is no Hive community ${name}. Create it on a Hive frontend (PeakD, Ecency), or correct the board's "Hive community" field.`,
      },
    };
  }
  const help = communityPostingProblem(view, { account, isComment: false });
  return {
    name,
    title: view.title || null,
    type: communityTypeName(view.typeId),
    exists: true,
    role: view.role,
    problem: help ? { code: 'community-role', help } : null,
  };
}

async function tokenHealth(
  runtime: PluginRuntime,
  symbol: string,
  economics: EconomicsInput | null,
  load: () => Promise<EngineToken | null>,
): Promise<NonNullable<BoardHealth['token']>> {
  const expectedIssuer: string | null = (typeof economics?.issuer === 'string' && economics.issuer) || null;
  const base: NonNullable<BoardHealth['token']> = {
    symbol,
    exists: null,
    issuer: null,
    expectedIssuer,
    issuerMatches: null,
    issuerKey: null,
    supply: null,
    maxSupply: null,
    supplyLeft: null,
    precision: null,
    rewardsEnabled: economics?.enabled === true,
    stakingEnabled: null,
    problem: null,
  };
  let token: EngineToken | null;
  try {
    token = await load();
  } catch (error) {
    return { ...base, problem: { code: 'engine-unreachable', help: redactCredentials(messageOf(error)) } };
  }
  if (!token) {
    return {
      ...base,
      exists: false,
      problem: {
        code: 'token-missing',
        help: `There is no token ${symbol} on Hive-Engine. Create it from the issuer account (tokens/create), or correct the board's token symbol.`,
      },
    };
  }
  const precision = Number(token.precision ?? 0);
  const issuer: string = token.issuer;
  // In "transfer" mode the payer is a treasury, not the issuer: only "issue" mode needs the two to match.
  const mustMatch = (economics?.mode ?? 'issue') === 'issue';
  const issuerMatches = expectedIssuer ? !mustMatch || expectedIssuer === issuer : null;
  const payer = expectedIssuer ?? issuer;
  const keys = runtime.connection?.keys;
  const issuerKey = keys ? (keys.describe(payer, 'active') === 'missing' ? 'missing' : 'set') : null;
  const left = supplyLeft(String(token.maxSupply ?? '0'), String(token.supply ?? '0'), precision);
  let problem: NonNullable<BoardHealth['token']>['problem'] = null;
  if (issuerMatches === false) {
    problem = {
      code: 'issuer-mismatch',
      help: `${symbol} is issued by @${issuer}, but the board's rewards name @${expectedIssuer}. Put @${issuer} in the board's token settings.`,
    };
  } else if (issuerKey === 'missing') {
    problem = {
      code: 'issuer-key-missing',
      help: `The server has no active key for @${payer}, so it cannot pay ${symbol} rewards. Ask whoever runs the server to set it.`,
    };
  } else if (/^0(\.0*)?$/.test(left) && mustMatch) {
    problem = { code: 'supply-exhausted', help: `All ${token.maxSupply} ${symbol} have been issued: no rewards can be created.` };
  } else if (stakedPercentage(economics) > 0 && !token.stakingEnabled) {
    problem = {
      code: 'staking-disabled',
      help: `The board pays ${stakedPercentage(economics)} % of each reward as staked ${symbol}, but ${symbol} has staking disabled on Hive-Engine, so those shares are paid liquid. Have @${issuer} enable staking (tokens/enableStaking), or set "Share paid as staked tokens" to 0.`,
    };
  }
  return {
    ...base,
    exists: true,
    issuer,
    issuerMatches,
    issuerKey,
    supply: String(token.supply ?? '0'),
    maxSupply: String(token.maxSupply ?? '0'),
    supplyLeft: left,
    precision,
    stakingEnabled: token.stakingEnabled,
    problem,
  };
}

/** The board's stakedRewardPercentage as typed (empty: 0, all liquid). */
function stakedPercentage(economics: EconomicsInput | null): number {
  const value = Number(economics?.stakedRewardPercentage ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** Per board: its published posts confirmed on chain, failed, and on their way (as the posts' chain status says). */
async function chainSummaries(runtime: PluginRuntime) {
  const posts = await runtime.types.rows<{ documentId: string; board?: { documentId: string } | null }>('post').findMany({
    where: { publishedAt: { $notNull: true } },
    select: ['documentId'],
    populate: { board: { select: ['documentId'] } },
  });
  const statuses = await runtime.statuses(posts.map((p) => p.documentId));
  const summaries = new Map<string, BoardHealth['chainSummary']>();
  for (const post of posts) {
    const board = post.board?.documentId;
    if (!board) continue;
    const s = summaries.get(board) ?? { confirmed: 0, failed: 0, waiting: 0 };
    const status = statuses[post.documentId]?.status ?? 'not-mirrored';
    if (status === 'confirmed') s.confirmed += 1;
    else if (status === 'failed') s.failed += 1;
    else if (status !== 'removed') s.waiting += 1;
    summaries.set(board, s);
  }
  return summaries;
}
