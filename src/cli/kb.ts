import type { Command } from 'commander';
import { createAppContext } from '../app-context.js';
import { loadEnv } from '../config/env.js';

export function registerKbCommands(program: Command): void {
  const kb = program.command('kb').description('知识库管理');
  kb.command('stats')
    .description('知识库统计')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await createAppContext(loadEnv(), { searchIndex: false });
      try {
        const s = await ctx.knowledge.stats();
        if (opts.json) console.log(JSON.stringify(s, null, 2));
        else {
          console.log(`条目 entries: ${s.entries}   版本 versions: ${s.versions}`);
          for (const [kind, byStatus] of Object.entries(s.byKind)) {
            console.log(`  ${kind.padEnd(7)} ${Object.entries(byStatus).map(([st, n]) => `${st}=${n}`).join('  ')}`);
          }
        }
      } finally {
        await ctx.close();
      }
    });
}
