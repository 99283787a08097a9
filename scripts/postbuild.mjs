// Makes the CLI entry executable after tsc (npm links it as the `xiaozheng` bin).
import fs from 'node:fs';
fs.chmodSync(new URL('../dist/src/cli/main.js', import.meta.url), 0o755);
