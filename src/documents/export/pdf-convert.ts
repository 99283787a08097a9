/**
 * .docx → PDF through LibreOffice headless. Each conversion runs with its own user profile in
 * a temp directory (a shared profile lets only one soffice run at a time, and a crashed run
 * leaves a lock behind) and is killed after a timeout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError, ErrorCode } from '../../shared/app-error.js';

export interface PdfConvertOptions {
  /** the LibreOffice program; `soffice` on the PATH by default */
  soffice?: string;
  timeoutMs?: number;
}

const NOT_INSTALLED = '服务器未安装 LibreOffice（soffice），暂不能导出 PDF；请导出 .docx，或由管理员安装 LibreOffice（如 apt-get install libreoffice-writer-nogui）后重试';

interface RunResult {
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

function runSoffice(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      // soffice starts helper processes: end the whole group
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ENOENT') reject(new AppError(ErrorCode.Unavailable, NOT_INSTALLED));
      else reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

let availability: Promise<boolean> | undefined;

/** Whether LibreOffice can be started here (the web offers PDF only then); asked once per process. */
export function pdfAvailable(): Promise<boolean> {
  availability ??= runSoffice('soffice', ['--version'], 15_000).then(
    (r) => r.code === 0,
    () => false,
  );
  return availability;
}

/** a conversion takes a CPU for a second or more: a few at a time, the rest wait their turn */
const MAX_PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Converts a .docx to PDF; throws AppError(Unavailable) in Chinese when LibreOffice is missing or fails. */
export function convertDocxToPdf(docx: Buffer, opts: PdfConvertOptions = {}): Promise<Buffer> {
  return inTurn(() => convertOnce(docx, opts));
}

async function convertOnce(docx: Buffer, opts: PdfConvertOptions): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-pdf-'));
  try {
    const input = path.join(dir, 'document.docx');
    fs.writeFileSync(input, docx);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const r = await runSoffice(
      opts.soffice ?? 'soffice',
      [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', dir, input],
      opts.timeoutMs ?? 120_000,
    );
    const output = path.join(dir, 'document.pdf');
    if (r.timedOut) throw new AppError(ErrorCode.Unavailable, 'PDF 转换超时，请稍后重试或导出 .docx');
    if (r.code !== 0 || !fs.existsSync(output)) {
      throw new AppError(ErrorCode.Unavailable, 'PDF 转换失败，请导出 .docx', { exitCode: r.code, stderr: r.stderr.slice(0, 500) });
    }
    return fs.readFileSync(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
