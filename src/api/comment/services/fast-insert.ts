import type { Core } from '@strapi/strapi';
import { randomBytes } from 'crypto';

/**
 * A member's comment, written as the innermost Document Service middleware.
 *
 * `strapi.documents('api::comment.comment').create` runs every middleware
 * registered on the Document Service (the hive-smt plugin's mute check and
 * ledger capture, and whatever else is added) around this one, exactly as
 * for any create. Only the last step differs for the comments members write
 * over REST (createForMember marks them with FAST_INSERT, having checked the
 * post and the thread): instead of the repository's generic create — entity
 * validation already done by the route's zod schema, relation lookups already
 * done, a re-read, a deep populate for the entry.create event — the rows are
 * written with a few fixed statements, as Strapi 5 lays them out: the comment
 * row, its links to both rows of the post (draft and published), its author,
 * and its parent (with its place among the parent's replies).
 *
 * What the comment starts as — shown, or hidden and waiting for an editor
 * (its reviewState), as createForMember and the comment-moderation middleware
 * decided — is written as given; the middlewares around this one (comment
 * moderation's notifications, the content check's record) see the comment as
 * written. Data with any field this does not write goes the repository's way.
 *
 * Then, in the same transaction, the feed's comment count (commentsChanged);
 * after commit, `entry.create` on strapi.eventHub with the comment as written
 * (not deep-populated).
 */
export const FAST_INSERT = Symbol.for('quanzi.comment.fast-insert');

export interface FastInsertPlan {
  post: { documentId: string; rowIds: number[] };
  author: { id: number; documentId: string; username?: string };
  parent: { id: number; documentId: string } | null;
}

const UID = 'api::comment.comment';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A documentId like Strapi's (24 lowercase letters and digits). */
const newDocumentId = () => [...randomBytes(24)].map((b) => ALPHABET[b % ALPHABET.length]).join('');

/** The fields of a member's comment this writes; anything else in the data is left to the repository's create. */
const WRITTEN_FIELDS = new Set(['body', 'post', 'author', 'parent', 'source', 'hidden', 'reviewState']);
const REVIEW_STATES = new Set(['pending', 'approved', 'rejected']);

const rowsOf = (result: any): any[] => (Array.isArray(result) ? result : (result?.rows ?? []));

export function registerFastCommentInsert(strapi: Core.Strapi, hooks: { commentsChanged: (postDocumentIds: string[]) => Promise<void> }): void {
  let tables: ReturnType<typeof resolve> | null = null;
  function resolve() {
    const meta: any = strapi.db.metadata.get(UID as any);
    const link = (attribute: string) => meta.attributes[attribute].joinTable;
    const column = (attribute: string) => (meta.attributes[attribute].columnName ?? attribute) as string;
    return { comments: meta.tableName as string, reviewState: column('reviewState'), post: link('post'), author: link('author'), parent: link('parent') };
  }

  strapi.documents.use(async (ctx, next) => {
    const plan: FastInsertPlan | undefined = ctx.uid === UID && ctx.action === 'create' ? (ctx.params as any)?.[FAST_INSERT] : undefined;
    const data: any = (ctx.params as any)?.data;
    if (!plan || !data || Object.keys(data).some((field) => !WRITTEN_FIELDS.has(field))) return next();
    const hidden = data.hidden === true;
    const reviewState = REVIEW_STATES.has(data.reviewState) ? (data.reviewState as string) : null;
    const T = (tables ??= resolve());
    const created = await strapi.db.transaction(async ({ trx, onCommit }) => {
      const now = new Date();
      const documentId = newDocumentId();
      const [row] = rowsOf(
        await trx.raw(`INSERT INTO ${T.comments} (document_id, body, hidden, ${T.reviewState}, source, created_at, updated_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, [
          documentId,
          data.body,
          hidden,
          reviewState,
          'quanzi',
          now,
          now,
          now,
        ]),
      );
      const id = Number(row.id);
      const postLinks = plan.post.rowIds.map(() => '(?, ?)').join(', ');
      await trx.raw(
        `INSERT INTO ${T.post.name} (${T.post.joinColumn.name}, ${T.post.inverseJoinColumn.name}) VALUES ${postLinks}`,
        plan.post.rowIds.flatMap((postRow) => [id, postRow]),
      );
      await trx.raw(`INSERT INTO ${T.author.name} (${T.author.joinColumn.name}, ${T.author.inverseJoinColumn.name}) VALUES (?, ?)`, [id, plan.author.id]);
      if (plan.parent) {
        const order = T.parent.inverseOrderColumnName;
        // Last among the parent's replies, as Strapi orders a new one.
        await trx.raw(
          `INSERT INTO ${T.parent.name} (${T.parent.joinColumn.name}, ${T.parent.inverseJoinColumn.name}, ${order})
           SELECT ?, ?, COALESCE(MAX(${order}), 0) + 1 FROM ${T.parent.name} WHERE ${T.parent.inverseJoinColumn.name} = ?`,
          [id, plan.parent.id, plan.parent.id],
        );
      }
      await hooks.commentsChanged([plan.post.documentId]);
      const at = now.toISOString();
      const comment = {
        id,
        documentId,
        body: data.body,
        hidden,
        source: 'quanzi',
        hiveAuthor: null,
        hivePermlink: null,
        reviewState,
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
        locale: null,
      };
      onCommit(() => {
        strapi.eventHub
          .emit('entry.create', { model: 'comment', uid: UID, entry: { ...comment } })
          .catch((error: Error) => strapi.log.warn(`[comments] entry.create event failed: ${error.message}`));
      });
      return comment;
    });
    return {
      ...created,
      author: { id: plan.author.id, documentId: plan.author.documentId, username: plan.author.username },
      parent: plan.parent ? { id: plan.parent.id, documentId: plan.parent.documentId } : null,
    };
  });
}
