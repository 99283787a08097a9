import type { Command } from 'commander';
import { createAppContext } from '../app-context.js';
import { loadEnv } from '../config/env.js';

export function registerSearchCommands(program: Command): void {
  program
    .command('search <query>')
    .description('搜索知识库')
    .option('--limit <n>', '返回条数', '10')
    .option('--json', '以 JSON 输出')
    .action(async (query: string, opts: { limit: string; json?: boolean }) => {
      const ctx = await createAppContext(loadEnv());
      try {
        const res = ctx.search.search({ query, limit: Number(opts.limit) });
        if (opts.json) console.log(JSON.stringify(res, null, 2));
        else for (const h of res.hits) console.log(`${h.score.toFixed(2)}  ${h.docId}  ${h.title}  [${h.passage.label}] ${h.passage.text.slice(0, 80)}`);
      } finally {
        await ctx.close();
      }
    });
}
