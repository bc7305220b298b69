/**
 * Merchants: what an admin may store (checked on every write, from the
 * Content Manager or code) and what the public list shows of one. Pure:
 * the Hive account-name check is handed in (the hive-smt plugin's, the one
 * the boards use), so these rules are tested without a server.
 */

export const MERCHANT = 'api::merchant.merchant';

export const MIN_TOKEN_DISCOUNT_PERCENT = 0;
export const MAX_TOKEN_DISCOUNT_PERCENT = 100;

export interface FieldProblem {
  path: string[];
  message: string;
}

/** Problems with a merchant's fields as written (only the fields present are checked: an update may send a few). */
export function merchantFieldProblems(data: Record<string, unknown> | undefined, accountNameError: (name: string) => string | null): FieldProblem[] {
  if (!data) return [];
  const problems: FieldProblem[] = [];
  if ('hiveAccount' in data) {
    const account = data.hiveAccount;
    const error =
      typeof account === 'string' && account !== ''
        ? accountNameError(account)
        : 'Enter the Hive account the merchant receives tokens on, e.g. "oak-bakery".';
    if (error) problems.push({ path: ['hiveAccount'], message: error });
  }
  if ('tokenDiscountPercent' in data && data.tokenDiscountPercent !== null && data.tokenDiscountPercent !== undefined) {
    const value = Number(data.tokenDiscountPercent);
    if (!Number.isInteger(value) || value < MIN_TOKEN_DISCOUNT_PERCENT || value > MAX_TOKEN_DISCOUNT_PERCENT) {
      problems.push({
        path: ['tokenDiscountPercent'],
        message: `The discount for paying in tokens is a whole percentage from ${MIN_TOKEN_DISCOUNT_PERCENT} to ${MAX_TOKEN_DISCOUNT_PERCENT} (0: no discount).`,
      });
    }
  }
  return problems;
}

export interface MerchantRow {
  documentId: string;
  name: string;
  address?: string | null;
  offer?: string | null;
  openingHours?: string | null;
  tokenDiscountPercent?: number | null;
  hiveAccount: string;
}

/** A merchant as anyone may see it: no staff, no internal ids. */
export function publicMerchant(row: MerchantRow) {
  return {
    documentId: row.documentId,
    name: row.name,
    address: row.address ?? null,
    offer: row.offer ?? null,
    openingHours: row.openingHours ?? null,
    tokenDiscountPercent: Number(row.tokenDiscountPercent ?? 0),
    hiveAccount: row.hiveAccount,
  };
}
