/**
 * JSONL: one entry per line, exactly the entry contract (knowledge.schema.ts). `kind` may
 * come from the command line when a line has none; blank lines are skipped.
 */
import type { ImportLocation, ReadResult, ReaderOptions } from './import.types.js';

export function* readJsonl(source: string, file: string, opts: ReaderOptions = {}): Generator<ReadResult> {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const location: ImportLocation = { file, line: i + 1 };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      yield { location, issues: [{ location, field: '', message: `不是有效的 JSON：${(err as Error).message}` }] };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { location, issues: [{ location, field: '', message: '每行应为一个 JSON 对象' }] };
      continue;
    }
    const body = value as Record<string, unknown>;
    if (body.kind === undefined && opts.kind) body.kind = opts.kind;
    yield { location, body };
  }
}
