/**
 * The local devnet is a package of its own (@quanzi/hive-devnet), an optional
 * peer of the plugin: a deployment against configured Hive nodes neither
 * installs nor loads it, and one that needs it and lacks it is told which
 * package to install instead of seeing a bare "Cannot find module".
 */
import type { DevnetHandle } from '@quanzi/hive-devnet';

export const DEVNET_PACKAGE = '@quanzi/hive-devnet';

export type StartDevnet = (options: Record<string, unknown>) => Promise<DevnetHandle>;

type Load = (id: string) => unknown;

/** Whether `error` says that `id` itself is not installed (not that something inside it failed to load). */
export function isMissingPackage(error: unknown, id: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${id}'`);
}

/** The devnet's start function; `load` is the module loader (Node's require unless a test says otherwise). */
export function loadDevnet(load: Load = defaultLoad): StartDevnet {
  let devnet: { startDevnet?: StartDevnet };
  try {
    devnet = load(DEVNET_PACKAGE) as { startDevnet?: StartDevnet };
  } catch (error) {
    if (!isMissingPackage(error, DEVNET_PACKAGE)) throw error;
    throw new Error(
      `hive-smt: HIVE_NODES is not set, so the plugin would start the local Hive devnet, but the package ${DEVNET_PACKAGE} is not installed. ` +
        `Install it beside the plugin (npm install ${DEVNET_PACKAGE}) for development, or set HIVE_NODES to your Hive API nodes.`,
      { cause: error },
    );
  }
  if (typeof devnet.startDevnet !== 'function')
    throw new Error(`hive-smt: ${DEVNET_PACKAGE} does not export startDevnet: its build is incomplete (npm run build in that package).`);
  return devnet.startDevnet;
}

function defaultLoad(id: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand: a deployment against configured nodes never loads it
  return require(id);
}
