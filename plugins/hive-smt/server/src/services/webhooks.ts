import { PluginError } from '../core/errors';
import type { PluginRuntime } from '../runtime/types';
import { WEBHOOK_EVENTS, emitWebhookEvent, isWebhookEvent, type WebhookEvent } from '../webhooks/events';

/** The plugin's webhook events (webhooks/events.ts), and a way for the app to announce the ones it owns (a report filed). */
export const webhooksService = (runtime: () => PluginRuntime) => ({
  events: (): WebhookEvent[] => Object.values(WEBHOOK_EVENTS),
  emit(event: string, payload: Record<string, unknown>): void {
    if (!isWebhookEvent(event)) throw new PluginError(400, `"${event}" is not a hive-smt webhook event (known: ${Object.values(WEBHOOK_EVENTS).join(', ')}).`);
    emitWebhookEvent(runtime().strapi, event, payload);
  },
});
