import { Link } from 'react-router-dom';
import type { EntryVersion, Faq } from '../api.js';

/** A FAQ entry: the question, its answer and the other ways people ask it. */
export function FaqView({ entry, hitLabel }: { entry: EntryVersion; hitLabel?: string }) {
  const faq = entry.body as unknown as Faq;
  const hit = (label: string) => (label === hitLabel ? ' is-hit' : '');
  return (
    <div className="faq-view">
      <div className={`faq-block faq-q${hit('question')}`} data-hit={hitLabel === 'question' ? 'true' : undefined}>
        <span className="faq-mark">问</span>
        <p>{faq.question}</p>
      </div>
      <div className={`faq-block faq-a${hit('answer')}`} data-hit={hitLabel === 'answer' ? 'true' : undefined}>
        <span className="faq-mark">答</span>
        <p>{faq.answer}</p>
      </div>
      {faq.alternatives.length > 0 && (
        <div className={`faq-alternatives${hit('alternatives')}`} data-hit={hitLabel === 'alternatives' ? 'true' : undefined}>
          <span className="muted">相似问法：</span>
          {faq.alternatives.join('；')}
        </div>
      )}
      {faq.relatedId && (
        <p>
          相关内容：<Link to={`/entries/${encodeURIComponent(faq.relatedId)}`}>查看相关办事指南或政策</Link>
        </p>
      )}
    </div>
  );
}
