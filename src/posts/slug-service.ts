import type { Core } from '@strapi/strapi';
import { firstFreeSlug, slugBase } from './slug';

const POST = 'api::post.post';

/**
 * Posts get their slug when they are created without one (members never send
 * one; the Content Manager may). Strapi's uid type is unique across published
 * posts, so a slug free across all posts is free within its board too. An
 * edit of the title keeps the slug: links already shared keep working.
 */
export async function freeSlugFor(strapi: Core.Strapi, title: string, documentId?: string): Promise<string> {
  const base = slugBase(title);
  const rows: any[] = await strapi.db.query(POST).findMany({ where: { slug: { $startsWith: base } }, select: ['slug', 'documentId'] });
  const taken = new Set(rows.filter((row) => row.documentId !== documentId).map((row) => row.slug));
  return firstFreeSlug(base, taken);
}

export function registerSlugs(strapi: Core.Strapi): void {
  strapi.documents.use(async (context: any, next: () => Promise<any>) => {
    if (context.uid === POST && context.action === 'create') {
      const data = context.params?.data;
      if (data && !data.slug && typeof data.title === 'string') data.slug = await freeSlugFor(strapi, data.title);
    }
    return next();
  });
}

/** Posts written before slugs were generated get one, on both their draft and published rows. */
export async function backfillSlugs(strapi: Core.Strapi): Promise<number> {
  const rows: any[] = await strapi.db.query(POST).findMany({ where: { $or: [{ slug: { $null: true } }, { slug: '' }] }, select: ['documentId', 'title', 'publishedAt'] });
  const done = new Set<string>();
  for (const row of rows) {
    if (done.has(row.documentId)) continue;
    done.add(row.documentId);
    const slug = await freeSlugFor(strapi, row.title, row.documentId);
    await strapi.db.query(POST).updateMany({ where: { documentId: row.documentId }, data: { slug } });
  }
  return done.size;
}
