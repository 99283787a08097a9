/** Prints the functions with the most self time in a V8 .cpuprofile: `npx tsx bench/cpuprofile-top.ts file.cpuprofile [n]`. */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const file = process.argv[2];
if (!file) throw new Error('usage: cpuprofile-top.ts <file.cpuprofile> [n]');
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; startTime: number; endTime: number; samples: number[] };
const totalSamples = prof.samples.length;
// self time from the samples (node ids), which every profile has (hitCount is not always set)
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
for (const id of prof.samples) {
  const n = byId.get(id)!;
  const k = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  self.set(k, (self.get(k) ?? 0) + 1);
}
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 25));
const ms = (prof.endTime - prof.startTime) / 1000;
console.log(`${totalSamples} samples over ${ms.toFixed(0)} ms`);
for (const [k, v] of top) console.log(`${((100 * v) / totalSamples).toFixed(1).padStart(5)}%  ${k}`);
