/** Worker-thread entry: a training run off the server's event loop (see training-worker-runner.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { runTraining, type TrainingRunInput } from './training-run.js';

parentPort!.postMessage(runTraining(workerData as TrainingRunInput));
