import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngineApi, retryAfterMs } from './engine-api';

/** A Hive-Engine-like node on loopback that answers 429 to the first `limited` requests. */
async function node(limited: number) {
  const seen: Array<{ at: number; body: any }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push({ at: Date.now(), body: JSON.parse(raw) });
      setTimeout(() => {
        inFlight -= 1;
        if (seen.length <= limited) {
          res.writeHead(429, { 'retry-after': '0' });
          res.end('Too Many Requests');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { ok: seen.length } }));
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, maxInFlight: () => maxInFlight, close: () => new Promise((r) => server.close(r)) };
}

describe('Hive-Engine API calls', () => {
  it('sends one call per request and backs off on HTTP 429 until answered', async () => {
    const n = await node(2);
    try {
      const call = createEngineApi({ base: n.base, timeoutMs: 2000, backoffMs: 1 });
      await expect(call('blockchain', 'getStatus', {})).resolves.toEqual({ ok: 3 });
      expect(n.seen.map((s) => Array.isArray(s.body))).toEqual([false, false, false]);
    } finally {
      await n.close();
    }
  });

  it('gives up with a rate-limit error after its tries', async () => {
    const n = await node(100);
    try {
      const call = createEngineApi({ base: n.base, timeoutMs: 2000, backoffMs: 1, maxRateLimitedTries: 3 });
      await expect(call('blockchain', 'getStatus', {})).rejects.toMatchObject({ status: 429 });
      expect(n.seen).toHaveLength(3);
    } finally {
      await n.close();
    }
  });

  it('keeps at most maxConcurrent calls in flight', async () => {
    const n = await node(0);
    try {
      const call = createEngineApi({ base: n.base, timeoutMs: 2000, maxConcurrent: 2 });
      await Promise.all(Array.from({ length: 10 }, (_, i) => call('blockchain', 'getTransactionInfo', { txid: String(i) })));
      expect(n.seen).toHaveLength(10);
      expect(n.maxInFlight()).toBeLessThanOrEqual(2);
    } finally {
      await n.close();
    }
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString(), Date.now())).toBeGreaterThan(3000);
    expect(retryAfterMs(null)).toBeNull();
  });
});
