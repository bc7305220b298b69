import { factories } from '@strapi/strapi';
import { rateLimited } from '../../../middlewares/rate-limit';
import { commentDocs } from '../docs';

const writes = [rateLimited('writes', 'comments')];

export default factories.createCoreRouter('api::comment.comment', {
  config: {
    create: { middlewares: writes, openapi: commentDocs.create },
    update: { middlewares: writes, openapi: commentDocs.update },
    delete: { middlewares: writes, openapi: commentDocs.delete },
  } as any,
});
