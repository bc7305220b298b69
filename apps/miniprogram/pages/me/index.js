const api = require('../../utils/api');

/**
 * The member: name and picture (chooseAvatar and the nickname input, saved
 * with PUT /api/me), unread notifications, and rewards as points.
 */
/** The profile with its picture on the API's host (the server answers a path). */
const shown = (me) => ({ ...me, avatarUrl: api.absolute(me.avatarUrl) });

Page({
  data: { me: null, balances: [], notifications: [], unread: 0, error: '' },
  onShow() {
    const signedIn = api.token() ? Promise.resolve() : api.login();
    signedIn
      .then(() => Promise.all([api.request('GET', '/me'), api.request('GET', '/me/rewards'), api.request('GET', '/me/notifications', { query: { limit: 10 } })]))
      .then(([me, rewards, notifications]) =>
        this.setData({ me: shown(me.data), balances: rewards.data.balances, notifications: notifications.data, unread: notifications.meta.unread }),
      )
      .catch((e) => this.setData({ error: e.message }));
  },
  async chooseAvatar(event) {
    try {
      const picture = await api.upload(event.detail.avatarUrl);
      const { data } = await api.request('PUT', '/me', { data: { data: { avatar: picture.id } } });
      this.setData({ me: shown(data) });
    } catch (e) {
      wx.showToast({ title: e.message, icon: 'none' });
    }
  },
  saveName(event) {
    const displayName = (event.detail.value || '').trim();
    if (!displayName || (this.data.me && displayName === this.data.me.displayName)) return;
    api
      .request('PUT', '/me', { data: { data: { displayName } } })
      .then(({ data }) => this.setData({ me: shown(data) }))
      .catch((e) => wx.showToast({ title: e.message, icon: 'none' }));
  },
  readAll() {
    api.request('POST', '/me/notifications/read', { data: { all: true } }).then(() => this.onShow());
  },
});
