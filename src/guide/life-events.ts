/**
 * Life events (一件事一次办) are data: data/demo/life-events.json, read once at start and
 * checked with the schema (shared questions and options that steps name must exist). Which
 * items they group is checked against the knowledge base when a guide is asked for, since
 * items change independently.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { lifeEventsFileSchema, type LifeEvent } from './guide.schema.js';

/** Cross-references inside one event: what steps and mappings name exists. */
export function lifeEventIssues(event: LifeEvent): string[] {
  const issues: string[] = [];
  const questions = new Map(event.questions.map((q) => [q.id, new Set(q.options.map((o) => o.id))]));
  if (questions.size !== event.questions.length) issues.push(`${event.id}: 共同问题编号重复`);
  event.steps.forEach((s, i) => {
    const at = `${event.id}.steps[${i}] (${s.itemId})`;
    if (s.when) {
      const opts = questions.get(s.when.question);
      if (!opts) issues.push(`${at}.when: 共同问题“${s.when.question}”不存在`);
      else for (const o of s.when.options) if (!opts.has(o)) issues.push(`${at}.when: 共同问题“${s.when.question}”没有选项“${o}”`);
    }
    for (const [qid, map] of Object.entries(s.answers)) {
      if (typeof map === 'string') continue;
      const opts = questions.get(map.question);
      if (!opts) issues.push(`${at}.answers.${qid}: 共同问题“${map.question}”不存在`);
      else for (const o of Object.keys(map.options)) if (!opts.has(o)) issues.push(`${at}.answers.${qid}: 共同问题“${map.question}”没有选项“${o}”`);
    }
  });
  if (new Set(event.steps.map((s) => s.itemId)).size !== event.steps.length) issues.push(`${event.id}: 同一事项出现在多个步骤中`);
  return issues;
}

export function parseLifeEvents(raw: unknown, source: string): LifeEvent[] {
  const parsed = lifeEventsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(ErrorCode.ImportFailed, `${source}: ${z.prettifyError(parsed.error)}`);
  }
  const issues = parsed.data.flatMap(lifeEventIssues);
  if (new Set(parsed.data.map((e) => e.id)).size !== parsed.data.length) issues.push('一件事编号重复');
  if (issues.length) throw new AppError(ErrorCode.ImportFailed, `${source}: ${issues.join('；')}`);
  return parsed.data;
}

/** Reads the life events file; a missing file means no life events. */
export function loadLifeEvents(file: string): LifeEvent[] {
  if (!fs.existsSync(file)) return [];
  return parseLifeEvents(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file);
}
