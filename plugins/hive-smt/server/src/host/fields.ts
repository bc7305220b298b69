/**
 * The app's types are the app's: a field the plugin can use but does not
 * need (a post's cover picture) may be missing, and asking Strapi to populate
 * a field a type lacks is an error ("Invalid key"). So optional fields are
 * asked for only where the type has them.
 */
import type { Core } from '@strapi/strapi';

/** `populate` for `fields`, without the ones the content type `uid` does not have. */
export function populateExisting(strapi: Core.Strapi, uid: string, fields: string[]): Record<string, true> {
  const attributes = (strapi.contentType(uid as Parameters<Core.Strapi['contentType']>[0])?.attributes ?? {}) as Record<string, unknown>;
  return Object.fromEntries(fields.filter((field) => field in attributes).map((field) => [field, true as const]));
}
