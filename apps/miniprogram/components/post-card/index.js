const { absolute } = require('../../utils/api');

/** One feed item (GET /api/feed): tap opens the post. */
Component({
  properties: { post: { type: Object, value: null } },
  data: { thumb: '' },
  lifetimes: {
    attached() {
      this.setData({ thumb: this.data.post ? absolute(this.data.post.coverThumbnailUrl) : '' });
    },
  },
  observers: {
    post(post) {
      this.setData({ thumb: post ? absolute(post.coverThumbnailUrl) : '' });
    },
  },
  methods: {
    open() {
      this.triggerEvent('open', { documentId: this.data.post.documentId });
    },
  },
});
