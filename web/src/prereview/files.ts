/** Checks an applicant's file before upload, as the server will (by content, not by name). */

/** The server's per-file limit (DEFAULT_PREREVIEW_SETTINGS); it answers with its own limit if configured lower. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 20;
export const ACCEPT = '.pdf,.docx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function kindOf(file: Blob): Promise<'pdf' | 'png' | 'jpg' | 'zip' | null> {
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const ascii = String.fromCharCode(...head);
  if (ascii.startsWith('%PDF-')) return 'pdf';
  if (PNG.every((b, i) => head[i] === b)) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpg';
  if (ascii.startsWith('PK\u0003\u0004')) return 'zip';
  return null;
}

/** null when acceptable, else the reason in Chinese naming the file. */
export async function fileProblem(file: File): Promise<string | null> {
  if (file.size === 0) return `“${file.name}”是空文件，请重新选择`;
  if (file.size > MAX_FILE_BYTES) return `“${file.name}”超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，请压缩或分页后再上传`;
  const kind = await kindOf(file);
  // a ZIP is only a Word document when it is named .docx (the server then looks inside)
  if (!kind || (kind === 'zip' && !/\.docx$/i.test(file.name))) return `“${file.name}”不是 PDF、Word（DOCX）、JPG 或 PNG 文件（按文件内容判断，改扩展名无效）`;
  return null;
}

/**
 * The name a file is uploaded under: the material it was put in front, so that the pre-review
 * (and the reviewer) can tell which material it is meant to be even when its content does not say.
 */
export function slotFileName(material: string | null, original: string): string {
  const clean = material?.replace(/[《》〈〉<>:"/\\|?*]/g, '').trim();
  const name = !clean || original.includes(clean) ? original : `${clean}-${original}`;
  return name.slice(0, 200);
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
