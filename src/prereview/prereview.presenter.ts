/** Rows → API views. The citizen's view masks ID numbers and phones; the reviewer's does not (it is their work). */
import { maskName, maskText } from '../text/pii.js';
import type { ApplicationRow, FileRow } from './prereview.repository.js';
import { STATUS_LABELS, type ApplicationStatus, type DocType, type Report } from './prereview.schema.js';

export function maskReport(report: Report): Report {
  return {
    ...report,
    results: report.results.map((r) => ({
      ...r,
      explanation: maskText(r.explanation),
      evidence: r.evidence.map((e) => ({ ...e, text: maskText(e.text) })),
    })),
  };
}

export function presentFile(f: Omit<FileRow, 'content'>) {
  return {
    id: f.id,
    name: f.name,
    mime: f.mime,
    size: f.size,
    docType: f.doc_type as DocType,
    extraction: f.extraction as 'text' | 'docx' | 'ocr' | 'none',
    confidence: f.confidence,
    fields: JSON.parse(f.fields) as Record<string, string>,
  };
}

export function presentDecision(d: { decision: string; reason: string; revision: number; created_at: string }) {
  return { decision: d.decision as 'accept' | 'reject' | 'supplement', reason: d.reason, revision: d.revision, decidedAt: d.created_at };
}

export function canResubmit(status: string): boolean {
  return status === 'pending' || status === 'supplement';
}

export function presentCitizenStatus(app: ApplicationRow, report: Report, files: Array<Omit<FileRow, 'content'>>, decision: { decision: string; reason: string; revision: number; created_at: string } | undefined) {
  const status = app.status as ApplicationStatus;
  return {
    id: app.id,
    itemId: app.item_id,
    itemName: app.item_name,
    status,
    statusLabel: STATUS_LABELS[status],
    revision: app.revision,
    submittedAt: app.created_at,
    updatedAt: app.updated_at,
    canResubmit: canResubmit(status),
    report: maskReport(report),
    files: files.map((f) => ({ name: f.name, docType: f.doc_type as DocType, extraction: f.extraction as 'text' | 'docx' | 'ocr' | 'none' })),
    decision: decision ? presentDecision(decision) : null,
  };
}

export function presentQueueItem(app: ApplicationRow) {
  return {
    id: app.id,
    itemId: app.item_id,
    itemName: app.item_name,
    departmentId: app.department_id,
    status: app.status as ApplicationStatus,
    revision: app.revision,
    suggestion: app.suggestion as Report['suggestion'],
    applicantName: app.applicant_name ? maskName(app.applicant_name) : null,
    createdAt: app.created_at,
    updatedAt: app.updated_at,
  };
}
