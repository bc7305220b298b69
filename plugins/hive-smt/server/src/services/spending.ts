import type { PluginRuntime } from '../runtime/types';
import { createSpending, type TransferOnBehalf } from '../spending/service';

/** A member's custodial balance (rewards earned, not yet paid out) spent at a merchant, through the treasury's payouts. */
export function spendingService(runtime: () => PluginRuntime) {
  const spending = () => createSpending(runtime().strapi, runtime().types);
  return {
    tokenOf: (boardDocumentId: string) => spending().tokenOf(boardDocumentId),
    balanceOf: (memberId: number, boardDocumentId: string) => spending().balanceOf(memberId, boardDocumentId),
    transferOnBehalf: (input: TransferOnBehalf) => spending().transferOnBehalf(input),
    lineOf: (reference: string) => spending().lineOf(reference),
    refund: (reference: string) => spending().refund(reference),
    entriesOf: (reference: string) => spending().entriesOf(reference),
    /** The Hive-Engine custom_json id in use (what a member's Keychain transfer must carry). */
    engineId: (): string => runtime().chain().endpoint.engineId,
  };
}

export type SpendingService = ReturnType<typeof spendingService>;
