import { Button } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { displayName, useAuth } from '../auth.js';
import { DOCUMENT_PERMISSIONS } from '../documents/labels.js';

/** Any of these opens the 12345 hotline's staff pages (web/src/hotline). */
const HOTLINE_PERMISSIONS = ['hotline.intake', 'hotline.handle', 'hotline.supervise', 'hotline.stats'];
/** Any of these opens the administration of allocation rounds (web/src/allocation). */
const ALLOCATION_PERMISSIONS = ['allocation.manage', 'allocation.review', 'allocation.supervise'];

/** The header's account corner: who is signed in (name, role, department) or a way to sign in. */
export function UserArea() {
  const auth = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { state } = auth;

  if (state.status === 'loading' || state.status === 'error') return null;
  if (state.status === 'anonymous') {
    if (location.pathname === '/login') return null;
    return (
      <Link className="user-login-link" to="/login">
        工作人员登录
      </Link>
    );
  }
  const { user } = state;
  const inAdmin = location.pathname.startsWith('/admin');
  const hotline = HOTLINE_PERMISSIONS.some((p) => auth.can(p)) && !location.pathname.startsWith('/hotline');
  const documents = DOCUMENT_PERMISSIONS.some((p) => auth.can(p)) && !location.pathname.startsWith('/documents');
  const allocation = ALLOCATION_PERMISSIONS.some((p) => auth.can(p)) && !location.pathname.startsWith('/allocation/admin');
  return (
    <div className="user-area" data-testid="user-area">
      <span className="user-who">
        <span className="user-name">{displayName(user)}</span>
        <span className="user-meta">
          {user.roleLabel}
          {user.departmentName ? ` · ${user.departmentName}` : ''}
        </span>
      </span>
      <span className="user-actions">
        {hotline && (
          <Link className="user-link" to="/hotline">
            热线
          </Link>
        )}
        {documents && (
          <Link className="user-link" to="/documents">
            公文
          </Link>
        )}
        {allocation && (
          <Link className="user-link" to="/allocation/admin">
            分配管理
          </Link>
        )}
        {!inAdmin && (
          <Link className="user-link" to="/admin">
            工作台
          </Link>
        )}
        <Button
          size="small"
          ghost
          onClick={async () => {
            await auth.logout().catch(() => undefined);
            navigate('/login', { replace: true });
          }}
        >
          退出登录
        </Button>
      </span>
    </div>
  );
}
