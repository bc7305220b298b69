/**
 * What Strapi's generator leaves out of the operations it describes itself
 * (the core routes of boards, posts and comments, and the plugins':
 * users-permissions, upload, i18n, email, content-type-builder): a summary
 * each, the success answer of the routes it lists with errors only, and a
 * path it writes as a regular expression. Standard linters (Redocly's
 * recommended rules) and client generators need them.
 */

/** A summary per operation, by "METHOD path" as the document writes it. */
export const GENERATED_SUMMARIES: Record<string, string> = {
  'GET /boards': 'List boards',
  'POST /boards': 'Create a board',
  'GET /boards/{id}': 'Get a board',
  'PUT /boards/{id}': 'Update a board',
  'DELETE /boards/{id}': 'Delete a board',
  'GET /posts': 'List published posts',
  'GET /comments': 'List comments',
  'GET /comments/{id}': 'Get a comment',
  'GET /content-type-builder/content-types': 'List content types',
  'GET /content-type-builder/content-types/{uid}': 'Get a content type',
  'GET /content-type-builder/components': 'List components',
  'GET /content-type-builder/components/{uid}': 'Get a component',
  'POST /email': 'Send an email',
  'POST /upload': 'Upload files',
  'GET /upload/files': 'List uploaded files',
  'GET /upload/files/page': 'List uploaded files, a page at a time',
  'GET /upload/files/{id}': 'Get an uploaded file',
  'DELETE /upload/files/{id}': 'Delete an uploaded file',
  'GET /i18n/locales': 'List locales',
  'GET /connect/{provider}': 'Sign in with a third-party provider (redirects to it)',
  'POST /auth/local': 'Sign in with email or username and password',
  'POST /auth/local/register': 'Register a member',
  'GET /auth/{provider}/callback': "Finish a third-party sign-in (the provider's callback)",
  'POST /auth/forgot-password': 'Ask for a password reset email',
  'POST /auth/reset-password': 'Reset a password with the emailed code',
  'GET /auth/email-confirmation': 'Confirm an email address (the link in the email; redirects)',
  'POST /auth/send-email-confirmation': 'Send the email confirmation again',
  'POST /auth/change-password': 'Change the signed-in member’s password',
  'POST /auth/refresh': 'Get a new access token with a refresh token',
  'POST /auth/logout': 'Sign out (this device, or everywhere)',
  'GET /auth/sessions': 'List the signed-in member’s sessions',
  'DELETE /auth/sessions/{sessionId}': 'Sign a session out',
  'GET /users/count': 'Count members',
  'GET /users': 'List members',
  'POST /users': 'Create a member',
  'GET /users/me': 'Get the signed-in member',
  'GET /users/{id}': 'Get a member',
  'PUT /users/{id}': 'Update a member',
  'DELETE /users/{id}': 'Delete a member',
  'GET /users-permissions/roles/{id}': 'Get a role',
  'GET /users-permissions/roles': 'List roles',
  'POST /users-permissions/roles': 'Create a role',
  'PUT /users-permissions/roles/{id}': 'Update a role',
  'DELETE /users-permissions/roles/{id}': 'Delete a role',
  'GET /users-permissions/permissions': 'List permissions',
};

const json = (schema: Record<string, unknown>) => ({ content: { 'application/json': { schema } } });
const redirect = (to: string) => ({ description: `Redirects to ${to}`, headers: { Location: { schema: { type: 'string' } } } });
/** users-permissions answers its session routes only with refresh-token sessions on (jwtManagement: 'refresh'); otherwise 404. */
const SESSIONS_OFF = ' (404 while refresh-token sessions are off)';

/** The success answers users-permissions gives (its controllers in 5.54), for the operations the generator lists with errors only. */
export const GENERATED_SUCCESS: Record<string, Record<string, unknown>> = {
  'GET /connect/{provider}': { '302': redirect("the provider's sign-in page") },
  'GET /auth/email-confirmation': { '302': redirect('the configured confirmation page') },
  'POST /auth/refresh': {
    '200': {
      description: `A new access token, and the rotated refresh token unless it is kept in an httpOnly cookie${SESSIONS_OFF}`,
      ...json({ type: 'object', required: ['jwt'], properties: { jwt: { type: 'string' }, refreshToken: { type: 'string' } } }),
    },
  },
  'POST /auth/logout': {
    '200': { description: `Signed out${SESSIONS_OFF}`, ...json({ type: 'object', required: ['ok'], properties: { ok: { type: 'boolean', const: true } } }) },
  },
  'GET /auth/sessions': {
    '200': {
      description: `The member's sessions, the current one marked${SESSIONS_OFF}`,
      ...json({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'object', additionalProperties: true } } } }),
    },
  },
  'DELETE /auth/sessions/{sessionId}': {
    '200': { description: `The session is signed out${SESSIONS_OFF}`, ...json({ type: 'object', properties: { data: { type: 'object' } } }) },
  },
};

/**
 * Paths the generator writes differently from how clients call them: a
 * regular expression for the provider, and the same role path under two
 * parameter names (GET names it `id`, PUT and DELETE `role`), which linters
 * read as two identical paths.
 */
export const GENERATED_PATH_RENAMES: Record<string, { path: string; parameters?: Record<string, string> }> = {
  '/connect/(.*)': { path: '/connect/{provider}' },
  '/users-permissions/roles/{role}': { path: '/users-permissions/roles/{id}', parameters: { role: 'id' } },
};
