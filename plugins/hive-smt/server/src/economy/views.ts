/**
 * The local economy as the admin panel's Merchants, Payments and Redemptions
 * pages read it. Merchants, payments and redemptions are the app's content
 * types, not the plugin's (a reused plugin may run in an app without them),
 * so the app provides these views at startup (`economy` service → provide);
 * without them the pages' routes answer 404 saying so.
 */
import { PluginError } from '../core/errors';

export interface MerchantView {
  documentId: string;
  name: string;
  board: { documentId: string; name: string } | null;
  hiveAccount: string | null;
  discountPercent: number | null;
  active: boolean;
  staff: number;
  /** Payments paid to it (not refunded), and their total in the board's token. */
  paidCount: number;
  paidTotal: string;
  symbol: string | null;
}

export interface PaymentView {
  documentId: string;
  merchant: { documentId: string; name: string } | null;
  boardDocumentId: string;
  status: string;
  method: string | null;
  amount: string;
  symbol: string;
  payer: { id: number; name: string | null } | null;
  payerAccount: string | null;
  txId: string | null;
  refundTxId: string | null;
  createdAt: string | null;
  paidAt: string | null;
  refundedAt: string | null;
}

export interface RedemptionView {
  documentId: string;
  merchant: { documentId: string; name: string } | null;
  state: string;
  quantity: string;
  symbol: string;
  cash: string;
  currency: string;
  treasury: string;
  returnTxId: string | null;
  settlementNote: string | null;
  createdAt: string | null;
  returnedAt: string | null;
  settledAt: string | null;
}

export interface PaymentFilter {
  merchant?: string;
  member?: number;
  status?: string;
  limit: number;
}

export interface RedemptionFilter {
  merchant?: string;
  state?: string;
  limit: number;
}

export interface LocalEconomyViews {
  merchants(): Promise<MerchantView[]>;
  payments(filter: PaymentFilter): Promise<PaymentView[]>;
  redemptions(filter: RedemptionFilter): Promise<RedemptionView[]>;
}

export function createEconomyRegistry() {
  let provided: LocalEconomyViews | null = null;
  return {
    /** The app's views of its merchants, payments and redemptions (called once, at startup). */
    provide(views: LocalEconomyViews) {
      provided = views;
    },
    /** The views, or a 404 an admin can read when this app has no local economy. */
    views(): LocalEconomyViews {
      if (!provided) throw new PluginError(404, 'This app has no local economy: it provides no merchants, payments or redemptions to show here.');
      return provided;
    },
  };
}

export type EconomyRegistry = ReturnType<typeof createEconomyRegistry>;
