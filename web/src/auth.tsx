/**
 * Who is signed in, for the whole app. Asks GET /auth/me once at start; the public pages
 * never wait for it, the staff area does.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from './api.js';
import * as api from './api-admin.js';

export type AuthState =
  | { status: 'loading' }
  /** `expired`: the session ended on the server; `signedOut`: the user just chose 退出登录 */
  | { status: 'anonymous'; expired?: boolean; signedOut?: boolean }
  | { status: 'error'; message: string }
  | { status: 'signed-in'; user: api.User; permissions: string[] };

export interface Auth {
  state: AuthState;
  /** Signs in and loads the permissions; throws ApiError with the server's Chinese message. */
  login(name: string, password: string): Promise<api.User>;
  logout(): Promise<void>;
  /** Reloads /auth/me (after a password change or a change to one's own account). */
  refresh(): Promise<void>;
  can(permission: string): boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const me = await api.getMe(signal);
      api.setCsrfToken(me.csrfToken);
      setState({ status: 'signed-in', user: me.user, permissions: me.permissions });
    } catch (err) {
      if (signal?.aborted) return;
      api.setCsrfToken(null);
      if (err instanceof ApiError && err.status === 401) setState({ status: 'anonymous' });
      else setState({ status: 'error', message: err instanceof ApiError ? err.message : '无法获取登录状态，请稍后再试' });
    }
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    api.setUnauthorizedHandler(() => {
      api.setCsrfToken(null);
      setState({ status: 'anonymous', expired: true });
    });
    return () => {
      ctrl.abort();
      api.setUnauthorizedHandler(null);
    };
  }, [load]);

  const login = useCallback(
    async (name: string, password: string) => {
      const res = await api.login(name, password);
      api.setCsrfToken(res.csrfToken);
      await load();
      return res.user;
    },
    [load],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      api.setCsrfToken(null);
      setState({ status: 'anonymous', signedOut: true });
    }
  }, []);

  const value = useMemo<Auth>(
    () => ({
      state,
      login,
      logout,
      refresh: () => load(),
      can: (permission) => state.status === 'signed-in' && state.permissions.includes(permission),
    }),
    [state, login, logout, load],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside <AuthProvider>');
  return auth;
}

/** The signed-in user's display name: the full name when set, else the login name. */
export function displayName(user: Pick<api.User, 'name' | 'displayName'>): string {
  return user.displayName?.trim() || user.name;
}
