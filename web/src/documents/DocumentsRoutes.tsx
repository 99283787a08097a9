/**
 * Pages under /documents/* (公文写作, issue #7), for staff with a documents permission: the list
 * with the approval status, the drafting page and a stored document's page. Loaded on demand.
 */
import { Button, Menu, Result, Spin } from 'antd';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth, type Auth } from '../auth.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { DOCUMENT_PERMISSIONS } from './labels.js';
import '../admin.css';
import './documents.css';

const DocumentListPage = lazy(() => import('./DocumentListPage.js'));
const DraftPage = lazy(() => import('./DraftPage.js'));
const DocumentPage = lazy(() => import('./DocumentPage.js'));

const canAny = (auth: Auth, permissions: string[]) => permissions.some((p) => auth.can(p));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin className="page-spin" />}>{children}</Suspense>;
}

function Forbidden({ what }: { what: string }) {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={`您的账号没有${what}的权限。如需开通，请联系系统管理员。`}
      extra={
        <Link to="/admin">
          <Button type="primary">返回工作台</Button>
        </Link>
      }
    />
  );
}

/** Signed-in staff with a documents permission; the public goes to the login page. */
function DocumentsLayout() {
  const auth = useAuth();
  const location = useLocation();
  const { state } = auth;
  // a browser without the staff hint has not asked who is signed in; a staff page asks now
  const unverified = state.status === 'anonymous' && !!state.unverified;
  useEffect(() => {
    if (unverified) void auth.refresh();
  }, [unverified, auth]);

  if (state.status === 'loading' || unverified) return <Spin className="page-spin" />;
  if (state.status === 'error') return <Result status="error" title="无法获取登录状态" subTitle={state.message} extra={<Button onClick={() => void auth.refresh()}>重试</Button>} />;
  if (state.status === 'anonymous' || state.user.mustChangePassword) {
    const from = state.status === 'anonymous' && state.signedOut ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  if (!canAny(auth, DOCUMENT_PERMISSIONS)) return <Forbidden what="公文写作" />;
  const selected = location.pathname.startsWith('/documents/new') ? 'new' : 'list';
  const items = [
    { key: 'list', label: <Link to="/documents">公文列表</Link> },
    ...(auth.can('documents.draft') ? [{ key: 'new', label: <Link to="/documents/new">起草公文</Link> }] : []),
  ];
  return (
    <div className="admin documents">
      <nav aria-label="公文导航">
        <Menu className="admin-nav" mode="horizontal" disabledOverflow selectedKeys={[selected]} items={items} />
      </nav>
      <main className="admin-main">
        <Outlet />
      </main>
    </div>
  );
}

function RequireDraft({ children }: { children: ReactNode }) {
  const auth = useAuth();
  return auth.can('documents.draft') ? <>{children}</> : <Forbidden what="起草公文" />;
}

export default function DocumentsRoutes() {
  return (
    <Routes>
      <Route element={<DocumentsLayout />}>
        <Route index element={<Page><DocumentListPage /></Page>} />
        <Route path="new" element={<RequireDraft><Page><DraftPage /></Page></RequireDraft>} />
        <Route path=":id" element={<Page><DocumentPage /></Page>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
