import type { Core } from '@strapi/strapi';
import { assertValidBoardHiveFields } from './boards/validate-board';
import { createRuntime, runtimeOf, requireChain, requireKeys } from './runtime';
import { registerMirrorCapture } from './mirror/capture';
import { createMirrorHandler } from './mirror/publisher';
import { registerAdminSide } from './admin';

/** Hooks the plugin into every document write before anything is stored, and lays out its job handlers. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const runtime = createRuntime(strapi);

  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid === 'api::board.board' && (ctx.action === 'create' || ctx.action === 'update')) {
      assertValidBoardHiveFields((ctx.params as any)?.data);
    }
    return next();
  });

  registerMirrorCapture(strapi, () => runtimeOf(strapi).queue);

  runtime.handlers.push(
    createMirrorHandler({
      strapi,
      chain: () => requireChain(runtime),
      keys: () => requireKeys(runtime),
      queue: runtime.queue,
      records: runtime.records,
      config: runtime.config,
    }),
  );

  return registerAdminSide(strapi);
};
