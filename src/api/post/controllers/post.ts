import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { bodyData, forbidden, isEditor, parseInput, requireMember } from '../../../utils/request';
import { moderated } from '../../../utils/hive-smt-hooks';
import { editorCurationSchema, memberPostCreateSchema, memberPostUpdateSchema } from '../../../validation/post';
import { withDetailFields } from '../services/detail';
import { detailCacheKey } from '../../../middlewares/fast-read';
import { assertOwnPictures } from '../../../uploads/own-pictures';
import { startOf, type CheckGate } from '../../../moderation/decide';
import { kindOf, kindProblem, KIND_OBJECT_FIELDS, KIND_OBJECT_REQUIRED, type PostKind } from '../../../posts/kinds';

/** WeChat's content check of a member's text (skipped without WeChat, or for members it does not cover). */
const gateOf = async (strapi: any, memberId: number, text: { title?: string; content: string }): Promise<CheckGate> =>
  ((await (strapi.service('api::wechat.content-check') as any)?.gate(memberId, 'post', text)) ?? 'skipped') as CheckGate;

const UID = 'api::post.post';

/** A 400 naming the field at fault, in Strapi's error shape. */
const invalidField = (problem: { path: string[]; message: string }) =>
  new errors.ValidationError(problem.message, { errors: [{ path: problem.path, message: problem.message, name: 'ValidationError' }] });

/**
 * The kind an edit leaves the post with, checked against its board: the
 * objects sent must be the post's kind's (or the new kind's, which then needs
 * its object). Returns the data to write, with the other kinds' objects
 * cleared when the kind changes.
 */
function kindEdit(input: Record<string, any>, existing: Record<string, any>): Record<string, any> {
  const before = kindOf(existing.kind);
  const kind: PostKind = input.kind ?? before;
  const sent = KIND_OBJECT_FIELDS.filter((field) => input[field] !== undefined);
  const stray = sent.find((field) => field !== kind);
  if (stray) throw invalidField({ path: [stray], message: `A ${kind} post has no "${stray}" object: send "kind": "${stray}" for one.` });
  if (kind !== before && KIND_OBJECT_REQUIRED[kind] && input[kind] === undefined) throw invalidField({ path: [kind], message: `A ${kind} post needs its "${kind}" object.` });
  const problem = kindProblem(existing.board ?? {}, kind, input);
  if (problem && (kind !== before || sent.length > 0)) throw invalidField(problem);
  if (kind === before) return input;
  return { ...input, ...Object.fromEntries(KIND_OBJECT_FIELDS.filter((field) => field !== kind).map((field) => [field, null])) };
}

/**
 * Posts over REST. Members write their own posts (published or draft per the
 * board's moderation mode) and never the curation fields; editors curate.
 * What readers see (published posts of active boards, for anyone but an
 * editor) is the read rule's (src/read-rule).
 */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async findOne(ctx) {
    const { id } = ctx.params;
    // Keyed by the query string as the reader sent it: what the fast path (global::fast-read) looks up.
    const cacheKey = detailCacheKey(id, ctx.querystring);
    const load = async () => {
      // The read rule (src/read-rule) leaves nothing to find unless the reader may see the post.
      const response = await super.findOne(ctx);
      if (!response?.data) throw new errors.NotFoundError('No published post with this id.');
      const related = await withDetailFields(strapi, response.data, ctx.state.user?.id);
      return { answer: response, related };
    };
    // Readers without a token all see the same answer: it is cached until something it shows changes.
    if (ctx.state.user || ctx.state.auth?.credentials) return (await load()).answer;
    return strapi.service('api::feed.feed').cachedDetail(cacheKey, id, load);
  },

  async create(ctx) {
    const member = requireMember(ctx);
    const input = parseInput(memberPostCreateSchema, bodyData(ctx));
    await assertOwnPictures(strapi, member.id, input);
    const board = await strapi.service('api::board.board').findActiveBoard(input.board);
    if (!board) {
      throw new errors.ValidationError(`Unknown board "${input.board}": use the slug or documentId of an active board.`, {
        errors: [{ path: ['board'], message: 'Unknown or inactive board', name: 'ValidationError' }],
      });
    }
    // Before anything is written: a kind the board does not take, a price in another currency.
    const problem = kindProblem(board, input.kind, input);
    if (problem) throw invalidField(problem);
    const gate = await gateOf(strapi, member.id, { title: input.title, content: input.body });
    const boardReviews = board.moderationMode === 'review';
    const start = startOf({ boardReviews, gate, failClosed: board.contentCheckFailure === 'closed' });
    const created = await strapi.documents(UID).create({
      data: { ...input, board: board.documentId, author: member.documentId } as any,
      status: start.visible ? 'published' : 'draft',
      populate: ['board', 'author'],
    });
    await (strapi.service('api::wechat.content-check') as any)?.record(gate, start, { type: 'post', documentId: created.documentId, authorId: member.id, board, boardReviews });
    const sanitized = await this.sanitizeOutput(created, ctx);
    return this.transformResponse(sanitized, { moderation: start.moderation });
  },

  async update(ctx) {
    const member = requireMember(ctx);
    const { id } = ctx.params;
    const existing = await strapi.documents(UID).findOne({ documentId: id, populate: { author: { fields: ['id'] }, board: { fields: ['moderationMode', 'documentId', 'contentCheckFailure'] } } as any });
    if (!existing) throw new errors.NotFoundError('No post with this id.');

    const data = bodyData(ctx);
    const ownsPost = (existing as any).author?.id === member.id;
    if (!ownsPost) {
      if (!isEditor(ctx)) throw forbidden('You can only edit your own posts.');
      const curation = parseInput(editorCurationSchema, data);
      const curated = await moderated(strapi, member, { action: 'post.curate', subject: { type: 'post', documentId: id } }, () => strapi.service(UID).curate(id, curation));
      return this.transformResponse(await this.sanitizeOutput(curated, ctx));
    }

    const input = kindEdit(parseInput(memberPostUpdateSchema, data), existing as any);
    await assertOwnPictures(strapi, member.id, input);
    // An edit to a post in a reviewed board waits for an editor; in a direct board it goes live at once.
    const wasPublished = await strapi.documents(UID).findOne({ documentId: id, status: 'published', fields: ['id'] });
    // The new text passes WeChat's check before it replaces what readers see (when the member's content is checked).
    const gate = input.title !== undefined || input.body !== undefined ? await gateOf(strapi, member.id, { title: input.title, content: input.body ?? '' }) : 'skipped';
    const board = (existing as any).board ?? {};
    const failOpen = board.contentCheckFailure !== 'closed';
    const republish = wasPublished && board.moderationMode !== 'review' && (gate === 'pass' || gate === 'skipped' || (gate === 'unchecked' && failOpen));
    if (gate === 'unchecked') await (strapi.service('api::wechat.content-check') as any).queued('post', id, member.id, board);
    const updated = await strapi.documents(UID).update({
      documentId: id,
      data: input as any,
      ...(republish ? { status: 'published' as const } : {}),
    });
    // An edit on a review board (a rejected post sent again, or a change to a live one) waits on the editors' list.
    const caseTarget = { targetType: 'post', targetDocumentId: id, boardDocumentId: (existing as any).board?.documentId ?? null, authorId: member.id };
    if ((existing as any).board?.moderationMode === 'review') await (strapi.service('api::moderation-case.moderation') as any).hold(caseTarget, 'board-review');
    else if (gate === 'review' || gate === 'risky') await (strapi.service('api::moderation-case.moderation') as any).hold(caseTarget, 'content-check', "WeChat's content check asked for an editor's review of this edit.");
    else if (gate === 'unchecked' && !failOpen && wasPublished) await (strapi.service('api::moderation-case.moderation') as any).hold(caseTarget, 'awaiting-check', "Waiting for WeChat's content check (WeChat could not be reached).");
    return this.transformResponse(await this.sanitizeOutput(updated, ctx));
  },

  async delete(ctx) {
    const member = requireMember(ctx);
    const { id } = ctx.params;
    const existing = await strapi.documents(UID).findOne({ documentId: id, populate: { author: { fields: ['id'] } } as any });
    if (!existing) throw new errors.NotFoundError('No post with this id.');
    if ((existing as any).author?.id !== member.id) throw forbidden('You can only delete your own posts.');
    await strapi.documents(UID).delete({ documentId: id });
    ctx.status = 204;
    ctx.body = null;
  },
}));
