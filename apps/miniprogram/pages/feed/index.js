const api = require('../../utils/api');

/** The boards as tabs and the chosen board's feed, featured first, more on reaching the bottom. */
Page({
  data: { boards: [], board: '', posts: [], cursor: null, done: false, loading: false, error: '' },
  onLoad() {
    api
      .request('GET', '/boards', { query: { 'sort[0]': 'name:asc' } })
      .then(({ data }) => {
        this.setData({ boards: data });
        if (data.length) this.choose({ currentTarget: { dataset: { slug: data[0].slug } } });
      })
      .catch((e) => this.setData({ error: e.message }));
  },
  choose(event) {
    this.setData({ board: event.currentTarget.dataset.slug, posts: [], cursor: null, done: false });
    this.more();
  },
  more() {
    if (this.data.loading || this.data.done) return;
    this.setData({ loading: true, error: '' });
    api
      .request('GET', '/feed', { query: { board: this.data.board, featuredFirst: 'true', limit: 10, cursor: this.data.cursor } })
      .then(({ data, meta }) => this.setData({ posts: this.data.posts.concat(data), cursor: meta.nextCursor, done: !meta.nextCursor }))
      .catch((e) => this.setData({ error: e.message }))
      .then(() => this.setData({ loading: false }));
  },
  onReachBottom() {
    this.more();
  },
  open(event) {
    wx.navigateTo({ url: `/pages/post/index?id=${event.detail.documentId}` });
  },
});
