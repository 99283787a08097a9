/**
 * `xiaozheng allocation simulate` and `verify` as real processes: a generated round verifies
 * (exit 0), a tampered copy does not (exit 2, the mismatch named in Chinese), and a value
 * published before the draw that the file no longer matches is caught.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSchema } from '../../src/allocation/allocation.schema.js';
import { packageRoot } from '../../src/config/env.js';

// each run starts a Node process with tsx: seconds apiece on a busy machine
describe('xiaozheng allocation CLI', { timeout: 180_000 }, () => {
  let dir: string;
  let file: string;
  const xiaozheng = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(packageRoot(), 'src/cli/main.ts'), 'allocation', ...args], {
      env: { ...process.env, XZ_DATA_DIR: dir, XZ_DEMO_DATA: 'false', XZ_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-alloc-cli-'));
    file = path.join(dir, 'round.json');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('simulates a round whose export verifies, and names what a tampered copy changed', () => {
    const sim = xiaozheng('simulate', '--applicants', '80', '--slots', '12', '--out', file, '--seed', 'cli-test', '--public-value', '福彩3D 2026325 517');
    expect(sim.code, sim.stderr).toBe(0);
    // registration refuses an ID number failing GB 11643: 80 registrations mean 80 valid generated numbers
    expect(sim.stdout).toContain('80 人报名');
    const data = exportSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    expect(data.results.filter((r) => r.selected)).toHaveLength(12);
    expect(data.publicValue).toBe('福彩3D 2026325 517');
    // the simulated data is what a real round would hold: generated ID numbers are never in the export
    expect(JSON.stringify(data)).not.toMatch(/\d{17}[\dX]/);

    const good = xiaozheng('verify', file, '--expect-commitment', data.commitment, '--expect-list-hash', data.listHash);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('校验通过');

    const tampered = structuredClone(data);
    const [a, b] = [tampered.results[0]!, tampered.results[1]!];
    [a.rank, b.rank] = [b.rank, a.rank];
    fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(tampered));
    const bad = xiaozheng('verify', path.join(dir, 'tampered.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`申请编号 ${a.applicationNo} 的排位为 2，重算应为 1`);
    expect(bad.stderr).toContain('校验未通过');

    const other = xiaozheng('verify', file, '--expect-commitment', '0'.repeat(64));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('抽签前公布的承诺值');
    const missing = xiaozheng('verify', path.join(dir, 'none.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到校验文件');
  });

  it('refuses a public value the server would refuse, before anything is simulated', () => {
    const out = path.join(dir, 'refused.json');
    const r = xiaozheng('simulate', '--applicants', '3', '--slots', '1', '--out', out, '--public-value', '福彩\u0007 3D');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--public-value：公开随机值不能含控制字符');
    expect(fs.existsSync(out)).toBe(false);
  });
});
