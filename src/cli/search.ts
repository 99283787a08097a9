import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { createAppContext } from '../app-context.js';
import { loadEnv } from '../config/env.js';
import { ENTRY_KINDS, entryKindSchema } from '../knowledge/knowledge.schema.js';
import { importLaws, importPolicyDocs, readDocTexts, readQuestions, runQuestions } from '../search/search.eval.js';
import { searchRequestSchema } from '../search/search.schema.js';
import { readServiceQueries, runServiceQueries } from '../search/service.eval.js';
import { loadDemoDataIfEmpty } from '../knowledge/demo-data.js';
import { runChatEval } from '../assistant/chat.eval.js';

function pct(x: number): string {
  return x.toFixed(3);
}

export function registerSearchCommands(program: Command): void {
  program
    .command('search <query>')
    .description('搜索知识库')
    .option('--limit <n>', '返回条数', '10')
    .option('--kind <kind>', `只搜索某类条目（${ENTRY_KINDS.join('/')}），可重复`, (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--date <YYYY-MM-DD>', '按该日有效的版本搜索（默认今天）')
    .option('--json', '以 JSON 输出')
    .action(async (query: string, opts: { limit: string; kind: string[]; date?: string; json?: boolean }) => {
      const params = searchRequestSchema.parse({
        query,
        limit: Number(opts.limit),
        kinds: opts.kind.length ? opts.kind.map((k) => entryKindSchema.parse(k)) : undefined,
        filters: opts.date ? { date: opts.date } : undefined,
      });
      const ctx = await createAppContext(loadEnv());
      try {
        const res = await ctx.search.search(params);
        if (opts.json) console.log(JSON.stringify(res, null, 2));
        else {
          console.log(`共 ${res.total} 条，用时 ${res.tookMs} ms；检索词：${res.terms.join(' ')}`);
          for (const h of res.hits) {
            console.log(`${h.score.toFixed(2).padStart(7)}  ${h.docId}  ${h.title}  [${h.passage.label}]`);
            console.log(`         ${h.passage.text.replace(/\s+/g, ' ').slice(0, 100)}`);
          }
        }
      } finally {
        await ctx.close();
      }
    });

  const evalCmd = program.command('eval').description('评测');
  evalCmd
    .command('retrieval')
    .description('检索评测：导入政策文件（及法律法规），逐题检索，输出 hit@1、hit@5、MRR、答案片段命中率')
    .requiredOption('--docs <file>', '政策文件 JSONL（{id,text}）')
    .requiredOption('--questions <file>', '问题 JSONL（{id,docId,question,span}）')
    .option('--with-laws <dir>', '同时导入法律法规 Markdown 目录')
    .option('--data-dir <dir>', '数据目录（默认新建临时目录）')
    .option('--limit-questions <n>', '只评测前 N 题')
    .option('--show-misses', '列出首位未命中的问题')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { docs: string; questions: string; withLaws?: string; dataDir?: string; limitQuestions?: string; showMisses?: boolean; json?: boolean }) => {
      const dataDir = path.resolve(opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xz-eval-')));
      const env = { ...loadEnv(), dataDir, databaseUrl: undefined };
      const ctx = await createAppContext(env, { searchIndex: false });
      try {
        const t0 = performance.now();
        const docTexts = readDocTexts(path.resolve(opts.docs));
        const docs = await importPolicyDocs(ctx.knowledge, docTexts);
        const t1 = performance.now();
        const laws = opts.withLaws ? await importLaws(ctx.knowledge, path.resolve(opts.withLaws)) : 0;
        const t2 = performance.now();
        const heapBefore = process.memoryUsage().heapUsed;
        await ctx.search.init();
        const t3 = performance.now();
        let questions = readQuestions(path.resolve(opts.questions), docTexts);
        if (opts.limitQuestions) questions = questions.slice(0, Number(opts.limitQuestions));
        const unknownDocs = questions.filter((q) => !docTexts.has(q.docId)).length;
        if (unknownDocs) console.error(`注意：${unknownDocs} 道题的 docId 不在 --docs 文件中，按未命中计`);
        const report = runQuestions(ctx.search, questions, docTexts);
        const status = ctx.search.status();
        const mem = process.memoryUsage();
        const out = {
          dataDir,
          imported: { policies: docs, lawFiles: laws },
          timings: { importPoliciesMs: Math.round(t1 - t0), importLawsMs: Math.round(t2 - t1), indexBuildMs: Math.round(t3 - t2), ...{ msPerQueryMean: report.msPerQueryMean, msPerQueryP95: report.msPerQueryP95 } },
          index: { ...status, heapGrowthBytes: mem.heapUsed - heapBefore, rssBytes: mem.rss },
          all: report.all,
          odd: report.odd,
          even: report.even,
          ...(opts.showMisses ? { misses: report.misses } : {}),
        };
        if (opts.json) console.log(JSON.stringify(out, null, 2));
        else {
          console.log(`导入：政策 ${docs} 篇（${out.timings.importPoliciesMs} ms），法律法规 ${laws} 个文件（${out.timings.importLawsMs} ms）`);
          console.log(`索引：${status.entries} 条目 / ${status.versions} 版本 / ${status.passages} 段落，构建 ${out.timings.indexBuildMs} ms，索引 ${(status.indexBytes / 1048576).toFixed(1)} MB，RSS ${(mem.rss / 1048576).toFixed(0)} MB`);
          console.log(`查询：平均 ${report.msPerQueryMean.toFixed(2)} ms，p95 ${report.msPerQueryP95.toFixed(2)} ms`);
          for (const [name, f] of [['全部', report.all], ['奇数题', report.odd], ['偶数题', report.even]] as const) {
            const spanNote = f.withSpan < f.questions ? `（${f.withSpan} 题有答案位置）` : '';
            console.log(`${name}（${f.questions}）：hit@1 ${pct(f.hit1)}  hit@5 ${pct(f.hit5)}  MRR ${pct(f.mrr)}  span@top3 ${pct(f.spanTop3)}${spanNote}`);
          }
          console.log(`参考（非目标）：首位文档同样逐字包含答案即算命中的 hit@1 ${pct(report.all.hit1AnyCopy)}；首位文档是标准文档的转载（五字片段九成以上互见）即算命中的 hit@1 ${pct(report.all.hit1Reprint)}`);
          if (opts.showMisses) for (const m of report.misses) console.log(`  未命中 rank=${m.rank} ${m.question}`);
        }
      } finally {
        await ctx.close();
      }
    });

  evalCmd
    .command('chat')
    .description('问答评测：逐题回答政策问题，输出答案含标准答案比例、引用正确文件比例、引文与原文一致比例；另测范围外/紧急消息集')
    .requiredOption('--docs <file>', '政策文件 JSONL（{id,text}）')
    .requiredOption('--questions <file>', '问题 JSONL（{id,docId,question,answer,span}）')
    .option('--with-laws <dir>', '同时导入法律法规 Markdown 目录')
    .option('--scope <file>', '范围外/紧急消息集 JSONL', 'data/eval/chat-scope.jsonl')
    .option('--kb <dir>', '范围集使用的知识库目录', 'data/demo')
    .option('--data-dir <dir>', '数据目录（默认新建临时目录）')
    .option('--limit-questions <n>', '只评测前 N 题')
    .option('--show-misses', '列出未含标准答案的回答和处理不当的消息')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { docs: string; questions: string; withLaws?: string; scope: string; kb: string; dataDir?: string; limitQuestions?: string; showMisses?: boolean; json?: boolean }) => {
      const r = await runChatEval(loadEnv(), { ...opts, limitQuestions: opts.limitQuestions ? Number(opts.limitQuestions) : undefined });
      if (opts.json) return console.log(JSON.stringify(r, null, 2));
      for (const [name, f] of [['全部', r.policy.all], ['奇数题', r.policy.odd], ['偶数题', r.policy.even]] as const) {
        console.log(`${name}（${f.questions}）：含标准答案 ${pct(f.goldContained)}  引用正确文件 ${pct(f.rightDoc)}（首条引用 ${pct(f.rightDocFirst)}）  引文与原文一致 ${pct(f.exactQuotes)}（${f.citations} 条）  作答 ${pct(f.answered)}  平均 ${f.meanAnswerChars.toFixed(0)} 字`);
      }
      if (r.scope) {
        console.log(`范围外/紧急消息（${r.scope.cases} 条）：处理正确 ${pct(r.scope.handledRight)}`);
        console.log(`  ${Object.entries(r.scope.byCategory).map(([k, b]) => `${k} ${b.right}/${b.n}`).join('  ')}`);
      }
      if (opts.showMisses) {
        for (const m of r.misses ?? []) console.log(`  未含 ${m.odd ? '奇' : '偶'} ${m.question}\n    标准：${m.gold}\n    回答：${m.answer.replace(/\n/g, ' ')}\n    引用：${m.cited.join(', ')}`);
        for (const m of r.scope?.misses ?? []) console.log(`  范围 ${m.id} 期望 ${m.expect}，实际 ${m.got}：${m.message}`);
      }
    });

  evalCmd
    .command('service')
    .description('办事指南检索评测：口语化问题能否找到正确事项和字段（材料、时限、收费、地点…）')
    .option('--kb <dir>', '知识库 JSONL 目录', 'data/demo')
    .option('--queries <file>', '问题 JSONL（{id,question,docId,docIds?,labels?}）', 'data/eval/service-queries.jsonl')
    .option('--show-misses', '列出未命中的问题')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { kb: string; queries: string; showMisses?: boolean; json?: boolean }) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-eval-service-'));
      const ctx = await createAppContext({ ...loadEnv(), dataDir, databaseUrl: undefined }, { searchIndex: false });
      try {
        await loadDemoDataIfEmpty(ctx.knowledge, path.resolve(opts.kb));
        await ctx.search.init();
        const r = runServiceQueries(ctx.search, readServiceQueries(path.resolve(opts.queries)));
        if (opts.json) console.log(JSON.stringify(opts.showMisses ? r : { ...r, misses: undefined }, null, 2));
        else {
          console.log(`事项检索（${r.queries} 题）：hit@1 ${pct(r.hit1)}  hit@3 ${pct(r.hit3)}  MRR ${pct(r.mrr)}`);
          console.log(`字段段落（${r.labelled} 题）：首段 ${pct(r.label1)}  前两段 ${pct(r.label2)}`);
          if (opts.showMisses) for (const m of r.misses) console.log(`  ${m.id} rank=${m.rank} [${m.label ?? '-'}] ${m.question} → ${m.top}`);
        }
      } finally {
        await ctx.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
}
