/**
 * The board token shown as non-transferable points (积分): WeChat's rules
 * forbid virtual-currency trading in mini programs, so the sample shows what a
 * member earned and nothing to trade or transfer it with.
 */
function pointsOf(balances) {
  return (balances || []).map((balance) => {
    // A board in points mode pays nothing out: what is not spent is the member's to spend at its merchants.
    const kept = balance.presentation === 'points';
    const waiting = kept ? String(balance.scheduled || '0') : addDecimals(balance.pending, balance.scheduled);
    return {
      key: `${balance.board.documentId}-${balance.symbol}`,
      board: balance.board.name || balance.symbol,
      // Spent at merchants is still earned: the points were the member's before they paid with them.
      earned: addDecimals(addDecimals(addDecimals(balance.paid, balance.scheduled), balance.pending), balance.spent),
      waiting,
      hasWaiting: !/^0(\.0+)?$/.test(waiting),
      spendable: kept ? String(balance.pending || '0') : null,
    };
  });
}

/** Sum of two decimal strings without floating-point error (token amounts carry up to 8 decimals). */
function addDecimals(a, b) {
  const [ai, af = ''] = String(a || '0').split('.');
  const [bi, bf = ''] = String(b || '0').split('.');
  const places = Math.max(af.length, bf.length);
  const sum = BigInt(ai + af.padEnd(places, '0')) + BigInt(bi + bf.padEnd(places, '0'));
  if (!places) return sum.toString();
  const digits = sum.toString().padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

module.exports = { pointsOf, addDecimals };
