import request from 'supertest';
import type { Core } from '@strapi/strapi';

let counter = 0;
const PASSWORD = 'Admin-password-1';

export interface TestAdmin {
  id: number;
  email: string;
  token: string;
}

/** An admin-panel user with a built-in role ('strapi-super-admin' | 'strapi-editor' | 'strapi-author'), logged in. */
export async function createAdmin(strapi: Core.Strapi, roleCode = 'strapi-super-admin'): Promise<TestAdmin> {
  counter += 1;
  const role = await (strapi.service('admin::role') as any).findOne({ code: roleCode });
  const email = `admin${counter}-${roleCode}@test.quanzi.local`;
  const user = await (strapi.service('admin::user') as any).create({
    email,
    firstname: 'Test',
    lastname: roleCode,
    password: PASSWORD,
    isActive: true,
    roles: [role.id],
  });
  const res = await request(strapi.server.httpServer).post('/admin/login').send({ email, password: PASSWORD }).expect(200);
  return { id: user.id, email, token: res.body.data.token };
}

export const adminAuth = (admin: { token: string }) => ({ Authorization: `Bearer ${admin.token}` });

/** Content Manager path of a collection type, as the admin panel calls it. */
export const cm = (uid: string, suffix = '') => `/content-manager/collection-types/${uid}${suffix}`;
