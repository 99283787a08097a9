import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Classifier, MODEL_FORMAT, train, type TrainingExample } from './model.js';
import { loadModel, modelPath } from './store.js';
import { taxonomyExamples } from './taxonomy-examples.js';

const HISTORY: TrainingExample[] = [
  { title: '小区电梯坏了', text: '小区电梯经常坏，物业不修。', category: '城乡建设' },
  { title: '路灯不亮', text: '小区门口路灯坏了一个月。', category: '城乡建设' },
  { title: '商场乱涨价', text: '超市蔬菜价格上涨太快。', category: '商贸旅游' },
  { title: '景区门票', text: '景区门票太贵，游客不满。', category: '商贸旅游' },
];

const TAXONOMY = ['城乡建设', '城乡建设/物业管理', '城乡建设/物业管理/物业收费', '城乡建设/市政设施/其他', '商贸旅游/市场监管/传销', '商贸旅游/市场监管/直销', '商贸旅游/其他/其他', '公安/治安管理/打架斗殴'];

describe('taxonomy as training examples', () => {
  it('makes one example per leaf, from the names below the first level, without catch-alls or categories the history lacks', () => {
    expect(taxonomyExamples(TAXONOMY, HISTORY)).toEqual([
      { title: '物业收费', text: '物业管理，物业收费', category: '城乡建设' },
      { title: '市政设施', text: '市政设施', category: '城乡建设' },
      { title: '传销', text: '市场监管，传销', category: '商贸旅游' },
      { title: '直销', text: '市场监管，直销', category: '商贸旅游' },
    ]);
  });

  it('labels the examples as deep as the history goes', () => {
    const deep = [{ text: '物业乱收费', category: '城乡建设/物业管理/物业收费' }, { text: '传销', category: '商贸旅游/市场监管/传销' }];
    expect(taxonomyExamples(TAXONOMY, deep).map((e) => e.category)).toEqual(['城乡建设/物业管理/物业收费', '城乡建设/市政设施/其他', '商贸旅游/市场监管/传销', '商贸旅游/市场监管/直销']);
  });

  it('lets a message naming only a taxonomy term reach its category', () => {
    const message = { text: '小区里有人拉人搞传销，请查处。' };
    // the history alone knows 小区 (城乡建设) but never saw 传销
    expect(new Classifier(train(HISTORY)).classify(message).category).toBe('城乡建设');
    const model = train(HISTORY, { taxonomy: TAXONOMY });
    expect(model.taxonomyExamples).toBe(4);
    const r = new Classifier(model).classify(message);
    expect(r.category).toBe('商贸旅游');
    expect(r.terms).toContain('传销');
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('saved model formats', () => {
  it('serves a model saved in format 1 (softmax regression, dense weights, titles counted twice)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-hotline-v1-'));
    dirs.push(dir);
    fs.mkdirSync(path.dirname(modelPath(dir)), { recursive: true });
    const v1 = {
      format: 'xiaozheng.hotline.classifier/1',
      trainedAt: '2026-11-01T00:00:00.000Z',
      examples: 2,
      vocabulary: ['w:公交车', 'w:学校'],
      idf: [1, 1],
      levels: [{ labels: ['交通运输', '教育文体'], weights: [3, -3, -3, 3], bias: [0, 0] }],
    };
    fs.writeFileSync(modelPath(dir), JSON.stringify(v1));
    const model = loadModel(dir)!;
    expect(model.format).toBe(MODEL_FORMAT);
    expect(model.features.titleWeight).toBe(2);
    const r = new Classifier(model).classify({ text: '公交车不停站' });
    expect(r.category).toBe('交通运输');
    // logits 3 and -3 (one unit-length term) through a plain softmax
    expect(r.confidence).toBeCloseTo(1 / (1 + Math.exp(-6)), 4);
    expect(r.terms).toEqual(['公交车']);
  });

  it('refuses a file of an unknown format as no model', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-hotline-v9-'));
    dirs.push(dir);
    fs.mkdirSync(path.dirname(modelPath(dir)), { recursive: true });
    fs.writeFileSync(modelPath(dir), JSON.stringify({ format: 'something/9' }));
    expect(loadModel(dir)).toBeUndefined();
  });
});
