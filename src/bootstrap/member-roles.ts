import type { Core } from '@strapi/strapi';

const READ = ['find', 'findOne'];
const WRITE = ['create', 'update', 'delete'];
const actions = (uid: string, verbs: string[]) => verbs.map((verb) => `${uid}.${verb}`);

/**
 * Content API permissions per users-permissions role. Ownership (a member edits
 * only their own posts) and curation (only editors feature or hide) are checked
 * in the controllers; these only open the routes.
 */
export const MEMBER_ROLE_ACTIONS: Record<'public' | 'authenticated' | 'editor', string[]> = {
  public: [...actions('api::board.board', READ), ...actions('api::post.post', READ), ...actions('api::comment.comment', READ)],
  authenticated: [
    ...actions('api::board.board', READ),
    ...actions('api::post.post', [...READ, ...WRITE]),
    ...actions('api::comment.comment', [...READ, ...WRITE]),
  ],
  editor: [
    ...actions('api::board.board', READ),
    ...actions('api::post.post', [...READ, ...WRITE]),
    ...actions('api::comment.comment', [...READ, ...WRITE]),
  ],
};

/** Extra actions other parts of the app register for a role (e.g. the hive-smt plugin's routes). */
const extraActions: Record<string, string[]> = { public: [], authenticated: [], editor: [] };

export function grantMemberActions(role: keyof typeof MEMBER_ROLE_ACTIONS, list: string[]) {
  extraActions[role].push(...list);
}

const ROLE_UID = 'plugin::users-permissions.role';
const PERMISSION_UID = 'plugin::users-permissions.permission';

/** Ensures the Editor role exists, then grants every role its actions. Safe to run on every boot. */
export async function ensureMemberRoles(strapi: Core.Strapi) {
  const roles = strapi.db.query(ROLE_UID);
  let editor = await roles.findOne({ where: { type: 'editor' } });
  if (!editor) {
    editor = await roles.create({
      data: { name: 'Editor', type: 'editor', description: 'Members who curate: feature posts and hide comments over REST.' },
    });
  }
  const authenticated = await roles.findOne({ where: { type: 'authenticated' } });
  const authenticatedActions = authenticated
    ? (await strapi.db.query(PERMISSION_UID).findMany({ where: { role: authenticated.id } })).map((p: any) => p.action)
    : [];

  for (const type of Object.keys(MEMBER_ROLE_ACTIONS) as Array<keyof typeof MEMBER_ROLE_ACTIONS>) {
    const role = await roles.findOne({ where: { type } });
    if (!role) continue;
    // Editors are members too: they keep every action a member has (/users/me, auth, …).
    const wanted = new Set([...MEMBER_ROLE_ACTIONS[type], ...extraActions[type], ...(type === 'editor' ? authenticatedActions : [])]);
    const existing = await strapi.db.query(PERMISSION_UID).findMany({ where: { role: role.id } });
    const have = new Set(existing.map((p: any) => p.action));
    for (const action of wanted) {
      if (!have.has(action)) await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
    }
  }
}
