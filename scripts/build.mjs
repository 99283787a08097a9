// Builds the server (tsc → dist/) and the web UI (vite → web/dist/), then links the CLI.
// Runs on `npm install` (postinstall) so `npx xiaozheng` and `npm start` work right after it.
// Skips work when the outputs are newer than every source file: npm also runs this script
// when `npx xiaozheng` links the checkout into its cache, and that must stay fast.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const force = process.argv.includes('--force');
const stamp = path.join(root, 'dist', '.build-stamp');

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(p)) {
    if (name === 'dist' || name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

const inputs = ['src', 'web', 'tsconfig.json', 'tsconfig.build.json', 'package.json'].map((p) => path.join(root, p));
const sourceTime = Math.max(...inputs.map(newestMtime));
if (!force && fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= sourceTime && fs.existsSync(path.join(root, 'web/dist/index.html'))) {
  console.log('xiaozheng: build is up to date');
} else {
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  execFileSync(bin('tsc'), ['-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  execFileSync(bin('vite'), ['build', '--config', path.join(root, 'web/vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, new Date().toISOString());
}
execFileSync(process.execPath, [path.join(root, 'scripts/postbuild.mjs')], { stdio: 'inherit' });
