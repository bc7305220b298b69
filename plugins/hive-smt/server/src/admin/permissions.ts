import type { Core } from '@strapi/strapi';

const PLUGIN = 'hive-smt';

/**
 * The admin panel actions of the Hive section. A Super Admin grants them to
 * roles under Settings → Roles → Plugins → Hive; every admin route names the
 * one it needs.
 */
export const ADMIN_ACTIONS = [
  { uid: 'chain.read', displayName: 'See chain health and the mirror queue', subCategory: 'chain' },
  { uid: 'chain.manage', displayName: 'Retry or cancel chain jobs', subCategory: 'chain' },
  { uid: 'boards.read', displayName: 'See boards’ Hive accounts and tokens', subCategory: 'boards' },
  { uid: 'rewards.read', displayName: 'See reward pools, earners and payouts', subCategory: 'rewards' },
  { uid: 'rewards.payout', displayName: 'Run a payout now', subCategory: 'rewards' },
  { uid: 'settings.read', displayName: 'See the Hive settings', subCategory: 'settings' },
  { uid: 'curation.manage', displayName: 'Feature posts, hide comments, mute members', subCategory: 'curation' },
  { uid: 'moderation.read', displayName: 'See the moderation log (who did what)', subCategory: 'moderation' },
  { uid: 'economy.merchants', displayName: 'See merchants and what they were paid', subCategory: 'economy' },
  { uid: 'economy.payments', displayName: 'See payments to merchants (per merchant, per member)', subCategory: 'economy' },
  { uid: 'economy.redemptions', displayName: 'See merchants’ redemptions for cash', subCategory: 'economy' },
] as const;

export type AdminActionUid = (typeof ADMIN_ACTIONS)[number]['uid'];

/** `plugin::hive-smt.chain.read`, as stored on a role's permission. */
export const actionId = (uid: AdminActionUid) => `plugin::${PLUGIN}.${uid}`;

/**
 * What the admin Editor role gets at first boot (the app passes these to its
 * Editor role setup): curation, and reading what curating needs — whether a
 * post reached the chain, which boards exist, what other editors did. Never
 * settings, payouts or retrying chain jobs.
 */
export const EDITOR_ACTIONS: AdminActionUid[] = ['curation.manage', 'chain.read', 'boards.read', 'moderation.read'];

/** The admin plugin's registry of RBAC actions. */
interface ActionProvider {
  registerMany(actions: Array<{ section: string; pluginName: string; uid: string; displayName: string; subCategory: string }>): Promise<void>;
}

/** Registered in the plugin's register phase, before the admin syncs roles and cleans unknown permissions. */
export async function registerAdminActions(strapi: Core.Strapi) {
  const provider = (strapi as unknown as { admin?: { services?: { permission?: { actionProvider?: ActionProvider } } } }).admin?.services?.permission
    ?.actionProvider;
  if (!provider) return;
  await provider.registerMany(
    ADMIN_ACTIONS.map((action) => ({
      section: 'plugins',
      pluginName: PLUGIN,
      uid: action.uid,
      displayName: action.displayName,
      subCategory: action.subCategory,
    })),
  );
}

/** The route policies for one action: an admin session, then the permission. */
export const requires = (uid: AdminActionUid) => ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [actionId(uid)] } }];
