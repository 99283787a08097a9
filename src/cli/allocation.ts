/**
 * `xiaozheng allocation verify FILE.json | simulate`. verify exits 0 only when the export
 * recomputes exactly (list hash, commitment, seed, every rank), 2 when something does not
 * match (each mismatch printed), 1 when the file cannot be read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { drawInputSchema } from '../allocation/allocation.schema.js';
import { simulateRound } from '../allocation/simulate.js';
import { verifyExport } from '../allocation/verify.js';
import { createAppContext } from '../app-context.js';
import { loadEnv } from '../config/env.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { parseOption } from './cli-support.js';

const EXIT_MISMATCH = 2;
const hash64 = z.string().regex(/^[0-9a-fA-F]{64}$/, '应为 64 位十六进制');

export function registerAllocationCommands(program: Command): void {
  const allocation = program.command('allocation').description('公共资源分配：抽签校验与模拟');

  allocation
    .command('verify <file>')
    .description('按公开算法重算校验文件中的名单哈希、承诺值、种子和全部排位；全部一致时退出码 0，不一致时 2')
    .option('--expect-commitment <hex>', '抽签前公布的承诺值（防止整份文件被重新生成）')
    .option('--expect-list-hash <hex>', '抽签前公示的名单哈希')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, opts: { expectCommitment?: string; expectListHash?: string; json?: boolean }) => {
      const commitment = opts.expectCommitment === undefined ? undefined : parseOption(hash64, opts.expectCommitment, '--expect-commitment');
      const listHash = opts.expectListHash === undefined ? undefined : parseOption(hash64, opts.expectListHash, '--expect-list-hash');
      const source = path.resolve(file);
      if (!fs.existsSync(source)) throw new AppError(ErrorCode.ValidationFailed, `找不到校验文件：${source}`);
      let data: unknown;
      try {
        data = JSON.parse(fs.readFileSync(source, 'utf8'));
      } catch (err) {
        throw new AppError(ErrorCode.ValidationFailed, `校验文件不是有效的 JSON：${(err as Error).message}`);
      }
      const report = await verifyExport(data, { commitment, listHash });
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const line of report.checked) console.log(`✓ ${line}`);
        for (const line of report.problems) console.error(`✗ ${line}`);
        if (report.ok) console.log(`校验通过：${report.summary!.qualified} 名合格申请人，${report.summary!.slots} 个名额，${report.summary!.selected} 人入选，结果与公开算法重算完全一致`);
        else console.error(`校验未通过：发现 ${report.problems.length} 处不一致`);
      }
      if (!report.ok) process.exitCode = EXIT_MISMATCH;
    });

  allocation
    .command('simulate')
    .description('在临时数据库中用生成的申请人（身份证号码符合 GB 11643）完整运行一轮分配，并写出校验文件')
    .requiredOption('--applicants <n>', '报名人数')
    .requiredOption('--slots <k>', '名额数')
    .requiredOption('--out <file>', '校验文件输出路径')
    .option('--public-value <value>', '抽签时的公开随机值（默认随机生成）')
    .option('--seed <text>', '生成申请人数据的种子（便于复现）')
    .action(async (opts: { applicants: string; slots: string; out: string; publicValue?: string; seed?: string }) => {
      const applicants = parseOption(z.coerce.number().int().min(1).max(100_000), opts.applicants, '--applicants');
      const slots = parseOption(z.coerce.number().int().min(1).max(100_000), opts.slots, '--slots');
      // the same rule as at the supervisor's draw: trimmed, no control characters (docs/allocation.md, the seed)
      const publicValue = opts.publicValue === undefined ? undefined : parseOption(drawInputSchema.shape.publicValue, opts.publicValue, '--public-value');
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-allocation-sim-'));
      const ctx = await createAppContext(loadEnv({ XZ_DATA_DIR: dataDir, XZ_DEMO_DATA: 'false', XZ_LOG_LEVEL: 'silent' }), { searchIndex: false });
      try {
        const t0 = performance.now();
        const data = await simulateRound(ctx.allocation, ctx.auth.clock, { applicants, slots, publicValue, seed: opts.seed });
        fs.writeFileSync(path.resolve(opts.out), `${JSON.stringify(data, null, 2)}\n`);
        const selected = data.results.filter((r) => r.selected).length;
        console.log(`模拟完成（${((performance.now() - t0) / 1000).toFixed(1)} s）：${applicants} 人报名，${data.qualified.length} 人合格，${selected} 人入选`);
        console.log(`名单哈希 ${data.listHash}\n承诺值   ${data.commitment}\n公开随机值 ${data.publicValue}\n种子     ${data.seed}`);
        console.log(`校验文件已写入 ${path.resolve(opts.out)}；可用 xiaozheng allocation verify 校验`);
      } finally {
        await ctx.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
}
