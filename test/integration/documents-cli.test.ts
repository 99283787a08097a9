/**
 * `xiaozheng documents lint | eval-lint` run as a real process: findings with line:column,
 * exit code 1 on errors and 0 on a clean document, .docx read like .txt, per-rule counts over
 * a JSONL of documents. The checker needs no database, so one run covers both engines.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config/env.js';

const CLEAN = '云州市青禾区人民政府关于做好防汛工作的通知\n\n各镇人民政府：\n　　一、加强领导\n　　二、落实责任\n　　特此通知。\n\n云州市青禾区人民政府\n2026年7月1日\n';

// each run starts a Node process with tsx: seconds apiece on a busy machine
describe('xiaozheng documents CLI', { timeout: 120_000 }, () => {
  let dir: string;
  const file = (name: string, data: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data);
    return p;
  };
  function xiaozheng(...args: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(packageRoot(), 'src/cli/main.ts'), ...args], {
      env: { ...process.env, XZ_DATA_DIR: dir, XZ_DEMO_DATA: 'false', XZ_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-documents-cli-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lint: a clean .txt exits 0; errors are listed with line:column and a fix, exit 1', () => {
    const ok = xiaozheng('documents', 'lint', file('ok.txt', CLEAN));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('未发现格式问题');
    const bad = xiaozheng('documents', 'lint', file('bad.txt', CLEAN.replace('各镇人民政府：', '各镇人民政府:').replace('2026年7月1日', '2026年07月01日')));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('3:7 错误 [recipients] 主送机关：应以全角冒号“：”结尾（建议改为：：）');
    expect(bad.stdout).toMatch(/9:1 错误 \[date\] 成文日期：/);
    expect(bad.stdout).toContain('共 2 个错误');
  });

  it('lint: a .docx is read like text; --type judges it as that 文种; --json gives the API shape', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: CLEAN.trim().split('\n').filter(Boolean).map((text) => new Paragraph(text)) }] }));
    const p = file('通知.docx', docx);
    expect(xiaozheng('documents', 'lint', p).code).toBe(0);
    const asLetter = xiaozheng('documents', 'lint', p, '--type', '函', '--json');
    expect(asLetter.code).toBe(1);
    const { findings } = JSON.parse(asLetter.stdout) as { findings: Array<{ rule: string }> };
    expect(findings.map((f) => f.rule)).toContain('type-consistency');
    const badType = xiaozheng('documents', 'lint', p, '--type', '便函');
    expect(badType.code).toBe(1);
    expect(badType.stderr).toContain('--type');
  });

  it('lint: a missing file or another format is named in a Chinese error', () => {
    const missing = xiaozheng('documents', 'lint', path.join(dir, 'none.txt'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到文件');
    const pdf = xiaozheng('documents', 'lint', file('x.pdf', '%PDF-1.4'));
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toContain('.txt 或 .docx');
  });

  it('eval-lint: per-rule counts over a JSONL of documents, with the findings to judge', () => {
    const rows = [
      { id: 'a', text: CLEAN.replace(/\n/g, ' ') },
      { id: 'b', text: '关于转发人社部函[2020]11号文件的通知 各区人力社保局： 特此通知。' },
      { id: 'c', text: '今天天气很好。' },
    ];
    const r = xiaozheng('documents', 'eval-lint', file('docs.jsonl', rows.map((x) => JSON.stringify(x)).join('\n')));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('文档 3 篇；有提示 1 篇（33.3%），有错误 1 篇（33.3%）');
    expect(r.stdout).toMatch(/doc-number\s+1\s+1\s+1/);
    expect(r.stdout).toContain('人社部函【[2020]11号】');
    const broken = xiaozheng('documents', 'eval-lint', file('broken.jsonl', '{"id":"a","text":"x"}\nnot json\n'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('第 2 行');
  });
});
