import type { Client } from '@hiveio/dhive';

/** hived's account_history_api returns at most this many entries a call. */
const HISTORY_PAGE = 1000;

/**
 * An account's whole history, paged backwards as hived allows: entries
 * (start - limit, start], with limit ≤ 1000 and start ≥ limit - 1.
 */
export async function fullHistory(hive: Client, account: string): Promise<any[]> {
  const entries: any[] = [];
  let start = -1;
  for (;;) {
    const limit = start === -1 ? HISTORY_PAGE : Math.min(HISTORY_PAGE, start + 1);
    const page: any[] = await hive.call('condenser_api', 'get_account_history', [account, start, limit]);
    entries.unshift(...page);
    const first = page[0]?.[0];
    if (!page.length || first === 0 || first === undefined) return entries;
    start = first - 1;
  }
}

export interface ChainComment {
  author: string;
  permlink: string;
  parentAuthor: string;
  parentPermlink: string;
  /** The first block that created it. */
  block: number;
}

/**
 * Every distinct author/permlink Quanzi created on chain, by the documentId
 * in its metadata, from these accounts' histories (a reply shows in its
 * author's and its parent author's: each author/permlink is counted once).
 * Edits of the same author/permlink are the same comment.
 */
export async function commentsByDocumentId(hive: Client, accounts: string[]): Promise<Map<string, ChainComment[]>> {
  const byDocument = new Map<string, ChainComment[]>();
  const seen = new Set<string>();
  for (const account of accounts) {
    for (const [, entry] of await fullHistory(hive, account)) {
      if (entry.op[0] !== 'comment') continue;
      const op = entry.op[1];
      let documentId: string | undefined;
      try {
        documentId = JSON.parse(op.json_metadata || '{}')?.quanzi?.documentId;
      } catch {
        documentId = undefined;
      }
      const key = `${op.author}/${op.permlink}`;
      if (!documentId || seen.has(key)) continue;
      seen.add(key);
      const list = byDocument.get(documentId) ?? [];
      list.push({ author: op.author, permlink: op.permlink, parentAuthor: op.parent_author, parentPermlink: op.parent_permlink, block: entry.block });
      byDocument.set(documentId, list);
    }
  }
  return byDocument;
}
