import type { ChainStatus, ChainStatusName } from './status';

/**
 * A post's chain status as any reader sees it. The detailed error (which
 * node failed and how, the board account's missing authority, what the admin
 * should set) is for admins, on the Chain health page; readers get a short
 * code and one sentence, the same for every cause.
 */
export interface PublicChainError {
  code: 'waiting' | 'retrying' | 'needs-admin';
  message: string;
}

export type PublicChainStatus = Omit<ChainStatus, 'error'> & { error: PublicChainError | null };

const BY_STATUS: Partial<Record<ChainStatusName, PublicChainError>> = {
  scheduled: { code: 'waiting', message: 'Waiting for its turn on Hive; it goes out at the time shown.' },
  retrying: { code: 'retrying', message: 'Hive did not take it yet; it is sent again automatically.' },
  removing: { code: 'retrying', message: 'Hive did not take the removal yet; it is sent again automatically.' },
  failed: { code: 'needs-admin', message: "It could not be published on Hive; the community's administrators can see why." },
};

const FALLBACK: PublicChainError = { code: 'retrying', message: 'Hive did not take it yet; it is sent again automatically.' };

export function publicChainStatus(status: ChainStatus): PublicChainStatus {
  return { ...status, error: status.error ? (BY_STATUS[status.status] ?? FALLBACK) : null };
}
