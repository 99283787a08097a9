import { Alert, Button, Card, Form, Input, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api.js';
import { useAuth } from '../auth.js';
import { ChangePasswordForm } from '../components/ChangePasswordForm.js';
import '../admin.css';

/** The staff areas that send people here to sign in (each guards its own pages). */
const STAFF_AREAS = ['/admin', '/hotline', '/documents', '/allocation'];

/** Where to go after signing in: back to the staff page that sent us here, else the staff area. */
function target(state: unknown): string {
  const from = (state as { from?: string } | null)?.from;
  const known = from && STAFF_AREAS.some((area) => from === area || from.startsWith(`${area}/`));
  return known ? from : '/admin';
}

export function LoginPage() {
  const auth = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = target(location.state);

  useEffect(() => {
    document.title = '工作人员登录 - 小政';
  }, []);

  if (auth.state.status === 'loading') return <Spin className="page-spin" />;
  if (auth.state.status === 'signed-in' && !auth.state.user.mustChangePassword) return <Navigate to={next} replace />;

  const forced = auth.state.status === 'signed-in';
  const submit = async (v: { name: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const user = await auth.login(v.name.trim(), v.password);
      if (!user.mustChangePassword) navigate(next, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '登录失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <Card className="login-card" title={<h1 className="login-title">{forced ? '设置新密码' : '工作人员登录'}</h1>}>
        {forced ? (
          <ChangePasswordForm
            forced
            onDone={async () => {
              await auth.refresh();
              navigate(next, { replace: true });
            }}
          />
        ) : (
          <Form layout="vertical" onFinish={submit} requiredMark={false} name="login">
            {auth.state.status === 'anonymous' && auth.state.expired && !error && (
              <Alert className="form-alert" type="warning" showIcon title="登录已失效，请重新登录" />
            )}
            {error && <Alert className="form-alert" type="error" showIcon title={error} role="alert" data-testid="login-error" />}
            <Form.Item label="用户名" name="name" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input autoComplete="username" autoFocus maxLength={64} />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password autoComplete="current-password" maxLength={256} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block size="large">
              登录
            </Button>
            <p className="login-note muted">
              本入口仅供政务工作人员使用。群众办事请直接<Link to="/">搜索办事指南</Link>，无需登录。
            </p>
          </Form>
        )}
      </Card>
    </div>
  );
}
