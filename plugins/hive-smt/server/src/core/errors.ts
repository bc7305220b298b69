/**
 * One error convention for the plugin and the app: domain code throws a
 * PluginError(status, message, details) — a message a person can act on —
 * and the edges (controllers, Document Service hooks) turn it into the error
 * Strapi renders as { data: null, error: { status, name, message, details } }
 * with toHttpError. Nothing below an edge knows about HTTP classes.
 */
import createError from 'http-errors';
import { errors } from '@strapi/utils';

export type ErrorDetails = Record<string, unknown>;

// The package ships its core twice — inside the server bundle and as `hive-smt/core` for the app —
// so a class identity check alone would miss an error made by the other copy. Every PluginError
// carries this process-wide brand and `instanceof` tests the brand.
const PLUGIN_ERROR_BRAND = Symbol.for('hive-smt.PluginError');

export class PluginError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== PluginError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_ERROR_BRAND] === true;
  }

  readonly [PLUGIN_ERROR_BRAND] = true;

  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'PluginError';
  }
}

/** The Strapi error for a status: the classes Strapi's error middleware knows, http-errors for the rest. */
export function httpErrorFor(status: number, message: string, details: ErrorDetails = {}): Error {
  switch (status) {
    case 400:
      return new errors.ValidationError(message, details);
    case 401:
      return new errors.UnauthorizedError(message, details);
    case 403: {
      // Strapi's authorize step turns a plain ForbiddenError into a bare "Forbidden"; a PolicyError is
      // the 403 whose message it lets through, so the member learns why.
      const error = new errors.PolicyError(message, details);
      (error as { name: string }).name = 'ForbiddenError';
      return error;
    }
    case 404:
      return new errors.NotFoundError(message, details);
    case 429:
      return new errors.RateLimitError(message, details);
    default: {
      // 409, 503, …: http-errors is what Strapi's error middleware renders with the status and message.
      const error = createError(status, message, Object.keys(details).length ? { details } : {});
      error.expose = true;
      return error;
    }
  }
}

/** The one error-to-HTTP mapper: a PluginError becomes its Strapi error; anything else passes as it is. */
export function toHttpError(error: unknown): unknown {
  return error instanceof PluginError ? httpErrorFor(error.status, error.message, error.details) : error;
}

/** Runs an edge's work (a controller body, a Document Service hook), mapping PluginErrors on the way out. */
export async function respond<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toHttpError(error);
  }
}

/** The message of anything thrown, for logs and admins. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
