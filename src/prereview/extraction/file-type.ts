/** The type of an uploaded file, from its first bytes (never from its name). */

export type FileKind = 'pdf' | 'docx' | 'jpg' | 'png';

export const MIME: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpg: 'image/jpeg',
  png: 'image/png',
};

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** null when the content is none of the accepted types (a renamed .exe stays rejected). */
export function detectFileKind(buf: Buffer): FileKind | null {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.subarray(0, 8).equals(PNG_MAGIC)) return 'png';
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg';
  // a DOCX is a ZIP whose entry names (stored uncompressed in the headers) include word/document.xml
  if (buf.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' && buf.includes('word/document.xml', 0, 'latin1')) return 'docx';
  return null;
}
