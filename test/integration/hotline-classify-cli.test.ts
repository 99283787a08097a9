/** `xiaozheng hotline train` (a file, --from-orders) and `hotline classify`, run as real processes against both engines. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config/env.js';
import { loadModel } from '../../src/hotline/classifier/store.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const HISTORY = [
  ['公交车不按站停靠', '12路公交车经常不按站停靠，乘客无法上车。', '交通运输'],
  ['公交线路调整', '希望增加公交线路班次，早高峰公交车太挤。', '交通运输'],
  ['出租车拒载', '出租车司机拒载绕路，希望加强出租车管理。', '交通运输'],
  ['学校补课收费', '学校老师组织学生周末补课并收取补课费。', '教育文体'],
  ['入学难', '孩子入学报名被学校拒绝，学位不够。', '教育文体'],
  ['教师待遇', '乡村教师工资长期偏低，学校留不住老师。', '教育文体'],
] as const;

// each run starts a Node process with tsx: seconds apiece on a busy machine
describe.each(DIALECTS)('xiaozheng hotline train / classify (%s)', { timeout: 240_000 }, (dialect) => {
  let t: TestContext;
  let file: string;

  function xiaozheng(...args: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(packageRoot(), 'src/cli/main.ts'), ...args], {
      env: { ...process.env, XZ_DATA_DIR: t.dataDir, XZ_DEMO_DATA: 'false', XZ_LOG_LEVEL: 'silent', ...(t.databaseUrl ? { XZ_DATABASE_URL: t.databaseUrl } : {}) },
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
    file = path.join(t.dataDir, 'history.jsonl');
    fs.writeFileSync(file, HISTORY.map(([title, text, category]) => JSON.stringify({ title, text, category })).join('\n'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('trains from a file, printing the cross-validation with each fold and the saved model; classify then answers with it', () => {
    const r = xiaozheng('hotline', 'train', file, '--folds', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('读入 6 条工单');
    expect(r.stdout).toMatch(/3 折分层交叉验证一级分类准确率：[\d.]+%（各折 [\d.]+% [\d.]+% [\d.]+%；标准差/);
    expect(r.stdout).toContain('模型已保存');
    expect(r.stdout).toMatch(/单条分类耗时：中位 [\d.]+ ms/);
    const c = xiaozheng('hotline', 'classify', '公交车司机不让乘客上车', '--title', '公交车拒载');
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ category: '交通运输', alternatives: [{ category: '教育文体' }] });
  });

  it('refuses --from-orders with too few closed orders, naming the count, and keeps the model', () => {
    const before = loadModel(t.dataDir)!.trainedAt;
    const r = xiaozheng('hotline', 'train', '--from-orders');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('已办结且有分类的工单 0 条');
    expect(loadModel(t.dataDir)!.trainedAt).toBe(before);
  });

  it('merges the closed orders with a file under --from-orders and records the retrain in the audit trail', async () => {
    const at = new Date().toISOString();
    for (let i = 0; i < 3; i++) {
      await t.ctx.database.db
        .insertInto('hotline_orders')
        .values({
          id: `GD-CLI-${i}`, channel: 'phone', status: 'closed', order_type: '投诉', category: '环境保护/噪声污染', urgency: 'normal', title: '工地夜间施工噪音', content: `工地夜间施工噪音扰民第 ${i} 次。`,
          caller_name: null, caller_phone: null, location: '{}', division_code: null, department_id: null, co_department_ids: '[]', merged_into: null,
          chat_session_id: null, attachments: '[]', suggestions: '{}', reply: '已处理', replied_at: at, satisfaction: null, sign_due_at: null, due_at: null,
          extended_days: 0, supervise_count: 0, reopen_count: 0, overdue_at: null, idempotency_key: null, version: 1, created_by: 'test', created_at: at, updated_at: at, closed_at: at,
        })
        .execute();
    }
    const r = xiaozheng('hotline', 'train', file, '--from-orders', '--min', '5', '--folds', '0');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('训练样本 9 条（已办结工单 3，文件 6）');
    expect(r.stdout).not.toContain('交叉验证');
    expect(loadModel(t.dataDir)!.levels[0]!.labels).toEqual(['交通运输', '教育文体', '环境保护']);
    const rec = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'hotline.classifier.retrain').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(rec.after!)).toMatchObject({ fromOrders: 3, fromFile: 6 });
  });

  it('names a missing file, or a missing source, in Chinese', () => {
    expect(xiaozheng('hotline', 'train', path.join(t.dataDir, 'nope.jsonl')).stderr).toContain('找不到训练文件');
    expect(xiaozheng('hotline', 'train').stderr).toContain('--from-orders');
  });
});
