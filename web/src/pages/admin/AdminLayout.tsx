import { Button, Menu, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth, type Auth } from '../../auth.js';
import '../../admin.css';

interface NavItem {
  path: string;
  label: string;
  /** shown when the signed-in user has this permission; undefined: any staff member */
  permission?: string;
}

/** The staff area's sections; each page checks the same permission again (RequirePermission). */
export const ADMIN_NAV: NavItem[] = [
  { path: 'users', label: '用户管理', permission: 'user.manage' },
  { path: 'departments', label: '部门管理', permission: 'department.manage' },
  { path: 'grants', label: '共享授权', permission: 'grant.read' },
  { path: 'tokens', label: '我的令牌', permission: 'token.create_own' },
  { path: 'audit', label: '审计日志', permission: 'audit.read' },
  { path: 'agent', label: '人工坐席', permission: 'chat.agent' },
  { path: 'review', label: '咨询复盘', permission: 'assistant.review' },
  { path: 'prereview', label: '材料预审', permission: 'prereview.review' },
  { path: 'prereview/rules', label: '预审规则', permission: 'kb.write' },
  { path: 'items', label: '办理情形', permission: 'kb.write' },
  { path: 'password', label: '修改密码' },
];

function visible(auth: Auth, item: NavItem): boolean {
  if (auth.state.status !== 'signed-in') return false;
  return item.permission ? auth.can(item.permission) : auth.state.permissions.length > 0;
}

/** Signed-in staff only: sends the public to /login and comes back here afterwards. */
export function AdminLayout() {
  const auth = useAuth();
  const location = useLocation();
  const { state } = auth;

  if (state.status === 'loading') return <Spin className="page-spin" />;
  if (state.status === 'error') {
    return <Result status="error" title="无法获取登录状态" subTitle={state.message} extra={<Button onClick={() => void auth.refresh()}>重试</Button>} />;
  }
  if (state.status === 'anonymous' || state.user.mustChangePassword) {
    // after 退出登录 the next person to sign in starts afresh, not on the page the last one left
    const from = state.status === 'anonymous' && state.signedOut ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }

  // the longest section path that starts the URL: /admin/prereview/rules/x is 预审规则, not 材料预审
  const rest = location.pathname.replace(/^\/admin\/?/, '');
  const section = ADMIN_NAV.map((i) => i.path).filter((p) => rest === p || rest.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0] ?? '';
  const items = ADMIN_NAV.filter((i) => visible(auth, i)).map((i) => ({ key: i.path, label: <Link to={`/admin/${i.path}`}>{i.label}</Link> }));
  return (
    <div className="admin">
      <nav aria-label="工作台导航">
        {/* no overflow menu: on a phone the sections wrap onto a second line and stay one tap away */}
        <Menu className="admin-nav" mode="horizontal" disabledOverflow selectedKeys={[section]} items={items} />
      </nav>
      <main className="admin-main">
        <Outlet />
      </main>
    </div>
  );
}

/**
 * Where /admin lands, by what a role mostly does: administrators manage users, auditors read
 * the trail, agents answer citizens, knowledge editors review the assistant, reviewers pre-review.
 */
const LANDING = ['users', 'audit', 'agent', 'review', 'prereview', 'grants', 'departments', 'tokens'];

/** /admin itself: the first section this user may open. */
export function AdminHome() {
  const auth = useAuth();
  const first = LANDING.map((p) => ADMIN_NAV.find((i) => i.path === p)!).find((i) => visible(auth, i));
  return <Navigate to={`/admin/${first?.path ?? 'password'}`} replace />;
}

/** A section the user lacks the permission for: say so instead of showing a broken page. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const auth = useAuth();
  if (auth.can(permission)) return <>{children}</>;
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有访问此页面的权限。如需开通，请联系系统管理员。"
      extra={
        <Link to="/admin">
          <Button type="primary">返回工作台</Button>
        </Link>
      }
    />
  );
}
