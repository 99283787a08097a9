/**
 * `xiaozheng audit verify | anchor | export`. verify exits 0 when the chain is intact, 2 when
 * it is broken (naming the first bad record), 1 on any other error.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { auditFilterSchema, anchorSchema } from '../audit/audit.schema.js';
import { systemActor } from '../auth/actor.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { parseOption, withContext } from './cli-support.js';

const EXIT_BROKEN = 2;

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志：校验、锚点、导出');

  audit
    .command('verify')
    .description('校验审计链（哈希、序号、链接与已发布的锚点）；完整时退出码 0，被破坏时 2')
    .option('--anchor <SEQ:HASH>', '此前发布的锚点（audit anchor 的输出），用于发现链尾截断或整链改写')
    .option('--from <seq>', '从该序号开始校验（其前的链视为可信）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { anchor?: string; from?: string; json?: boolean }) => {
      const anchor = opts.anchor === undefined ? undefined : parseOption(anchorSchema, opts.anchor, '--anchor');
      const fromSeq = opts.from === undefined ? undefined : parseOption(z.coerce.number().int().positive(), opts.from, '--from');
      // millions of records take minutes: show how far the walk is, for a person at a terminal
      const onProgress = process.stderr.isTTY ? (n: number, head: number) => process.stderr.write(`\r校验中 ${n} / ${head}…`) : undefined;
      const r = await withContext((ctx) => ctx.audit.verify({ anchor, fromSeq, onProgress }));
      if (onProgress) process.stderr.write('\r\x1b[K');
      if (opts.json) console.log(JSON.stringify(r, null, 2));
      else if (r.ok) {
        const head = r.head ? `，最新记录 seq=${r.head.seq} sha256=${r.head.hash}` : '（尚无记录）';
        console.log(`审计链完整：已校验 ${r.count} 条${head}${anchor ? `；与锚点 seq=${anchor.seq} 一致` : ''}`);
      }
      if (!r.ok) {
        const bad = r.firstBad!;
        console.error(`审计链被破坏：第一条问题记录 seq=${bad.seq}（${bad.problem}）：${bad.message}`);
        console.error(`此前已校验 ${r.count} 条完好记录${r.head ? `；表中最新记录 seq=${r.head.seq}` : ''}`);
        process.exitCode = EXIT_BROKEN;
      }
    });

  audit
    .command('anchor')
    .description('输出最新记录的序号与哈希（seq=… sha256=…），供对外发布；日后以 verify --anchor 校验')
    .action(async () => {
      const head = await withContext((ctx) => ctx.audit.anchor());
      if (!head) throw new AppError(ErrorCode.NotFound, '审计日志为空，尚无可发布的锚点');
      console.log(`seq=${head.seq} sha256=${head.hash}`);
      console.error(`记录时间 ${head.at}；请先运行 audit verify 确认链完整后再发布`);
    });

  audit
    .command('export')
    .description('导出审计记录为 JSONL（个人信息已脱敏）；导出本身记入审计日志')
    .option('--out <file>', '输出文件（默认标准输出）')
    .option('--actor <name>', '操作人登录名或用户 ID')
    .option('--action <action>', '动作，如 user.update')
    .option('--entity-type <type>', '对象类型')
    .option('--entity-id <id>', '对象 ID')
    .option('--from <date>', '起始日期 YYYY-MM-DD 或 ISO 时间（含）')
    .option('--to <date>', '截止日期 YYYY-MM-DD（含当日）或 ISO 时间（不含）')
    .action(async (opts: { out?: string; actor?: string; action?: string; entityType?: string; entityId?: string; from?: string; to?: string }) => {
      const { out, ...rest } = opts;
      const filter = parseOption(auditFilterSchema, rest);
      await withContext(async (ctx) => {
        const { receipt, records } = await ctx.audit.export(systemActor('cli'), filter, { pii: false, target: out ? 'file' : 'stdout' });
        let n = 0;
        const lines = Readable.from(
          (async function* () {
            for await (const r of records) {
              n++;
              yield `${JSON.stringify(r)}\n`;
            }
          })(),
        );
        await pipeline(lines, out ? fs.createWriteStream(out) : process.stdout, { end: Boolean(out) });
        console.error(`已导出 ${n} 条记录${out ? `到 ${out}` : ''}；本次导出记为审计记录 seq=${receipt.seq}`);
      });
    });
}
