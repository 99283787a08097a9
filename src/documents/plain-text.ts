/**
 * Plain text ⇄ the document model. A 公文 written as plain text puts one element per line in
 * GB/T 9704 order (版头, 标题, 主送机关, 正文, 附件说明, 署名, 成文日期, 附注, 附件, 版记); the parser
 * finds each element and its character offsets so the checker can point at it. Text copied
 * from a web page often arrives flattened (paragraphs joined by spaces): then spaces between
 * Chinese text separate the elements, and what cannot be placed stays in 正文.
 */
import { officialDocumentSchema, type DocumentType, type OfficialDocument } from './document.model.js';
import { typeOfTitle } from './document-types.js';

/** A piece of the checked text with its `[start,end)` offsets. */
export interface Seg {
  text: string;
  start: number;
  end: number;
}

export interface ParsedDocument {
  document: OfficialDocument;
  /** the 文种 the title names, null when it names none (then the text may not be a 公文 at all) */
  titleType: { type: DocumentType; word: string } | null;
  /** the text had no line breaks: element boundaries were guessed from spaces */
  flattened: boolean;
  spans: {
    copyNumber?: Seg;
    secrecy?: Seg;
    urgency?: Seg;
    issuerMark?: Seg;
    docNumber?: Seg;
    signers?: Seg;
    title?: Seg;
    recipients?: Seg;
    body: Seg[];
    /** the 附件说明 lines ('附件：1.…', '2.…') */
    attachments: Seg[];
    signature?: Seg;
    date?: Seg;
    note?: Seg;
    /** attachment texts after the main part, each starting at its '附件1' label */
    attachmentContent: Seg[];
    cc?: Seg;
    printer?: Seg;
    printDate?: Seg;
  };
}

const HAN = /\p{Script=Han}/u;
/** 发文字号 in any of the forms people write, right or wrong; the checker decides which is right. */
export const DOC_NUMBER_PATTERN = /([\p{Script=Han}A-Za-z]{1,12}?)[ \t\u3000]*([〔\[\(（【［〖])[ \t\u3000]*([0-9０-９]{2,4})[ \t\u3000]*([〕\]\)）】］〗])[ \t\u3000]*(第?)[ \t\u3000]*([0-9０-９]+)[ \t\u3000]*号/gu;
const DOC_NUMBER_LINE = new RegExp(`^(?:${DOC_NUMBER_PATTERN.source})\\s*(签发人\\s*[：:].*)?$`, 'u');
const SIGNER_PART = /^签发人\s*[：:]\s*(.*)$/;
const NAME = /^\p{Script=Han}{2,4}$/u;
/** a date written in any way: 2026年7月1日, 二〇二六年七月一日, 2026年07月01日, 2026-07-01, 2026.7.1 */
export const DATE_ONLY = /^(?:([0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日|(\d{4})\s*[-./／]\s*(\d{1,2})\s*[-./／]\s*(\d{1,2}))$/;
const PRINT_LINE = /^(.*?)[\s]*((?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年.{1,3}月.{1,3}日)\s*印发$/;
const CC_LINE = /^(抄送|抄报)\s*[：:]/;
const ATTACHMENT_NOTE = /^附\s*件\s*[：:]/;
const ATTACHMENT_LABEL = /^附\s*件\s*[0-9０-９]*$/;
const ORGAN_END = /[府委办局厅部院会位司心校道镇乡处科室所站队区县市省门团社行关军馆组]$/;
const SENTENCE_PUNCT = /[。，；：！？,;:!?]/;
const RULE_LINE = /^[—\-_－=─━═～~·]+$/;
const HEADING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])/;

/** Whether the text lost its line breaks (every paragraph on one line). */
function isFlattened(text: string): boolean {
  return !/\n/.test(text.trim());
}

/** Lines, or for flattened text the space-separated pieces, trimmed, with offsets. */
export function segmentText(text: string): { segments: Seg[]; flattened: boolean } {
  const flattened = isFlattened(text);
  const segments: Seg[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    // a drawn rule (the red line under the 版头, the lines of the 版记) is layout, not an element
    if (end > start && !RULE_LINE.test(text.slice(start, end))) segments.push({ text: text.slice(start, end), start, end });
  };
  const lineRe = /[^\r\n]+/g;
  for (let m = lineRe.exec(text); m; m = lineRe.exec(text)) {
    const lineStart = m.index;
    const line = m[0];
    if (!flattened) {
      push(lineStart, lineStart + line.length);
      continue;
    }
    let from = 0;
    const gap = /[^\S\r\n]+/g;
    for (let g = gap.exec(line); g; g = gap.exec(line)) {
      const before = line.slice(Math.max(0, g.index - 3), g.index);
      const after = line[g.index + g[0].length] ?? '';
      // keep '2026 年', 'COVID 19' and the space after a heading number ('1. 加强…') inside a piece
      if (/[A-Za-z0-9]$/.test(before) && /[A-Za-z0-9]/.test(after)) continue;
      if (/(?:^|[^0-9])\d{1,2}[.．、]$/.test(before) || /[0-9]$/.test(before) && /^[年月日号]/.test(after)) continue;
      if (!HAN.test(after) && !/[0-9（(“《【〔]/.test(after)) continue;
      push(lineStart + from, lineStart + g.index);
      from = g.index + g[0].length;
    }
    push(lineStart + from, lineStart + line.length);
  }
  return { segments, flattened };
}

const isDateOnly = (s: string) => DATE_ONLY.test(s);
const isShortPlain = (s: string, max = 40) => s.length <= max && !SENTENCE_PUNCT.test(s) && !HEADING.test(s);

/** The 主送机关 line: a list of bodies ending with a colon (or, on its own line, without one). */
function looksLikeRecipients(seg: Seg, flattened: boolean): boolean {
  const s = seg.text;
  if (s.length > 200 || /[。！？]/.test(s) || HEADING.test(s)) return false;
  if (/[：:]$/.test(s)) {
    const names = s.slice(0, -1);
    return ORGAN_END.test(names) || /^各/.test(names) || /(?:同志|单位)$/.test(names);
  }
  // without a colon only a list of bodies ('各镇人民政府，区政府各部门') is taken for one: a lone
  // name under the title is as often the issuer repeated by a web page
  return !flattened && s.length <= 80 && !/[；;：:\d]/.test(s) && ORGAN_END.test(s) && (/^各/.test(s) || /[、，]/.test(s));
}

/** Parses plain text into the document model with each element's offsets. Never throws. */
export function parsePlainText(text: string, opts: { type?: DocumentType } = {}): ParsedDocument {
  const { segments: segs, flattened } = segmentText(text);
  const spans: ParsedDocument['spans'] = { body: [], attachments: [], attachmentContent: [] };
  const signers: string[] = [];
  let i = 0;

  // 版头
  for (; i < segs.length && i < 8; i++) {
    const s = segs[i]!.text;
    if (/^[0-9]{6}$/.test(s) && !spans.copyNumber) spans.copyNumber = segs[i];
    else if (/^(绝密|机密|秘密)(★.{0,10})?$/.test(s)) spans.secrecy = segs[i];
    else if (/^(特急|加急|特提|平急)$/.test(s)) spans.urgency = segs[i];
    else if (/^第[0-9０-９]+号$/.test(s) && !spans.docNumber) spans.docNumber = segs[i]; // 令号 of a 命令
    else if (DOC_NUMBER_LINE.test(s) && !spans.docNumber) {
      const signerPart = DOC_NUMBER_LINE.exec(s)![7];
      const numberText = signerPart ? s.slice(0, s.lastIndexOf(signerPart)).trimEnd() : s;
      spans.docNumber = { text: numberText, start: segs[i]!.start, end: segs[i]!.start + numberText.length };
      if (signerPart) {
        const at = segs[i]!.start + s.lastIndexOf(signerPart);
        spans.signers = { text: signerPart, start: at, end: segs[i]!.end };
        signers.push(...SIGNER_PART.exec(signerPart)![1]!.split(/[\s、，,]+/).filter(Boolean));
      }
    } else if (SIGNER_PART.test(s)) {
      spans.signers = segs[i];
      signers.push(...SIGNER_PART.exec(s)![1]!.split(/[\s、，,]+/).filter(Boolean));
    } else if (spans.signers && NAME.test(s) && signers.length > 0) {
      signers.push(s);
      spans.signers = { ...spans.signers, text: text.slice(spans.signers.start, segs[i]!.end), end: segs[i]!.end };
    } else if (!spans.issuerMark && !spans.docNumber && isShortPlain(s, 60) && (/文件$/.test(s) || ((ORGAN_END.test(s) || /令$/.test(s)) && headerFollows(segs, i)))) {
      spans.issuerMark = segs[i];
    } else break;
  }

  // 标题: one line, or up to three lines when only together they end with a 文种
  let titleType: ParsedDocument['titleType'] = null;
  let titleText = '';
  if (i < segs.length) {
    let end = i;
    for (let k = i; k < Math.min(segs.length, i + 3); k++) {
      const joined = segs.slice(i, k + 1).map((x) => x.text).join('');
      // pieces before the last carry no sentence punctuation; the last may end with some (a title
      // wrongly ended with '。' is still the title)
      if (joined.length > 120 || (k > i && /[。：:！？!?]/.test(segs[k - 1]!.text + segs[k]!.text.replace(/[。！？!?]+$/, '')))) break;
      const t = typeOfTitle(joined);
      if (t) {
        titleType = { type: t.type, word: t.word };
        end = k;
        break;
      }
    }
    if (titleType || (segs[i]!.text.length <= 80 && !/[。；：:]/.test(segs[i]!.text))) {
      // the span is the text as written (offsets point into it); the model's title joins the lines
      spans.title = { text: text.slice(segs[i]!.start, segs[end]!.end), start: segs[i]!.start, end: segs[end]!.end };
      titleText = segs.slice(i, end + 1).map((x) => x.text).join('');
      i = end + 1;
    }
  }

  if (i < segs.length && looksLikeRecipients(segs[i]!, flattened) && i + 1 < segs.length) spans.recipients = segs[i++];

  // 版记 from the end
  let tail = segs.length;
  for (let k = segs.length - 1; k >= i && segs.length - k <= 6; k--) {
    const s = segs[k]!.text;
    if (PRINT_LINE.test(s)) {
      const m = PRINT_LINE.exec(s)!;
      const dateAt = segs[k]!.start + s.indexOf(m[2]!);
      spans.printDate = { text: m[2]!, start: dateAt, end: dateAt + m[2]!.length };
      if (m[1]) spans.printer = { text: m[1], start: segs[k]!.start, end: segs[k]!.start + m[1].length };
      else if (k - 1 >= i && isShortPlain(segs[k - 1]!.text) && !isDateOnly(segs[k - 1]!.text)) {
        spans.printer = segs[k - 1];
        k--;
      }
      tail = k;
    } else if (CC_LINE.test(s)) {
      spans.cc = segs[k];
      tail = k;
    } else if (tail !== segs.length && spans.cc === undefined && flattened) continue;
    else if (tail !== segs.length) break;
  }
  if (spans.cc && flattened) {
    // a flattened 抄送 list was cut at its spaces: it runs until the 印发 line
    const ccIdx = segs.indexOf(spans.cc);
    const stop = spans.printer ?? spans.printDate;
    const last = segs.filter((x, k) => k > ccIdx && (!stop || x.end <= stop.start)).pop();
    if (last) spans.cc = { text: text.slice(spans.cc.start, last.end), start: spans.cc.start, end: last.end };
  }

  // 成文日期: the first date standing alone after 正文 began
  let dateIdx = -1;
  for (let k = i + 1; k < tail; k++) {
    // not a labelled date ('发文日期：', '【发文日期】') of a web page's metadata
    if (isDateOnly(segs[k]!.text) && !/[：:】\]]$/.test(segs[k - 1]!.text)) {
      dateIdx = k;
      break;
    }
  }
  let bodyEnd = tail;
  let signatureText: string | undefined;
  if (dateIdx >= 0) {
    spans.date = segs[dateIdx];
    let k = dateIdx + 1;
    if (k < tail && /^[（(].*[）)]$/.test(segs[k]!.text)) spans.note = segs[k++];
    let current: Seg | undefined;
    for (; k < tail; k++) {
      const s = segs[k]!;
      if (ATTACHMENT_LABEL.test(s.text) || current === undefined) {
        if (current) spans.attachmentContent.push(current);
        current = { ...s };
      } else current = { text: text.slice(current.start, s.end), start: current.start, end: s.end };
    }
    if (current) spans.attachmentContent.push(current);
    // 署名: up to three short lines right above the date
    let sigStart = dateIdx;
    while (sigStart - 1 >= i && dateIdx - sigStart < 3 && isShortPlain(segs[sigStart - 1]!.text) && !ATTACHMENT_NOTE.test(segs[sigStart - 1]!.text) && !/^\d+[.．、]/.test(segs[sigStart - 1]!.text)) sigStart--;
    if (sigStart < dateIdx) {
      spans.signature = { text: text.slice(segs[sigStart]!.start, segs[dateIdx - 1]!.end), start: segs[sigStart]!.start, end: segs[dateIdx - 1]!.end };
      signatureText = segs.slice(sigStart, dateIdx).map((x) => x.text).join('\n');
    }
    bodyEnd = sigStart;
  }

  // 附件说明: '附件：…' and the numbered lines after it, just above 署名
  for (let k = bodyEnd - 1; k >= i && bodyEnd - k <= 30; k--) {
    if (!ATTACHMENT_NOTE.test(segs[k]!.text)) continue;
    const rest = segs.slice(k + 1, bodyEnd);
    if (rest.every((x) => /^\d+\s*[.．、]/.test(x.text) && x.text.length <= 120)) {
      spans.attachments = segs.slice(k, bodyEnd);
      bodyEnd = k;
    }
    break;
  }
  spans.body = segs.slice(i, bodyEnd);

  const type = opts.type ?? titleType?.type ?? '通知';
  const attachmentTitles = spans.attachments
    .map((x, k) => (k === 0 ? x.text.replace(ATTACHMENT_NOTE, '') : x.text).replace(/^\s*\d+\s*[.．、]\s*/, '').replace(/[。；，;,.]$/, '').trim())
    .filter((t, k) => k > 0 || t !== '');
  const contents = spans.attachmentContent.map((c) => c.text.replace(/^附\s*件\s*[0-9０-９]*\s*/, ''));
  const draft = {
    type,
    header: {
      copyNumber: spans.copyNumber?.text,
      secrecy: spans.secrecy?.text,
      urgency: spans.urgency?.text,
      issuerMark: spans.issuerMark?.text ?? '',
      docNumber: spans.docNumber?.text,
      signers: signers.length ? signers : undefined,
    },
    title: titleText,
    recipients: spans.recipients?.text,
    body: spans.body.map((x) => x.text).join('\n'),
    attachments: attachmentTitles.length
      ? attachmentTitles.map((title, k) => ({ title, content: contents[k] }))
      : contents.map((c) => ({ title: c.split('\n')[0]!.slice(0, 200), content: c })),
    signature: signatureText,
    date: spans.date?.text,
    sealed: true,
    note: spans.note?.text,
    colophon: { cc: spans.cc?.text, printer: spans.printer?.text, printDate: spans.printDate?.text },
  };
  return { document: clampToModel(draft), titleType, flattened, spans };
}

/** Whether the lines after a header candidate continue the 版头 or start the title. */
function headerFollows(segs: Seg[], i: number): boolean {
  const next = segs[i + 1]?.text ?? '';
  return DOC_NUMBER_LINE.test(next) || /^第[0-9０-９]+号$/.test(next) || /^(特急|加急)$/.test(next) || typeOfTitle(next) !== null;
}

/** Real text can exceed the model's limits (a 200-character title): cut rather than fail. */
function clampToModel(doc: OfficialDocument): OfficialDocument {
  const cut = (s: string | undefined, n: number) => (s === undefined ? undefined : s.slice(0, n));
  return officialDocumentSchema.parse({
    ...doc,
    header: { ...doc.header, copyNumber: cut(doc.header.copyNumber, 6), secrecy: cut(doc.header.secrecy, 20), urgency: cut(doc.header.urgency, 10), issuerMark: doc.header.issuerMark.slice(0, 100), docNumber: cut(doc.header.docNumber, 50), signers: doc.header.signers?.slice(0, 10).map((s) => s.slice(0, 20)) },
    title: doc.title.slice(0, 200),
    recipients: cut(doc.recipients, 500),
    body: doc.body.slice(0, 200_000),
    signature: cut(doc.signature, 100),
    date: cut(doc.date, 20),
    note: cut(doc.note, 500),
    attachments: doc.attachments.slice(0, 50).map((a) => ({ title: a.title.slice(0, 200), content: cut(a.content, 200_000) })),
    colophon: { cc: cut(doc.colophon.cc, 500), printer: cut(doc.colophon.printer, 100), printDate: cut(doc.colophon.printDate, 20) },
  });
}

const INDENT = '\u3000\u3000';

/**
 * The document as plain text, one element per line in GB/T 9704 order, 正文 paragraphs
 * indented two characters; `parsePlainText(renderPlainText(doc))` gives the document back.
 */
export function renderPlainText(doc: OfficialDocument): string {
  const h = doc.header;
  const head: string[] = [];
  if (h.copyNumber) head.push(h.copyNumber);
  if (h.secrecy) head.push(h.secrecy);
  if (h.urgency) head.push(h.urgency);
  if (h.issuerMark) head.push(h.issuerMark);
  const signerPart = h.signers?.length ? `签发人：${h.signers.join('\u3000')}` : '';
  if (h.docNumber || signerPart) head.push([h.docNumber, signerPart].filter(Boolean).join(INDENT));
  const blocks: string[][] = [];
  if (head.length) blocks.push(head);
  const main: string[] = [doc.title];
  blocks.push(main);
  const body: string[] = [];
  if (doc.recipients) body.push(doc.recipients);
  for (const p of doc.body.split('\n')) if (p.trim()) body.push(INDENT + p.trim());
  blocks.push(body);
  if (doc.attachments.length) {
    const many = doc.attachments.length > 1;
    blocks.push(doc.attachments.map((a, k) => (k === 0 ? `${INDENT}附件：` : `${INDENT}\u3000\u3000\u3000`) + (many ? `${k + 1}.` : '') + a.title));
  }
  const closing = [...(doc.signature ? doc.signature.split('\n') : []), ...(doc.date ? [doc.date] : [])];
  if (doc.note) closing.push(doc.note);
  if (closing.length) blocks.push(closing);
  doc.attachments.forEach((a, k) => {
    if (a.content) blocks.push([doc.attachments.length > 1 ? `附件${k + 1}` : '附件', ...a.content.split('\n')]);
  });
  const c = doc.colophon;
  const colophon: string[] = [];
  if (c.cc) colophon.push(c.cc);
  if (c.printer || c.printDate) colophon.push([c.printer, c.printDate ? `${c.printDate}印发` : ''].filter(Boolean).join(INDENT));
  if (colophon.length) blocks.push(colophon);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
