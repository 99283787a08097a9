// After tsc: make the CLI executable and link it into node_modules/.bin, so that
// `npx xiaozheng …` works inside this checkout right after `npm install` (npm links the
// bins of dependencies, never the root package's own).
import fs from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const cli = path.join(root, 'dist/src/cli/main.js');
fs.chmodSync(cli, 0o755);
const binDir = path.join(root, 'node_modules/.bin');
if (fs.existsSync(path.join(root, 'node_modules'))) {
  fs.mkdirSync(binDir, { recursive: true });
  const link = path.join(binDir, 'xiaozheng');
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(binDir, cli), link);
}
