import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crossValidate, parseTrainingJsonl } from './evaluate.js';
import { seededRandom, stratifiedFolds } from './folds.js';
import { Classifier, train, type TrainingExample } from './model.js';
import { classifyType } from './order-type.js';
import { ClassifierStore, loadModel, saveModel } from './store.js';

/** Three topics with their own vocabulary, mixed with filler every topic shares. */
const TOPICS: Record<string, string[]> = {
  '城乡建设/物业管理': ['物业', '电梯', '小区', '维修基金', '业主委员会', '停车位'],
  '环境保护/噪声污染': ['噪音', '工地', '夜间施工', '扰民', '分贝', '睡眠'],
  '教育文体/教育': ['学校', '学生', '老师', '补课', '学费', '入学'],
};
const FILLER = ['我们', '希望', '有关部门', '尽快', '解决', '问题', '已经', '很久', '反映', '多次'];

function synthetic(perTopic: number, seed: number): TrainingExample[] {
  const rand = seededRandom(seed);
  const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)]!;
  const out: TrainingExample[] = [];
  for (const [category, words] of Object.entries(TOPICS)) {
    for (let i = 0; i < perTopic; i++) {
      const parts = [pick(FILLER), pick(words), pick(FILLER), pick(words), pick(FILLER), pick(FILLER)];
      out.push({ title: `${pick(words)}${pick(FILLER)}`, text: parts.join('，') + '。', category });
    }
  }
  return out;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('hotline classifier', () => {
  const examples = synthetic(20, 1);
  const classifier = new Classifier(train(examples));

  it('learns separable classes and classifies messages it was not trained on', () => {
    const unseen = synthetic(10, 99);
    const right = unseen.filter((e) => classifier.classify(e).category === e.category).length;
    expect(right / unseen.length).toBeGreaterThanOrEqual(0.9);
  });

  it('predicts the deeper level under the first-level category and offers the other first levels as alternatives', () => {
    const r = classifier.classify({ title: '电梯坏了', text: '小区的电梯坏了一个月，物业不维修，业主委员会也不管。' });
    expect(r.category).toBe('城乡建设/物业管理');
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.alternatives.map((a) => a.category).sort()).toEqual(['教育文体', '环境保护']);
    for (const a of r.alternatives) expect(a.confidence).toBeLessThan(r.confidence);
  });

  it('explains the decision with the topic words present in the message, not the shared filler', () => {
    const r = classifier.classify({ text: '工地夜间施工噪音扰民，我们希望有关部门尽快解决。' });
    expect(r.category).toBe('环境保护/噪声污染');
    expect(r.terms.length).toBeGreaterThan(0);
    expect(r.terms.some((t) => ['噪音', '工地', '夜间施工', '扰民', '施工'].includes(t))).toBe(true);
    expect(r.terms).not.toContain('希望');
    expect(r.terms).not.toContain('有关部门');
  });

  it('explains with whole words, not the character n-grams that also weighed in', () => {
    const history: TrainingExample[] = [
      { title: '物业费上涨', text: '小区物业公司没有召开业主大会就把物业费涨了。', category: '城乡建设' },
      { title: '物业乱收费', text: '物业公司收取装修押金，收费没有依据。', category: '城乡建设' },
      { title: '物业收费不合理', text: '物业收费标准不透明，业主要求公开收费明细。', category: '城乡建设' },
      { title: '公交车不停站', text: '公交车经常不按站停靠，司机不让乘客上车。', category: '交通运输' },
      { title: '公交车太挤', text: '早高峰公交车太挤，希望增加班次。', category: '交通运输' },
    ];
    const r = new Classifier(train(history)).classify({ title: '小区物业收费不公示', text: '物业公司收取的各项费用从不公示收费标准。' });
    expect(r.category).toBe('城乡建设');
    expect(r.terms).toContain('物业');
    for (const fragment of ['物业收', '业收费', '区物业']) expect(r.terms).not.toContain(fragment);
  });

  it('round-trips through the saved model file, and the store picks up a retrained model', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-hotline-'));
    dirs.push(dir);
    const store = new ClassifierStore(dir);
    expect(store.current()).toBeUndefined();
    saveModel(dir, classifier.model);
    expect(fs.readdirSync(path.join(dir, 'hotline'))).toEqual(['model.json']);
    const input = { title: '学校乱收费', text: '学校让学生交补课费，老师说不交不能入学。' };
    expect(new Classifier(loadModel(dir)!).classify(input)).toEqual(classifier.classify(input));
    expect(store.current()!.classify(input).category).toBe('教育文体/教育');
    // retrained on education messages only: the store must serve the new file
    saveModel(dir, train(examples.filter((e) => e.category.startsWith('教育'))));
    expect(store.current()!.model.levels[0]!.labels).toEqual(['教育文体']);
  });

  it('cross-validates on stratified, repeatable folds', () => {
    const classes = examples.map((e) => e.category);
    const folds = stratifiedFolds(classes, 5, 7);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(examples.map((_, i) => i));
    for (const f of folds) expect(f.length).toBe(12);
    expect(stratifiedFolds(classes, 5, 7)).toEqual(folds);
    const report = crossValidate(examples, 5);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.perClass.map((c) => c.support)).toEqual([20, 20, 20]);
  });
});

describe('training file', () => {
  it('reports every bad line by its number and keeps the good ones', () => {
    const content = [
      JSON.stringify({ title: '标题', text: '内容', category: '城乡建设 / 物业管理' }),
      '{not json',
      JSON.stringify({ title: '标题', text: '', category: '城乡建设' }),
      '',
      JSON.stringify({ text: '内容', category: '' }),
      JSON.stringify({ text: '内容', category: '交通运输' }),
    ].join('\n');
    const { examples, errors } = parseTrainingJsonl(content);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 5]);
    expect(errors[1]!.message).toContain('text');
    expect(errors[2]!.message).toContain('category');
    expect(examples).toEqual([
      { title: '标题', text: '内容', category: '城乡建设/物业管理' },
      { title: undefined, text: '内容', category: '交通运输' },
    ]);
  });
});

describe('工单 type from cue words', () => {
  it.each([
    ['请问新生儿医保怎么办理？需要带什么材料吗？', '咨询'],
    ['举报某饭店无证经营，违法排放污水', '举报'],
    ['投诉物业乱收费，态度恶劣', '投诉'],
    ['建议在路口增设红绿灯', '建议'],
    ['感谢社区工作人员，为他们点赞，特此表扬', '表扬'],
    ['家里老人重病，生活困难，恳请救助', '求助'],
    ['小区门口垃圾三天没人清理，臭味很大', '投诉'],
    ['楼道灯坏了多次反映，物业迟迟不修', '投诉'],
  ])('%s → %s', (text, type) => {
    expect(classifyType(undefined, text)).toBe(type);
  });
});
