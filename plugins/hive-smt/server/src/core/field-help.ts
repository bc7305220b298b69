/**
 * Plain-language labels and help for fields in the Content Manager, written
 * into its view configuration (the layout an admin may rearrange is kept).
 * The people setting up boards are teachers and club organisers, not engineers.
 */
import type { Core } from '@strapi/strapi';

export type FieldHelp = Record<string, { label: string; description: string; placeholder?: string }>;

interface FieldMetadata {
  edit?: { label?: string; description?: string; placeholder?: string; [key: string]: unknown };
  list?: { label?: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface ViewConfiguration {
  settings: unknown;
  layouts: unknown;
  metadatas: Record<string, FieldMetadata>;
}

/** The Content Manager's configuration service for content types or components. */
interface ConfigurationService {
  findConfiguration(schema: unknown): Promise<ViewConfiguration>;
  updateConfiguration(schema: unknown, configuration: ViewConfiguration): Promise<unknown>;
}

function withHelp(metadatas: Record<string, FieldMetadata>, help: FieldHelp): Record<string, FieldMetadata> {
  const out = { ...metadatas };
  for (const [field, text] of Object.entries(help)) {
    const current = out[field];
    if (!current) continue;
    out[field] = {
      ...current,
      edit: { ...current.edit, label: text.label, description: text.description, placeholder: text.placeholder ?? current.edit?.placeholder ?? '' },
      list: { ...current.list, label: text.label },
    };
  }
  return out;
}

/** Writes the help of a content type's fields (uid api::…/plugin::…) or a component's (uid category.name). */
export async function writeFieldHelp(strapi: Core.Strapi, target: { contentType: string } | { component: string }, help: FieldHelp): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  if (!contentManager) return;
  const isComponent = 'component' in target;
  const service = contentManager.service(isComponent ? 'components' : 'content-types') as unknown as ConfigurationService;
  const schema = isComponent
    ? strapi.components[target.component as keyof typeof strapi.components]
    : strapi.contentType(target.contentType as Parameters<typeof strapi.contentType>[0]);
  if (!schema) return;
  const configuration = await service.findConfiguration(schema);
  await service.updateConfiguration(schema, {
    settings: configuration.settings,
    layouts: configuration.layouts,
    metadatas: withHelp(configuration.metadatas, help),
  });
}
