import { errors } from '@strapi/utils';
import type { ZodTypeAny, z } from 'zod';
import { parseInput as parseWithSchema, requireMember as memberOf, toHttpError, PluginError, type RequestContext } from 'hive-smt/core';

/**
 * The app's request helpers, on hive-smt's one error convention (its core:
 * PluginError, one mapper to Strapi's error shape, one zod parse helper), so
 * a member meets the same messages from the app's routes and the plugin's.
 */
const atEdge = <T>(work: () => T): T => {
  try {
    return work();
  } catch (error) {
    throw toHttpError(error);
  }
};

/** The member behind the request, or a 401 in Strapi's error shape. */
export const requireMember = (ctx: Pick<RequestContext, 'state'>) => atEdge(() => memberOf(ctx));

/** Whether the authenticated member holds the users-permissions Editor role. */
export function isEditor(ctx: { state?: { user?: { role?: { type?: string } } | null } }): boolean {
  return ctx.state?.user?.role?.type === 'editor';
}

/** Parses input with a zod schema or throws a 400 naming the first problem. */
export const parseInput = <S extends ZodTypeAny>(schema: S, input: unknown): z.output<S> => atEdge(() => parseWithSchema(schema, input));

/** Strapi REST wraps write payloads in { data }; a missing wrapper is the most common client mistake. */
export function bodyData(ctx: { request: { body?: unknown } }): unknown {
  const body = ctx.request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('data' in body)) {
    throw new errors.ValidationError('Missing "data" payload in the request body: send { "data": { ... } }.');
  }
  return (body as { data: unknown }).data;
}

/** A refusal with its status, in Strapi's error shape, whose message reaches the client. */
export const refuse = (status: number, message: string, details: Record<string, unknown> = {}): Error =>
  toHttpError(new PluginError(status, message, details)) as Error;

/** A 403 whose message reaches the client (Strapi's authorize step would otherwise say only "Forbidden"). */
export const forbidden = (message: string): Error => refuse(403, message);

/** A 400 naming one input field, as Strapi's validation errors do. */
export const invalidField = (field: string, message: string): Error =>
  new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });
