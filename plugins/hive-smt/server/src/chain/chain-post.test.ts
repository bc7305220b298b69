import { chainPostFrom } from './hive-chain';

describe('chainPostFrom (condenser_api post objects, parsed once in the adapter)', () => {
  const raw = {
    author: 'maple-school',
    permlink: 'spring-fair',
    parent_author: '',
    parent_permlink: 'hive-155234',
    title: 'Spring fair',
    body: 'See you there',
    json_metadata: '{"app":"quanzi/0.1.0"}',
    children: 2,
    net_rshares: '123456789012345678',
    cashout_time: '2026-12-05T00:00:00',
    created: '2026-11-28T00:00:00',
  };

  it('reads chain times as UTC and rshares as an exact integer', () => {
    const post = chainPostFrom(raw);
    expect(post.cashoutTime?.toISOString()).toBe('2026-12-05T00:00:00.000Z');
    expect(post.created?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(post.netRshares).toBe(123456789012345678n);
    expect(post).toMatchObject({ author: 'maple-school', permlink: 'spring-fair', children: 2, parent_permlink: 'hive-155234' });
  });

  it('has no cashout time once paid out (hivemind writes 1969-12-31T23:59:59)', () => {
    expect(chainPostFrom({ ...raw, cashout_time: '1969-12-31T23:59:59' }).cashoutTime).toBeNull();
    expect(chainPostFrom({ ...raw, cashout_time: '1970-01-01T00:00:00' }).cashoutTime).toBeNull();
  });

  it('takes rshares as a number too (a fat node) and negative ones (downvotes)', () => {
    expect(chainPostFrom({ ...raw, net_rshares: 0 }).netRshares).toBe(0n);
    expect(chainPostFrom({ ...raw, net_rshares: -5000 }).netRshares).toBe(-5000n);
  });
});
