import { ChainRpcError } from './json-rpc';
import { isNotEnoughRc, postAbsence, rcShortfall, rcWaitSeconds } from './answers';

/** hivemind's answer for a post that never existed (hive/db/sql_scripts/postgrest/utilities/exceptions.sql). */
const hivemindMissing = (author: string, permlink: string) =>
  new ChainRpcError(
    -32602,
    `Assert Exception:Post ${author}/${permlink} does not exist`,
    {
      code: 10,
      name: 'assert_exception',
      message: 'Assert Exception',
      stack: [
        {
          context: { level: 'error', file: '', line: 0, method: '', hostname: '', thread_name: '', timestamp: '2026-12-01T00:00:00' },
          format: '',
          data: { category: 'hivemind' },
        },
      ],
      extension: { assertion_expression: `Post ${author}/${permlink} does not exist` },
      assert_hash: '4d5e6f7a8b9c0d1e2f3a',
    },
    'condenser_api.get_content',
  );

describe('postAbsence', () => {
  it("reads hivemind's missing-post answer by its code and assertion expression", () => {
    expect(postAbsence(hivemindMissing('alice', 'hello'), 'alice', 'hello')).toBe('missing');
  });

  it("reads hivemind's deleted-post answer by its code and data string", () => {
    const deleted = new ChainRpcError(-31999, 'Invalid parameters', 'Post alice/hello was deleted 2 time(s)', 'condenser_api.get_content');
    expect(postAbsence(deleted, 'alice', 'hello')).toBe('deleted');
  });

  it('does not take another post, another code or a node fault for an absent post', () => {
    expect(postAbsence(hivemindMissing('alice', 'other'), 'alice', 'hello')).toBeNull();
    expect(postAbsence(new ChainRpcError(-32603, 'Internal Error', null, 'condenser_api.get_content'), 'alice', 'hello')).toBeNull();
    expect(postAbsence(new ChainRpcError(-31999, 'Invalid parameters', 'Post alice/hellox was deleted 1 time(s)', 'x'), 'alice', 'hello')).toBeNull();
    expect(postAbsence(new Error('Post alice/hello does not exist'), 'alice', 'hello')).toBeNull();
  });
});

describe('not enough RC', () => {
  // dhive's RPCError keeps the fc exception as jse_info; hived 1.28 rc_utility.cpp fills the data.
  const refusal = Object.assign(new Error(' category=whatever'), {
    name: 'RPCError',
    jse_info: {
      code: 4100100,
      name: 'not_enough_rc_exception',
      message: 'payer has not enough RC mana for transaction',
      stack: [
        {
          format: 'Account: ${account_name} has ${rc_current} RC, needs ${rc} RC. Please wait to transact or power up HIVE.',
          data: { account_name: 'maple-school', rc_current: '1000', rc: '5000' },
        },
      ],
    },
  });

  it('is recognised by exception name or code, not by text', () => {
    expect(isNotEnoughRc(refusal)).toBe(true);
    expect(isNotEnoughRc(Object.assign(new Error('x'), { jse_info: { code: 4100100 } }))).toBe(true);
    expect(isNotEnoughRc(Object.assign(new Error('Please wait to transact or power up HIVE.'), { jse_info: { code: 10, name: 'assert_exception' } }))).toBe(
      false,
    );
  });

  it('reads the account and amounts from the data', () => {
    expect(rcShortfall(refusal)).toEqual({ account: 'maple-school', has: 1000n, needs: 5000n });
  });

  it('turns a shortfall into the linear regeneration time', () => {
    // 4000 of 432000 missing, full in 432000 s: 4000 s.
    expect(rcWaitSeconds(1000n, 5000n, 432000n, 432000)).toBe(4000);
    expect(rcWaitSeconds(6000n, 5000n, 432000n, 432000)).toBe(0);
    expect(rcWaitSeconds(0n, 10n, 5n, 432000)).toBeNull();
  });
});
