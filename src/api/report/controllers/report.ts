import { factories } from '@strapi/strapi';
import { bodyData, parseInput, requireMember } from '../../../utils/request';
import { reportCreateSchema } from '../../../validation/report';

// Cast: Strapi's generated content-type types (types/generated) may predate this content type.
const UID = 'api::report.report' as any;

/** Members report posts and comments; editors read and resolve reports in the Content Manager. */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async create(ctx) {
    const member = requireMember(ctx);
    const input = parseInput(reportCreateSchema, bodyData(ctx));
    const { report, type, targetId, alreadyReported } = await strapi.service(UID).reportForMember(member, input);
    ctx.body = {
      data: {
        documentId: report.documentId,
        reason: report.reason,
        details: report.details ?? null,
        status: report.reportStatus,
        target: { type, documentId: targetId },
        createdAt: report.createdAt,
      },
      meta: { alreadyReported },
    };
  },
}));
