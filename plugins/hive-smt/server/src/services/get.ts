import type { Core } from '@strapi/strapi';
import type { HiveSmtServices } from './index';

/** One of the plugin's services, typed (what controllers and the app's hooks call). */
export const getService = <K extends keyof HiveSmtServices>(strapi: Core.Strapi, name: K): HiveSmtServices[K] =>
  strapi.plugin('hive-smt').service(name) as unknown as HiveSmtServices[K];
