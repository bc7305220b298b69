import type { DevnetHandle } from '@quanzi/hive-devnet';
import type { ChainEndpoint, EngineTransactionResult, HeadInfo } from '../chain/hive-chain';
import type { PluginRuntime } from '../runtime/types';

/** The chain as the plugin sees it: where it is, what Hive-Engine holds, and the embedded devnet when it is the chain. */
export function chainService(runtime: () => PluginRuntime) {
  const chain = () => runtime().chain();
  return {
    /** The nodes, chain id and Hive-Engine API in use; null before bootstrap connected. */
    endpoint: (): ChainEndpoint | null => runtime().connection?.endpoint ?? null,
    /** DEVNET ONLY: the embedded devnet (its URL, demo accounts, fault controls); null against configured nodes. */
    devnet: (): DevnetHandle | null => runtime().connection?.devnet ?? null,
    head: (): Promise<HeadInfo> => chain().head(),
    engineBalance: (account: string, symbol: string): Promise<string> => chain().engineBalance(account, symbol),
    engineStake: (account: string, symbol: string): Promise<string> => chain().engineStake(account, symbol),
    engineTransaction: (txid: string): Promise<EngineTransactionResult | null> => chain().engineTransaction(txid),
    engineTransactionsOfHiveBlock: (hiveBlock: number) => chain().engineTransactionsOfHiveBlock(hiveBlock),
    /** Shows an error on the admin's Chain health page (node URLs in it are redacted). */
    reportError: (message: string) => runtime().errors.note(message),
  };
}

export type ChainService = ReturnType<typeof chainService>;
