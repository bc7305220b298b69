/**
 * Finds the Hive-Engine sidechain (devnet/src/engine/sidechain.ts, owned by the
 * engine's author) at run time, so the devnet builds and runs with or without it.
 */
import type { EngineLike } from './chain';
import type { Db } from './store';

export type EngineFactory = (db: Db, options: { engineId: string }) => EngineLike;

export function loadEngine(db: Db, engineId: string, log: (line: string) => void): EngineLike | null {
  let mod: { EngineSidechain?: new (db: Db, options: { engineId: string }) => EngineLike };
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    mod = require('./engine/sidechain');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const firstLine = String(err.message).split('\n')[0];
    if (err.code === 'MODULE_NOT_FOUND' && /engine[\\/]sidechain/.test(firstLine)) {
      log('Hive-Engine sidechain module not found (devnet/src/engine/sidechain): /rpc/* routes answer "not available"');
      return null;
    }
    throw e;
  }
  if (typeof mod.EngineSidechain !== 'function') {
    log('devnet/src/engine/sidechain does not export EngineSidechain: /rpc/* routes answer "not available"');
    return null;
  }
  return new mod.EngineSidechain(db, { engineId });
}
