/**
 * The one markdown renderer: the hive-smt plugin's (markdown-it without raw
 * HTML, then an allowlist sanitizer), from its package entry, so the post
 * detail and the Hive mirror render a body the same way.
 */
export { renderMarkdownToSafeHtml } from 'hive-smt/markdown';
