import type { Core } from '@strapi/strapi';
import type { ReviewQueue } from 'hive-smt/strapi-server';
import { hiveSmtService } from '../utils/hive-smt-hooks';

/** The admin's Curation page (hive-smt plugin) shows the app's moderation queue: "Waiting for review", Approve, Reject. */
export function provideReviewQueue(strapi: Core.Strapi): void {
  hiveSmtService(strapi, 'review')?.provide(strapi.service('api::moderation-case.moderation') as unknown as ReviewQueue);
}
