/**
 * Posting authority: the app posts for a board or member account only when
 * that account lists the app account in its posting account_auths with enough
 * weight — the way Hive frontends act for their users without their keys.
 */
export function grantsPostingAuthority(
  account: { posting?: { weight_threshold?: number; account_auths?: Array<[string, number]> } } | null | undefined,
  appAccount: string,
): boolean {
  const posting = account?.posting;
  if (!posting) return false;
  const threshold = Number(posting.weight_threshold ?? 1);
  return (posting.account_auths ?? []).some(([name, weight]) => name === appAccount && Number(weight) >= threshold);
}

/** What an admin must do so the app may post for an account: the exact steps. */
export function grantAuthorityHelp(account: string, appAccount: string): string {
  return (
    `@${account} has not allowed @${appAccount} to post for it. To fix: log in to @${account} with Hive Keychain ` +
    `(or any Hive wallet that edits account authorities), open its posting authority and add the account @${appAccount} ` +
    `with weight 1 (an account_update2 / "grant posting permission" signed with @${account}'s active key), then press Retry.`
  );
}

export function missingAccountHelp(account: string, boardName: string): string {
  return `The Hive account @${account} of board "${boardName}" does not exist on this chain. Create the account or correct the board's "Hive account" field, then press Retry.`;
}
