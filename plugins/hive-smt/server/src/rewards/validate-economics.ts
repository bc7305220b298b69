import type { Core } from '@strapi/strapi';
import { USER_UID, q } from '../core/db';
import { invalidFields } from '../core/validate';
import type { BoardRow, EconomicsInput, MemberRow, PostRow } from '../host/rows';
import type { HostModel } from '../host/model';
import type { DocumentHook } from '../core/document-hooks';
import { economicsProblems, mutedReferences, type Problem } from './economics';

/**
 * Checks a board's token economics on every write (Content Manager or code),
 * before anything is stored: the field rules of economicsProblems, then that
 * the muted members and posts the admin named exist.
 */
export async function assertValidEconomics(
  strapi: Core.Strapi,
  types: HostModel,
  action: string,
  params: { documentId?: string; data?: Record<string, unknown> },
): Promise<void> {
  const data = params.data;
  if (!data || !('economics' in data) || !data.economics) return;
  const economics = data.economics as EconomicsInput;
  let fallbackSymbol: string | null = typeof data.tokenSymbol === 'string' ? data.tokenSymbol : null;
  if (fallbackSymbol === null && action === 'update' && params.documentId) {
    const existing = await types.rows<BoardRow>('board').findOne({ where: { documentId: params.documentId }, select: ['tokenSymbol'] });
    fallbackSymbol = existing?.tokenSymbol ?? null;
  }
  const problems: Problem[] = economicsProblems(economics, fallbackSymbol);
  const { usernames, posts } = mutedReferences(economics);
  if (usernames.length > 0) {
    const found = await q<MemberRow>(strapi, USER_UID).findMany({ where: { username: { $in: usernames } }, select: ['username'] });
    const known = new Set(found.map((u) => String(u.username).toLowerCase()));
    const missing = usernames.filter((u) => !known.has(u));
    if (missing.length) {
      problems.push({
        path: ['economics', 'mutedMembers'],
        message: `No member is called ${missing.map((m) => `"${m}"`).join(', ')}: write members' usernames, one per line or separated by commas.`,
      });
    }
  }
  if (posts.length > 0) {
    const found = await types.rows<PostRow>('post').findMany({
      where: { $or: [{ documentId: { $in: posts } }, { slug: { $in: posts } }] },
      select: ['documentId', 'slug'],
    });
    const known = new Set(found.flatMap((p) => [p.documentId, p.slug]));
    const missing = posts.filter((p) => !known.has(p));
    if (missing.length) {
      problems.push({
        path: ['economics', 'mutedPosts'],
        message: `No post has the id or web address name ${missing.map((m) => `"${m}"`).join(', ')}: copy it from the post's page.`,
      });
    }
  }
  if (problems.length) throw invalidFields(problems);
}

export function economicsHook(strapi: Core.Strapi, types: HostModel): DocumentHook {
  return {
    name: "check the board's token rewards",
    async run(call, next) {
      if (call.action === 'create' || call.action === 'update') await assertValidEconomics(strapi, types, call.action, call.params);
      return next();
    },
  };
}
