import type { IncomingMessage, ServerResponse, OutgoingHttpHeaders } from 'http';
import { detailCacheKey, DETAIL_PATH } from '../middlewares/fast-read';

/**
 * Cached anonymous post details answered by the HTTP server itself, before Koa.
 *
 * A detail the cache holds is a string to send (src/middlewares/fast-read.ts
 * serves it from inside the middleware stack). Even so, each hit paid for
 * Koa's context, Strapi's request context, and the logger, errors, security,
 * CORS and powered-by middlewares around it — more than the answer itself: on
 * two cores such hits ran at 0.4× a bare Koa + SQLite server's rate, so at the
 * same connections their p99 was three times its p99.
 *
 * Here a hit is sent with the headers the full stack gave the last hit it
 * answered (security headers, `Vary`, `X-Powered-By`, …), learned from that
 * answer rather than written down twice, and logged as Strapi's logger would.
 * Only requests the stack would answer from the cache with those same headers
 * take this path: GET, no `Authorization` (a token is checked by the route),
 * no `Origin` (CORS answers depend on it), and only once a hit has been seen
 * going through the stack. Everything else goes to Koa unchanged.
 */

/** Headers that belong to one answer, not to the route: never replayed. */
const PER_ANSWER = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

export interface DetailSource {
  /** The cached JSON of an anonymous detail under this key, or undefined. */
  peek(key: string): string | undefined;
  /** Strapi's `http` log line for a request answered here. */
  log(line: string): void;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The detail's cache key when this request may be answered before Koa, else null. */
export function earlyDetailKey(method: string | undefined, url: string | undefined, headers: IncomingMessage['headers']): string | null {
  if (method !== 'GET' || !url || headers.authorization !== undefined || headers.origin !== undefined) return null;
  const q = url.indexOf('?');
  const match = DETAIL_PATH.exec(q < 0 ? url : url.slice(0, q));
  return match ? detailCacheKey(match[1], q < 0 ? '' : url.slice(q + 1)) : null;
}

/** The headers of a hit the stack answered, without those of that one answer. */
export function routeHeaders(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !PER_ANSWER.has(name)) out[name] = value;
  return out;
}

/** A request listener that answers cache hits itself and hands everything else to `next` (Strapi's own listener). */
export function answerDetailsEarly(next: Listener, source: DetailSource): Listener {
  let learned: OutgoingHttpHeaders | null = null;
  return (req, res) => {
    const key = earlyDetailKey(req.method, req.url, req.headers);
    if (key === null) return next(req, res);
    const json = learned ? source.peek(key) : undefined;
    if (json === undefined || learned === null) {
      // The stack answers; a cache hit it sends teaches the headers to replay.
      res.once('finish', () => {
        if (res.statusCode === 200 && res.getHeader('x-quanzi-cache') === 'hit') learned = routeHeaders(res.getHeaders());
      });
      return next(req, res);
    }
    const started = Date.now();
    const body = Buffer.from(json);
    res.writeHead(200, { ...learned, 'content-length': body.length });
    res.end(body);
    source.log(`GET ${req.url} (${Math.ceil(Date.now() - started)} ms) 200`);
  };
}

/** In bootstrap: Strapi's HTTP server gets the early answers in front of its Koa listener. */
export function installEarlyDetails(server: { listeners(event: 'request'): unknown[]; removeAllListeners(event: 'request'): unknown; on(event: 'request', listener: Listener): unknown }, source: DetailSource): void {
  const own = server.listeners('request');
  if (own.length !== 1) return; // Not the server Strapi made: leave it alone.
  server.removeAllListeners('request');
  server.on('request', answerDetailsEarly(own[0] as Listener, source));
}
