import { Alert, Tag } from 'antd';
import { formatDateTime } from '../labels.js';
import type { Report, RuleResult, RuleStatus } from '../api-prereview.js';
import { RULE_STATUS, SUGGESTION } from './labels.js';

const ORDER: Record<RuleStatus, number> = { fail: 0, uncertain: 1, pass: 2 };
const ALERT: Record<RuleStatus, 'success' | 'error' | 'warning'> = { pass: 'success', fail: 'error', uncertain: 'warning' };

export function RuleStatusTag({ status }: { status: RuleStatus }) {
  const s = RULE_STATUS[status];
  return (
    <Tag color={s.color} className="rule-status">
      <span className="rule-mark" aria-hidden="true">
        {s.mark}
      </span>
      {s.label}
    </Tag>
  );
}

function RuleRow({ r }: { r: RuleResult }) {
  return (
    <li className={`rule-result rule-${r.status}`} data-rule={r.ruleId} data-status={r.status}>
      <div className="rule-head">
        <RuleStatusTag status={r.status} />
        <strong className="rule-label">{r.label}</strong>
      </div>
      <p className="rule-explanation">
        {r.status !== 'pass' && <span className="rule-fix">{r.status === 'fail' ? '请修改：' : '说明：'}</span>}
        {r.explanation}
      </p>
      {r.evidence.length > 0 && (
        <ul className="rule-evidence" aria-label="依据">
          {r.evidence.map((e, i) => (
            <li key={i}>
              <span className="evidence-source">{e.source}</span>
              {e.field && <span className="muted">（{e.field}）</span>}：<q>{e.text || '（空）'}</q>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The pre-review report: the suggestion and its counts, then each rule — failures first, since
 * they are what the applicant has to fix — with its evidence and explanation.
 */
export function ReportView({ report }: { report: Report }) {
  const results = [...report.results].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <section className="prereview-report" aria-label="预审报告">
      <Alert
        type={ALERT[report.suggestion]}
        showIcon
        title={`${SUGGESTION[report.suggestion]}：通过 ${report.counts.pass} 项，不通过 ${report.counts.fail} 项，需人工核对 ${report.counts.uncertain} 项`}
        description={report.summary}
      />
      <ol className="rule-results">
        {results.map((r) => (
          <RuleRow key={r.ruleId} r={r} />
        ))}
      </ol>
      <p className="muted report-note">
        预审时间 {formatDateTime(report.checkedAt)}。预审结果由系统自动生成，仅供参考，是否受理以工作人员审核为准。
      </p>
    </section>
  );
}
