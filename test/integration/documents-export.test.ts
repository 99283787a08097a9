/**
 * The .docx export in GB/T 9704 layout, measured the way a ruler on the printed page would:
 * the .docx goes through LibreOffice to PDF, pdftoppm renders each page (ink bands give the
 * margins and the lines) and pdftotext -bbox-layout gives each line's characters and box.
 * Then the HTTP export on SQLite and PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialDocumentSchema, type OfficialDocument } from '../../src/documents/document.model.js';
import { exportDocx } from '../../src/documents/export/docx-export.js';
import { convertDocxToPdf } from '../../src/documents/export/pdf-convert.js';
import { bearerFor, createDepartment } from '../helpers/auth.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

// ---- the document ------------------------------------------------------------------------

const PARAGRAPH =
  '各街道办事处要按照属地管理原则落实防汛责任制度，明确每一处隐患点位的责任人和联系电话，建立台账并定期更新，及时报送区防汛抗旱指挥部办公室，确保责任落实到人、措施落实到位。';

/** A 通知 long enough for several full body pages, with every part of 版头, 主体 and 版记. */
function buildNotice(overrides: Partial<OfficialDocument> = {}): OfficialDocument {
  const body = [
    '为切实做好2026年防汛工作，保障人民群众生命财产安全，现将有关事项通知如下。',
    '一、提高思想认识',
    PARAGRAPH.repeat(3),
    `（一）落实责任制度。${PARAGRAPH.repeat(2)}`,
    PARAGRAPH.repeat(4),
    '二、强化应急值守',
    `1. 加强值班值守。${PARAGRAPH.repeat(3)}`,
    `（1）地下空间。${PARAGRAPH.repeat(3)}`,
    PARAGRAPH.repeat(5),
  ].join('\n');
  return officialDocumentSchema.parse({
    type: '通知',
    header: { copyNumber: '000123', secrecy: '秘密★1年', urgency: '特急', issuerMark: '云州市青禾区人民政府文件', docNumber: '青政发〔2026〕12号' },
    title: '云州市青禾区人民政府关于做好2026年防汛工作的通知',
    recipients: '各街道办事处，区政府各部门：',
    body,
    attachments: [{ title: '青禾区防汛责任人名单', content: '（略）' }, { title: '青禾区防汛重点部位清单' }],
    signature: '云州市青禾区人民政府',
    date: '2026年7月1日',
    note: '（联系人：张三，电话：0571-12345678）',
    colophon: { cc: '抄送：区委办公室，区人大常委会办公室，区政协办公室。', printer: '云州市青禾区人民政府办公室', printDate: '2026年7月1日' },
    ...overrides,
  });
}

// ---- measuring ---------------------------------------------------------------------------

const DPI = 150;
const PX_PER_MM = DPI / 25.4;
const PT_PER_MM = 72 / 25.4;

/** GB/T 9704: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, 22 lines × 28 characters, ±1 mm. */
const GB = { top: 37, left: 28, width: 156, height: 225, lines: 22, chars: 28, tolerance: 1 } as const;
const TYPE_BOTTOM = GB.top + GB.height;
const TYPE_RIGHT = GB.left + GB.width;
/** one 4号 character, the page number's distance from the 版心 edge */
const PAGE_NUMBER_INSET = (14 / 72) * 25.4;

interface Band {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

interface Measured {
  pageWidthPt: number;
  pageHeightPt: number;
  /** per page: rows with ink grouped into bands, in mm from the page's top-left corner */
  bands: Band[][];
  /** per page: text lines (words on one baseline joined), in mm */
  lines: { text: string; xMin: number; xMax: number; yMin: number; yMax: number }[][];
}

async function inkBands(png: string, isInk: (r: number, g: number, b: number) => boolean): Promise<Band[]> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const bands: Band[] = [];
  let open: { top: number; left: number; right: number } | undefined;
  for (let y = 0; y <= height; y++) {
    let left = -1;
    let right = -1;
    for (let x = 0; y < height && x < width; x++) {
      const i = (y * width + x) * channels;
      if (!isInk(data[i]!, data[i + 1]!, data[i + 2]!)) continue;
      if (left < 0) left = x;
      right = x;
    }
    if (left >= 0) {
      if (!open) open = { top: y, left, right };
      else open = { top: open.top, left: Math.min(open.left, left), right: Math.max(open.right, right) };
    } else if (open) {
      bands.push({ top: open.top / PX_PER_MM, bottom: y / PX_PER_MM, left: open.left / PX_PER_MM, right: (open.right + 1) / PX_PER_MM });
      open = undefined;
    }
  }
  return bands;
}

const dark = (r: number, g: number, b: number) => r + g + b < 3 * 160;
const red = (r: number, g: number, b: number) => r > 180 && g < 90 && b < 90;

function pngFiles(dir: string, prefix: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]))
    .map((f) => path.join(dir, f));
}

async function measure(pdf: string, dir: string): Promise<Measured> {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', pdf, path.join(dir, 'page')]);
  const bands = await Promise.all(pngFiles(dir, 'page').map((f) => inkBands(f, dark)));
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  const lines = xml
    .split('<page ')
    .slice(1)
    .map((pageXml) => {
      const rows: Measured['lines'][number] = [];
      for (const m of pageXml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
        const text = [...m[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]!).join('');
        const line = { text, xMin: +m[1]! / PT_PER_MM, yMin: +m[2]! / PT_PER_MM, xMax: +m[3]! / PT_PER_MM, yMax: +m[4]! / PT_PER_MM };
        // a line split at a run change is one line on the page
        const same = rows.find((r) => Math.abs(r.yMin - line.yMin) < 0.5);
        if (!same) rows.push(line);
        else {
          same.text = same.xMin <= line.xMin ? same.text + line.text : line.text + same.text;
          same.xMin = Math.min(same.xMin, line.xMin);
          same.xMax = Math.max(same.xMax, line.xMax);
        }
      }
      return rows.sort((a, b) => a.yMin - b.yMin);
    });
  return { pageWidthPt: Number(size[1]), pageHeightPt: Number(size[2]), bands, lines };
}

/** Bands of the 版心 (above the page number). */
const textBands = (bands: Band[]) => bands.filter((b) => b.bottom < TYPE_BOTTOM + 2);

/** Pages whose 版心 is filled with body text: as many bands as the grid has lines. */
function fullBodyPages(m: Measured): number[] {
  return m.bands.flatMap((bands, i) => (i > 0 && textBands(bands).length >= GB.lines ? [i] : []));
}

/** The 版心's margins as the text of a full page shows them. */
function typeArea(bands: Band[]) {
  const lines = textBands(bands);
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const pitch = (last.top - first.top) / (lines.length - 1);
  // glyphs sit at the same height in every line slot: the block's middle is the 版心's middle
  const middle = (first.top + last.bottom) / 2;
  return {
    lines: lines.length,
    pitch,
    top: middle - (lines.length / 2) * pitch,
    left: Math.min(...lines.map((b) => b.left)),
    right: Math.max(...lines.map((b) => b.right)),
    inkTop: first.top,
  };
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

async function toPdf(docx: Buffer, dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(path.join(dir, `${name}.docx`), docx);
  fs.writeFileSync(file, await convertDocxToPdf(docx));
  return file;
}

// ---- the layout --------------------------------------------------------------------------

describe('GB/T 9704 layout of the exported .docx, measured on the rendered pages', () => {
  let dir: string;
  let m: Measured;
  let pdf: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-gongwen-'));
    pdf = await toPdf(await exportDocx(buildNotice()), dir, 'notice');
    m = await measure(pdf, dir);
  });
  afterAll(() => {
    // the pictures stay for a person to look at when a check fails
    if (dir && !process.env.KEEP_RENDERING) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is A4 and has full body pages to measure', () => {
    expect(m.pageWidthPt).toBeCloseTo(595.3, 0);
    expect(m.pageHeightPt).toBeCloseTo(841.9, 0);
    expect(fullBodyPages(m).length).toBeGreaterThanOrEqual(2);
  });

  it('places the text of body pages in the 156 × 225 mm 版心: 28 mm from the left, 37 mm from the top', () => {
    for (const page of fullBodyPages(m)) {
      const area = typeArea(m.bands[page]!);
      const where = `page ${page + 1}: ${JSON.stringify(area)}`;
      expect(Math.abs(area.left - GB.left), where).toBeLessThanOrEqual(GB.tolerance);
      expect(Math.abs(area.right - TYPE_RIGHT), where).toBeLessThanOrEqual(GB.tolerance);
      expect(Math.abs(area.top - GB.top), where).toBeLessThanOrEqual(GB.tolerance);
      expect(Math.abs(area.pitch * GB.lines - GB.height), where).toBeLessThanOrEqual(GB.tolerance);
      // the first line's characters start inside the 版心, in its first line slot
      expect(area.inkTop, where).toBeGreaterThanOrEqual(GB.top);
      expect(area.inkTop - GB.top, where).toBeLessThan(area.pitch);
    }
  });

  it('sets 22 lines on a full page and 28 characters on a full line', () => {
    for (const page of fullBodyPages(m)) {
      expect(textBands(m.bands[page]!), `page ${page + 1}`).toHaveLength(GB.lines);
      const lines = m.lines[page]!.filter((l) => l.yMax < TYPE_BOTTOM + 1);
      expect(lines, `page ${page + 1}`).toHaveLength(GB.lines);
      // a full line runs from the left to the right edge of the 版心
      const full = lines.filter((l) => Math.abs(l.xMin - GB.left) < 1.5 && Math.abs(l.xMax - TYPE_RIGHT) < 1.5);
      expect(full.length, `page ${page + 1}`).toBeGreaterThan(GB.lines / 2);
      // a line that would end before a "，" carries one character less, spread over the width
      const counts = full.map((l) => [...l.text].length);
      expect(Math.max(...counts), JSON.stringify(full.map((l) => l.text))).toBe(GB.chars);
      expect(mostCommon(counts)).toBe(GB.chars);
      for (const l of full.filter((f) => [...f.text].length === GB.chars)) expect(Math.abs((l.xMax - l.xMin) / GB.chars - GB.width / GB.chars)).toBeLessThan(0.1);
    }
  });

  it('numbers the pages "— n —" in the footer, odd pages on the right and even pages on the left, one character in', () => {
    expect(m.lines.length).toBeGreaterThanOrEqual(4);
    m.lines.forEach((lines, i) => {
      const n = i + 1;
      const footer = lines.filter((l) => l.yMin > TYPE_BOTTOM);
      expect(footer.map((l) => l.text.replace(/\s+/g, ''))).toEqual([`—${n}—`]);
      const f = footer[0]!;
      if (n % 2 === 1) expect(Math.abs(f.xMax - (TYPE_RIGHT - PAGE_NUMBER_INSET)), `page ${n} right edge ${f.xMax}`).toBeLessThanOrEqual(GB.tolerance);
      else expect(Math.abs(f.xMin - (GB.left + PAGE_NUMBER_INSET)), `page ${n} left edge ${f.xMin}`).toBeLessThanOrEqual(GB.tolerance);
      // the em dashes (the line's middle) 7 mm below the 版心
      expect(Math.abs((f.yMin + f.yMax) / 2 - (TYPE_BOTTOM + 7)), `page ${n}`).toBeLessThanOrEqual(1.5);
    });
  });

  it('prints the 发文机关标志 and the rule under the 字号 in red, the rule as wide as the 版心', async () => {
    execFileSync('pdftoppm', ['-r', String(DPI), '-f', '1', '-l', '1', '-png', pdf, path.join(dir, 'colour')]);
    const reds = await inkBands(pngFiles(dir, 'colour')[0]!, red);
    const mark = reds.find((b) => b.bottom - b.top > 5);
    const rule = reds.find((b) => b.bottom - b.top < 1.5);
    expect(mark, JSON.stringify(reds)).toBeDefined();
    // the mark's top edge 35 mm below the 版心's top (7.2.4)
    expect(Math.abs(mark!.top - (GB.top + 35))).toBeLessThanOrEqual(3);
    expect(Math.abs((mark!.left + mark!.right) / 2 - (GB.left + GB.width / 2))).toBeLessThanOrEqual(GB.tolerance);
    expect(rule, JSON.stringify(reds)).toBeDefined();
    expect(rule!.top).toBeGreaterThan(mark!.bottom);
    expect(Math.abs(rule!.left - GB.left)).toBeLessThanOrEqual(GB.tolerance);
    expect(Math.abs(rule!.right - TYPE_RIGHT)).toBeLessThanOrEqual(GB.tolerance);
    // the 字号 between mark and rule, centred, black
    const numberLine = m.lines[0]!.find((l) => l.text.includes('青政发'));
    expect(numberLine?.text).toBe('青政发〔2026〕12号');
    expect(numberLine!.yMin).toBeGreaterThan(mark!.bottom);
    expect(numberLine!.yMax).toBeLessThan(rule!.top);
  });

  it('closes the last page with the 版记: 抄送 and 印发 between rules, the last rule on the 版心 bottom edge', () => {
    const last = m.bands.length - 1;
    const rules = textBands(m.bands[last]!).filter((b) => b.bottom - b.top < 1.5);
    expect(rules.length, JSON.stringify(m.bands[last])).toBe(3);
    for (const r of rules) {
      expect(Math.abs(r.left - GB.left)).toBeLessThanOrEqual(GB.tolerance);
      expect(Math.abs(r.right - TYPE_RIGHT)).toBeLessThanOrEqual(GB.tolerance);
    }
    expect(Math.abs(rules[2]!.bottom - TYPE_BOTTOM)).toBeLessThanOrEqual(GB.tolerance);
    const texts = m.lines[last]!.map((l) => l.text);
    expect(texts).toContain('抄送：区委办公室，区人大常委会办公室，区政协办公室。');
    expect(texts.some((t) => t.startsWith('云州市青禾区人民政府办公室') && t.endsWith('2026年7月1日印发'))).toBe(true);
  });

  it("tells Word's default page (25.4 mm margins, no grid) from the GB layout", async () => {
    const paragraphs = buildNotice()
      .body.split('\n')
      .map((t) => new Paragraph(t));
    const plain = await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
    const other = await measure(await toPdf(plain, dir, 'default'), fs.mkdtempSync(path.join(dir, 'default-')));
    const area = typeArea(other.bands[0]!);
    expect(Math.abs(area.left - GB.left)).toBeGreaterThan(GB.tolerance);
    expect(Math.abs(area.top - GB.top)).toBeGreaterThan(GB.tolerance);
    expect(textBands(other.bands[0]!).length).not.toBe(GB.lines);
  });
});

// ---- HTTP --------------------------------------------------------------------------------

describe.each(DIALECTS)('document export API (%s)', (dialect) => {
  let t: TestContext;
  let drafter: Record<string, string>;
  let office: number;
  const exportDoc = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/documents/export', headers, payload });

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
    office = await createDepartment(t, '青禾区人民政府办公室', 'bureau');
    drafter = (await bearerFor(t, 'drafter', { departmentId: office })).headers;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('asks the public to sign in and refuses staff who do not draft documents', async () => {
    const doc = buildNotice();
    expect((await exportDoc({}, { document: doc, format: 'docx' })).statusCode).toBe(401);
    for (const role of ['reviewer', 'agent'] as const) {
      const res = await exportDoc((await bearerFor(t, role)).headers, { document: doc, format: 'docx' });
      expect(res.statusCode, res.body).toBe(403);
    }
  });

  it('sends the .docx named after the title', async () => {
    const res = await exportDoc(drafter, { document: buildNotice(), format: 'docx' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('云州市青禾区人民政府关于做好2026年防汛工作的通知.docx')}`);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('sends a PDF through LibreOffice', async () => {
    const res = await exportDoc(drafter, { document: buildNotice({ body: '请认真贯彻执行。' }), format: 'pdf' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const formats = await t.app.inject({ method: 'GET', url: '/api/v1/documents/export/formats', headers: drafter });
    expect(formats.json()).toEqual({ formats: ['docx', 'pdf'] });
    // a director who signs but does not draft exports stored documents, in either format
    const leader = await t.app.inject({ method: 'GET', url: '/api/v1/documents/export/formats', headers: (await bearerFor(t, 'leader', { departmentId: office })).headers });
    expect(leader.json()).toEqual({ formats: ['docx', 'pdf'] });
  });

  it('exports a stored document, within the reader\'s scope', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: drafter, payload: { document: buildNotice() } });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}/export?format=docx`, headers: drafter });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}/export?format=docx` })).statusCode).toBe(401);
    // another department's drafter does not learn that the document exists
    const elsewhere = (await bearerFor(t, 'drafter', { departmentId: await createDepartment(t, '青禾区水利局', 'bureau') })).headers;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}/export?format=docx`, headers: elsewhere })).statusCode).toBe(404);
  });

  it('names the field of a bad request in Chinese', async () => {
    const badFormat = await exportDoc(drafter, { document: buildNotice(), format: 'odt' });
    expect(badFormat.statusCode).toBe(400);
    expect(errorResponseSchema.parse(badFormat.json()).error.message).toContain('format');
    const { title: _title, ...untitled } = buildNotice();
    const noTitle = await exportDoc(drafter, { document: untitled, format: 'docx' });
    expect(noTitle.statusCode).toBe(400);
    const { error } = errorResponseSchema.parse(noTitle.json());
    expect(error.message).toMatch(HAN);
    expect(error.message).toContain('title');
  });
});
