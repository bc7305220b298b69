/**
 * The one markdown renderer: the hive-smt plugin's (markdown-it without raw
 * HTML, then an allowlist sanitizer), compiled into the app from its source so
 * the post detail and the Hive mirror render a body the same way.
 */
export { renderMarkdownToSafeHtml } from '../../plugins/hive-smt/server/src/content/render-markdown';
