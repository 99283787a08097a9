import { Alert, Descriptions, Tag } from 'antd';
import { formatDateTime } from '../labels.js';
import type { CitizenStatus } from '../api-prereview.js';
import { APPLICATION_STATUS, DECISION, EXTRACTION } from './labels.js';
import { ReportView } from './ReportView.js';

/** The reviewer's decision as the citizen reads it: what was decided, why, when. */
export function DecisionNotice({ status }: { status: CitizenStatus }) {
  const d = status.decision;
  if (!d) return <Alert type="info" showIcon title="等待工作人员审核" description="预审结果仅供参考，工作人员审核后将在此显示结果和理由。" />;
  const type = d.decision === 'accept' ? 'success' : d.decision === 'reject' ? 'error' : 'warning';
  return (
    <Alert
      className="decision-notice"
      data-testid="decision-notice"
      type={type}
      showIcon
      title={`审核结果：${DECISION[d.decision]}（${formatDateTime(d.decidedAt)}，针对第 ${d.revision} 次提交）`}
      description={
        <>
          <div>理由：{d.reason}</div>
          {d.decision === 'supplement' && status.canResubmit && <div>请按上述理由补正材料后重新提交。</div>}
        </>
      }
    />
  );
}

/** An application as its applicant sees it: status, decision, files and the latest report. */
export function StatusView({ status }: { status: CitizenStatus }) {
  const s = APPLICATION_STATUS[status.status];
  return (
    <div className="status-view">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'id', label: '申请编号', children: <span data-testid="application-id">{status.id}</span> },
          { key: 'item', label: '办理事项', children: status.itemName },
          {
            key: 'status',
            label: '办理状态',
            children: (
              <Tag color={s.color} data-testid="application-status">
                {status.statusLabel || s.label}
              </Tag>
            ),
          },
          { key: 'revision', label: '提交次数', children: `第 ${status.revision} 次（${formatDateTime(status.updatedAt)}）` },
        ]}
      />
      <DecisionNotice status={status} />
      <section aria-label="已提交的材料" className="status-files">
        <h2 className="section-title">已提交的材料</h2>
        <ul className="plain-list">
          {status.files.map((f, i) => (
            <li key={i}>
              {f.name} <Tag>{f.docType === '其他' ? '其他材料' : f.docType}</Tag>
              <span className="muted">{EXTRACTION[f.extraction] ?? f.extraction}</span>
            </li>
          ))}
        </ul>
      </section>
      <h2 className="section-title">预审报告</h2>
      <ReportView report={status.report} />
    </div>
  );
}
