/**
 * Browser tests exercise the built UI (web/dist), exactly what the server ships. Decision:
 * when the build is missing or older than any file under web/ (src, public, index.html, vite config),
 * rebuild it here rather than fail — a stale bundle would make the tests check old code, and
 * a Vite build takes a few seconds.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../../../src/config/env.js';

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

export function ensureWebBuild(): string {
  const webRoot = path.join(packageRoot(), 'web');
  const dist = path.join(webRoot, 'dist');
  const index = path.join(dist, 'index.html');
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => path.join(webRoot, p)).filter((p) => fs.existsSync(p));
  const sources = Math.max(...inputs.map(newestMtime));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return dist;
  // a child process, because vitest sets NODE_ENV=test and Vite would then bundle React and
  // antd in development mode
  const viteBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [viteBin, 'build', '--config', path.join(webRoot, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: packageRoot(),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  if (!fs.existsSync(index)) throw new Error(`web build did not produce ${index}; run \`npm run build:web\` and read its output`);
  return dist;
}
