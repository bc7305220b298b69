import type { Core } from '@strapi/strapi';
import { ensureMemberRoles } from './bootstrap/member-roles';
import { configureAdminEditorRole, grantEditorPermissions } from './bootstrap/admin-editor-role';
import { hiveSmtEditorPermissions } from './bootstrap/hive-smt-editor';
import { applyFieldHelp, FIELD_HELP_VERSION } from './bootstrap/field-help';
import { runOnce } from './bootstrap/once';
import { bootstrapRestSurface, registerRestSurface } from './bootstrap/rest-surface';
import { demoBoardIds, seedDemoCommunity, shouldSeed } from './bootstrap/seed';
import { startDemoFirstPeriod, stopDemoFirstPeriod } from './bootstrap/demo-economy';
import { provideReviewQueue } from './bootstrap/review-queue';
import { provideEconomyViews } from './bootstrap/economy-views';
import { applyMailSender, applyRegistrationSettings } from './bootstrap/registration';
import { installReadRule } from './read-rule/install';
import { registerCacheInvalidation, registerCommentWrites, startCacheBus, stopCacheBus } from './bootstrap/cache-invalidation';
import { backfillSlugs, ensureSlugIndex, registerSlugs } from './posts/slug-service';
import { registerCommentModeration } from './moderation/comments';
import { registerPostModeration } from './moderation/posts';
import { startNotificationPass, stopNotificationPass } from './notifications/schedule';
import { prepareRateLimits, stopRateLimits } from './rate-limit/stores';
import { drainDatabase } from './utils/database-drain';
import { provideMirrorExtras } from './utils/hive-smt-hooks';
import { ensureInverseOrderIndexes, installInverseOrderMax } from './relations/install';
import { shareTurnsBetweenQueries } from './sqlite/fair-turns';
import { installEarlyDetails } from './http/early-detail';
import { registerMerchantValidation } from './merchants/validate';
import { registerRedemptionValidation } from './redemptions/validate';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerRestSurface();
    // Before any route is served: one rule for what content-API readers see (src/read-rule).
    installReadRule(strapi);
    // Before plugins bootstrap and anything is written: the feed table and caches follow every write.
    registerCacheInvalidation(strapi);
    registerSlugs(strapi);
    registerCommentModeration(strapi);
    registerPostModeration(strapi);
    // A merchant's receiving account and discount are checked before any write (the Content Manager's too).
    registerMerchantValidation(strapi);
    registerRedemptionValidation(strapi);
    // Before the plugin's worker starts (its bootstrap): posts of other kinds carry them to Hive.
    provideMirrorExtras(strapi);
  },

  /**
   * Roles and admin help are laid down idempotently on every boot; the demo
   * communities only into an empty, non-production database.
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    bootstrapRestSurface(strapi);
    // Linking a post to its board (and any row to a relation's "one" side) reads one index entry, not the board's every post.
    await ensureInverseOrderIndexes(strapi);
    installInverseOrderMax(strapi);
    // SQLite answers synchronously: a long write lets readers in between its queries (src/sqlite/fair-turns.ts).
    if (strapi.db.dialect.client === 'sqlite') shareTurnsBetweenQueries(Object.getPrototypeOf(strapi.db.connection.client));
    await startCacheBus(strapi);
    await prepareRateLimits(strapi);
    // Cached anonymous post details are sent before Koa, with the headers the stack gave them (src/http/early-detail.ts).
    const feed = () => strapi.service('api::feed.feed') as any;
    installEarlyDetails(strapi.server.httpServer, { peek: (key) => feed().peekDetail(key), log: (line) => strapi.log.http(line) });
    provideReviewQueue(strapi);
    provideEconomyViews(strapi);
    await ensureMemberRoles(strapi);
    await applyRegistrationSettings(strapi, process.env);
    await applyMailSender(strapi, process.env);
    // v2: editors read and resolve members' reports. v3: and curate from the Hive section. v4: and read the moderation log.
    grantEditorPermissions(hiveSmtEditorPermissions(strapi));
    await runOnce(strapi, 'admin-editor-role', 4, () => configureAdminEditorRole(strapi));
    await runOnce(strapi, 'field-help', FIELD_HELP_VERSION, () => applyFieldHelp(strapi));
    await ensureSlugIndex(strapi);
    await backfillSlugs(strapi);
    await (strapi.service('api::search.search') as any).ensureIndex();
    if (shouldSeed(process.env)) {
      await seedDemoCommunity(strapi);
      // The demo shows a paid reward period soon after its first start (and finishes it after a restart).
      startDemoFirstPeriod(strapi, await demoBoardIds(strapi));
    }
    startNotificationPass(strapi);
    (strapi.service('api::wechat.content-check') as any).start();
    // Last of the Document Service middlewares (every plugin's and the app's are in place): the innermost.
    registerCommentWrites(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    stopNotificationPass();
    (strapi.service('api::wechat.content-check') as any)?.stop();
    stopDemoFirstPeriod();
    await stopCacheBus(strapi);
    await stopRateLimits(strapi);
    // Last, after the plugins stopped their passes: what Strapi fired after a commit finishes before the pool goes.
    if (!(await drainDatabase(strapi))) strapi.log.warn('Shutting down with database queries still running.');
  },
};
