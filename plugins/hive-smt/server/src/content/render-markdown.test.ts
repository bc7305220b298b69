import { USER_LINK_REL, renderMarkdownToSafeHtml } from './render-markdown';

const ALLOWED_TAGS = new Set([
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
]);

/** The markup of `html` (tags and their attributes), without text: the part a browser would execute. */
function markupOf(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}

/** Attribute values as a browser reads them: entities decoded, the whitespace and controls browsers skip in URLs removed. */
function decoded(value: string): string {
  return (
    value
      .replace(/&#x([0-9a-f]+);?/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
      .replace(
        /&(colon|tab|newline|quot|apos|lt|gt|amp);/gi,
        (_, name: string) => ({ colon: ':', tab: '\t', newline: '\n', quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' })[name.toLowerCase()] as string,
      )
      // eslint-disable-next-line no-control-regex -- the control characters a browser drops from a URL are what this strips
      .replace(/[\u0000-\u0020]/g, '')
  );
}

/** A tag's attributes as sanitize-html writes them: name="value", quotes inside values escaped. */
function attributesOf(tag: string): [string, string][] {
  return [...tag.matchAll(/\s([^\s"'=<>/]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name.toLowerCase(), value ?? '']);
}

function expectInert(md: string): void {
  const html = renderMarkdownToSafeHtml(md);
  expect(html).not.toMatch(/<\s*\/?\s*(script|style|iframe|object|embed|svg|math|form|meta|base|link|body|details|input|button|textarea)\b/i);
  for (const tag of markupOf(html)) {
    const name = /^<\/?\s*([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase();
    expect(ALLOWED_TAGS.has(name ?? '')).toBe(true);
    // What remains of the tag once the (quoted, escaped) attribute values are set aside is pure structure.
    const structure = tag.replace(/="[^"]*"/g, '=""');
    expect(structure).not.toMatch(/<script/i);
    expect(structure).not.toMatch(/\son\w+=/i);
    for (const [attr, value] of attributesOf(tag)) {
      expect(attr).not.toMatch(/^on/);
      const plain = decoded(value).toLowerCase();
      expect(plain).not.toContain('javascript:');
      expect(plain).not.toContain('vbscript:');
      expect(plain).not.toContain('data:');
      if (attr === 'href') expect(decoded(value)).toMatch(/^(https?:\/\/|mailto:)/i);
      if (attr === 'src') expect(decoded(value)).toMatch(/^https?:\/\//i);
      if (attr === 'style') expect(value).toMatch(/^text-align:(left|right|center);?$/);
    }
  }
}

const XSS_PAYLOADS: [string, string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['body onload', '<body onload=alert(1)>'],
  ['details ontoggle', '<details open ontoggle=alert(1)>'],
  ['iframe', '<iframe src="javascript:alert(1)"></iframe>'],
  ['style import', "<style>@import 'javascript:alert(1)';</style>"],
  ['object data', '<object data="javascript:alert(1)"></object>'],
  ['raw anchor', '<a href="javascript:alert(1)">x</a>'],
  ['entity-encoded raw anchor', '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>'],
  ['nested script', '<<script>script>alert(1)<</script>/script>'],
  ['split script', '<scr<script>ipt>alert(1)</script>'],
  ['mXSS math/style', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['svg xlink', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ['form action', '<form action="javascript:alert(1)"><button>x</button></form>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['markdown javascript link', '[x](javascript:alert(1))'],
  ['mixed-case scheme', '[x](JaVaScRiPt:alert(1))'],
  ['entity colon', '[x](javascript&#58;alert(1))'],
  ['entity first letter', '[x](&#106;avascript:alert(1))'],
  ['named entity colon', '[x](javascript&colon;alert(1))'],
  ['tab in scheme', '[x](<java\tscript:alert(1)>)'],
  ['comment trick', '[x](javascript://%0aalert(1))'],
  ['vbscript link', '[x](vbscript:msgbox(1))'],
  ['data html link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['data svg image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['data png image', '![x](data:image/png;base64,iVBORw0KGgo=)'],
  ['javascript image', '![x](javascript:alert(1))'],
  ['reference-style link', '[x][1]\n\n[1]: javascript:alert(1)'],
  ['attribute breakout in link', '[x](https://example.com" onmouseover="alert(1))'],
  ['attribute breakout in title', '[x](https://example.com "a\\" onmouseover=\\"alert(1)")'],
  ['attribute breakout in image', '![x" onerror="alert(1)](https://img.example/a.png)'],
  ['autolink injection', '<http://example.com" onmouseover="alert(1)>'],
  ['javascript autolink', '<javascript:alert(1)>'],
  ['html in code span', '`<script>alert(1)</script>`'],
  ['html in table cell', '| a |\n|---|\n| <img src=x onerror=alert(1)> |'],
];

describe('renderMarkdownToSafeHtml', () => {
  it.each(XSS_PAYLOADS)('neutralises %s', (_, payload) => expectInert(payload));

  it('neutralises every payload embedded in ordinary content', () => {
    expectInert(XSS_PAYLOADS.map(([, p]) => `Intro **text** and [ok](https://ok.example).\n\n${p}\n\n- item`).join('\n\n'));
  });

  it('keeps ordinary markdown', () => {
    const html = renderMarkdownToSafeHtml('# Title\n\nSome *em* and **strong** and `code`.\n\n> quote\n\n1. one\n2. two\n\n---\n\n~~gone~~');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<strong>strong</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<hr />');
    expect(html).toContain('<s>gone</s>');
  });

  it('marks every link as user content that must not reach the opener', () => {
    const html = renderMarkdownToSafeHtml('[a](https://a.example) and https://b.example and [m](mailto:x@y.example)');
    const anchors = html.match(/<a [^>]*>/g) ?? [];
    expect(anchors).toHaveLength(3);
    for (const a of anchors) expect(a).toContain(`rel="${USER_LINK_REL}"`);
  });

  it('overrides a rel the author tried to set', () => {
    // raw HTML is off, so the only way in is markdown, which cannot set rel; the transform still owns it
    expect(renderMarkdownToSafeHtml('[a](https://a.example)')).toBe(`<p><a href="https://a.example" rel="${USER_LINK_REL}">a</a></p>\n`);
  });

  it('keeps http(s) images and drops others entirely', () => {
    expect(renderMarkdownToSafeHtml('![cat](https://img.example/cat.png "Cat")')).toContain('<img src="https://img.example/cat.png" alt="cat" title="Cat" />');
    expect(renderMarkdownToSafeHtml('![x](//evil.example/x.png)')).not.toContain('<img');
    expect(renderMarkdownToSafeHtml('![x](data:image/png;base64,iVBORw0KGgo=)')).not.toContain('<img');
    expect(renderMarkdownToSafeHtml('![x](ftp://files.example/x.png)')).not.toContain('<img');
  });

  it('keeps only absolute http, https and mailto links', () => {
    expect(renderMarkdownToSafeHtml('[x](ftp://files.example/a)')).not.toContain('href=');
    expect(renderMarkdownToSafeHtml('[x](//evil.example/a)')).not.toContain('href=');
    expect(renderMarkdownToSafeHtml('[x](/relative/page)')).not.toContain('href=');
    expect(renderMarkdownToSafeHtml('[x](https://ok.example/a)')).toContain('href="https://ok.example/a"');
  });

  it('keeps text that merely mentions dangerous things as text', () => {
    const html = renderMarkdownToSafeHtml('Never click javascript: links or <script> tags');
    expect(html).toBe('<p>Never click javascript: links or &lt;script&gt; tags</p>\n');
  });

  it('keeps tables with their alignment, code block languages and list starts, nothing more', () => {
    const table = renderMarkdownToSafeHtml('| a | b |\n|:-|-:|\n| 1 | 2 |');
    expect(table).toContain('<th style="text-align:left">a</th>');
    expect(table).toContain('<td style="text-align:right">2</td>');
    expect(renderMarkdownToSafeHtml('```js\nx\n```')).toContain('<code class="language-js">');
    expect(renderMarkdownToSafeHtml('3. three')).toContain('<ol start="3">');
  });

  it('renders nothing for empty input', () => {
    expect(renderMarkdownToSafeHtml('')).toBe('');
  });
});
