import { App, Card } from 'antd';
import { useAuth } from '../../auth.js';
import { AdminPage } from '../../components/AdminPage.js';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.js';

export function PasswordPage() {
  const auth = useAuth();
  const { message } = App.useApp();
  return (
    <AdminPage title="修改密码">
      <Card className="narrow-card">
        <ChangePasswordForm
          onDone={async () => {
            void message.success('密码已修改');
            await auth.refresh();
          }}
        />
      </Card>
    </AdminPage>
  );
}
