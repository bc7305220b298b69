/**
 * The app's content types hive-smt works on: the posts it mirrors, the boards
 * they belong to (each with its Hive account, community and token), the
 * comments members write on them, and users-permissions' members. Which types
 * they are is the app's choice (plugin configuration, config/plugins.ts).
 */
export interface HostTypes {
  /** The content type whose published documents are mirrored to Hive. */
  post: string;
  /** The type a post's board relation points to: it carries the Hive account, community and token. */
  board: string;
  /** Comments on posts: rewarded, and where replies written on Hive are imported. */
  comment: string;
}
