/**
 * Markdown to HTML that frontends can insert as is (web innerHTML, the mini
 * program's rich-text): markdown-it with raw HTML disabled, then an allowlist
 * sanitizer as the second, independent wall.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

/** Attribute members' links carry: the opened page gets no window.opener, no SEO credit, marked as user content. */
export const USER_LINK_REL = 'noopener nofollow ugc';

// Absolute URLs only: a relative link means nothing once the post is mirrored to Hive and
// shown by other frontends, and refusing it also refuses every scheme disguise.
const LINK_URL = /^(https?:\/\/|mailto:)/i;
const IMAGE_URL = /^https?:\/\//i;

/** A transform dropping `attribute` unless it is an absolute URL matching `allowed` (values arrive entity-decoded). */
function keepAbsoluteUrl(attribute: string, allowed: RegExp, extra: Record<string, string> = {}): sanitizeHtml.Transformer {
  return (tagName, attribs) => {
    const next = { ...attribs, ...extra };
    const url = attribs[attribute]?.trim();
    if (url !== undefined && allowed.test(url)) next[attribute] = url;
    else delete next[attribute];
    return { tagName, attribs: next };
  };
}

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    's',
    'del',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    code: ['class'],
  },
  // markdown-it writes table column alignment as inline style; nothing else is kept.
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedClasses: { code: [/^language-[a-z0-9_+-]+$/i] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  // "//host/x" takes the page's scheme, which in a mini program or file:// view is not http(s).
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // An image whose source was refused (data:, javascript:, //host) would render as a broken box.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: { a: keepAbsoluteUrl('href', LINK_URL, { rel: USER_LINK_REL }), img: keepAbsoluteUrl('src', IMAGE_URL) },
};

/** Safe HTML for a member's markdown: no scripts, styles, frames or event handlers; links http(s)/mailto only, images http(s) only. */
export function renderMarkdownToSafeHtml(md: string): string {
  return sanitizeHtml(markdown.render(md ?? ''), SANITIZE_OPTIONS);
}
