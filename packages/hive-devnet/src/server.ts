/**
 * The devnet's HTTP front: hived-style JSON-RPC 2.0 on POST / (single and batch,
 * `api.method` and legacy `call` forms), the Hive-Engine routes POST
 * /rpc/blockchain and /rpc/contracts (behind a per-client rate limit, as public
 * Hive-Engine nodes are), and fault injection.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import Koa from 'koa';
import type { ApiContext, CallInfo } from './api/index';
import { BROADCAST_METHODS, CONTROL_METHODS, findHandler, resolveCall } from './api/index';
import type { EngineLike } from './chain';
import { ENGINE_HTTP_ERROR_BODY } from './engine/protocol';
import type { RateLimiter } from './engine/rate-limit';
import { JSON_RPC, RpcProtocolError, toRpcError } from './errors';
import type { FaultController } from './faults';

export interface ServerOptions {
  api: ApiContext;
  faults: FaultController;
  engine: EngineLike | null;
  engineRateLimit: RateLimiter;
  log: (line: string) => void;
  maxBodyBytes?: number;
}

/** What nginx's limit_req answers (the proxy in front of public Hive-Engine nodes): HTTP 429, an HTML page. */
const NGINX_429 =
  '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

interface RpcRequest {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function methodNameOf(r: unknown): string | null {
  if (!r || typeof r !== 'object') return null;
  const { method, params } = r as RpcRequest;
  try {
    return resolveCall(method, params).name;
  } catch {
    return null;
  }
}

export class DevnetServer {
  readonly app: Koa;
  readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private stopping = false;

  constructor(private readonly opts: ServerOptions) {
    this.app = new Koa();
    this.app.silent = true;
    this.app.use((ctx) => this.handle(ctx));
    this.server = http.createServer(this.app.callback());
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  }

  async close(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.timers.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const s of this.sockets) s.destroy();
    });
  }

  /** A sleep that stop() cuts short. */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
      };
      this.timers.add(entry);
    });
  }

  private destroy(ctx: Koa.Context): void {
    ctx.respond = false;
    ctx.req.socket.destroy();
  }

  private async handle(ctx: Koa.Context): Promise<void> {
    const { faults, log } = this.opts;
    if (ctx.method === 'GET' && (ctx.path === '/health' || ctx.path === '/')) {
      const head = this.opts.api.chain.headBlock();
      ctx.body = { ok: true, chain_id: this.opts.api.chain.chainIdHex, head_block_number: head.num };
      return;
    }
    if (ctx.method !== 'POST') {
      ctx.status = 405;
      ctx.body = { error: 'use POST' };
      return;
    }
    let text: string;
    try {
      text = await readBody(ctx.req, this.opts.maxBodyBytes ?? 10 * 1024 * 1024);
    } catch (e) {
      ctx.status = (e as { status?: number }).status ?? 400;
      ctx.body = { error: (e as Error).message };
      return;
    }
    let body: unknown;
    let parseError: unknown = null;
    try {
      body = JSON.parse(text);
    } catch (e) {
      parseError = e;
    }

    const route = ctx.path.replace(/\/+$/, '');
    const isEngine = route === '/rpc/blockchain' || route === '/rpc/contracts';
    const calls = Array.isArray(body) ? body : [body];
    const isControl = !isEngine && !parseError && calls.length > 0 && calls.every((c) => CONTROL_METHODS.has(methodNameOf(c) ?? ''));

    if (!isControl) {
      if (faults.takeRefuse()) {
        log('fault: connection refused (socket destroyed)');
        return this.destroy(ctx);
      }
      const delay = faults.takeDelay();
      if (delay > 0) await this.sleep(delay);
      if (this.stopping) return this.destroy(ctx);
      if (!isEngine && !parseError && calls.some((c) => BROADCAST_METHODS.has(methodNameOf(c) ?? '')) && faults.takeLostBroadcast()) {
        log('fault: broadcast lost before the node read it (socket destroyed)');
        return this.destroy(ctx);
      }
      if (faults.take5xx()) {
        ctx.status = 503;
        ctx.type = 'text/plain';
        ctx.body = 'Service Temporarily Unavailable';
        return;
      }
    }

    if (isEngine) {
      const engine = this.opts.engine;
      if (!this.opts.engineRateLimit.take(ctx.req.socket.remoteAddress ?? '')) {
        ctx.status = 429;
        ctx.type = 'text/html';
        ctx.body = NGINX_429;
        return;
      }
      ctx.type = 'application/json';
      if (parseError) {
        // body-parser fails before jayson sees the request; JsonRPCServer.js's error handler answers 500
        ctx.status = 500;
        ctx.body = { ...ENGINE_HTTP_ERROR_BODY };
        return;
      }
      if (!engine) {
        ctx.body = {
          jsonrpc: '2.0',
          id: (body as RpcRequest)?.id ?? null,
          error: { code: JSON_RPC.INTERNAL_ERROR, message: 'Hive-Engine sidechain not available on this devnet' },
        };
        return;
      }
      try {
        ctx.body = route === '/rpc/blockchain' ? engine.handleBlockchainRpc(body) : engine.handleContractsRpc(body);
      } catch (e) {
        ctx.body = {
          jsonrpc: '2.0',
          id: (body as RpcRequest)?.id ?? null,
          error: { code: JSON_RPC.INTERNAL_ERROR, message: e instanceof Error ? e.message : String(e) },
        };
      }
      return;
    }

    ctx.type = 'application/json';
    if (parseError) {
      ctx.body = { jsonrpc: '2.0', error: { code: JSON_RPC.PARSE_ERROR, message: `Parse Error:${(parseError as Error).message}` } };
      return;
    }
    const infos: CallInfo[] = [];
    let reply: unknown;
    if (Array.isArray(body)) {
      if (body.length === 0) {
        reply = { jsonrpc: '2.0', error: { code: JSON_RPC.INVALID_REQUEST, message: 'Empty batch' } };
      } else {
        const out: unknown[] = [];
        for (const r of body) {
          const info: CallInfo = { acceptedBroadcast: false };
          infos.push(info);
          out.push(await this.call(r, info));
        }
        reply = out;
      }
    } else {
      const info: CallInfo = { acceptedBroadcast: false };
      infos.push(info);
      reply = await this.call(body, info);
    }
    if (this.stopping) return this.destroy(ctx);
    if (infos.some((i) => i.acceptedBroadcast) && faults.takeDropReply()) {
      log('fault: broadcast accepted, reply dropped');
      const hang = faults.dropReplyHangMs;
      if (hang > 0) await this.sleep(hang);
      return this.destroy(ctx);
    }
    ctx.body = reply;
  }

  private async call(r: unknown, info: CallInfo): Promise<unknown> {
    const req = (r && typeof r === 'object' ? r : {}) as RpcRequest;
    const response: Record<string, unknown> = { jsonrpc: '2.0' };
    const idOk = req.id === undefined || typeof req.id === 'number' || typeof req.id === 'string';
    try {
      if (!r || typeof r !== 'object' || Array.isArray(r)) throw new RpcProtocolError(JSON_RPC.INVALID_REQUEST, 'Invalid request');
      if (!idOk) throw new RpcProtocolError(JSON_RPC.INVALID_REQUEST, 'Only integer value or string is allowed for member "id"');
      if (req.jsonrpc !== '2.0') throw new RpcProtocolError(JSON_RPC.INVALID_REQUEST, 'jsonrpc value is not "2.0"');
      const { name, args } = resolveCall(req.method, req.params);
      const handler = findHandler(name);
      response.result = await handler(this.opts.api, args, info);
    } catch (e) {
      response.error = toRpcError(e);
      if (!(e instanceof Error) || (e.name !== 'HivedError' && e.name !== 'RpcProtocolError' && e.name !== 'HivemindError')) {
        this.opts.log(`internal error: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
    if (idOk && req.id !== undefined) response.id = req.id;
    return response;
  }
}
