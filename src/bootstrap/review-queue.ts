import type { Core } from '@strapi/strapi';

/** The admin's Curation page (hive-smt plugin) shows the app's moderation queue: "Waiting for review", Approve, Reject. */
export function provideReviewQueue(strapi: Core.Strapi): void {
  let review: any;
  try {
    review = (strapi.plugin('hive-smt') as any)?.service('review');
  } catch {
    review = undefined;
  }
  review?.provide(strapi.service('api::moderation-case.moderation'));
}
