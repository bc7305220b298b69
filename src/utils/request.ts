import { errors } from '@strapi/utils';
import type { ZodType, ZodError } from 'zod';

/** The member behind the request, or a 401 in Strapi's error shape. */
export function requireMember(ctx: any): { id: number; documentId: string; username: string } {
  const user = ctx.state?.user;
  if (!user) throw new errors.UnauthorizedError('Log in to do this.');
  return user;
}

/** Whether the authenticated member holds the users-permissions Editor role. */
export function isEditor(ctx: any): boolean {
  return ctx.state?.user?.role?.type === 'editor';
}

/** Turns zod issues into Strapi's validation error details ({ errors: [{ path, message, name }] }). */
export function toValidationError(error: ZodError, summary?: string): InstanceType<typeof errors.ValidationError> {
  const details = {
    errors: error.issues.map((issue) => ({
      path: issue.path.map(String),
      message: issue.message,
      name: 'ValidationError',
    })),
  };
  const first = error.issues[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  return new errors.ValidationError(summary ?? `${where}${first?.message ?? 'Invalid input'}`, details);
}

/** Parses input with a zod schema or throws a 400 naming the first problem. */
export function parseInput<T>(schema: ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw toValidationError(result.error);
  return result.data;
}

/** Strapi REST wraps write payloads in { data }; a missing wrapper is the most common client mistake. */
export function bodyData(ctx: any): unknown {
  const body = ctx.request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('data' in body)) {
    throw new errors.ValidationError('Missing "data" payload in the request body: send { "data": { ... } }.');
  }
  return body.data;
}

/**
 * A 403 whose message reaches the client. Strapi's authorize middleware turns
 * every plain ForbiddenError thrown below it into a bare "Forbidden"; a
 * PolicyError is the one kind it lets through, so members learn why.
 */
export function forbidden(message: string): Error {
  const error = new errors.PolicyError(message);
  (error as { name: string }).name = 'ForbiddenError';
  return error;
}
