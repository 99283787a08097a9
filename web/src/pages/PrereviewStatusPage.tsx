import { Alert, Button, Card, Form, Input, Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { ApiError, getEntry, type ServiceItem } from '../api.js';
import { getApplicationStatus, resubmitApplication, type CitizenStatus } from '../api-prereview.js';
import { ApplicationForm } from '../prereview/ApplicationForm.js';
import { recallApplication, rememberApplication, type SavedApplication } from '../prereview/saved.js';
import { StatusView } from '../prereview/StatusView.js';
import '../prereview/prereview.css';

type View = { kind: 'ask' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; status: CitizenStatus };

/** 补正 from the status page: the item's materials, then the whole application again. */
function Resubmit({ app, itemId, onDone }: { app: SavedApplication; itemId: string; onDone(s: CitizenStatus): void }) {
  const [item, setItem] = useState<ServiceItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    getEntry(itemId, {}, ctrl.signal).then(
      (e) => setItem(e.body as unknown as ServiceItem),
      (err: unknown) => !ctrl.signal.aborted && setError(err instanceof ApiError ? err.message : '事项加载失败，请稍后再试'),
    );
    return () => ctrl.abort();
  }, [itemId]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!item) return <Skeleton active />;
  return <ApplicationForm item={item} submitLabel="重新提交预审" onSubmit={async (form, files) => onDone(await resubmitApplication(app.id, app.token, form, files))} />;
}

/** 办理进度: an application found by its number and token, with the report, the decision and 补正. */
export function PrereviewStatusPage() {
  const location = useLocation();
  const given = (location.state as Partial<SavedApplication> | null) ?? null;
  const initial = given?.id && given.token ? { id: given.id, token: given.token } : recallApplication();
  const [app, setApp] = useState<SavedApplication | null>(initial);
  const [view, setView] = useState<View>(initial ? { kind: 'loading' } : { kind: 'ask' });
  const [resubmitting, setResubmitting] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = '办理进度查询 - 小政';
  }, []);

  useEffect(() => {
    if (!app) return;
    const ctrl = new AbortController();
    setView({ kind: 'loading' });
    getApplicationStatus(app.id, app.token, ctrl.signal).then(
      (status) => {
        rememberApplication(app);
        setView({ kind: 'done', status });
      },
      (err: unknown) => !ctrl.signal.aborted && setView({ kind: 'error', message: err instanceof ApiError ? err.message : '查询失败，请稍后再试' }),
    );
    return () => ctrl.abort();
  }, [app]);

  return (
    <div className="prereview-page">
      <h1 className="page-title" tabIndex={-1} ref={heading}>
        办理进度查询
      </h1>
      <Card size="small" className="status-lookup">
        <Form
          name="status"
          layout="inline"
          initialValues={{ id: app?.id ?? '', token: app?.token ?? '' }}
          onFinish={(v: { id: string; token: string }) => {
            setResubmitting(false);
            setApp({ id: v.id.trim(), token: v.token.trim() });
          }}
        >
          <Form.Item label="申请编号" name="id" rules={[{ required: true, whitespace: true, message: '请填写申请编号' }]}>
            <Input autoComplete="off" placeholder="例如 YS20260501…" />
          </Form.Item>
          <Form.Item label="查询码" name="token" rules={[{ required: true, whitespace: true, message: '请填写查询码' }]}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {view.kind === 'loading' && <Skeleton active paragraph={{ rows: 6 }} />}
      {view.kind === 'error' && <Alert type="error" showIcon role="alert" title={view.message} />}
      {view.kind === 'done' && app && (
        <>
          <StatusView status={view.status} />
          {view.status.canResubmit && !resubmitting && (
            <div className="result-actions">
              <Button type={view.status.status === 'supplement' ? 'primary' : 'default'} size="large" onClick={() => setResubmitting(true)}>
                补正材料，重新提交
              </Button>
            </div>
          )}
          {resubmitting && (
            <section aria-label="补正材料" className="resubmit-section">
              <h2 className="section-title">补正材料</h2>
              <p className="muted">请重新填写申请人信息并上传全部材料（包括无需修改的材料），提交后将重新预审。</p>
              <Resubmit
                app={app}
                itemId={view.status.itemId}
                onDone={(status) => {
                  setResubmitting(false);
                  setView({ kind: 'done', status });
                  heading.current?.focus();
                  window.scrollTo({ top: 0 });
                }}
              />
            </section>
          )}
        </>
      )}
    </div>
  );
}
