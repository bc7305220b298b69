/**
 * The one zod parse helper of the plugin and the app: input that does not
 * fit its schema is a 400 naming the first problem, every problem listed in
 * details.errors the way Strapi's own validation lists them.
 */
import type { z, ZodError, ZodTypeAny } from 'zod';
import { PluginError } from './errors';

export interface FieldProblem {
  path: string[];
  message: string;
  name: 'ValidationError';
}

/** Field problems as one 400: "path: message …", each in details.errors. */
export function invalidInput(problems: Array<{ path: string[]; message: string }>, summary?: string): PluginError {
  const first = problems[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  return new PluginError(400, summary ?? `${where}${first?.message ?? 'Invalid input'}`, {
    errors: problems.map((p): FieldProblem => ({ path: p.path, message: p.message, name: 'ValidationError' })),
  });
}

export function zodProblems(error: ZodError): Array<{ path: string[]; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
}

/** Parses input with a zod schema, or throws the 400 (a PluginError; toHttpError renders it). */
export function parseInput<S extends ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidInput(zodProblems(result.error));
}

/** Every problem in the message: a form with several fields wrong (a board, its token rewards). */
export function invalidFields(problems: Array<{ path: string[]; message: string }>): PluginError {
  return invalidInput(problems, problems.map((p) => `${p.path.join('.')}: ${p.message}`).join(' '));
}
