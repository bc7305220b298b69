/**
 * The member's tokens, kept in localStorage so a reload stays signed in: the
 * access token (`jwt`, short-lived with the server's refresh-token sessions)
 * and the refresh token that renews it (absent when the server runs
 * MEMBER_SESSIONS=legacy, whose JWTs last 30 days).
 */
const KEY = 'quanzi-jwt';
const REFRESH_KEY = 'quanzi-refresh-token';
type Listener = () => void;
const listeners = new Set<Listener>();

export const session = {
  token: (): string | null => localStorage.getItem(KEY),
  refreshToken: (): string | null => localStorage.getItem(REFRESH_KEY),
  set(token: string, refreshToken?: string) {
    localStorage.setItem(KEY, token);
    if (refreshToken) localStorage.setItem(REFRESH_KEY, refreshToken);
    else localStorage.removeItem(REFRESH_KEY);
    listeners.forEach((l) => l());
  },
  clear() {
    localStorage.removeItem(KEY);
    localStorage.removeItem(REFRESH_KEY);
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
