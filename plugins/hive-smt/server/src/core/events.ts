/**
 * The names of the strapi.eventHub events hive-smt and the app share: the
 * plugin emits one, listens for the other, and the app does the opposite. One
 * spelling, imported on both sides (the app through `hive-smt/core`).
 */

/** Emitted by the like writer with `{ postDocumentIds }` when likes of these posts changed (inside the writing transaction). */
export const LIKES_CHANGED_EVENT = 'hive-smt::likes.changed';

/**
 * Emitted by the app's cluster bus with `{ tags }` (null: everything) when another instance wrote; the
 * rewards post cache forgets what a board's change makes stale.
 */
export const CLUSTER_INVALIDATED_EVENT = 'quanzi::cluster.invalidated';
