const api = require('../../utils/api');

/** A post: cover, author, the server's sanitized HTML, like, and the thread with comment and reply. */
Page({
  data: { id: '', post: null, cover: '', comments: [], body: '', parent: '', parentName: '', error: '' },
  onLoad({ id }) {
    this.setData({ id });
    this.load();
  },
  load() {
    const id = this.data.id;
    api
      .request('GET', `/posts/${id}`)
      .then(({ data }) => {
        const cover = data.cover ? (data.cover.formats && data.cover.formats.medium) || data.cover : null;
        this.setData({ post: data, cover: cover ? api.absolute(cover.url) : '' });
        wx.setNavigationBarTitle({ title: data.title });
      })
      .catch((e) => this.setData({ error: e.message }));
    api
      .request('GET', `/posts/${id}/comments`, { query: { order: 'oldest', limit: 50 } })
      .then(({ data }) => this.setData({ comments: data }))
      .catch((e) => this.setData({ error: e.message }));
  },
  like() {
    const post = this.data.post;
    api
      .request(post.likedByMe ? 'DELETE' : 'POST', `/posts/${this.data.id}/like`)
      .then(({ data }) => this.setData({ 'post.likedByMe': data.liked, 'post.likeCount': data.likeCount }))
      .catch((e) => wx.showToast({ title: e.message, icon: 'none' }));
  },
  replyTo(event) {
    this.setData({ parent: event.detail.documentId, parentName: event.detail.name });
  },
  cancelReply() {
    this.setData({ parent: '', parentName: '' });
  },
  input(event) {
    this.setData({ body: event.detail.value });
  },
  send() {
    if (!this.data.body.trim()) return;
    const data = this.data.parent ? { body: this.data.body, parent: this.data.parent } : { body: this.data.body };
    api
      .request('POST', `/posts/${this.data.id}/comments`, { data: { data } })
      .then(({ meta }) => {
        this.setData({ body: '', parent: '', parentName: '' });
        if (meta.moderation !== 'published') wx.showToast({ title: '已提交，等待审核', icon: 'none' });
        this.load();
      })
      .catch((e) => wx.showToast({ title: e.message, icon: 'none' }));
  },
});
