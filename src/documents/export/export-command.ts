/** `xiaozheng documents export`: a 公文 in plain text or .docx → .docx or PDF in the GB/T 9704 layout. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOption } from '../../cli/cli-support.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { DOCUMENT_TYPES } from '../document.model.js';
import { docxToText } from '../docx-text.js';
import { parsePlainText } from '../plain-text.js';
import { exportDocument, exportFormatSchema } from './document-export.js';

export function registerExportCommand(documents: Command): void {
  documents
    .command('export <file>')
    .description('把一份公文（.txt 或 .docx）按 GB/T 9704 版式导出为 .docx 或 PDF（PDF 需安装 LibreOffice）')
    .option('--format <格式>', 'docx 或 pdf', 'docx')
    .option('--type <文种>', '标题未写明文种时按此文种排版')
    .option('-o, --out <文件>', '输出文件（默认与输入同目录、按标题命名）')
    .action(async (file: string, opts: { format: string; type?: string; out?: string }) => {
      const format = parseOption(exportFormatSchema, opts.format, '--format');
      const type = opts.type === undefined ? undefined : parseOption(z.enum(DOCUMENT_TYPES, { error: () => `文种无效，可选：${DOCUMENT_TYPES.join('、')}` }), opts.type, '--type');
      const source = path.resolve(file);
      if (!fs.existsSync(source)) throw new AppError(ErrorCode.ValidationFailed, `找不到文件：${source}`);
      const data = fs.readFileSync(source);
      if (!/\.(docx|txt|text|md)$/i.test(source)) throw new AppError(ErrorCode.ValidationFailed, `只支持 .txt 或 .docx 文件：${source}`);
      const text = /\.docx$/i.test(source) ? await docxToText(data) : data.toString('utf8').replace(/^\uFEFF/, '');
      const { document } = parsePlainText(text, { type });
      const out = await exportDocument(document, format);
      const target = path.resolve(opts.out ?? path.join(path.dirname(source), out.fileName));
      fs.writeFileSync(target, out.content);
      console.log(`已导出：${target}`);
    });
}
