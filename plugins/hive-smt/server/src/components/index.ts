/**
 * The components hive-smt ships: a board's "Token rewards" settings. Strapi
 * 5.54 loads components only from the app's src/components, and a plugin's
 * server export has no `components` key; but every component lives in one
 * registry (`strapi.get('components')`) that the database models, the
 * Content Manager and the REST layer read after every plugin's register. So
 * the plugin adds its own there, in register, under its own category — an app
 * points a field at `hive-smt.token-economics` without copying the schema.
 */
import type { Core } from '@strapi/strapi';
import tokenEconomics from './token-economics.json';

/** The category of the plugin's components: the part of their uid before the dot. */
export const COMPONENT_CATEGORY = 'hive-smt';

/** A board's reward settings (the board type's economics field points here). */
export const ECONOMICS_COMPONENT_UID = `${COMPONENT_CATEGORY}.token-economics`;

interface ComponentSchema {
  collectionName: string;
  info: Record<string, unknown>;
  options?: Record<string, unknown>;
  attributes: Record<string, unknown>;
}

const COMPONENTS: Record<string, ComponentSchema> = { 'token-economics': tokenEconomics as ComponentSchema };

/** A schema as Strapi's component loader completes it (uid, category, model names, its pristine copy). */
export function componentDefinition(category: string, name: string, schema: ComponentSchema) {
  const uid = `${category}.${name}`;
  const pascal = `${category}-${name}`.replace(/(^|[-_.])([a-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());
  return {
    ...structuredClone(schema),
    __schema__: structuredClone(schema),
    uid,
    category,
    modelType: 'component' as const,
    modelName: name,
    globalId: `Component${pascal}`,
  };
}

/** Adds the plugin's components to Strapi's registry (register phase: before the database models are made). */
export function registerComponents(strapi: Core.Strapi): void {
  const registry = strapi.get('components') as { add(components: Record<string, unknown>): void };
  registry.add(
    Object.fromEntries(
      Object.entries(COMPONENTS).map(([name, schema]) => [`${COMPONENT_CATEGORY}.${name}`, componentDefinition(COMPONENT_CATEGORY, name, schema)]),
    ),
  );
}
