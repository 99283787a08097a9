import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditRecorder } from '../../audit/audit.types.js';
import { parseTaxonomyCsv } from '../intake/taxonomy.js';
import { trainDemoModelIfMissing } from './demo-model.js';
import { Classifier } from './model.js';
import { loadModel } from './store.js';
import { runTraining } from './training-run.js';
import { ClassifierTrainingService } from './training.service.js';
import type { TrainingRepository } from './training.repository.js';

const DEMO = path.resolve(import.meta.dirname, '../../../data/demo');
const taxonomy = parseTaxonomyCsv(fs.readFileSync(path.join(DEMO, 'hotline-taxonomy.csv'), 'utf8')).map((n) => n.path);
const audited: string[] = [];
const audit: AuditRecorder = {
  record: async (input) => {
    audited.push(input.action);
    return { seq: audited.length, hash: '' } as never;
  },
};
const repo = { closedOrders: async () => [], taxonomyPaths: async () => taxonomy } as unknown as TrainingRepository;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the demo model trained at first start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-hotline-demo-'));
  dirs.push(dataDir);
  const training = new ClassifierTrainingService({ repo, audit, dataDir, run: async (input) => runTraining(input) });

  it('is trained from the demo history with the demo taxonomy and audited', async () => {
    const r = await trainDemoModelIfMissing(training, dataDir, DEMO);
    expect(r?.categories).toEqual(['交通运输', '公安', '劳动和社会保障', '卫生计生', '商贸旅游', '城乡建设', '教育文体', '民政', '环境保护']);
    expect(r!.taxonomyExamples).toBeGreaterThan(0);
    expect(audited).toEqual(['hotline.classifier.retrain']);
  });

  it.each([
    ['小区楼下新开的火锅店排烟管对着我家窗户，油烟熏得受不了', '环境保护/大气污染/油烟'],
    ['包工头欠了我们三个月工钱一直不给', '劳动和社会保障/劳动关系/拖欠工资'],
    ['孩子明年上小学，请问非本区户籍怎么报名', '教育文体/义务教育/入学招生'],
    ['晚上十点以后还有工地在打桩，吵得睡不着', '环境保护/噪声污染/施工噪声'],
  ])('suggests a sensible category for a message it never saw: %s', (text, category) => {
    expect(new Classifier(loadModel(dataDir)!).classify({ text }).category).toBe(category);
  });

  it('never replaces a model that is already there', async () => {
    const before = loadModel(dataDir)!.trainedAt;
    expect(await trainDemoModelIfMissing(training, dataDir, DEMO)).toBeUndefined();
    expect(loadModel(dataDir)!.trainedAt).toBe(before);
  });
});
