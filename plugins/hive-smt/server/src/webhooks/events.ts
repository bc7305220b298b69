/**
 * What the plugin tells the outside world, as Strapi webhooks: each event is
 * registered with Strapi's webhook store (so a webhook may subscribe to it)
 * and emitted on strapi.eventHub once the change it reports is committed.
 * Strapi's webhook runner then POSTs `{ event, createdAt, ...payload }` to
 * every enabled webhook subscribed to it, with an `X-Strapi-Event` header.
 * The payloads are listed in the README ("Webhooks").
 */
import type { Core } from '@strapi/strapi';

/** Event names, by the key Strapi's webhook store files them under. */
export const WEBHOOK_EVENTS = {
  HIVE_SMT_POST_MIRRORED: 'hive-smt.post.mirrored',
  HIVE_SMT_POST_FAILED: 'hive-smt.post.failed',
  HIVE_SMT_POST_REMOVED: 'hive-smt.post.removed',
  HIVE_SMT_PAYOUT_SENT: 'hive-smt.payout.sent',
  HIVE_SMT_PAYOUT_FAILED: 'hive-smt.payout.failed',
  HIVE_SMT_REPORT_CREATED: 'hive-smt.report.created',
  HIVE_SMT_MEMBER_MUTED: 'hive-smt.member.muted',
  HIVE_SMT_PAYMENT_CREATED: 'hive-smt.payment.created',
  HIVE_SMT_PAYMENT_REFUNDED: 'hive-smt.payment.refunded',
  HIVE_SMT_REDEMPTION_RETURNED: 'hive-smt.redemption.returned',
  HIVE_SMT_REDEMPTION_SETTLED: 'hive-smt.redemption.settled',
} as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];

const KNOWN = new Set<string>(Object.values(WEBHOOK_EVENTS));
export const isWebhookEvent = (name: string): name is WebhookEvent => KNOWN.has(name);

interface WebhookStore {
  addAllowedEvent(key: string, value: string): void;
}

/** Lets webhooks subscribe to the plugin's events (Strapi refuses a webhook naming an event it does not know). */
export function registerWebhookEvents(strapi: Core.Strapi): void {
  const store = strapi.get('webhookStore') as WebhookStore | undefined;
  if (!store) return;
  for (const [key, value] of Object.entries(WEBHOOK_EVENTS)) store.addAllowedEvent(key, value);
}

/**
 * Emits an event after the surrounding transaction commits (at once outside
 * one): a change rolled back is never announced.
 */
export function emitWebhookEvent(strapi: Core.Strapi, event: WebhookEvent, payload: Record<string, unknown>): void {
  const emit = () => {
    void Promise.resolve(strapi.eventHub.emit(event, payload)).catch((error: unknown) =>
      strapi.log.warn(`[hive-smt] webhook event ${event} not sent: ${String(error)}`),
    );
  };
  if (strapi.db.inTransaction()) void strapi.db.transaction(async ({ onCommit }) => onCommit(emit));
  else emit();
}
