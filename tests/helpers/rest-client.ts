/**
 * A small HTTP client for app processes (no supertest: they are other processes):
 * registers the first admin and members, creates boards and posts over REST.
 */
export async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { raw: text };
  }
  return { status: response.status, body: json, headers: response.headers };
}

async function expectOk(promise: Promise<{ status: number; body: any }>, what: string) {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

export async function registerFirstAdmin(base: string) {
  const body = await expectOk(
    call(base, 'POST', '/admin/register-admin', { email: 'owner@test.quanzi.local', firstname: 'Owner', lastname: 'Admin', password: 'Admin-password-1' }),
    'registering the first admin',
  );
  return body.data.token as string;
}

export async function adminCreateBoard(base: string, token: string, data: Record<string, unknown>) {
  const body = await expectOk(call(base, 'POST', '/content-manager/collection-types/api::board.board', data, token), 'creating a board');
  return body.data;
}

export async function registerMember(base: string, username: string) {
  const body = await expectOk(
    call(base, 'POST', '/api/auth/local/register', { username, email: `${username}@test.quanzi.local`, password: 'Member-password-1' }),
    `registering ${username}`,
  );
  return { jwt: body.jwt as string, id: body.user.id as number, username };
}

export async function memberPost(base: string, jwt: string, data: Record<string, unknown>) {
  const body = await expectOk(call(base, 'POST', '/api/posts', { data }, jwt), 'posting');
  return body.data;
}
