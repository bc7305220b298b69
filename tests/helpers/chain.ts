import { Client, PrivateKey } from '@hiveio/dhive';
import type { Core } from '@strapi/strapi';

/** The plugin's runtime: chain connection, queue, records, embedded devnet. */
export const hive = (strapi: Core.Strapi) => (strapi.plugin('hive-smt').service('chain') as any).runtime();

/** A dhive client of our own against the embedded devnet, as any Hive frontend would use. */
export function devnetClient(strapi: Core.Strapi): Client {
  const { devnet } = hive(strapi);
  return new Client(devnet.url, { chainId: devnet.chainId, addressPrefix: devnet.addressPrefix, timeout: 5000 });
}

/** DEVNET ONLY: a genesis account's key. */
export function devnetKey(strapi: Core.Strapi, account: string, role: 'posting' | 'active' = 'posting'): PrivateKey {
  const entry = hive(strapi).devnet.accounts.find((a: any) => a.name === account);
  return PrivateKey.fromString(entry.keys[role].wif);
}

/** Polls until check returns a truthy value, or fails with the last value seen. */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

export const mirrorOf = (strapi: Core.Strapi, documentId: string) => hive(strapi).records.get(documentId);

export const confirmedMirror = (strapi: Core.Strapi, documentId: string) =>
  waitFor(async () => {
    const m = await mirrorOf(strapi, documentId);
    return m?.state === 'confirmed' ? m : null;
  }, `post ${documentId} confirmed on chain`);
