/** `user create|list` and `token create`: account administration from the server's shell, audited as system:cli. */
import type { Command } from 'commander';
import { z } from 'zod';
import { systemActor, ROLES } from '../auth/actor.js';
import { passwordSchema, roleSchema, userNameSchema } from '../auth/auth.schema.js';
import { generatePassword } from '../auth/secrets.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { parseOption, withContext } from './cli-support.js';

const CLI = systemActor('cli');

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('用户管理');
  user
    .command('create')
    .description('新建用户（未给出 --password 时生成一次性密码并显示）')
    .requiredOption('--name <name>', '登录名')
    .requiredOption('--role <role>', `角色：${ROLES.join(' | ')}`)
    .option('--department <name|code|id>', '所属部门（名称、编码或编号）')
    .option('--password <password>', '密码（至少 10 个字符）')
    .option('--display-name <name>', '显示名称')
    .action(async (opts: { name: string; role: string; department?: string; password?: string; displayName?: string }) => {
      const name = parseOption(userNameSchema, opts.name, '--name');
      const role = parseOption(roleSchema, opts.role, '--role');
      const password = opts.password === undefined ? undefined : parseOption(passwordSchema, opts.password, '--password');
      await withContext(async (ctx) => {
        const department = opts.department === undefined ? null : await ctx.auth.departments.resolve(opts.department);
        const generated = password === undefined ? generatePassword(16) : null;
        const created = await ctx.auth.users.create(CLI, {
          name,
          role,
          displayName: opts.displayName,
          departmentId: department?.id ?? null,
          password: password ?? generated!,
          mustChangePassword: generated !== null,
        });
        console.log(`Created user ${created.name} (id ${created.id}, ${created.roleLabel}${department ? `, ${department.name}` : ''})`);
        if (generated) console.log(`One-time password (change it at first sign-in):\n${generated}`);
      });
    });
  user
    .command('list')
    .description('列出用户')
    .action(async () => {
      await withContext(async (ctx) => {
        for (const u of await ctx.auth.users.list(CLI)) {
          const flags = [u.active ? '' : 'inactive', u.lockedUntil && u.lockedUntil > new Date().toISOString() ? `locked until ${u.lockedUntil}` : ''].filter(Boolean);
          console.log([u.id, u.name, u.role, u.departmentName ?? '-', u.displayName, flags.join(' ')].join('\t').trimEnd());
        }
      });
    });

  const token = program.command('token').description('API 令牌');
  token
    .command('create')
    .description('为用户签发 API 令牌；令牌在输出的最后一行（用作 Authorization: Bearer …）')
    .requiredOption('--user <name>', '令牌所属用户的登录名')
    .option('--label <label>', '用途说明', 'cli')
    .option('--days <n>', '有效天数（默认不过期）')
    .action(async (opts: { user: string; label: string; days?: string }) => {
      const days = opts.days === undefined ? undefined : parseOption(z.coerce.number().int().min(1, '至少 1 天').max(3650, '最多 3650 天'), opts.days, '--days');
      const label = parseOption(z.string().trim().min(1, '不能为空').max(200), opts.label, '--label');
      await withContext(async (ctx) => {
        const owner = await ctx.auth.users.byName(opts.user);
        if (!owner) throw new AppError(ErrorCode.NotFound, `--user：用户不存在：${opts.user}`);
        const created = await ctx.auth.tokens.create(CLI, { userId: owner.id, label, expiresInDays: days });
        console.log(`Created API token ${created.id} for ${created.userName} (${created.label}, ${created.expiresAt ? `expires ${created.expiresAt}` : 'no expiry'}); it is shown only once:`);
        console.log(created.token);
      });
    });
}
