/**
 * Runs a training run in a worker thread: training takes seconds to minutes of CPU, and the
 * server must keep answering meanwhile. The compiled worker (dist) is started directly; from
 * the TypeScript sources (tsx, vitest) it is started through tsx's loader.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrainingRunInput, TrainingRunOutput } from './training-run.js';

function startWorker(input: TrainingRunInput): Worker {
  const compiled = new URL('./training.worker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData: input });
  const source = new URL('./training.worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(source)}))`, { eval: true, workerData: input });
}

export function runTrainingInWorker(input: TrainingRunInput): Promise<TrainingRunOutput> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(input);
    let result: TrainingRunOutput | undefined;
    worker.once('message', (m: TrainingRunOutput) => {
      result = m;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`training worker exited with code ${code} without a result`));
    });
  });
}
