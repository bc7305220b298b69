import { Client, PrivateKey } from '@hiveio/dhive';
import type { Core } from '@strapi/strapi';

/** One of the plugin's services: the only way tests reach hive-smt. */
export const hiveService = (strapi: Core.Strapi, name: 'mirror' | 'jobs' | 'chain' | 'rewards' | 'engagement' | 'accounts' | 'dashboard' | 'curation') =>
  strapi.plugin('hive-smt').service(name) as any;

/** The embedded devnet the app started (its URL, demo accounts, fault controls), through the chain service. */
export function devnetOf(strapi: Core.Strapi): any {
  const devnet = hiveService(strapi, 'chain').devnet();
  if (!devnet) throw new Error('the app is not running on its embedded devnet');
  return devnet;
}

/** A dhive client of our own against the embedded devnet, as any Hive frontend would use. */
export function devnetClient(strapi: Core.Strapi): Client {
  const devnet = devnetOf(strapi);
  return new Client(devnet.url, { chainId: devnet.chainId, addressPrefix: devnet.addressPrefix, timeout: 5000 });
}

/** DEVNET ONLY: a genesis account's key. */
export function devnetKey(strapi: Core.Strapi, account: string, role: 'posting' | 'active' = 'posting'): PrivateKey {
  const entry = devnetOf(strapi).accounts.find((a: any) => a.name === account);
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

export const mirrorOf = (strapi: Core.Strapi, documentId: string) => hiveService(strapi, 'mirror').record(documentId);

export const confirmedMirror = (strapi: Core.Strapi, documentId: string, timeoutMs = 45000) =>
  waitFor(async () => {
    const m = await mirrorOf(strapi, documentId);
    return m?.state === 'confirmed' ? m : null;
  }, `post ${documentId} confirmed on chain`, timeoutMs);

export type HivemindAnswer = { state: 'present'; post: any } | { state: 'missing' } | { state: 'deleted' };

/**
 * A post as a Hive frontend reads it (condenser_api.get_content, served by
 * hivemind on public nodes and by the devnet's hivemind by default), read by
 * hand over JSON-RPC: hivemind's "does not exist" (code -32602 with the
 * assertion expression) and "was deleted N time(s)" (code -31999) answers
 * are told apart by their shape, as a client nobody here wrote would.
 */
export async function hivemindContent(strapi: Core.Strapi, author: string, permlink: string): Promise<HivemindAnswer> {
  return hivemindContentAt(devnetOf(strapi).url, author, permlink);
}

/** The same, from a node at `url` (a devnet process). */
export async function hivemindContentAt(url: string, author: string, permlink: string): Promise<HivemindAnswer> {
  const answer: any = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'condenser_api.get_content', params: [author, permlink] }),
  }).then((r) => r.json());
  if (answer.result) return answer.result.author ? { state: 'present', post: answer.result } : { state: 'missing' };
  const { code, data } = answer.error ?? {};
  if (code === -32602 && data?.extension?.assertion_expression === `Post ${author}/${permlink} does not exist`) return { state: 'missing' };
  if (code === -31999 && typeof data === 'string' && data.startsWith(`Post ${author}/${permlink} was deleted`)) return { state: 'deleted' };
  throw new Error(`unexpected get_content answer: ${JSON.stringify(answer)}`);
}

/** Waits for hivemind (which indexes blocks a moment after they are made) to show the post, optionally in a given shape. */
export const waitForContent = (strapi: Core.Strapi, author: string, permlink: string, accept: (post: any) => boolean = () => true, timeoutMs = 20000) =>
  waitFor(async () => {
    const answer = await hivemindContent(strapi, author, permlink);
    return answer.state === 'present' && accept(answer.post) ? answer.post : null;
  }, `@${author}/${permlink} on hivemind`, timeoutMs);

/** Waits until hivemind no longer shows the post (deleted, or never there). */
export const waitForNoContent = (strapi: Core.Strapi, author: string, permlink: string, timeoutMs = 20000) =>
  waitFor(async () => {
    const answer = await hivemindContent(strapi, author, permlink);
    return answer.state === 'present' ? null : answer;
  }, `@${author}/${permlink} gone from hivemind`, timeoutMs);
