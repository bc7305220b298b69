/**
 * The admin panel's own settings: the languages an admin can pick under
 * Profile → Interface language (English is always there). The Hive section
 * ships English and Simplified Chinese.
 */
export default {
  config: {
    locales: ['zh-Hans'],
  },
  bootstrap() {},
};
