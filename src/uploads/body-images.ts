import MarkdownIt from 'markdown-it';

const parser = new MarkdownIt({ html: false, linkify: true });

/** Every image source in a markdown body, as markdown-it reads it (the renderer's own parser settings). */
export function imageSources(markdown: string): string[] {
  const sources: string[] = [];
  const walk = (tokens: any[]) => {
    for (const token of tokens) {
      if (token.type === 'image') sources.push(String(token.attrGet('src') ?? ''));
      if (token.children) walk(token.children);
    }
  };
  walk(parser.parse(markdown ?? '', {}));
  return sources;
}

/**
 * The image sources that are not one of the member's own uploads. Uploads are
 * stored under relative URLs (`/uploads/…`) while a post body needs absolute
 * ones: a source counts as own when its path is an own upload's URL and, once
 * the server knows its public address (PUBLIC_URL), its origin is that one.
 * Uploads a storage provider serves from elsewhere match by their full URL.
 */
export function foreignImages(sources: string[], ownUrls: Set<string>, publicUrl: string | undefined): string[] {
  let origin: string | null = null;
  try {
    origin = publicUrl ? new URL(publicUrl).origin : null;
  } catch {
    origin = null;
  }
  return sources.filter((source) => {
    if (ownUrls.has(source)) return false;
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      return true;
    }
    if (origin && url.origin !== origin) return true;
    return !ownUrls.has(url.pathname);
  });
}
