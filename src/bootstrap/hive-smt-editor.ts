import type { Core } from '@strapi/strapi';

/**
 * The hive-smt plugin's admin actions the Editor role gets at first boot
 * (curation, and reading chain health and boards), as the plugin lists them.
 * A Super Admin can change them afterwards under Settings → Roles.
 */
export function hiveSmtEditorPermissions(strapi: Core.Strapi): Array<{ action: string }> {
  const dashboard = strapi.plugin('hive-smt')?.service('dashboard') as { editorPermissions?: () => Array<{ action: string }> } | undefined;
  return dashboard?.editorPermissions?.() ?? [];
}
