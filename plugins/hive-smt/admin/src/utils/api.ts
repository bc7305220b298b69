import * as React from 'react';
import { useFetchClient, useNotification, isFetchError } from '@strapi/strapi/admin';

/** The message an admin can act on, from a Strapi error response. */
export function errorMessage(error: unknown): string {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Loads `/hive-smt${path}`; refreshes every `refreshMs` when given. */
export function useHiveData<T>(path: string | null, options: { refreshMs?: number } = {}) {
  const { get } = useFetchClient();
  const [data, setData] = React.useState<T | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [loading, setLoading] = React.useState(true);
  const getRef = React.useRef(get);
  getRef.current = get;

  const load = React.useCallback(async () => {
    if (!path) return;
    try {
      const res = await getRef.current<{ data: T }>(`/hive-smt${path}`);
      setData(res.data.data);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [path]);

  React.useEffect(() => {
    setLoading(true);
    void load();
    if (!options.refreshMs) return undefined;
    const timer = setInterval(() => void load(), options.refreshMs);
    return () => clearInterval(timer);
  }, [load, options.refreshMs]);

  return { data, error, loading, reload: load, setData };
}

/** Sends a change, tells the admin how it went, and returns the response's data (or undefined on failure). */
export function useHiveAction() {
  const { post, put, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState<string | null>(null);

  const run = React.useCallback(
    async <T>(key: string, method: 'post' | 'put' | 'delete', path: string, body: unknown, success?: string): Promise<T | undefined> => {
      setBusy(key);
      try {
        const url = `/hive-smt${path}`;
        const res =
          method === 'delete' ? await del<{ data: T }>(url) : method === 'put' ? await put<{ data: T }>(url, body) : await post<{ data: T }>(url, body);
        if (success) toggleNotification({ type: 'success', message: success });
        return res.data.data;
      } catch (e) {
        toggleNotification({ type: 'danger', message: errorMessage(e) });
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [post, put, del, toggleNotification],
  );

  return { run, busy };
}
