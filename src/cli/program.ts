/** `xiaozheng` command line: one file per command group (loaded by main.ts). */
import { Command } from 'commander';
import { packageVersion } from '../app-context.js';
import { AppError } from '../shared/app-error.js';
import { registerAllocationCommands } from './allocation.js';
import { registerAuditCommands } from './audit.js';
import { registerDocumentsCommands } from './documents.js';
import { registerHotlineCommands } from './hotline.js';
import { registerKbCommands } from './kb.js';
import { registerSearchCommands } from './search.js';
import { registerServeCommand } from './serve.js';
import { registerUserCommands } from './user.js';

const program = new Command();
program.name('xiaozheng').description('小政 Xiaozheng — 政务服务 AI 助手').version(packageVersion());
registerServeCommand(program);
registerKbCommands(program);
registerSearchCommands(program);
registerUserCommands(program);
registerAuditCommands(program);
registerHotlineCommands(program);
registerDocumentsCommands(program);
registerAllocationCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof AppError) {
    console.error(`错误：${err.message}`);
  } else {
    console.error(err instanceof Error ? err.message : String(err));
  }
  process.exitCode = 1;
});
