/**
 * Validates the demo knowledge base in data/demo/ (items.jsonl, policies.jsonl, faqs.jsonl).
 *
 *   npx tsx scripts/check-demo.ts [dir]
 *
 * Checks, per line: valid JSON, entryInputSchema (reported with file:line and the zod issue path),
 * no keys the schema would silently drop (typos such as "materail"), the kind expected for the file,
 * the 情形 tree (the schema's check: what options name exists, follow-ups have no cycle).
 * Across files: unique ids, every faq relatedId resolves, life-events.json (its own check, and
 * the items, questions and options its steps name), and a few domain rules of DOMAIN.md
 * (12-character 基本编码, 发文字号 form, validity dates). Prints counts per kind; exits 1 on any problem.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLifeEvents } from '../src/guide/life-events.js';
import { entryInputSchema, type EntryBody } from '../src/knowledge/knowledge.schema.js';
import { optionIdOf } from '../src/knowledge/situations.js';

const FILES: Array<{ name: string; kinds: EntryBody['kind'][] }> = [
  { name: 'items.jsonl', kinds: ['item'] },
  { name: 'policies.jsonl', kinds: ['policy', 'law'] },
  { name: 'faqs.jsonl', kinds: ['faq'] },
];

/** 发文字号: 机关代字 + 〔full year〕 + number without leading zeros + 号 (no 第). */
const DOC_NUMBER = /^[^〔〕\s第]+〔\d{4}〕[1-9]\d*号$/u;

const scriptDir = fileURLToPath(new URL('.', import.meta.url));
const dir = resolve(process.argv[2] ?? join(scriptDir, '..', 'data', 'demo'));

const problems: string[] = [];
const report = (where: string, msg: string) => problems.push(`${where}: ${msg}`);

const fmtPath = (path: ReadonlyArray<PropertyKey>) =>
  path.length === 0 ? '(root)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');

/** Keys present in the input but absent from the parsed output were stripped by zod: report them. */
function strayKeys(raw: unknown, parsed: unknown, path: string, out: string[]): void {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    raw.forEach((r, i) => strayKeys(r, parsed[i], `${path}[${i}]`, out));
  } else if (raw && parsed && typeof raw === 'object' && typeof parsed === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      const child = path ? `${path}.${k}` : k;
      if (!(k in (parsed as Record<string, unknown>))) out.push(child);
      else strayKeys(v, (parsed as Record<string, unknown>)[k], child, out);
    }
  }
}

type Seen = { where: string; entry: EntryBody };
const byId = new Map<string, Seen>();
const counts = new Map<string, number>();

for (const file of FILES) {
  const path = join(dir, file.name);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (err) {
    report(relative(process.cwd(), path), `cannot read file (${(err as Error).message})`);
    continue;
  }
  if (content.charCodeAt(0) === 0xfeff) report(file.name, 'file starts with a UTF-8 BOM');
  const lines = content.split('\n');
  lines.forEach((line, idx) => {
    const where = `${file.name}:${idx + 1}`;
    if (line.trim() === '') {
      if (idx !== lines.length - 1) report(where, 'empty line');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      report(where, `invalid JSON (${(err as Error).message})`);
      return;
    }
    const res = entryInputSchema.safeParse(raw);
    if (!res.success) {
      for (const issue of res.error.issues) report(where, `${fmtPath(issue.path)}: ${issue.message} [${issue.code}]`);
      return;
    }
    const entry = res.data;
    const label = `${where} (${entry.id})`;
    const stray: string[] = [];
    strayKeys(raw, entry, '', stray);
    for (const k of stray) report(label, `${k}: unknown field (dropped by the schema)`);
    if (!file.kinds.includes(entry.kind)) report(label, `kind "${entry.kind}" does not belong in ${file.name}`);

    const prev = byId.get(entry.id);
    if (prev) report(label, `duplicate id, first seen at ${prev.where}`);
    else byId.set(entry.id, { where, entry });
    counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);

    if (entry.validFrom && entry.validTo && entry.validTo < entry.validFrom) report(label, 'validTo is before validFrom');
    if (entry.kind === 'item') {
      if (entry.baseCode && entry.baseCode.length !== 12) report(label, `baseCode "${entry.baseCode}" must be 12 characters`);
      if (entry.visits > 0 && !entry.visitReason) report(label, 'visits > 0 requires visitReason');
      if (entry.charged && entry.fees.length === 0) report(label, 'charged is true but fees is empty');
      // the 情形 tree (materials, conditions, fees, places and follow-ups it names; cycles) is checked by the schema
    }
    if (entry.kind === 'policy' || entry.kind === 'law') {
      if (!entry.title) report(label, 'title is missing');
      if (entry.kind === 'policy' && entry.docNumber && !DOC_NUMBER.test(entry.docNumber)) {
        report(label, `docNumber "${entry.docNumber}" is not of the form 机关代字〔2025〕12号`);
      }
      if (entry.validity === '已废止' && !entry.expiryDate) report(label, 'validity 已废止 requires expiryDate');
      if (entry.expiryDate && entry.effectiveDate && entry.expiryDate < entry.effectiveDate) report(label, 'expiryDate is before effectiveDate');
    }
  });
}

for (const { where, entry } of byId.values()) {
  if (entry.kind === 'faq' && entry.relatedId && !byId.has(entry.relatedId)) {
    report(`${where} (${entry.id})`, `relatedId "${entry.relatedId}" does not exist`);
  }
}

// life events: the file's own check, then every step's item and fixed answers against the items
try {
  for (const event of loadLifeEvents(join(dir, 'life-events.json'))) {
    for (const step of event.steps) {
      const where = `life-events.json (${event.id}, ${step.itemId})`;
      const found = byId.get(step.itemId)?.entry;
      if (!found || found.kind !== 'item') {
        report(where, 'names no item of items.jsonl');
        continue;
      }
      for (const [qid, map] of Object.entries(step.answers)) {
        const q = found.situations.find((x) => x.id === qid);
        if (!q) {
          report(where, `answers.${qid}: the item has no such question`);
          continue;
        }
        const ids = new Set(q.options.map((o, i) => optionIdOf(o, i)));
        for (const target of typeof map === 'string' ? [map] : Object.values(map.options)) {
          if (!ids.has(target)) report(where, `answers.${qid}: the item's question has no option "${target}"`);
        }
      }
    }
  }
} catch (err) {
  report('life-events.json', (err as Error).message);
}

console.log(`Checked ${dir}`);
for (const kind of ['item', 'policy', 'law', 'faq']) console.log(`  ${kind.padEnd(6)} ${counts.get(kind) ?? 0}`);
console.log(`  total  ${byId.size} unique ids`);

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log('\nOK: all entries valid.');
