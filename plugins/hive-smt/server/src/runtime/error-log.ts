import { redactCredentials } from '../text/redact';

export interface NotedError {
  at: string;
  message: string;
}

/**
 * The last errors of the chain work, for the admin's Chain health page. Messages are
 * built without keys; node URLs in them may carry credentials, so they are redacted here.
 */
export interface ErrorLog {
  note(message: string): void;
  recent(limit?: number): NotedError[];
}

const KEPT = 20;

export function createErrorLog(): ErrorLog {
  const errors: NotedError[] = [];
  return {
    note(message) {
      errors.unshift({ at: new Date().toISOString(), message: redactCredentials(message) ?? '' });
      errors.length = Math.min(errors.length, KEPT);
    },
    recent(limit = KEPT) {
      return errors.slice(0, limit);
    },
  };
}
