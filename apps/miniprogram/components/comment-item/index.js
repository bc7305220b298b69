const { flatReplies } = require('../../utils/thread');

/**
 * A top-level comment of a thread (GET /api/posts/:documentId/comments) with
 * its replies listed beneath it. The server sends sanitized HTML, shown with
 * rich-text; "回复" asks the page to answer that comment or reply.
 */
Component({
  properties: { comment: { type: Object, value: null } },
  data: { replies: [] },
  lifetimes: {
    attached() {
      this.setData({ replies: this.data.comment ? flatReplies(this.data.comment) : [] });
    },
  },
  observers: {
    comment(comment) {
      this.setData({ replies: comment ? flatReplies(comment) : [] });
    },
  },
  methods: {
    reply(event) {
      const { id, name } = event.currentTarget.dataset;
      this.triggerEvent('reply', { documentId: id, name });
    },
  },
});
