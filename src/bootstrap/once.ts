import type { Core } from '@strapi/strapi';

/**
 * Runs a setup step once per version: settings an admin may change later (a
 * role's permissions, a field's label) are laid down at first boot and after an
 * upgrade of the step, never forced back on every restart.
 */
export async function runOnce(strapi: Core.Strapi, key: string, version: number, step: () => Promise<void>) {
  const store = strapi.store({ type: 'core', name: 'quanzi', key: 'setup-steps' });
  const done = ((await store.get({})) as Record<string, number> | null) ?? {};
  if ((done[key] ?? 0) >= version) return;
  await step();
  await store.set({ value: { ...done, [key]: version } });
}
