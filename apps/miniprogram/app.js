const api = require('./utils/api');

App({
  onLaunch() {
    // Sign in quietly with wx.login: WeChat members need no password (POST /api/auth/wechat).
    if (!api.token()) api.login().catch((error) => console.warn('Quanzi: sign-in failed', error));
  },
});
