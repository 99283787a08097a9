/** A .docx as plain text for the checker: one paragraph per line (mammoth's raw text). */
import mammoth from 'mammoth';
import { AppError, ErrorCode } from '../shared/app-error.js';

export const MAX_DOCX_BYTES = 10 * 1024 * 1024;

export async function docxToText(data: Buffer): Promise<string> {
  // a .docx is a ZIP: anything else (an old .doc, a PDF renamed) is named as such
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) throw new AppError(ErrorCode.ValidationFailed, '文件不是有效的 .docx 文档（Word 2007 及以上格式）', { field: 'file' });
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: data }));
  } catch {
    throw new AppError(ErrorCode.ValidationFailed, '无法读取该 .docx 文档，文件可能已损坏', { field: 'file' });
  }
  // mammoth ends each paragraph with a blank line; tabs separate table cells
  const text = value.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  if (!text) throw new AppError(ErrorCode.ValidationFailed, '该 .docx 文档中没有文字', { field: 'file' });
  return `${text}\n`;
}
