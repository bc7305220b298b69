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

export async function call<P extends keyof paths, M extends Method>(method: M, path: P, options: Options = {}): Promise<Answer<Operation<P, M>>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(url(path as string, options), { method: method.toUpperCase(), headers, body });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401 && token) session.clear();
    const error = json?.error;
    throw new ApiError(res.status, error?.message ?? res.statusText, error?.details);
  }
  return json as Answer<Operation<P, M>>;
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
