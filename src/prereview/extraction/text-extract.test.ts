import { describe, expect, it } from 'vitest';
import { formDocx, idCardLines, idCardPng, idNumber, linesPdf, scanPdf, validity } from '../../../test/fixtures/prereview/generate.js';
import { detectFileKind } from './file-type.js';
import { NO_OCR, PaddleOcrEngine } from './ocr.js';
import { extractFileText } from './text-extract.js';

const person = { name: '李华', sex: '女' as const, birth: '19850612', address: '云州市青禾区幸福路6号', idNumber: idNumber('110101', '19850612', '122'), validity: validity(2015, 20) };

describe('text extraction', () => {
  it('knows a file by its content, not its name', async () => {
    expect(detectFileKind(await formDocx({ title: '申请表', rows: [] }))).toBe('docx');
    expect(detectFileKind(await linesPdf(['x']))).toBe('pdf');
    expect(detectFileKind(await idCardPng(person))).toBe('png');
    expect(detectFileKind(Buffer.from('PK\u0003\u0004 a zip without word/'))).toBeNull();
    expect(detectFileKind(Buffer.from('MZ executable'))).toBeNull();
  });

  it('reads DOCX and a PDF text layer without OCR, and a scanned PDF with it', async () => {
    const docx = await extractFileText(await formDocx({ title: '居民身份证换领申请表', rows: [['申请人姓名', '李华']] }), 'docx', NO_OCR);
    expect(docx).toMatchObject({ method: 'docx' });
    expect(docx.text).toContain('申请人姓名：李华');
    const pdf = await extractFileText(await linesPdf(idCardLines(person)), 'pdf', NO_OCR);
    expect(pdf.method).toBe('text');
    expect(pdf.text).toContain(`公民身份号码 ${person.idNumber}`);

    const scan = await scanPdf(await idCardPng(person));
    const read = await extractFileText(scan, 'pdf', new PaddleOcrEngine());
    expect(read.method).toBe('ocr');
    expect(read.text.replace(/\s/g, '')).toContain(`公民身份号码${person.idNumber}`);
    expect(read.confidence).toBeGreaterThan(0.9);
  }, 60_000);

  it('says plainly when OCR is unavailable or a file is broken', async () => {
    expect(await extractFileText(await idCardPng(person), 'png', NO_OCR)).toMatchObject({ method: 'none', problem: expect.stringContaining('OCR') });
    expect(await extractFileText(Buffer.from('%PDF-1.7 broken'), 'pdf', NO_OCR)).toMatchObject({ method: 'none', problem: '文件已损坏或无法打开' });
  });
});
