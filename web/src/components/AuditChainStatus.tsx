import { Alert, Button, Spin, Typography } from 'antd';
import * as api from '../api-admin.js';
import { formatDateTime } from '../labels.js';
import { useLoad } from '../use-load.js';

/** The text to publish so later tampering is detectable: what `xiaozheng audit anchor` prints, `audit verify --anchor` reads. */
function anchorText(a: api.AuditAnchor): string {
  return `seq=${a.seq} sha256=${a.hash}`;
}

const PROBLEM_LABEL: Record<NonNullable<api.AuditVerification['firstBad']>['problem'], string> = {
  seq_gap: '序号缺失或错乱（记录被删除、插入或重排）',
  hash_mismatch: '内容与哈希不符（记录被篡改）',
  prev_hash_mismatch: '与上一条记录的链接断开（记录被插入、删除或重排）',
  anchor_mismatch: '与已发布的锚点不符（链被改写）',
  truncated: '链尾被截断',
};

/** The verification status of the whole chain, at the top of the audit viewer. */
export function AuditChainStatus() {
  const [state, reload] = useLoad(async (signal) => {
    const verify = await api.verifyAudit(signal);
    const anchor = verify.ok && verify.head ? await api.getAuditAnchor(signal) : null;
    return { verify, anchor };
  }, 'audit-verify');

  const recheck = (
    <Button size="small" onClick={reload}>
      重新校验
    </Button>
  );
  if (state.status === 'loading') {
    return (
      <div className="chain-status chain-checking" role="status">
        <Spin size="small" /> 正在校验审计链…
      </div>
    );
  }
  if (state.status === 'error') return <Alert className="chain-status" type="warning" showIcon title={`无法校验审计链：${state.message}`} action={recheck} />;

  const { verify, anchor } = state.data;
  if (!verify.ok) {
    const bad = verify.firstBad;
    return (
      <Alert
        className="chain-status"
        data-testid="chain-status"
        data-ok="false"
        type="error"
        showIcon
        role="alert"
        title={bad ? `审计链异常：第 ${bad.seq} 条记录异常` : '审计链异常'}
        description={
          <>
            {bad && (
              <div>
                问题：{PROBLEM_LABEL[bad.problem] ?? bad.problem}。{bad.message}
              </div>
            )}
            <div>自该条记录起的审计记录可能被篡改、删除或插入，请立即报告并核查数据库。</div>
          </>
        }
        action={recheck}
      />
    );
  }
  return (
    <Alert
      className="chain-status"
      data-testid="chain-status"
      data-ok="true"
      type="success"
      showIcon
      title="审计链完整"
      description={
        verify.head ? (
          <div className="chain-detail">
            <div>
              共 {verify.count} 条记录，最新为第 {verify.head.seq} 条
            </div>
            <div className="chain-hash">
              链头哈希：<code>{verify.head.hash}</code>
            </div>
            {anchor && (
              <div>
                锚点（可公开发布，用于日后核验）：
                <Typography.Text copyable={{ text: anchorText(anchor), tooltips: ['复制锚点', '已复制'] }}>
                  第 {anchor.seq} 条 · {formatDateTime(anchor.at)}
                </Typography.Text>
              </div>
            )}
          </div>
        ) : (
          '尚无审计记录'
        )
      }
      action={recheck}
    />
  );
}
