/**
 * The plugin's REST errors, in Strapi's shape
 * ({ data: null, error: { status, name, message, details } }), said once:
 * zod input problems become a ValidationError naming the field; the domain
 * errors of rewards, engagement and account linking carry their status.
 */
import createError from 'http-errors';
import { errors } from '@strapi/utils';
import type { z, ZodTypeAny } from 'zod';

/** Parses input with a zod schema or throws a 400 naming the first problem (details list them all). */
export function parseInput<S extends ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = issues[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  throw new errors.ValidationError(`${where}${first?.message ?? 'Invalid input'}`, {
    errors: issues.map((issue) => ({ path: issue.path.map(String), message: issue.message, name: 'ValidationError' })),
  });
}

/** A domain error with an HTTP status, as Strapi's error middleware renders it (messages are for people). */
export function httpError(status: number, message: string): Error {
  switch (status) {
    case 400:
      return new errors.ValidationError(message);
    case 401:
      return new errors.UnauthorizedError(message);
    case 404:
      return new errors.NotFoundError(message);
    default: {
      // 409, 503, …: http-errors is what Strapi's error middleware renders with the status and message.
      const error = createError(status, message);
      (error as any).expose = true;
      return error;
    }
  }
}

/** Runs a controller body, turning errors that carry a status into Strapi's error shape. */
export async function respond<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const status = (error as { status?: unknown })?.status;
    if (typeof status === 'number' && !(error instanceof errors.ApplicationError) && !(error instanceof errors.HttpError)) {
      throw httpError(status, (error as Error).message);
    }
    throw error;
  }
}

/** The member behind the request (users-permissions put it there), or a 401. */
export function requireMember(ctx: any): { id: number; username?: string } {
  const user = ctx.state?.user;
  if (!user?.id) throw new errors.UnauthorizedError('Log in to do this: send Authorization: Bearer <jwt>.');
  return user;
}
