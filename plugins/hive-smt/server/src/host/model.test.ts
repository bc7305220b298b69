import type { Core } from '@strapi/strapi';
import { createHostModel, hostModelProblems, type HostTypesConfig } from './model';

/** The only part of Strapi the host model reads: each type's attribute names. */
function strapiWith(types: Record<string, string[]>): Core.Strapi {
  return {
    contentType: (uid: string) => (types[uid] ? { attributes: Object.fromEntries(types[uid].map((a) => [a, { type: 'string' }])) } : undefined),
  } as unknown as Core.Strapi;
}

const ARTICLE = 'api::article.article';
const CHANNEL = 'api::channel.channel';
const NOTE = 'api::note.note';
const USER = 'plugin::users-permissions.user';

const renamed: HostTypesConfig = {
  post: { uid: ARTICLE, fields: { title: 'headline', body: 'content', board: 'channel', author: 'writer' } },
  board: { uid: CHANNEL, fields: { name: 'label', hiveAccount: 'hiveName' } },
  comment: { uid: NOTE, fields: { body: 'text', post: 'article' } },
};
const strapi = strapiWith({
  [ARTICLE]: ['headline', 'content', 'channel', 'writer', 'tags', 'title'],
  [CHANNEL]: ['label', 'slug', 'hiveName'],
  [NOTE]: ['text', 'article', 'author'],
  [USER]: ['username'],
});

describe('host model: the app names the fields its own way', () => {
  const model = createHostModel(strapi, renamed);

  test('queries go out in the app names, relations translated by the type they point to', () => {
    expect(
      model.toAppParams('post', {
        where: { documentId: 'd1', board: { hiveAccount: 'maple' }, $or: [{ title: { $containsi: 'x' } }, { body: null }] },
        select: ['documentId', 'title', 'excerpt'],
        populate: { board: { select: ['name', 'hiveAccount'] }, author: { select: ['username', 'displayName'] }, cover: true },
        orderBy: [{ title: 'asc' }],
        data: { title: 'T', featured: true },
      }),
    ).toEqual({
      where: { documentId: 'd1', channel: { hiveName: 'maple' }, $or: [{ headline: { $containsi: 'x' } }, { content: null }] },
      // The article has no excerpt, no cover, no featured flag; members no display name: none is asked for or written.
      select: ['documentId', 'headline'],
      populate: { channel: { select: ['label', 'hiveName'] }, writer: { select: ['username'] } },
      orderBy: [{ headline: 'asc' }],
      data: { headline: 'T' },
    });
  });

  test("rows come back in the plugin's names, and an app field that shares a plugin name does not pass for it", () => {
    expect(
      model.fromApp('post', {
        documentId: 'd1',
        headline: 'Mirrored',
        title: 'the app’s own',
        channel: { label: 'Oak', hiveName: 'oak' },
        writer: { id: 3, username: 'amy' },
      }),
    ).toEqual({ documentId: 'd1', title: 'Mirrored', board: { name: 'Oak', hiveAccount: 'oak' }, author: { id: 3, username: 'amy' } });
    expect(model.fromApp('comment', [{ text: 'hi', article: { documentId: 'd1', headline: 'Mirrored' } }])).toEqual([
      { body: 'hi', post: { documentId: 'd1', title: 'Mirrored' } },
    ]);
  });

  test('error paths go back to the app names', () => {
    expect(model.appPath('board', ['hiveAccount'])).toEqual(['hiveName']);
    expect(model.appPath('board', ['economics', 'symbol'])).toEqual(['economics', 'symbol']);
  });

  test('startup names a required field the app lacks, and the setting that fixes it', () => {
    expect(hostModelProblems(strapi, model)).toEqual([]);
    const misnamed = createHostModel(strapi, { ...renamed, post: { uid: ARTICLE, fields: { title: 'heading', body: 'content', board: 'channel' } } });
    expect(hostModelProblems(strapi, misnamed)).toEqual([
      'api::article.article has no attribute "heading" (the post\'s title): add it, or name the attribute that holds it in contentTypes.post.fields.title',
    ]);
    expect(hostModelProblems(strapi, createHostModel(strapi, { ...renamed, comment: 'api::reply.reply' }))).toEqual([
      'contentTypes.comment: the app has no content type api::reply.reply',
    ]);
  });
});

test("with the plugin's own names nothing is renamed", () => {
  const quanzi = createHostModel(
    strapiWith({
      'api::post.post': ['title', 'body', 'board', 'author', 'cover'],
      'api::board.board': ['name', 'slug', 'hiveAccount'],
      'api::comment.comment': ['body', 'post'],
      [USER]: ['username', 'displayName'],
    }),
    { post: 'api::post.post', board: 'api::board.board', comment: 'api::comment.comment' },
  );
  const params = { where: { board: { slug: 'oak' } }, populate: { board: true, author: { select: ['displayName'] }, cover: true } };
  expect(quanzi.toAppParams('post', params)).toEqual(params);
  const row = { title: 'T', board: { name: 'Oak' } };
  expect(quanzi.fromApp('post', row)).toBe(row);
});
