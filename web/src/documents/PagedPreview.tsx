import type { OfficialDocument } from './api-documents.js';
import { layoutPages, type Line, type Page } from './page-layout.js';

function LineView({ line }: { line: Line }) {
  const style = {
    paddingLeft: line.indent ? `calc(var(--gw-char) * ${line.indent})` : undefined,
    paddingRight: line.right ? `calc(var(--gw-char) * ${line.right})` : undefined,
    height: line.span ? `calc(var(--gw-line) * ${line.span})` : undefined,
    lineHeight: line.span ? `calc(var(--gw-line) * ${line.span})` : undefined,
  };
  const cls = ['gw-line', `gw-${line.kind}`, line.justify ? 'gw-justify' : '', line.align ? `gw-${line.align}` : '', line.rule ? 'gw-rule' : ''].filter(Boolean).join(' ');
  if (line.signers !== undefined) {
    const [label, names] = line.signers.startsWith('签发人：') ? ['签发人：', line.signers.slice(4)] : ['', line.signers];
    return (
      <div className={`${cls} gw-signer-line`} style={style}>
        <span>{line.text}</span>
        <span>
          {label}
          <span className="gw-kai">{names}</span>
        </span>
      </div>
    );
  }
  if (line.head) {
    return (
      <div className={cls} style={style}>
        <span className={`gw-${line.head.kind}`}>{line.text.slice(0, line.head.length)}</span>
        {line.text.slice(line.head.length)}
      </div>
    );
  }
  return (
    <div className={cls} style={style}>
      {line.text || '\u00a0'}
    </div>
  );
}

function PageView({ page }: { page: Page }) {
  const c = page.colophon;
  return (
    <section className="gw-page" aria-label={`第 ${page.number} 页`} data-testid="preview-page">
      <div className="gw-type-area">
        {page.lines.map((l, i) => (
          <LineView key={i} line={l} />
        ))}
        {c && (
          <div className="gw-colophon">
            {c.cc && <div className="gw-colophon-cc">抄送：{c.cc.replace(/^抄送[：:]\s*/, '')}</div>}
            {(c.printer || c.printDate) && (
              <div className="gw-colophon-printed">
                <span>{c.printer}</span>
                <span>{c.printDate ? `${c.printDate}印发` : ''}</span>
              </div>
            )}
          </div>
        )}
      </div>
      <div className={`gw-page-number ${page.number % 2 === 1 ? 'gw-odd' : 'gw-even'}`}>— {page.number} —</div>
    </section>
  );
}

/** The document as printed: A4 pages, 22 lines × 28 characters, the red 标志 and rule. */
export function PagedPreview({ document, zoom = 0.6 }: { document: OfficialDocument; zoom?: number }) {
  const pages = layoutPages(document);
  return (
    <div className="gw-preview" style={{ zoom }} data-testid="paged-preview">
      {pages.map((p) => (
        <PageView key={p.number} page={p} />
      ))}
    </div>
  );
}
