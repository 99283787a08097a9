import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { convertDocxToPdf } from './pdf-convert.js';

describe('PDF through LibreOffice', () => {
  it('says in Chinese that LibreOffice is missing, naming what to install', async () => {
    const err = await convertDocxToPdf(Buffer.from('PK'), { soffice: '/nonexistent/soffice' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(ErrorCode.Unavailable);
    expect((err as AppError).message).toMatch(/未安装 LibreOffice.*\.docx/);
  });
});
