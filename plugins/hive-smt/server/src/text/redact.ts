/**
 * Node addresses may carry credentials (https://user:pass@node.example, an
 * API key in the query string). They are configuration: they must not reach a
 * page, an answer or a log line, even inside an error message that quotes the
 * URL it failed on.
 */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"<>]+@/gi;
const SECRET_QUERY = /([?&](?:api[-_]?key|key|token|access[-_]?token|auth|password|secret)=)[^&\s'"<>#]+/gi;

export function redactCredentials(text: string): string;
export function redactCredentials(text: string | null | undefined): string | null | undefined;
export function redactCredentials(text: string | null | undefined): string | null | undefined {
  if (typeof text !== 'string') return text;
  return text.replace(URL_CREDENTIALS, '$1***@').replace(SECRET_QUERY, '$1***');
}
