import type { Core } from '@strapi/strapi';
import { applyReadRule, prepareReaderQuery } from './query';
import type { GetModel, Model } from './schema';

/**
 * Installs the read rule where Strapi turns a reader's query string into a
 * document query: `strapi.contentAPI.sanitize.query`. Every content-API
 * controller calls it before reading — the core controllers of boards, posts
 * and comments (ours call super), users-permissions' and upload's — so the
 * rule holds on every read path that takes a query, including routes a future
 * content type or plugin adds, without a patch per route. The admin panel
 * does not go through it (it has its own permission checks).
 */

/** A users-permissions member holding the Editor role: curators read drafts and hidden rows. */
export function isEditorReader(auth: any): boolean {
  return auth?.strategy?.name === 'users-permissions' && auth?.credentials?.role?.type === 'editor';
}

export function installReadRule(strapi: Core.Strapi): void {
  const sanitize = strapi.contentAPI.sanitize as any;
  const original = sanitize.query;
  const getModel: GetModel = (uid) => strapi.getModel(uid as any) as unknown as Model | undefined;
  sanitize.query = async (query: Record<string, unknown> = {}, schema: Model, options: { auth?: any; route?: any } = {}) => {
    const ctx = { getModel, editor: isEditorReader(options.auth) };
    const prepared = prepareReaderQuery(query ?? {}, schema, ctx);
    const sanitized = await original(prepared, schema, options);
    return applyReadRule(sanitized, schema, ctx);
  };
}
