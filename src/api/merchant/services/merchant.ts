import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MERCHANT, publicMerchant, type MerchantRow } from '../../../merchants/rules';

/** Merchants of a board as anyone reads them, and who serves behind a merchant's counter. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A board's active merchants by name, or a 404 for a board that is unknown or closed. */
  async listForBoard(slug: string) {
    const board = await (strapi.service('api::board.board') as any).findActiveBoard(slug);
    if (!board) throw new errors.NotFoundError('No active board with this slug or id.');
    const rows: MerchantRow[] = await strapi.db.query(MERCHANT).findMany({
      where: { board: { documentId: board.documentId }, active: true },
      select: ['documentId', 'name', 'address', 'offer', 'openingHours', 'tokenDiscountPercent', 'hiveAccount'],
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
    return rows.map(publicMerchant);
  },

  /** An active merchant of an active board with its board's token and its staff's ids, or null. */
  async findActive(documentId: string) {
    const row: any = await strapi.db.query(MERCHANT).findOne({
      where: { documentId, active: true },
      populate: { board: { select: ['documentId', 'slug', 'name', 'active', 'tokenSymbol'] }, staff: { select: ['id'] } },
    });
    if (!row || !row.board?.active) return null;
    return { ...row, staffIds: (row.staff ?? []).map((s: any) => Number(s.id)) as number[] };
  },
});
