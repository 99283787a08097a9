/**
 * `serve --workers 2`: the primary listens and hands each connection to the worker with the
 * fewest open connections, so long-lived keep-alive connections spread evenly (node:cluster's
 * round robin gives them out in turn, whatever each worker already holds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config/env.js';

let child: ChildProcess;
let port = 0;
let out = '';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-workers-'));

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', path.join(packageRoot(), 'src/cli/main.ts'), 'serve', '--workers', '2', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, XZ_DATA_DIR: dataDir, XZ_LOG_LEVEL: 'silent', XZ_DEMO_DATA: 'false', XZ_ADMIN_PASSWORD: 'workers-test-password-1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --workers 2 did not start:\n${out}\n${err}`)), 90_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Xiaozheng is serving http:\/\/localhost:(\d+) \(2 server processes\)/.exec(out);
      if (m && out.includes('All 2 server processes ready')) {
        port = Number(m[1]);
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}\n${err}`)));
  });
}, 100_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One keep-alive connection: the pid of the process answering each health request on it. */
function connection(): { pid: () => Promise<number>; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    pid: () =>
      new Promise((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/api/v1/health', agent }, (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve((JSON.parse(body) as { process: number }).process));
          })
          .on('error', reject);
      }),
    close: () => agent.destroy(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('serve --workers 2', () => {
  it('hands a new connection to the worker holding the fewest', async () => {
    const a = connection();
    const b = connection();
    const pa = await a.pid();
    const pb = await b.pid();
    // two workers, one connection each; a connection stays with its worker
    expect(pa).not.toBe(pb);
    expect(await a.pid()).toBe(pa);
    expect(await b.pid()).toBe(pb);
    // b's worker now holds none, a's one: the next two connections go to b's worker, then one each
    b.close();
    await sleep(300);
    const c = connection();
    expect(await c.pid()).toBe(pb);
    const d = connection();
    const e = connection();
    const pd = await d.pid();
    const pe = await e.pid();
    expect([pd, pe].sort()).toEqual([pa, pb].sort());
    for (const x of [a, c, d, e]) x.close();
  });
});
