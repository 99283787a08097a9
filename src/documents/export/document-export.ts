/** One entry point for exporting an official document as .docx or PDF, shared by HTTP and the CLI. */
import { z } from 'zod';
import type { OfficialDocument } from '../document.model.js';
import { exportDocx } from './docx-export.js';
import { convertDocxToPdf, type PdfConvertOptions } from './pdf-convert.js';

export const EXPORT_FORMATS = ['docx', 'pdf'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS, { error: () => 'format 须为 docx 或 pdf' });
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const EXPORT_MIME: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface ExportedFile {
  fileName: string;
  mime: string;
  content: Buffer;
}

/** A file name from the title: characters that file systems refuse become "_", long titles are cut. */
export function exportFileName(doc: Pick<OfficialDocument, 'title'>, format: ExportFormat): string {
  const base = doc.title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim().slice(0, 80) || '公文';
  return `${base}.${format}`;
}

export async function exportDocument(doc: OfficialDocument, format: ExportFormat, opts: PdfConvertOptions = {}): Promise<ExportedFile> {
  const docx = await exportDocx(doc);
  const content = format === 'pdf' ? await convertDocxToPdf(docx, opts) : docx;
  return { fileName: exportFileName(doc, format), mime: EXPORT_MIME[format], content };
}
