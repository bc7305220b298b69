/**
 * The little of Strapi's model metadata the read rule needs, typed once so the
 * rule's pure functions can be tested with the project's schema files alone.
 */
export interface Attribute {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  private?: boolean;
  visible?: boolean;
  multiple?: boolean;
}

export interface Model {
  uid: string;
  modelType?: string;
  attributes: Record<string, Attribute>;
}

export type GetModel = (uid: string) => Model | undefined;

export const MEDIA_UID = 'plugin::upload.file';

const TO_MANY = new Set(['oneToMany', 'manyToMany']);
const POLYMORPHIC = new Set(['morphToOne', 'morphToMany', 'morphOne', 'morphMany']);

export const isRelation = (a: Attribute | undefined) => a?.type === 'relation';
export const isToMany = (a: Attribute) => isRelation(a) && TO_MANY.has(String(a.relation));
export const isPolymorphic = (a: Attribute) => (isRelation(a) && POLYMORPHIC.has(String(a.relation))) || a.type === 'dynamiczone';
export const isPopulatable = (a: Attribute) => isRelation(a) || a.type === 'component' || a.type === 'media' || a.type === 'dynamiczone';

/** The model a populatable or filterable attribute leads to (a relation's target, a component, media files). */
export function targetOf(attribute: Attribute, getModel: GetModel): Model | undefined {
  if (attribute.type === 'relation' && attribute.target) return getModel(attribute.target);
  if (attribute.type === 'component' && attribute.component) return getModel(attribute.component);
  if (attribute.type === 'media') return getModel(MEDIA_UID);
  return undefined;
}

/** Attributes readers never reach: private ones and Strapi's bookkeeping (createdBy, localizations, …). */
export const isHidden = (a: Attribute) => a.private === true || a.visible === false;
