/**
 * Text of an uploaded file: the PDF text layer (OCR of the embedded page images when a page
 * has none, as in scanned PDFs), DOCX paragraphs and tables (mammoth), OCR for photos.
 */
import mammoth from 'mammoth';
import sharp from 'sharp';
import { extractImages, extractText, getDocumentProxy } from 'unpdf';
import type { FileKind } from './file-type.js';
import type { OcrEngine } from './ocr.js';

export interface ExtractedText {
  text: string;
  method: 'text' | 'docx' | 'ocr' | 'none';
  /** mean OCR line confidence, null without OCR */
  confidence: number | null;
  /** why nothing could be read, for the report */
  problem?: string;
}

/** A page with fewer visible characters than this is treated as a scan. */
const MIN_PAGE_CHARS = 8;
const MAX_PDF_PAGES = 20;
const MIN_LINE_CONFIDENCE = 0.6;

export async function extractFileText(buf: Buffer, kind: FileKind, ocr: OcrEngine): Promise<ExtractedText> {
  try {
    if (kind === 'docx') {
      const { value } = await mammoth.extractRawText({ buffer: buf });
      return readable({ text: value, method: 'docx', confidence: null });
    }
    if (kind === 'pdf') return await pdfText(buf, ocr);
    return await ocrImages([buf], ocr);
  } catch {
    return { text: '', method: 'none', confidence: null, problem: '文件已损坏或无法打开' };
  }
}

async function pdfText(buf: Buffer, ocr: OcrEngine): Promise<ExtractedText> {
  const pdf = await getDocumentProxy(new Uint8Array(buf));
  const { text } = await extractText(pdf, { mergePages: false });
  const pages = text.slice(0, MAX_PDF_PAGES);
  const scanned: number[] = [];
  pages.forEach((p, i) => {
    if (p.replace(/\s/g, '').length < MIN_PAGE_CHARS) scanned.push(i + 1);
  });
  if (scanned.length === 0) return readable({ text: pages.join('\n'), method: 'text', confidence: null });
  const images: Buffer[] = [];
  for (const page of scanned) {
    for (const img of await extractImages(pdf, page)) {
      images.push(await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: img.channels } }).png().toBuffer());
    }
  }
  const fromOcr = await ocrImages(images, ocr);
  const layer = pages.filter((_, i) => !scanned.includes(i + 1)).join('\n');
  const joined = [layer, fromOcr.text].filter((t) => t.trim() !== '').join('\n');
  if (layer.trim() !== '' && fromOcr.method === 'none') return readable({ text: joined, method: 'text', confidence: null });
  return { ...fromOcr, text: joined };
}

async function ocrImages(images: Buffer[], ocr: OcrEngine): Promise<ExtractedText> {
  if (images.length === 0) return { text: '', method: 'none', confidence: null, problem: '文件中没有可识别的文字或图像' };
  const lines = [];
  for (const img of images) {
    const got = await ocr.recognize(img);
    if (got === null) return { text: '', method: 'none', confidence: null, problem: '文字识别（OCR）不可用，无法识别图片内容' };
    // noise and smudges come back as short low-confidence fragments: they are not text
    lines.push(...got.filter((l) => l.confidence >= MIN_LINE_CONFIDENCE));
  }
  if (lines.length === 0) return { text: '', method: 'none', confidence: null, problem: '图片中未识别出文字（可能空白、过暗或模糊）' };
  const confidence = lines.reduce((s, l) => s + l.confidence, 0) / lines.length;
  return readable({ text: lines.map((l) => l.text).join('\n'), method: 'ocr', confidence: Math.round(confidence * 1000) / 1000 });
}

function readable(r: ExtractedText): ExtractedText {
  if (r.text.replace(/\s/g, '').length === 0) return { ...r, method: 'none', problem: r.problem ?? '文件中没有可识别的文字' };
  return r;
}
