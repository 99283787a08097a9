/**
 * GB/T 9704-2012 page geometry and type, in the units Word uses (twips = 1/20 pt,
 * half-points for sizes), shared by the .docx export and its geometry test.
 */

const TWIPS_PER_MM = 1440 / 25.4;

export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);
export const twipsToMm = (twips: number): number => twips / TWIPS_PER_MM;

/** A4 in twips, as Word writes it. */
export const PAGE = { width: 11906, height: 16838 } as const;

/** 天头 37 mm, 订口 28 mm; right and bottom follow from the 156 × 225 mm 版心. */
export const MARGIN_MM = { top: 37, left: 28, right: 26, bottom: 35 } as const;

export const MARGIN = {
  top: mmToTwips(MARGIN_MM.top),
  left: mmToTwips(MARGIN_MM.left),
  right: mmToTwips(MARGIN_MM.right),
  bottom: mmToTwips(MARGIN_MM.bottom),
} as const;

/** 版心 (type area) in twips. */
export const TYPE_AREA = {
  width: PAGE.width - MARGIN.left - MARGIN.right,
  height: PAGE.height - MARGIN.top - MARGIN.bottom,
} as const;

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** 字号 in points. */
export const SIZE_PT = { 初号: 42, 小初: 36, 一号: 26, 二号: 22, 三号: 16, 四号: 14 } as const;

/** The body's font size: the document grid's characters are measured from it. */
export const BODY_PT = SIZE_PT.三号;

/**
 * Word's document grid for 22 lines × 28 characters: the line pitch is the 版心 height shared
 * by 22 lines (rounded down so the 22nd still fits), and charSpace is the change of the
 * character pitch from the body size in 1/4096 pt, rounded down so 28 characters fit the
 * 版心 width (Word's own figures for this page: linePitch 579, charSpace −842).
 */
export const GRID = {
  linePitch: Math.floor(TYPE_AREA.height / LINES_PER_PAGE),
  charSpace: Math.floor((TYPE_AREA.width / CHARS_PER_LINE / 20 - BODY_PT) * 4096),
} as const;

/**
 * Horizontal scale (percent) of 3号 text on the grid. 28 characters of 16 pt take 448 pt, more
 * than the 442 pt 版心: Word squeezes them onto its 15.79 pt grid, LibreOffice instead gives a
 * character wider than a grid cell two cells (14 to a line). At 98 % (15.68 pt) both set 28.
 */
export const BODY_SCALE = 98;

/** Width of one grid character (a 3号 body character) in twips. */
export const CHAR_TWIPS = (BODY_PT + GRID.charSpace / 4096) * 20;

/** The width of `n` body characters in twips (for indents counted in characters). */
export const chars = (n: number, pt: number = BODY_PT): number => Math.round(n * (pt === BODY_PT ? CHAR_TWIPS : pt * 20));

/**
 * The standard fonts by name. Where they are not installed, Word takes the font table's
 * altName (the Windows font of the same style) and LibreOffice its own substitution; the
 * ASCII face is named too so that digits in a body line stay in the same style.
 */
export const FONTS = {
  /** 标题, 发文机关标志 */
  xiaobiaosong: { name: '方正小标宋简体', altName: '宋体', family: 'roman' },
  /** 正文, 三级和四级标题, 版记 */
  fangsong: { name: '仿宋_GB2312', altName: '仿宋', family: 'modern' },
  /** 一级标题, 份号, 密级, 紧急程度, 附件标识 */
  heiti: { name: '黑体', altName: 'SimHei', family: 'modern' },
  /** 二级标题, 签发人姓名 */
  kaiti: { name: '楷体_GB2312', altName: '楷体', family: 'modern' },
  /** 页码 (半角宋体) */
  songti: { name: '宋体', altName: 'SimSun', family: 'auto' },
} as const;

export type FontKey = keyof typeof FONTS;

/** 红色 of the 发文机关标志 and the 分隔线. */
export const RED = 'FF0000';

/**
 * The printed width of a string in body characters: CJK and full-width forms take one cell,
 * ASCII digits and letters half of one (placement of 署名 and 成文日期 counts with it).
 */
export function textWidthInChars(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! < 0x2e80 && !/[—…]/.test(ch) ? 0.5 : 1;
  return w;
}
