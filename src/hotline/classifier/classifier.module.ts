/** Composition of the work-order classifier: the served model and retraining. */
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { Database } from '../../db/database.js';
import { ClassifierStore } from './store.js';
import { runTrainingInWorker } from './training-worker-runner.js';
import { ClassifierTrainingService } from './training.service.js';
import { TrainingRepository } from './training.repository.js';

export interface ClassifierServices {
  /** the current model, reloaded when the file changes */
  store: ClassifierStore;
  training: ClassifierTrainingService;
}

export function createClassifierServices(deps: { database: Database; audit: AuditRecorder; env: { dataDir: string } }): ClassifierServices {
  return {
    store: new ClassifierStore(deps.env.dataDir),
    training: new ClassifierTrainingService({ repo: new TrainingRepository(deps.database.db), audit: deps.audit, dataDir: deps.env.dataDir, run: runTrainingInWorker }),
  };
}
