/** The mirror's job kinds and outbox subjects: one subject per post, so a post's jobs run in order. */
export const MIRROR_PUBLISH = 'mirror.publish';
export const MIRROR_REMOVE = 'mirror.remove';
/** The board's daily root post that container-mode posts reply under. */
export const MIRROR_CONTAINER = 'mirror.container';

export const POST_SUBJECT_PREFIX = 'post:';
export const postSubject = (documentId: string) => `${POST_SUBJECT_PREFIX}${documentId}`;
