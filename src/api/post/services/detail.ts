import type { Core } from '@strapi/strapi';
import { chainStatuses } from '../../../utils/hive-smt-hooks';
import { renderMarkdownToSafeHtml } from '../../../utils/markdown';

/** Rendered bodies by document and version: a post is read far more often than it changes. */
const rendered = new Map<string, string>();
const MAX_RENDERED = 500;

function renderOnce(documentId: string, updatedAt: unknown, body: string): string {
  const key = `${documentId}\u0000${String(updatedAt)}\u0000${body.length}`;
  let html = rendered.get(key);
  if (html === undefined) {
    html = renderMarkdownToSafeHtml(body);
    if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value as string);
    rendered.set(key, html);
  }
  return html;
}

/** The post detail's additions: `bodyHtml` beside the markdown body (when the body was asked for) and `chain`. */
export async function withDetailFields(strapi: Core.Strapi, post: Record<string, any> | null | undefined): Promise<void> {
  if (!post?.documentId) return;
  if (typeof post.body === 'string') post.bodyHtml = renderOnce(post.documentId, post.updatedAt, post.body);
  post.chain = (await chainStatuses(strapi, [post.documentId])).get(post.documentId) ?? null;
}
