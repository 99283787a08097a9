import { useEffect, useState } from 'react';
import { ApiError } from '../api.js';
import { parse, type DocumentType, type Finding, type OfficialDocument } from './api-documents.js';

export interface Checked {
  /** the text the findings' offsets refer to */
  text: string;
  document: OfficialDocument;
  findings: Finding[];
}

/**
 * The checker's findings and the structured document of a text, asked again a moment after the
 * user stops typing (the last answer stays until the next one arrives).
 */
export function useCheckedText(text: string, type: DocumentType | undefined, delayMs = 500): { checked?: Checked; pending: boolean; error?: string } {
  const [checked, setChecked] = useState<Checked>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!text.trim()) {
      setChecked(undefined);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      parse(text, type, ctrl.signal).then(
        (r) => {
          setChecked({ text, document: r.document, findings: r.findings });
          setError(undefined);
        },
        (err: unknown) => {
          if (!ctrl.signal.aborted) setError(err instanceof ApiError ? err.message : '格式检查失败，请稍后再试');
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, type, delayMs]);
  return { checked, pending: !!text.trim() && checked?.text !== text, error };
}
