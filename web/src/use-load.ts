import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.js';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; data: T };

/**
 * Loads data for a page and reloads it on demand (after a change). `key` names the request:
 * when it changes the previous answer is dropped, so a page never shows stale rows as current.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [state, setState] = useState<{ key: string; attempt: number; value: Loaded<T> }>({ key, attempt: 0, value: { status: 'loading' } });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal).then(
      (data) => setState({ key, attempt, value: { status: 'done', data } }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState({ key, attempt, value: { status: 'error', message: err instanceof ApiError ? err.message : '加载失败，请稍后再试' } });
      },
    );
    return () => ctrl.abort();
    // `load` is a fresh closure every render; `key` says when it asks for something else
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // a reload keeps showing the rows it replaces (no flicker); a new key does not
  return [state.key === key ? state.value : { status: 'loading' }, reload];
}
