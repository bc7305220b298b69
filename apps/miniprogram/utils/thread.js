/**
 * A thread's replies (nested by the server up to its depth limit) as one list
 * under their top-level comment, oldest first, each saying whom it answers —
 * the way WeChat's own comment lists show a conversation (楼中楼), and with no
 * component nesting itself.
 */
function flatReplies(comment) {
  const out = [];
  const walk = (parent) => {
    for (const reply of parent.replies || []) {
      out.push({ ...reply, replies: [], to: parent === comment ? '' : (parent.author && parent.author.displayName) || '' });
      walk(reply);
    }
  };
  walk(comment);
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

module.exports = { flatReplies };
