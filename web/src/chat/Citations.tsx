import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Citation } from '../api-chat.js';
import { passageLabel } from '../labels.js';
import { entryHref, passageOf } from './citation-link.js';

/**
 * An answer's sources as numbered chips; a chip opens the quoted text and a link to the passage
 * in the entry (in a new tab from the widget, whose frame is too small for a whole document).
 */
export function Citations({ citations, external }: { citations: Citation[]; external?: boolean }) {
  const [open, setOpen] = useState<number | null>(null);
  const [passage, setPassage] = useState<Record<number, number | undefined>>({});
  const id = useId();

  useEffect(() => {
    if (open === null || open in passage) return;
    let live = true;
    passageOf(citations[open]!).then(
      (seq) => live && setPassage((p) => ({ ...p, [open]: seq })),
      () => live && setPassage((p) => ({ ...p, [open]: undefined })),
    );
    return () => {
      live = false;
    };
  }, [open, passage, citations]);

  if (!citations.length) return null;
  const shown = open === null ? undefined : citations[open];
  const href = shown && entryHref(shown, passage[open!]);
  return (
    <div className="chat-citations">
      <div className="citation-chips" role="group" aria-label="回答出处">
        <span className="citation-lead">出处</span>
        {citations.map((c, i) => (
          <button
            key={`${c.docId}:${c.start}:${i}`}
            type="button"
            className={`citation-chip${open === i ? ' is-open' : ''}`}
            aria-expanded={open === i}
            aria-controls={`${id}-detail`}
            onClick={() => setOpen(open === i ? null : i)}
            data-testid="citation-chip"
          >
            <span className="citation-num">{i + 1}</span>
            <span className="citation-name">
              {c.title}
              {c.label ? ` · ${passageLabel(c.label)}` : ''}
            </span>
          </button>
        ))}
      </div>
      {shown && href && (
        <div className="citation-detail" id={`${id}-detail`} data-testid="citation-detail">
          <div className="citation-detail-title">
            [{open! + 1}] {shown.title}
            {shown.label ? ` · ${passageLabel(shown.label)}` : ''}
          </div>
          <blockquote className="citation-quote">{shown.quote}</blockquote>
          {external ? (
            <a href={href} target="_blank" rel="noopener noreferrer" className="citation-open">
              查看原文（新窗口）
            </a>
          ) : (
            <Link to={href} className="citation-open">
              查看原文
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
