import { Alert, Breadcrumb, Button, Card, Result, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getEntry, type ServiceItem } from '../api.js';
import { resubmitApplication, submitApplication, type CitizenStatus } from '../api-prereview.js';
import { useLoad } from '../use-load.js';
import { ApplicationForm, type Draft } from '../prereview/ApplicationForm.js';
import { rememberApplication } from '../prereview/saved.js';
import { StatusView } from '../prereview/StatusView.js';
import '../prereview/prereview.css';

type Phase = { kind: 'form'; draft?: Draft; resubmit?: { id: string; token: string } } | { kind: 'result'; status: CitizenStatus; token: string; draft: Draft };

/** How to follow the application later; the token is shown here and nowhere else. */
function Receipt({ id, token }: { id: string; token: string }) {
  return (
    <Card size="small" className="receipt" title="请记下申请编号和查询码">
      <dl className="kv">
        <dt>申请编号</dt>
        <dd>
          <Typography.Text copyable={{ text: id, tooltips: ['复制', '已复制'] }} strong data-testid="receipt-id">
            {id}
          </Typography.Text>
        </dd>
        <dt>查询码</dt>
        <dd>
          <Typography.Text copyable={{ text: token, tooltips: ['复制', '已复制'] }} code data-testid="receipt-token">
            {token}
          </Typography.Text>
        </dd>
      </dl>
      <p className="muted">凭申请编号和查询码可随时查看审核进度、补正材料。查询码只显示这一次，请妥善保存，不要告诉他人。</p>
      <Link to="/prereview/status" state={{ id, token }}>
        查看办理进度
      </Link>
    </Card>
  );
}

/** 材料预审 for one item: the applicant's form and files, then the report, then 补正 and resubmission. */
export function PrereviewPage() {
  const { itemId = '' } = useParams();
  const [entry, reload] = useLoad((signal) => getEntry(itemId, {}, signal), itemId);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const top = useRef<HTMLHeadingElement>(null);

  const item = entry.status === 'done' && entry.data.kind === 'item' ? (entry.data.body as unknown as ServiceItem) : undefined;
  useEffect(() => {
    document.title = item ? `材料预审：${item.name} - 小政` : '材料预审 - 小政';
  }, [item]);
  useEffect(() => {
    // a new step replaces the page: take keyboard and screen-reader users to its heading
    top.current?.focus();
    window.scrollTo({ top: 0 });
  }, [phase.kind]);

  if (entry.status === 'loading') return <Skeleton active paragraph={{ rows: 8 }} />;
  if (entry.status === 'error' || !item) {
    return (
      <Result
        status="404"
        title="无法进行材料预审"
        subTitle={entry.status === 'error' ? entry.message : '该内容不是办事事项'}
        extra={
          <>
            {entry.status === 'error' && <Button onClick={reload}>重试</Button>}
            <Link to="/">
              <Button type="primary">返回首页</Button>
            </Link>
          </>
        }
      />
    );
  }

  async function submit(form: Record<string, string>, files: Parameters<typeof submitApplication>[2], draft: Draft) {
    if (phase.kind === 'form' && phase.resubmit) {
      const { id, token } = phase.resubmit;
      const status = await resubmitApplication(id, token, form, files);
      setPhase({ kind: 'result', status, token, draft });
      return;
    }
    const res = await submitApplication(item!.id, form, files);
    const token = res.token ?? '';
    rememberApplication({ id: res.id, token });
    setPhase({ kind: 'result', status: res, token, draft });
  }

  return (
    <div className="prereview-page">
      <Breadcrumb className="entry-breadcrumb" items={[{ title: <Link to="/">首页</Link> }, { title: <Link to={`/entries/${encodeURIComponent(item.id)}`}>{item.name}</Link> }, { title: '材料预审' }]} />
      <h1 className="page-title" tabIndex={-1} ref={top}>
        材料预审：{item.name}
      </h1>
      {phase.kind === 'form' ? (
        <>
          {phase.resubmit ? (
            <Alert type="info" showIcon title={`补正申请 ${phase.resubmit.id}`} description="已保留上次填写的信息和材料：请按报告修改有问题的内容、替换或补充文件后重新提交，将作为新的一次提交重新预审。" />
          ) : (
            <Alert type="info" showIcon title="提交前先自动检查材料" description="填写申请人信息并上传材料，系统会立即检查材料是否齐全、证件是否有效、信息是否一致，并告诉您需要修改什么。预审结果仅供参考，最终由工作人员审核。" />
          )}
          <ApplicationForm key={phase.resubmit ? 'resubmit' : 'new'} item={item} initial={phase.draft} submitLabel={phase.resubmit ? '重新提交预审' : '提交预审'} onSubmit={submit} />
        </>
      ) : (
        <>
          <Receipt id={phase.status.id} token={phase.token} />
          <StatusView status={phase.status} />
          {phase.status.canResubmit && (
            <div className="result-actions">
              <Button type={phase.status.report.suggestion === 'pass' ? 'default' : 'primary'} size="large" onClick={() => setPhase({ kind: 'form', draft: phase.draft, resubmit: { id: phase.status.id, token: phase.token } })}>
                修改后重新提交
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
