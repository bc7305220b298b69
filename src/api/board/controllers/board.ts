import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const UID = 'api::board.board';

/**
 * Boards over REST, found by documentId or by slug. What a reader sees (active
 * boards only, for anyone but an editor) is the read rule's (src/read-rule).
 */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async findOne(ctx) {
    const key = String(ctx.params.id);
    const board = await strapi.documents(UID).findFirst({ filters: { $or: [{ slug: { $eq: key } }, { documentId: { $eq: key } }] }, fields: ['documentId'] });
    if (board) ctx.params.id = board.documentId;
    const response = board ? await super.findOne(ctx) : null;
    if (!response?.data) throw new errors.NotFoundError('No active board with this slug or id.');
    return response;
  },
}));
