/**
 * Client for the official-document API (issue #7; /work/notes/contract-documents.md): templates
 * and drafting, the checker, stored documents with versions and the 拟稿 → 核稿 → 签发 flow,
 * .docx import and .docx/PDF export. Types come from the server's schemas (type-only imports).
 */
import type { z } from 'zod';
import type { DocumentType, OfficialDocument } from '../../../src/documents/document.model.js';
import type {
  DocumentRecord,
  DocumentStatus,
  DocumentSummary,
  draftResponseSchema,
  importResponseSchema,
  parseResponseSchema,
  templateSchema,
  versionDetailSchema,
  versionSummarySchema,
} from '../../../src/documents/documents.schema.js';
import type { ExportFormat } from '../../../src/documents/export/document-export.js';
import type { Finding } from '../../../src/documents/lint/finding.js';
import { ApiError, request } from '../api.js';
import { csrfHeaders, staff } from '../api-admin.js';

export type { DocumentRecord, DocumentStatus, DocumentSummary, DocumentType, ExportFormat, Finding, OfficialDocument };
export type Template = z.infer<typeof templateSchema>;
export type Draft = z.infer<typeof draftResponseSchema>;
export type Parsed = z.infer<typeof parseResponseSchema>;
export type Imported = z.infer<typeof importResponseSchema>;
export type VersionSummary = z.infer<typeof versionSummarySchema>;
export type VersionDetail = z.infer<typeof versionDetailSchema>;

export const getTemplates = (signal?: AbortSignal) => staff<{ templates: Template[] }>('GET', '/documents/templates', undefined, signal).then((r) => r.templates);

export const draft = (type: DocumentType, fields: Record<string, string>, fromRequest?: { documentId?: string; text?: string }) =>
  staff<Draft>('POST', '/documents/draft', { type, fields, ...(fromRequest ? { fromRequest } : {}) });

/** The text as the model (for the preview and export) and the checker's findings. */
export const parse = (text: string, type: DocumentType | undefined, signal?: AbortSignal) => staff<Parsed>('POST', '/documents/parse', { text, ...(type ? { type } : {}) }, signal);

export const listDocuments = (query: { status?: DocumentStatus; offset?: number }, signal?: AbortSignal) => {
  const qs = new URLSearchParams({ limit: '50', offset: String(query.offset ?? 0), ...(query.status ? { status: query.status } : {}) });
  return staff<{ items: DocumentSummary[]; total: number }>('GET', `/documents?${qs}`, undefined, signal);
};
export const getDocument = (id: string, signal?: AbortSignal) => staff<DocumentRecord>('GET', `/documents/${encodeURIComponent(id)}`, undefined, signal);
export const createDocument = (input: { text: string; type?: DocumentType; source?: 'manual' | 'text' | 'template' | 'llm' | 'import'; note?: string }) =>
  staff<DocumentRecord>('POST', '/documents', input);
export const saveDocument = (id: string, input: { text: string; type?: DocumentType; baseVersion: number; note?: string }) => staff<DocumentRecord>('PUT', `/documents/${encodeURIComponent(id)}`, input);
export const submitDocument = (id: string) => staff<DocumentRecord>('POST', `/documents/${encodeURIComponent(id)}/submit`, {});
export const reviewDocument = (id: string, decision: 'approve' | 'return', reason?: string) => staff<DocumentRecord>('POST', `/documents/${encodeURIComponent(id)}/review`, { decision, reason });
export const signDocument = (id: string, decision: 'sign' | 'return', reason?: string) => staff<DocumentRecord>('POST', `/documents/${encodeURIComponent(id)}/sign`, { decision, reason });
export const getVersions = (id: string, signal?: AbortSignal) => staff<{ versions: VersionSummary[] }>('GET', `/documents/${encodeURIComponent(id)}/versions`, undefined, signal).then((r) => r.versions);
export const getVersion = (id: string, version: number) => staff<VersionDetail>('GET', `/documents/${encodeURIComponent(id)}/versions/${version}`);
export const exportFormats = (signal?: AbortSignal) => staff<{ formats: ExportFormat[] }>('GET', '/documents/export/formats', undefined, signal).then((r) => r.formats);

/** Reads a .docx on the server: its text as the model, and the checker's findings. Not saved. */
export function importDocx(file: File): Promise<Imported> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<Imported>('/api/v1/documents/import', { method: 'POST', body: form, headers: csrfHeaders() });
}

/** Downloads the export of a document (the current text's model, or a stored document). */
export async function downloadExport(source: { document: OfficialDocument } | { id: string }, format: ExportFormat): Promise<string> {
  const init: RequestInit =
    'id' in source
      ? { method: 'GET' }
      : { method: 'POST', headers: { 'content-type': 'application/json', ...csrfHeaders() }, body: JSON.stringify({ document: source.document, format }) };
  const url = 'id' in source ? `/api/v1/documents/${encodeURIComponent(source.id)}/export?format=${format}` : '/api/v1/documents/export';
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError('网络连接失败，请检查网络后重试', 0);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string; code?: string } } | null;
    throw new ApiError(body?.error?.message ?? `导出失败（${res.status}），请稍后再试`, res.status, body?.error?.code);
  }
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const fileName = name ? decodeURIComponent(name) : `公文.${format}`;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return fileName;
}
