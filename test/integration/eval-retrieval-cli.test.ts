/**
 * `xiaozheng eval retrieval` run as a real process on a small corpus: the figures count the
 * questions as a user would by hand, a question given only its answer text is placed in its
 * document, and a broken line of input is named.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config/env.js';

const DOCS = [
  { id: 'p-housing', text: '关于住房公积金提取的通知\n职工购买自住住房的，可以提取住房公积金账户余额。\n申请提取时应当提交购房合同和身份证明。' },
  { id: 'p-market', text: '关于个体工商户登记的通知\n申请个体工商户登记，应当提交经营者身份证明和经营场所证明。\n登记机关当场作出决定。' },
  { id: 'p-birth', text: '关于生育津贴发放的通知\n参加生育保险的职工按照规定享受生育津贴。\n生育津贴按照职工所在用人单位上年度职工月平均工资计发。' },
  { id: 'p-noise', text: '关于春节假期安排的通知\n春节放假七天，机关单位照常值班。' },
];

const LAW = '# 示范登记条例\n\n2014年11月24日 中华人民共和国国务院令第656号公布\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了规范示范登记，制定本条例。\n\n第二条 示范登记由县级以上人民政府登记机关办理。\n';

describe('xiaozheng eval retrieval', { timeout: 180_000 }, () => {
  let dir: string;

  function evalRetrieval(questions: string, ...extra: string[]) {
    return evalRetrievalOn('docs.jsonl', questions, ...extra);
  }

  function evalRetrievalOn(docs: string, questions: string, ...extra: string[]) {
    const q = path.join(dir, `q-${Math.random().toString(36).slice(2)}.jsonl`);
    fs.writeFileSync(q, questions);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(packageRoot(), 'src/cli/main.ts'), 'eval', 'retrieval', '--docs', path.join(dir, docs), '--questions', q, '--with-laws', path.join(dir, 'laws'), ...extra],
      { env: { ...process.env, XZ_LOG_LEVEL: 'silent', XZ_DEMO_DATA: 'false' }, encoding: 'utf8' },
    );
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-eval-cli-'));
    fs.writeFileSync(path.join(dir, 'docs.jsonl'), DOCS.map((d) => JSON.stringify(d)).join('\n') + '\n');
    // the housing notice again, as another site reprinted it
    const reprint = { id: 'p-housing-reprint', text: `（转载）${DOCS[0]!.text}` };
    fs.writeFileSync(path.join(dir, 'docs-reprint.jsonl'), [...DOCS, reprint].map((d) => JSON.stringify(d)).join('\n') + '\n');
    fs.mkdirSync(path.join(dir, 'laws', '行政法'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'laws', '行政法', '示范登记条例(2019-03-24).md'), LAW);
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts hits, ranks and answer spans; a question with only its answer text gets its span from the document', () => {
    const housing = DOCS[0]!.text;
    const answer = '购房合同和身份证明';
    const lines = [
      // span given
      { id: 'q1', docId: 'p-housing', question: '提取住房公积金要提交什么材料？', span: [housing.indexOf(answer), housing.indexOf(answer) + answer.length] },
      // numeric ids, answer only: the span is found in the document
      { id: 2, docId: 'p-birth', question: '生育津贴按照什么标准计发？', answer: '按照职工所在用人单位上年度职工月平均工资计发' },
      // a question its gold document cannot answer: a miss, counted in every figure
      { id: 'q3', docId: 'p-noise', question: '个体工商户登记需要哪些证明？', answer: '这段话不在文件里' },
    ];
    const r = evalRetrieval(lines.map((l) => JSON.stringify(l)).join('\n') + '\n', '--json', '--show-misses');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      imported: { policies: number; lawFiles: number };
      all: { questions: number; hit1: number; hit5: number; mrr: number; spanTop3: number; withSpan: number };
      misses: { id: string; rank: number }[];
    };
    expect(out.imported).toEqual({ policies: 4, lawFiles: 1 });
    expect(out.all.questions).toBe(3);
    // q1 and q2 find their documents first; q3's gold document is not about the question
    expect(out.all.hit1).toBeCloseTo(2 / 3, 5);
    expect(out.misses.map((m) => m.id)).toEqual(['q3']);
    expect(out.misses[0]!.rank).not.toBe(1);
    expect(out.all.mrr).toBeLessThan(1);
    // spans are known for q1 (given) and q2 (found from its answer), not for q3
    expect(out.all.withSpan).toBe(2);
    expect(out.all.spanTop3).toBe(1);
  });

  it('names the file and line of a broken question and of a missing field', () => {
    const bad = evalRetrieval('{"id":"a","docId":"p-birth","question":"生育津贴？"}\n{oops\n');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/q-[a-z0-9]+\.jsonl:2: 不是有效的 JSON/);
    const missing = evalRetrieval('{"id":"a","docId":"p-birth"}\n');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/\.jsonl:1: question/);
  });

  it('tells apart, as a diagnostic, a first document that is a reprint of the gold one from one that is not', () => {
    const lines = [
      // asked of the reprint: the original (or the reprint) comes first; either way a reprint of the gold
      { id: 'r1', docId: 'p-housing-reprint', question: '提取住房公积金要提交什么材料？', answer: '购房合同和身份证明' },
      // the gold document does not answer it: what comes first is no reprint of it
      { id: 'r2', docId: 'p-noise', question: '个体工商户登记需要哪些证明？' },
    ];
    const r = evalRetrievalOn('docs-reprint.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { all: { hit1: number; hit1Reprint: number; withSpan: number } };
    expect(out.all.hit1Reprint).toBe(0.5);
    expect(out.all.hit1).toBeLessThanOrEqual(0.5);
    expect(out.all.withSpan).toBe(1);
  });
});
