import { describe, expect, it } from 'vitest';
import { renderEntry } from '../knowledge/entry-text.js';
import { entryInputSchema, type ServiceItem } from '../knowledge/knowledge.schema.js';
import { computeChecklist, presentation, type ItemSource } from './checklist.js';

function source(overrides: Record<string, unknown> = {}): ItemSource {
  const body = entryInputSchema.parse({
    kind: 'item',
    id: 'idcard-renew',
    name: '居民身份证换领',
    conditions: ['具有本市常住户口', '原证有效期满'],
    materials: [
      { id: 'old', name: '原居民身份证', type: '1', originals: 1, form: '纸质' },
      { name: '居民户口簿', type: '1', necessity: '2', originals: 1, form: '纸质' },
      { name: '申领登记表', type: '2', originals: 1, form: '纸质', blankForm: 'https://example.gov.cn/form.docx', sample: 'https://example.gov.cn/sample.pdf' },
    ],
    promisedTimeLimit: { value: 15, unit: '工作日' },
    charged: true,
    fees: [
      { name: '工本费（换领）', standard: '每证20元' },
      { name: '工本费（损坏换领）', standard: '每证40元' },
    ],
    places: [
      { name: '政务服务中心', address: '禾兴路188号', hours: '工作日 9:00—17:30' },
      { name: '派出所', address: '禾兴路52号' },
    ],
    situations: [
      {
        id: 'reason',
        question: '换领原因？',
        options: [
          { id: 'expiry', label: '有效期满', removeFees: ['工本费（损坏换领）'] },
          { id: 'damaged', label: '证件损坏', removeFees: ['工本费（换领）'], removeConditions: ['原证有效期满'], addConditions: ['证件严重损坏不能辨认'] },
        ],
      },
      {
        id: 'huji',
        question: '是否本市户籍？',
        options: [
          { id: 'local', label: '本市户籍' },
          { id: 'other', label: '外省市户籍', promisedTimeLimit: { value: 20, unit: '工作日' }, places: ['政务服务中心'], next: 'residence' },
        ],
      },
      {
        id: 'residence',
        question: '是否持有本市居住证？',
        options: [
          { id: 'yes', label: '持有', addMaterials: [{ name: '居住证', type: '1', originals: 1, copies: 1, form: '纸质/电子' }] },
          { id: 'no', label: '未持有', note: '可先申领居住证' },
        ],
      },
      {
        id: 'minor',
        question: '是否未满十六周岁？',
        options: [
          { label: '已满十六周岁' },
          { label: '未满十六周岁', updateMaterials: [{ material: '居民户口簿', necessity: '1' }], addMaterials: [{ name: '监护人居民身份证', originals: 1, form: '纸质' }], removeMaterials: ['old'] },
        ],
      },
    ],
    ...overrides,
  }) as ServiceItem & { kind: 'item' };
  const r = renderEntry(body);
  return { docId: body.id, version: 3, department: '公安分局', passages: r.passages, body };
}

const names = (c: ReturnType<typeof computeChecklist>) => c.materials.map((m) => m.name);

describe('personal checklist', () => {
  it('asks the top-level questions first and shows the plain guide when nothing is answered', () => {
    const c = computeChecklist(source(), {});
    expect(c.complete).toBe(false);
    expect(c.remaining.map((q) => q.questionId)).toEqual(['reason', 'huji', 'minor']);
    expect(names(c)).toEqual(['原居民身份证', '居民户口簿', '申领登记表']);
    expect(c.fees.items.map((f) => f.name)).toEqual(['工本费（换领）', '工本费（损坏换领）']);
    expect(c.cite).toEqual({ docId: 'idcard-renew', version: 3 });
  });

  it('asks a follow-up only after the answer that leads to it, right after its question', () => {
    const local = computeChecklist(source(), { huji: 'local' });
    expect(local.remaining.map((q) => q.questionId)).toEqual(['reason', 'minor']);
    const other = computeChecklist(source(), { huji: 'other' });
    expect(other.remaining.map((q) => q.questionId)).toEqual(['reason', 'residence', 'minor']);
    expect(other.remaining[1]!.followUpOf).toEqual({ key: 'huji', optionId: 'other' });
    // a stale follow-up answer (the citizen went back and chose 本市户籍) has no effect
    const stale = computeChecklist(source(), { huji: 'local', residence: 'yes' });
    expect(names(stale)).not.toContain('居住证');
    expect(stale.answered.map((a) => a.questionId)).toEqual(['huji']);
  });

  it('applies option effects and tags each element with the answer that caused it', () => {
    const c = computeChecklist(source(), { reason: 'damaged', huji: 'other', residence: 'yes', minor: '2' });
    expect(c.complete).toBe(true);
    expect(names(c)).toEqual(['居民户口簿', '申领登记表', '居住证', '监护人居民身份证']);
    expect(c.removedMaterials).toMatchObject([{ name: '原居民身份证', causes: [{ questionId: 'minor', optionId: '2', option: '未满十六周岁' }] }]);
    const book = c.materials.find((m) => m.name === '居民户口簿')!;
    expect(book).toMatchObject({ required: true, necessityLabel: '必要', causes: [{ questionId: 'minor' }] });
    const residence = c.materials.find((m) => m.name === '居住证')!;
    expect(residence.presentation).toEqual(['原件1份', '复印件1份', '或电子版']);
    expect(residence.causes).toEqual([{ questionId: 'residence', question: '是否持有本市居住证？', optionId: 'yes', option: '持有' }]);
    expect(residence.cite).toMatchObject({ docId: 'idcard-renew', version: 3, label: 'situation:residence' });
    const form = c.materials.find((m) => m.name === '申领登记表')!;
    expect(form).toMatchObject({ blankForm: 'https://example.gov.cn/form.docx', sample: 'https://example.gov.cn/sample.pdf', causes: [] });
    expect(c.conditions.map((x) => x.text)).toEqual(['具有本市常住户口', '证件严重损坏不能辨认']);
    expect(c.removedConditions.map((x) => x.text)).toEqual(['原证有效期满']);
    expect(c.timeLimits.promised).toMatchObject({ value: 20, text: '20个工作日', causes: [{ optionId: 'other' }] });
    expect(c.fees.items.map((f) => `${f.name}${f.standard}`)).toEqual(['工本费（损坏换领）每证40元']);
    expect(c.fees.charged).toBe(true);
    expect(c.where.places.map((p) => p.name)).toEqual(['政务服务中心']);
    expect(c.where.causes).toMatchObject([{ optionId: 'other' }]);
  });

  it('makes a free item when options remove every fee', () => {
    const s = source({ situations: [{ id: 'dibao', question: '是否低保对象？', options: [{ label: '否' }, { label: '是', removeFees: ['工本费（换领）', '工本费（损坏换领）'] }] }] });
    expect(computeChecklist(s, { dibao: '1' }).fees.charged).toBe(true);
    const free = computeChecklist(s, { dibao: '2' });
    expect(free.fees).toMatchObject({ charged: false, items: [] });
    expect(free.fees.removed.map((f) => f.name)).toEqual(['工本费（换领）', '工本费（损坏换领）']);
  });

  it('applies every option of a multiple-choice question', () => {
    const s = source({
      situations: [{ id: 'scope', question: '经营范围？', multiple: true, options: [{ id: 'food', label: '食品', addConditions: ['须办理食品经营许可'] }, { id: 'drug', label: '药品', addConditions: ['须办理药品经营许可'] }] }],
    });
    const c = computeChecklist(s, { scope: ['drug', 'food'] });
    expect(c.conditions.slice(-2).map((x) => x.text)).toEqual(['须办理食品经营许可', '须办理药品经营许可']);
  });

  it('rejects unknown questions, unknown options and two options for a single choice, naming the question', () => {
    expect(() => computeChecklist(source(), { nope: 'x' })).toThrow('事项“居民身份证换领”没有情形问题“nope”');
    expect(() => computeChecklist(source(), { huji: 'mars' })).toThrow('情形问题“是否本市户籍？”（huji）没有选项“mars”');
    expect(() => computeChecklist(source(), { huji: ['local', 'other'] })).toThrow('情形问题“是否本市户籍？”（huji）只能选择一项');
  });

  it('says how to bring a material', () => {
    expect(presentation({ originals: 1, copies: 2, form: '纸质' })).toEqual(['原件1份', '复印件2份']);
    expect(presentation({ originals: 0, copies: 0, form: '电子' })).toEqual(['电子版']);
    expect(presentation({ originals: 0, copies: 0, form: '纸质/电子' })).toEqual(['纸质或电子版']);
  });
});
