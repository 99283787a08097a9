import { describe, expect, it } from 'vitest';
import { entryInputSchema } from './knowledge.schema.js';

function item(situations: unknown[], extra: Record<string, unknown> = {}) {
  return {
    kind: 'item',
    id: 'sit-test',
    name: '测试事项',
    conditions: ['年满十八周岁'],
    materials: [{ id: 'idcard', name: '居民身份证' }, { name: '申请表' }],
    fees: [{ name: '工本费', standard: '每证20元' }],
    charged: true,
    places: [{ name: '政务服务中心', address: '人民路1号' }],
    situations,
    ...extra,
  };
}

function issues(body: unknown) {
  const r = entryInputSchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const plain = { label: '否' };

describe('情形 tree validation', () => {
  it('accepts options naming materials by id or name, conditions, fees, places and follow-ups that exist', () => {
    expect(
      issues(
        item([
          {
            id: 'a',
            question: '是否委托？',
            options: [plain, { label: '是', removeMaterials: ['idcard'], updateMaterials: [{ material: '申请表', copies: 2 }], next: 'b' }],
          },
          { id: 'b', question: '代理人是否成年？', options: [plain, { label: '是', removeConditions: ['年满十八周岁'], removeFees: ['工本费'], places: ['政务服务中心'] }] },
        ]),
      ),
    ).toEqual([]);
  });

  it('names the option path of unknown materials, conditions, fees, places and follow-up questions', () => {
    const found = issues(
      item([
        {
          id: 'a',
          question: '是否委托？',
          options: [
            plain,
            { label: '是', removeMaterials: ['户口簿'], updateMaterials: [{ material: '护照', copies: 1 }], removeConditions: ['未知条件'], removeFees: ['押金'], places: ['火星'], next: 'zz' },
          ],
        },
      ]),
    );
    expect(found.map((f) => f.path)).toEqual([
      'situations.0.options.1.removeMaterials.0',
      'situations.0.options.1.updateMaterials.0.material',
      'situations.0.options.1.removeConditions.0',
      'situations.0.options.1.removeFees.0',
      'situations.0.options.1.places.0',
      'situations.0.options.1.next',
    ]);
    expect(found[0]!.message).toContain('情形问题“是否委托？”的选项“是”：要减少的材料“户口簿”不是本事项的材料');
    expect(found[5]!.message).toContain('后续问题“zz”不存在');
  });

  it('reports a cycle of follow-up questions with the questions along it', () => {
    const found = issues(
      item([
        { id: 'a', question: '问题甲', options: [plain, { label: '是', next: 'b' }] },
        { id: 'b', question: '问题乙', options: [plain, { label: '是', next: ['a'] }] },
      ]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe('情形问题的后续问题形成循环：“问题甲” → “问题乙” → “问题甲”');
  });

  it('rejects two options of one question that change nothing, naming both', () => {
    const found = issues(item([{ id: 'a', question: '户籍？', options: [{ label: '本市' }, { label: '外地' }, { label: '境外', note: '须提供护照' }] }]));
    expect(found.map((f) => f.path)).toEqual(['situations.0.options.0', 'situations.0.options.1']);
    expect(found[0]!.message).toContain('选项“本市”没有任何效果');
    expect(found[0]!.message).toContain('“外地”');
  });

  it('rejects duplicate question ids and option ids (explicit or by position)', () => {
    const found = issues(
      item([
        { id: 'a', question: '问题甲', options: [plain, { id: '1', label: '是', note: 'x' }] },
        { id: 'a', question: '问题乙', options: [plain, { label: '是', note: 'y' }] },
      ]),
    );
    expect(found.map((f) => f.path)).toEqual(['situations.1.id', 'situations.0.options.1.id']);
  });
});
