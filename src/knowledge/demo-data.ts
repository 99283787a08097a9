/** Loads the demo knowledge base (data/demo/*.jsonl) on the first start of an empty database. */
import fs from 'node:fs';
import path from 'node:path';
import { entryInputSchema, type EntryBody } from './knowledge.schema.js';
import type { KnowledgeService } from './knowledge.service.js';

export function readDemoEntries(dir: string): EntryBody[] {
  if (!fs.existsSync(dir)) return [];
  const bodies: EntryBody[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = entryInputSchema.safeParse(JSON.parse(line));
      if (!parsed.success) {
        throw new Error(`demo data ${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      }
      bodies.push(parsed.data);
    });
  }
  return bodies;
}

export async function loadDemoDataIfEmpty(knowledge: KnowledgeService, dir: string): Promise<number> {
  const stats = await knowledge.stats();
  if (stats.entries > 0) return 0;
  const bodies = readDemoEntries(dir);
  if (bodies.length === 0) return 0;
  const r = await knowledge.upsert(bodies, { note: 'demo data' });
  return r.created;
}
