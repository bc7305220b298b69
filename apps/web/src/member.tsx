import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { call, type Me } from './api/client';
import { session } from './api/session';

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
  return <Context.Provider value={{ me, loading, refresh }}>{children}</Context.Provider>;
}

export const useMember = () => useContext(Context);
