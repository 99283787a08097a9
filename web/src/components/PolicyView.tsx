import { Descriptions, Tag, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import type { EntryVersion, Policy } from '../api.js';

const VALIDITY_COLOR: Record<string, string> = { 现行有效: 'green', 已修改: 'gold', 已废止: 'red', 尚未生效: 'blue' };

function metadata(doc: Policy): DescriptionsProps['items'] {
  const rows: [string, ReactNode | undefined][] = [
    ['文号', doc.docNumber],
    ['发文机关', doc.issuer],
    ['成文日期', doc.writtenDate],
    ['发布日期', doc.publishDate],
    ['施行日期', doc.effectiveDate],
    ['失效日期', doc.expiryDate],
    ['有效性', doc.validity && <Tag color={VALIDITY_COLOR[doc.validity]}>{doc.validity}</Tag>],
    ['适用地区', doc.region],
  ];
  return rows.filter(([, v]) => v !== undefined && v !== '').map(([label, children]) => ({ key: label, label, children }));
}

type Block =
  | { kind: 'heading'; text: string; at: number }
  | { kind: 'passage'; seq: number; label: string; text: string; start: number; end: number };

/**
 * The text cut into passages, with what lies between them (chapter headings) kept as
 * headings. Policies also carry search windows spanning two neighbouring passages; only
 * the non-overlapping base passages are laid out.
 */
function blocks(entry: EntryVersion): Block[] {
  const out: Block[] = [];
  let at = 0;
  const gap = (end: number) => {
    const text = entry.text.slice(at, end).trim();
    if (text) out.push({ kind: 'heading', text, at });
  };
  const ordered = [...entry.passages].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const p of ordered) {
    if (p.start < at) continue;
    gap(p.start);
    out.push({ kind: 'passage', seq: p.seq, label: p.label, text: entry.text.slice(p.start, p.end), start: p.start, end: p.end });
    at = p.end;
  }
  gap(entry.text.length);
  return out;
}

/**
 * A law or policy document: metadata, then its passages (articles for laws, sections for
 * policies) as published; the passage `hitSeq` from a search result is highlighted.
 */
export function PolicyView({ entry, hitSeq }: { entry: EntryVersion; hitSeq?: number }) {
  const doc = entry.body as unknown as Policy;
  const meta = metadata(doc);
  const hit = entry.passages.find((p) => p.seq === hitSeq);
  const laidOut = blocks(entry);
  // a window hit covers several laid-out passages: highlight them all, scroll to the first
  const covered = (b: Block) => b.kind === 'passage' && hit !== undefined && b.start < hit.end && hit.start < b.end;
  const first = laidOut.find(covered);
  return (
    <div className="policy-view">
      {meta && meta.length > 0 && <Descriptions bordered size="small" column={{ xs: 1, sm: 2, md: 3 }} items={meta} className="policy-meta" />}
      <div className="policy-text">
        {laidOut.map((b) =>
          b.kind === 'heading' ? (
            <h3 key={`h${b.at}`} className="policy-heading">
              {b.text}
            </h3>
          ) : (
            <p
              key={b.seq}
              id={`passage-${b.seq}`}
              className={`passage${covered(b) ? ' is-hit' : ''}`}
              data-hit={b === first ? 'true' : undefined}
              data-label={b.label}
            >
              {b === first && <span className="hit-badge">搜索命中</span>}
              {b.text}
            </p>
          ),
        )}
      </div>
    </div>
  );
}
