import type { Core } from '@strapi/strapi';

let counter = 0;

/** A board written straight through the Document Service, as an admin would in the Content Manager. */
export async function createBoard(strapi: Core.Strapi, overrides: Record<string, unknown> = {}) {
  counter += 1;
  return strapi.documents('api::board.board').create({
    data: {
      name: `Test board ${counter}`,
      slug: `test-board-${counter}-${Math.random().toString(36).slice(2, 6)}`,
      kind: 'interest',
      hiveAccount: 'riverside-photo',
      moderationMode: 'direct',
      active: true,
      ...overrides,
    } as any,
  });
}

/** A post by a member, published unless told otherwise. */
export async function createPost(
  strapi: Core.Strapi,
  board: { documentId: string },
  author: { documentId: string },
  overrides: Record<string, unknown> = {},
  status: 'published' | 'draft' = 'published',
) {
  counter += 1;
  return strapi.documents('api::post.post').create({
    data: {
      title: `Post ${counter}`,
      body: `Body of post ${counter}`,
      board: board.documentId,
      author: author.documentId,
      ...overrides,
    } as any,
    status,
  });
}
