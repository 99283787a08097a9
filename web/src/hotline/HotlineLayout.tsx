import { Button, Menu, Result, Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth, type Auth } from '../auth.js';
import '../admin.css';

interface NavItem {
  path: string;
  label: string;
  permissions: string[];
}

/** The hotline's staff sections; each page checks the same permissions again (RequireAny). */
const NAV: NavItem[] = [
  { path: '', label: '受理台', permissions: ['hotline.intake', 'hotline.supervise'] },
  { path: 'queue', label: '承办队列', permissions: ['hotline.handle'] },
  { path: 'dashboard', label: '数据看板', permissions: ['hotline.stats'] },
];

const canAny = (auth: Auth, permissions: string[]) => permissions.some((p) => auth.can(p));

/** Whether the signed-in user works with the hotline at all (the header's 热线 link). */
export function hasHotlineAccess(auth: Auth): boolean {
  return canAny(auth, ['hotline.intake', 'hotline.handle', 'hotline.supervise', 'hotline.stats']);
}

/** Signed-in staff only; the public goes to the login page. */
export function HotlineLayout() {
  const auth = useAuth();
  const location = useLocation();
  const { state } = auth;
  // a browser without the staff hint has not asked who is signed in; a staff page asks now
  const unverified = state.status === 'anonymous' && !!state.unverified;
  useEffect(() => {
    if (unverified) void auth.refresh();
  }, [unverified, auth]);

  if (state.status === 'loading' || unverified) return <Spin className="page-spin" />;
  if (state.status === 'error') {
    return <Result status="error" title="无法获取登录状态" subTitle={state.message} extra={<Button onClick={() => void auth.refresh()}>重试</Button>} />;
  }
  if (state.status === 'anonymous' || state.user.mustChangePassword) {
    const from = state.status === 'anonymous' && state.signedOut ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  const rest = location.pathname.replace(/^\/hotline\/?/, '');
  // an order's page belongs to no section: agents and handlers both open it
  const first = rest.split('/')[0] ?? '';
  const selected = NAV.some((i) => i.path === first) ? [first] : [];
  const items = NAV.filter((i) => canAny(auth, i.permissions)).map((i) => ({ key: i.path, label: <Link to={`/hotline/${i.path}`}>{i.label}</Link> }));
  return (
    <div className="admin hotline">
      <nav aria-label="热线导航">
        <Menu className="admin-nav" mode="horizontal" disabledOverflow selectedKeys={selected} items={items} />
      </nav>
      <main className="admin-main">
        <Outlet />
      </main>
    </div>
  );
}

/** /hotline: the agent's console; a department handler lands on the queue, a leader or auditor on the dashboard. */
export function HotlineHome({ console }: { console: ReactNode }) {
  const auth = useAuth();
  if (canAny(auth, ['hotline.intake', 'hotline.supervise'])) return <>{console}</>;
  if (auth.can('hotline.handle')) return <Navigate to="/hotline/queue" replace />;
  if (auth.can('hotline.stats')) return <Navigate to="/hotline/dashboard" replace />;
  return <Forbidden />;
}

function Forbidden() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有 12345 热线的权限。如需开通，请联系系统管理员。"
      extra={
        <Link to="/admin">
          <Button type="primary">返回工作台</Button>
        </Link>
      }
    />
  );
}

/** A page for any of these permissions; otherwise say so instead of showing a broken page. */
export function RequireAny({ permissions, children }: { permissions: string[]; children: ReactNode }) {
  const auth = useAuth();
  return canAny(auth, permissions) ? <>{children}</> : <Forbidden />;
}
