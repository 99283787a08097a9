import type { DocumentRecord, DocumentStatus } from './api-documents.js';

export const STATUS_COLORS: Record<DocumentStatus, string> = { drafting: 'default', reviewing: 'processing', reviewed: 'warning', signed: 'success' };

export const FLOW_LABELS: Record<DocumentRecord['flow'][number]['action'], string> = {
  create: '拟稿',
  save: '修改',
  submit: '提交核稿',
  approve: '核稿通过',
  return: '退回修改',
  sign: '签发',
};

/** Any of these opens the documents pages (and shows the header's 公文 link). */
export const DOCUMENT_PERMISSIONS = ['documents.draft', 'documents.review', 'documents.sign'];
