/**
 * What one attempt of a chain job came to, as the worker turns it into the
 * job's next state (jobs/worker.ts) and handlers reflect it in their own
 * records. Pure types: every domain folder may use them.
 */
export type Outcome =
  | { kind: 'confirmed'; txId: string; blockNum: number | null }
  | { kind: 'skipped'; note: string }
  /**
   * Not now, and no attempt is counted: a rate rule, resource credits, a proof still to come.
   * Looked at again before notBefore (in case the chain moved faster) unless exact: the chain said when.
   */
  | {
      kind: 'deferred';
      notBefore: number;
      reason: string;
      clearSigned?: boolean;
      exact?: boolean;
      /** Only waiting behind another job of the same Hive account: not news for the subject's own record. */
      behindLane?: boolean;
    }
  /** Accepted by a node, not yet in a block: look again soon, keeping the signed transaction. */
  | { kind: 'pending'; txId: string }
  /** Try again later; the stored signed transaction is kept unless clearSigned. */
  | { kind: 'retry'; error: string; clearSigned: boolean; immediate?: boolean }
  /** Dead until an admin acts; keepSigned when the stored bytes may still be (or be) on chain. */
  | { kind: 'failed'; error: string; keepSigned?: boolean }
  | { kind: 'lost-lease' };

/** A retry the worker scheduled (dead: the last attempt was used up), as handlers see it. */
export interface RetryScheduled {
  kind: 'error';
  error: string;
  dead: boolean;
  retryAt: number;
}

/** What a handler's record() is told after the worker applied an outcome. */
export type RecordedOutcome = Outcome | RetryScheduled;
