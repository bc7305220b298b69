/** The member's JWT, kept in localStorage so a reload stays signed in. */
const KEY = 'quanzi-jwt';
type Listener = () => void;
const listeners = new Set<Listener>();

export const session = {
  token: (): string | null => localStorage.getItem(KEY),
  set(token: string) {
    localStorage.setItem(KEY, token);
    listeners.forEach((l) => l());
  },
  clear() {
    localStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
