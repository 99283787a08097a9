/**
 * .docx of an official document in the GB/T 9704-2012 layout: A4, 37/28 mm margins, a
 * document grid of 22 lines × 28 characters, the standard fonts by name, red 发文机关标志 and
 * 分隔线, 版记 at the foot of the last page, page numbers "— 1 —" right on odd and left on even
 * pages. Element positions follow the standard's clauses (7.2 版头, 7.3 主体, 7.4 版记, 7.5 页码).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { OfficialDocument } from '../document.model.js';
import { BODY_PT, BODY_SCALE, chars, FONTS, GRID, MARGIN, MARGIN_MM, mmToTwips, PAGE, RED, SIZE_PT, textWidthInChars, TYPE_AREA, type FontKey } from './gb9704-layout.js';
import { signaturePlacement } from './signature-placement.js';

const PITCH = GRID.linePitch;
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** the off-grid paragraph style of 标志, 字号, 标题, 署名 and 日期 (see stylesXml) */
const OFF_GRID = 'GongwenOffGrid';

interface RunSpec {
  text: string;
  font?: FontKey;
  pt?: number;
  color?: string;
}

function run(spec: RunSpec): TextRun {
  const font = FONTS[spec.font ?? 'fangsong'].name;
  const opts: IRunOptions = {
    text: spec.text,
    font: { ascii: font, hAnsi: font, eastAsia: font, cs: font },
    size: (spec.pt ?? BODY_PT) * 2,
    ...((spec.pt ?? BODY_PT) === BODY_PT ? { scale: BODY_SCALE } : {}),
    ...(spec.color ? { color: spec.color } : {}),
  };
  return new TextRun(opts);
}

type ParaOptions = Omit<IParagraphOptions, 'children' | 'text'> & { lineTwips?: number };

/** A paragraph on the grid: exactly one line pitch per line unless told otherwise. */
function para(runs: RunSpec[] | TextRun[], opts: ParaOptions = {}): Paragraph {
  const { lineTwips, spacing, ...rest } = opts;
  return new Paragraph({
    ...rest,
    spacing: { line: lineTwips ?? PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0, ...spacing },
    children: runs.map((r) => (r instanceof TextRun ? r : run(r))),
  });
}

const blank = (n = 1): Paragraph[] => Array.from({ length: n }, () => para([]));

/** 一、 （一） 1. （1）: the level of a body line, or 0 for a plain paragraph. */
export function headingLevel(line: string): 0 | 1 | 2 | 3 | 4 {
  if (/^[一二三四五六七八九十百]+、/.test(line)) return 1;
  if (/^[（(][一二三四五六七八九十百]+[）)]/.test(line)) return 2;
  if (/^\d+[.．]\s*\D/.test(line)) return 3;
  if (/^[（(]\d+[）)]/.test(line)) return 4;
  return 0;
}

const HEADING_FONT: Record<1 | 2 | 3 | 4, FontKey> = { 1: 'heiti', 2: 'kaiti', 3: 'fangsong', 4: 'fangsong' };

/** A body paragraph: 2 characters' first-line indent; a heading's own sentence in its level's font. */
function bodyParagraph(line: string): Paragraph {
  const level = headingLevel(line);
  const indent = { firstLine: chars(2) };
  if (level === 0) return para([{ text: line }], { indent });
  // a heading may run on into its paragraph: "（一）加强组织领导。各单位要……"
  const stop = line.search(/[。：:]/);
  const head = stop >= 0 && stop < line.length - 1 ? line.slice(0, stop + 1) : line;
  const runs: RunSpec[] = [{ text: head, font: HEADING_FONT[level] }];
  if (head.length < line.length) runs.push({ text: line.slice(head.length) });
  return para(runs, { indent });
}

function bodyLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** 7.2 版头: 份号, 密级, 紧急程度, 发文机关标志, 发文字号 (with 签发人 on upward documents), 分隔线. */
function headerBlock(doc: OfficialDocument): Paragraph[] {
  const h = doc.header;
  const out: Paragraph[] = [];
  for (const v of [h.copyNumber, h.secrecy, h.urgency]) if (v) out.push(para([{ text: v, font: 'heiti' }]));
  const upward = (h.signers?.length ?? 0) > 0;
  // the mark's top edge sits 35 mm (upward documents: 80 mm) below the 版心's top
  const markTop = mmToTwips(upward ? 80 : 35);
  const markPt = Math.min(SIZE_PT.小初, Math.floor(TYPE_AREA.width / 20 / Math.max(1, textWidthInChars(h.issuerMark))));
  const markLine = Math.round(markPt * 20 * 1.25);
  out.push(
    para([{ text: h.issuerMark, font: 'xiaobiaosong', pt: markPt, color: RED }], {
      style: OFF_GRID,
      alignment: AlignmentType.CENTER,
      lineTwips: markLine,
      spacing: { before: Math.max(0, markTop - out.length * PITCH) },
    }),
  );
  out.push(...blank(2));
  const rule = { bottom: { style: BorderStyle.SINGLE, size: 8, color: RED, space: 11 } } as const;
  const number = h.docNumber ?? '';
  if (upward) {
    // names two to a line, ending one character from the right; the 字号, one character in
    // from the left, shares the line of the last names (7.2.6). No indents, so that the red
    // rule under the last line spans the whole 版心.
    const names = h.signers!;
    const rows: string[][] = [];
    for (let i = 0; i < names.length; i += 2) rows.push(names.slice(i, i + 2));
    rows.forEach((row, i) => {
      const last = i === rows.length - 1;
      const runs: RunSpec[] = [];
      if (last && number) runs.push({ text: `\u3000${number}` });
      runs.push({ text: '\t' });
      if (i === 0) runs.push({ text: '签发人：' });
      runs.push({ text: row.join('\u3000'), font: 'kaiti' });
      out.push(
        para(runs, {
          style: OFF_GRID,
          tabStops: [{ type: TabStopType.RIGHT, position: TYPE_AREA.width - chars(1) }],
          ...(last ? { border: rule } : {}),
        }),
      );
    });
  } else {
    out.push(para([{ text: number }], { style: OFF_GRID, alignment: AlignmentType.CENTER, border: rule }));
  }
  return out;
}

/** 7.3.5 署名 and 成文日期, placed by signaturePlacement, with room for the seal above when sealed. */
function signatureBlock(doc: OfficialDocument): Paragraph[] {
  if (!doc.signature && !doc.date) return [];
  const sig = doc.signature ?? '';
  const date = doc.date ?? '';
  const { signatureRight: sigRight, dateRight } = signaturePlacement(textWidthInChars(sig), textWidthInChars(date), doc.sealed);
  const out = blank(doc.sealed ? 2 : 1);
  const placed = (text: string, right: number) => para([{ text }], { style: OFF_GRID, alignment: AlignmentType.RIGHT, indent: { right: chars(right) } });
  if (sig) out.push(placed(sig, sigRight));
  if (date) out.push(placed(date, dateRight));
  return out;
}

/** 7.3.4 附件说明: "附件：1. …", later names aligned under the first. */
function attachmentNote(doc: OfficialDocument): Paragraph[] {
  const list = doc.attachments;
  if (list.length === 0) return [];
  const out = blank(1);
  const numbered = list.length > 1;
  list.forEach((a, i) => {
    const item = numbered ? `${i + 1}. ${a.title}` : a.title;
    const indent = { left: chars(5) + (numbered ? chars(1) : 0), hanging: numbered ? chars(1) : 0 };
    out.push(
      i === 0
        ? para([{ text: `附件：${item}` }], { indent: { left: indent.left, hanging: indent.hanging + chars(3) } })
        : para([{ text: item }], { indent }),
    );
  });
  return out;
}

/** 8 附件: each on a new page, "附件1" in 黑体 at the top left, its title centred on line 3. */
function attachmentPages(doc: OfficialDocument): Paragraph[] {
  const out: Paragraph[] = [];
  const numbered = doc.attachments.length > 1;
  doc.attachments.forEach((a, i) => {
    out.push(para([{ text: numbered ? `附件${i + 1}` : '附件', font: 'heiti' }], { pageBreakBefore: true }));
    out.push(...blank(1));
    out.push(para([{ text: a.title, font: 'xiaobiaosong', pt: SIZE_PT.二号 }], { style: OFF_GRID, alignment: AlignmentType.CENTER }));
    out.push(...blank(1));
    for (const line of bodyLines(a.content ?? '')) out.push(bodyParagraph(line));
  });
  return out;
}

/**
 * 7.4 版记 as a table floated to the foot of the 版心 on the last page: a thick rule above and
 * below (0.35 mm), a thin one (0.25 mm) between 抄送 and 印发机关/印发日期; 4号 仿宋, one
 * character in from each side. Placed from the page's left edge: LibreOffice keeps a table
 * as wide as the text area in the flow unless it is positioned relative to the page.
 */
function colophon(doc: OfficialDocument): Table | undefined {
  const { cc, printer, printDate } = doc.colophon;
  if (!cc && !printer && !printDate) return undefined;
  const small = SIZE_PT.四号;
  const side = chars(1, small);
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' } as const;
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
  type Line = typeof thick | typeof thin | typeof none;
  const row = (p: Paragraph, top: Line, bottom: Line) =>
    new TableRow({
      children: [
        new TableCell({
          width: { size: TYPE_AREA.width, type: WidthType.DXA },
          margins: { left: 0, right: 0, top: 0, bottom: 0 },
          borders: { top, bottom, left: none, right: none },
          children: [p],
        }),
      ],
    });
  const hasPrinted = Boolean(printer || printDate);
  const rows: TableRow[] = [];
  if (cc) {
    // the model holds 抄送 as printed ('抄送：…。'); a bare list gets its label
    const ccPara = para([{ text: `抄送：${cc.replace(/^抄送[：:]\s*/, '')}`, pt: small }], { indent: { left: side + chars(3, small), right: side, hanging: chars(3, small) } });
    rows.push(row(ccPara, thick, hasPrinted ? none : thick));
  }
  if (hasPrinted) {
    const printed = para([{ text: printer ?? '', pt: small }, { text: '\t', pt: small }, { text: printDate ? `${printDate}印发` : '', pt: small }], {
      indent: { left: side, right: side },
      tabStops: [{ type: TabStopType.RIGHT, position: TYPE_AREA.width - side }],
    });
    rows.push(row(printed, cc ? thin : thick, thick));
  }
  return new Table({
    rows,
    width: { size: TYPE_AREA.width, type: WidthType.DXA },
    columnWidths: [TYPE_AREA.width],
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    float: {
      horizontalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: MARGIN.left,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
    },
  });
}

/**
 * 7.5 页码: 4号 半角宋体 between em dashes, 7 mm below the 版心; odd pages one character in
 * from the right, even pages one character in from the left.
 */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const font = FONTS.songti.name;
  const size = SIZE_PT.四号 * 2;
  const r = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: { ascii: font, hAnsi: font, eastAsia: font, cs: font }, size });
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: chars(1, SIZE_PT.四号) } : { left: chars(1, SIZE_PT.四号) },
        spacing: { line: SIZE_PT.四号 * 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [r(['— ', PageNumber.CURRENT, ' —'])],
      }),
    ],
  });
}

/**
 * Distance of the footer's bottom from the page's: the em dashes of the page number (about
 * the middle of its 4号 line) come 7 mm below the 版心.
 */
const FOOTER_DISTANCE = mmToTwips(MARGIN_MM.bottom - 7 + SIZE_PT.四号 * 0.3528 / 2) - SIZE_PT.四号 * 20;

/** The font table: each standard font with its Windows fallback (w:altName) and GB2312 charset. */
function fontTableXml(): string {
  const fonts = Object.values(FONTS)
    .map((f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.altName}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="${W_NS}">${fonts}</w:fonts>`;
}

/**
 * The styles, written out because the grid depends on them: the character grid is measured
 * from the Normal style's size (Word and LibreOffice both read it there), body text is
 * justified without widow control (which would leave 21-line pages), and the lines that are
 * placed rather than flowed (标志, 字号, 标题, 署名, 日期) are taken off the character grid, so
 * larger characters keep their own width and "〔2026〕12号" no spaces between digits and 汉字.
 * w:overflowPunct is on, as in Word's own default; LibreOffice reads it the other way round,
 * so the PDF keeps a line-end "，" inside the 版心 instead of hanging it into the margin.
 */
function stylesXml(): string {
  const f = FONTS.fangsong.name;
  const fonts = `<w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}"/>`;
  const size = `<w:sz w:val="${BODY_PT * 2}"/><w:szCs w:val="${BODY_PT * 2}"/>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W_NS}">` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fonts}${size}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="${PITCH}" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="1"/><w:jc w:val="both"/></w:pPr><w:rPr>${fonts}${size}</w:rPr></w:style>` +
    `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${OFF_GRID}"><w:name w:val="公文版头"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:snapToGrid w:val="0"/><w:autoSpaceDN w:val="0"/></w:pPr></w:style>` +
    `<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
    `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
    `</w:styles>`
  );
}

export function buildDocx(doc: OfficialDocument): Document {
  const children: (Paragraph | Table)[] = [...headerBlock(doc)];
  children.push(...blank(2));
  children.push(para([{ text: doc.title, font: 'xiaobiaosong', pt: SIZE_PT.二号 }], { style: OFF_GRID, alignment: AlignmentType.CENTER }));
  children.push(...blank(1));
  if (doc.recipients) children.push(para([{ text: doc.recipients }]));
  for (const line of bodyLines(doc.body)) children.push(bodyParagraph(line));
  children.push(...attachmentNote(doc));
  children.push(...signatureBlock(doc));
  if (doc.note) children.push(para([{ text: doc.note }], { indent: { left: chars(2) } }));
  children.push(...attachmentPages(doc));
  const table = colophon(doc);
  // a floating table is anchored to the paragraph after it
  if (table) children.push(table, para([]));

  return new Document({
    creator: 'xiaozheng',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right, header: mmToTwips(15), footer: FOOTER_DISTANCE, gutter: 0 },
          },
          grid: { type: 'linesAndChars', linePitch: GRID.linePitch, charSpace: GRID.charSpace },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
}

/** The .docx file of a document. */
export async function exportDocx(doc: OfficialDocument): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(doc), false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
    { path: 'word/styles.xml', data: stylesXml() },
  ]);
}
