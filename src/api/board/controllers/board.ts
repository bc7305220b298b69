import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const UID = 'api::board.board';

/** Readers see active boards only; a board is found by documentId or by slug. */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async find(ctx) {
    const filters = ctx.query.filters;
    const active = { active: { $eq: true } };
    ctx.query = { ...ctx.query, filters: filters && Object.keys(filters).length ? { $and: [filters, active] } : active };
    return super.find(ctx);
  },

  async findOne(ctx) {
    const board = await strapi.service(UID).findActiveBoard(ctx.params.id);
    if (!board) throw new errors.NotFoundError('No active board with this slug or id.');
    ctx.params.id = board.documentId;
    return super.findOne(ctx);
  },
}));
