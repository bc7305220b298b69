import { documented } from '../../../openapi/registry';
import { merchantListSchema } from '../../../openapi/schemas';

/** Merchants: only the public list is served; admins manage merchants in the Content Manager. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/boards/:slug/merchants',
      handler: 'merchant.listForBoard',
      config: {
        auth: false,
        openapi: documented({
          summary: "A board's merchants: where its token can be spent",
          description: 'Active merchants of an active board, by name: what they offer, when they open, the discount for paying in the token and the Hive account they receive on. Staff are not listed.',
          tags: ['Merchants'],
          access: 'public',
          params: { slug: "The board's slug (or documentId)." },
          responses: {
            200: { description: 'The merchants (empty when the board has none).', schema: merchantListSchema },
            404: { description: 'No active board with this slug or id.' },
          },
        }),
      },
    },
  ],
};
