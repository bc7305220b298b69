import type { Core } from '@strapi/strapi';
import { assertValidBoardHiveFields } from './boards/validate-board';

/** Hooks the plugin into every document write before anything is stored. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid === 'api::board.board' && (ctx.action === 'create' || ctx.action === 'update')) {
      assertValidBoardHiveFields((ctx.params as any)?.data);
    }
    return next();
  });
};
