import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { economicsProblems, mutedReferences, type Problem } from './economics';

const BOARD_UID = 'api::board.board';

/**
 * Checks a board's token economics on every write (Content Manager or code),
 * before anything is stored: the field rules of economicsProblems, then that
 * the muted members and posts the admin named exist.
 */
export async function assertValidEconomics(strapi: Core.Strapi, action: string, params: any): Promise<void> {
  const data = params?.data;
  if (!data || !('economics' in data) || !data.economics) return;
  let fallbackSymbol: string | null = typeof data.tokenSymbol === 'string' ? data.tokenSymbol : null;
  if (fallbackSymbol === null && action === 'update' && params.documentId) {
    const existing: any = await strapi.db.query(BOARD_UID as any).findOne({ where: { documentId: params.documentId }, select: ['tokenSymbol'] });
    fallbackSymbol = existing?.tokenSymbol ?? null;
  }
  const problems: Problem[] = economicsProblems(data.economics, fallbackSymbol);
  const { usernames, posts } = mutedReferences(data.economics);
  if (usernames.length > 0) {
    const found: any[] = await strapi.db.query('plugin::users-permissions.user' as any).findMany({
      where: { username: { $in: usernames } },
      select: ['username'],
    });
    const known = new Set(found.map((u) => String(u.username).toLowerCase()));
    const missing = usernames.filter((u) => !known.has(u));
    if (missing.length) {
      problems.push({ path: ['economics', 'mutedMembers'], message: `No member is called ${missing.map((m) => `"${m}"`).join(', ')}: write members' usernames, one per line or separated by commas.` });
    }
  }
  if (posts.length > 0) {
    const found: any[] = await strapi.db.query('api::post.post' as any).findMany({
      where: { $or: [{ documentId: { $in: posts } }, { slug: { $in: posts } }] },
      select: ['documentId', 'slug'],
    });
    const known = new Set(found.flatMap((p) => [p.documentId, p.slug]));
    const missing = posts.filter((p) => !known.has(p));
    if (missing.length) {
      problems.push({ path: ['economics', 'mutedPosts'], message: `No post has the id or web address name ${missing.map((m) => `"${m}"`).join(', ')}: copy it from the post's page.` });
    }
  }
  if (problems.length) {
    const message = problems.map((p) => `${p.path.join('.')}: ${p.message}`).join(' ');
    throw new errors.ValidationError(message, { errors: problems.map((p) => ({ ...p, name: 'ValidationError' })) });
  }
}
