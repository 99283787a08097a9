import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../config/env.js';
import { FIXTURES, tempDir } from '../../test/fixtures/import/test-context.js';

const dataDir = tempDir('xz-cli-');

function xiaozheng(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(packageRoot(), 'src/cli/main.ts'), ...args], {
    env: { ...process.env, XZ_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('xiaozheng kb import', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('exits 1 and writes nothing when a row is invalid; --skip-invalid writes the rest; --json reports counts', () => {
    const file = path.join(FIXTURES, 'items.xlsx');
    const bad = xiaozheng('kb', 'import', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('items.xlsx#材料:4 materials[0].name: 不能为空');
    expect(bad.stdout).toContain('未写入任何条目');

    const skip = xiaozheng('kb', 'import', file, '--skip-invalid');
    expect(skip.code).toBe(0);
    expect(skip.stderr).toContain('items.xlsx#事项:3 promisedTimeLimit');
    expect(skip.stdout).toContain('新建 created: 1');

    const again = xiaozheng('kb', 'import', file, '--skip-invalid', '--json');
    const report = JSON.parse(again.stdout) as { created: number; unchanged: number; issues: unknown[] };
    expect(report).toMatchObject({ created: 0, unchanged: 1 });
    expect(report.issues).toHaveLength(2);
    expect(again.stderr).toBe('');
  }, 60_000);
});
