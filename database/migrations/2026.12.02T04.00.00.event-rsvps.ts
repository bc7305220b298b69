import type { Knex } from 'knex';
import { createEventTables } from '../../src/events/store';

/**
 * The tables of event replies and check-ins (src/events/store.ts). They hold
 * no Strapi relation, so they are made here on a fresh database as on an old
 * one; idempotent, like every migration of this app.
 */
export async function up(knex: Knex.Transaction): Promise<void> {
  await createEventTables(knex);
}

/** Replies are members' data: never dropped by a rollback of the code. */
export async function down(): Promise<void> {}
