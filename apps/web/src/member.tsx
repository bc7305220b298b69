import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { call, type Me } from './api/client';
import { session } from './api/session';

/** How often the member (and so the unread count) is read again while the app is open. */
const REFRESH_MS = 60_000;

interface MemberState {
  me: Me | null;
  /** True until the first answer of /api/me (or at once without a token). */
  loading: boolean;
  refresh(): Promise<void>;
}

const Context = createContext<MemberState>({ me: null, loading: false, refresh: async () => undefined });

/** The signed-in member (GET /api/me), refreshed on sign-in, sign-out and when a page asks. */
export function MemberProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(Boolean(session.token()));
  const refresh = useCallback(async () => {
    if (!session.token()) {
      setMe(null);
      setLoading(false);
      return;
    }
    try {
      setMe((await call('get', '/me')).data);
    } catch {
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
    return session.subscribe(() => void refresh());
  }, [refresh]);
  // The unread count stays current while the app is open (and not in a background tab).
  useEffect(() => {
    const timer = setInterval(() => {
      if (session.token() && document.visibilityState === 'visible') void refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return <Context.Provider value={{ me, loading, refresh }}>{children}</Context.Provider>;
}

export const useMember = () => useContext(Context);
