/** The admin actions the server registers (server/src/admin/permissions.ts), as the panel checks them. */
const action = (uid: string) => [{ action: `plugin::hive-smt.${uid}`, subject: null }];

export const PERMISSIONS = {
  chainRead: action('chain.read'),
  chainManage: action('chain.manage'),
  boardsRead: action('boards.read'),
  rewardsRead: action('rewards.read'),
  rewardsPayout: action('rewards.payout'),
  settingsRead: action('settings.read'),
  curationManage: action('curation.manage'),
  moderationRead: action('moderation.read'),
  economyMerchants: action('economy.merchants'),
  economyPayments: action('economy.payments'),
  economyRedemptions: action('economy.redemptions'),
};

/** Anyone holding one of these sees the Hive menu link. */
export const MENU_PERMISSIONS = [
  ...PERMISSIONS.chainRead,
  ...PERMISSIONS.boardsRead,
  ...PERMISSIONS.rewardsRead,
  ...PERMISSIONS.settingsRead,
  ...PERMISSIONS.curationManage,
  ...PERMISSIONS.moderationRead,
  ...PERMISSIONS.economyMerchants,
  ...PERMISSIONS.economyPayments,
  ...PERMISSIONS.economyRedemptions,
];
