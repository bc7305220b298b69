import type { Core } from '@strapi/strapi';
import { inverseOrderIndex, inverseOrders, matchersFor, quoteFor, rewriteMaxQuery, type Matcher, type Quote } from './inverse-order';

/**
 * Strapi's grouped max over a join table's inverse order column, answered
 * from an index (inverse-order.ts says why). The rewrite sits in knex's
 * client, the one place every query passes — transactions included: knex
 * builds a transaction's client from the dialect's prototype, so that is
 * what is wrapped. Only the exact SQL Strapi builds for the join tables of
 * this app's metadata is rewritten; everything else passes unchanged.
 */
const WRAPPED = Symbol.for('quanzi.relations.inverse-order-max');

interface Rewriting {
  matchers: Matcher[];
  quote: Quote;
}

/** The app's rewriting, read on every query (a test process may boot Strapi more than once; the last boot's metadata wins). */
let current: Rewriting | null = null;

function wrapClientPrototype(proto: any): void {
  if (proto[WRAPPED]) return;
  const query = proto.query;
  proto.query = function (this: unknown, connection: unknown, queryParam: any) {
    const rewriting = current;
    if (rewriting && queryParam && typeof queryParam === 'object' && typeof queryParam.sql === 'string') {
      const rewritten = rewriteMaxQuery(queryParam.sql, queryParam.bindings ?? [], rewriting.matchers, rewriting.quote);
      if (rewritten) return query.call(this, connection, { ...queryParam, ...rewritten });
    }
    return query.call(this, connection, queryParam);
  };
  proto[WRAPPED] = true;
}

function targets(strapi: Core.Strapi) {
  return inverseOrders(Array.from((strapi.db.metadata as any).values()) as Array<{ attributes: Record<string, any> }>);
}

/** In bootstrap (Strapi's metadata is complete): from then on, Strapi's max queries take the indexed form. */
export function installInverseOrderMax(strapi: Core.Strapi): void {
  const quote = quoteFor(strapi.db.dialect.client);
  current = { matchers: matchersFor(targets(strapi), quote), quote };
  wrapClientPrototype(Object.getPrototypeOf(strapi.db.connection.client));
}

/**
 * In bootstrap, after Strapi's schema sync made the join tables: the indexes
 * the rewritten query seeks (idempotent; on a big database the first boot
 * builds them once). Without them the rewrite is still correct, only slower.
 */
export async function ensureInverseOrderIndexes(strapi: Core.Strapi): Promise<void> {
  for (const target of targets(strapi)) {
    if (!(await strapi.db.connection.schema.hasTable(target.table))) continue;
    await strapi.db.connection.raw(inverseOrderIndex(target).sql);
  }
}
