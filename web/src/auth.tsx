/**
 * Who is signed in, for the whole app. Asks GET /auth/me once at start in a browser that has
 * signed in before (or on a staff page); the public pages never wait for it, the staff area does.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { ApiError } from './api.js';
import * as api from './api-admin.js';

export type AuthState =
  | { status: 'loading' }
  /**
   * `expired`: the session ended on the server; `signedOut`: the user just chose 退出登录;
   * `unverified`: not asked (a public page in a browser without a staff session hint)
   */
  | { status: 'anonymous'; expired?: boolean; signedOut?: boolean; unverified?: boolean }
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

/**
 * A hint, not a credential (the session cookie is HttpOnly): this browser has a staff session.
 * Without it a citizen's page load skips /auth/me, which would only answer 401 and spend the
 * public rate limit that each address shares.
 */
const STAFF_HINT = 'xz.staff';

function hasStaffHint(): boolean {
  try {
    return localStorage.getItem(STAFF_HINT) === '1';
  } catch {
    return true;
  }
}

function setStaffHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(STAFF_HINT, '1');
    else localStorage.removeItem(STAFF_HINT);
  } catch {
    // private mode: /auth/me is then asked on every start
  }
}

function isStaffPath(p: string): boolean {
  return p === '/login' || p === '/admin' || p.startsWith('/admin/');
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const me = await api.getMe(signal);
      api.setCsrfToken(me.csrfToken);
      setStaffHint(true);
      setState({ status: 'signed-in', user: me.user, permissions: me.permissions });
    } catch (err) {
      if (signal?.aborted) return;
      api.setCsrfToken(null);
      if (err instanceof ApiError && err.status === 401) {
        setStaffHint(false);
        setState({ status: 'anonymous' });
      } else setState({ status: 'error', message: err instanceof ApiError ? err.message : '无法获取登录状态，请稍后再试' });
    }
  }, []);

  const { pathname } = useLocation();
  // an unverified visitor who opens a staff page is asked now, and waits like at start
  const pending = state.status === 'anonymous' && !!state.unverified && isStaffPath(pathname);
  const ask = state.status === 'loading' || pending;
  useEffect(() => {
    if (!ask) return;
    const ctrl = new AbortController();
    if (hasStaffHint() || isStaffPath(pathname)) void load(ctrl.signal);
    else setState({ status: 'anonymous', unverified: true });
    return () => ctrl.abort();
    // asked once at start, and again when an unverified visitor opens a staff page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ask, load]);

  useEffect(() => {
    api.setUnauthorizedHandler(() => {
      api.setCsrfToken(null);
      setStaffHint(false);
      setState({ status: 'anonymous', expired: true });
    });
    return () => api.setUnauthorizedHandler(null);
  }, []);

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
      setStaffHint(false);
      setState({ status: 'anonymous', signedOut: true });
    }
  }, []);

  const value = useMemo<Auth>(
    () => ({
      state: pending ? { status: 'loading' } : state,
      login,
      logout,
      refresh: () => load(),
      can: (permission) => state.status === 'signed-in' && state.permissions.includes(permission),
    }),
    [state, pending, login, logout, load],
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
