import type { Core } from '@strapi/strapi';
import { createAdmin, type TestAdmin } from './admins';
import { createBoard, createPost } from './fixtures';
import { createMember, type TestMember } from './members';

/**
 * A community with everything a reader must not see, each piece marked with a
 * word of its own, so a leak anywhere in any answer is found by a text search:
 * drafts, unpublished posts, an owner's unreviewed edit, a closed board and its
 * posts, hidden comments and replies, muted members, private user fields.
 */
export const MARK = {
  draft: 'LEAKDRAFT',
  unpublished: 'LEAKUNPUB',
  unreviewedEdit: 'LEAKEDIT',
  closedBoard: 'LEAKCLOSEDBOARD',
  closedPost: 'LEAKCLOSEDPOST',
  hiddenReply: 'LEAKHIDDENREPLY',
  hiddenComment: 'LEAKHIDDENTOP',
  closedComment: 'LEAKCLOSEDCOMMENT',
  unpublishedComment: 'LEAKUNPUBCOMMENT',
  muted: 'leakmuted',
  email: 'leakmail',
  openId: 'LEAKOPENID',
} as const;

/** Field names no content-API answer may carry, for any role. */
export const PRIVATE_FIELDS = ['email', 'provider', 'password', 'resetPasswordToken', 'confirmationToken', 'wechatOpenId', 'wechatUnionId', 'notificationOptIns', 'mutedMembers', 'mutedPosts'];

/** What the people of the world can read as text, row by row: what each marker means. */
export const OWNER_DRAFT_MARKS = [MARK.draft, MARK.unpublished, MARK.unreviewedEdit];

export interface LeakWorld {
  boards: { open: any; review: any; closed: any };
  posts: { published: any; draft: any; unpublished: any; modified: any; closed: any };
  comments: { visible: any; hiddenReply: any; hidden: any; closed: any; onUnpublished: any };
  owner: TestMember;
  other: TestMember;
  restEditor: TestMember;
  muted: TestMember;
  admins: { editor: TestAdmin; author: TestAdmin; superAdmin: TestAdmin };
}

const comment = (strapi: Core.Strapi, data: Record<string, unknown>) => strapi.documents('api::comment.comment').create({ data: data as any });

export async function buildLeakWorld(strapi: Core.Strapi): Promise<LeakWorld> {
  const owner = await createMember(strapi, { username: `owner-${Math.random().toString(36).slice(2, 7)}` });
  await strapi.db.query('plugin::users-permissions.user').update({
    where: { id: owner.id },
    data: { email: `${MARK.email}-owner@test.quanzi.local`, wechatOpenId: `${MARK.openId}-owner`, resetPasswordToken: 'LEAKRESETTOKEN', confirmationToken: 'LEAKCONFIRMTOKEN' },
  });
  const other = await createMember(strapi);
  const restEditor = await createMember(strapi, { role: 'editor' });
  const muted = await createMember(strapi, { username: `${MARK.muted}-${Math.random().toString(36).slice(2, 7)}` });

  const economics = { enabled: true, symbol: 'MAPLE', precision: 3, issuer: 'maple-tokens', mode: 'issue', rewardPerInterval: '1', rewardIntervalSeconds: 3600, mutedMembers: muted.username };
  const open = await createBoard(strapi, { name: 'Open board', hiveAccount: 'maple-school', economics });
  const review = await createBoard(strapi, { name: 'Review board', moderationMode: 'review' });
  const closed = await createBoard(strapi, { name: `Closed ${MARK.closedBoard}`, active: false });

  const published = await createPost(strapi, open, owner, { title: 'Public post', body: 'Readable by anyone', tags: ['public'] });
  const draft = await createPost(strapi, review, owner, { title: `Waiting ${MARK.draft}`, body: `Draft body ${MARK.draft}`, tags: [MARK.draft] }, 'draft');
  const unpublished = await createPost(strapi, open, owner, { title: `Pulled ${MARK.unpublished}`, body: `Pulled body ${MARK.unpublished}` });
  // Written while the post was live; an editor then unpublished the post for moderation.
  const onUnpublished = await comment(strapi, { body: `On pulled ${MARK.unpublishedComment}`, post: unpublished.documentId, author: other.documentId });
  await strapi.documents('api::post.post').unpublish({ documentId: unpublished.documentId });
  const modified = await createPost(strapi, review, owner, { title: 'Reviewed title', body: 'Reviewed body' });
  await strapi.documents('api::post.post').update({ documentId: modified.documentId, data: { title: `Edited ${MARK.unreviewedEdit}`, body: `Edited body ${MARK.unreviewedEdit}` } as any });
  const closedPost = await createPost(strapi, closed, owner, { title: `On closed ${MARK.closedPost}`, body: `Closed body ${MARK.closedPost}` });

  const visible = await comment(strapi, { body: 'Visible comment', post: published.documentId, author: other.documentId });
  const hiddenReply = await comment(strapi, { body: `Reply ${MARK.hiddenReply}`, post: published.documentId, parent: visible.documentId, author: other.documentId, hidden: true });
  const hidden = await comment(strapi, { body: `Top ${MARK.hiddenComment}`, post: published.documentId, author: other.documentId, hidden: true });
  // A visible reply whose parent is hidden: populate[parent] must not bring the parent back.
  await comment(strapi, { body: 'Visible reply to a hidden comment', post: published.documentId, parent: hidden.documentId, author: owner.documentId });
  const closedComment = await comment(strapi, { body: `On closed ${MARK.closedComment}`, post: closedPost.documentId, author: other.documentId });

  const admins = {
    editor: await createAdmin(strapi, 'strapi-editor'),
    author: await createAdmin(strapi, 'strapi-author'),
    superAdmin: await createAdmin(strapi, 'strapi-super-admin'),
  };
  return {
    boards: { open, review, closed },
    posts: { published, draft, unpublished, modified, closed: closedPost },
    comments: { visible, hiddenReply, hidden, closed: closedComment, onUnpublished },
    owner,
    other,
    restEditor,
    muted,
    admins,
  };
}

/** The markers found in a text. */
export const marksIn = (text: string, marks: readonly string[] = Object.values(MARK)) => marks.filter((mark) => text.includes(mark));

/** Private field names present as JSON keys anywhere in a value. */
export function privateKeysIn(value: unknown, names: readonly string[] = PRIVATE_FIELDS): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      if (names.includes(key)) found.add(key);
      stack.push(child);
    }
  }
  return [...found];
}

/** Query shapes an attacker tries on Strapi's content API. */
export const HOSTILE_QUERIES = [
  '',
  'status=draft',
  'status=draft&populate=*',
  'populate=*',
  'populate[posts][fields][0]=title&populate[posts][fields][1]=body',
  'status=draft&populate[posts][fields][0]=title&populate[posts][fields][1]=body',
  'populate[posts][count]=true&status=draft',
  'populate[replies]=*',
  'populate[replies][populate][replies]=*',
  'populate[parent]=*',
  'status=draft&populate[post]=*',
  'populate[post][fields][0]=title',
  'populate[board]=*',
  'populate[author]=*',
  'populate[author][populate][role]=*',
  'populate=economics',
  'populate[board][populate]=economics',
  'populate[post][populate][board][populate]=*',
  'populate[board][populate][posts][populate][board][populate][posts]=*',
  'populate[post][populate][board][populate][posts][populate][board][populate][posts]=*',
  'populate=board.posts',
  'publicationFilter=never-published',
  'hasPublishedVersion=false',
  'status=published&populate[posts][filters][publishedAt][$null]=true',
  'fields[0]=email&fields[1]=provider&fields[2]=wechatOpenId',
  'sort=email:asc',
  'sort=author.email:asc',
  'filters[tags][$contains]=x',
  'filters[tags][$eq]=public',
  'filters[tags][$in][0]=a&filters[tags][$in][1]=b',
  'filters[title][$between][0]=a',
  'filters[createdAt][$gt]=not-a-date',
  'filters[id][$gt]=99999999999999999999999',
  'pagination[pageSize]=100000',
  `filters[documentId][$in][0]=${'x'.repeat(40)}&filters[documentId][$in][1]=y`,
];

/** Filters that match only rows a reader must not see: the answer must be empty (or a refusal), whatever the route. */
export const ORACLE_QUERIES = [
  'filters[posts][title][$contains]=LEAK',
  'filters[posts][body][$contains]=LEAK',
  'filters[posts][publishedAt][$null]=true',
  'filters[active][$eq]=false',
  'filters[name][$contains]=LEAK',
  'filters[hidden][$eq]=true',
  'filters[replies][hidden][$eq]=true',
  'filters[replies][body][$contains]=LEAK',
  'filters[parent][hidden][$eq]=true',
  'filters[post][title][$contains]=LEAK',
  'filters[post][board][active][$eq]=false',
  'filters[post][publishedAt][$null]=true',
  'filters[board][active][$eq]=false',
  'filters[board][name][$contains]=LEAK',
  'filters[board][posts][title][$contains]=LEAK',
  'filters[title][$contains]=LEAK',
  'filters[body][$contains]=LEAK',
  'filters[publishedAt][$null]=true',
  'filters[author][email][$contains]=leakmail',
  'filters[author][wechatOpenId][$contains]=LEAK',
  'filters[economics][mutedMembers][$contains]=leakmuted',
  'filters[tags][$contains]=LEAK',
];

