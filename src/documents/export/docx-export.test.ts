import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { officialDocumentSchema, type OfficialDocument } from '../document.model.js';
import { exportDocx, headingLevel } from './docx-export.js';
import { CHAR_TWIPS, GRID, MARGIN, TYPE_AREA, twipsToMm } from './gb9704-layout.js';

const notice = (overrides: Partial<OfficialDocument> = {}): OfficialDocument =>
  officialDocumentSchema.parse({
    type: '通知',
    header: { issuerMark: '云州市青禾区人民政府文件', docNumber: '青政发〔2026〕12号' },
    title: '云州市青禾区人民政府关于做好2026年防汛工作的通知',
    recipients: '各街道办事处：',
    body: '现将有关事项通知如下。\n一、提高思想认识\n（一）落实责任。各街道要落实责任。',
    signature: '云州市青禾区人民政府',
    date: '2026年7月1日',
    colophon: { cc: '抄送：区委办公室。', printer: '云州市青禾区人民政府办公室', printDate: '2026年7月1日' },
    ...overrides,
  });

async function parts(doc: OfficialDocument) {
  const zip = await JSZip.loadAsync(await exportDocx(doc));
  const read = (name: string) => zip.file(name)!.async('string');
  const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map(read));
  return { document: await read('word/document.xml'), fonts: await read('word/fontTable.xml'), styles: await read('word/styles.xml'), settings: await read('word/settings.xml'), footers };
}

describe('GB/T 9704 .docx', () => {
  it('sets A4 with 37/28 mm margins, a 156 × 225 mm 版心 and a grid of 22 lines × 28 characters', async () => {
    const { document } = await parts(notice());
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(document).toContain(`w:top="${MARGIN.top}" w:right="${MARGIN.right}" w:bottom="${MARGIN.bottom}" w:left="${MARGIN.left}"`);
    expect(twipsToMm(MARGIN.top)).toBeCloseTo(37, 1);
    expect(twipsToMm(MARGIN.left)).toBeCloseTo(28, 1);
    expect(twipsToMm(TYPE_AREA.width)).toBeCloseTo(156, 0);
    expect(twipsToMm(TYPE_AREA.height)).toBeCloseTo(225, 0);
    // Word's own figures for this page
    expect(GRID).toEqual({ linePitch: 579, charSpace: -842 });
    expect(document).toContain('<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>');
    expect(Math.floor(TYPE_AREA.height / GRID.linePitch)).toBe(22);
    expect(Math.floor(TYPE_AREA.width / CHAR_TWIPS)).toBe(28);
  });

  it('names the standard fonts with their fallbacks, the body 3号 on the Normal style', async () => {
    const { fonts, styles, document } = await parts(notice());
    for (const [name, alt] of [['方正小标宋简体', '宋体'], ['仿宋_GB2312', '仿宋'], ['黑体', 'SimHei'], ['楷体_GB2312', '楷体']]) {
      expect(fonts).toContain(`<w:font w:name="${name}"><w:altName w:val="${alt}"/>`);
    }
    expect(styles).toMatch(/w:styleId="Normal">.*w:eastAsia="仿宋_GB2312".*<w:sz w:val="32"\/>/);
    // 一、 in 黑体, （一） in 楷体, the title in 2号 小标宋
    expect(document).toMatch(/w:eastAsia="黑体"[^]*?一、提高思想认识/);
    expect(document).toMatch(/w:eastAsia="楷体_GB2312"[^]*?（一）落实责任。/);
    expect(document).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>[^]*?关于做好2026年防汛工作的通知/);
  });

  it('numbers pages "— n —" right on odd and left on even pages', async () => {
    const { settings, footers } = await parts(notice());
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(footers).toHaveLength(2);
    const odd = footers.find((f) => f.includes('<w:jc w:val="right"/>'));
    const even = footers.find((f) => f.includes('<w:jc w:val="left"/>'));
    for (const f of [odd, even]) {
      expect(f).toContain('PAGE');
      expect(f).toMatch(/— <\/w:t>[^]*PAGE[^]*<w:t xml:space="preserve"> —/);
      expect(f).toContain('w:eastAsia="宋体"');
    }
  });

  it('prints the mark and the rule under the 字号 in red, and 抄送 once labelled', async () => {
    const { document } = await parts(notice());
    expect(document).toMatch(/<w:color w:val="FF0000"\/>[^]*?云州市青禾区人民政府文件/);
    expect(document).toMatch(/<w:bottom w:val="single" w:color="FF0000"[^]*?青政发〔2026〕12号/);
    expect(document).toContain('抄送：区委办公室。');
    expect(document).not.toContain('抄送：抄送');
    expect(document).toContain('2026年7月1日印发');
  });

  it('puts the 签发人 of an upward document on the 字号 line, names in 楷体', async () => {
    const { document } = await parts(notice({ type: '请示', header: { issuerMark: '青禾区民政局', docNumber: '青民〔2026〕5号', signers: ['李明'] } }));
    expect(document).toMatch(/青民〔2026〕5号[^]*?签发人：[^]*?w:eastAsia="楷体_GB2312"[^]*?李明/);
  });

  it('tells heading levels by their numbering', () => {
    expect(['一、总体要求', '（二）工作任务', '3. 加强值守', '（4）地下空间', '2026年工作安排', '各单位要落实'].map(headingLevel)).toEqual([1, 2, 3, 4, 0, 0]);
  });
});
