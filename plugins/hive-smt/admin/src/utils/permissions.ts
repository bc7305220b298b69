import { useAuth } from '@strapi/strapi/admin';

export type HiveAction =
  | 'chain.read'
  | 'chain.manage'
  | 'boards.read'
  | 'rewards.read'
  | 'rewards.payout'
  | 'settings.read'
  | 'curation.manage'
  | 'moderation.read'
  | 'economy.merchants'
  | 'economy.payments'
  | 'economy.redemptions';

/** Which Hive actions the signed-in admin holds (the server checks them again on every request). */
export function useHivePermissions() {
  const permissions = useAuth('HivePermissions', (state) => state.permissions);
  const held = new Set((permissions ?? []).map((p) => p.action));
  return (action: HiveAction) => held.has(`plugin::hive-smt.${action}`);
}
