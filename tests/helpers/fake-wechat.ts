import http from 'http';
import type { AddressInfo } from 'net';

/**
 * A stand-in for api.weixin.qq.com's server APIs, enough for Quanzi's content
 * checks and subscribe messages: stable_token (hands out tok-1, tok-2, …),
 * msg_sec_check 2.0 (text holding RISKY is risky, REVIEW review, else pass),
 * media_check_async (a trace id per call), subscribe/send. `down` makes it
 * refuse every call with a 503; `expireNext` answers the next call with
 * errcode 42001 (access_token expired), as WeChat does.
 */
export interface FakeWechat {
  base: string;
  calls: Array<{ path: string; body: any; token: string | null }>;
  tokensIssued: number;
  down: boolean;
  expireNext: boolean;
  close(): Promise<void>;
  reset(): void;
}

export async function startFakeWechat(): Promise<FakeWechat> {
  const state: Omit<FakeWechat, 'base' | 'close' | 'reset'> = { calls: [], tokensIssued: 0, down: false, expireNext: false };
  let current = '';
  let trace = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = raw ? JSON.parse(raw) : null;
      const token = url.searchParams.get('access_token');
      state.calls.push({ path: url.pathname, body, token });
      const send = (status: number, answer: unknown) => {
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
      };
      if (state.down) return send(503, '<html>503 Service Temporarily Unavailable</html>');
      if (url.pathname === '/cgi-bin/stable_token') {
        if (body?.grant_type !== 'client_credential' || !body.appid || !body.secret) return send(200, { errcode: 40013, errmsg: 'invalid appid' });
        if (!current || body.force_refresh) {
          state.tokensIssued += 1;
          current = `tok-${state.tokensIssued}`;
        }
        return send(200, { access_token: current, expires_in: 7200 });
      }
      if (token !== current) return send(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (state.expireNext) {
        state.expireNext = false;
        current = '';
        return send(200, { errcode: 42001, errmsg: 'access_token expired' });
      }
      if (url.pathname === '/wxa/msg_sec_check') {
        if (body?.version !== 2 || !body.openid || !body.scene || typeof body.content !== 'string') return send(200, { errcode: 47001, errmsg: 'data format error' });
        const suggest = /RISKY/.test(body.content) ? 'risky' : /REVIEW/.test(body.content) ? 'review' : 'pass';
        return send(200, { errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 }, detail: [], trace_id: `text-${++trace}` });
      }
      if (url.pathname === '/wxa/media_check_async') {
        if (body?.version !== 2 || body.media_type !== 2 || !body.media_url || !body.openid) return send(200, { errcode: 47001, errmsg: 'data format error' });
        return send(200, { errcode: 0, errmsg: 'ok', trace_id: `media-${++trace}` });
      }
      if (url.pathname === '/cgi-bin/message/subscribe/send') return send(200, { errcode: 0, errmsg: 'ok' });
      return send(404, 'not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const fake = state as FakeWechat;
  fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.reset = () => {
    state.calls.length = 0;
    state.down = false;
    state.expireNext = false;
  };
  fake.close = async () => {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  };
  return fake;
}
