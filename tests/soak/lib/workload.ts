import { call } from '../../helpers/rest-client';

/**
 * Members at work: post, edit, comment, like, unlike and delete on the soak's
 * boards, each through its own app instance, paced like a busy community
 * rather than as fast as HTTP goes (a backlog that only grows measures the
 * machine, not whether anything waits without a reason). Remembers what Quanzi
 * should end with: each post's last body, or removed.
 */
export interface SoakMember {
  id: number;
  jwt: string;
  username: string;
  /** The Hive account it linked, if any. */
  account?: string;
  /** The app instance its requests go to. */
  instance: number;
}

export interface ExpectedPost {
  body: string;
  removed: boolean;
  owner: number;
  board: string;
}

export class Workload {
  readonly expected = new Map<string, ExpectedPost>();
  readonly counts = { actions: 0, posts: 0, edits: 0, comments: 0, likes: 0, unlikes: 0, removals: 0, refused: 0, skippedWhileDown: 0 };
  private readonly liked = new Set<string>();

  constructor(
    private readonly members: SoakMember[],
    private readonly boards: string[],
    private readonly rng: () => number,
  ) {}

  private pick<T>(list: T[]): T {
    return list[Math.floor(this.rng() * list.length)];
  }

  /** One member action through `urlOf(member.instance)`; a member whose instance is down waits its turn. */
  async act(urlOf: (instance: number) => string | null) {
    const who = this.pick(this.members);
    const url = urlOf(who.instance);
    this.counts.actions += 1;
    if (!url) {
      this.counts.skippedWhileDown += 1;
      return;
    }
    const mine = [...this.expected.entries()].filter(([, p]) => p.owner === who.id && !p.removed);
    const others = [...this.expected.entries()].filter(([, p]) => p.owner !== who.id && !p.removed);
    const roll = this.rng();
    const n = this.counts.actions;
    try {
      if (roll < 0.35 || mine.length === 0) {
        const body = `soak body ${n} ${this.rng().toString(36).slice(2)}`;
        const board = this.pick(this.boards);
        const res = await call(url, 'POST', '/api/posts', { data: { title: `Soak post ${n}`, body, board } }, who.jwt);
        if (res.status === 200) {
          this.expected.set(res.body.data.documentId, { body, removed: false, owner: who.id, board });
          this.counts.posts++;
        } else this.counts.refused++;
      } else if (roll < 0.55) {
        const [documentId, state] = this.pick(mine);
        const body = `edited ${n} ${this.rng().toString(36).slice(2)}`;
        const res = await call(url, 'PUT', `/api/posts/${documentId}`, { data: { body } }, who.jwt);
        if (res.status === 200) {
          state.body = body;
          this.counts.edits++;
        } else this.counts.refused++;
      } else if (roll < 0.65) {
        const [documentId] = this.pick(mine);
        const res = await call(url, 'POST', '/api/comments', { data: { post: documentId, body: `comment ${n}` } }, who.jwt);
        if (res.status === 200) this.counts.comments++;
        else this.counts.refused++;
      } else if (roll < 0.9 && others.length > 0) {
        // Likes earn the post's author and the early likers tokens; an unlike now and then takes one back.
        const [documentId] = this.pick(others);
        const key = `${who.id}:${documentId}`;
        const unlike = this.liked.has(key);
        const res = await call(url, unlike ? 'DELETE' : 'POST', `/api/posts/${documentId}/like`, unlike ? undefined : {}, who.jwt);
        if (res.status === 200) {
          if (unlike) {
            this.liked.delete(key);
            this.counts.unlikes++;
          } else {
            this.liked.add(key);
            this.counts.likes++;
          }
        } else this.counts.refused++;
      } else {
        const [documentId, state] = this.pick(mine);
        const res = await call(url, 'DELETE', `/api/posts/${documentId}`, undefined, who.jwt);
        if (res.status === 204) {
          state.removed = true;
          this.counts.removals++;
        } else this.counts.refused++;
      }
    } catch {
      // The instance died under the request (a kill), or refused the connection.
      this.counts.refused++;
    }
  }
}
