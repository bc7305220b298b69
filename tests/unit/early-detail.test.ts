import { earlyDetailKey, routeHeaders } from '../../src/http/early-detail';
import { detailCacheKey } from '../../src/middlewares/fast-read';

describe('which requests the HTTP server answers from the detail cache itself', () => {
  it('an anonymous, same-origin GET of one post, keyed as the stack keys it', () => {
    expect(earlyDetailKey('GET', '/api/posts/abc123?b=2&a=1', {})).toBe(detailCacheKey('abc123', 'a=1&b=2'));
    expect(earlyDetailKey('GET', '/api/posts/abc123', {})).toBe(detailCacheKey('abc123', ''));
  });

  it('leaves tokens, cross-origin reads, other methods and other paths to the stack', () => {
    expect(earlyDetailKey('GET', '/api/posts/abc123', { authorization: 'Bearer x' })).toBeNull();
    expect(earlyDetailKey('GET', '/api/posts/abc123', { origin: 'https://school.example' })).toBeNull();
    expect(earlyDetailKey('HEAD', '/api/posts/abc123', {})).toBeNull();
    expect(earlyDetailKey('PUT', '/api/posts/abc123', {})).toBeNull();
    expect(earlyDetailKey('GET', '/api/posts/abc123/comments', {})).toBeNull();
    expect(earlyDetailKey('GET', '/api/posts', {})).toBeNull();
    expect(earlyDetailKey('GET', '/api/posts/ABC', {})).toBeNull();
  });

  it('replays the route’s headers, never one answer’s length, date or connection', () => {
    expect(routeHeaders({ 'content-type': 'application/json; charset=utf-8', 'content-length': 12, date: 'x', connection: 'keep-alive', 'keep-alive': 'timeout=5', 'x-powered-by': 'Strapi', vary: 'Origin' })).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'x-powered-by': 'Strapi',
      vary: 'Origin',
    });
  });
});
