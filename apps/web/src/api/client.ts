import type { operations, paths } from './schema';
import { session } from './session';

/**
 * A typed fetch over the REST documented at /openapi.json: paths and answers
 * come from schema.d.ts (generated, `npm run client:check` keeps it current).
 */
type Method = 'get' | 'post' | 'put' | 'delete';
type Operation<P extends keyof paths, M extends Method> = paths[P][M] extends infer O ? (O extends { responses: unknown } ? O : never) : never;

/** The JSON body of an operation's success answer. */
export type Answer<O> = O extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : O extends { responses: { 201: { content: { 'application/json': infer B } } } }
    ? B
    : unknown;
export type Query<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** Strapi's error shape, as every 4xx/5xx of the API carries it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface Options {
  /** Values for the `{name}` parts of the path. */
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A multipart body (uploads). */
  form?: FormData;
}

function url(path: string, { params, query }: Options): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params?.[name] ?? ''));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') search.set(key, String(value));
  const qs = search.toString();
  return `/api${filled}${qs ? `?${qs}` : ''}`;
}

/** One refresh at a time: requests that fail together wait for the same new token. */
let renewing: Promise<boolean> | null = null;

/** Trades the refresh token for a new pair (POST /api/auth/refresh); false when the session is over. */
function renewSession(): Promise<boolean> {
  const refreshToken = session.refreshToken();
  if (!refreshToken) return Promise.resolve(false);
  renewing ??= fetch('/api/auth/refresh', { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken }) })
    .then(async (res) => {
      const answer = res.ok ? await res.json() : null;
      if (!answer?.jwt) return false;
      session.set(answer.jwt, answer.refreshToken);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      renewing = null;
    });
  return renewing;
}

async function send(method: Method, path: string, options: Options, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  return fetch(url(path, options), { method: method.toUpperCase(), headers, body });
}

export async function call<P extends keyof paths, M extends Method>(method: M, path: P, options: Options = {}): Promise<Answer<Operation<P, M>>> {
  const token = session.token();
  let res = await send(method, path as string, options, token);
  // An access token lives minutes: on a 401, renew it once and try again; when that fails the member signs in again.
  if (res.status === 401 && token) {
    if (await renewSession()) res = await send(method, path as string, options, session.token());
    else session.clear();
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401 && session.token()) session.clear();
    const error = json?.error;
    throw new ApiError(res.status, error?.message ?? res.statusText, error?.details);
  }
  return json as Answer<Operation<P, M>>;
}

/** Signs this browser out on the server too (its session ends), then forgets the tokens. */
export async function signOut(): Promise<void> {
  const token = session.token();
  const refreshToken = session.refreshToken();
  if (token && refreshToken) {
    await fetch('/api/auth/logout', { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ refreshToken }) }).catch(() => undefined);
  }
  session.clear();
}

// The shapes the pages use, named from the document.
export type FeedPage = Answer<operations['getFeed']>;
export type FeedItem = FeedPage['data'][number];
export type PostDetail = Answer<operations['getPostsId']>['data'];
export type Thread = Answer<operations['getPostsDocumentIdComments']>;
export type ThreadComment = Thread['data'][number];
export type Me = Answer<operations['getMe']>['data'];
export type Notifications = Answer<operations['getMeNotifications']>;
export type MyRewards = Answer<operations['getMeRewards']>['data'];
export type Upload = Answer<operations['postMeUploads']>['data'];
export type NewPost = NonNullable<operations['postPosts']['requestBody']>['content']['application/json']['data'];
export type ProfileChange = NonNullable<operations['putMe']['requestBody']>['content']['application/json']['data'];
export type NewComment = NonNullable<operations['postPostsDocumentIdComments']['requestBody']>['content']['application/json']['data'];
export type MyPost = Answer<operations['getMePosts']>['data'][number];
export type PostChange = Extract<NonNullable<operations['putPostsId']['requestBody']>['content']['application/json']['data'], { title?: string }>;
export type Board = Answer<operations['board/get/boards']>['data'][number];
