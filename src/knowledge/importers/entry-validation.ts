/**
 * Validates raw rows against the entry contract with messages in Chinese, naming the field
 * the way the import report prints it (`materials[2].name: 不能为空`).
 */
import type { z } from 'zod';
import { entryInputSchema, ENTRY_KINDS, type EntryBody } from '../knowledge.schema.js';
import { formatPath, type ImportIssue, type ReadResult } from './import.types.js';

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  array: '列表',
  object: '对象',
};

/** Chinese messages for zod's built-in checks; messages set in the schema itself win. */
export function chineseMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '不能为空';
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${String(issue.minimum)} 个字符`;
      if (issue.origin === 'array') return `至少 ${String(issue.minimum)} 项`;
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `最长 ${String(issue.maximum)} 个字符`;
      if (issue.origin === 'array') return `最多 ${String(issue.maximum)} 项`;
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `应为以下之一：${issue.values.map(String).join('、')}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator === 'kind') return `未知类型，应为 ${ENTRY_KINDS.join('|')}`;
      return '格式不正确';
    case 'invalid_format':
      return '格式不正确';
    case 'unrecognized_keys':
      return `未知字段：${issue.keys.join('、')}`;
    default:
      return undefined;
  }
}

export type Validated = { ok: true; body: EntryBody } | { ok: false; issues: ImportIssue[] };

/** Validates one reader result; mapping issues the reader found are reported with the schema's. */
export function validateRow(row: ReadResult & { body: Record<string, unknown> }): Validated {
  const parsed = entryInputSchema.safeParse(row.body, { error: chineseMessage });
  const issues: ImportIssue[] = [...(row.issues ?? [])];
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      issues.push({ location: row.locate?.(i.path) ?? row.location, field: formatPath(i.path), message: i.message });
    }
  }
  if (issues.length || !parsed.success) return { ok: false, issues };
  return { ok: true, body: parsed.data };
}
