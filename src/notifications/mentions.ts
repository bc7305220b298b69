/** At most this many members are notified from one text: a list of fifty @names is spam, not a conversation. */
export const MAX_MENTIONS = 10;

/**
 * The usernames a text mentions as `@username`: a name preceded by the start
 * of the text or by something other than a word character (so an email
 * address `a@b.com` mentions nobody), lower-cased, each once, in order.
 */
export function mentionedUsernames(text: string): string[] {
  const found: string[] = [];
  const pattern = /(^|[^A-Za-z0-9_@.])@([A-Za-z0-9_][A-Za-z0-9_.-]{2,31})/g;
  for (const match of text.matchAll(pattern)) {
    const name = match[2].replace(/[.-]+$/, '').toLowerCase();
    if (name.length >= 3 && !found.includes(name)) found.push(name);
    if (found.length >= MAX_MENTIONS) break;
  }
  return found;
}
