import { describe, expect, it } from 'vitest';
import { TermCache } from '../intake/duplicates.js';
import type { OrderText } from '../intake/intake.repository.js';
import { parseBeijingTime } from './history-import.js';
import { composeDraft, ReplyIndex } from './reply-draft.js';

const replied = (id: string, title: string, content: string, reply: string): OrderText => ({
  id,
  title,
  content,
  status: 'closed',
  category: null,
  divisionCode: null,
  location: '{}',
  createdAt: '2026-01-01T00:00:00.000Z',
  reply,
  repliedAt: '2026-01-05T00:00:00.000Z',
  departmentId: null,
});

describe('reply drafts', () => {
  const history = [
    replied('A', '小区电梯故障', '锦苑小区电梯经常故障停运。', '网友您好！您的留言已收悉。经调查核实，该电梯因主板老化故障，区市场监管局已责令物业公司两周内更换主板。感谢您对我们工作的理解和支持。2026年1月5日'),
    replied('B', '学校补课收费', '学校组织有偿补课。', '您好！经查，该校已停止有偿补课并退还费用。'),
  ];
  const index = new ReplyIndex(history, new TermCache());

  it('borrows what was found and done from the most similar reply, not its greeting, thanks or date', () => {
    const order = { title: '锦苑小区电梯又坏了', content: '锦苑小区电梯故障停运三天。' };
    const similar = index.similar(order);
    expect(similar.map((s) => s.order.id)).toEqual(['A']);
    const { draft, sources } = composeDraft(order, similar, []);
    expect(draft).toContain('责令物业公司两周内更换主板');
    expect(draft).not.toContain('留言已收悉');
    expect(draft).not.toContain('2026年1月5日');
    expect(draft.match(/感谢/g)).toHaveLength(1);
    expect(sources).toEqual([expect.objectContaining({ kind: 'order', id: 'A', quote: expect.stringContaining('更换主板') })]);
  });

  it('leaves a marked gap for the handler when no history is similar, and cites knowledge passages', () => {
    const order = { title: '公园健身器材损坏', content: '湖滨公园健身器材损坏。' };
    expect(index.similar(order)).toEqual([]);
    const { draft, sources } = composeDraft(order, [], [{ entryId: 'P1', version: 2, title: '公园管理办法', start: 10, end: 30, text: '公园管理单位应当定期检查维护健身器材。', score: 9 }]);
    expect(draft).toContain('【请填写调查核实情况和处理结果】');
    expect(draft).toContain('依据《公园管理办法》：公园管理单位应当定期检查维护健身器材。');
    expect(sources).toEqual([expect.objectContaining({ kind: 'knowledge', id: 'P1', version: 2, start: 10, end: 30 })]);
  });

  it('reads export times as Beijing time', () => {
    expect(parseBeijingTime('2019-2-28 11:25:05')).toBe('2019-02-28T03:25:05.000Z');
    expect(parseBeijingTime('2019-02-28')).toBe('2019-02-27T16:00:00.000Z');
    expect(parseBeijingTime('2019-2-30 10:00:00')).toBeUndefined();
    expect(parseBeijingTime('昨天')).toBeUndefined();
  });
});
