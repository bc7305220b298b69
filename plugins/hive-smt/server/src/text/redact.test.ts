import { redactCredentials } from './redact';

describe('redactCredentials', () => {
  it.each([
    ['request to https://alice:s3cr3t@node.example/rpc failed', 'request to https://***@node.example/rpc failed'],
    ['http://token@127.0.0.1:8091 timed out', 'http://***@127.0.0.1:8091 timed out'],
    ['nodes https://a:b@one.example, https://c:d@two.example', 'nodes https://***@one.example, https://***@two.example'],
    ['https://node.example/?api_key=abc123&x=1', 'https://node.example/?api_key=***&x=1'],
    ['wss://u:p@ws.example/stream?token=t0k', 'wss://***@ws.example/stream?token=***'],
  ])('%s', (input, output) => {
    expect(redactCredentials(input)).toBe(output);
  });

  it('leaves text without credentials, and e-mail-like words outside URLs, as they are', () => {
    expect(redactCredentials('https://api.hive.blog answered 503')).toBe('https://api.hive.blog answered 503');
    expect(redactCredentials('ask admin@example.org')).toBe('ask admin@example.org');
    expect(redactCredentials(null)).toBeNull();
  });
});
