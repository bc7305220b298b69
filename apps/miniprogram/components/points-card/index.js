const { pointsOf } = require('../../utils/points');

/** A member's rewards (GET /api/me/rewards balances) as points per board: no market, no transfer. */
Component({
  properties: { balances: { type: Array, value: [] } },
  data: { points: [] },
  lifetimes: {
    attached() {
      this.setData({ points: pointsOf(this.data.balances) });
    },
  },
  observers: {
    balances(balances) {
      this.setData({ points: pointsOf(balances) });
    },
  },
});
