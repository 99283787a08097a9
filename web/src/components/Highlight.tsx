import { Fragment } from 'react';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'", apos: "'" };

function unescapeHtml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|#39|#x27|apos);/g, (_, name: string) => ENTITIES[name]!);
}

interface Segment {
  text: string;
  mark: boolean;
}

/** Splits `highlight` into plain and marked text, entities decoded. */
export function parseHighlight(html: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') mark = true;
    else if (part === '</mark>') mark = false;
    else if (part) out.push({ text: unescapeHtml(part), mark });
  }
  return out;
}

/** Keeps about `max` characters around the first mark, with … where text was cut. */
function excerpt(segments: Segment[], max: number): Segment[] {
  const total = segments.reduce((n, s) => n + s.text.length, 0);
  if (total <= max) return segments;
  let firstMark = 0;
  for (const s of segments) {
    if (s.mark) break;
    firstMark += s.text.length;
  }
  const from = firstMark >= total ? 0 : Math.max(0, Math.min(firstMark - 40, total - max));
  const to = from + max;
  const out: Segment[] = from > 0 ? [{ text: '…', mark: false }] : [];
  let at = 0;
  for (const s of segments) {
    const a = Math.max(from, at);
    const b = Math.min(to, at + s.text.length);
    if (b > a) out.push({ text: s.text.slice(a - at, b - at), mark: s.mark });
    at += s.text.length;
  }
  if (to < total) out.push({ text: '…', mark: false });
  return out;
}

/**
 * Renders the search API's `highlight` (matched terms in <mark>…</mark>, everything else
 * HTML-escaped) as React text nodes: no server markup reaches innerHTML, so a passage
 * quoting "<script>" shows that text instead of running it.
 */
export function Highlight({ html, maxChars }: { html: string; maxChars?: number }) {
  const segments = parseHighlight(html);
  const shown = maxChars ? excerpt(segments, maxChars) : segments;
  return (
    <>
      {shown.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}
    </>
  );
}
