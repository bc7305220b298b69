/**
 * What the host app adds to a mirrored post, beyond the fields every post
 * has: its own json_metadata fields (under the app's namespace, beside the
 * post's documentId) and a short markdown block at the top of the body for
 * readers on Hive frontends. The plugin does not know what they mean; the app
 * registers one provider through the mirror service (setPostExtras).
 */
export interface PostExtras {
  /** Merged into json_metadata's app namespace; documentId is the plugin's and is never replaced. */
  metadata?: Record<string, unknown>;
  /** Markdown shown above the post's text; the app makes it inert (no links or HTML a member typed). */
  bodyBlock?: string;
}

/** The post as the plugin loaded it (all its fields): what the app reads its extras from. */
export type PostExtrasProvider = (post: Record<string, unknown>) => PostExtras | null | undefined;

/** One provider per runtime, empty until the app registers one. */
export interface PostExtrasSlot {
  provider: PostExtrasProvider | null;
}

/** The extras of one post, or none (no provider, or a provider that failed: the post still goes out as before). */
export function extrasOf(slot: PostExtrasSlot | undefined, post: Record<string, unknown>): PostExtras | undefined {
  try {
    return slot?.provider?.(post) ?? undefined;
  } catch {
    return undefined;
  }
}
