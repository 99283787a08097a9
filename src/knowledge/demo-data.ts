/**
 * Loads the demo knowledge base (data/demo: JSONL, CSV/XLSX, DOCX/PDF, Markdown laws — any
 * format `kb import` reads) on the first start of an empty database.
 */
import fs from 'node:fs';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { importPath } from './importers/import.service.js';
import { formatIssue } from './importers/import.types.js';
import type { KnowledgeService } from './knowledge.service.js';

/** The hotline's demo files (taxonomy, 派单目录, history) sit beside the knowledge base; the hotline loads them. */
const HOTLINE_FILES = /^hotline-/;

/** Returns the number of entries created; throws naming every bad row when the demo data is invalid. */
export async function loadDemoDataIfEmpty(knowledge: KnowledgeService, dir: string): Promise<number> {
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) return 0;
  const stats = await knowledge.stats();
  if (stats.entries > 0) return 0;
  const report = await importPath(knowledge, dir, { note: 'demo data', exclude: HOTLINE_FILES });
  if (report.issues.length) {
    throw new AppError(ErrorCode.ImportFailed, `demo data in ${dir} is invalid:\n${report.issues.map(formatIssue).join('\n')}`, { issues: report.issues });
  }
  return report.created;
}
