const api = require('../../utils/api');

/** Write a post: a board, a title, text and a photo (wx.chooseMedia, then wx.uploadFile to /me/uploads as the cover). */
Page({
  data: { boards: [], boardIndex: 0, title: '', body: '', photo: '', busy: false, error: '' },
  onShow() {
    api
      .request('GET', '/boards', { query: { 'sort[0]': 'name:asc' } })
      .then(({ data }) => this.setData({ boards: data }))
      .catch((e) => this.setData({ error: e.message }));
  },
  pickBoard(event) {
    this.setData({ boardIndex: Number(event.detail.value) });
  },
  inputTitle(event) {
    this.setData({ title: event.detail.value });
  },
  inputBody(event) {
    this.setData({ body: event.detail.value });
  },
  choosePhoto() {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      success: ({ tempFiles }) => this.setData({ photo: tempFiles[0].tempFilePath }),
    });
  },
  async publish() {
    const board = this.data.boards[this.data.boardIndex];
    if (!board || !this.data.title.trim() || !this.data.body.trim()) return;
    this.setData({ busy: true, error: '' });
    try {
      const data = { board: board.slug, title: this.data.title, body: this.data.body };
      if (this.data.photo) data.cover = (await api.upload(this.data.photo)).id;
      const answer = await api.request('POST', '/posts', { data: { data } });
      this.setData({ title: '', body: '', photo: '' });
      if (answer.meta && answer.meta.moderation && answer.meta.moderation !== 'published') wx.showToast({ title: '已提交，等待审核', icon: 'none' });
      else wx.navigateTo({ url: `/pages/post/index?id=${answer.data.documentId}` });
    } catch (e) {
      this.setData({ error: e.message });
    } finally {
      this.setData({ busy: false });
    }
  },
});
