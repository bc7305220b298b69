import type { Core } from '@strapi/strapi';
import { hiveSmtService } from '../utils/hive-smt-hooks';
import { localEconomyViews } from '../economy/admin-views';

/** The admin's Merchants, Payments and Redemptions pages (hive-smt plugin) show the app's local economy. */
export function provideEconomyViews(strapi: Core.Strapi): void {
  hiveSmtService(strapi, 'economy')?.provide(localEconomyViews(strapi));
}
