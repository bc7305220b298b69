import type { Core } from '@strapi/strapi';

const CM = 'plugin::content-manager.explorer';

/** Every attribute of a content type except the ones Strapi manages itself. */
function fieldsOf(strapi: Core.Strapi, uid: string, only?: string[]) {
  const attributes = (strapi.contentType(uid as any) as any).attributes as Record<string, unknown>;
  const managed = new Set(['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations', 'documentId', 'id']);
  return Object.keys(attributes).filter((name) => !managed.has(name) && (!only || only.includes(name)));
}

/** Curation actions other parts of the app (the hive-smt plugin) add to the Editor role. */
type ExtraPermission = { action: string; subject?: string | null; fields?: string[] };
const extraEditorPermissions: ExtraPermission[] = [];
export function grantEditorPermissions(list: ExtraPermission[]) {
  extraEditorPermissions.push(...list);
}

/**
 * The admin panel's Editor role curates: it reads and publishes posts (moderated
 * boards send drafts to editors), edits the featured fields, hides comments and
 * reads boards — and holds no role, user or settings permission.
 */
export async function configureAdminEditorRole(strapi: Core.Strapi) {
  const roleService = strapi.service('admin::role') as any;
  const editor = await roleService.findOne({ code: 'strapi-editor' });
  if (!editor) return;
  const post = 'api::post.post';
  const comment = 'api::comment.comment';
  const board = 'api::board.board';
  const perm = (action: string, subject: string | null, fields?: string[]) => ({
    action,
    subject,
    properties: fields ? { fields } : {},
    conditions: [],
  });
  const permissions = [
    perm(`${CM}.read`, post, fieldsOf(strapi, post)),
    perm(`${CM}.update`, post, fieldsOf(strapi, post)),
    perm(`${CM}.publish`, post),
    perm(`${CM}.read`, comment, fieldsOf(strapi, comment)),
    perm(`${CM}.update`, comment, ['hidden']),
    perm(`${CM}.read`, board, fieldsOf(strapi, board)),
    perm('plugin::upload.read', null),
    perm('plugin::upload.assets.create', null),
    perm('plugin::upload.assets.download', null),
    perm('plugin::upload.assets.copy-link', null),
    perm('plugin::upload.configure-view', null),
    ...extraEditorPermissions.map((p) => perm(p.action, p.subject ?? null, p.fields)),
  ];
  await roleService.assignPermissions(editor.id, permissions);
}
