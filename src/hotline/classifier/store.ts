/**
 * The trained model lives in XZ_DATA_DIR/hotline/model.json. Saved by write-then-rename so a
 * server reading it never sees half a file; reloaded when the file changes, so a `hotline
 * train` run takes effect without restarting the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Classifier, migrateModel, type ClassifierModel } from './model.js';

export function modelPath(dataDir: string): string {
  return path.join(dataDir, 'hotline', 'model.json');
}

export function saveModel(dataDir: string, model: ClassifierModel): string {
  const file = modelPath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(model));
  fs.renameSync(tmp, file);
  return file;
}

/** undefined when no model has been trained (or the file is of a format this code cannot serve). */
export function loadModel(dataDir: string): ClassifierModel | undefined {
  let text: string;
  try {
    text = fs.readFileSync(modelPath(dataDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return migrateModel(JSON.parse(text));
}

/** Caches the loaded classifier, keyed by the file's modification time and size. */
export class ClassifierStore {
  private cached?: { key: string; classifier: Classifier };

  constructor(private readonly dataDir: string) {}

  current(): Classifier | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(modelPath(this.dataDir));
    } catch {
      this.cached = undefined;
      return undefined;
    }
    const key = `${stat.mtimeMs}:${stat.size}`;
    if (this.cached?.key !== key) {
      const model = loadModel(this.dataDir);
      this.cached = model ? { key, classifier: new Classifier(model) } : undefined;
    }
    return this.cached?.classifier;
  }
}
