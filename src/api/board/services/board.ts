import { factories } from '@strapi/strapi';

const UID = 'api::board.board';

export default factories.createCoreService(UID, ({ strapi }) => ({
  /** An active board by slug or documentId, or null. */
  async findActiveBoard(slugOrDocumentId: string) {
    return strapi.documents(UID).findFirst({
      filters: {
        active: { $eq: true },
        $or: [{ slug: { $eq: slugOrDocumentId } }, { documentId: { $eq: slugOrDocumentId } }],
      },
    });
  },
}));
