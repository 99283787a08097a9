/**
 * Browser tests exercise the built UI, exactly what the server ships. Decisions:
 * - When web/dist is missing or older than any file under web/ (src, public, index.html, vite config),
 *   build here rather than fail — a stale bundle would make the tests check old code, and a
 *   Vite build takes a few seconds.
 * - The tests serve a private snapshot, never web/dist itself: a build empties its output
 *   folder first, so anyone rebuilding web/dist (`npm run build:web`, another test run) would
 *   otherwise turn pages into 404s under a running test. Snapshots live in the system temp
 *   folder, one per state of the sources, shared by the test files of a run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../../src/config/env.js';

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

const SNAPSHOT_MAX_AGE_MS = 24 * 3600_000;

/** Snapshots of older sources, unused for a day: no running test serves them any more. */
function pruneSnapshots(keep: string): void {
  const dir = path.dirname(keep);
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (!name.startsWith('xz-e2e-web-') || p === keep) continue;
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > SNAPSHOT_MAX_AGE_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // removed by another run meanwhile
    }
  }
}

export function ensureWebBuild(): string {
  const webRoot = path.join(packageRoot(), 'web');
  const dist = path.join(webRoot, 'dist');
  const sources = Math.max(newestMtime(path.join(webRoot, 'src')), newestMtime(path.join(webRoot, 'index.html')), newestMtime(path.join(webRoot, 'vite.config.ts')), newestMtime(path.join(webRoot, 'public')));
  const snapshot = path.join(os.tmpdir(), `xz-e2e-web-${Math.floor(sources)}`);
  pruneSnapshots(snapshot);
  if (fs.existsSync(path.join(snapshot, 'index.html'))) {
    // marks it as in use, so pruning by another run leaves it alone
    const now = new Date();
    fs.utimesSync(snapshot, now, now);
    return snapshot;
  }

  const staging = fs.mkdtempSync(`${snapshot}.tmp-`);
  try {
    const index = path.join(dist, 'index.html');
    if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) {
      fs.cpSync(dist, staging, { recursive: true });
    } else {
      // a child process, because vitest sets NODE_ENV=test and Vite would then bundle React
      // and antd in development mode
      const viteBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
      execFileSync(
        process.execPath,
        [viteBin, 'build', '--config', path.join(webRoot, 'vite.config.ts'), '--outDir', staging, '--emptyOutDir', '--logLevel', 'warn'],
        { cwd: packageRoot(), env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' },
      );
    }
    if (!fs.existsSync(path.join(staging, 'index.html'))) throw new Error(`web build did not produce index.html; run \`npm run build:web\` and read its output`);
    fs.renameSync(staging, snapshot);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    // another test file of this run finished the same snapshot first
    if (fs.existsSync(path.join(snapshot, 'index.html'))) return snapshot;
    throw err;
  }
  return snapshot;
}
