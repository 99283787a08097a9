import { Alert, App, Button, Form, Input, Space, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api.js';
import { getRules, putRules, type RuleSet } from '../../api-prereview.js';
import { useAuth } from '../../auth.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { formatDateTime } from '../../labels.js';
import { useLoad } from '../../use-load.js';
import '../../prereview/prereview.css';

const KINDS = 'required_material（材料齐全）、field（字段校验：idcard / uscc / phone / date / nonempty）、not_expired（证件未过期）、age（年龄 min/max）、consistency（a 与 b 一致）、condition（自定义条件 expr + message）';

/** The server's answer to a bad rule set, one line per problem, each naming the rule (body.rules.3.field → 第 4 条). */
function problemsOf(err: ApiError): string[] {
  const issues = Array.isArray(err.details) ? (err.details as Array<{ field?: string; message?: string }>) : [];
  if (issues.length === 0) return [err.message];
  return issues.map((i) => {
    const m = /^body\.rules\.(\d+)(?:\.(.+))?$/.exec(i.field ?? '');
    const at = m ? `第 ${Number(m[1]) + 1} 条规则${m[2] ? `的 ${m[2]}` : ''}` : (i.field ?? '').replace(/^body\.?/, '');
    return `${at ? `${at}：` : ''}${i.message ?? ''}`;
  });
}

function Editor({ itemId, ruleSet, onSaved }: { itemId: string; ruleSet: RuleSet; onSaved(): void }) {
  const { message } = App.useApp();
  const auth = useAuth();
  const canEdit = auth.can('kb.write');
  const initialText = useMemo(() => JSON.stringify(ruleSet.rules, null, 2), [ruleSet]);
  const [text, setText] = useState(initialText);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(initialText), [initialText]);

  async function save() {
    let rules: unknown;
    try {
      rules = JSON.parse(text);
    } catch (err) {
      setProblems([`JSON 格式有误：${err instanceof Error ? err.message : String(err)}`]);
      return;
    }
    if (!Array.isArray(rules)) {
      setProblems(['规则应为数组：[ { "id": …, "kind": … }, … ]']);
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      const r = await putRules(itemId, rules, note.trim() || undefined);
      message.success(r.changed ? `已保存为第 ${r.ruleSet.version} 版` : '规则没有变化，未生成新版本');
      setNote('');
      onSaved();
    } catch (err) {
      setProblems(err instanceof ApiError ? problemsOf(err) : ['保存失败，请稍后再试']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form layout="vertical" className="rules-editor" onFinish={() => void save()}>
      <p>
        {ruleSet.source === 'default' ? <Tag>按材料清单生成的默认规则（尚未保存）</Tag> : <Tag color="blue">第 {ruleSet.version} 版</Tag>}
        {ruleSet.createdAt && (
          <span className="muted">
            {ruleSet.createdBy} 保存于 {formatDateTime(ruleSet.createdAt)}
            {ruleSet.note && `：${ruleSet.note}`}
          </span>
        )}
      </p>
      <p className="muted">规则类型：{KINDS}。字段引用写作 form.name 或 file[居民身份证].姓名。</p>
      <Form.Item label="规则（JSON）" htmlFor="rules-json">
        <Input.TextArea id="rules-json" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 16, maxRows: 40 }} readOnly={!canEdit} spellCheck={false} />
      </Form.Item>
      {problems.length > 0 && (
        <Alert
          className="form-problems"
          type="error"
          showIcon
          role="alert"
          title="规则有误，未保存"
          description={
            <ul className="plain-list">
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      {canEdit ? (
        <Space wrap align="end">
          <Form.Item label="修改说明" htmlFor="rules-note" className="inline-item">
            <Input id="rules-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="例如：增加年龄限制" />
          </Form.Item>
          <Form.Item className="inline-item">
            <Button type="primary" htmlType="submit" loading={busy}>
              保存为新版本
            </Button>
          </Form.Item>
          <Form.Item className="inline-item">
            <Button onClick={() => setText(initialText)} disabled={text === initialText}>
              撤销修改
            </Button>
          </Form.Item>
        </Space>
      ) : (
        <Alert type="info" showIcon title="只有知识库编辑可以修改预审规则" />
      )}
    </Form>
  );
}

/** 预审规则 of one item: the JSON rule list, checked by the server, saved as a new version. */
export function PrereviewRulesPage() {
  const { itemId = '' } = useParams();
  const navigate = useNavigate();
  const [state, reload] = useLoad((signal) => (itemId ? getRules(itemId, signal) : Promise.resolve(null)), itemId);
  return (
    <AdminPage title={itemId ? `预审规则：${itemId}` : '预审规则'}>
      <Form
        name="rules-item"
        layout="inline"
        className="rules-item"
        initialValues={{ itemId }}
        onFinish={(v: { itemId: string }) => navigate(`/admin/prereview/rules/${encodeURIComponent(v.itemId.trim())}`)}
      >
        <Form.Item label="事项编号" name="itemId" rules={[{ required: true, whitespace: true, message: '请填写事项编号' }]}>
          <Input placeholder="例如 qh-item-001" />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">打开</Button>
        </Form.Item>
      </Form>
      {itemId && (
        <LoadedView state={state} onRetry={reload}>
          {(ruleSet) =>
            ruleSet && (
              <>
                {ruleSet.versions.length > 0 && (
                  <details className="rules-versions">
                    <summary>历史版本（{ruleSet.versions.length}）</summary>
                    <ul className="plain-list">
                      {ruleSet.versions.map((v) => (
                        <li key={v.version}>
                          第 {v.version} 版，{v.createdBy}，{formatDateTime(v.createdAt)}
                          {v.note && `：${v.note}`}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
                <Editor itemId={itemId} ruleSet={ruleSet} onSaved={reload} />
              </>
            )
          }
        </LoadedView>
      )}
    </AdminPage>
  );
}
