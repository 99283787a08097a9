import { describe, expect, it } from 'vitest';
import { findDuplicates, TermCache } from './duplicates.js';
import type { OrderText } from './intake.repository.js';
import { extractLocation } from './location.js';
import { comparePlaces } from './place.js';

const now = new Date('2026-05-10T00:00:00Z');
let n = 0;
function order(title: string, content: string, daysAgo = 1, status = 'received'): OrderText {
  return {
    id: `O${++n}`,
    title,
    content,
    status,
    category: null,
    divisionCode: null,
    location: JSON.stringify(extractLocation(`${title}。${content}`)),
    createdAt: new Date(now.getTime() - daysAgo * 86400_000).toISOString(),
    reply: null,
    repliedAt: null,
    departmentId: null,
  };
}
const query = (title: string, text: string) => ({ title, text, location: extractLocation(`${title}。${text}`), at: now });

describe('duplicates for 并单', () => {
  it('finds the same matter at the same place recently, and explains why', () => {
    const same = order('A3区华景小区物业乱收停车费', 'A3区华景小区物业擅自提高停车收费标准，每月500元。');
    const otherPlace = order('A5区华景小区物业乱收停车费', 'A5区华景小区物业擅自提高停车收费标准，每月500元。');
    const otherMatter = order('A3区华景小区路灯不亮', 'A3区华景小区门口路灯坏了很久。');
    const tooOld = order('A3区华景小区物业乱收停车费', 'A3区华景小区物业擅自提高停车收费标准。', 45);
    const merged = order('A3区华景小区物业乱收停车费', 'A3区华景小区物业擅自提高停车收费标准。', 1, 'merged');
    const found = findDuplicates(query('华景小区停车费涨价', 'A3区华景小区物业又把停车收费标准提高了，停车费每月500元。'), [same, otherPlace, otherMatter, tooOld, merged]);
    expect(found.map((d) => d.id)).toEqual([same.id]);
    expect(found[0]!.reasons.join(' ')).toMatch(/同一地点：A3区 华景小区/);
    expect(found[0]!.reasons.join(' ')).toMatch(/停车/);
  });

  it('asks for closer text when the place cannot be compared', () => {
    const near = order('停车费涨价', '物业擅自提高停车收费标准，每月500元，业主不同意。');
    const loose = order('物业服务差', '物业公司不打扫卫生，停车管理混乱。');
    const found = findDuplicates(query('物业乱涨停车费', '物业擅自提高停车收费标准，每月500元，业主都不同意。'), [near, loose], new TermCache());
    expect(found.map((d) => d.id)).toEqual([near.id]);
    expect(found[0]!.reasons).toContain('地点未能比对');
  });

  it('compares places by township, estate and road, across the kind suffix', () => {
    expect(comparePlaces({ area: 'A2区', community: '丽发新城小区' }, { area: 'A2区', community: '丽发新城社区' }).relation).toBe('same');
    expect(comparePlaces({ area: 'A2区', road: '联丰路' }, { area: 'A2区', road: '劳动路' }).relation).toBe('different');
    expect(comparePlaces({ area: 'A2区' }, { area: 'A3区' }).relation).toBe('different');
    expect(comparePlaces({ area: 'A2区' }, { road: '联丰路' }).relation).toBe('unknown');
  });
});
