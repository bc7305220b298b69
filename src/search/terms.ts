/** Queries are at most this long (characters) and hold at most this many terms. */
export const MAX_QUERY_LENGTH = 100;
export const MAX_TERMS = 6;
/** The trigram index finds terms of three characters or more; shorter ones (most Chinese words are two) are scanned for. */
export const TRIGRAM = 3;

/** The words of a query: split at spaces and punctuation (Chinese has no spaces: a run of characters is one term), each once. */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  for (const raw of query.normalize('NFKC').toLowerCase().split(/[\s\p{P}\p{S}]+/u)) {
    if (raw && !terms.includes(raw)) terms.push(raw);
    if (terms.length >= MAX_TERMS) break;
  }
  return terms;
}

/** One FTS5 string literal per term (double quotes doubled), all of them required. */
export function fts5Match(terms: string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' AND ');
}

/** A LIKE pattern that finds the term anywhere, with LIKE's own wildcards escaped (ESCAPE '\\'). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const charLength = (term: string) => Array.from(term).length;
