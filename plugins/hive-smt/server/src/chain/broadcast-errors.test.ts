import { HIVED_ERRORS } from './protocol';
import { classifyBroadcastError } from './broadcast-errors';

function rpcError(message: string): Error {
  // dhive's shape: VError named RPCError, formatted message, hived's data in jse_info
  const error = new Error(message) as Error & { jse_info: unknown };
  error.name = 'RPCError';
  error.jse_info = { code: 10, name: 'assert_exception', stack: [{ format: message, data: {} }] };
  return error;
}

function networkError(code: string, message = `request failed, reason: ${code}`): Error {
  return Object.assign(new Error(message), { code, name: 'FetchError' });
}

describe('classifyBroadcastError', () => {
  it.each([
    ['a timeout', new Error('network timeout at: https://api.hive.blog')],
    ['a socket hang up', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a reset connection', networkError('ECONNRESET')],
    ['ETIMEDOUT', networkError('ETIMEDOUT')],
    ['HTTP 502', new Error('HTTP 502: Bad Gateway')],
    ['HTTP 503', new Error('HTTP 503: Service Temporarily Unavailable')],
    ['an aborted request', Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' })],
    ['something unknown', new Error('weird')],
    ['a non-error value', 'boom'],
  ])('%s is ambiguous', (_, err) => expect(classifyBroadcastError(err)).toBe('ambiguous'));

  it.each([
    ['ECONNREFUSED', networkError('ECONNREFUSED')],
    ['DNS failure', networkError('ENOTFOUND')],
    ['HTTP 429', new Error('HTTP 429: Too Many Requests')],
    ['a database lock', rpcError('Unable to acquire database lock')],
  ])('%s is retryable before send', (_, err) => expect(classifyBroadcastError(err)).toBe('retryable-before-send'));

  it('recognises a duplicate', () => {
    expect(classifyBroadcastError(rpcError(`${HIVED_ERRORS.duplicateTransaction}: duplicate trx`))).toBe('duplicate');
  });

  it.each([HIVED_ERRORS.rootPostInterval, HIVED_ERRORS.replyInterval, HIVED_ERRORS.oneEditPerBlock, HIVED_ERRORS.customOpBlockLimit])(
    '%s is rate-limited',
    (text) => {
      expect(classifyBroadcastError(rpcError(`Assert Exception:( now - auth.last_root_post ) > x: ${text}`))).toBe('rate-limited');
    },
  );

  it('not enough RC is rate-limited by the exception, whatever its text (hived 1.28 rc_utility.cpp)', () => {
    const refusal = Object.assign(
      new Error('payer has not enough RC mana for transaction:Account: alice has 10 RC, needs 20 RC. Please wait to transact or power up HIVE.'),
      {
        name: 'RPCError',
        jse_info: {
          code: 4100100,
          name: 'not_enough_rc_exception',
          message: 'payer has not enough RC mana for transaction',
          stack: [
            {
              format: 'Account: ${account_name} has ${rc_current} RC, needs ${rc} RC. Please wait to transact or power up HIVE.',
              data: { account_name: 'alice', rc_current: 10, rc: 20 },
            },
          ],
        },
      },
    );
    expect(classifyBroadcastError(refusal)).toBe('rate-limited');
    // The same words from another exception are not a resource-credit refusal.
    expect(classifyBroadcastError(rpcError('Please wait to transact or power up HIVE.'))).toBe('permanent');
  });

  it.each([HIVED_ERRORS.expired, HIVED_ERRORS.tapos])('%s means expired bytes', (text) => {
    expect(classifyBroadcastError(rpcError(text))).toBe('expired');
  });

  it.each([
    'missing required posting authority:Missing Posting Authority alice',
    'irrelevant signature included:Unnecessary signature(s) detected',
    HIVED_ERRORS.parentCannotChange,
    HIVED_ERRORS.beneficiariesTotal,
    HIVED_ERRORS.deleteWithReplies,
    HIVED_ERRORS.titleSize,
    'some assertion nobody has seen yet',
  ])('%s is permanent', (text) => expect(classifyBroadcastError(rpcError(text))).toBe('permanent'));

  it('reads the cause of a wrapped error', () => {
    const wrapped = new Error('broadcast failed', { cause: networkError('ECONNREFUSED') });
    expect(classifyBroadcastError(wrapped)).toBe('retryable-before-send');
  });

  it('trusts the chain’s answer over transport wording', () => {
    expect(classifyBroadcastError(new Error(`HTTP 500: ${HIVED_ERRORS.duplicateTransaction}`))).toBe('duplicate');
  });

  it('does not read post content quoted in the error data', () => {
    const err = rpcError('missing required posting authority');
    (err as unknown as { jse_info: { stack: unknown[]; trx: unknown } }).jse_info.trx = { body: HIVED_ERRORS.duplicateTransaction };
    expect(classifyBroadcastError(err)).toBe('permanent');
  });
});
