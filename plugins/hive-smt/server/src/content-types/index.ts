import chainJob from './chain-job/schema.json';
import mirror from './mirror/schema.json';
import accountLink from './account-link/schema.json';

/** The plugin's internal tables, hidden from the Content Manager; the Hive pages of the admin show them. */
export default {
  'chain-job': { schema: chainJob },
  mirror: { schema: mirror },
  'account-link': { schema: accountLink },
};
