import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { createKeyedLock } from '../../../utils/keyed-lock';
import { COMMENT, POST, withVisibility } from '../../../read-rule/visibility';
import type { ReportInput } from '../../../validation/report';
import { announce } from '../../../utils/hive-smt-hooks';

// Cast: Strapi's generated content-type types (types/generated) may predate this content type.
const UID = 'api::report.report' as any;
const withLock = createKeyedLock();

const unknownTarget = (field: 'post' | 'comment', message: string) =>
  new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });

/**
 * Members report what they can see: a published post of an active board or a
 * visible comment. One open report per member and target: reporting again
 * returns the open report instead of stacking duplicates for the editors.
 * (The field is `reportStatus`: the Content Manager shows its own draft/published
 * `status` on every document and would hide a field of that name.)
 */
export default factories.createCoreService(UID, ({ strapi }) => ({
  async reportForMember(member: { id: number; documentId: string }, input: ReportInput) {
    const type: 'post' | 'comment' = input.post ? 'post' : 'comment';
    const targetId = (input.post ?? input.comment) as string;

    if (type === 'post') {
      const post = await strapi.documents(POST).findFirst({ status: 'published', filters: withVisibility(POST, { documentId: targetId }) as any, fields: ['documentId'] });
      if (!post) throw unknownTarget('post', `Unknown post "${targetId}": only published posts can be reported.`);
    } else {
      const comment = await strapi.documents(COMMENT).findFirst({ status: 'published', filters: withVisibility(COMMENT, { documentId: targetId }) as any, fields: ['documentId'] });
      if (!comment) throw unknownTarget('comment', `Unknown comment "${targetId}": it does not exist or was already hidden.`);
    }

    return withLock(`${member.id}|${type}|${targetId}`, async () => {
      const open = await strapi.documents(UID).findFirst({
        filters: { reporter: { id: member.id }, [type]: { documentId: targetId }, reportStatus: 'open' } as any,
      });
      if (open) return { report: open, type, targetId, alreadyReported: true };
      const report = await strapi.documents(UID).create({
        data: { reporter: member.documentId, [type]: targetId, reason: input.reason, details: input.details || null, reportStatus: 'open' } as any,
      });
      announce(strapi, 'hive-smt.report.created', {
        report: { documentId: report.documentId, reason: report.reason, details: report.details ?? null, target: { type, documentId: targetId }, reporterId: member.id, createdAt: report.createdAt },
      });
      return { report, type, targetId, alreadyReported: false };
    });
  },
}));
