import type { Knex } from 'knex';

/**
 * A board's "Token rewards" component moved from the app (src/components/hive,
 * uid hive.token-economics) into the hive-smt plugin (hive-smt.token-economics).
 * Its rows stay where they are (the component keeps its collectionName); what
 * names the component is the component_type column of the join table between
 * a board and its components. Strapi runs migrations before its schema sync,
 * and after a changed sync it deletes join rows whose type no component has —
 * so the rename must happen here, first, or every board would lose its
 * economics. Idempotent: a second run finds no row of the old type; on a fresh
 * database the join table does not exist yet and there is nothing to rename.
 */
export const OLD_ECONOMICS_UID = 'hive.token-economics';
export const ECONOMICS_UID = 'hive-smt.token-economics';

interface ComponentJoin {
  name: string;
  pivotColumns?: string[];
  joinColumn?: { name: string };
  inverseJoinColumn?: { name: string };
  on?: Record<string, unknown>;
}

/** The join tables (and their type column) of every field whose component is the economics one, from Strapi's metadata. */
function economicsJoins(metadata: { values(): Iterable<{ attributes?: Record<string, any> }> }): Array<{ table: string; typeColumn: string }> {
  const joins: Array<{ table: string; typeColumn: string }> = [];
  for (const model of metadata.values()) {
    for (const attribute of Object.values(model.attributes ?? {})) {
      if (attribute?.type !== 'relation' || attribute.target !== ECONOMICS_UID || !attribute.joinTable) continue;
      const join = attribute.joinTable as ComponentJoin;
      // The pivot columns are the owner's id, the component's id, the field and the type: the type is the one left.
      const named = new Set([join.joinColumn?.name, join.inverseJoinColumn?.name, 'field']);
      const typeColumn = (join.pivotColumns ?? []).find((column) => !named.has(column));
      if (typeColumn && !joins.some((j) => j.table === join.name)) joins.push({ table: join.name, typeColumn });
    }
  }
  return joins;
}

export async function up(knex: Knex.Transaction, db: { metadata: any; logger?: { info(message: string): void } }): Promise<void> {
  for (const { table, typeColumn } of economicsJoins(db.metadata)) {
    if (!(await knex.schema.hasTable(table))) continue;
    const renamed = await knex(table).where(typeColumn, OLD_ECONOMICS_UID).update({ [typeColumn]: ECONOMICS_UID });
    if (renamed > 0) db.logger?.info(`[hive-smt] ${renamed} boards' token rewards now use the plugin's component ${ECONOMICS_UID}`);
  }
}

/** The old uid has no component any more: going back would orphan the rows. */
export async function down(): Promise<void> {}
