import { Alert, Button, Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import type { Loaded } from '../use-load.js';

/** A staff page: its title (also the document title) and the actions beside it. */
export function AdminPage({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} - 小政工作台`;
  }, [title]);
  return (
    <section className="admin-page">
      <header className="admin-page-head">
        <h1 className="admin-page-title">{title}</h1>
        {actions && <div className="admin-page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** Renders `children(data)` once loaded; a spinner before, the error with a retry button on failure. */
export function LoadedView<T>({ state, onRetry, children }: { state: Loaded<T>; onRetry(): void; children(data: T): ReactNode }) {
  if (state.status === 'loading') return <Spin className="page-spin" />;
  if (state.status === 'error') {
    return (
      <Alert
        type="error"
        showIcon
        title={state.message}
        action={
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        }
      />
    );
  }
  return <>{children(state.data)}</>;
}

/** A random password for a new account or a reset, in letters and digits without look-alikes. */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const out: string[] = [];
  const buf = new Uint8Array(1);
  while (out.length < length) {
    crypto.getRandomValues(buf);
    // rejection sampling keeps every character equally likely
    if (buf[0]! < 256 - (256 % alphabet.length)) out.push(alphabet[buf[0]! % alphabet.length]!);
  }
  return out.join('');
}
