import type { Core } from '@strapi/strapi';

let counter = 0;

export interface TestMember {
  id: number;
  documentId: string;
  username: string;
  email: string;
  jwt: string;
}

/** Creates a confirmed member with the given users-permissions role type and returns a JWT for it. */
export async function createMember(strapi: Core.Strapi, options: { role?: 'authenticated' | 'editor'; username?: string } = {}): Promise<TestMember> {
  counter += 1;
  const username = options.username ?? `member${counter}-${Math.random().toString(36).slice(2, 7)}`;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: options.role ?? 'authenticated' } });
  const user = await (strapi.plugin('users-permissions').service('user') as any).add({
    username,
    email: `${username}@test.quanzi.local`,
    password: 'Test-password-1',
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  });
  // An access token of a new session (refresh mode) or a JWT (legacy): what a login would give.
  const jwt: string = await (strapi.plugin('users-permissions').service('jwt') as any).issue({ id: user.id });
  return { id: user.id, documentId: user.documentId, username, email: user.email, jwt };
}

export const bearer = (member: { jwt: string }) => ({ Authorization: `Bearer ${member.jwt}` });
