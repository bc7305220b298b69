import type { Core } from '@strapi/strapi';

/**
 * Strapi's generated answer schemas, made to describe what the content API
 * really answers, so a client that validates answers against the document
 * accepts them:
 * - a `documentId` is Strapi 5's 24-character id, not the UUID the generator
 *   declares;
 * - an attribute that is not required comes back as `null` when empty;
 * - list and detail answers carry `meta` (pagination) beside `data`;
 * - a member (users-permissions' user) carries the app's public fields
 *   (displayName, bio, avatar) and none of its private ones (email, provider).
 */

type Schema = Record<string, any>;

const DOCUMENT_ID: Schema = { type: 'string', minLength: 1, description: "The document's id (Strapi 5: 24 lowercase letters and digits)" };
const META: Schema = { type: 'object', description: 'Pagination of a list (page, pageSize, pageCount, total); empty for one document', additionalProperties: true };
const USER_UID = 'plugin::users-permissions.user';

function orNull(schema: Schema): Schema {
  if (schema.$ref) return { anyOf: [schema, { type: 'null' }] };
  if (Array.isArray(schema.anyOf)) return schema.anyOf.some((s: Schema) => s.type === 'null') ? schema : { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  if (typeof schema.type === 'string') {
    const out: Schema = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  return schema;
}

/** A users-permissions user as the generator writes it (in components or inline in an answer). */
const isUserShape = (schema: Schema) => !!schema.properties?.username && !!schema.properties?.provider && 'email' in schema.properties;

/** The JSON schema of one of the app's attributes, as the content API answers it. */
function attributeSchema(attribute: { type?: string; multiple?: boolean }): Schema {
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'email':
    case 'uid':
    case 'enumeration':
    case 'date':
    case 'datetime':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
    case 'biginteger':
    case 'float':
    case 'decimal':
      return { type: 'number' };
    case 'media':
      return attribute.multiple ? { type: 'array', items: { type: 'object', additionalProperties: true } } : { type: 'object', additionalProperties: true };
    default:
      return {};
  }
}

function conformUser(schema: Schema, userAttributes: Record<string, any>) {
  const hidden = Object.entries(userAttributes)
    .filter(([, a]) => a.private === true)
    .map(([name]) => name);
  for (const name of hidden) delete schema.properties[name];
  schema.required = (schema.required ?? []).filter((name: string) => !hidden.includes(name));
  for (const [name, attribute] of Object.entries(userAttributes)) {
    if (attribute.private === true || name in schema.properties || attribute.type === 'relation' || attribute.type === 'password') continue;
    schema.properties[name] = attributeSchema(attribute);
  }
}

function conform(schema: unknown, userAttributes: Record<string, any>): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) {
    for (const item of schema) conform(item, userAttributes);
    return;
  }
  const s = schema as Schema;
  if (s.properties && typeof s.properties === 'object') {
    if (isUserShape(s)) conformUser(s, userAttributes);
    if (s.properties.documentId?.format === 'uuid' || s.properties.documentId?.pattern) s.properties.documentId = { ...DOCUMENT_ID };
    const required = new Set<string>(s.required ?? []);
    for (const [name, property] of Object.entries(s.properties as Record<string, Schema>)) {
      conform(property, userAttributes);
      if (!required.has(name) && property && typeof property === 'object') s.properties[name] = orNull(property);
    }
  }
  for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']) if (s[key] && typeof s[key] === 'object') conform(s[key], userAttributes);
}

/** Rewrites the generated component schemas and answer schemas in place (before the app's own operations are laid over them). */
export function conformGeneratedAnswers(strapi: Core.Strapi, document: Schema): void {
  const userAttributes = (strapi.contentType(USER_UID as Parameters<Core.Strapi['contentType']>[0])?.attributes ?? {}) as Record<string, any>;
  for (const schema of Object.values((document.components?.schemas ?? {}) as Record<string, Schema>)) conform(schema, userAttributes);
  for (const item of Object.values((document.paths ?? {}) as Record<string, Record<string, any>>)) {
    for (const operation of Object.values(item)) {
      for (const response of Object.values((operation?.responses ?? {}) as Record<string, any>)) {
        for (const media of Object.values((response?.content ?? {}) as Record<string, any>)) {
          const schema = media?.schema as Schema | undefined;
          if (!schema) continue;
          conform(schema, userAttributes);
          // `{ data }` answers: Strapi sends `meta` beside it.
          if (schema.type === 'object' && schema.properties?.data && !schema.properties.meta) schema.properties.meta = { ...META };
        }
      }
    }
  }
}
