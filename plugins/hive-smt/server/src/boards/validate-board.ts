import { accountNameError, communityNameError } from '../chain/account-name';
import { invalidFields } from '../core/validate';
import type { DocumentHook } from '../core/document-hooks';
import { timeZoneError } from '../mirror/schedule';

/**
 * Checks the Hive fields of a board as an admin types them, with messages a
 * non-technical admin can act on. Runs for every write, from the Content
 * Manager or REST, before anything is stored.
 */
export function assertValidBoardHiveFields(data: Record<string, unknown> | undefined) {
  if (!data) return;
  const problems: Array<{ path: string[]; message: string }> = [];
  if (typeof data.hiveAccount === 'string') {
    const error = accountNameError(data.hiveAccount);
    if (error) problems.push({ path: ['hiveAccount'], message: error });
  }
  if (typeof data.hiveCommunity === 'string' && data.hiveCommunity !== '') {
    const error = communityNameError(data.hiveCommunity);
    if (error) problems.push({ path: ['hiveCommunity'], message: error });
  }
  if (typeof data.tokenSymbol === 'string' && data.tokenSymbol !== '' && !/^[A-Z][A-Z.]{0,9}$/.test(data.tokenSymbol)) {
    problems.push({ path: ['tokenSymbol'], message: 'A token symbol is 1 to 10 capital letters (a dot is allowed after the first), e.g. MAPLE.' });
  }
  // The board's day (when its post of the day changes, in container mode) is the day in this zone.
  const zoneError = timeZoneError(data.timezone);
  if (zoneError) problems.push({ path: ['timezone'], message: zoneError });
  if (problems.length) throw invalidFields(problems);
}

export const boardHiveFieldsHook: DocumentHook = {
  name: "check the board's Hive account, community, token symbol and time zone",
  async run(call, next) {
    if (call.action === 'create' || call.action === 'update') assertValidBoardHiveFields(call.params.data);
    return next();
  },
};
