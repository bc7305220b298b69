import { factories } from '@strapi/strapi';
import { rateLimited } from '../../../middlewares/rate-limit';
import { postDocs } from '../docs';

const writes = [rateLimited('writes', 'posts')];

export default factories.createCoreRouter('api::post.post', {
  config: {
    findOne: { openapi: postDocs.findOne },
    create: { middlewares: writes, openapi: postDocs.create },
    update: { middlewares: writes, openapi: postDocs.update },
    delete: { middlewares: writes, openapi: postDocs.delete },
  } as any,
});
