import fc from 'fast-check';
import {
  PAYMENT_CODE_ALPHABET,
  PAYMENT_CODE_LENGTH,
  amountUnits,
  codeRefusal,
  dailyTotals,
  formatUnits,
  isPaymentCodeShape,
  keychainTransfer,
  makePaymentCode,
  normalizePaymentCode,
  paymentQr,
  transferMismatch,
  utcDayRange,
} from '../../src/payments/rules';

describe('payment codes', () => {
  it('are 6 characters of an alphabet without look-alikes', () => {
    for (const c of '0O1IL2Z5S8B') expect(PAYMENT_CODE_ALPHABET).not.toContain(c);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: PAYMENT_CODE_LENGTH, maxLength: PAYMENT_CODE_LENGTH }), (draws) => {
        let i = 0;
        const code = makePaymentCode((n) => draws[i++] % n);
        return isPaymentCodeShape(code) && code.length === 6;
      }),
    );
    expect(paymentQr('ACD347')).toBe('quanzi:pay?code=ACD347');
  });

  it('are read as typed: any case, spaces and dashes dropped', () => {
    expect(normalizePaymentCode(' acd-347 ')).toBe('ACD347');
    expect(isPaymentCodeShape('ACD34O')).toBe(false);
    expect(isPaymentCodeShape('ACD34')).toBe(false);
  });

  it('refuse unknown, used and expired codes with a status and a message', () => {
    expect(codeRefusal(null, 0)).toMatchObject({ status: 404 });
    expect(codeRefusal({ status: 'sending', expiresAt: 10 }, 0)).toMatchObject({ status: 409, message: expect.stringMatching(/used already/) });
    expect(codeRefusal({ status: 'requested', expiresAt: 10 }, 10)).toMatchObject({ status: 410, message: expect.stringMatching(/expired/) });
    expect(codeRefusal({ status: 'requested', expiresAt: 11 }, 10)).toBeNull();
  });
});

describe('amounts', () => {
  it('are positive decimals within the token precision, in base units', () => {
    expect(amountUnits('12.5', 3)).toEqual({ units: 12500n });
    expect(amountUnits('7', 0)).toEqual({ units: 7n });
    expect(amountUnits('0.001', 3)).toEqual({ units: 1n });
    for (const bad of ['0', '0.000', '-1', '1e3', '1.2.3', '', 'abc', ' . ']) expect(amountUnits(bad, 3)).toHaveProperty('error');
    expect(amountUnits('1.2345', 3)).toEqual({ error: 'This token has 3 decimals at most.' });
    expect(amountUnits('1.5', 0)).toEqual({ error: 'This token has no decimals: send a whole number.' });
  });

  it('round-trip through the way the token writes them', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }), (units, precision) => {
        const text = formatUnits(units, precision);
        const back = amountUnits(text, precision);
        return 'units' in back && back.units === units;
      }),
    );
  });
});

describe('the Keychain transfer and its check on the sidechain', () => {
  const expected = { from: 'alice', to: 'oak-bakery', symbol: 'OAK', quantity: '2.50', memo: 'Quanzi payment p1' };
  const ok = { sender: 'alice', contract: 'tokens', action: 'transfer', payload: { symbol: 'OAK', to: 'oak-bakery', quantity: '2.5', memo: 'Quanzi payment p1' }, errors: [] };

  it('is a tokens.transfer custom_json signed with the active key', () => {
    const sign = keychainTransfer('ssc-mainnet-hive', expected);
    expect(sign).toMatchObject({ method: 'requestCustomJson', account: 'alice', id: 'ssc-mainnet-hive', keyType: 'Active' });
    expect(JSON.parse(sign.json)).toEqual({ contractName: 'tokens', contractAction: 'transfer', contractPayload: { symbol: 'OAK', to: 'oak-bakery', quantity: '2.50', memo: 'Quanzi payment p1' } });
  });

  it('accepts the matching transfer and names what differs otherwise', () => {
    expect(transferMismatch(ok, expected)).toBeNull();
    expect(transferMismatch({ ...ok, errors: ['overdrawn balance'] }, expected)).toMatch(/refused.*overdrawn balance/);
    expect(transferMismatch({ ...ok, action: 'issue' }, expected)).toMatch(/not a token transfer/);
    expect(transferMismatch({ ...ok, sender: 'bob' }, expected)).toMatch(/sent by @bob/);
    expect(transferMismatch({ ...ok, payload: { ...ok.payload, to: 'elsewhere' } }, expected)).toMatch(/went to @elsewhere/);
    expect(transferMismatch({ ...ok, payload: { ...ok.payload, symbol: 'MAPLE' } }, expected)).toMatch(/in MAPLE/);
    expect(transferMismatch({ ...ok, payload: { ...ok.payload, quantity: '2.49' } }, expected)).toMatch(/of 2.49/);
    expect(transferMismatch({ ...ok, payload: { ...ok.payload, memo: 'Quanzi payment p2' } }, expected)).toMatch(/memo/);
  });
});

describe('the daily statement', () => {
  it('takes calendar days only', () => {
    expect(utcDayRange('2026-12-03')).toEqual({ start: Date.UTC(2026, 11, 3), end: Date.UTC(2026, 11, 4) });
    for (const bad of ['2026-02-30', '2026-13-01', '3.12.2026', '']) expect(utcDayRange(bad)).toBeNull();
  });

  it('counts payments paid that day and refunds made that day', () => {
    const day = utcDayRange('2026-12-03')!;
    const before = day.start - 1;
    const during = day.start + 1000;
    const totals = dailyTotals(
      [
        { amount: '100', status: 'paid', paidAt: during, refundedAt: null },
        { amount: '50', status: 'refunded', paidAt: during, refundedAt: during },
        { amount: '30', status: 'refunded', paidAt: before, refundedAt: during },
        { amount: '999', status: 'paid', paidAt: before, refundedAt: null },
        { amount: '7', status: 'paid', paidAt: day.end, refundedAt: null },
      ],
      day,
    );
    expect(totals).toEqual({ paidCount: 2, paid: 150n, refundedCount: 2, refunded: 80n, net: 70n });
  });
});
