/**
 * Sidechain transaction ids of the token actions in a Hive transaction, the
 * way hive-engine's Streamer names them: the Hive trx id, then `-<op index>`
 * when the transaction has more than one operation, then `-<array index>` when
 * the custom_json's json is an array of more than one action.
 */

export interface EngineActionRef {
  /** Index of the custom_json operation in the Hive transaction. */
  op: number;
  /** Index of the action in that operation's json array. */
  action: number;
  engineTxId: string;
}

/** Number of sidechain actions in a custom_json body's json (an action or an array of them). */
export function actionCount(json: unknown): number {
  try {
    const parsed = JSON.parse(String(json));
    return Array.isArray(parsed) ? parsed.length : 1;
  } catch {
    return 0;
  }
}

/** The sidechain id of every action of `operations` (as signed), in order. */
export function engineTxIds(txId: string, operations: ReadonlyArray<{ 0: string; 1: { json?: unknown } }>): EngineActionRef[] {
  const refs: EngineActionRef[] = [];
  const many = operations.length > 1;
  operations.forEach(({ 0: name, 1: body }, op) => {
    if (name !== 'custom_json') return;
    const count = actionCount(body.json);
    for (let action = 0; action < count; action += 1) {
      let id = txId;
      if (many) id += `-${op}`;
      if (count > 1) id += `-${action}`;
      refs.push({ op, action, engineTxId: id });
    }
  });
  return refs;
}
