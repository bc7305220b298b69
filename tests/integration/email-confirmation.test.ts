import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createPost } from '../helpers/fixtures';
import { bearer, createMember } from '../helpers/members';
import { createRewardBoard } from '../helpers/rewards';
import { mailText, startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { waitFor } from '../helpers/chain';

/**
 * Sign-up with email confirmation, end to end: AUTH_EMAIL_CONFIRMATION=true,
 * mail over SMTP (nodemailer) to a local SMTP server, the link in the mail
 * confirms the address; until then the member cannot log in. A confirmed
 * email is also a proof a board can ask for before members earn.
 */
let strapi: Core.Strapi;
let smtp: TestSmtp;
const api = () => request(strapi.server.httpServer);

beforeAll(async () => {
  smtp = await startTestSmtp();
  strapi = await startStrapi({
    HIVE_WORKER_ENABLED: 'false',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    EMAIL_FROM: 'Quanzi <no-reply@quanzi.test>',
    AUTH_EMAIL_CONFIRMATION: 'true',
    AUTH_EMAIL_CONFIRMATION_REDIRECT: 'https://quanzi.test/welcome',
  });
});
afterAll(async () => {
  await stopStrapi();
  await smtp?.close();
});

it('mails a link on sign-up, refuses the login until it is followed, then lets the member in', async () => {
  const email = 'newcomer@quanzi.test';
  const signUp = await api().post('/api/auth/local/register').send({ username: 'newcomer', email, password: 'Newcomer-password-1' }).expect(200);
  // No token yet: the account waits for its address to be confirmed.
  expect(signUp.body.jwt).toBeUndefined();
  expect(signUp.body.user).toMatchObject({ username: 'newcomer', confirmed: false });
  expect(signUp.body.user).not.toHaveProperty('email');

  const mail = await waitFor(async () => smtp.mails.find((m) => m.to.includes(email)), 'the confirmation mail');
  expect(mail.from).toBe('no-reply@quanzi.test');
  const link = mailText(mail).match(/\/api\/auth\/email-confirmation\?confirmation=([A-Za-z0-9]+)/);
  expect(link).not.toBeNull();

  const refused = await api().post('/api/auth/local').send({ identifier: email, password: 'Newcomer-password-1' }).expect(400);
  expect(refused.body.error.message).toMatch(/not confirmed/i);
  await api().get('/api/auth/email-confirmation?confirmation=not-the-token').expect(400);

  const followed = await api().get(`/api/auth/email-confirmation?confirmation=${link![1]}`).expect(302);
  expect(followed.headers.location).toBe('https://quanzi.test/welcome');
  const login = await api().post('/api/auth/local').send({ identifier: email, password: 'Newcomer-password-1' }).expect(200);
  expect(login.body.jwt).toEqual(expect.any(String));
  // The link works once.
  await api().get(`/api/auth/email-confirmation?confirmation=${link![1]}`).expect(400);

  // A board that asks for a confirmed email counts this member's like in full.
  const board = await createRewardBoard(strapi, { earningProof: 'confirmed-email' });
  const author = await createMember(strapi);
  const post = await createPost(strapi, board, author);
  const liked = await api().post(`/api/posts/${post.documentId}/like`).set(bearer({ jwt: login.body.jwt })).expect(200);
  expect(liked.body.data).toMatchObject({ weight: 10000, note: null });
});
