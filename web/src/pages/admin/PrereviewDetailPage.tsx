import { Alert, Breadcrumb, Descriptions, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getApplication, type ReviewerDetail } from '../../api-prereview.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { formatDateTime } from '../../labels.js';
import { DecisionForm } from '../../prereview/DecisionForm.js';
import { FilePane } from '../../prereview/FilePane.js';
import { APPLICATION_STATUS, DECISION, SUGGESTION } from '../../prereview/labels.js';
import { ReportView, RuleStatusTag } from '../../prereview/ReportView.js';
import { useLoad } from '../../use-load.js';
import '../../prereview/prereview.css';

const FORM_LABELS: Record<string, string> = { name: '姓名', idNumber: '公民身份号码', phone: '手机号码', companyName: '单位名称', uscc: '统一社会信用代码' };

/** Submissions and decisions in the order they happened. */
function History({ app }: { app: ReviewerDetail }) {
  const events = [
    ...app.revisions.map((r) => ({ at: r.createdAt, color: 'blue', node: <>第 {r.revision} 次提交，AI 预审：{SUGGESTION[r.suggestion]}</> })),
    ...app.decisions.map((d) => ({
      at: d.decidedAt,
      color: d.decision === 'accept' ? 'green' : d.decision === 'reject' ? 'red' : 'orange',
      node: (
        <>
          <strong>{DECISION[d.decision]}</strong>（第 {d.revision} 次提交，{d.userName}）：{d.reason}
        </>
      ),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      className="prereview-history"
      items={events.map((e, i) => ({
        key: i,
        color: e.color,
        content: (
          <>
            <div className="muted">{formatDateTime(e.at)}</div>
            {e.node}
          </>
        ),
      }))}
    />
  );
}

function Workbench({ initial }: { initial: ReviewerDetail }) {
  const [app, setApp] = useState(initial);
  useEffect(() => setApp(initial), [initial]);
  const s = APPLICATION_STATUS[app.status];
  return (
    <div className="workbench">
      <div className="workbench-main">
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            { key: 'item', label: '办理事项', children: <Link to={`/entries/${encodeURIComponent(app.itemId)}`}>{app.itemName}</Link> },
            {
              key: 'status',
              label: '状态',
              children: (
                <>
                  <Tag color={s.color} data-testid="application-status">
                    {s.label}
                  </Tag>
                  第 {app.revision} 次提交，AI 预审 <RuleStatusTag status={app.suggestion} />
                </>
              ),
            },
            ...Object.entries(app.form).map(([k, v]) => ({ key: `form-${k}`, label: FORM_LABELS[k] ?? k, children: v })),
          ]}
        />
        <h2 className="section-title">审核决定</h2>
        {app.canDecide ? (
          <DecisionForm app={app} onDecided={setApp} />
        ) : (
          <Alert type="info" showIcon title={app.status === 'pending' ? '该申请属于其他部门，您只能查看，不能作出决定' : `该申请${s.label}，等待申请人补正或已办结`} />
        )}
        <h2 className="section-title">AI 预审报告（仅供参考）</h2>
        <ReportView report={app.report} />
        <h2 className="section-title">办理记录</h2>
        <History app={app} />
        <p className="muted">
          预审规则：{app.report.ruleSetVersion === 0 ? '按材料清单生成的默认规则' : `第 ${app.report.ruleSetVersion} 版`}；文字识别：{app.report.ocrEngine}
        </p>
      </div>
      <FilePane key={`${app.id}@${app.revision}`} files={app.files} />
    </div>
  );
}

/** One application: the AI report and the files side by side, the decision with its reason, the history. */
export function PrereviewDetailPage() {
  const { id = '' } = useParams();
  const [state, reload] = useLoad((signal) => getApplication(id, signal), id);
  return (
    <AdminPage title={`预审申请 ${id}`}>
      <Breadcrumb className="entry-breadcrumb" items={[{ title: <Link to="/admin/prereview">材料预审</Link> }, { title: id }]} />
      <LoadedView state={state} onRetry={reload}>
        {(app) => <Workbench initial={app} />}
      </LoadedView>
    </AdminPage>
  );
}
