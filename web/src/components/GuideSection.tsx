import type { ReactNode } from 'react';

/** One section of a guide or document; `hit` marks the passage a search result pointed at. */
export function GuideSection({ id, title, hit, children }: { id: string; title: string; hit?: boolean; children: ReactNode }) {
  return (
    <section id={id} className={`guide-section${hit ? ' is-hit' : ''}`} aria-labelledby={`${id}-title`} data-hit={hit ? 'true' : undefined}>
      <h2 id={`${id}-title`} className="guide-section-title">
        {title}
        {hit && <span className="hit-badge">搜索命中</span>}
      </h2>
      <div className="guide-section-body">{children}</div>
    </section>
  );
}
