import type { Core } from '@strapi/strapi';
import { slugBase, slugCandidates } from './slug';

const POST = 'api::post.post';
/** Candidates looked up per query: a title used a few times takes one query. */
const CANDIDATES_PER_QUERY = 20;

/**
 * Posts get their slug when they are created without one (members never send
 * one; the Content Manager may). Strapi's uid type is unique across published
 * posts, so a slug free across all posts is free within its board too. An
 * edit of the title keeps the slug: links already shared keep working.
 *
 * The candidates are looked up by equality (the slug index, ensureSlugIndex):
 * a prefix match is a scan of every post on SQLite, whose LIKE ignores case
 * and so no index serves it.
 */
export async function freeSlugFor(strapi: Core.Strapi, title: string, documentId?: string): Promise<string> {
  const base = slugBase(title);
  for (let from = 1; ; from += CANDIDATES_PER_QUERY) {
    const candidates = slugCandidates(base, from, CANDIDATES_PER_QUERY);
    const rows: any[] = await strapi.db.query(POST).findMany({ where: { slug: { $in: candidates } }, select: ['slug', 'documentId'] });
    const taken = new Set(rows.filter((row) => row.documentId !== documentId).map((row) => row.slug));
    const free = candidates.find((candidate) => !taken.has(candidate));
    if (free) return free;
  }
}

/**
 * The index on posts' slug: the lookups above, and Strapi's own check that a
 * uid is unique (`slug = ?` among published rows), read it instead of every
 * post. Strapi makes no index for a uid field; the name is ours, and Strapi's
 * schema sync drops only indexes it made. Idempotent, in bootstrap (after the
 * schema sync made the table).
 */
export async function ensureSlugIndex(strapi: Core.Strapi): Promise<void> {
  const meta: any = strapi.db.metadata.get(POST as any);
  const table = meta.tableName as string;
  const column = (meta.attributes.slug?.columnName ?? 'slug') as string;
  await strapi.db.connection.raw(`CREATE INDEX IF NOT EXISTS ${table}_slug_idx ON ${table} (${column})`);
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
