/**
 * Loads the devnet's Hive-Engine sidechain (devnet/src/engine/sidechain.ts). It
 * is part of the devnet: a build without it is broken, so a missing module or a
 * module without EngineSidechain stops the devnet with the reason, instead of a
 * devnet that quietly answers "not available" on its Hive-Engine routes.
 */
import type { EngineLike } from './chain';
import type { Db } from './store';

export type EngineFactory = (db: Db, options: { engineId: string }) => EngineLike;

export function loadEngine(db: Db, engineId: string): EngineLike {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the devnet starts, so a broken module is reported with the reason
  const mod = require('./engine/sidechain') as { EngineSidechain?: new (db: Db, options: { engineId: string }) => EngineLike };
  if (typeof mod.EngineSidechain !== 'function') {
    throw new Error('devnet/src/engine/sidechain does not export EngineSidechain: the devnet build is incomplete');
  }
  return new mod.EngineSidechain(db, { engineId });
}
