/**
 * Segmentation worker for index builds (see term-pool.ts): normalises and segments a batch
 * of documents and answers with their term keys in typed arrays (transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { normalizeText } from '../text/normalize.js';
import { Growable } from './growable.js';
import { collectTerms, type BatchTerms, type TermsRequest } from './index-terms.js';

export function batchTerms(req: TermsRequest): BatchTerms {
  const keys = new Growable(Int32Array, 1 << 16);
  const counts = new Growable(Int32Array, 1 << 10);
  const r = req.ranges;
  let at = 0;
  for (let d = 0; d < req.texts.length; d++) {
    const norm = normalizeText(req.texts[d]!);
    const n = r[at++]!;
    for (let i = 0; i < n; i++) {
      const start = r[at++]!;
      const end = r[at++]!;
      const before = keys.length;
      const words = collectTerms(norm, start, end, keys);
      counts.push(words);
      counts.push(keys.length - before - words);
    }
    const tnorm = normalizeText(req.titles[d]!);
    const before = keys.length;
    const words = collectTerms(tnorm, 0, tnorm.length, keys);
    counts.push(words);
    counts.push(keys.length - before - words);
  }
  return { keys: keys.view().slice(), counts: counts.view().slice() };
}

if (parentPort && (workerData as { xzTermWorker?: boolean } | null)?.xzTermWorker) {
  const port = parentPort;
  port.on('message', (msg: { id: number; req: TermsRequest }) => {
    const out = batchTerms(msg.req);
    port.postMessage({ id: msg.id, out }, [out.keys.buffer as ArrayBuffer, out.counts.buffer as ArrayBuffer]);
  });
}
